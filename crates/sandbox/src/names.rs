//! Entry-path validation and display.
//!
//! An entry name is accepted only if it is valid UTF-8 without control characters, relative
//! (no `/…`, `C:…`, `\\…`), free of backslashes and `..` components, and within the depth and
//! length limits (and 255 bytes per component). `.` and empty components (`./package/x`,
//! `a//b`) are dropped.

use super::{
    Limits, Rule, UnpackError, ARCHIVE_ABSOLUTE_PATH, ARCHIVE_BACKSLASH_PATH, ARCHIVE_INVALID_NAME,
    ARCHIVE_PATH_TOO_DEEP, ARCHIVE_PATH_TOO_LONG, ARCHIVE_PATH_TRAVERSAL,
};

/// Longest path component, in bytes (`NAME_MAX` of common file systems).
pub(crate) const MAX_COMPONENT_BYTES: usize = 255;

/// Longest entry name shown in a message, in characters.
const DISPLAY_CHARS: usize = 160;

/// A validated entry path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EntryName {
    /// `/`-joined components, no leading `./`, no trailing `/`.
    pub(crate) path: String,
    /// Whether the raw name ended with `/` (a directory marker).
    pub(crate) dir_marker: bool,
}

/// Makes a raw entry name safe to print: control and hidden characters as `\u{…}`, invalid
/// UTF-8 bytes as `\xNN`, and long names shortened (with their length in bytes).
pub(crate) fn display(raw: &[u8]) -> String {
    let mut out = String::new();
    for chunk in raw.utf8_chunks() {
        out.push_str(&mcp_audit_core::escape::visible(chunk.valid()));
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    if out.chars().count() > DISPLAY_CHARS {
        let short: String = out.chars().take(DISPLAY_CHARS).collect();
        out = format!("{short}… ({} bytes)", raw.len());
    }
    out
}

/// A rejection of `raw` under `rule`.
pub(crate) fn reject(raw: &[u8], rule: &'static Rule, reason: impl Into<String>) -> UnpackError {
    rule.record_fired();
    UnpackError::Rejected {
        entry: display(raw),
        reason: reason.into(),
        rule,
    }
}

/// Validates a raw entry name. `Ok(None)` means the name denotes the archive root itself
/// (`./`), which carries nothing.
///
/// # Errors
/// The name breaks one of the rules in the module documentation.
pub(crate) fn validate(raw: &[u8], limits: &Limits) -> Result<Option<EntryName>, UnpackError> {
    if raw.len() > limits.max_path_len {
        return Err(reject(
            raw,
            &ARCHIVE_PATH_TOO_LONG,
            format!(
                "path of {} bytes exceeds the limit of {}",
                raw.len(),
                limits.max_path_len
            ),
        ));
    }
    if raw.contains(&0) {
        return Err(reject(
            raw,
            &ARCHIVE_INVALID_NAME,
            "name contains a NUL byte",
        ));
    }
    let Ok(name) = std::str::from_utf8(raw) else {
        return Err(reject(
            raw,
            &ARCHIVE_INVALID_NAME,
            "name is not valid UTF-8",
        ));
    };
    if name.is_empty() {
        return Err(reject(raw, &ARCHIVE_INVALID_NAME, "name is empty"));
    }
    if name.chars().any(char::is_control) {
        return Err(reject(
            raw,
            &ARCHIVE_INVALID_NAME,
            "name contains a control character",
        ));
    }
    if name.contains('\\') {
        return Err(reject(
            raw,
            &ARCHIVE_BACKSLASH_PATH,
            "name contains a backslash",
        ));
    }
    if name.starts_with('/') || has_drive_prefix(name) {
        return Err(reject(raw, &ARCHIVE_ABSOLUTE_PATH, "path is absolute"));
    }
    let mut parts = Vec::new();
    for part in name.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                return Err(reject(
                    raw,
                    &ARCHIVE_PATH_TRAVERSAL,
                    "path contains a `..` component",
                ))
            }
            p if p.len() > MAX_COMPONENT_BYTES => {
                return Err(reject(
                    raw,
                    &ARCHIVE_PATH_TOO_LONG,
                    format!(
                        "a path component of {} bytes exceeds the limit of {MAX_COMPONENT_BYTES}",
                        p.len()
                    ),
                ))
            }
            p => parts.push(p),
        }
    }
    if parts.len() > limits.max_depth {
        return Err(reject(
            raw,
            &ARCHIVE_PATH_TOO_DEEP,
            format!(
                "path has {} components, more than the limit of {}",
                parts.len(),
                limits.max_depth
            ),
        ));
    }
    if parts.is_empty() {
        return Ok(None);
    }
    Ok(Some(EntryName {
        path: parts.join("/"),
        dir_marker: name.ends_with('/'),
    }))
}

/// `C:`, `c:foo`: a Windows drive prefix.
fn has_drive_prefix(name: &str) -> bool {
    let b = name.as_bytes();
    b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule_of(raw: &[u8]) -> Result<Option<String>, &'static str> {
        match validate(raw, &Limits::default()) {
            Ok(n) => Ok(n.map(|n| n.path)),
            Err(UnpackError::Rejected { rule, .. }) => Err(rule.id),
            Err(other) => panic!("unexpected {other}"),
        }
    }

    #[test]
    fn accepts_and_normalizes_relative_paths() {
        assert_eq!(
            rule_of(b"package/index.js"),
            Ok(Some("package/index.js".into()))
        );
        assert_eq!(rule_of(b"./package//lib/"), Ok(Some("package/lib".into())));
        assert_eq!(rule_of(b"./"), Ok(None));
        assert_eq!(
            rule_of("paquet/été.md".as_bytes()),
            Ok(Some("paquet/été.md".into()))
        );
        assert_eq!(rule_of(b"a/..b/c.."), Ok(Some("a/..b/c..".into())));
    }

    #[test]
    fn rejects_each_bad_shape_with_its_rule() {
        let table: &[(&[u8], &str)] = &[
            (b"../x", "archive-path-traversal"),
            (b"package/../../x", "archive-path-traversal"),
            (b"a/b/..", "archive-path-traversal"),
            (b"/etc/passwd", "archive-absolute-path"),
            (b"//server/share/x", "archive-absolute-path"),
            (b"C:/Windows/x", "archive-absolute-path"),
            (b"c:x", "archive-absolute-path"),
            (b"..\\..\\x", "archive-backslash-path"),
            (b"\\\\server\\share", "archive-backslash-path"),
            (b"a\0b", "archive-invalid-name"),
            (b"a\x1b[31mb", "archive-invalid-name"),
            (b"a\xffb", "archive-invalid-name"),
            (b"", "archive-invalid-name"),
        ];
        for (raw, rule) in table {
            assert_eq!(rule_of(raw), Err(*rule), "{}", display(raw));
        }
    }

    #[test]
    fn depth_and_length_limits() {
        let limits = Limits {
            max_depth: 3,
            max_path_len: 10,
            ..Limits::default()
        };
        assert!(validate(b"a/b/c", &limits).is_ok());
        let err = validate(b"a/b/c/d", &limits).unwrap_err();
        assert!(
            matches!(err, UnpackError::Rejected { rule, .. } if rule.id == "archive-path-too-deep")
        );
        let err = validate(b"abcdefghijk", &limits).unwrap_err();
        assert!(
            matches!(err, UnpackError::Rejected { rule, .. } if rule.id == "archive-path-too-long")
        );
    }

    #[test]
    fn display_makes_control_and_invalid_bytes_visible_and_shortens() {
        assert_eq!(display(b"a\x1bb\xff"), "a\\u{001B}b\\xFF");
        let long = vec![b'a'; 500];
        let shown = display(&long);
        assert!(shown.ends_with("… (500 bytes)"), "{shown}");
        assert!(shown.len() < 200);
    }
}
