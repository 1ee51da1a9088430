//! `$MCP_AUDIT_HOME`: where servers are installed, where installs are staged, and the default
//! lockfile.
//!
//! ```text
//! $MCP_AUDIT_HOME/                 (default ~/.mcp-audit)
//!   mcp-audit.lock                 pins of every installed server (TOML)
//!   install.guard                  held (an OS file lock) by the install that is writing
//!   servers/<ecosystem>/<name>/<version>/
//!     .mcp-audit-install.json      marker: which lockfile the directory belongs to
//!     artifact/<file>              the audited artifact, byte for byte
//!     …                            node_modules/, venv/, bin/, bundle/ (per ecosystem)
//!   tmp/install-XXXXXX/            installs being staged (renamed into servers/ at the end)
//! ```

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use anyhow::Context as _;

use mcp_audit_extract::identify::Ecosystem;

/// File name of the default lockfile.
pub const LOCKFILE_NAME: &str = "mcp-audit.lock";
/// Marker file inside every installed server directory.
pub const MARKER_NAME: &str = ".mcp-audit-install.json";
/// File an install holds an exclusive OS lock on while it writes.
pub const GUARD_NAME: &str = "install.guard";
/// Staging directories older than this are leftovers of killed installs and are removed.
pub const STALE_STAGING: Duration = Duration::from_secs(24 * 60 * 60);

/// The install lock of a home, held until dropped.
#[derive(Debug)]
pub struct InstallGuard {
    _file: std::fs::File,
}

/// The mcp-audit home directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Home {
    root: PathBuf,
}

/// Why a server directory cannot be named after a package.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot install `{value}`: {reason}")]
pub struct UnsafeName {
    /// The offending name or version (escaped).
    pub value: String,
    /// Why.
    pub reason: &'static str,
}

impl Home {
    /// A home at `root` (made absolute against the current directory).
    #[must_use]
    pub fn new(root: impl Into<PathBuf>) -> Home {
        let root = root.into();
        let root = if root.is_absolute() {
            root
        } else {
            std::env::current_dir()
                .map(|cwd| cwd.join(&root))
                .unwrap_or(root)
        };
        Home { root }
    }

    /// `$MCP_AUDIT_HOME`, else `~/.mcp-audit`.
    ///
    /// # Errors
    /// Neither `MCP_AUDIT_HOME` nor a home directory is known.
    pub fn from_env() -> anyhow::Result<Home> {
        if let Some(dir) = std::env::var_os(crate::env::MCP_AUDIT_HOME).filter(|v| !v.is_empty()) {
            return Ok(Home::new(PathBuf::from(dir)));
        }
        user_home()
            .map(|h| Home::new(h.join(".mcp-audit")))
            .ok_or_else(|| anyhow::anyhow!("cannot find a home directory; set MCP_AUDIT_HOME"))
    }

    /// The home directory itself.
    #[must_use]
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The default lockfile.
    #[must_use]
    pub fn lockfile(&self) -> PathBuf {
        self.root.join(LOCKFILE_NAME)
    }

    /// Takes the install lock of this home (an exclusive OS file lock on
    /// [`GUARD_NAME`]), waiting for another install that holds it. Installs into this home
    /// (its servers, its staging area and any lockfile they write) run one at a time; the lock
    /// is released when the guard is dropped, or by the OS if the process dies.
    ///
    /// # Errors
    /// The home or the guard file cannot be created, or the lock cannot be taken.
    pub fn lock_installs(&self) -> anyhow::Result<InstallGuard> {
        if let Some(guard) = self.try_lock_installs()? {
            return Ok(guard);
        }
        tracing::warn!(
            "waiting for another mcp-audit install to finish (lock `{}`)",
            self.guard_path().display()
        );
        let file = self.open_guard()?;
        file.lock()
            .with_context(|| format!("cannot lock `{}`", self.guard_path().display()))?;
        Ok(InstallGuard { _file: file })
    }

    /// The install lock if no other install holds it; `None` if one does.
    ///
    /// # Errors
    /// As [`Home::lock_installs`].
    pub fn try_lock_installs(&self) -> anyhow::Result<Option<InstallGuard>> {
        let file = self.open_guard()?;
        match file.try_lock() {
            Ok(()) => Ok(Some(InstallGuard { _file: file })),
            Err(std::fs::TryLockError::WouldBlock) => Ok(None),
            Err(std::fs::TryLockError::Error(err)) => {
                Err(err).with_context(|| format!("cannot lock `{}`", self.guard_path().display()))
            }
        }
    }

    fn guard_path(&self) -> PathBuf {
        self.root.join(GUARD_NAME)
    }

    fn open_guard(&self) -> anyhow::Result<std::fs::File> {
        std::fs::create_dir_all(&self.root)
            .with_context(|| format!("cannot create `{}`", self.root.display()))?;
        std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.guard_path())
            .with_context(|| format!("cannot open `{}`", self.guard_path().display()))
    }

    /// Where installs are staged.
    #[must_use]
    pub fn staging(&self) -> PathBuf {
        self.root.join("tmp")
    }

    /// The directory of one installed server version.
    ///
    /// # Errors
    /// The name or version would not make a safe path (`..`, separators, control characters…).
    pub fn server_dir(
        &self,
        ecosystem: Ecosystem,
        name: &str,
        version: &str,
    ) -> Result<PathBuf, UnsafeName> {
        let mut dir = self.root.join("servers").join(ecosystem.as_str());
        let parts: Vec<&str> = name.split('/').collect();
        let scoped = matches!(ecosystem, Ecosystem::Npm) && name.starts_with('@');
        let owner_repo = matches!(ecosystem, Ecosystem::Github);
        if parts.len() > 2 || (parts.len() == 2 && !scoped && !owner_repo) {
            return Err(UnsafeName {
                value: mcp_audit_core::escape::visible(name),
                reason: "the name has too many `/`",
            });
        }
        for part in parts {
            check_component(part)?;
            dir.push(part);
        }
        check_component(version)?;
        dir.push(version);
        Ok(dir)
    }

    /// Removes staging directories left by installs killed more than [`STALE_STAGING`] ago.
    pub fn sweep_staging(&self) {
        let Ok(entries) = std::fs::read_dir(self.staging()) else {
            return;
        };
        let now = SystemTime::now();
        for entry in entries.flatten() {
            let name = entry.file_name();
            if !name.to_string_lossy().starts_with("install-") {
                continue;
            }
            let old = entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| now.duration_since(t).ok())
                .is_some_and(|age| age > STALE_STAGING);
            if old {
                tracing::debug!("removing stale staging `{}`", entry.path().display());
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
}

/// One path component taken from a package: letters, digits and `._+-@~`, not `.`/`..`, at
/// most 200 bytes.
fn check_component(part: &str) -> Result<(), UnsafeName> {
    let bad = |reason| UnsafeName {
        value: mcp_audit_core::escape::visible(part),
        reason,
    };
    if part.is_empty() {
        return Err(bad("empty name or version"));
    }
    if part == "." || part == ".." {
        return Err(bad("`.` and `..` are not names"));
    }
    if part.len() > 200 {
        return Err(bad("longer than 200 bytes"));
    }
    if !part
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '+' | '-' | '@' | '~'))
    {
        return Err(bad("only letters, digits and `._+-@~` are allowed"));
    }
    Ok(())
}

/// The user's home directory (`HOME`, or `USERPROFILE` on Windows).
#[must_use]
pub fn user_home() -> Option<PathBuf> {
    let var = if cfg!(windows) { "USERPROFILE" } else { "HOME" };
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_install_at_a_time_per_home() {
        let dir = tempfile::tempdir().unwrap();
        let home = Home::new(dir.path().join("home"));
        let first = home.lock_installs().unwrap();
        assert!(dir.path().join("home").join(GUARD_NAME).is_file());
        assert!(
            home.try_lock_installs().unwrap().is_none(),
            "a second install waits while the first holds the lock"
        );
        drop(first);
        let second = home.try_lock_installs().unwrap();
        assert!(second.is_some(), "released when the first guard is dropped");
        let other = Home::new(dir.path().join("other-home"));
        assert!(
            other.try_lock_installs().unwrap().is_some(),
            "homes are independent"
        );
    }

    #[test]
    fn server_dirs_are_safe_paths() {
        let home = Home::new("/h");
        assert_eq!(
            home.server_dir(Ecosystem::Npm, "@scope/srv", "1.0.0")
                .unwrap(),
            Path::new("/h/servers/npm/@scope/srv/1.0.0")
        );
        assert_eq!(
            home.server_dir(Ecosystem::Github, "o/r", "v1").unwrap(),
            Path::new("/h/servers/github/o/r/v1")
        );
        for (eco, name, version) in [
            (Ecosystem::Npm, "x", ".."),
            (Ecosystem::Npm, "../x", "1"),
            (Ecosystem::Npm, "a/b", "1"),
            (Ecosystem::Pypi, "a/b", "1"),
            (Ecosystem::Npm, "@s/a/b", "1"),
            (Ecosystem::Npm, "x", "1\n"),
            (Ecosystem::Npm, "x", ""),
            (Ecosystem::Crates, "x y", "1"),
        ] {
            assert!(
                home.server_dir(eco, name, version).is_err(),
                "{name} {version}"
            );
        }
    }

    #[test]
    fn stale_staging_is_swept_and_fresh_kept() {
        let dir = tempfile::tempdir().unwrap();
        let home = Home::new(dir.path());
        std::fs::create_dir_all(home.staging().join("install-fresh")).unwrap();
        std::fs::create_dir_all(home.staging().join("other")).unwrap();
        home.sweep_staging();
        assert!(home.staging().join("install-fresh").exists());
        assert!(home.staging().join("other").exists());
    }
}
