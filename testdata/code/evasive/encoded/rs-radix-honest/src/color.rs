//! Hex colour parsing.

/// Named colours accepted besides #rrggbb.
const NAMED: &[(&str, &str)] = &[("black", "000000"), ("white", "ffffff"), ("rebeccapurple", "663399")];

pub fn unhex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 {
        return None;
    }
    let mut out = Vec::with_capacity(s.len() / 2);
    let mut i = 0;
    while i + 2 <= s.len() {
        out.push(u8::from_str_radix(s.get(i..i + 2)?, 16).ok()?);
        i += 2;
    }
    Some(out)
}

pub fn rgb(input: &str) -> Option<(u8, u8, u8)> {
    let hex = NAMED
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(input))
        .map_or(input.trim_start_matches('#'), |(_, h)| h);
    let b = unhex(hex)?;
    (b.len() == 3).then(|| (b[0], b[1], b[2]))
}
