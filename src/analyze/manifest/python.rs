//! Python: setup.py (cmdclass, build-time processes and network), build backends, `.pth`
//! files, console scripts.

use std::sync::LazyLock;

use regex::Regex;

use super::rules::*;
use super::visible;
use crate::analyze::code::detect::{self, Indicator};
use crate::analyze::code::{Capability, InstallReview};
use crate::analyze::context::Context;
use mcp_audit_core::model::{Finding, Severity};

/// Build backends that need no review.
const KNOWN_BACKENDS: &[&str] = &[
    "setuptools.build_meta",
    "setuptools.build_meta:__legacy__",
    "hatchling.build",
    "flit_core.buildapi",
    "flit.buildapi",
    "poetry.core.masonry.api",
    "poetry.masonry.api",
    "pdm.backend",
    "pdm.pep517.api",
    "maturin",
    "scikit_build_core.build",
    "mesonpy",
    "uv_build",
    "whey",
    "sipbuild.api",
    "enscons.api",
    "jupyter_packaging.build_api",
    "hatchling.ouroboros",
];

/// Largest `.pth` file read.
const MAX_PTH_BYTES: u64 = 256 * 1024;

pub(crate) fn analyze(ctx: &Context<'_>, review: &InstallReview) -> Vec<Finding> {
    let mut out = Vec::new();
    setup_py(ctx, review, &mut out);
    backend(ctx, review, &mut out);
    pth(ctx, review, &mut out);
    scripts(ctx, &mut out);
    out
}

static CMDCLASS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bcmdclass\s*=|class\s+\w+\s*\(\s*(?:[\w.]+\.)?(?:install|develop|egg_info|sdist|bdist_egg|bdist_wheel|build_py)\s*\)")
        .expect("valid regex")
});

fn setup_py(ctx: &Context<'_>, review: &InstallReview, out: &mut Vec<Finding>) {
    let Some(file) = ctx.sources.files.iter().find(|f| f.path == "setup.py") else {
        return;
    };
    let report = detect::scan(file);
    // Comments and docstrings are blanked in the facts; scan the code text again for cmdclass.
    let facts = crate::analyze::code::facts::Facts::of(file);
    let benign = review.benign("setup.py");
    if let Some(m) = CMDCLASS.find(&facts.code) {
        let line = facts.code[..m.start()].matches('\n').count() + 1;
        let mut f = SETUP_PY_CMDCLASS
            .finding("setup.py overrides setuptools commands, so its code runs at install")
            .at("setup.py", u32::try_from(line).ok())
            .with_evidence(visible(m.as_str()));
        if benign {
            f.message = "setup.py overrides setuptools commands; their code does nothing outside the package (no network, shell, secrets or writes elsewhere)".into();
            f = f.with_severity(Severity::Low);
        }
        out.push(f);
    }
    build_time(&report, "setup.py", benign, out);
}

/// Shared by setup.py and build.rs: processes, dynamic code and the network at build time.
/// `benign`: the build code was read and does nothing outside the package (a `git rev-parse`,
/// a compiler run with arguments).
pub(crate) fn build_time(
    report: &detect::FileReport,
    path: &str,
    benign: bool,
    out: &mut Vec<Finding>,
) {
    let net = report.has(Capability::Network);
    let runs = report.has(Capability::Process) || report.has(Capability::DynamicCode);
    let hidden = report.indicator(Indicator::DecodeExec).is_some()
        || report.indicator(Indicator::DownloadExec).is_some();
    if (net && runs) || hidden {
        let hit = report
            .indicator(Indicator::DecodeExec)
            .or_else(|| report.indicator(Indicator::DownloadExec))
            .or_else(|| report.caps.get(&Capability::Network));
        let mut f = INSTALL_FETCH_EXEC
            .finding(format!(
                "{path} uses the network and runs code at build time"
            ))
            .at(path, hit.map(|h| h.line));
        if let Some(h) = hit {
            f = f.with_evidence(visible(&h.evidence));
        }
        out.push(f);
    } else if net || runs {
        let (what, hit) = if net {
            ("uses the network", report.caps.get(&Capability::Network))
        } else {
            (
                "runs processes or evaluates code",
                report
                    .caps
                    .get(&Capability::Process)
                    .or_else(|| report.caps.get(&Capability::DynamicCode)),
            )
        };
        let mut f = BUILD_SCRIPT_EXEC
            .finding(format!("{path} {what} at build time"))
            .at(path, hit.map(|h| h.line));
        if benign {
            f.message = format!("{path} {what} at build time: only build tools run with arguments, nothing outside the package");
            f = f.with_severity(Severity::Low);
        }
        if let Some(h) = hit {
            f = f.with_evidence(visible(&h.evidence));
        }
        out.push(f);
    }
}

fn backend(ctx: &Context<'_>, review: &InstallReview, out: &mut Vec<Finding>) {
    let Some(py) = &ctx.manifests.pyproject else {
        return;
    };
    let Some(bs) = py.value.get("build-system").and_then(|b| b.as_table()) else {
        return;
    };
    let name = bs
        .get("build-backend")
        .and_then(|b| b.as_str())
        .unwrap_or("setuptools.build_meta:__legacy__");
    if bs.get("backend-path").is_some() {
        let benign = review.benign("build backend");
        let (severity, note) = if benign {
            (Severity::Low, "; its code does nothing outside the package")
        } else {
            (Severity::High, "")
        };
        out.push(
            CUSTOM_BUILD_BACKEND
                .finding(format!(
                    "the build backend `{}` is loaded from the package itself (`backend-path`){note}",
                    visible(name)
                ))
                .with_severity(severity)
                .at(py.path.clone(), None),
        );
    } else if !KNOWN_BACKENDS.contains(&name) {
        out.push(
            CUSTOM_BUILD_BACKEND
                .finding(format!("unfamiliar build backend `{}`", visible(name)))
                .at(py.path.clone(), None),
        );
    }
}

/// `.pth` files of the package.
pub(crate) fn pth_files(ctx: &Context<'_>) -> Vec<String> {
    ctx.tree
        .files()
        .iter()
        .filter(|f| f.path.ends_with(".pth"))
        .map(|f| f.path.clone())
        .collect()
}

fn pth(ctx: &Context<'_>, review: &InstallReview, out: &mut Vec<Finding>) {
    for path in pth_files(ctx) {
        let too_big = ctx.tree.file(&path).is_some_and(|f| f.size > MAX_PTH_BYTES);
        let Ok(bytes) = ctx.tree.read(&path) else {
            continue;
        };
        let text =
            String::from_utf8_lossy(&bytes[..bytes.len().min(MAX_PTH_BYTES as usize)]).into_owned();
        let exec_lines: Vec<(usize, &str)> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.starts_with("import ") || l.starts_with("import\t"))
            .collect();
        if exec_lines.is_empty() && !too_big {
            continue;
        }
        let dangerous = exec_lines.iter().any(|(_, l)| {
            [
                "exec(",
                "eval(",
                "b64decode",
                "urlopen",
                "urllib",
                "subprocess",
                "os.system",
                "__import__",
                "compile(",
                "socket",
                "requests",
            ]
            .iter()
            .any(|k| l.contains(k))
        });
        let (line, first) = exec_lines.first().copied().unwrap_or((0, ""));
        let mut f = PTH_EXECUTABLE
            .finding(format!(
                "{} executable line(s) run at every Python start",
                exec_lines.len()
            ))
            .at(visible(&path), u32::try_from(line + 1).ok())
            .with_evidence(visible(first));
        let name = path.rsplit('/').next().unwrap_or(&path);
        if dangerous {
            f = f.with_severity(Severity::Critical);
        } else if review.benign(name) {
            f.message = format!(
                "{} import line(s) run at every Python start; the modules they import do nothing outside the package",
                exec_lines.len()
            );
            f = f.with_severity(Severity::Low);
        }
        out.push(f);
    }
}

fn scripts(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut names = Vec::new();
    let mut file = String::new();
    if let Some(dir) = &ctx.manifests.dist_info {
        let path = format!("{dir}/entry_points.txt");
        if let Ok(bytes) = ctx.tree.read(&path) {
            let text = String::from_utf8_lossy(&bytes);
            let mut in_scripts = false;
            for line in text.lines() {
                let line = line.trim();
                if line.starts_with('[') {
                    in_scripts = matches!(line, "[console_scripts]" | "[gui_scripts]");
                } else if in_scripts {
                    if let Some((name, _)) = line.split_once('=') {
                        names.push(name.trim().to_string());
                    }
                }
            }
            file = path;
        }
    } else if let Some(py) = &ctx.manifests.pyproject {
        if let Some(s) = py
            .value
            .get("project")
            .and_then(|p| p.get("scripts"))
            .and_then(|s| s.as_table())
        {
            names.extend(s.keys().cloned());
            file = py.path.clone();
        }
    }
    super::npm::commands(&names, &file, out);
}
