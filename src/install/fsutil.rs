//! File helpers for installing: hashed copies, atomic writes, directory digests.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use sha2::{Digest, Sha256};

/// Copies `from` to `to` (a new file), hashing the bytes written; returns the hex sha256.
///
/// # Errors
/// Either file cannot be read or written.
pub fn copy_hashed(from: &Path, to: &Path) -> anyhow::Result<String> {
    let mut src =
        std::fs::File::open(from).with_context(|| format!("cannot read `{}`", from.display()))?;
    let mut dst = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(to)
        .with_context(|| format!("cannot create `{}`", to.display()))?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = src
            .read(&mut buf)
            .with_context(|| format!("cannot read `{}`", from.display()))?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
        dst.write_all(&buf[..n])
            .with_context(|| format!("cannot write `{}`", to.display()))?;
    }
    dst.sync_all().ok();
    Ok(hex::encode(h.finalize()))
}

/// Writes `bytes` to `path` through a temporary file in the same directory and a rename.
///
/// # Errors
/// The directory is not writable or the rename fails.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = parent_dir(path);
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create `{}`", dir.display()))?;
    let mut tmp = tempfile::NamedTempFile::new_in(&dir)
        .with_context(|| format!("cannot create a temporary file in `{}`", dir.display()))?;
    tmp.write_all(bytes)
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    tmp.as_file().sync_all().ok();
    // Keep the permissions of a file being replaced (client configs may be private).
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(tmp.path(), meta.permissions());
    }
    tmp.persist(path)
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    Ok(())
}

/// The directory a file lives in (`.` for a bare file name).
#[must_use]
pub fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Whether a path inside an installed server is runtime litter rather than installed content
/// (Python writes bytecode caches the first time a module is imported).
fn is_runtime_litter(name: &str) -> bool {
    name == "__pycache__" || name.ends_with(".pyc")
}

/// A digest of a directory: every regular file's relative path and content hash, and every
/// symlink's target, in path order. Independent of where the directory lives, so a staged
/// install and its final copy hash the same. Bytecode caches are left out.
///
/// # Errors
/// A file cannot be read.
pub fn tree_sha256(root: &Path) -> anyhow::Result<String> {
    let mut entries = Vec::new();
    walk(root, root, &mut entries)?;
    entries.sort();
    let mut h = Sha256::new();
    for (path, kind, digest) in entries {
        h.update(path.as_bytes());
        h.update([0]);
        h.update(kind.as_bytes());
        h.update([0]);
        h.update(digest.as_bytes());
        h.update([0]);
    }
    Ok(hex::encode(h.finalize()))
}

fn walk(
    root: &Path,
    dir: &Path,
    out: &mut Vec<(String, &'static str, String)>,
) -> anyhow::Result<()> {
    let read =
        std::fs::read_dir(dir).with_context(|| format!("cannot list `{}`", dir.display()))?;
    for entry in read {
        let entry = entry.with_context(|| format!("cannot list `{}`", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_runtime_litter(&name) {
            continue;
        }
        let path = entry.path();
        let rel = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        let kind = entry
            .file_type()
            .with_context(|| format!("cannot read `{}`", path.display()))?;
        if kind.is_symlink() {
            let target = std::fs::read_link(&path)
                .with_context(|| format!("cannot read link `{}`", path.display()))?;
            out.push((rel, "link", target.to_string_lossy().into_owned()));
        } else if kind.is_dir() {
            walk(root, &path, out)?;
        } else if kind.is_file() {
            let digest = mcp_audit_core::digest::sha256_file(&path)
                .with_context(|| format!("cannot read `{}`", path.display()))?;
            out.push((rel, "file", digest));
        }
    }
    Ok(())
}

/// Marks a file executable (Unix); a no-op elsewhere.
///
/// # Errors
/// The permissions cannot be changed.
pub fn make_executable(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mut perms = std::fs::metadata(path)?.permissions();
        perms.set_mode(perms.mode() | 0o755);
        std::fs::set_permissions(path, perms)?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Copies every file of an unpacked package into `dest` (created), keeping the executable bit
/// the archive declared. The tree's paths were validated by the sandbox.
///
/// # Errors
/// A file cannot be copied.
pub fn copy_tree(tree: &mcp_audit_sandbox::PackageTree, dest: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dest).with_context(|| format!("cannot create `{}`", dest.display()))?;
    for file in tree.files() {
        let to = dest.join(&file.path);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create `{}`", parent.display()))?;
        }
        let from = tree.root().join(&file.path);
        std::fs::copy(&from, &to).with_context(|| format!("cannot copy `{}`", file.path))?;
        if file.executable {
            make_executable(&to).with_context(|| format!("cannot chmod `{}`", to.display()))?;
        }
    }
    Ok(())
}

/// Removes `dir` and then each now-empty parent up to (not including) `stop`.
pub fn remove_dir_and_empty_parents(dir: &Path, stop: &Path) {
    let _ = std::fs::remove_dir_all(dir);
    let mut cur = dir.parent();
    while let Some(p) = cur {
        if p == stop || !p.starts_with(stop) {
            break;
        }
        if std::fs::remove_dir(p).is_err() {
            break;
        }
        cur = p.parent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tree_digest_ignores_location_and_bytecode() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        for root in [a.path(), b.path()] {
            std::fs::create_dir_all(root.join("x/y")).unwrap();
            std::fs::write(root.join("x/y/f.txt"), "hello").unwrap();
            std::fs::write(root.join("g"), "g").unwrap();
        }
        std::fs::create_dir_all(b.path().join("x/__pycache__")).unwrap();
        std::fs::write(b.path().join("x/__pycache__/m.cpython-311.pyc"), "bc").unwrap();
        let da = tree_sha256(a.path()).unwrap();
        assert_eq!(da, tree_sha256(b.path()).unwrap());
        std::fs::write(b.path().join("x/y/f.txt"), "hellO").unwrap();
        assert_ne!(da, tree_sha256(b.path()).unwrap());
    }

    #[test]
    fn copies_are_hashed_and_never_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("a");
        std::fs::write(&src, "abc").unwrap();
        let digest = copy_hashed(&src, &dir.path().join("b")).unwrap();
        assert_eq!(
            digest,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(copy_hashed(&src, &dir.path().join("b")).is_err());
    }

    #[test]
    fn atomic_write_replaces_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/f.json");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        assert_eq!(
            std::fs::read_dir(dir.path().join("sub")).unwrap().count(),
            1
        );
    }

    #[test]
    fn empty_parents_are_removed_up_to_the_stop() {
        let dir = tempfile::tempdir().unwrap();
        let deep = dir.path().join("servers/npm/@s/x/1.0.0");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::create_dir_all(dir.path().join("servers/npm/keep")).unwrap();
        remove_dir_and_empty_parents(&deep, &dir.path().join("servers"));
        assert!(!dir.path().join("servers/npm/@s").exists());
        assert!(dir.path().join("servers/npm/keep").exists());
    }
}
