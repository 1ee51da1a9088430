//! Ed25519 key pairs as PKIX PEM files: the private key as PKCS#8 (`-----BEGIN PRIVATE KEY-----`),
//! the public key as SubjectPublicKeyInfo (`-----BEGIN PUBLIC KEY-----`), the forms
//! `openssl genpkey -algorithm ed25519` writes and every DSSE/in-toto implementation reads.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use ed25519_dalek::pkcs8::spki::der::pem::LineEnding;
use ed25519_dalek::pkcs8::{DecodePrivateKey, DecodePublicKey, EncodePrivateKey, EncodePublicKey};
use ed25519_dalek::{SigningKey, VerifyingKey};
use sha2::{Digest as _, Sha256};

/// Default file name of the private key written by `key generate`.
pub const PRIVATE_KEY_FILE: &str = "mcp-audit.key";
/// Default file name of the public key written by `key generate`.
pub const PUBLIC_KEY_FILE: &str = "mcp-audit.pub";
/// Largest key file read.
const MAX_KEY_BYTES: u64 = 64 * 1024;

/// A fresh key from the operating system's random source.
///
/// # Errors
/// The operating system gives no randomness.
pub fn generate() -> anyhow::Result<SigningKey> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
    Ok(SigningKey::from_bytes(&seed))
}

/// The key id written in signatures: hex sha256 of the public key's DER SubjectPublicKeyInfo
/// (`openssl pkey -pubin -outform DER | sha256sum` gives the same).
///
/// # Panics
/// Never: an Ed25519 public key always encodes.
#[must_use]
pub fn key_id(key: &VerifyingKey) -> String {
    let der = key
        .to_public_key_der()
        .expect("an Ed25519 public key encodes");
    hex::encode(Sha256::digest(der.as_bytes()))
}

/// The files [`write_pair`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyFiles {
    /// The private key (mode 0600 on Unix).
    pub private: PathBuf,
    /// The public key.
    pub public: PathBuf,
    /// [`key_id`] of the public key.
    pub key_id: String,
}

/// Writes a new key pair into `dir` as `mcp-audit.key` and `mcp-audit.pub`. Refuses to replace
/// an existing file: losing a signing key is not undoable.
///
/// # Errors
/// A file exists already, or the directory cannot be written.
pub fn write_pair(dir: &Path, key: &SigningKey) -> anyhow::Result<KeyFiles> {
    let files = KeyFiles {
        private: dir.join(PRIVATE_KEY_FILE),
        public: dir.join(PUBLIC_KEY_FILE),
        key_id: key_id(&key.verifying_key()),
    };
    for path in [&files.private, &files.public] {
        if path.symlink_metadata().is_ok() {
            anyhow::bail!(
                "`{}` exists already; not replacing a key (move it away first)",
                path.display()
            );
        }
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create `{}`", dir.display()))?;
    let private = key
        .to_pkcs8_pem(LineEnding::LF)
        .map_err(|e| anyhow::anyhow!("cannot encode the private key: {e}"))?;
    let public = key
        .verifying_key()
        .to_public_key_pem(LineEnding::LF)
        .map_err(|e| anyhow::anyhow!("cannot encode the public key: {e}"))?;
    write_new(&files.private, private.as_bytes(), true)?;
    write_new(&files.public, public.as_bytes(), false)?;
    Ok(files)
}

/// Creates `path` (which must not exist), readable only by the owner when `secret`.
fn write_new(path: &Path, bytes: &[u8], secret: bool) -> anyhow::Result<()> {
    use std::io::Write as _;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    if secret {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = secret;
    let mut file = options
        .open(path)
        .with_context(|| format!("cannot create `{}`", path.display()))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .with_context(|| format!("cannot write `{}`", path.display()))
}

fn read_pem(path: &Path, what: &str) -> anyhow::Result<String> {
    let meta = std::fs::metadata(path)
        .with_context(|| format!("cannot read {what} `{}`", path.display()))?;
    if meta.len() > MAX_KEY_BYTES {
        anyhow::bail!("{what} `{}` is too large to be a key", path.display());
    }
    let bytes =
        std::fs::read(path).with_context(|| format!("cannot read {what} `{}`", path.display()))?;
    String::from_utf8(bytes)
        .map_err(|_| anyhow::anyhow!("{what} `{}` is not a PEM file", path.display()))
}

/// Reads an Ed25519 private key from a PKCS#8 PEM file.
///
/// # Errors
/// The file cannot be read or is not an Ed25519 PKCS#8 PEM private key.
pub fn load_signing_key(path: &Path) -> anyhow::Result<SigningKey> {
    let pem = read_pem(path, "private key")?;
    SigningKey::from_pkcs8_pem(&pem).map_err(|e| {
        anyhow::anyhow!(
            "`{}` is not an Ed25519 private key in PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`): {e}",
            path.display()
        )
    })
}

/// Reads an Ed25519 public key from a PKIX (SubjectPublicKeyInfo) PEM file.
///
/// # Errors
/// The file cannot be read or is not an Ed25519 public key in PEM.
pub fn load_verifying_key(path: &Path) -> anyhow::Result<VerifyingKey> {
    let pem = read_pem(path, "public key")?;
    VerifyingKey::from_public_key_pem(&pem).map_err(|e| {
        anyhow::anyhow!(
            "`{}` is not an Ed25519 public key in PEM (`-----BEGIN PUBLIC KEY-----`): {e}",
            path.display()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_pair_reads_back_and_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let key = generate().unwrap();
        let files = write_pair(dir.path(), &key).unwrap();
        let private = std::fs::read_to_string(&files.private).unwrap();
        assert!(private.starts_with("-----BEGIN PRIVATE KEY-----\n"));
        let public = std::fs::read_to_string(&files.public).unwrap();
        assert!(public.starts_with("-----BEGIN PUBLIC KEY-----\n"));
        assert_eq!(
            load_signing_key(&files.private).unwrap().to_bytes(),
            key.to_bytes()
        );
        assert_eq!(
            load_verifying_key(&files.public).unwrap(),
            key.verifying_key()
        );
        assert_eq!(files.key_id.len(), 64);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&files.private)
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o077, 0, "private key readable by others: {mode:o}");
        }
        let again = write_pair(dir.path(), &generate().unwrap()).unwrap_err();
        assert!(again.to_string().contains("exists already"), "{again}");
        assert_eq!(std::fs::read_to_string(&files.private).unwrap(), private);
        // A public key is not a private key, and the reverse.
        assert!(load_signing_key(&files.public).is_err());
        assert!(load_verifying_key(&files.private).is_err());
        assert_ne!(generate().unwrap().to_bytes(), key.to_bytes());
    }
}
