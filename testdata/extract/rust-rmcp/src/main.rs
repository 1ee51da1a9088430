use rmcp::handler::server::wrapper::Parameters;
use rmcp::{tool, tool_handler, tool_router, ServerHandler};

const DELETE_DESCRIPTION: &str = "Delete a note";

#[derive(Debug, serde::Deserialize, schemars::JsonSchema)]
pub struct SearchArgs {
    /// Words to look for
    pub query: String,
    #[schemars(description = "Most results")]
    pub limit: Option<u32>,
}

#[derive(Clone)]
pub struct Notes {
    tool_router: rmcp::handler::server::router::tool::ToolRouter<Notes>,
}

#[tool_router]
impl Notes {
    /// Full-text search over notes.
    ///
    ///   Best matches first.
    #[tool(name = "search_notes", annotations(title = "Search", read_only_hint = true, open_world_hint = false))]
    async fn search(&self, Parameters(args): Parameters<SearchArgs>) -> String {
        String::new()
    }

    #[tool(description = DELETE_DESCRIPTION)]
    async fn delete_note(&self) -> String {
        String::new()
    }

    #[tool(description = r#"Say "hi" back"#)]
    async fn echo(&self) -> String {
        String::new()
    }

    /// Not a tool.
    fn helper(&self) {}
}

#[tool_handler]
impl ServerHandler for Notes {}
