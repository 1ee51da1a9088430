//! Directory targets, walked in place (nothing is copied).
//!
//! Links are never followed. A symbolic link whose target stays inside the directory is
//! skipped (its target is walked anyway, if it is part of the tree) and listed in
//! [`PackageTree::skipped`]; one that leads outside the directory, or cannot be resolved, is
//! refused like an escaping archive entry. Devices, fifos and sockets are refused. `.git`
//! directories are skipped; `node_modules` is not, since bundled dependencies are part of what
//! would run. The same entry-count, depth, path-length, per-file and total limits apply.

use std::fs;
use std::path::{Component, Path, PathBuf};

use super::names;
use super::{
    Limits, PackageTree, TreeFile, UnpackError, ARCHIVE_ENTRY_TOO_LARGE, ARCHIVE_INVALID_NAME,
    ARCHIVE_SPECIAL_FILE, ARCHIVE_SYMLINK, ARCHIVE_TOO_LARGE, ARCHIVE_TOO_MANY_ENTRIES,
};

/// Directory names not walked.
const SKIPPED_DIRS: &[&str] = &[".git"];

struct Walk<'a> {
    limits: &'a Limits,
    root: PathBuf,
    entries: usize,
    total: u64,
    files: Vec<TreeFile>,
    skipped: Vec<String>,
}

/// Walks the directory `path`.
///
/// # Errors
/// A link leading outside, a special file, a limit, a name that is not valid, or an I/O error.
pub(crate) fn walk(path: &Path, limits: &Limits) -> Result<PackageTree, UnpackError> {
    let root = fs::canonicalize(path).map_err(|source| UnpackError::Io {
        context: format!("cannot resolve `{}`", path.display()),
        source,
    })?;
    let mut walk = Walk {
        limits,
        root: root.clone(),
        entries: 0,
        total: 0,
        files: Vec::new(),
        skipped: Vec::new(),
    };
    walk.dir(&root, "")?;
    let Walk { files, skipped, .. } = walk;
    Ok(PackageTree::new(None, root, files).with_skipped(skipped))
}

impl Walk<'_> {
    fn io(path: &Path, source: std::io::Error) -> UnpackError {
        UnpackError::Io {
            context: format!("cannot read `{}`", path.display()),
            source,
        }
    }

    fn dir(&mut self, dir: &Path, rel: &str) -> Result<(), UnpackError> {
        let mut children: Vec<_> = fs::read_dir(dir)
            .map_err(|e| Self::io(dir, e))?
            .collect::<Result<_, _>>()
            .map_err(|e| Self::io(dir, e))?;
        children.sort_by_key(fs::DirEntry::file_name);
        for child in children {
            let os_name = child.file_name();
            let Some(name) = os_name.to_str() else {
                let shown = names::display(os_name.as_encoded_bytes());
                ARCHIVE_INVALID_NAME.record_fired();
                return Err(UnpackError::Rejected {
                    entry: format!("{rel}/{shown}").trim_start_matches('/').to_string(),
                    reason: "name is not valid UTF-8".into(),
                    rule: &ARCHIVE_INVALID_NAME,
                });
            };
            let child_rel = if rel.is_empty() {
                name.to_string()
            } else {
                format!("{rel}/{name}")
            };
            self.entries += 1;
            if self.entries > self.limits.max_entries {
                return Err(names::reject(
                    child_rel.as_bytes(),
                    &ARCHIVE_TOO_MANY_ENTRIES,
                    format!("more than {} entries", self.limits.max_entries),
                ));
            }
            // Same name checks as an archive entry (length, depth, control characters…).
            names::validate(child_rel.as_bytes(), self.limits)?;
            let path = child.path();
            let meta = fs::symlink_metadata(&path).map_err(|e| Self::io(&path, e))?;
            let kind = meta.file_type();
            if kind.is_symlink() {
                self.link(&path, &child_rel)?;
            } else if kind.is_dir() {
                if SKIPPED_DIRS.contains(&name) {
                    continue;
                }
                self.dir(&path, &child_rel)?;
            } else if kind.is_file() {
                self.file(&child_rel, &meta)?;
            } else {
                return Err(names::reject(
                    child_rel.as_bytes(),
                    &ARCHIVE_SPECIAL_FILE,
                    "a device, fifo or socket",
                ));
            }
        }
        Ok(())
    }

    fn file(&mut self, rel: &str, meta: &fs::Metadata) -> Result<(), UnpackError> {
        let size = meta.len();
        if size > self.limits.max_entry_bytes {
            return Err(names::reject(
                rel.as_bytes(),
                &ARCHIVE_ENTRY_TOO_LARGE,
                format!(
                    "file of {size} bytes exceeds the per-entry limit of {} bytes",
                    self.limits.max_entry_bytes
                ),
            ));
        }
        self.total += size;
        if self.total > self.limits.max_total_bytes {
            return Err(names::reject(
                rel.as_bytes(),
                &ARCHIVE_TOO_LARGE,
                format!(
                    "the directory holds more than the limit of {} bytes",
                    self.limits.max_total_bytes
                ),
            ));
        }
        self.files.push(TreeFile {
            path: rel.to_string(),
            size,
            executable: is_executable(meta),
        });
        Ok(())
    }

    /// A link: skipped when it resolves inside the root, refused when it resolves outside.
    /// A dangling link is skipped unless its text is absolute or climbs with `..`.
    fn link(&mut self, path: &Path, rel: &str) -> Result<(), UnpackError> {
        let target = fs::read_link(path).map_err(|e| Self::io(path, e))?;
        let shown = names::display(target.as_os_str().as_encoded_bytes());
        let inside = match fs::canonicalize(path) {
            Ok(real) => real.starts_with(&self.root),
            Err(_) => {
                !target.is_absolute() && !target.components().any(|c| c == Component::ParentDir)
            }
        };
        if !inside {
            return Err(names::reject(
                rel.as_bytes(),
                &ARCHIVE_SYMLINK,
                format!("symbolic link to `{shown}` leads outside the directory"),
            ));
        }
        self.skipped.push(rel.to_string());
        Ok(())
    }
}

#[cfg(unix)]
fn is_executable(meta: &fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o111 != 0
}

#[cfg(not(unix))]
fn is_executable(_meta: &fs::Metadata) -> bool {
    false
}
