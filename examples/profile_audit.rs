//! Times each analyzer on one package (directory or archive): `cargo run --release --example
//! profile_audit -- PATH`.
#![allow(clippy::print_stdout)]

use std::time::Instant;

use mcp_audit::analyze::{self, source::SourceSet, Context};
use mcp_audit::identify::Manifests;

fn main() {
    let path = std::env::args().nth(1).expect("a package path");
    let t = Instant::now();
    let tree = mcp_audit::sandbox::unpack(path.as_ref(), &mcp_audit::sandbox::Limits::default())
        .expect("unpack");
    println!("unpack        {:>8.2?}", t.elapsed());
    let t = Instant::now();
    let manifests = Manifests::load(&tree).expect("manifests");
    let identity = manifests.identify(None).expect("identity");
    let sources = SourceSet::load(&tree);
    println!(
        "load sources  {:>8.2?} ({} files)",
        t.elapsed(),
        sources.files.len()
    );
    let ctx = Context {
        tree: &tree,
        manifests: &manifests,
        identity: &identity,
        sources: &sources,
        registry: None,
    };
    let t = Instant::now();
    let extraction = analyze::tools::extract(&ctx.unpacked());
    println!("tools         {:>8.2?}", t.elapsed());
    let t = Instant::now();
    let _ = analyze::descriptions::analyze(&extraction.tools, &extraction.texts);
    println!(
        "descriptions  {:>8.2?} ({} tools, {} texts)",
        t.elapsed(),
        extraction.tools.len(),
        extraction.texts.len()
    );
    let t = Instant::now();
    let _ = analyze::descriptions::analyze(&extraction.tools, &extraction.texts);
    println!("  again       {:>8.2?} (patterns compiled)", t.elapsed());
    let t = Instant::now();
    let _ = analyze::manifest::analyze(&ctx);
    println!("manifest      {:>8.2?}", t.elapsed());
    let t = Instant::now();
    let f = analyze::code::analyze(&ctx, &extraction.tools);
    println!("code          {:>8.2?} ({} findings)", t.elapsed(), f.len());
    let t = Instant::now();
    let _ = analyze::metadata::analyze(&ctx);
    println!("metadata      {:>8.2?}", t.elapsed());
}
