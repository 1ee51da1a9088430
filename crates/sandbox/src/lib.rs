//! Safe unpacking of untrusted archives into a fresh private directory.
//!
//! Nothing here follows links while writing, keeps modes beyond the exec bit, or trusts sizes an
//! archive declares about itself. Every rejection is an [`UnpackError`] that names the entry and
//! the reason, and maps to an `archive` rule so the report can carry it as a finding too.
//!
//! - [`names`] validates entry paths (traversal, absolute, backslash, control characters, depth,
//!   length) and escapes them for display;
//! - [`write`] owns the sandbox directory: it creates directories and files (`create_new`, never
//!   through a link), refuses duplicates and file/directory conflicts, and counts every byte
//!   actually decompressed against the limits while copying;
//! - [`tar`] reads gzip (or plain) tar archives entry by entry, [`zip`] reads zip archives and
//!   cross-checks their headers, [`dir`] walks a directory in place.
//!
//! The format is decided by the file's magic bytes, not its extension.

mod dir;
mod names;
mod rules;
mod tar;
mod write;
mod zip;

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

pub use rules::*;

use mcp_audit_core::Rule;

/// Size and shape limits for unpacking. Defaults are safe for any MCP server package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Most bytes unpacked in total.
    pub max_total_bytes: u64,
    /// Most unpacked bytes per compressed byte, beyond [`Limits::ratio_floor_bytes`].
    pub max_ratio: u64,
    /// Unpacked size under which the ratio is not checked.
    pub ratio_floor_bytes: u64,
    /// Most bytes in one entry.
    pub max_entry_bytes: u64,
    /// Most entries (files + directories).
    pub max_entries: usize,
    /// Most path components in one entry.
    pub max_depth: usize,
    /// Most bytes in one entry's path.
    pub max_path_len: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_total_bytes: 1024 * 1024 * 1024,
            max_ratio: 100,
            ratio_floor_bytes: 64 * 1024 * 1024,
            max_entry_bytes: 512 * 1024 * 1024,
            max_entries: 100_000,
            max_depth: 64,
            max_path_len: 1024,
        }
    }
}

/// One regular file of an unpacked package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeFile {
    /// Path relative to the package root, `/`-separated, validated.
    pub path: String,
    /// Size in bytes.
    pub size: u64,
    /// Whether the archive marked it executable.
    pub executable: bool,
}

/// An unpacked (or, for directories, walked) package.
#[derive(Debug)]
pub struct PackageTree {
    /// Keeps the sandbox directory alive; removed on drop.
    _sandbox: Option<tempfile::TempDir>,
    root: PathBuf,
    files: Vec<TreeFile>,
    skipped: Vec<String>,
}

impl PackageTree {
    /// Digest of the tree: sha256 over each file's path and content digest, in path order, so
    /// the same tree always gives the same value (the `sha256` of a directory target).
    #[must_use]
    pub fn digest(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        for file in self.files() {
            let content = mcp_audit_core::digest::sha256_file(&self.root().join(&file.path))
                .unwrap_or_default();
            h.update(file.path.as_bytes());
            h.update([0]);
            h.update(content.as_bytes());
            h.update([0]);
        }
        hex::encode(h.finalize())
    }

    /// Builds a tree from parts (used by the unpackers and by tests).
    #[must_use]
    pub fn new(
        sandbox: Option<tempfile::TempDir>,
        root: PathBuf,
        mut files: Vec<TreeFile>,
    ) -> Self {
        files.sort_by(|a, b| a.path.cmp(&b.path));
        PackageTree {
            _sandbox: sandbox,
            root,
            files,
            skipped: Vec::new(),
        }
    }

    /// Records paths that were seen but not taken into the tree (links inside a walked
    /// directory).
    #[must_use]
    pub fn with_skipped(mut self, mut skipped: Vec<String>) -> Self {
        skipped.sort();
        self.skipped = skipped;
        self
    }

    /// Paths seen but not taken into the tree, sorted.
    #[must_use]
    pub fn skipped(&self) -> &[String] {
        &self.skipped
    }

    /// The package root on disk (inside the sandbox for archives).
    #[must_use]
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Regular files, sorted by path.
    #[must_use]
    pub fn files(&self) -> &[TreeFile] {
        &self.files
    }

    /// Looks a file up by its relative path.
    #[must_use]
    pub fn file(&self, path: &str) -> Option<&TreeFile> {
        self.files
            .binary_search_by(|f| f.path.as_str().cmp(path))
            .ok()
            .map(|i| &self.files[i])
    }

    /// Reads a file of the tree.
    ///
    /// # Errors
    /// The file is not part of the tree, or cannot be read.
    pub fn read(&self, path: &str) -> std::io::Result<Vec<u8>> {
        if self.file(path).is_none() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("`{path}` is not a file of the package"),
            ));
        }
        std::fs::read(self.root.join(path))
    }
}

/// Why an archive could not be unpacked.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum UnpackError {
    /// An entry was rejected by a sandbox rule.
    #[error("archive entry `{entry}` rejected: {reason}")]
    Rejected {
        /// The entry's name, escaped for display.
        entry: String,
        /// Why.
        reason: String,
        /// The archive rule it breaks.
        rule: &'static Rule,
    },
    /// The archive itself is malformed or not an archive.
    #[error("`{path}` is not a readable archive: {reason}")]
    Malformed {
        /// The archive path.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// An I/O error outside the archive's control.
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// The error.
        source: std::io::Error,
    },
}

impl UnpackError {
    /// The archive rule this error corresponds to, for the report's finding.
    #[must_use]
    pub fn rule(&self) -> Option<&'static Rule> {
        match self {
            UnpackError::Rejected { rule, .. } => Some(rule),
            UnpackError::Malformed { .. } => Some(&ARCHIVE_MALFORMED),
            UnpackError::Io { .. } => None,
        }
    }
}

/// The archive formats the sandbox reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// gzip-compressed tar (`.tgz`, `.tar.gz`, `.crate`).
    TarGz,
    /// Uncompressed tar.
    Tar,
    /// Zip (`.whl`, `.zip`, `.mcpb`, `.dxt`).
    Zip,
}

/// Decides the format from the first bytes of a file (at least 262 for tar).
#[must_use]
pub fn sniff(head: &[u8]) -> Option<Format> {
    if head.starts_with(&[0x1f, 0x8b]) {
        Some(Format::TarGz)
    } else if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        Some(Format::Zip)
    } else if head.len() >= 262 && &head[257..262] == b"ustar" {
        Some(Format::Tar)
    } else {
        None
    }
}

/// Unpacks the archive (or walks the directory) at `path` into a fresh sandbox directory.
///
/// The format comes from the file's magic bytes. On any error the sandbox directory is
/// removed before returning.
///
/// # Errors
/// See [`UnpackError`].
pub fn unpack(path: &Path, limits: &Limits) -> Result<PackageTree, UnpackError> {
    unpack_in(path, limits, &std::env::temp_dir())
}

/// Like [`unpack`], with the sandbox directory created inside `parent` (which must exist).
/// Directories are still walked in place.
///
/// # Errors
/// See [`UnpackError`].
pub fn unpack_in(path: &Path, limits: &Limits, parent: &Path) -> Result<PackageTree, UnpackError> {
    let meta = std::fs::symlink_metadata(path).map_err(|source| UnpackError::Io {
        context: format!("cannot read `{}`", path.display()),
        source,
    })?;
    if meta.is_dir() {
        return dir::walk(path, limits);
    }
    let mut file = File::open(path).map_err(|source| UnpackError::Io {
        context: format!("cannot open `{}`", path.display()),
        source,
    })?;
    let mut head = Vec::with_capacity(512);
    (&mut file)
        .take(512)
        .read_to_end(&mut head)
        .map_err(|source| UnpackError::Io {
            context: format!("cannot read `{}`", path.display()),
            source,
        })?;
    let Some(format) = sniff(&head) else {
        return Err(UnpackError::Malformed {
            path: path.to_path_buf(),
            reason: "not a gzip, tar or zip archive".into(),
        });
    };
    drop(file);
    let mut writer = write::Writer::new(path, limits, parent)?;
    match format {
        Format::Zip => zip::unpack(path, &mut writer)?,
        Format::TarGz | Format::Tar => {
            let file = File::open(path).map_err(|source| UnpackError::Io {
                context: format!("cannot open `{}`", path.display()),
                source,
            })?;
            let input = write::Counting::new(std::io::BufReader::new(file), writer.consumed());
            if format == Format::TarGz {
                tar::unpack(flate2::read::MultiGzDecoder::new(input), &mut writer)?;
            } else {
                tar::unpack(input, &mut writer)?;
            }
        }
    }
    Ok(writer.finish())
}
