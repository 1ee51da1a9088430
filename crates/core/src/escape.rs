//! Making attacker-controlled text safe for a terminal: control characters, ANSI escapes,
//! bidirectional overrides, zero-width and tag characters become visible `\u{…}` escapes.

/// Whether a character must not reach a terminal raw.
#[must_use]
pub fn is_hidden_or_control(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200B}'..='\u{200F}'   // zero-width space/joiners, LRM/RLM
            | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{2066}'..='\u{2069}' // bidi isolates
            | '\u{FEFF}'              // BOM / zero-width no-break space
            | '\u{00AD}'              // soft hyphen
            | '\u{034F}'              // combining grapheme joiner
            | '\u{180E}'              // Mongolian vowel separator
            | '\u{FFF9}'..='\u{FFFB}' // interlinear annotations
            | '\u{E0000}'..='\u{E007F}' // tag characters
            | '\u{FE00}'..='\u{FE0F}' // variation selectors
            | '\u{E0100}'..='\u{E01EF}'
        )
}

/// Returns `text` with every hidden or control character written as `\u{XXXX}`
/// (newlines and tabs as `\n` and `\t`), so it can be printed to a terminal.
#[must_use]
pub fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\\' => out.push('\\'),
            c if is_hidden_or_control(c) => {
                out.push_str(&format!("\\u{{{:04X}}}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_a_terminal_would_hide_or_obey() {
        assert_eq!(visible("plain text"), "plain text");
        assert_eq!(visible("\u{1b}[2J clear"), "\\u{001B}[2J clear");
        assert_eq!(visible("a\u{200B}b"), "a\\u{200B}b");
        assert_eq!(visible("x\u{202E}gpj.exe"), "x\\u{202E}gpj.exe");
        assert_eq!(visible("\u{E0041}"), "\\u{E0041}");
        assert_eq!(visible("l1\nl2"), "l1\\nl2");
        assert_eq!(visible("café ✓"), "café ✓");
    }
}
