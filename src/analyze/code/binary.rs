//! Shipped executables, recognized by their first bytes (never by running or loading them).

use std::io::Read;

use mcp_audit_sandbox::PackageTree;

/// An executable format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Elf,
    Pe,
    MachO,
}

impl Format {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Format::Elf => "an ELF",
            Format::Pe => "a PE (Windows)",
            Format::MachO => "a Mach-O",
        }
    }
}

/// The format a file header announces.
pub(crate) fn format_of(head: &[u8]) -> Option<Format> {
    match head {
        [0x7f, b'E', b'L', b'F', ..] => Some(Format::Elf),
        [b'M', b'Z', ..] => {
            // The PE header offset is at 0x3c; check its signature when it is within the head.
            let off = head
                .get(0x3c..0x40)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize);
            match off.and_then(|o| head.get(o..o + 4)) {
                Some(sig) => (sig == b"PE\0\0").then_some(Format::Pe),
                None => off.is_some().then_some(Format::Pe),
            }
        }
        [0xfe, 0xed, 0xfa, 0xce | 0xcf, ..] | [0xce | 0xcf, 0xfa, 0xed, 0xfe, ..] => {
            Some(Format::MachO)
        }
        // Universal binary; Java class files share the magic but have a large second word.
        [0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, n, ..] if *n > 0 && *n < 20 => Some(Format::MachO),
        _ => None,
    }
}

/// A shipped executable.
#[derive(Debug, Clone)]
pub(crate) struct Executable {
    pub path: String,
    pub format: Format,
    /// A shared library or native extension (`.so`, `.node`, `.pyd`, `.dll`, `.dylib`).
    pub library: bool,
}

/// Every executable in the tree (reads at most 512 bytes of each file).
pub(crate) fn executables(tree: &PackageTree) -> Vec<Executable> {
    let mut out = Vec::new();
    for file in tree.files() {
        if file.size < 64 {
            continue;
        }
        let Ok(mut f) = std::fs::File::open(tree.root().join(&file.path)) else {
            continue;
        };
        let mut head = [0u8; 512];
        let mut n = 0;
        while n < head.len() {
            match f.read(&mut head[n..]) {
                Ok(0) | Err(_) => break,
                Ok(k) => n += k,
            }
        }
        if let Some(format) = format_of(&head[..n]) {
            let lower = file.path.to_ascii_lowercase();
            let library = [".so", ".node", ".pyd", ".dll", ".dylib"]
                .iter()
                .any(|e| lower.ends_with(e))
                || lower.contains(".so.");
            out.push(Executable {
                path: file.path.clone(),
                format,
                library,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magic_bytes() {
        assert_eq!(format_of(b"\x7fELF\x02\x01\x01"), Some(Format::Elf));
        assert_eq!(
            format_of(&[0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]),
            Some(Format::MachO)
        );
        assert_eq!(
            format_of(&[0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 2]),
            Some(Format::MachO)
        );
        assert_eq!(format_of(&[0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 52]), None);
        let mut pe = vec![0u8; 0x90];
        pe[0] = b'M';
        pe[1] = b'Z';
        pe[0x3c] = 0x80;
        pe[0x80..0x84].copy_from_slice(b"PE\0\0");
        assert_eq!(format_of(&pe), Some(Format::Pe));
        pe[0x80] = b'X';
        assert_eq!(format_of(&pe), None);
        assert_eq!(format_of(b"#!/bin/sh\n"), None);
    }
}
