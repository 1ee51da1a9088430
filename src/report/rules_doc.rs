//! `docs/rules.md`, generated from the rule catalog (`mcp-audit rules --format markdown`).

use std::fmt::Write as _;

use mcp_audit_core::model::Category;
use mcp_audit_core::Rule;

/// Renders the rules reference: a table of every rule, then one section per category.
#[must_use]
pub fn render(rules: &[&Rule]) -> String {
    let mut out = String::from(
        "# Rules reference\n\n\
         <!-- Generated from the rule catalog by `mcp-audit rules --format markdown`. Do not edit:\n\
         \x20    regenerate with `UPDATE_DOCS=1 cargo test --test it rules_doc` (tests/it/report.rs). -->\n\n\
         Every finding names one of these rules. A policy (`mcp-audit.toml`, see\n\
         [scoring.md](scoring.md)) may change a rule's severity or turn it off under `[rules]`.\n\n",
    );
    let _ = writeln!(out, "{} rules.\n", rules.len());
    out.push_str("| Rule | Category | Default severity | Description |\n|---|---|---|---|\n");
    for r in rules {
        let _ = writeln!(
            out,
            "| [`{}`](#{}) | {} | {} | {} |",
            r.id,
            r.id,
            r.category,
            r.severity,
            cell(r.summary)
        );
    }
    for category in Category::ALL {
        let in_category: Vec<&&Rule> = rules.iter().filter(|r| r.category == category).collect();
        if in_category.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n## {category}");
        for r in in_category {
            let _ = writeln!(out, "\n### {}\n", r.id);
            let _ = writeln!(out, "- Category: `{}`", r.category);
            let _ = writeln!(out, "- Default severity: `{}`", r.severity);
            if !r.example.is_empty() {
                let _ = writeln!(out, "- Example: {}", inline(r.example));
            }
            let _ = writeln!(out, "\n{}", r.summary);
        }
    }
    out
}

/// Text in a table cell: `|` escaped, one line.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// An example as inline code, with a fence longer than any backtick run inside it.
fn inline(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{}{pad}{fence}", text.replace('\n', " "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_code_survives_backticks() {
        assert_eq!(inline("a"), "`a`");
        assert_eq!(inline("a `b` c"), "``a `b` c``");
        assert_eq!(inline("`x`"), "`` `x` ``");
    }
}
