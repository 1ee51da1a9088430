//! Writing a rendered report to stdout or, atomically, to a file.

use std::io::Write;
use std::path::Path;

use anyhow::Context as _;

use crate::cli::{Format, GlobalArgs};
use crate::report::{human, markdown, sarif, Report};

/// Renders the report in the chosen format and writes it where the user asked.
///
/// # Errors
/// The output file cannot be written.
pub fn emit(report: &Report, global: &GlobalArgs) -> anyhow::Result<()> {
    let text = render_report(report, global.format, global.output.is_none());
    write_text(&text, global.output.as_deref())
}

/// Renders the report in a format. Human text is coloured only when `to_stdout`, stdout is a
/// terminal and `NO_COLOR` is unset.
#[must_use]
pub fn render_report(report: &Report, format: Format, to_stdout: bool) -> String {
    match format {
        Format::Json => report.to_json(),
        Format::Sarif => sarif::render(report),
        Format::Markdown => markdown::render(report),
        Format::Human => {
            let terminal = to_stdout && std::io::IsTerminal::is_terminal(&std::io::stdout());
            human::render_styled(report, human::Style::detect(terminal))
        }
    }
}

/// Writes text to `output` (atomically) or to stdout. A closed stdout pipe is not an error.
///
/// # Errors
/// The file cannot be written.
pub fn write_text(text: &str, output: Option<&Path>) -> anyhow::Result<()> {
    match output {
        Some(path) => write_atomically(path, text.as_bytes()),
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                other => other.context("cannot write to standard output"),
            }
        }
    }
}

/// Writes `bytes` to `path` through a temporary file in the same directory and a rename, so
/// readers never see a half-written file.
///
/// # Errors
/// The directory is not writable or the rename fails.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot create a temporary file in `{}`", dir.display()))?;
    tmp.write_all(bytes)
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    tmp.as_file().sync_all().ok();
    tmp.persist(path)
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    Ok(())
}
