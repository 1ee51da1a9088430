//! HTML escaping of attacker-controlled text: hidden and control characters are first made
//! visible with the terminal escaper (`\u{202E}`), then `& < > " '` become entities. The
//! result is safe in element content and in quoted attribute values.

use mcp_audit_core::escape::visible;

/// `text` made visible and HTML-escaped.
#[must_use]
pub fn escape(text: &str) -> String {
    escape_markup(&visible(text))
}

/// `&`, `<`, `>`, `"` and `'` as entities (for text that has no hidden characters left).
#[must_use]
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The shared page head: charset, viewport, title and the one inline style sheet.
#[must_use]
pub fn head(title: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n",
        escape(title)
    )
}

/// One style sheet for every page: system fonts, readable on a phone, WCAG AA contrast.
const STYLE: &str = "\
body{font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1b1f24;background:#fff;margin:0 auto;max-width:72rem;padding:1rem}\
h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.2rem;margin-top:2rem}\
a{color:#0550ae}a:focus,button:focus,input:focus,select:focus{outline:3px solid #0550ae;outline-offset:2px}\
.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%}\
th,td{border-bottom:1px solid #d0d7de;padding:.4rem .5rem;text-align:left;vertical-align:top}\
th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;color:#1b1f24}\
td.num,th.num{text-align:right}\
.v{display:inline-block;padding:0 .5rem;border-radius:.25rem;color:#fff;font-weight:600}\
.v-allow{background:#1a7f37}.v-warn{background:#9a6700}.v-block{background:#c62828}.v-error{background:#57606a}\
code,pre,.text{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9rem}\
pre,.text{white-space:pre-wrap;overflow-wrap:anywhere;background:#f6f8fa;padding:.5rem;border-radius:.25rem}\
.controls{display:flex;flex-wrap:wrap;gap:1rem;margin:1rem 0}label{font-weight:600}\
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}\
.muted{color:#57606a}caption{text-align:left}code{overflow-wrap:anywhere}td .text{min-width:14rem}\
@media (max-width:40rem){body{padding:.5rem}.wide{display:none}}\
";
