//! MCP client configs: the `npx`/`uvx`/`pipx` launch commands of each server entry, mapped to
//! the packages they would download and run (specs.md §4.6, §4.7).

use std::path::Path;

use registry_adapters::Ecosystem;
use serde_json::Value;

use super::{Entries, Locked, LockfileError};

/// JSON or JSONC configs: `mcpServers` (Claude Desktop, Claude Code, Cursor, Windsurf, Gemini),
/// `servers` (VS Code `mcp.json`), `mcp.servers` (older VS Code `settings.json`), and Claude
/// Code's per-project `projects.*.mcpServers`.
pub(super) fn json_config(path: &Path, text: &str) -> Result<Entries, LockfileError> {
    let options = jsonc_parser::ParseOptions::default();
    let doc: Value = jsonc_parser::parse_to_serde_value(text, &options)
        .map_err(|e| LockfileError::new(path, format!("invalid JSON: {e}")))?;
    let mut out = Entries::default();
    let mut found = false;
    let mut visit = |prefix: &str, servers: &Value, out: &mut Entries| {
        if let Some(map) = servers.as_object() {
            found = true;
            for (name, entry) in map {
                server_entry(&format!("{prefix}.{name}"), entry, out);
            }
        }
    };
    visit("mcpServers", &doc["mcpServers"], &mut out);
    visit("servers", &doc["servers"], &mut out);
    visit("mcp.servers", &doc["mcp"]["servers"], &mut out);
    if let Some(projects) = doc["projects"].as_object() {
        for (project, conf) in projects {
            visit(
                &format!("projects[{project}].mcpServers"),
                &conf["mcpServers"],
                &mut out,
            );
        }
    }
    if !found {
        return Err(LockfileError::new(
            path,
            "no `mcpServers` or `servers` object: not an MCP client config",
        ));
    }
    Ok(out)
}

/// Codex CLI `config.toml`: `[mcp_servers.NAME] command = "…", args = […]`.
pub(super) fn codex_toml(path: &Path, text: &str) -> Result<Entries, LockfileError> {
    let doc = text
        .parse::<toml::Table>()
        .map_err(|e| LockfileError::new(path, format!("invalid TOML: {}", e.message())))?;
    let servers = doc
        .get("mcp_servers")
        .and_then(toml::Value::as_table)
        .ok_or_else(|| LockfileError::new(path, "no `[mcp_servers]` table"))?;
    let mut out = Entries::default();
    for (name, entry) in servers {
        let json = serde_json::to_value(entry).unwrap_or(Value::Null);
        server_entry(&format!("mcp_servers.{name}"), &json, &mut out);
    }
    Ok(out)
}

fn server_entry(origin: &str, entry: &Value, out: &mut Entries) {
    if entry.get("url").is_some() || entry.get("serverUrl").is_some() {
        out.skip(origin, "remote server (nothing is installed locally)");
        return;
    }
    let Some(command) = entry.get("command").and_then(Value::as_str) else {
        out.skip(origin, "no `command`");
        return;
    };
    let args: Vec<&str> = entry
        .get("args")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    match launch(command, &args) {
        Ok(packages) => {
            for (ecosystem, spec) in packages {
                out.push(locked_from_spec(ecosystem, &spec, origin));
            }
        }
        Err(reason) => out.skip(origin, reason),
    }
}

/// The program's base name without directory or Windows suffix.
fn program(command: &str) -> String {
    let base = command
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(command)
        .to_ascii_lowercase();
    base.trim_end_matches(".cmd")
        .trim_end_matches(".exe")
        .to_string()
}

/// Maps a launch command to the packages it fetches.
fn launch(command: &str, args: &[&str]) -> Result<Vec<(Ecosystem, String)>, String> {
    let prog = program(command);
    match (prog.as_str(), args.first().copied(), args.get(1).copied()) {
        ("npx" | "bunx" | "pnpx", _, _) => npx(args),
        ("npm", Some("exec" | "x"), _) | ("pnpm" | "yarn", Some("dlx"), _) => npx(&args[1..]),
        ("bun", Some("x"), _) => npx(&args[1..]),
        ("uvx", _, _) => uvx(args),
        ("uv", Some("tool"), Some("run")) => uvx(&args[2..]),
        ("pipx", Some("run"), _) => uvx(&args[1..]),
        ("docker" | "podman", _, _) => Err("container image (OCI images are not audited)".into()),
        _ => Err(format!("local command `{prog}` (not a registry package)")),
    }
}

fn npx(args: &[&str]) -> Result<Vec<(Ecosystem, String)>, String> {
    let mut packages = Vec::new();
    let mut positional = None;
    let mut i = 0;
    while i < args.len() {
        let arg = args[i];
        if arg == "--" {
            positional = positional.or_else(|| args.get(i + 1).copied());
            break;
        } else if arg == "-p" || arg == "--package" {
            if let Some(v) = args.get(i + 1) {
                packages.push((Ecosystem::Npm, (*v).to_string()));
            }
            i += 2;
            continue;
        } else if let Some(v) = arg.strip_prefix("--package=") {
            packages.push((Ecosystem::Npm, v.to_string()));
        } else if arg == "-c" || arg == "--call" {
            return Err("npx --call runs a shell command".into());
        } else if !arg.starts_with('-') {
            positional = Some(arg);
            break;
        }
        i += 1;
    }
    if packages.is_empty() {
        match positional {
            Some(spec) => packages.push((Ecosystem::Npm, spec.to_string())),
            None => return Err("npx without a package".into()),
        }
    }
    if let Some((_, spec)) = packages.iter().find(|(_, s)| is_non_registry_spec(s)) {
        return Err(format!(
            "`{spec}` is not a registry package (git, URL or path)"
        ));
    }
    Ok(packages)
}

fn uvx(args: &[&str]) -> Result<Vec<(Ecosystem, String)>, String> {
    const WITH_VALUE: &[&str] = &[
        "--python",
        "-p",
        "--index-url",
        "--extra-index-url",
        "--index",
        "--default-index",
        "--find-links",
        "-f",
        "--with-requirements",
        "--constraints",
        "--overrides",
    ];
    let mut from = None;
    let mut extra = Vec::new();
    let mut positional = None;
    let mut i = 0;
    while i < args.len() {
        let arg = args[i];
        if arg == "--from" || arg == "--spec" {
            from = args.get(i + 1).copied();
            i += 2;
            continue;
        } else if arg == "--with" {
            if let Some(v) = args.get(i + 1) {
                extra.push(*v);
            }
            i += 2;
            continue;
        } else if WITH_VALUE.contains(&arg) {
            i += 2;
            continue;
        } else if !arg.starts_with('-') {
            positional = Some(arg);
            break;
        }
        i += 1;
    }
    let main = from.or(positional).ok_or("uvx without a package")?;
    let mut packages = vec![main];
    packages.extend(extra);
    if let Some(spec) = packages.iter().find(|s| is_non_registry_spec(s)) {
        return Err(format!(
            "`{spec}` is not a registry package (git, URL or path)"
        ));
    }
    Ok(packages
        .into_iter()
        .map(|s| (Ecosystem::Pypi, s.to_string()))
        .collect())
}

fn is_non_registry_spec(spec: &str) -> bool {
    spec.contains("://")
        || spec.starts_with("git+")
        || spec.starts_with("github:")
        || spec.starts_with('.')
        || spec.starts_with('/')
        || spec.starts_with("file:")
        || spec.contains(" @ ")
}

fn locked_from_spec(ecosystem: Ecosystem, spec: &str, origin: &str) -> Locked {
    let (name, version) = match ecosystem {
        Ecosystem::Pypi => {
            if let Some((n, v)) = spec.split_once("==") {
                (n.trim(), Some(v.trim()))
            } else if let Some((n, v)) = spec.split_once('@') {
                (n.trim(), Some(v.trim()))
            } else {
                let end = spec.find(['<', '>', '~', '!', '=']).unwrap_or(spec.len());
                let rest = spec[end..].trim();
                (spec[..end].trim(), (!rest.is_empty()).then_some(rest))
            }
        }
        _ => match spec.rfind('@').filter(|i| *i > 0) {
            Some(i) => (&spec[..i], Some(&spec[i + 1..])),
            None => (spec, None),
        },
    };
    let pinned = version.is_some_and(|v| {
        semver::Version::parse(v.trim_start_matches('=')).is_ok()
            || (ecosystem == Ecosystem::Pypi
                && !v.starts_with(['<', '>', '~', '!'])
                && !v.contains(',')
                && !v.contains('*'))
    });
    Locked {
        ecosystem,
        name: name.to_string(),
        version: version.map(|v| v.trim_start_matches("==").to_string()),
        pinned,
        digest: None,
        origin: origin.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn launch_commands_map_to_packages() {
        assert_eq!(
            launch(
                "npx",
                &[
                    "-y",
                    "@modelcontextprotocol/server-filesystem@2026.8.31",
                    "/tmp"
                ]
            )
            .unwrap(),
            vec![(
                Ecosystem::Npm,
                "@modelcontextprotocol/server-filesystem@2026.8.31".to_string()
            )]
        );
        assert_eq!(
            launch("/usr/bin/npx", &["-p", "a@1.0.0", "--package=b", "bin"])
                .unwrap()
                .len(),
            2
        );
        assert_eq!(launch("npm", &["exec", "--", "pkg"]).unwrap()[0].1, "pkg");
        assert_eq!(
            launch("uvx", &["mcp-server-time==2026.10.19"]).unwrap()[0].1,
            "mcp-server-time==2026.10.19"
        );
        assert_eq!(
            launch("uvx", &["--from", "mcp-server-git", "mcp-server-git"]).unwrap()[0].1,
            "mcp-server-git"
        );
        assert_eq!(
            launch("uv", &["tool", "run", "--python", "3.12", "x"]).unwrap()[0].1,
            "x"
        );
        assert!(launch("docker", &["run", "-i", "img"]).is_err());
        assert!(launch("node", &["/abs/server.js"]).is_err());
        assert!(launch("npx", &["-y", "github:o/r"]).is_err());
        assert!(launch("uvx", &["--from", "git+https://x/y", "y"]).is_err());
    }

    #[test]
    fn pinning_is_recognized() {
        assert!(locked_from_spec(Ecosystem::Npm, "@a/b@1.2.3", "o").pinned);
        assert!(!locked_from_spec(Ecosystem::Npm, "@a/b", "o").pinned);
        assert!(!locked_from_spec(Ecosystem::Npm, "@a/b@latest", "o").pinned);
        assert!(!locked_from_spec(Ecosystem::Npm, "x@^1.0.0", "o").pinned);
        let l = locked_from_spec(Ecosystem::Pypi, "mcp-server-time==2026.10.19", "o");
        assert!(l.pinned);
        assert_eq!(
            (l.name.as_str(), l.version.as_deref()),
            ("mcp-server-time", Some("2026.10.19"))
        );
        assert!(!locked_from_spec(Ecosystem::Pypi, "x>=1", "o").pinned);
    }
}
