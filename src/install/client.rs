//! Registering an installed server with an MCP client: one entry added to (or replaced in) the
//! client's JSON/JSONC config, every other entry and comment kept, the original backed up, and
//! the new file written atomically (specs.md §4.6).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use jsonc_parser::cst::{CstInputValue, CstRootNode};
use serde_json::Value;

use super::fsutil;
use super::lock::ClientRecord;

/// Suffix of the backup written next to a client config before it is changed.
pub const BACKUP_SUFFIX: &str = ".mcp-audit.bak";

/// The MCP clients `install` can register a server with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Client {
    /// Claude Desktop (`claude_desktop_config.json`, `mcpServers`).
    ClaudeDesktop,
    /// Claude Code, user scope (`~/.claude.json`, `mcpServers`); a project `.mcp.json` via
    /// `--client-config`.
    ClaudeCode,
    /// Cursor (`~/.cursor/mcp.json`, `mcpServers`).
    Cursor,
    /// VS Code (user `mcp.json`, `servers`, JSONC).
    Vscode,
    /// Windsurf (`~/.codeium/windsurf/mcp_config.json`, `mcpServers`).
    Windsurf,
}

/// How the client should start the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Launch {
    /// Absolute path of the program.
    pub command: String,
    /// Arguments.
    pub args: Vec<String>,
    /// Environment.
    pub env: BTreeMap<String, String>,
}

impl Client {
    /// The kebab-case name used on the command line and in the lockfile.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Client::ClaudeDesktop => "claude-desktop",
            Client::ClaudeCode => "claude-code",
            Client::Cursor => "cursor",
            Client::Vscode => "vscode",
            Client::Windsurf => "windsurf",
        }
    }

    /// The client of a kebab-case name (as in the lockfile).
    #[must_use]
    pub fn from_name(name: &str) -> Option<Client> {
        Some(match name {
            "claude-desktop" => Client::ClaudeDesktop,
            "claude-code" => Client::ClaudeCode,
            "cursor" => Client::Cursor,
            "vscode" => Client::Vscode,
            "windsurf" => Client::Windsurf,
            _ => return None,
        })
    }

    /// The top-level key holding the servers.
    #[must_use]
    pub fn servers_key(self) -> &'static str {
        match self {
            Client::Vscode => "servers",
            _ => "mcpServers",
        }
    }

    /// The client's usual config file for this user.
    #[must_use]
    pub fn default_config(self) -> Option<PathBuf> {
        let home = super::home::user_home()?;
        let appdata = || std::env::var_os("APPDATA").map(PathBuf::from);
        let xdg_config = || {
            std::env::var_os("XDG_CONFIG_HOME")
                .map(PathBuf::from)
                .filter(|p| p.is_absolute())
                .unwrap_or_else(|| home.join(".config"))
        };
        Some(match self {
            Client::ClaudeDesktop => {
                if cfg!(target_os = "macos") {
                    home.join("Library/Application Support/Claude/claude_desktop_config.json")
                } else if cfg!(windows) {
                    appdata()?.join("Claude").join("claude_desktop_config.json")
                } else {
                    xdg_config().join("Claude/claude_desktop_config.json")
                }
            }
            Client::ClaudeCode => home.join(".claude.json"),
            Client::Cursor => home.join(".cursor").join("mcp.json"),
            Client::Vscode => {
                if cfg!(target_os = "macos") {
                    home.join("Library/Application Support/Code/User/mcp.json")
                } else if cfg!(windows) {
                    appdata()?.join("Code").join("User").join("mcp.json")
                } else {
                    xdg_config().join("Code/User/mcp.json")
                }
            }
            Client::Windsurf => home
                .join(".codeium")
                .join("windsurf")
                .join("mcp_config.json"),
        })
    }

    /// The server entry for a launch command, in this client's shape.
    #[must_use]
    pub fn entry(self, launch: &Launch) -> Value {
        let mut entry = serde_json::Map::new();
        if matches!(self, Client::Vscode | Client::ClaudeCode) {
            entry.insert("type".into(), Value::from("stdio"));
        }
        entry.insert("command".into(), Value::from(launch.command.clone()));
        entry.insert(
            "args".into(),
            Value::Array(launch.args.iter().cloned().map(Value::from).collect()),
        );
        if !launch.env.is_empty() {
            entry.insert(
                "env".into(),
                Value::Object(
                    launch
                        .env
                        .iter()
                        .map(|(k, v)| (k.clone(), Value::from(v.clone())))
                        .collect(),
                ),
            );
        }
        Value::Object(entry)
    }
}

/// The first argument of a guarded entry: `mcp-audit run …`.
pub const GUARD_SUBCOMMAND: &str = "run";

impl Launch {
    /// This launch behind the runtime guard: `PROGRAM run --server NAME [--lockfile FILE] --
    /// COMMAND ARGS…` (`install --guard`). The environment stays on the entry; the guard
    /// passes it to the server.
    #[must_use]
    pub fn guarded(&self, program: &str, server: &str, lockfile: Option<&Path>) -> Launch {
        let mut args = vec![
            GUARD_SUBCOMMAND.to_string(),
            "--server".into(),
            server.to_string(),
        ];
        if let Some(lockfile) = lockfile {
            args.push("--lockfile".into());
            args.push(lockfile.display().to_string());
        }
        args.push("--".into());
        args.push(self.command.clone());
        args.extend(self.args.iter().cloned());
        Launch {
            command: program.to_string(),
            args,
            env: self.env.clone(),
        }
    }
}

/// The server an entry runs behind the guard of `program` (`command`/`args` of the guarded
/// launch, other keys kept); `None` when the entry is not `program run … -- COMMAND …`.
#[must_use]
pub fn unguarded(entry: &Value, program: &Path) -> Option<Value> {
    let command = entry.get("command")?.as_str()?;
    if !same_program(Path::new(command), program) {
        return None;
    }
    let args: Vec<&str> = entry
        .get("args")?
        .as_array()?
        .iter()
        .map(Value::as_str)
        .collect::<Option<_>>()?;
    if args.first() != Some(&GUARD_SUBCOMMAND) {
        return None;
    }
    let dashes = args.iter().position(|a| *a == "--")?;
    let (server_command, server_args) = args[dashes + 1..].split_first()?;
    let mut inner = entry.as_object()?.clone();
    inner.insert("command".into(), Value::from(*server_command));
    inner.insert(
        "args".into(),
        Value::Array(server_args.iter().map(|a| Value::from(*a)).collect()),
    );
    Some(Value::Object(inner))
}

fn same_program(a: &Path, b: &Path) -> bool {
    a == b || matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
}

/// A prepared change to one client config: computed up front, so a config that cannot be
/// edited stops the install before anything is committed.
#[derive(Debug, Clone)]
pub struct ClientEdit {
    /// The config file.
    pub path: PathBuf,
    /// Its bytes before the change (`None`: it did not exist).
    pub original: Option<Vec<u8>>,
    /// The new text.
    pub text: String,
    /// What the lockfile records.
    pub record: ClientRecord,
    /// Whether the file changes at all (an identical entry is already there).
    pub changed: bool,
}

/// Prepares the entry `name` → `launch` in the config at `path`. An existing entry of that
/// name is replaced only when `replaceable` says it is an earlier mcp-audit install of the
/// same package; anything else is an error, as is a file that is not a JSON object.
///
/// # Errors
/// The file cannot be read or parsed, its servers key is not an object, or the name is taken.
pub fn prepare(
    client: Client,
    path: &Path,
    name: &str,
    launch: &Launch,
    replaceable: impl Fn(&Value) -> bool,
) -> anyhow::Result<ClientEdit> {
    let original = match std::fs::read(path) {
        Ok(bytes) => Some(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            return Err(e)
                .with_context(|| format!("cannot read client config `{}`", path.display()))
        }
    };
    let text = match &original {
        Some(bytes) => String::from_utf8(bytes.clone())
            .map_err(|_| anyhow::anyhow!("client config `{}` is not UTF-8", path.display()))?,
        None => String::new(),
    };
    let entry = client.entry(launch);
    let new_text = edit_text(&text, client.servers_key(), name, &entry, replaceable)
        .with_context(|| format!("cannot edit client config `{}`", path.display()))?;
    Ok(ClientEdit {
        path: path.to_path_buf(),
        changed: new_text != text,
        original,
        text: new_text,
        record: ClientRecord {
            client: client.as_str().into(),
            config: path.to_path_buf(),
            entry: name.into(),
        },
    })
}

/// Sets `root[key][name] = entry` in JSON or JSONC text, keeping everything else (comments,
/// formatting, other entries) as it was.
fn edit_text(
    text: &str,
    key: &str,
    name: &str,
    entry: &Value,
    replaceable: impl Fn(&Value) -> bool,
) -> anyhow::Result<String> {
    let options = jsonc_parser::ParseOptions::default();
    let source = if text.trim().is_empty() { "{}\n" } else { text };
    let current: Value = jsonc_parser::parse_to_serde_value(source, &options)
        .map_err(|e| anyhow::anyhow!("invalid JSON: {e}"))?;
    let Some(doc) = current.as_object() else {
        anyhow::bail!("the file is not a JSON object");
    };
    match doc.get(key) {
        None | Some(Value::Object(_)) => {}
        Some(_) => anyhow::bail!("`{key}` is not an object"),
    }
    if let Some(existing) = doc.get(key).and_then(|s| s.get(name)) {
        if existing == entry {
            return Ok(text.to_string());
        }
        if !replaceable(existing) {
            anyhow::bail!(
                "it already has a server named `{}` that mcp-audit did not install; remove or rename it first",
                mcp_audit_core::escape::visible(name)
            );
        }
    }
    let root =
        CstRootNode::parse(source, &options).map_err(|e| anyhow::anyhow!("invalid JSON: {e}"))?;
    let object = root
        .object_value()
        .ok_or_else(|| anyhow::anyhow!("the file is not a JSON object"))?;
    let servers = object.object_value_or_set(key);
    match servers.get(name) {
        Some(prop) => prop.set_value(input_value(entry)),
        None => {
            servers.append(name, input_value(entry));
        }
    }
    let out = root.to_string();
    // The edit must mean exactly what was intended.
    let check: Value = jsonc_parser::parse_to_serde_value(&out, &options)
        .map_err(|e| anyhow::anyhow!("the edited file does not parse: {e}"))?;
    if check.get(key).and_then(|s| s.get(name)) != Some(entry) {
        anyhow::bail!("the edited file does not hold the new entry");
    }
    Ok(out)
}

fn input_value(value: &Value) -> CstInputValue {
    match value {
        Value::Null => CstInputValue::Null,
        Value::Bool(b) => CstInputValue::Bool(*b),
        Value::Number(n) => CstInputValue::Number(n.to_string()),
        Value::String(s) => CstInputValue::String(s.clone()),
        Value::Array(items) => CstInputValue::Array(items.iter().map(input_value).collect()),
        Value::Object(map) => CstInputValue::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), input_value(v)))
                .collect(),
        ),
    }
}

impl ClientEdit {
    /// The backup file of the original config.
    #[must_use]
    pub fn backup_path(&self) -> PathBuf {
        let mut name = self
            .path
            .file_name()
            .map(std::ffi::OsStr::to_os_string)
            .unwrap_or_default();
        name.push(BACKUP_SUFFIX);
        self.path.with_file_name(name)
    }

    /// Backs the original up and writes the new text atomically.
    ///
    /// # Errors
    /// Either write fails; the config is then unchanged.
    pub fn commit(&self) -> anyhow::Result<()> {
        if !self.changed {
            return Ok(());
        }
        if let Some(original) = &self.original {
            fsutil::write_atomic(&self.backup_path(), original)
                .context("cannot back up the client config")?;
        }
        fsutil::write_atomic(&self.path, self.text.as_bytes())
    }

    /// Puts the original back (or removes a file the install created).
    ///
    /// # Errors
    /// The original cannot be restored.
    pub fn rollback(&self) -> anyhow::Result<()> {
        if !self.changed {
            return Ok(());
        }
        match &self.original {
            Some(bytes) => fsutil::write_atomic(&self.path, bytes),
            None => match std::fs::remove_file(&self.path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    Err(e).with_context(|| format!("cannot remove `{}`", self.path.display()))
                }
                _ => Ok(()),
            },
        }
    }
}

/// The entry `name` of a client config as it is now (`Ok(None)`: the file or entry is gone).
/// An entry that runs the server behind this mcp-audit's guard (`install --guard`) reads as
/// the server command it guards, so `verify` compares that with the pin.
///
/// # Errors
/// The file cannot be read or parsed.
pub fn read_entry(client: Client, path: &Path, name: &str) -> anyhow::Result<Option<Value>> {
    let entry = read_raw_entry(client, path, name)?;
    let this = std::env::current_exe().ok();
    Ok(entry.map(|e| {
        this.as_deref()
            .and_then(|program| unguarded(&e, program))
            .unwrap_or(e)
    }))
}

/// The entry `name` of a client config exactly as written.
///
/// # Errors
/// The file cannot be read or parsed.
pub fn read_raw_entry(client: Client, path: &Path, name: &str) -> anyhow::Result<Option<Value>> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("cannot read `{}`", path.display())),
    };
    let doc: Value = jsonc_parser::parse_to_serde_value(&text, &Default::default())
        .map_err(|e| anyhow::anyhow!("invalid JSON in `{}`: {e}", path.display()))?;
    Ok(doc
        .get(client.servers_key())
        .and_then(|s| s.get(name))
        .cloned())
}

/// Whether a client entry runs something under `dir` (an earlier install of a package).
#[must_use]
pub fn runs_from(entry: &Value, dir: &Path) -> bool {
    let under = |s: &str| Path::new(s).starts_with(dir);
    entry
        .get("command")
        .and_then(Value::as_str)
        .is_some_and(under)
        || entry
            .get("args")
            .and_then(Value::as_array)
            .is_some_and(|a| a.iter().filter_map(Value::as_str).any(under))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn launch() -> Launch {
        Launch {
            command: "/usr/bin/node".into(),
            args: vec![
                "/h/servers/npm/srv/1.0.0/node_modules/srv/index.js".into(),
                "/tmp".into(),
            ],
            env: BTreeMap::new(),
        }
    }

    #[test]
    fn vscode_jsonc_keeps_comments_and_other_servers() {
        let text = r#"{
  // my servers
  "inputs": [{ "type": "promptString", "id": "key", "password": true }],
  "servers": {
    /* the github one */
    "github": { "type": "http", "url": "https://api.githubcopilot.com/mcp/" }, // trailing
  },
}
"#;
        let out = edit_text(
            text,
            "servers",
            "srv",
            &Client::Vscode.entry(&launch()),
            |_| false,
        )
        .unwrap();
        for kept in [
            "// my servers",
            "/* the github one */",
            "// trailing",
            "\"inputs\"",
            "githubcopilot",
        ] {
            assert!(out.contains(kept), "lost {kept}:\n{out}");
        }
        let v: Value = jsonc_parser::parse_to_serde_value(&out, &Default::default()).unwrap();
        assert_eq!(v["servers"]["srv"]["type"], "stdio");
        assert_eq!(v["servers"]["srv"]["command"], "/usr/bin/node");
        assert_eq!(v["servers"]["github"]["type"], "http");
    }

    #[test]
    fn claude_desktop_file_is_created_or_extended() {
        let out = edit_text(
            "",
            "mcpServers",
            "srv",
            &Client::ClaudeDesktop.entry(&launch()),
            |_| false,
        )
        .unwrap();
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["mcpServers"]["srv"]["args"][1], "/tmp");
        assert!(v["mcpServers"]["srv"].get("type").is_none());

        let text = "{\n  \"globalShortcut\": \"Ctrl+Space\",\n  \"mcpServers\": {\n    \"other\": {\"command\": \"npx\", \"args\": [\"-y\", \"x\"]}\n  }\n}\n";
        let out = edit_text(
            text,
            "mcpServers",
            "srv",
            &Client::ClaudeDesktop.entry(&launch()),
            |_| false,
        )
        .unwrap();
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["globalShortcut"], "Ctrl+Space");
        assert_eq!(v["mcpServers"]["other"]["args"][1], "x");
        assert_eq!(v["mcpServers"]["srv"]["command"], "/usr/bin/node");
    }

    #[test]
    fn foreign_entries_are_never_replaced_but_ours_are() {
        let text = r#"{"mcpServers": {"srv": {"command": "npx", "args": ["srv"]}}}"#;
        let entry = Client::Cursor.entry(&launch());
        let err = edit_text(text, "mcpServers", "srv", &entry, |_| false).unwrap_err();
        assert!(err.to_string().contains("did not install"), "{err}");
        let out = edit_text(text, "mcpServers", "srv", &entry, |_| true).unwrap();
        assert!(out.contains("/usr/bin/node"));
        assert!(!out.contains("npx"));
        // The same entry again changes nothing.
        assert_eq!(
            edit_text(&out, "mcpServers", "srv", &entry, |_| false).unwrap(),
            out
        );
    }

    #[test]
    fn non_objects_are_refused() {
        for text in ["[1]", "{\"mcpServers\": []}", "{ not json"] {
            assert!(
                edit_text(text, "mcpServers", "srv", &Value::Null, |_| true).is_err(),
                "{text}"
            );
        }
    }

    #[test]
    fn commit_backs_up_and_rollback_restores() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("claude_desktop_config.json");
        std::fs::write(&path, "{\"mcpServers\": {}}").unwrap();
        let edit = prepare(Client::ClaudeDesktop, &path, "srv", &launch(), |_| false).unwrap();
        edit.commit().unwrap();
        assert!(std::fs::read_to_string(&path).unwrap().contains("srv"));
        assert_eq!(
            std::fs::read_to_string(edit.backup_path()).unwrap(),
            "{\"mcpServers\": {}}"
        );
        edit.rollback().unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "{\"mcpServers\": {}}"
        );

        let fresh = dir.path().join("new/mcp.json");
        let edit = prepare(Client::Cursor, &fresh, "srv", &launch(), |_| false).unwrap();
        edit.commit().unwrap();
        assert!(fresh.exists());
        edit.rollback().unwrap();
        assert!(!fresh.exists());
    }

    #[test]
    fn guarded_entries_round_trip_for_every_client() {
        let program = std::env::current_exe().unwrap();
        let program = program.to_str().unwrap();
        for client in [
            Client::ClaudeDesktop,
            Client::ClaudeCode,
            Client::Cursor,
            Client::Vscode,
            Client::Windsurf,
        ] {
            let plain = client.entry(&launch());
            let guarded = launch().guarded(program, "srv", None);
            let entry = client.entry(&guarded);
            assert_eq!(entry["command"], program);
            assert_eq!(entry["args"][0], "run");
            assert_eq!(entry["args"][2], "srv");
            assert_eq!(entry["args"][3], "--");
            assert_eq!(entry["args"][4], "/usr/bin/node");
            assert_eq!(unguarded(&entry, Path::new(program)).unwrap(), plain);
            // Still recognized as an install of the package (replaceable, verify).
            assert!(runs_from(&entry, Path::new("/h/servers/npm/srv")));
            // Only this program's guard is seen through.
            assert!(unguarded(&entry, Path::new("/tmp/mcp-audit")).is_none());
            assert!(unguarded(&plain, Path::new(program)).is_none());
            let with_lock = launch().guarded(program, "srv", Some(Path::new("/x/l.lock")));
            assert_eq!(with_lock.args[3..5], ["--lockfile", "/x/l.lock"]);
            assert_eq!(
                unguarded(&client.entry(&with_lock), Path::new(program)).unwrap(),
                plain
            );
        }
    }

    #[test]
    fn entries_running_from_an_install_dir_are_recognized() {
        let dir = Path::new("/h/servers/npm/srv");
        assert!(runs_from(&Client::Cursor.entry(&launch()), dir));
        assert!(!runs_from(
            &serde_json::json!({"command": "npx", "args": ["srv"]}),
            dir
        ));
    }
}
