//! Capability profiles: what each tool can do, by classes of wording and schema shape.
//!
//! A tool gets zero or more [`Label`]s, each with the evidence that gave it. The labeler reads
//! what the tool says about itself — the words of its name, the leading verb of its
//! description, the objects it names and the names of its input properties — and sorts them
//! into classes (read verbs, send verbs, destroy verbs, run verbs; untrusted objects, private
//! objects, code objects, client-config objects). No tool or server is named anywhere here: a
//! label is the product of a verb class and an object class (or a schema shape), so a new
//! server is labeled by the same reasoning as the ones in the labeled set
//! (`testdata/capabilities/labels.jsonl`, figures in `docs/toxic-flows.md`).
//!
//! Declared annotations are compared with the profile by [`annotation_contradictions`].

mod words;

use std::collections::BTreeMap;

use serde_json::Value;

use mcp_audit_core::model::Tool;
use words::{
    Words, CLIENT_CONFIG, CODE, COMMS, DESTROY, HOSTED, LOCAL, PRIVATE, READ, REMOTE, RUN, SEND,
    UNTRUSTED,
};

/// One capability of a tool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Label {
    /// Returns content third parties can write: web pages, search results, issues, comments,
    /// messages, mail.
    ReadsUntrustedContent,
    /// Returns the user's own data: files, databases, documents, repositories, notes, mail.
    ReadsPrivateData,
    /// Carries caller-supplied content to someone else: messages, mail, posts, issues, uploads.
    SendsExternally,
    /// Runs commands, scripts or code.
    ExecutesCode,
    /// Deletes or overwrites existing data.
    Destructive,
    /// Writes an AI client's configuration (which servers it runs).
    ModifiesClientConfig,
}

impl Label {
    /// Every label, in report order.
    pub const ALL: [Label; 6] = [
        Label::ReadsUntrustedContent,
        Label::ReadsPrivateData,
        Label::SendsExternally,
        Label::ExecutesCode,
        Label::Destructive,
        Label::ModifiesClientConfig,
    ];

    /// The kebab-case name used in reports and in the labeled set.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Label::ReadsUntrustedContent => "reads-untrusted-content",
            Label::ReadsPrivateData => "reads-private-data",
            Label::SendsExternally => "sends-externally",
            Label::ExecutesCode => "executes-code",
            Label::Destructive => "destructive",
            Label::ModifiesClientConfig => "modifies-client-config",
        }
    }

    /// Parses [`Label::as_str`].
    #[must_use]
    pub fn parse(text: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|l| l.as_str() == text)
    }
}

impl std::fmt::Display for Label {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A tool's labels, each with why.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profile {
    /// The tool's name.
    pub tool: String,
    /// Label → evidence (one line: which words or properties gave it).
    pub labels: BTreeMap<Label, String>,
}

impl Profile {
    /// Whether the tool has `label`.
    #[must_use]
    pub fn has(&self, label: Label) -> bool {
        self.labels.contains_key(&label)
    }
}

/// Whether a tool, by its own words, works only on the user's machine (its files, directories,
/// clipboard, a calculation, a time zone): it names a local object and nothing beyond the
/// machine (a URL, a service, an account, a model, a message), and takes no URL argument.
/// Returns the words that say so. Unsure is `None`: the caller treats the tool as one that may
/// need the network.
#[must_use]
pub fn works_locally(tool: &Tool) -> Option<String> {
    let w = Words::of(tool);
    let local = w
        .name_token_in(LOCAL)
        .or_else(|| w.description_word_in(LOCAL))?;
    if w.description_phrase_in(REMOTE).is_some()
        || w.name_token_in(REMOTE).is_some()
        || w.property(&["url", "urls", "uri", "href", "endpoint", "host", "webhook"])
            .is_some()
    {
        return None;
    }
    Some(format!("`{}` works on `{local}`", tool.name))
}

/// Profiles every tool.
#[must_use]
pub fn profiles(tools: &[Tool]) -> Vec<Profile> {
    tools.iter().map(profile).collect()
}

/// The capability profile of one tool.
#[must_use]
pub fn profile(tool: &Tool) -> Profile {
    let w = Words::of(tool);
    let mut labels = BTreeMap::new();

    let read = w.verb_in(READ);
    if let Some(verb) = read {
        if let Some(obj) = w.object_in(UNTRUSTED) {
            labels.insert(
                Label::ReadsUntrustedContent,
                format!("reads (`{verb}`) {obj}"),
            );
        } else if let Some(p) = w.property(&["url", "urls", "uri", "href"]) {
            labels.insert(
                Label::ReadsUntrustedContent,
                format!("reads (`{verb}`) whatever the `{p}` argument points at"),
            );
        } else if w.mentions_any(HOSTED) {
            labels.insert(
                Label::ReadsUntrustedContent,
                format!("reads (`{verb}`) from a hosting platform anyone can write to"),
            );
        }
        if let Some(obj) = w.object_in(PRIVATE) {
            labels.insert(Label::ReadsPrivateData, format!("reads (`{verb}`) {obj}"));
        } else if let Some(p) =
            w.property(&["path", "paths", "file_path", "filepath", "repo_path", "sql"])
        {
            labels.insert(
                Label::ReadsPrivateData,
                format!("reads (`{verb}`) what the `{p}` argument names"),
            );
        }
    }

    if let Some(verb) = w.verb_in(SEND) {
        labels.insert(Label::SendsExternally, format!("sends (`{verb}`)"));
    } else if let Some(verb) = w.verb_in(&["create", "update", "add", "open", "submit", "write"]) {
        if let Some(obj) = w.name_or_lead_object(COMMS) {
            labels.insert(
                Label::SendsExternally,
                format!("`{verb}` a {obj}, which others read"),
            );
        } else if w.mentions_any(HOSTED) && w.object_in(&["file", "files"]).is_some() {
            labels.insert(
                Label::SendsExternally,
                format!("`{verb}` files in a hosted repository"),
            );
        }
    }

    if let Some(verb) = w.verb_in(RUN) {
        if let Some(obj) = w.object_in(CODE) {
            labels.insert(Label::ExecutesCode, format!("`{verb}` {obj}"));
        } else if let Some(p) = w.property(&["command", "cmd", "script", "code"]) {
            labels.insert(Label::ExecutesCode, format!("`{verb}` the `{p}` argument"));
        }
    }
    if let Some(t) = w.name_token_in(&["shell", "exec", "eval", "bash", "terminal"]) {
        labels
            .entry(Label::ExecutesCode)
            .or_insert_with(|| format!("name says `{t}`"));
    }

    if let Some(verb) = w.name_token_in(DESTROY) {
        labels.insert(Label::Destructive, format!("name says `{verb}`"));
    } else if let Some(verb) = w.verb_in(DESTROY) {
        labels.insert(Label::Destructive, format!("`{verb}`"));
    } else if let Some(word) = w.description_word_in(&["overwrite", "overwrites", "replaces"]) {
        labels.insert(
            Label::Destructive,
            format!("description says it `{word}` existing content"),
        );
    } else if w.description_has_upper("DELETE") {
        labels.insert(
            Label::Destructive,
            "description says it runs `DELETE` statements".to_string(),
        );
    }

    if let Some(hit) = w.description_phrase_in(CLIENT_CONFIG) {
        if w.verb_in(&[
            "add",
            "write",
            "update",
            "register",
            "install",
            "modify",
            "edit",
            "set",
            "configure",
            "remove",
        ])
        .is_some()
        {
            labels.insert(
                Label::ModifiesClientConfig,
                format!("writes an AI client's configuration (`{hit}`)"),
            );
        }
    }

    Profile {
        tool: tool.name.clone(),
        labels,
    }
}

/// What a tool's annotations declare, when they declare it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Declared {
    /// `readOnlyHint`.
    pub read_only: Option<bool>,
    /// `destructiveHint`.
    pub destructive: Option<bool>,
    /// `openWorldHint`.
    pub open_world: Option<bool>,
}

impl Declared {
    /// Reads the hints of a tool's `annotations`.
    #[must_use]
    pub fn of(tool: &Tool) -> Declared {
        let hint = |key: &str| {
            tool.annotations
                .as_ref()
                .and_then(|a| a.get(key))
                .and_then(Value::as_bool)
        };
        Declared {
            read_only: hint("readOnlyHint"),
            destructive: hint("destructiveHint"),
            open_world: hint("openWorldHint"),
        }
    }
}

/// One annotation the profile contradicts: the hint, what it says, and the label against it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contradiction {
    /// `readOnlyHint`, `destructiveHint` or `openWorldHint`.
    pub hint: &'static str,
    /// The declared value.
    pub declared: bool,
    /// The label that contradicts it.
    pub label: Label,
    /// The label's evidence.
    pub evidence: String,
}

/// The annotations of `tool` that its profile contradicts.
#[must_use]
pub fn annotation_contradictions(tool: &Tool, profile: &Profile) -> Vec<Contradiction> {
    let declared = Declared::of(tool);
    let mut out = Vec::new();
    let mut check = |hint: &'static str, value: Option<bool>, bad: bool, labels: &[Label]| {
        if value != Some(bad) {
            return;
        }
        for &label in labels {
            if let Some(evidence) = profile.labels.get(&label) {
                out.push(Contradiction {
                    hint,
                    declared: bad,
                    label,
                    evidence: evidence.clone(),
                });
                return;
            }
        }
    };
    check(
        "readOnlyHint",
        declared.read_only,
        true,
        &[
            Label::Destructive,
            Label::SendsExternally,
            Label::ModifiesClientConfig,
            Label::ExecutesCode,
        ],
    );
    check(
        "destructiveHint",
        declared.destructive,
        false,
        &[Label::Destructive],
    );
    check(
        "openWorldHint",
        declared.open_world,
        false,
        &[Label::SendsExternally, Label::ReadsUntrustedContent],
    );
    out
}

#[cfg(test)]
mod tests;
