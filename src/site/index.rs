//! `index.html` (the sortable, filterable table) and `index.json` (the same rows as data).

use std::fmt::Write as _;

use serde::Serialize;

use super::html::{escape, head};
use super::Entry;

/// `index.json`.
#[derive(Debug, Clone, Serialize)]
pub struct IndexJson<'a> {
    /// Always `mcp-audit`: marks a directory as a score site that a new publish may replace.
    pub generator: &'static str,
    /// The mcp-audit version that wrote it.
    pub mcp_audit_version: &'static str,
    /// Key id of the signing key, when the scores are signed.
    pub key_id: Option<&'a str>,
    /// One row per package, sorted by name.
    pub packages: &'a [Entry],
}

/// Severities in the order the table shows them.
const SEVERITIES: [&str; 4] = ["critical", "high", "medium", "low"];

/// Rank used to sort verdicts from worst to best.
fn verdict_rank(verdict: &str) -> u8 {
    match verdict {
        "block" => 0,
        "error" => 1,
        "warn" => 2,
        _ => 3,
    }
}

/// The index page for `entries` (already sorted).
#[must_use]
pub fn render(entries: &[Entry], key_id: Option<&str>) -> String {
    let mut out = head("mcp-audit trust scores");
    out.push_str("<body>\n<header><h1>MCP server trust scores</h1>\n");
    let _ = writeln!(
        out,
        "<p>{} packages audited by mcp-audit {} without running them. Each score is \
         reproducible{}; see a package's page for its findings and how to verify it.</p></header>",
        entries.len(),
        env!("CARGO_PKG_VERSION"),
        key_id.map_or_else(String::new, |k| format!(
            " and signed (key <code>{}</code>, public key <a href=\"publisher.pub\">publisher.pub</a>)",
            escape(k)
        ))
    );
    out.push_str(
        "<main>\n<div class=\"controls\" role=\"search\">\
<div><label for=\"filter\">Filter</label><br><input id=\"filter\" type=\"search\" placeholder=\"package name\"></div>\
<div><label for=\"verdict\">Verdict</label><br><select id=\"verdict\"><option value=\"\">any</option>\
<option>allow</option><option>warn</option><option>block</option><option>error</option></select></div>\
<p id=\"count\" class=\"muted\" aria-live=\"polite\"></p></div>\n\
<div class=\"scroll\"><table id=\"scores\">\n<caption class=\"muted\">Select a column heading to sort.</caption>\n<thead><tr>",
    );
    // (key, heading, numeric, hidden on a narrow screen)
    let columns: [(&str, &str, bool, bool); 8] = [
        ("package", "Package", false, false),
        ("version", "Version", false, false),
        ("score", "Score", true, false),
        ("verdict", "Verdict", false, false),
        (
            "findings",
            "Findings <abbr title=\"critical/high/medium/low\">C/H/M/L</abbr>",
            true,
            false,
        ),
        ("tools", "Tools", true, true),
        ("audited", "Audited", false, true),
        ("badge", "Badge", false, true),
    ];
    for (key, title, numeric, wide) in columns {
        let class = match (numeric, wide) {
            (true, true) => " class=\"num wide\"",
            (true, false) => " class=\"num\"",
            (false, true) => " class=\"wide\"",
            (false, false) => "",
        };
        if key == "badge" {
            let _ = write!(out, "<th scope=\"col\"{class}>{title}</th>");
        } else {
            let sort = if key == "package" {
                " aria-sort=\"ascending\""
            } else {
                ""
            };
            let _ = write!(
                out,
                "<th scope=\"col\"{class}{sort} data-key=\"{key}\"><button type=\"button\">{title}</button></th>"
            );
        }
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for e in entries {
        row(&mut out, e);
    }
    out.push_str("</tbody>\n</table></div>\n</main>\n");
    out.push_str("<footer><p class=\"muted\"><a href=\"index.json\">index.json</a> has the same rows as data.</p></footer>\n");
    out.push_str(SCRIPT);
    out.push_str("</body>\n</html>\n");
    out
}

fn row(out: &mut String, e: &Entry) {
    let findings: Vec<String> = SEVERITIES
        .iter()
        .map(|s| e.findings.get(*s).copied().unwrap_or(0).to_string())
        .collect();
    // Sort key for findings: weighted so that one critical outranks any number of lows.
    let weight: usize = SEVERITIES
        .iter()
        .zip([1_000_000usize, 10_000, 100, 1])
        .map(|(s, w)| e.findings.get(*s).copied().unwrap_or(0).min(99) * w)
        .sum();
    let version = e.version.as_deref().unwrap_or("");
    let score = e.score.map_or_else(|| "—".to_string(), |s| s.to_string());
    let _ = writeln!(
        out,
        "<tr data-verdict=\"{verdict}\" data-name=\"{name_key}\">\
<th scope=\"row\" data-sort=\"{name_key}\"><a href=\"{page}\">{name}</a></th>\
<td data-sort=\"{version}\">{version}</td>\
<td class=\"num\" data-sort=\"{score_key}\">{score}</td>\
<td data-sort=\"{rank}\"><span class=\"v v-{verdict}\">{verdict}</span></td>\
<td class=\"num\" data-sort=\"{weight}\">{findings}</td>\
<td class=\"num wide\" data-sort=\"{tools}\">{tools}</td>\
<td class=\"wide\" data-sort=\"{audited}\">{audited}</td>\
<td class=\"wide\"><img src=\"{badge}\" alt=\"mcp-audit {score} {verdict}\" height=\"20\"></td></tr>",
        verdict = escape(&e.verdict),
        name_key = escape(&e.name.to_lowercase()),
        page = escape(&e.page),
        name = escape(&e.name),
        version = escape(version),
        score_key = e.score.map_or(-1, i32::from),
        rank = verdict_rank(&e.verdict),
        findings = findings.join("/"),
        tools = e.tools,
        audited = escape(&e.audited),
        badge = escape(&e.badge),
    );
}

/// Sorting and filtering, about forty lines, no library. Without script the table is still
/// complete, sorted by package name.
const SCRIPT: &str = r#"<script>
(function () {
  var table = document.getElementById('scores');
  var body = table.tBodies[0];
  var headers = table.tHead.rows[0].cells;
  function cellKey(row, i) {
    var v = row.cells[i].getAttribute('data-sort');
    var n = parseFloat(v);
    return isNaN(n) || String(n) !== v ? v : n;
  }
  function sortBy(index) {
    var th = headers[index];
    var ascending = th.getAttribute('aria-sort') !== 'ascending';
    for (var h = 0; h < headers.length; h++) headers[h].removeAttribute('aria-sort');
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellKey(a, index), y = cellKey(b, index);
      var c = x < y ? -1 : x > y ? 1 : 0;
      if (c === 0) c = a.getAttribute('data-name') < b.getAttribute('data-name') ? -1 : 1;
      return ascending ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  Array.prototype.forEach.call(headers, function (th, i) {
    var button = th.querySelector('button');
    if (button) button.addEventListener('click', function () { sortBy(i); });
  });
  var filter = document.getElementById('filter'), verdict = document.getElementById('verdict');
  var count = document.getElementById('count');
  function apply() {
    var text = filter.value.toLowerCase(), v = verdict.value, shown = 0;
    Array.prototype.forEach.call(body.rows, function (r) {
      var show = r.getAttribute('data-name').indexOf(text) !== -1 &&
        (v === '' || r.getAttribute('data-verdict') === v);
      r.hidden = !show;
      if (show) shown++;
    });
    count.textContent = shown + ' of ' + body.rows.length + ' shown';
  }
  filter.addEventListener('input', apply);
  verdict.addEventListener('change', apply);
  apply();
})();
</script>
"#;
