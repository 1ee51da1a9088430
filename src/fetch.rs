//! Obtaining the artifact for a target: a local file or directory as it is, or a registry
//! package through the registry adapters and the download cache.

use anyhow::{bail, Context as _};

use crate::pipeline::{sha256_file, Artifact};
use crate::report::Integrity;
use crate::settings::Settings;
use crate::target::Target;

/// Obtains the artifact for `target`.
///
/// # Errors
/// The path does not exist, or the registry could not resolve or deliver the package.
pub fn obtain(target: &Target, _settings: &Settings) -> anyhow::Result<Artifact> {
    match target {
        Target::Local(path) => {
            let meta = std::fs::symlink_metadata(path)
                .with_context(|| format!("cannot read `{}`", path.display()))?;
            let sha256 = if meta.is_dir() {
                String::new() // filled from the walked tree
            } else if meta.is_file() {
                sha256_file(path).with_context(|| format!("cannot read `{}`", path.display()))?
            } else {
                bail!(
                    "`{}` is neither a regular file nor a directory",
                    path.display()
                );
            };
            Ok(Artifact {
                path: path.clone(),
                source: path.display().to_string(),
                sha256,
                integrity: Integrity::Unverified,
                registry: None,
                resolved: None,
                findings: Vec::new(),
            })
        }
        Target::Registry(_) => {
            bail!("registry targets are not supported yet (coming with the registry adapters)")
        }
    }
}
