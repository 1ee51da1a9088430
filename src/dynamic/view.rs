//! The human view of a [`DynamicReport`]: a few lines under the verdict. Everything that came
//! from the server goes through [`visible`].

use std::fmt::Write as _;

use super::compare::Seen;
use super::trace::EventKind;
use super::{DynamicReport, Status};
use mcp_audit_core::escape::visible;

/// Appends the dynamic block of a report entry.
pub fn human(d: &DynamicReport, out: &mut String) {
    let status = match d.status {
        Status::Started => "started in the sandbox",
        Status::NeedsCredentials => "could not start: it needs credentials",
        Status::Failed => "failed",
        Status::NotStarted => "not started",
    };
    let mut line = format!("  dynamic   {status}");
    if let Some(p) = &d.protocol {
        let era = match p.era {
            super::client::Era::Modern => "modern",
            super::client::Era::Legacy => "legacy",
        };
        let _ = write!(line, ", {era} protocol {}", visible(&p.version));
    }
    if let Some(ms) = d.start_ms {
        let _ = write!(line, ", answered after {ms} ms");
    }
    let _ = writeln!(out, "{line}");
    if let Some(detail) = &d.detail {
        let _ = writeln!(out, "            {}", visible(detail));
    }
    if d.status == Status::Started {
        let count = |s: Seen| d.surface.iter().filter(|e| e.seen == s).count();
        let _ = writeln!(
            out,
            "            tools: {} on both surfaces, {} only at run time, {} only in the package",
            count(Seen::Both),
            count(Seen::Dynamic),
            count(Seen::Static)
        );
        for e in d.surface.iter().filter(|e| e.seen != Seen::Both) {
            let side = if e.seen == Seen::Dynamic {
                "run time only"
            } else {
                "package only"
            };
            let _ = writeln!(out, "              {} ({side})", visible(&e.name));
        }
    }
    for e in &d.events {
        let kind = match e.kind {
            EventKind::DecoyOpen => "opened decoy",
            EventKind::Connect => "tried to connect to",
            EventKind::Resolve => "tried to resolve",
        };
        let phase = match e.phase {
            super::trace::Phase::Startup => "startup",
            super::trace::Phase::Listing => "tools/list",
        };
        let _ = writeln!(
            out,
            "            [{phase}] {kind} {}",
            visible(e.target.trim_start_matches("dns:"))
        );
        let _ = writeln!(out, "              {}", visible(&e.syscall));
    }
    if d.status != Status::Started {
        if let Some(tail) = &d.stderr_tail {
            let _ = writeln!(out, "            stderr (end):");
            for l in tail
                .lines()
                .rev()
                .take(6)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
            {
                let _ = writeln!(out, "              {}", visible(l));
            }
        }
    }
}
