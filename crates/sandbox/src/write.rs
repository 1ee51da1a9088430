//! The sandbox directory and the accounting every unpacker shares.
//!
//! [`Writer`] is the only code that writes to disk. It creates directories and regular files
//! under a fresh [`tempfile::TempDir`] and nothing else: no links, no special files, no modes
//! beyond the owner's defaults (so setuid/setgid/sticky bits are dropped; the exec bit is only
//! recorded in [`TreeFile::executable`]). Files are opened with `create_new`, which fails rather
//! than follow a link at the final component; since the writer never creates a link, no
//! intermediate component can be one either.
//!
//! While copying it counts the bytes actually produced by the decompressor, and checks them
//! against the per-entry, total and ratio limits after every chunk, so a bomb is refused after
//! at most one chunk past a limit, whatever sizes the archive declares.

use std::cell::Cell;
use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use unicode_normalization::UnicodeNormalization;

use super::names::{self, EntryName};
use super::{
    Limits, PackageTree, TreeFile, UnpackError, ARCHIVE_COMPRESSION_RATIO, ARCHIVE_DUPLICATE_ENTRY,
    ARCHIVE_ENTRY_TOO_LARGE, ARCHIVE_HEADER_MISMATCH, ARCHIVE_PATH_CONFLICT, ARCHIVE_TOO_LARGE,
    ARCHIVE_TOO_MANY_ENTRIES,
};

/// Copy buffer size: the most a limit can be overrun by before it is noticed.
const CHUNK: usize = 64 * 1024;

/// Most bytes of entry names kept in memory (for duplicate and conflict checks). With the
/// entry-count and path-length limits alone, 100,000 names of 1 KiB would hold hundreds of
/// MiB; real packages use well under 1 MiB.
pub(crate) const MAX_NAME_BYTES: u64 = 16 * 1024 * 1024;

/// Counts the bytes read (the compressed input consumed) through a shared counter.
#[derive(Debug)]
pub(crate) struct Counting<R> {
    inner: R,
    count: Rc<Cell<u64>>,
}

impl<R> Counting<R> {
    pub(crate) fn new(inner: R, count: Rc<Cell<u64>>) -> Self {
        Counting { inner, count }
    }
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.set(self.count.get() + n as u64);
        Ok(n)
    }
}

impl<R: Seek> Seek for Counting<R> {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        self.inner.seek(pos)
    }
}

/// What a path is in the archive so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    File,
    /// A directory; `explicit` when an entry named it (rather than a file path implying it).
    Dir {
        explicit: bool,
    },
}

/// Writes validated entries into the sandbox and enforces the limits.
#[derive(Debug)]
pub(crate) struct Writer<'a> {
    limits: &'a Limits,
    archive: PathBuf,
    dir: tempfile::TempDir,
    consumed: Rc<Cell<u64>>,
    total: u64,
    entries: usize,
    name_bytes: u64,
    kinds: HashMap<String, Kind>,
    /// Case-folded NFC path → the first path with that key.
    folded: HashMap<String, String>,
    files: Vec<TreeFile>,
}

impl<'a> Writer<'a> {
    /// A writer over a fresh sandbox directory inside `parent`, for the archive at `archive`.
    ///
    /// # Errors
    /// The temporary directory cannot be created.
    pub(crate) fn new(
        archive: &Path,
        limits: &'a Limits,
        parent: &Path,
    ) -> Result<Self, UnpackError> {
        let dir = tempfile::Builder::new()
            .prefix("mcp-audit-sandbox-")
            .tempdir_in(parent)
            .map_err(|source| UnpackError::Io {
                context: "cannot create the sandbox directory".into(),
                source,
            })?;
        Ok(Writer {
            limits,
            archive: archive.to_path_buf(),
            dir,
            consumed: Rc::new(Cell::new(0)),
            total: 0,
            entries: 0,
            name_bytes: 0,
            kinds: HashMap::new(),
            folded: HashMap::new(),
            files: Vec::new(),
        })
    }

    /// The limits in force.
    pub(crate) fn limits(&self) -> &'a Limits {
        self.limits
    }

    /// The counter of compressed input consumed; wrap the archive reader with [`Counting`].
    pub(crate) fn consumed(&self) -> Rc<Cell<u64>> {
        Rc::clone(&self.consumed)
    }

    /// A `Malformed` error for this archive.
    pub(crate) fn malformed(&self, reason: impl std::fmt::Display) -> UnpackError {
        UnpackError::Malformed {
            path: self.archive.clone(),
            reason: reason.to_string(),
        }
    }

    /// Counts one more entry (any kind, including metadata headers) against the limit.
    ///
    /// # Errors
    /// Too many entries.
    pub(crate) fn count_entry(&mut self, raw: &[u8]) -> Result<(), UnpackError> {
        self.entries += 1;
        if self.entries > self.limits.max_entries {
            return Err(names::reject(
                raw,
                &ARCHIVE_TOO_MANY_ENTRIES,
                format!("more than {} entries", self.limits.max_entries),
            ));
        }
        Ok(())
    }

    /// Counts the bytes of a name about to be remembered.
    fn count_name(&mut self, raw: &[u8], name: &EntryName) -> Result<(), UnpackError> {
        self.name_bytes += name.path.len() as u64;
        if self.name_bytes > MAX_NAME_BYTES {
            return Err(names::reject(
                raw,
                &ARCHIVE_TOO_MANY_ENTRIES,
                format!("entry names total more than {MAX_NAME_BYTES} bytes"),
            ));
        }
        Ok(())
    }

    /// Registers a directory entry and creates it.
    ///
    /// # Errors
    /// A conflict with an earlier entry, or an I/O error.
    pub(crate) fn add_dir(&mut self, raw: &[u8], name: &EntryName) -> Result<(), UnpackError> {
        self.count_name(raw, name)?;
        self.parents(raw, &name.path)?;
        match self.kinds.get(&name.path) {
            Some(Kind::File) => {
                return Err(names::reject(
                    raw,
                    &ARCHIVE_PATH_CONFLICT,
                    "a directory entry where an earlier entry is a file",
                ))
            }
            Some(Kind::Dir { explicit: true }) => {
                return Err(names::reject(
                    raw,
                    &ARCHIVE_DUPLICATE_ENTRY,
                    "the directory appears twice",
                ))
            }
            Some(Kind::Dir { explicit: false }) => {}
            None => {
                self.fold_check(raw, &name.path)?;
                self.mkdir(&name.path)?;
            }
        }
        self.kinds
            .insert(name.path.clone(), Kind::Dir { explicit: true });
        Ok(())
    }

    /// Registers a regular file and copies its content from `data`, counting every byte.
    /// `declared` is the size the archive claims; any difference is a rejection.
    ///
    /// # Errors
    /// A conflict, a limit, a size mismatch, unreadable data, or an I/O error.
    pub(crate) fn add_file(
        &mut self,
        raw: &[u8],
        name: &EntryName,
        data: &mut dyn Read,
        declared: Option<u64>,
        executable: bool,
    ) -> Result<(), UnpackError> {
        if name.dir_marker {
            return Err(names::reject(
                raw,
                &ARCHIVE_PATH_CONFLICT,
                "a file entry whose name ends with `/`",
            ));
        }
        self.count_name(raw, name)?;
        self.parents(raw, &name.path)?;
        match self.kinds.get(&name.path) {
            Some(Kind::File) => {
                return Err(names::reject(
                    raw,
                    &ARCHIVE_DUPLICATE_ENTRY,
                    "the file appears twice",
                ))
            }
            Some(Kind::Dir { .. }) => {
                return Err(names::reject(
                    raw,
                    &ARCHIVE_PATH_CONFLICT,
                    "a file entry where another entry needs a directory",
                ))
            }
            None => {}
        }
        self.fold_check(raw, &name.path)?;
        if let Some(size) = declared {
            if size > self.limits.max_entry_bytes {
                return Err(self.entry_too_large(raw, size));
            }
        }
        self.kinds.insert(name.path.clone(), Kind::File);
        let target = self.dir.path().join(&name.path);
        let mut out = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&target)
            .map_err(|source| UnpackError::Io {
                context: format!("cannot create `{}` in the sandbox", names::display(raw)),
                source,
            })?;
        let size = self.copy(raw, data, declared, &mut out)?;
        self.files.push(TreeFile {
            path: name.path.clone(),
            size,
            executable,
        });
        Ok(())
    }

    fn entry_too_large(&self, raw: &[u8], size: u64) -> UnpackError {
        names::reject(
            raw,
            &ARCHIVE_ENTRY_TOO_LARGE,
            format!(
                "entry of {size} bytes or more exceeds the per-entry limit of {} bytes",
                self.limits.max_entry_bytes
            ),
        )
    }

    /// Copies `data` to `out` in chunks, checking every limit after each chunk.
    fn copy(
        &mut self,
        raw: &[u8],
        data: &mut dyn Read,
        declared: Option<u64>,
        out: &mut File,
    ) -> Result<u64, UnpackError> {
        let mut buf = vec![0u8; CHUNK];
        let mut written: u64 = 0;
        loop {
            let n = match data.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    return Err(self.malformed(format_args!("entry `{}`: {e}", names::display(raw))))
                }
            };
            written += n as u64;
            self.total += n as u64;
            if let Some(size) = declared {
                if written > size {
                    return Err(names::reject(
                        raw,
                        &ARCHIVE_HEADER_MISMATCH,
                        format!("declares {size} bytes but holds more"),
                    ));
                }
            }
            if written > self.limits.max_entry_bytes {
                return Err(self.entry_too_large(raw, written));
            }
            if self.total > self.limits.max_total_bytes {
                return Err(names::reject(
                    raw,
                    &ARCHIVE_TOO_LARGE,
                    format!(
                        "the archive unpacks to more than the limit of {} bytes",
                        self.limits.max_total_bytes
                    ),
                ));
            }
            self.check_ratio(raw)?;
            out.write_all(&buf[..n]).map_err(|source| UnpackError::Io {
                context: format!("cannot write `{}` in the sandbox", names::display(raw)),
                source,
            })?;
        }
        if let Some(size) = declared {
            if written != size {
                return Err(self.malformed(format_args!(
                    "entry `{}` ends after {written} of its {size} declared bytes",
                    names::display(raw)
                )));
            }
        }
        Ok(written)
    }

    /// Unpacked bytes against compressed bytes consumed, once past the floor.
    fn check_ratio(&self, raw: &[u8]) -> Result<(), UnpackError> {
        if self.total <= self.limits.ratio_floor_bytes {
            return Ok(());
        }
        let consumed = self.consumed.get().max(1);
        if self.total > self.limits.max_ratio.saturating_mul(consumed) {
            return Err(names::reject(
                raw,
                &ARCHIVE_COMPRESSION_RATIO,
                format!(
                    "{} bytes unpacked from {consumed} compressed bytes exceeds the ratio limit \
                     of {}:1",
                    self.total, self.limits.max_ratio
                ),
            ));
        }
        Ok(())
    }

    /// Every proper prefix of `path` must be (or become) a directory.
    fn parents(&mut self, raw: &[u8], path: &str) -> Result<(), UnpackError> {
        let mut end = 0;
        while let Some(i) = path[end..].find('/') {
            let prefix = &path[..end + i];
            match self.kinds.get(prefix) {
                Some(Kind::Dir { .. }) => {}
                Some(Kind::File) => {
                    return Err(names::reject(
                        raw,
                        &ARCHIVE_PATH_CONFLICT,
                        format!(
                            "`{}` is a file, not a directory",
                            names::display(prefix.as_bytes())
                        ),
                    ))
                }
                None => {
                    self.fold_check(raw, prefix)?;
                    self.mkdir(prefix)?;
                    self.kinds
                        .insert(prefix.to_string(), Kind::Dir { explicit: false });
                }
            }
            end += i + 1;
        }
        Ok(())
    }

    /// Refuses a new path equal to an earlier one up to case or Unicode normalization.
    fn fold_check(&mut self, raw: &[u8], path: &str) -> Result<(), UnpackError> {
        let key = if path.is_ascii() {
            path.to_ascii_lowercase()
        } else {
            path.nfc().collect::<String>().to_lowercase()
        };
        match self.folded.get(&key) {
            Some(first) if first != path => Err(names::reject(
                raw,
                &ARCHIVE_DUPLICATE_ENTRY,
                format!(
                    "collides with `{}` up to case or Unicode normalization",
                    names::display(first.as_bytes())
                ),
            )),
            Some(_) => Ok(()),
            None => {
                self.folded.insert(key, path.to_string());
                Ok(())
            }
        }
    }

    fn mkdir(&self, path: &str) -> Result<(), UnpackError> {
        std::fs::create_dir(self.dir.path().join(path)).map_err(|source| UnpackError::Io {
            context: format!(
                "cannot create directory `{}` in the sandbox",
                names::display(path.as_bytes())
            ),
            source,
        })
    }

    /// The unpacked tree. When every entry lives under one top-level directory (`package/`,
    /// `name-1.0/`), that directory is the package root.
    pub(crate) fn finish(self) -> PackageTree {
        let mut tops = self.kinds.keys().map(|p| p.split('/').next().unwrap_or(p));
        let single = match tops.next() {
            Some(first) if tops.all(|t| t == first) => Some(first.to_string()),
            _ => None,
        };
        match single {
            Some(top)
                if matches!(self.kinds.get(&top), Some(Kind::Dir { .. }))
                    && !self.files.is_empty() =>
            {
                let prefix = format!("{top}/");
                let files = self
                    .files
                    .into_iter()
                    .map(|f| TreeFile {
                        path: f.path[prefix.len()..].to_string(),
                        ..f
                    })
                    .collect();
                let root = self.dir.path().join(&top);
                PackageTree::new(Some(self.dir), root, files)
            }
            _ => {
                let root = self.dir.path().to_path_buf();
                PackageTree::new(Some(self.dir), root, self.files)
            }
        }
    }
}
