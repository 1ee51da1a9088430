//! Download progress bars on stderr (indicatif), behind the adapters' [`Reporter`] trait.
//! Only used when stderr is a terminal and `--quiet` is off.

use std::sync::Mutex;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use registry_adapters::Reporter;

/// A progress bar per download, drawn on stderr.
#[derive(Debug, Default)]
pub struct Progress {
    bar: Mutex<Option<ProgressBar>>,
}

impl Progress {
    /// Progress bars on stderr, or `None` when stderr is not a terminal.
    #[must_use]
    pub fn for_stderr() -> Option<Progress> {
        std::io::IsTerminal::is_terminal(&std::io::stderr()).then(Progress::default)
    }
}

impl Reporter for Progress {
    fn on_download_start(&self, label: &str, total: Option<u64>) {
        let label = mcp_audit_core::escape::visible(label);
        let bar = match total {
            Some(n) => ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::stderr())
                .with_style(
                    ProgressStyle::with_template(
                        "{msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec}",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> "),
                ),
            None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()).with_style(
                ProgressStyle::with_template("{spinner} {msg} {bytes} {bytes_per_sec}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            ),
        };
        bar.set_message(format!("downloading {label}"));
        bar.enable_steady_tick(Duration::from_millis(120));
        if let Ok(mut slot) = self.bar.lock() {
            if let Some(old) = slot.replace(bar) {
                old.finish_and_clear();
            }
        }
    }

    fn on_download_progress(&self, bytes: u64) {
        if let Ok(slot) = self.bar.lock() {
            if let Some(bar) = slot.as_ref() {
                bar.inc(bytes);
            }
        }
    }

    fn on_download_done(&self, _label: &str) {
        if let Ok(mut slot) = self.bar.lock() {
            if let Some(bar) = slot.take() {
                bar.finish_and_clear();
            }
        }
    }
}
