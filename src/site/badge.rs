//! The SVG badge of a score, in the usual flat style: `mcp-audit | 92 allow`.

use super::html::escape_markup;

/// The background colour of a verdict (white text on it has at least 4.5:1 contrast).
#[must_use]
pub fn colour(verdict: &str) -> &'static str {
    match verdict {
        "allow" => "#1a7f37",
        "warn" => "#9a6700",
        "block" => "#c62828",
        _ => "#57606a",
    }
}

/// Approximate width in pixels of `text` in 11px Verdana (the flat badge font).
fn text_width(text: &str) -> u32 {
    text.chars()
        .map(|c| match c {
            'i' | 'l' | 'I' | '|' | '.' | ':' | '!' | '\'' => 4,
            'm' | 'w' | 'M' | 'W' => 10,
            ' ' => 4,
            c if c.is_ascii_uppercase() => 8,
            _ => 7,
        })
        .sum()
}

/// The badge for `score` (absent when the package could not be audited) and `verdict`.
#[must_use]
pub fn render(score: Option<u8>, verdict: &str) -> String {
    let label = "mcp-audit";
    let value = match score {
        Some(s) => format!("{s} {verdict}"),
        None => verdict.to_string(),
    };
    let (lw, vw) = (text_width(label) + 10, text_width(&value) + 10);
    let width = lw + vw;
    let (label_x, value_x) = (lw * 5, lw * 10 + vw * 5);
    let value = escape_markup(&value);
    let fill = colour(verdict);
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" role="img" aria-label="{label}: {value}"><title>{label}: {value}</title><linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient><clipPath id="r"><rect width="{width}" height="20" rx="3" fill="#fff"/></clipPath><g clip-path="url(#r)"><rect width="{lw}" height="20" fill="#555"/><rect x="{lw}" width="{vw}" height="20" fill="{fill}"/><rect width="{width}" height="20" fill="url(#s)"/></g><g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="110"><text x="{label_x}" y="150" fill="#010101" fill-opacity=".3" transform="scale(.1)">{label}</text><text x="{label_x}" y="140" transform="scale(.1)">{label}</text><text x="{value_x}" y="150" fill="#010101" fill-opacity=".3" transform="scale(.1)">{value}</text><text x="{value_x}" y="140" transform="scale(.1)">{value}</text></g></svg>
"##
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn badge_says_score_and_verdict_in_the_verdict_colour() {
        let svg = render(Some(92), "allow");
        assert!(svg.contains(">92 allow</text>"), "{svg}");
        assert!(svg.contains("#1a7f37"));
        assert!(svg.contains("aria-label=\"mcp-audit: 92 allow\""));
        let err = render(None, "error");
        assert!(err.contains(">error</text>") && err.contains("#57606a"));
        assert!(render(Some(100), "allow").len() > svg.len() - 3);
    }
}
