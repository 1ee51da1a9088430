//! Tool-name checks: homoglyph and invisible characters in a name, and near-misses of the names
//! of well-known tools (a `read_fi1e` next to the real `read_file` wins the model's choice).

use unicode_normalization::UnicodeNormalization as _;

use super::normalize::confusable_to_latin;
use mcp_audit_core::escape::is_hidden_or_control;

/// Names of widely installed tools (reference servers, popular clients' built-ins) that a
/// shadowing server would imitate.
pub const WELL_KNOWN: &[&str] = &[
    "read_file",
    "read_text_file",
    "read_multiple_files",
    "write_file",
    "edit_file",
    "create_directory",
    "list_directory",
    "directory_tree",
    "move_file",
    "search_files",
    "get_file_info",
    "list_allowed_directories",
    "send_email",
    "send_message",
    "slack_post_message",
    "execute_command",
    "run_command",
    "run_terminal_command",
    "bash",
    "shell",
    "fetch",
    "web_search",
    "brave_web_search",
    "browser_navigate",
    "browser_click",
    "browser_snapshot",
    "create_issue",
    "create_pull_request",
    "get_file_contents",
    "push_files",
    "create_or_update_file",
    "search_repositories",
    "read_query",
    "write_query",
    "list_tables",
    "git_commit",
    "git_status",
    "git_diff",
    "get_current_time",
    "sequentialthinking",
    "create_entities",
    "search_nodes",
    "query",
    "calculate",
];

/// What is wrong with a tool name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameProblem {
    /// Letters from another script that look Latin, or compatibility forms, or invisible
    /// characters; `folded` is what the name imitates.
    Confusable {
        /// The ASCII the name reads as.
        folded: String,
    },
    /// One edit away from a well-known tool's name.
    Lookalike {
        /// The imitated name.
        of: &'static str,
    },
}

/// Checks one tool name.
#[must_use]
pub fn check(name: &str) -> Option<NameProblem> {
    if !name.is_ascii() {
        let mut changed = false;
        let mut folded = String::new();
        for c in name.nfkc() {
            if is_hidden_or_control(c) {
                changed = true;
                continue;
            }
            match confusable_to_latin(c) {
                Some(l) => {
                    changed = true;
                    folded.push(l);
                }
                None => folded.push(c),
            }
        }
        if folded != name {
            changed = true;
        }
        let latin = folded.chars().any(|c| c.is_ascii_alphabetic());
        if changed && latin {
            return Some(NameProblem::Confusable { folded });
        }
        return None;
    }
    let lower = name.to_ascii_lowercase();
    if lower.len() < 6 || WELL_KNOWN.contains(&lower.as_str()) {
        return None;
    }
    WELL_KNOWN
        .iter()
        .find(|w| {
            w.len() >= 6
                && w.len().abs_diff(lower.len()) <= 1
                && strsim::levenshtein(&lower, w) == 1
                && !plural_or_separator(&lower, w)
        })
        .map(|of| NameProblem::Lookalike { of })
}

/// `read_files` vs `read_file`, `read-file` vs `read_file`: ordinary naming, not imitation.
fn plural_or_separator(name: &str, known: &str) -> bool {
    name.strip_suffix('s') == Some(known)
        || known.strip_suffix('s') == Some(name)
        || name.replace('-', "_") == known
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(check("read_file"), None);
        assert_eq!(check("get_weather"), None);
        assert_eq!(check("read_files"), None);
        assert_eq!(check("查询天气"), None);
        assert_eq!(
            check("reаd_file"),
            Some(NameProblem::Confusable {
                folded: "read_file".into()
            })
        );
        assert_eq!(
            check("send\u{200B}_email"),
            Some(NameProblem::Confusable {
                folded: "send_email".into()
            })
        );
        assert_eq!(
            check("read_fi1e"),
            Some(NameProblem::Lookalike { of: "read_file" })
        );
    }
}
