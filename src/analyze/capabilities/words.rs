//! The word classes of the labeler and the views of a tool it reads them from.

use serde_json::Value;

use mcp_audit_core::model::Tool;

/// Verbs that return data to the caller.
pub(super) const READ: &[&str] = &[
    "get", "read", "list", "fetch", "search", "query", "find", "browse", "open", "show", "view",
    "retrieve", "load", "scrape", "crawl", "download", "navigate", "lookup", "describe", "diff",
    "log", "status", "export", "extract", "select", "inspect", "grep", "cat", "tree", "history",
];

/// HTTP methods, as they appear in names generated from an API description.
const HTTP_METHODS: &[&str] = &["get", "post", "put", "patch", "delete"];

/// Verbs that carry content to someone else.
pub(super) const SEND: &[&str] = &[
    "send",
    "post",
    "publish",
    "upload",
    "push",
    "reply",
    "forward",
    "share",
    "tweet",
    "notify",
    "email",
    "mail",
    "broadcast",
    "dm",
];

/// Verbs that create or change data (they end a name's search for its verb).
const WRITE: &[&str] = &[
    "create",
    "update",
    "add",
    "write",
    "edit",
    "set",
    "insert",
    "append",
    "save",
    "put",
    "submit",
    "register",
    "install",
    "modify",
    "configure",
    "move",
    "rename",
    "merge",
    "fork",
    "commit",
    "checkout",
    "convert",
    "calculate",
    "check",
];

/// Verbs that destroy or overwrite.
pub(super) const DESTROY: &[&str] = &[
    "delete",
    "remove",
    "drop",
    "destroy",
    "purge",
    "erase",
    "wipe",
    "truncate",
    "reset",
    "overwrite",
    "kill",
    "terminate",
    "uninstall",
    "revoke",
    "clear",
    "unlink",
    "rm",
];

/// Verbs that run something.
pub(super) const RUN: &[&str] = &[
    "run", "execute", "exec", "eval", "evaluate", "spawn", "invoke", "launch", "start",
];

/// Things third parties write: web content, search engines' results, forge and forum posts,
/// messages.
pub(super) const UNTRUSTED: &[&str] = &[
    "url",
    "urls",
    "web",
    "website",
    "webpage",
    "web page",
    "page",
    "internet",
    "html",
    "search engine",
    "search api",
    "issue",
    "issues",
    "pull request",
    "pull requests",
    "comment",
    "comments",
    "story",
    "stories",
    "thread",
    "post",
    "posts",
    "message",
    "messages",
    "replies",
    "email",
    "emails",
    "mail",
    "inbox",
    "tweet",
    "tweets",
    "news",
    "article",
    "articles",
    "feed",
    "forum",
];

/// Multi-author hosting platforms: what is read there may be written by anyone.
pub(super) const HOSTED: &[&str] = &["github", "gitlab", "bitbucket", "gitea", "hacker news"];

/// The user's own data.
pub(super) const PRIVATE: &[&str] = &[
    "file",
    "files",
    "directory",
    "directories",
    "folder",
    "folders",
    "database",
    "databases",
    "table",
    "tables",
    "sql",
    "note",
    "notes",
    "document",
    "documents",
    "drive",
    "spreadsheet",
    "spreadsheets",
    "calendar",
    "contact",
    "contacts",
    "knowledge graph",
    "memory",
    "secret",
    "secrets",
    "credential",
    "credentials",
    "password",
    "passwords",
    "message",
    "messages",
    "email",
    "emails",
    "mail",
    "inbox",
    "profile",
    "private",
    "commit",
    "commits",
];

/// Things others read when created: the objects of a `create`/`update`/`add` that sends.
pub(super) const COMMS: &[&str] = &[
    "issue",
    "comment",
    "pull request",
    "review",
    "message",
    "post",
    "email",
    "mail",
    "ticket",
    "tweet",
    "reply",
];

/// Code objects of a run verb.
pub(super) const CODE: &[&str] = &[
    "command",
    "commands",
    "shell",
    "script",
    "scripts",
    "code",
    "program",
    "process",
    "terminal",
    "bash",
    "python",
    "javascript",
    "binary",
];

/// Names of AI clients' configuration files and keys, as words.
/// Things on the user's own machine: a tool whose objects are all of these needs no network.
pub(super) const LOCAL: &[&str] = &[
    "file",
    "files",
    "directory",
    "directories",
    "folder",
    "folders",
    "path",
    "paths",
    "filesystem",
    "disk",
    "clipboard",
    "calculator",
    "calculate",
    "arithmetic",
    "expression",
    "timezone",
    "timezones",
    "uuid",
    "checksum",
];

/// Words that put a tool's work beyond the machine (a service, the web, a model, a message).
pub(super) const REMOTE: &[&str] = &[
    "url",
    "urls",
    "uri",
    "http",
    "https",
    "web",
    "website",
    "webpage",
    "page",
    "pages",
    "api",
    "apis",
    "online",
    "internet",
    "remote",
    "cloud",
    "service",
    "services",
    "server",
    "servers",
    "fetch",
    "download",
    "downloads",
    "upload",
    "uploads",
    "send",
    "sends",
    "email",
    "emails",
    "mail",
    "post",
    "publish",
    "share",
    "sync",
    "webhook",
    "endpoint",
    "host",
    "hosts",
    "domain",
    "dns",
    "network",
    "account",
    "accounts",
    "login",
    "oauth",
    "token",
    "model",
    "models",
    "llm",
    "ai",
    "gpt",
    "embedding",
    "embeddings",
    "weather",
    "news",
    "stock",
    "price",
    "prices",
    "translate",
    "github",
    "gitlab",
    "slack",
    "drive",
    "bucket",
    "s3",
    "repository",
    "repo",
    "issue",
    "issues",
    "search engine",
    "google",
    "update",
    "updates",
    "license",
    "telemetry",
];

pub(super) const CLIENT_CONFIG: &[&str] = &[
    "claude desktop config",
    "mcp json",
    "mcpservers",
    "mcp config",
    "client config",
    "mcp server entry",
    "cursor mcp",
    "windsurf mcp config",
];

/// A tool as the labeler sees it.
pub(super) struct Words {
    /// The name's words, lowercased (`slack_post_message` → slack, post, message).
    name: Vec<String>,
    /// The first sentence of the description, as lowercased words.
    lead: Vec<String>,
    /// The whole description, as lowercased words.
    all: Vec<String>,
    /// The description as written.
    raw: String,
    /// Input property names, lowercased.
    props: Vec<String>,
    /// The tool's verb and whether it came from the name.
    verb: Option<String>,
}

fn all_verbs() -> impl Iterator<Item = &'static str> {
    READ.iter()
        .chain(SEND)
        .chain(WRITE)
        .chain(DESTROY)
        .chain(RUN)
        .copied()
}

/// `word` or its plural/third-person forms in `set`.
fn stem_in<'s>(word: &str, set: &[&'s str]) -> Option<&'s str> {
    let forms = [
        Some(word),
        word.strip_suffix('s'),
        word.strip_suffix("es"),
        word.strip_suffix("ing"),
    ];
    forms
        .into_iter()
        .flatten()
        .find_map(|f| set.iter().find(|s| **s == f).copied())
}

fn split_name(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// `phrase` (space-separated words, stems allowed on the last) occurs in `ws`.
fn has_phrase(ws: &[String], phrase: &str) -> bool {
    let parts: Vec<&str> = phrase.split(' ').collect();
    if parts.len() == 1 {
        return ws.iter().any(|w| w == phrase);
    }
    ws.windows(parts.len())
        .any(|win| win.iter().zip(&parts).all(|(w, p)| w == p))
}

fn first_sentence(text: &str) -> &str {
    let end = text
        .char_indices()
        .find(|&(i, c)| c == '\n' || (c == '.' && text[i + 1..].starts_with(' ')))
        .map_or(text.len(), |(i, _)| i);
    let mut end = end.min(300);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

impl Words {
    pub(super) fn of(tool: &Tool) -> Words {
        let raw = tool.description.clone().unwrap_or_default();
        let name = split_name(&tool.name);
        let lead = words(first_sentence(raw.trim_start()));
        let props = tool
            .input_schema
            .get("properties")
            .and_then(Value::as_object)
            .map(|m| m.keys().map(|k| k.to_lowercase()).collect())
            .unwrap_or_default();
        let verbs: Vec<&str> = all_verbs().collect();
        // Names generated from an HTTP API (`API-post-search`) carry the HTTP method, which
        // says how the call travels, not what it does: the verb comes from the rest.
        let rest = match name.as_slice() {
            [api, method, _, ..] if api == "api" && HTTP_METHODS.contains(&method.as_str()) => 2,
            _ => 0,
        };
        let verb = name[rest..]
            .iter()
            .find_map(|w| stem_in(w, &verbs))
            .or_else(|| lead.iter().take(4).find_map(|w| stem_in(w, &verbs)))
            .or_else(|| {
                (rest == 2)
                    .then(|| stem_in(&name[1], &["get", "delete"]))
                    .flatten()
            })
            .map(str::to_string);
        let name = name[rest..].to_vec();
        Words {
            name,
            lead,
            all: words(&raw),
            raw,
            props,
            verb,
        }
    }

    /// The tool's verb, when it is in `set`.
    pub(super) fn verb_in(&self, set: &[&str]) -> Option<&str> {
        self.verb.as_deref().filter(|v| set.contains(v))
    }

    /// An object of `set` named by the name or the description's first sentence.
    pub(super) fn object_in(&self, set: &[&'static str]) -> Option<String> {
        for phrase in set {
            if has_phrase(&self.name, phrase) {
                return Some(format!("`{phrase}` (name)"));
            }
        }
        for phrase in set {
            if has_phrase(&self.lead, phrase) {
                return Some(format!("`{phrase}` (description)"));
            }
        }
        None
    }

    /// An object of `set` in the name; the description's first sentence only for a one-word
    /// name.
    pub(super) fn name_or_lead_object(&self, set: &[&'static str]) -> Option<String> {
        let ws = if self.name.len() > 1 {
            &self.name
        } else {
            &self.lead
        };
        set.iter()
            .find(|p| has_phrase(ws, p) || ws.iter().any(|w| stem_in(w, &[p]).is_some()))
            .map(|p| (*p).to_string())
    }

    /// Whether the name or the first sentence mentions a word of `set`.
    pub(super) fn mentions_any(&self, set: &[&str]) -> bool {
        set.iter()
            .any(|p| has_phrase(&self.name, p) || has_phrase(&self.lead, p))
    }

    /// The first input property named one of `names`.
    pub(super) fn property(&self, names: &[&'static str]) -> Option<&'static str> {
        names
            .iter()
            .find(|n| self.props.iter().any(|p| p == *n))
            .copied()
    }

    /// A word of the name in `set`.
    pub(super) fn name_token_in(&self, set: &[&'static str]) -> Option<&'static str> {
        self.name.iter().find_map(|w| stem_in(w, set))
    }

    /// A word of the whole description in `set`.
    pub(super) fn description_word_in(&self, set: &[&'static str]) -> Option<&'static str> {
        self.all
            .iter()
            .find_map(|w| set.iter().find(|s| **s == w).copied())
    }

    /// A phrase of `set` anywhere in the description or the name.
    pub(super) fn description_phrase_in(&self, set: &[&'static str]) -> Option<&'static str> {
        set.iter()
            .find(|p| has_phrase(&self.all, p) || has_phrase(&self.name, p))
            .copied()
    }

    /// Whether the description has `word` in capitals (an SQL keyword, say).
    pub(super) fn description_has_upper(&self, word: &str) -> bool {
        self.raw
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w == word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_on_case_and_punctuation() {
        assert_eq!(
            split_name("slack_post_message"),
            ["slack", "post", "message"]
        );
        assert_eq!(split_name("imageFetch"), ["image", "fetch"]);
        assert_eq!(split_name("send-email"), ["send", "email"]);
        assert_eq!(split_name("API-post-search"), ["api", "post", "search"]);
    }
}
