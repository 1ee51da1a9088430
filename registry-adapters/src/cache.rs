//! The content-addressed download cache.
//!
//! Layout under the cache root:
//! - `blobs/sha256/<2 hex>/<64 hex>/<file name>`: artifacts, addressed by their sha256 and
//!   keeping the registry's (sanitized) file name so the unpacker and identifier see `.whl`,
//!   `.crate`, `.mcpb`…;
//! - `tmp/`: downloads in progress (hashed while written, renamed into `blobs/` only once
//!   verified, deleted on any failure);
//! - `index/<hash of key>.json`: what a request resolved to, so `--offline` can answer it later;
//! - `advisories/<ecosystem>/<hash of name@version>.json`: the known vulnerabilities of a
//!   package version, with when they were asked ([`CachedAdvisories`]).

use std::fs;
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::digest::{self, MultiHasher};
use crate::http::{HttpClient, Request, Sink};
use crate::{Error, FetchedArtifact, Integrity, Reporter, ResolvedPackage};

/// The cache directory.
#[derive(Debug, Clone)]
pub struct Cache {
    root: PathBuf,
}

/// What a request resolved to, kept for offline use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// The lookup key (readable).
    pub key: String,
    /// The resolved package.
    pub package: ResolvedPackage,
    /// sha256 of the artifact in `blobs/`.
    pub sha256: String,
    /// Integrity established when it was downloaded.
    pub integrity: Integrity,
}

/// The known vulnerabilities of one package version, as cached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CachedAdvisories {
    /// The lookup key (`registry|ecosystem|name|version`).
    pub key: String,
    /// When the registry was asked (seconds since the Unix epoch).
    pub fetched_at: u64,
    /// What it answered.
    pub advisories: Vec<crate::Advisory>,
}

/// The default cache directory: `$XDG_CACHE_HOME` or `~/.cache` (Linux), `~/Library/Caches`
/// (macOS), `%LOCALAPPDATA%` (Windows), each + `mcp-audit`.
#[must_use]
pub fn default_dir() -> Option<PathBuf> {
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let base = if cfg!(windows) {
        env("LOCALAPPDATA")
    } else if cfg!(target_os = "macos") {
        env("HOME").map(|h| h.join("Library/Caches"))
    } else {
        env("XDG_CACHE_HOME")
            .filter(|p| p.is_absolute())
            .or_else(|| env("HOME").map(|h| h.join(".cache")))
    };
    base.map(|b| b.join("mcp-audit"))
}

/// A registry-supplied file name reduced to `[A-Za-z0-9._+-]`, no leading dot, at most 150
/// bytes; `artifact` when nothing is left.
#[must_use]
pub fn safe_filename(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let mut out: String = base
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '+' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    while out.starts_with('.') {
        out.remove(0);
    }
    if out.len() > 150 {
        out = out[out.len() - 150..].to_string();
    }
    if out.is_empty() {
        "artifact".to_string()
    } else {
        out
    }
}

/// Removes downloads left behind by a killed process (older than a day; a live download of
/// another process is younger).
fn sweep(tmp_dir: &Path) {
    let Ok(entries) = fs::read_dir(tmp_dir) else {
        return;
    };
    let day = std::time::Duration::from_secs(24 * 60 * 60);
    for entry in entries.flatten() {
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > day);
        if stale && entry.file_name().to_string_lossy().starts_with("download-") {
            let _ = fs::remove_file(entry.path());
        }
    }
}

struct HashingFile {
    file: tempfile::NamedTempFile,
    hasher: MultiHasher,
}

impl Sink for HashingFile {
    fn reset(&mut self) -> std::io::Result<()> {
        self.hasher = MultiHasher::default();
        self.file.as_file_mut().set_len(0)?;
        self.file.as_file_mut().rewind()?;
        Ok(())
    }

    fn write(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.hasher.update(bytes);
        self.file.write_all(bytes)
    }
}

impl Cache {
    /// A cache rooted at `root` (created on first write).
    #[must_use]
    pub fn new(root: impl Into<PathBuf>) -> Cache {
        Cache { root: root.into() }
    }

    /// The cache root.
    #[must_use]
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where the artifact with this sha256 and file name lives.
    #[must_use]
    pub fn blob_path(&self, sha256: &str, filename: &str) -> PathBuf {
        let prefix = sha256.get(..2).unwrap_or("xx");
        self.root
            .join("blobs/sha256")
            .join(prefix)
            .join(sha256)
            .join(safe_filename(filename))
    }

    fn ensure(&self, dir: &Path) -> Result<(), Error> {
        fs::create_dir_all(dir).map_err(|e| Error::cache(dir, e))
    }

    /// Downloads `package` into the cache, hashing while writing, and checks the published
    /// digest. On any failure (transport, truncation, size, mismatch) nothing is left behind.
    ///
    /// # Errors
    /// Download failures and [`Error::Integrity`] on a digest mismatch.
    pub fn download(
        &self,
        http: &HttpClient,
        request: &Request<'_>,
        package: &ResolvedPackage,
        reporter: Option<&dyn Reporter>,
    ) -> Result<FetchedArtifact, Error> {
        let tmp_dir = self.root.join("tmp");
        self.ensure(&tmp_dir)?;
        sweep(&tmp_dir);
        let file = tempfile::Builder::new()
            .prefix("download-")
            .tempfile_in(&tmp_dir)
            .map_err(|e| Error::cache(&tmp_dir, e))?;
        let mut sink = HashingFile {
            file,
            hasher: MultiHasher::default(),
        };
        let label = format!("{}@{}", package.name, package.version);
        http.download(request, &mut sink, reporter, &label)?;
        let HashingFile { mut file, hasher } = sink;
        file.flush().map_err(|e| Error::cache(file.path(), e))?;
        let hashes = hasher.finish();
        let integrity = match digest::verify(&hashes, &package.digests) {
            Ok(true) => Integrity::Verified,
            Ok(false) => Integrity::Unverified,
            Err((expected, actual)) => {
                drop(file); // deletes the temp file
                return Err(Error::Integrity(Box::new(crate::Mismatch {
                    name: package.name.clone(),
                    version: package.version.clone(),
                    url: package.url.clone(),
                    algorithm: expected.algorithm.as_str().to_string(),
                    expected: digest::display(&expected),
                    actual: digest::display(&crate::digest::Digest {
                        algorithm: expected.algorithm,
                        hex: actual,
                    }),
                    sha256: hashes.sha256,
                })));
            }
        };
        let path = self.blob_path(&hashes.sha256, &package.filename);
        if let Some(parent) = path.parent() {
            self.ensure(parent)?;
        }
        if path.is_file() {
            drop(file);
        } else {
            file.persist(&path)
                .map_err(|e| Error::cache(&path, e.error))?;
        }
        Ok(FetchedArtifact {
            package: package.clone(),
            path,
            sha256: hashes.sha256,
            integrity,
        })
    }

    /// The cached artifact for a record, re-hashed: `None` when the blob is missing or does not
    /// hash to its name any more (then it is deleted).
    ///
    /// # Errors
    /// The blob cannot be read.
    pub fn artifact(&self, record: &Record) -> Result<Option<FetchedArtifact>, Error> {
        let path = self.blob_path(&record.sha256, &record.package.filename);
        let mut file = match fs::File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::cache(&path, e)),
        };
        let mut hasher = MultiHasher::default();
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = file.read(&mut buf).map_err(|e| Error::cache(&path, e))?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
        }
        let hashes = hasher.finish();
        if hashes.sha256 != record.sha256 {
            tracing::warn!("cached `{}` is corrupt; removing it", path.display());
            let _ = fs::remove_file(&path);
            return Ok(None);
        }
        let integrity = match digest::verify(&hashes, &record.package.digests) {
            Ok(true) => Integrity::Verified,
            Ok(false) => Integrity::Unverified,
            Err(_) => {
                let _ = fs::remove_file(&path);
                return Ok(None);
            }
        };
        Ok(Some(FetchedArtifact {
            package: record.package.clone(),
            path,
            sha256: record.sha256.clone(),
            integrity,
        }))
    }

    fn record_path(&self, key: &str) -> PathBuf {
        use sha2::Digest as _;
        let h = hex::encode(sha2::Sha256::digest(key.as_bytes()));
        self.root.join("index").join(format!("{}.json", &h[..32]))
    }

    fn advisories_path(&self, key: &str) -> PathBuf {
        use sha2::Digest as _;
        let h = hex::encode(sha2::Sha256::digest(key.as_bytes()));
        self.root
            .join("advisories")
            .join(format!("{}.json", &h[..32]))
    }

    /// The cached advisories under `key`, if any.
    #[must_use]
    pub fn advisories(&self, key: &str) -> Option<CachedAdvisories> {
        let bytes = fs::read(self.advisories_path(key)).ok()?;
        serde_json::from_slice::<CachedAdvisories>(&bytes)
            .ok()
            .filter(|c| c.key == key)
    }

    /// Stores advisories under their key (atomically).
    ///
    /// # Errors
    /// The directory cannot be written.
    pub fn put_advisories(&self, entry: &CachedAdvisories) -> Result<(), Error> {
        let path = self.advisories_path(&entry.key);
        let dir = self.root.join("advisories");
        self.ensure(&dir)?;
        let mut tmp = tempfile::NamedTempFile::new_in(&dir).map_err(|e| Error::cache(&dir, e))?;
        let json = serde_json::to_vec(entry).expect("advisories serialize");
        tmp.write_all(&json).map_err(|e| Error::cache(&path, e))?;
        tmp.persist(&path)
            .map_err(|e| Error::cache(&path, e.error))?;
        Ok(())
    }

    /// Looks a record up by key.
    #[must_use]
    pub fn record(&self, key: &str) -> Option<Record> {
        let path = self.record_path(key);
        let bytes = fs::read(&path).ok()?;
        match serde_json::from_slice::<Record>(&bytes) {
            Ok(r) if r.key == key => Some(r),
            Ok(_) => None,
            Err(e) => {
                tracing::warn!("ignoring unreadable cache record `{}`: {e}", path.display());
                None
            }
        }
    }

    /// Stores a record under `key` (atomically).
    ///
    /// # Errors
    /// The index directory cannot be written.
    pub fn put_record(&self, key: &str, artifact: &FetchedArtifact) -> Result<(), Error> {
        let record = Record {
            key: key.to_string(),
            package: artifact.package.clone(),
            sha256: artifact.sha256.clone(),
            integrity: artifact.integrity,
        };
        let path = self.record_path(key);
        let dir = self.root.join("index");
        self.ensure(&dir)?;
        let mut tmp = tempfile::NamedTempFile::new_in(&dir).map_err(|e| Error::cache(&dir, e))?;
        let json = serde_json::to_vec_pretty(&record).expect("records serialize");
        tmp.write_all(&json).map_err(|e| Error::cache(&path, e))?;
        tmp.persist(&path)
            .map_err(|e| Error::cache(&path, e.error))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_downloads_are_swept_fresh_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("download-old");
        let new = dir.path().join("download-new");
        let other = dir.path().join("keep-me");
        for p in [&old, &new, &other] {
            fs::write(p, b"x").unwrap();
        }
        let two_days = std::time::SystemTime::now() - std::time::Duration::from_secs(48 * 3600);
        for p in [&old, &other] {
            fs::File::options()
                .write(true)
                .open(p)
                .unwrap()
                .set_modified(two_days)
                .unwrap();
        }
        sweep(dir.path());
        assert!(!old.exists());
        assert!(new.exists() && other.exists());
    }

    #[test]
    fn file_names_are_sanitized() {
        for (raw, safe) in [
            ("pkg-1.0-py3-none-any.whl", "pkg-1.0-py3-none-any.whl"),
            ("../../etc/passwd", "passwd"),
            ("..", "artifact"),
            ("a b\u{1b}[31m.tgz", "a_b__31m.tgz"),
            ("", "artifact"),
            (".hidden.mcpb", "hidden.mcpb"),
        ] {
            assert_eq!(safe_filename(raw), safe, "{raw:?}");
        }
        assert!(safe_filename(&"x".repeat(400)).len() <= 150);
    }
}
