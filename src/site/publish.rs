//! Writing a score site: every file into a fresh temporary directory beside DIR, then one
//! rename, so DIR is either the old site or the whole new one, never half of each.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use ed25519_dalek::pkcs8::spki::der::pem::LineEnding;
use ed25519_dalek::pkcs8::EncodePublicKey as _;
use ed25519_dalek::SigningKey;

use super::{badge, index, page, stem, Entry};
use crate::attest::dsse::{Envelope, IN_TOTO_PAYLOAD_TYPE};
use crate::attest::keys::key_id;
use crate::attest::statement::Statement;
use crate::report::score_doc::{self, ScoreDocument};
use crate::report::TargetResult;

/// How to publish.
#[derive(Debug)]
pub struct SiteOptions<'a> {
    /// Sign each score with this key.
    pub key: Option<&'a SigningKey>,
    /// sha256 of the policy file (`None`: the built-in policy).
    pub policy_digest: Option<&'a str>,
    /// The day of the audit, `YYYY-MM-DD` (see [`audit_day`]).
    pub audited: String,
}

/// What was published.
#[derive(Debug, Clone)]
pub struct PublishedSite {
    /// The site directory.
    pub dir: PathBuf,
    /// One row per result, sorted by name.
    pub entries: Vec<Entry>,
}

/// Today (UTC) as `YYYY-MM-DD`, or the day of `SOURCE_DATE_EPOCH` when that is set (for
/// reproducible builds of a site).
#[must_use]
pub fn audit_day() -> String {
    let now = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|s| time::OffsetDateTime::from_unix_timestamp(s).ok())
        .unwrap_or_else(time::OffsetDateTime::now_utc);
    let d = now.date();
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// Whether `dir` may be replaced: absent, empty, an earlier score site (its `index.json` says
/// `"generator": "mcp-audit"`), or a directory of bare score documents from an older version.
fn replaceable(dir: &Path) -> anyhow::Result<bool> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Ok(!dir.exists());
    };
    let mut names = Vec::new();
    for entry in read {
        names.push(entry?.file_name().to_string_lossy().into_owned());
    }
    if names.is_empty() {
        return Ok(true);
    }
    if let Ok(text) = std::fs::read_to_string(dir.join("index.json")) {
        if serde_json::from_str::<serde_json::Value>(&text)
            .is_ok_and(|v| v["generator"] == "mcp-audit")
        {
            return Ok(true);
        }
    }
    Ok(names
        .iter()
        .all(|n| n.ends_with(".score.json") || n.ends_with(".score.json.sha256")))
}

/// Publishes `results` as a site in `dir`, replacing an earlier site there.
///
/// # Errors
/// DIR holds something other than a score site, or a file cannot be written (then DIR is left
/// as it was).
pub fn publish_site(
    dir: &Path,
    results: &[TargetResult],
    options: &SiteOptions<'_>,
) -> anyhow::Result<PublishedSite> {
    if !replaceable(dir)? {
        anyhow::bail!(
            "`{}` exists and is not an mcp-audit score site; publish into a new or empty directory",
            dir.display()
        );
    }
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent)
        .with_context(|| format!("cannot create `{}`", parent.display()))?;
    let staging = tempfile::Builder::new()
        .prefix(".mcp-audit-site-")
        .tempdir_in(&parent)
        .with_context(|| format!("cannot create a directory in `{}`", parent.display()))?;
    let entries = write_all(staging.path(), results, options)?;
    swap_in(staging, dir, &parent)?;
    Ok(PublishedSite {
        dir: dir.to_path_buf(),
        entries,
    })
}

/// Writes every file of the site into `out`.
fn write_all(
    out: &Path,
    results: &[TargetResult],
    options: &SiteOptions<'_>,
) -> anyhow::Result<Vec<Entry>> {
    let rules = crate::rules::catalog();
    let write = |name: &str, bytes: &[u8]| -> anyhow::Result<()> {
        std::fs::write(out.join(name), bytes).with_context(|| format!("cannot write `{name}`"))
    };
    let key_id = options.key.map(|k| key_id(&k.verifying_key()));
    let mut entries: Vec<Entry> = Vec::new();
    let mut pages = Vec::new();
    for result in results {
        let document = ScoreDocument::new(result, options.policy_digest, &rules);
        let mut stem = stem(result, document.as_ref());
        let base = stem.clone();
        let mut n = 1;
        while entries.iter().any(|e| e.stem == stem) {
            n += 1;
            stem = format!("{base}-{n}");
        }
        let entry = Entry::new(result, &stem, &options.audited, options.key.is_some());
        if let Some(doc) = &document {
            let bytes = doc.to_bytes();
            let name = format!("{stem}.score.json");
            write(&name, &bytes)?;
            write(
                &format!("{name}.sha256"),
                score_doc::digest_line(&bytes, &name).as_bytes(),
            )?;
            if let (Some(key), Some(id)) = (options.key, &key_id) {
                let payload = Statement::new(doc).to_bytes();
                let envelope = Envelope::sign(IN_TOTO_PAYLOAD_TYPE, &payload, key, id);
                write(&format!("{stem}.intoto.json"), &envelope.to_bytes())?;
            }
        }
        write(
            &entry.badge,
            badge::render(entry.score, &entry.verdict).as_bytes(),
        )?;
        pages.push(page::render(&entry, result, document.as_ref()));
        entries.push(entry);
    }
    for (entry, html) in entries.iter().zip(&pages) {
        write(&entry.page, html.as_bytes())?;
    }
    entries.sort_by(|a, b| {
        (a.name.to_lowercase(), &a.version, &a.stem).cmp(&(
            b.name.to_lowercase(),
            &b.version,
            &b.stem,
        ))
    });
    if let Some(key) = options.key {
        let pem = key
            .verifying_key()
            .to_public_key_pem(LineEnding::LF)
            .map_err(|e| anyhow::anyhow!("cannot encode the public key: {e}"))?;
        write("publisher.pub", pem.as_bytes())?;
    }
    write(
        "index.html",
        index::render(&entries, key_id.as_deref()).as_bytes(),
    )?;
    let mut json = serde_json::to_vec_pretty(&index::IndexJson {
        generator: "mcp-audit",
        mcp_audit_version: env!("CARGO_PKG_VERSION"),
        key_id: key_id.as_deref(),
        packages: &entries,
    })
    .context("index.json")?;
    json.push(b'\n');
    write("index.json", &json)?;
    Ok(entries)
}

/// Replaces `dir` with `staging`: the old site (if any) is moved aside, the new one renamed into
/// place, the old one removed.
fn swap_in(staging: tempfile::TempDir, dir: &Path, parent: &Path) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        // A temporary directory is private; a site is for reading.
        let _ = std::fs::set_permissions(staging.path(), std::fs::Permissions::from_mode(0o755));
    }
    let old = if dir.exists() {
        let aside = tempfile::Builder::new()
            .prefix(".mcp-audit-old-")
            .tempdir_in(parent)
            .with_context(|| format!("cannot create a directory in `{}`", parent.display()))?;
        std::fs::rename(dir, aside.path().join("site"))
            .with_context(|| format!("cannot move the old `{}` aside", dir.display()))?;
        Some(aside)
    } else {
        None
    };
    let staged = staging.keep();
    if let Err(e) = std::fs::rename(&staged, dir) {
        // Put the old site back; remove the new one.
        if let Some(aside) = &old {
            let _ = std::fs::rename(aside.path().join("site"), dir);
        }
        let _ = std::fs::remove_dir_all(&staged);
        return Err(e).with_context(|| format!("cannot write `{}`", dir.display()));
    }
    drop(old);
    Ok(())
}
