//! The guard's overhead per message: sequential `tools/call` round trips to the fixture stdio
//! server (`testdata/guard/server.py`), straight and through `mcp-audit run`, medians compared;
//! plus the session's own work per message, in process.
//!
//! `cargo bench --bench guard` (release build). A round trip is two messages (request and
//! answer), so the overhead per message is half the difference of the medians.

#![expect(clippy::print_stdout, reason = "a benchmark reports on stdout")]

use std::io::{BufRead as _, BufReader, Write as _};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ROUND_TRIPS: usize = 2000;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn round_trips(mut cmd: Command) -> Vec<Duration> {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start the server");
    let mut stdin = child.stdin.take().unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    let mut ask = |msg: &str, stdin: &mut std::process::ChildStdin| {
        writeln!(stdin, "{msg}").unwrap();
        stdin.flush().unwrap();
        line.clear();
        out.read_line(&mut line).unwrap();
        assert!(line.contains("\"result\""), "{line}");
    };
    ask(
        r#"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"bench","version":"0"}}}"#,
        &mut stdin,
    );
    ask(
        r#"{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{}}"#,
        &mut stdin,
    );
    let mut times = Vec::with_capacity(ROUND_TRIPS);
    for i in 0..ROUND_TRIPS {
        let msg = format!(
            r#"{{"jsonrpc":"2.0","id":{},"method":"tools/call","params":{{"name":"echo","arguments":{{"text":"message number {i} with a little payload to look like a real call"}}}}}}"#,
            i + 2
        );
        let start = Instant::now();
        ask(&msg, &mut stdin);
        times.push(start.elapsed());
    }
    drop(stdin);
    child.wait().unwrap();
    times
}

fn session_cost() -> Duration {
    use mcp_audit::guard::pins::PinFile;
    use mcp_audit::guard::session::{OnChange, Session, SessionConfig};
    let dir = tempfile::tempdir().unwrap();
    let config = SessionConfig {
        server: "bench".into(),
        pins_path: dir.path().join("pins/bench.json"),
        log_path: dir.path().join("logs/bench.jsonl"),
        log_max_bytes: u64::MAX,
        on_change: OnChange::Withhold,
        log_args: false,
    };
    let mut session = Session::new(config, PinFile::new("bench"), Default::default());
    let mut times = Vec::with_capacity(ROUND_TRIPS);
    for i in 0..ROUND_TRIPS {
        let request = format!(
            r#"{{"jsonrpc":"2.0","id":{i},"method":"tools/call","params":{{"name":"echo","arguments":{{"text":"payload {i}"}}}}}}"#
        );
        let answer = format!(
            r#"{{"jsonrpc":"2.0","id":{i},"result":{{"content":[{{"type":"text","text":"payload {i}"}}]}}}}"#
        );
        let start = Instant::now();
        let _ = session.from_client(request.as_bytes());
        let _ = session.from_server(answer.as_bytes());
        times.push(start.elapsed() / 2);
    }
    median(times)
}

/// The session's work on one large `tools/call` result (16 MiB of text), median of 9.
fn large_result_cost() -> (usize, Duration) {
    use mcp_audit::guard::pins::PinFile;
    use mcp_audit::guard::session::{OnChange, Session, SessionConfig};
    let dir = tempfile::tempdir().unwrap();
    let config = SessionConfig {
        server: "bench".into(),
        pins_path: dir.path().join("pins/bench.json"),
        log_path: dir.path().join("logs/bench.jsonl"),
        log_max_bytes: u64::MAX,
        on_change: OnChange::Withhold,
        log_args: false,
    };
    let mut session = Session::new(config, PinFile::new("bench"), Default::default());
    let text = "0123456789abcdef".repeat(1 << 20);
    let mut times = Vec::new();
    let mut size = 0;
    for i in 0..9 {
        let request = format!(
            r#"{{"jsonrpc":"2.0","id":{i},"method":"tools/call","params":{{"name":"dump","arguments":{{}}}}}}"#
        );
        let answer = format!(
            r#"{{"jsonrpc":"2.0","id":{i},"result":{{"content":[{{"type":"text","text":"{text}"}}]}}}}"#
        );
        size = answer.len();
        let _ = session.from_client(request.as_bytes());
        let start = Instant::now();
        let _ = session.from_server(answer.as_bytes());
        times.push(start.elapsed());
    }
    (size, median(times))
}

fn main() {
    let server = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/guard/server.py");
    let home = tempfile::tempdir().unwrap();
    let mut straight = Command::new("python3");
    straight.arg(&server);
    let mut guarded = Command::new(env!("CARGO_BIN_EXE_mcp-audit"));
    guarded
        .args(["run", "--server", "bench", "--", "python3"])
        .arg(&server)
        .env("MCP_AUDIT_HOME", home.path());
    // Warm up both (interpreter start, page cache).
    let _ = round_trips(straight_clone(&server));
    let direct = median(round_trips(straight));
    let through = median(round_trips(guarded));
    let per_message = through.saturating_sub(direct) / 2;
    let session = session_cost();
    println!(
        "guard overhead ({ROUND_TRIPS} tools/call round trips to the fixture server, medians)"
    );
    println!("  straight:        {direct:?} per round trip");
    println!("  through guard:   {through:?} per round trip");
    println!("  overhead:        {per_message:?} per message (half the difference)");
    println!("  session work:    {session:?} per message (parse, match, log; in process)");
    let (size, large) = large_result_cost();
    println!(
        "  large result:    {large:?} for one {:.1} MiB tools/call answer (in process; relayed as is)",
        size as f64 / f64::from(1u32 << 20)
    );
    let logged = std::fs::read_to_string(home.path().join("logs/bench.jsonl")).unwrap_or_default();
    println!("  log lines:       {}", logged.lines().count());
}

fn straight_clone(server: &Path) -> Command {
    let mut c = Command::new("python3");
    c.arg(server);
    c
}
