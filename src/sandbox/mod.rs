//! Safe unpacking of untrusted archives into a fresh private directory.
//!
//! Nothing here follows links while writing, keeps modes beyond the exec bit, or trusts sizes an
//! archive declares about itself. Every rejection is an [`UnpackError`] that names the entry and
//! the reason, and maps to an `archive` rule so the report can carry it as a finding too.
//!
//! (Interface drafted with the workspace; the hardened implementation lands with the sandbox work.)

use std::path::{Path, PathBuf};

use crate::model::{Category, Severity};
use crate::rules::Rule;

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
}

impl PackageTree {
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
        }
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

/// The archive is truncated, corrupt, or not an archive at all.
pub static ARCHIVE_MALFORMED: Rule = Rule {
    id: "archive-malformed",
    category: Category::Archive,
    severity: Severity::High,
    summary:
        "The package archive is truncated, corrupt or not an archive; nothing in it was audited.",
    example: "a .tgz whose gzip stream ends early",
};

/// Archive rules.
pub static RULES: &[Rule] = &[ARCHIVE_MALFORMED];

/// Unpacks the archive (or walks the directory) at `path` into a fresh sandbox directory.
///
/// # Errors
/// See [`UnpackError`].
pub fn unpack(path: &Path, _limits: &Limits) -> Result<PackageTree, UnpackError> {
    Err(UnpackError::Malformed {
        path: path.to_path_buf(),
        reason: "unpacking is not built yet".into(),
    })
}
