//! The runtime guard (`mcp-audit run`, `pins`, `log`, `install --guard`) against the fixture
//! stdio server `testdata/guard/server.py`.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

use crate::support::{bin, testdata};
use crate::testkit::{text, tools_list, Kit};

const INIT: &str = r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"it","version":"0"}}}"#;
const INITIALIZED: &str = r#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#;

fn list(id: u32) -> String {
    format!(r#"{{"jsonrpc":"2.0","id":{id},"method":"tools/list","params":{{}}}}"#)
}

fn call(id: u32, tool: &str, args: &str) -> String {
    format!(
        r#"{{"jsonrpc":"2.0","id":{id},"method":"tools/call","params":{{"name":"{tool}","arguments":{args}}}}}"#
    )
}

fn server() -> PathBuf {
    testdata().join("guard/server.py")
}

/// A scratch `$MCP_AUDIT_HOME`.
struct Home(tempfile::TempDir);

impl Home {
    fn new() -> Home {
        Home(tempfile::tempdir().unwrap())
    }

    fn path(&self) -> &Path {
        self.0.path()
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = bin();
        cmd.args(args)
            .env("MCP_AUDIT_HOME", self.path())
            .env("NO_COLOR", "1")
            .env_remove("RUST_LOG");
        cmd
    }

    /// `mcp-audit run GUARD_ARGS -- python3 server.py SERVER_ARGS` fed `lines`, stdin closed.
    fn run(&self, guard_args: &[&str], server_args: &[&str], lines: &[String]) -> Output {
        let script = server();
        let mut args = vec!["run"];
        args.extend_from_slice(guard_args);
        args.extend(["--", "python3", script.to_str().unwrap()]);
        args.extend_from_slice(server_args);
        feed(self.cmd(&args), lines)
    }

    fn log(&self) -> Vec<Value> {
        std::fs::read_to_string(self.path().join("logs/fx.jsonl"))
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    fn pins(&self) -> Value {
        serde_json::from_str(&std::fs::read_to_string(self.path().join("pins/fx.json")).unwrap())
            .unwrap()
    }
}

/// Talks to `cmd` as a client does: each request waits for its answer before the next line
/// (a batch waits for one line); then stdin is closed and the rest collected.
fn feed(mut cmd: Command, lines: &[String]) -> Output {
    use std::io::{BufRead as _, Read as _};
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut seen = Vec::new();
    'lines: for line in lines {
        if writeln!(stdin, "{line}").is_err() {
            break;
        }
        let msg: Value = serde_json::from_str(line).unwrap();
        let wait_id = match &msg {
            Value::Array(_) => Some(Value::Null),
            Value::Object(o) if o.contains_key("method") => o.get("id").cloned(),
            _ => None,
        };
        let Some(id) = wait_id else { continue };
        loop {
            let mut got = String::new();
            if stdout.read_line(&mut got).unwrap_or(0) == 0 {
                break 'lines;
            }
            seen.extend_from_slice(got.as_bytes());
            let answered = match serde_json::from_str::<Value>(&got) {
                Ok(Value::Array(_)) => id.is_null(),
                Ok(v) => v.get("id") == Some(&id),
                Err(_) => false,
            };
            if answered {
                break;
            }
        }
    }
    drop(stdin);
    let _ = stdout.read_to_end(&mut seen);
    let mut output = child.wait_with_output().unwrap();
    output.stdout = seen;
    output
}

fn direct(server_args: &[&str], lines: &[String]) -> Output {
    let mut cmd = Command::new("python3");
    cmd.arg(server()).args(server_args);
    feed(cmd, lines)
}

fn answers(stdout: &[u8]) -> Vec<Value> {
    text(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn answer(stdout: &[u8], id: u64) -> Value {
    answers(stdout)
        .into_iter()
        .find(|a| a["id"] == id)
        .unwrap_or_else(|| panic!("no answer {id}: {}", text(stdout)))
}

fn tool_names(answer: &Value) -> Vec<String> {
    answer["result"]["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap().to_string())
        .collect()
}

fn calls(log: &[Value]) -> Vec<&Value> {
    log.iter().filter(|r| r["event"] == "call").collect()
}

#[test]
fn guard_relays_both_eras_byte_for_byte_and_pins_on_first_use() {
    let home = Home::new();
    let meta = r#""_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}"#;
    let lines = vec![
        INIT.to_string(),
        INITIALIZED.to_string(),
        list(2),
        r#"{"jsonrpc":"2.0","id":"p","method":"prompts/list"}"#.to_string(),
        r#"{"jsonrpc":"2.0","id":4,"method":"resources/list","params":{}}"#.to_string(),
        call(5, "add", r#"{"a":2,"b":3}"#),
        format!(
            "[{},{}]",
            call(6, "echo", r#"{"text":"hi"}"#),
            r#"{"jsonrpc":"2.0","id":7,"method":"nope"}"#
        ),
        format!(r#"{{"jsonrpc":"2.0","id":8,"method":"server/discover","params":{{{meta}}}}}"#),
        format!(r#"{{"jsonrpc":"2.0","id":9,"method":"tools/list","params":{{{meta}}}}}"#),
    ];
    let want = direct(&[], &lines);
    assert!(want.status.success());
    for round in 0..2 {
        let out = home.run(&["--server", "fx"], &[], &lines);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert_eq!(
            text(&out.stdout),
            text(&want.stdout),
            "round {round}: {}",
            text(&out.stderr)
        );
    }
    let pins = home.pins();
    let pinned = |k: &str| pins[k]["pinned"].as_object().unwrap().len();
    assert_eq!(
        (pinned("tools"), pinned("prompts"), pinned("resources")),
        (2, 1, 1),
        "{pins:#}"
    );
    assert_eq!(pins["tools"]["pinned"]["add"]["source"], "first-use");
    // Two calls per round (the batched one included).
    assert_eq!(calls(&home.log()).len(), 4);

    // Pages are pinned as they come, and relayed unchanged.
    let paged = vec![INIT.to_string(), list(2), {
        r#"{"jsonrpc":"2.0","id":3,"method":"tools/list","params":{"cursor":"page2"}}"#.to_string()
    }];
    let home = Home::new();
    let out = home.run(&["--server", "fx"], &["--paged"], &paged);
    assert_eq!(
        text(&out.stdout),
        text(&direct(&["--paged"], &paged).stdout)
    );
    assert_eq!(home.pins()["tools"]["pinned"].as_object().unwrap().len(), 2);
}

#[test]
fn guard_withholds_a_tool_whose_description_changed_and_logs_the_diff() {
    let home = Home::new();
    let lines = vec![
        INIT.to_string(),
        list(2),
        list(3),
        call(4, "add", r#"{"a":1,"b":1}"#),
        call(5, "echo", r#"{"text":"x"}"#),
    ];
    let out = home.run(&["--server", "fx"], &["--rug"], &lines);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(tool_names(&answer(&out.stdout, 2)), ["add", "echo"]);
    // The rug pull: only the unchanged tool, and the rest of the answer as it was.
    let second = answer(&out.stdout, 3);
    assert_eq!(tool_names(&second), ["echo"], "{second}");
    assert_eq!(second["result"]["tools"][0]["title"], "Echo");
    // Calls to the withheld tool are answered by the guard, not forwarded.
    let refused = answer(&out.stdout, 4);
    assert_eq!(refused["error"]["code"], -32602, "{refused}");
    assert!(refused["error"]["message"]
        .as_str()
        .unwrap()
        .contains("withheld"));
    assert_eq!(answer(&out.stdout, 5)["result"]["content"][0]["text"], "x");
    assert!(
        stderr.contains("tool `add` of server `fx` was changed since it was pinned; withheld"),
        "{stderr}"
    );
    assert!(stderr.contains("--accept add"), "{stderr}");

    let log = home.log();
    let change = log.iter().find(|r| r["event"] == "change").unwrap();
    assert_eq!(change["name"], "add");
    assert_eq!(change["change"], "changed");
    assert_eq!(change["action"], "withheld");
    assert_eq!(change["diff"][0]["path"], "/description");
    assert!(change["diff"][0]["new"]
        .as_str()
        .unwrap()
        .contains("id_rsa"));
    assert!(
        !change["findings"].as_array().unwrap().is_empty(),
        "{change:#}"
    );
    let withheld: Vec<_> = calls(&log)
        .into_iter()
        .filter(|c| c["withheld"] == true)
        .collect();
    assert_eq!(withheld.len(), 1);
    assert_eq!(withheld[0]["tool"], "add");
    assert!(home.pins()["tools"]["pending"]["add"].is_object());

    // The human log shows the diff, escaped.
    let out = home.cmd(&["log", "--server", "fx"]).output().unwrap();
    let shown = text(&out.stdout);
    assert!(shown.contains("tool changed `add` WITHHELD"), "{shown}");
    assert!(shown.contains("/description:"), "{shown}");

    // --on-change stop ends the session with exit code 1; allow forwards it (still logged).
    let out = home.run(
        &["--server", "fx", "--on-change", "stop"],
        &["--rug"],
        &lines,
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("stopped"),
        "{}",
        text(&out.stderr)
    );
    let out = home.run(
        &["--server", "fx", "--on-change", "allow"],
        &["--rug"],
        &lines,
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(tool_names(&answer(&out.stdout, 3)), ["add", "echo"]);
}

#[test]
fn a_new_tool_appears_only_after_pins_accepts_it() {
    let home = Home::new();
    let lines = vec![INIT.to_string(), list(2), list(3)];
    let out = home.run(&["--server", "fx"], &["--grow"], &lines);
    assert_eq!(tool_names(&answer(&out.stdout, 3)), ["add", "echo"]);
    let change = home
        .log()
        .into_iter()
        .find(|r| r["event"] == "change")
        .unwrap();
    assert_eq!(
        (change["name"].as_str(), change["change"].as_str()),
        (Some("delete_all"), Some("added"))
    );

    // Still withheld next time.
    let out = home.run(&["--server", "fx"], &["--grow"], &lines);
    assert_eq!(tool_names(&answer(&out.stdout, 3)), ["add", "echo"]);

    let out = home.cmd(&["pins", "--server", "fx"]).output().unwrap();
    let listing = text(&out.stdout);
    assert!(
        listing.contains("delete_all") && listing.contains("WITHHELD"),
        "{listing}"
    );
    let out = home
        .cmd(&["pins", "--server", "fx", "--format", "json"])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json[0]["pending"][0]["name"], "delete_all");
    assert_eq!(json[0]["pinned"].as_array().unwrap().len(), 2);

    assert!(!home
        .cmd(&["pins", "--server", "fx", "--accept", "nothing"])
        .output()
        .unwrap()
        .status
        .success());
    let out = home
        .cmd(&["pins", "--server", "fx", "--accept", "delete_all"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = home.run(&["--server", "fx"], &["--grow"], &lines);
    assert_eq!(
        tool_names(&answer(&out.stdout, 3)),
        ["add", "echo", "delete_all"]
    );
    assert_eq!(
        home.pins()["tools"]["pinned"]["delete_all"]["source"],
        "accepted"
    );

    // --reset forgets the pins: the next run pins what it sees.
    let out = home
        .cmd(&["pins", "--server", "fx", "--reset"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(!home.path().join("pins/fx.json").exists());
}

#[test]
fn the_log_has_one_line_per_call_with_values_redacted() {
    let home = Home::new();
    let secret = "correct horse battery staple";
    let lines = vec![
        INIT.to_string(),
        list(2),
        call(3, "echo", &format!(r#"{{"text":"{secret}"}}"#)),
        call(4, "add", r#"{"a":1,"b":2}"#),
        call(5, "missing", "{}"),
    ];
    let out = home.run(&["--server", "fx"], &[], &lines);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let raw = std::fs::read_to_string(home.path().join("logs/fx.jsonl")).unwrap();
    assert_eq!(raw.lines().count(), 3, "{raw}");
    assert!(!raw.contains(secret), "{raw}");
    let log = home.log();
    assert_eq!(log[0]["tool"], "echo");
    assert_eq!(log[0]["server"], "fx");
    assert_eq!(log[0]["arguments"]["text"]["type"], "string");
    assert_eq!(log[0]["arguments"]["text"]["size"], secret.len() + 2);
    assert!(log[0]["arguments"]["text"].get("value").is_none());
    assert!(log[0]["result_size"].as_u64().unwrap() > 0);
    assert!(log[0]["duration_ms"].as_f64().unwrap() >= 0.0);
    assert_eq!(log[0]["withheld"], false);
    assert!(log[0]["time"].as_str().unwrap().ends_with('Z'));
    assert_eq!(log[2]["error"], "Method not found");

    // --log-args keeps the values.
    let out = home.run(&["--server", "fx", "--log-args"], &[], &lines[..3]);
    assert!(out.status.success());
    assert_eq!(home.log()[3]["arguments"]["text"]["value"], secret);

    // `mcp-audit log`: JSON, --since.
    let out = home
        .cmd(&["log", "--server", "fx", "--format", "json"])
        .output()
        .unwrap();
    let records: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(records.as_array().unwrap().len(), 4);
    let out = home
        .cmd(&["log", "--since", "1h", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        serde_json::from_slice::<Value>(&out.stdout)
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        4
    );
    let out = home
        .cmd(&["log", "--since", "2099-01-01", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        serde_json::from_slice::<Value>(&out.stdout).unwrap(),
        serde_json::json!([])
    );
    let out = home.cmd(&["log", "--server", "fx"]).output().unwrap();
    assert!(
        text(&out.stdout).contains("call echo(text:string(30B))"),
        "{}",
        text(&out.stdout)
    );
    assert!(!home
        .cmd(&["log", "--since", "soon"])
        .output()
        .unwrap()
        .status
        .success());
}

#[test]
fn a_crashing_or_garbage_server_ends_with_one_clear_error_and_exit_2() {
    let home = Home::new();
    let lines = vec![INIT.to_string(), list(2)];
    for (args, says) in [
        (
            &["--garbage"][..],
            "wrote something that is not a JSON-RPC message on stdout: Server ready!",
        ),
        (&["--crash"][..], "exited on its own with status 1"),
    ] {
        let out = home.run(&["--server", "fx"], args, &lines);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        let ours: Vec<&str> = stderr.lines().filter(|l| l.contains("fx")).collect();
        assert_eq!(ours.len(), 1, "{stderr}");
        assert!(ours[0].contains(says), "{stderr}");
        // What came before the failure was relayed whole.
        assert_eq!(
            answer(&out.stdout, 1)["result"]["serverInfo"]["name"],
            "guard-fixture"
        );
    }
    let out = feed(
        home.cmd(&["run", "--server", "fx", "--", "/nonexistent/server"]),
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("cannot start server `fx`"));
    // A server that exits after the client closed the connection: its exit code.
    let out = home.run(&["--server", "fx"], &["--exit-code", "3"], &lines);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    // No command: bad usage.
    assert_eq!(home.cmd(&["run"]).output().unwrap().status.code(), Some(2));
}

fn str_of<'a>(t: &'a toml::Table, key: &str) -> &'a str {
    t[key].as_str().unwrap()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn install_guard_registers_every_client_and_the_server_answers_the_same_through_it() {
    let kit = Kit::start();
    let clients = [
        ("claude-desktop", "claude_desktop_config.json", "mcpServers"),
        ("claude-code", ".mcp.json", "mcpServers"),
        ("cursor", "cursor.json", "mcpServers"),
        ("vscode", "vscode.json", "servers"),
        ("windsurf", "windsurf.json", "mcpServers"),
    ];
    for (client, file, _) in clients {
        let out = kit.run(&[
            "install",
            "npm:@fixture/calc@1.0.0",
            "--guard",
            "--client",
            client,
            "--client-config",
            file,
        ]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{client}: {}",
            text(&out.stderr)
        );
    }
    let server = &kit.servers()[0];
    let pinned_args: Vec<String> = server["args"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().to_string())
        .collect();
    let unguarded = tools_list(str_of(server, "command"), &pinned_args, &kit.path("work"));
    assert_eq!(
        unguarded["result"]["tools"][0]["name"], "add",
        "{unguarded}"
    );
    let exe = env!("CARGO_BIN_EXE_mcp-audit");
    for (client, file, key) in clients {
        let cfg: Value = jsonc(&kit.path(&format!("work/{file}")));
        let entry = &cfg[key]["calc"];
        assert_eq!(entry["command"], exe, "{client}: {entry}");
        let args = strings(&entry["args"]);
        let mut expected = vec![
            "run".to_string(),
            "--server".into(),
            "calc".into(),
            "--".into(),
        ];
        expected.push(str_of(server, "command").into());
        expected.extend(pinned_args.iter().cloned());
        assert_eq!(args, expected, "{client}");
        if matches!(client, "claude-code" | "vscode") {
            assert_eq!(entry["type"], "stdio");
        }
    }
    assert_eq!(server["clients"].as_array().unwrap().len(), clients.len());

    // A real client handshake through the guard, as the client config says: the same tools.
    let cfg = jsonc(&kit.path("work/claude_desktop_config.json"));
    let entry = &cfg["mcpServers"]["calc"];
    let home = kit.mcp_home();
    // Started through env(1): the guard needs the kit's $MCP_AUDIT_HOME.
    let mut env_args = vec![
        format!("MCP_AUDIT_HOME={}", home.display()),
        exe.to_string(),
    ];
    env_args.extend(strings(&entry["args"]));
    let guarded = tools_list("env", &env_args, &kit.path("work"));
    assert_eq!(guarded, unguarded);
    // The lockfile's pins applied: nothing was pinned on first use, nothing withheld.
    let pins: Value = serde_json::from_str(
        &std::fs::read_to_string(home.join("pins/calc.json")).unwrap_or_else(|_| "{}".into()),
    )
    .unwrap();
    assert!(
        pins["tools"]["pinned"]
            .as_object()
            .is_none_or(serde_json::Map::is_empty),
        "{pins:#}"
    );
    assert!(
        pins["tools"]["pending"]
            .as_object()
            .is_none_or(serde_json::Map::is_empty),
        "{pins:#}"
    );

    // verify sees through the guard: the entries still run the pinned install.
    let out = kit.run(&["verify"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}\n{}",
        text(&out.stdout),
        text(&out.stderr)
    );
}

/// Installs `version` of `@fixture/calc` behind the guard and lists its tools through the
/// client entry; returns (guarded answer, unguarded answer, $MCP_AUDIT_HOME).
fn guarded_install(kit: &Kit, version: &str) -> (Value, Value, PathBuf) {
    let out = kit.run(&[
        "install",
        &format!("npm:@fixture/calc@{version}"),
        "--yes",
        "--guard",
        "--client",
        "claude-desktop",
        "--client-config",
        "claude_desktop_config.json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let server = &kit.servers()[0];
    let pinned_args = strings(&serde_json::to_value(&server["args"]).unwrap());
    let unguarded = tools_list(str_of(server, "command"), &pinned_args, &kit.path("work"));
    let cfg = jsonc(&kit.path("work/claude_desktop_config.json"));
    let home = kit.mcp_home();
    let mut env_args = vec![
        format!("MCP_AUDIT_HOME={}", home.display()),
        env!("CARGO_BIN_EXE_mcp-audit").to_string(),
    ];
    env_args.extend(strings(&cfg["mcpServers"]["calc"]["args"]));
    let guarded = tools_list("env", &env_args, &kit.path("work"));
    (guarded, unguarded, home)
}

#[test]
fn the_audited_text_passes_the_guard_when_the_server_lists_a_richer_schema() {
    // Static extraction reads the source's literal; the server adds `additionalProperties`
    // and `$schema` when it lists, as schema libraries do. The description is the text the
    // audit read, so the tool passes, and its definition is pinned as the server sent it.
    let kit = Kit::start();
    let (guarded, unguarded, home) = guarded_install(&kit, "1.0.1");
    assert_eq!(
        unguarded["result"]["tools"][0]["inputSchema"]["additionalProperties"],
        false
    );
    assert_eq!(guarded, unguarded);
    let pins: Value =
        serde_json::from_str(&std::fs::read_to_string(home.join("pins/calc.json")).unwrap())
            .unwrap();
    assert_eq!(
        pins["tools"]["pinned"]["add"]["source"], "audited",
        "{pins:#}"
    );
    assert!(
        pins["tools"]["pending"]
            .as_object()
            .is_none_or(serde_json::Map::is_empty),
        "{pins:#}"
    );
}

#[test]
fn a_description_no_audit_read_is_withheld_at_first_start() {
    // The source's literal is honest; the server appends an order when it lists. The lock pins
    // the audited text, so the listed tool is withheld from the first start on.
    let kit = Kit::start();
    let (guarded, unguarded, home) = guarded_install(&kit, "1.0.2");
    assert!(unguarded["result"]["tools"][0]["description"]
        .as_str()
        .unwrap()
        .contains("id_rsa"));
    assert_eq!(
        guarded["result"]["tools"],
        serde_json::json!([]),
        "{guarded}"
    );
    let log = std::fs::read_to_string(home.join("logs/calc.jsonl")).unwrap();
    let change: Value = serde_json::from_str(log.lines().next().unwrap()).unwrap();
    assert_eq!(change["event"], "change");
    assert_eq!(change["action"], "withheld");
    assert_eq!(change["diff"][0]["path"], "/description", "{change:#}");
    assert!(change["diff"][0]["new"]
        .as_str()
        .unwrap()
        .contains("id_rsa"));
}

fn jsonc(path: &Path) -> Value {
    jsonc_parser::parse_to_serde_value(&std::fs::read_to_string(path).unwrap(), &Default::default())
        .unwrap()
}
