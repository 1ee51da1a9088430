//! One page per package: verdict, score breakdown (docs/scoring.md), tools with their
//! descriptions, findings with evidence and location, and how to verify the score.

use std::fmt::Write as _;

use super::html::{escape, head};
use super::Entry;
use crate::report::score_doc::ScoreDocument;
use crate::report::TargetResult;
use crate::score::{itemize, severity_weight, Confidence, WEAK_PENALTY_CAP};

/// The page of one package.
#[must_use]
pub fn render(entry: &Entry, result: &TargetResult, document: Option<&ScoreDocument>) -> String {
    let version = entry.version.as_deref().unwrap_or("");
    let mut out = head(&format!("{} {version} — mcp-audit score", entry.name));
    out.push_str("<body>\n<nav><a href=\"index.html\">← All packages</a></nav>\n<main>\n");
    let _ = writeln!(
        out,
        "<h1>{} <span class=\"muted\">{}</span></h1>\n<p><img src=\"{}\" alt=\"mcp-audit {} {}\" height=\"20\"> \
         <span class=\"v v-{verdict}\">{verdict}</span> score <strong>{}</strong> of 100</p>",
        escape(&entry.name),
        escape(version),
        escape(&entry.badge),
        entry.score.map_or_else(String::new, |s| s.to_string()),
        escape(&entry.verdict),
        entry.score.map_or_else(|| "—".to_string(), |s| s.to_string()),
        verdict = escape(&entry.verdict),
    );
    if let Some(err) = &entry.error {
        let _ = writeln!(
            out,
            "<h2>Not audited</h2>\n<p>The package could not be audited, so it has no score:</p>\n<pre>{}</pre>",
            escape(err)
        );
    }
    identity(&mut out, entry, document);
    if document.is_some() {
        breakdown(&mut out, result);
        tools(&mut out, result);
        findings(&mut out, result);
        verify(&mut out, entry);
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn identity(out: &mut String, entry: &Entry, document: Option<&ScoreDocument>) {
    out.push_str("<h2>Package</h2>\n<dl>\n");
    let mut item = |k: &str, v: &str| {
        let _ = writeln!(out, "<dt>{k}</dt><dd>{}</dd>", escape(v));
    };
    item("Target", &entry.target);
    if let Some(d) = document {
        item("Ecosystem", d.package.ecosystem);
        item("sha256", &d.package.sha256);
        item("Integrity", d.package.integrity);
        item("Rules version", &d.rules_version);
        item("Scoring model", &d.scoring_model.to_string());
        item("Policy", &d.policy);
        item("mcp-audit", &d.mcp_audit_version);
    }
    item("Audited", &entry.audited);
    out.push_str("</dl>\n");
}

fn breakdown(out: &mut String, result: &TargetResult) {
    let items = itemize(&result.findings);
    out.push_str("<h2>Score breakdown</h2>\n");
    let _ = writeln!(
        out,
        "<p>Each finding costs severity weight × confidence weight × 0.5<sup>k−1</sup> (k numbers \
         the findings of one rule; the same evidence counts once); low and info findings together \
         cost at most {WEAK_PENALTY_CAP}. See <a href=\"https://github.com/mcp-audit/mcp-audit/blob/main/docs/scoring.md\">the scoring model</a>.</p>"
    );
    if result.findings.is_empty() {
        out.push_str("<p>No findings: nothing to subtract.</p>\n");
    } else {
        out.push_str(
            "<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">Rule</th><th scope=\"col\">Severity</th>\
<th scope=\"col\" class=\"num\">Weight</th><th scope=\"col\" class=\"num\">Confidence</th><th scope=\"col\" class=\"num\">Cost</th></tr></thead>\n<tbody>\n",
        );
        for (f, cost) in result.findings.iter().zip(&items.costs) {
            let _ = writeln!(
                out,
                "<tr><th scope=\"row\"><code>{}</code></th><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{cost:.2}</td></tr>",
                escape(&f.rule),
                f.severity.as_str(),
                severity_weight(f.severity),
                Confidence::of(f.category).weight(),
            );
        }
        out.push_str("</tbody>\n</table></div>\n");
    }
    let shown = result.score.unwrap_or(0);
    let base = (100.0 - items.penalty).clamp(0.0, 100.0);
    let _ = writeln!(
        out,
        "<dl><dt>Penalty</dt><dd>{:.2} (medium and above {:.2}; low and info {:.2}, capped at {WEAK_PENALTY_CAP})</dd>\
<dt>100 − penalty</dt><dd>{base:.2}</dd>\
<dt>Score</dt><dd>{shown} (positive signals add up to +9: verified digest +3, provenance +4, declared repository +2; \
a critical finding sets 0; any counted finding caps at 99)</dd></dl>",
        items.penalty,
        items.strong,
        items.weak,
    );
}

fn tools(out: &mut String, result: &TargetResult) {
    let _ = writeln!(out, "<h2>Tools ({})</h2>", result.tools.len());
    if result.tools.is_empty() {
        out.push_str("<p>No tools were found.</p>\n");
        return;
    }
    out.push_str("<p class=\"muted\">Descriptions are shown as the model reads them; hidden and control characters are written as <code>\\u{…}</code>.</p>\n");
    for t in &result.tools {
        let origin = match t.origin.line {
            Some(line) => format!("{}:{line}", t.origin.file),
            None => t.origin.file.clone(),
        };
        let _ = writeln!(
            out,
            "<h3><code>{}</code></h3>\n<p class=\"muted\">declared in <code>{}</code></p>\n<div class=\"text\">{}</div>",
            escape(&t.name),
            escape(&origin),
            escape(t.description.as_deref().unwrap_or("(no description)")),
        );
    }
}

fn findings(out: &mut String, result: &TargetResult) {
    let _ = writeln!(out, "<h2>Findings ({})</h2>", result.findings.len());
    if result.findings.is_empty() {
        out.push_str("<p>None.</p>\n");
        return;
    }
    out.push_str(
        "<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">Severity</th><th scope=\"col\">Rule</th>\
<th scope=\"col\">What</th><th scope=\"col\">Where</th><th scope=\"col\">Evidence</th></tr></thead>\n<tbody>\n",
    );
    for f in &result.findings {
        let mut place = String::new();
        if let Some(tool) = &f.tool {
            place.push_str(&format!("tool {tool}"));
        }
        if let Some(loc) = &f.location {
            if !place.is_empty() {
                place.push_str(", ");
            }
            place.push_str(&loc.file);
            if let Some(line) = loc.line {
                place.push_str(&format!(":{line}"));
            }
        }
        let _ = writeln!(
            out,
            "<tr><td>{}</td><th scope=\"row\"><code>{}</code><br><span class=\"muted\">{}</span></th><td>{}</td><td><code>{}</code></td><td><div class=\"text\">{}</div></td></tr>",
            f.severity.as_str(),
            escape(&f.rule),
            f.category.as_str(),
            escape(&f.message),
            escape(&place),
            escape(f.evidence.as_deref().unwrap_or("")),
        );
    }
    out.push_str("</tbody>\n</table></div>\n");
}

fn verify(out: &mut String, entry: &Entry) {
    out.push_str("<h2>How to verify</h2>\n");
    if let Some(att) = &entry.attestation {
        let _ = writeln!(
            out,
            "<p>The score is signed: <a href=\"{att}\">{att}</a> is a DSSE envelope holding an in-toto \
             statement about the artifact's sha256. Get the publisher's public key through a channel \
             you trust (this site has a copy, <a href=\"publisher.pub\">publisher.pub</a>), then:</p>\n\
             <pre>mcp-audit verify-score {att} --key publisher.pub --reaudit</pre>\n\
             <p><code>--reaudit</code> downloads the same artifact, audits it again and compares the \
             score document byte for byte (same mcp-audit version and policy).</p>",
            att = escape(att)
        );
    }
    if let Some(doc) = &entry.score_document {
        let _ = writeln!(
            out,
            "<p>The score document <a href=\"{doc}\">{doc}</a> is reproducible; its digest checks with</p>\n<pre>sha256sum -c {doc}.sha256</pre>",
            doc = escape(doc)
        );
    }
}
