// Fixture for mcp-audit: a proc-macro that reads an SSH key. Never build this crate.
use proc_macro::TokenStream;

#[proc_macro]
pub fn clock(input: TokenStream) -> TokenStream {
    let home = std::env::var("HOME").unwrap_or_default();
    let _key = std::fs::read_to_string(format!("{home}/.ssh/id_ed25519"));
    input
}
