//! The action log: one JSON line per tool call (and per surface change) in
//! `$MCP_AUDIT_HOME/logs/<server>.jsonl`.
//!
//! Each line is written with one `write` on a file opened for appending, so concurrent writers
//! never interleave within a line and a crash never leaves half a record before a complete one.
//! When the file passes [`MAX_LOG_BYTES`] it is renamed to `<server>.1.jsonl` (older
//! generations shift up to [`KEPT_ROTATIONS`]) and a new file is started.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::OffsetDateTime;

use super::pins::{file_stem, Kind};
use crate::install::home::Home;

/// Size at which a log file is rotated.
pub const MAX_LOG_BYTES: u64 = 8 * 1024 * 1024;
/// Rotated generations kept (`<server>.1.jsonl` … `<server>.N.jsonl`).
pub const KEPT_ROTATIONS: u32 = 3;

/// One argument of a call: its JSON type and serialized size; the value only with `--log-args`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArgSummary {
    /// `string`, `number`, `boolean`, `null`, `array`, `object`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Bytes of its JSON serialization.
    pub size: usize,
    /// The value itself (only with `--log-args`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
}

/// A tool call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CallRecord {
    /// When the call was sent (RFC 3339, UTC).
    pub time: String,
    /// The server name.
    pub server: String,
    /// The tool.
    pub tool: String,
    /// The arguments by name.
    pub arguments: std::collections::BTreeMap<String, ArgSummary>,
    /// Bytes of the result (`null`: no result: an error, or no answer before the end).
    pub result_size: Option<usize>,
    /// The error message (JSON-RPC error, `isError` result, or the guard refusing the call).
    pub error: Option<String>,
    /// Milliseconds from the request to its answer.
    pub duration_ms: Option<f64>,
    /// The guard withheld the tool and answered the call itself.
    pub withheld: bool,
}

/// A listed item that differs from its pin.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeRecord {
    /// When it was seen (RFC 3339, UTC).
    pub time: String,
    /// The server name.
    pub server: String,
    /// `tool`, `prompt`, `resource`.
    pub kind: Kind,
    /// Its name (resources: URI).
    pub name: String,
    /// `changed` (the pin differs) or `added` (nothing pinned under that name).
    pub change: String,
    /// What the guard did: `withheld`, `allowed`, `stopped`.
    pub action: String,
    /// The pinned and new fingerprints.
    pub old_fingerprint: Option<String>,
    /// The new fingerprint.
    pub new_fingerprint: String,
    /// The changed values by JSON pointer (`[{path, old, new}]`); empty when the old
    /// definition is unknown (a lockfile pin holds only its fingerprint).
    pub diff: Vec<Value>,
    /// Description rules that fire on the new text (`rule: message`).
    pub findings: Vec<String>,
}

/// One line of the log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "kebab-case")]
pub enum Record {
    /// A tool call.
    Call(CallRecord),
    /// A surface change.
    Change(ChangeRecord),
}

impl Record {
    /// Its time (RFC 3339).
    #[must_use]
    pub fn time(&self) -> &str {
        match self {
            Record::Call(c) => &c.time,
            Record::Change(c) => &c.time,
        }
    }

    /// Its server.
    #[must_use]
    pub fn server(&self) -> &str {
        match self {
            Record::Call(c) => &c.server,
            Record::Change(c) => &c.server,
        }
    }
}

/// The current time as RFC 3339 UTC with milliseconds.
#[must_use]
pub fn now() -> String {
    let t = OffsetDateTime::now_utc();
    let t = t
        .replace_nanosecond(t.millisecond() as u32 * 1_000_000)
        .unwrap_or(t);
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// `$MCP_AUDIT_HOME/logs/`.
#[must_use]
pub fn logs_dir(home: &Home) -> PathBuf {
    home.root().join("logs")
}

/// `$MCP_AUDIT_HOME/logs/<server>.jsonl`.
#[must_use]
pub fn log_path(home: &Home, server: &str) -> PathBuf {
    logs_dir(home).join(format!("{}.jsonl", file_stem(server)))
}

fn rotated(path: &Path, n: u32) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!("{stem}.{n}.jsonl"))
}

/// Appends a record to `path` as one line, rotating first when the file is `max_bytes` or more.
///
/// # Errors
/// The directory or file cannot be written.
pub fn append(path: &Path, record: &Record, max_bytes: u64) -> anyhow::Result<()> {
    let mut line = serde_json::to_vec(record).context("cannot serialize a log record")?;
    line.push(b'\n');
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create `{}`", dir.display()))?;
    }
    if std::fs::metadata(path).is_ok_and(|m| m.len() >= max_bytes) {
        for n in (1..KEPT_ROTATIONS).rev() {
            let _ = std::fs::rename(rotated(path, n), rotated(path, n + 1));
        }
        let _ = std::fs::rename(path, rotated(path, 1));
    }
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .with_context(|| format!("cannot open `{}`", path.display()))?;
    file.write_all(&line)
        .with_context(|| format!("cannot write `{}`", path.display()))
}

/// Every record of one server's log, oldest first (rotated generations included). A line that
/// does not parse (a foreign edit) is skipped with a warning.
///
/// # Errors
/// A log file exists but cannot be read.
pub fn read(path: &Path) -> anyhow::Result<Vec<Record>> {
    let mut files: Vec<PathBuf> = (1..=KEPT_ROTATIONS)
        .rev()
        .map(|n| rotated(path, n))
        .collect();
    files.push(path.to_path_buf());
    let mut out = Vec::new();
    for file in files {
        let text = match std::fs::read_to_string(&file) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e).with_context(|| format!("cannot read `{}`", file.display())),
        };
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<Record>(line) {
                Ok(r) => out.push(r),
                Err(e) => tracing::warn!("{}:{}: skipped: {e}", file.display(), i + 1),
            }
        }
    }
    Ok(out)
}

/// The log files (current generation) of every server.
#[must_use]
pub fn all_logs(home: &Home) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(logs_dir(home)) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(".jsonl") && !is_rotated(n))
        })
        .collect();
    out.sort();
    out
}

fn is_rotated(name: &str) -> bool {
    let stem = name.trim_end_matches(".jsonl");
    stem.rsplit_once('.')
        .is_some_and(|(_, n)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Parses `--since`: an RFC 3339 time, a date (`2026-12-05`), or an age (`30s`, `15m`, `2h`,
/// `7d`) before `now`.
///
/// # Errors
/// None of these forms.
pub fn parse_since(text: &str, now: OffsetDateTime) -> anyhow::Result<OffsetDateTime> {
    use time::format_description::well_known::Rfc3339;
    let text = text.trim();
    if let Ok(t) = OffsetDateTime::parse(text, &Rfc3339) {
        return Ok(t);
    }
    let date_format = time::macros::format_description!("[year]-[month]-[day]");
    if let Ok(d) = time::Date::parse(text, &date_format) {
        return Ok(d.midnight().assume_utc());
    }
    let (number, unit) = text.split_at(
        text.find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len()),
    );
    let n: i64 = number
        .parse()
        .map_err(|_| anyhow::anyhow!("invalid --since `{text}`: use an RFC 3339 time, a date (2026-12-05) or an age (30s, 15m, 2h, 7d)"))?;
    let age = match unit {
        "s" => time::Duration::seconds(n),
        "m" => time::Duration::minutes(n),
        "h" => time::Duration::hours(n),
        "d" => time::Duration::days(n),
        _ => anyhow::bail!("invalid --since `{text}`: the unit is s, m, h or d"),
    };
    Ok(now - age)
}

/// Whether a record is at or after `since`.
#[must_use]
pub fn is_since(record: &Record, since: OffsetDateTime) -> bool {
    OffsetDateTime::parse(
        record.time(),
        &time::format_description::well_known::Rfc3339,
    )
    .is_ok_and(|t| t >= since)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(tool: &str) -> Record {
        Record::Call(CallRecord {
            time: now(),
            server: "srv".into(),
            tool: tool.into(),
            arguments: std::collections::BTreeMap::new(),
            result_size: Some(3),
            error: None,
            duration_ms: Some(1.5),
            withheld: false,
        })
    }

    #[test]
    fn records_append_and_rotate() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("logs/srv.jsonl");
        for i in 0..20 {
            append(&path, &call(&format!("t{i}")), 400).unwrap();
        }
        assert!(rotated(&path, 1).exists());
        let records = read(&path).unwrap();
        // At most KEPT_ROTATIONS + 1 files of ~2 lines each survive, oldest first.
        assert!(
            records.len() < 20 && records.len() >= 4,
            "{}",
            records.len()
        );
        let names: Vec<&str> = records
            .iter()
            .map(|r| match r {
                Record::Call(c) => c.tool.as_str(),
                Record::Change(_) => "",
            })
            .collect();
        assert_eq!(*names.last().unwrap(), "t19");
        let mut sorted = names.clone();
        sorted.sort_by_key(|n| n[1..].parse::<u32>().unwrap());
        assert_eq!(names, sorted);
        assert_eq!(all_logs(&Home::new(dir.path())), vec![path]);
    }

    #[test]
    fn since_accepts_times_dates_and_ages() {
        let now = time::macros::datetime!(2026-12-05 10:00 UTC);
        assert_eq!(
            parse_since("2h", now).unwrap(),
            time::macros::datetime!(2026-12-05 08:00 UTC)
        );
        assert_eq!(
            parse_since("2026-12-01", now).unwrap(),
            time::macros::datetime!(2026-12-01 0:00 UTC)
        );
        assert_eq!(
            parse_since("2026-12-05T09:30:00Z", now).unwrap(),
            time::macros::datetime!(2026-12-05 09:30 UTC)
        );
        assert!(parse_since("yesterday", now).is_err());
        assert!(parse_since("3w", now).is_err());
    }
}
