//! The stdio relay: starts the server, copies newline-delimited messages both ways through a
//! [`Session`], forwards stderr untouched, and ends the way the server ends.
//!
//! One thread reads the client (our stdin) and writes the server's stdin; the calling thread
//! reads the server's stdout and writes ours. Each holds at most one line in memory. The
//! client closing stdin closes the server's stdin; a server that has not exited 5 s later is
//! killed.

use std::ffi::OsString;
use std::io::{BufRead as _, BufReader, Read, Write};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::session::{FromClient, FromServer, Session};
use mcp_audit_core::escape::visible;

/// How long a server may take to exit after its stdin was closed.
const EXIT_GRACE: Duration = Duration::from_secs(5);

/// How a guarded session ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// The server exited with this code (after the client closed the connection, or with 0).
    Exited(i32),
    /// A change under `--on-change stop` (exit code 1).
    Stopped(String),
    /// The server crashed, wrote garbage or could not be started (exit code 2).
    Failed(String),
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn say(lines: Vec<String>) {
    if lines.is_empty() {
        return;
    }
    let mut err = std::io::stderr().lock();
    for line in lines {
        let _ = writeln!(err, "{line}");
    }
}

/// Runs `command args` behind the guard, with `input`/`output` as the client's side.
#[allow(clippy::too_many_lines)]
pub fn relay(
    server_name: &str,
    command: &OsString,
    args: &[OsString],
    session: Session,
    input: impl Read + Send + 'static,
    output: impl Write + Send + 'static,
) -> Ending {
    let shown = visible(server_name);
    let mut child = match Command::new(command)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
    {
        Ok(c) => c,
        Err(e) => {
            return Ending::Failed(format!(
                "cannot start server `{shown}` (`{}`): {e}",
                visible(&command.to_string_lossy())
            ))
        }
    };
    let (Some(server_in), Some(server_out)) = (child.stdin.take(), child.stdout.take()) else {
        let _ = child.kill();
        return Ending::Failed(format!("cannot connect to server `{shown}`"));
    };
    let child = Arc::new(Mutex::new(child));
    let session = Arc::new(Mutex::new(session));
    let output = Arc::new(Mutex::new(output));
    let client_closed = Arc::new(AtomicBool::new(false));
    let done = Arc::new(AtomicBool::new(false));

    {
        let (session, output, child) = (session.clone(), output.clone(), child.clone());
        let (client_closed, done) = (client_closed.clone(), done.clone());
        std::thread::Builder::new()
            .name("guard-client".into())
            .spawn(move || {
                client_to_server(input, server_in, &session, &output, &client_closed);
                // The server's stdin is closed now; give it time to exit, then end it.
                let deadline = Instant::now() + EXIT_GRACE;
                while Instant::now() < deadline {
                    if done.load(Ordering::SeqCst) {
                        return;
                    }
                    std::thread::sleep(Duration::from_millis(20));
                }
                if !done.load(Ordering::SeqCst) {
                    let _ = lock(&child).kill();
                }
            })
            .ok();
    }

    let mut reader = BufReader::with_capacity(64 * 1024, server_out);
    let mut line = Vec::with_capacity(64 * 1024);
    let mut ending = None;
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                ending = Some(Ending::Failed(format!(
                    "cannot read from server `{shown}`: {e}"
                )));
                break;
            }
        }
        if !line.ends_with(b"\n") && !line.iter().all(u8::is_ascii_whitespace) {
            // The stream ended inside a message: never forward half of one.
            let status = wait_briefly(&child);
            ending = Some(Ending::Failed(format!(
                "server `{shown}` ended in the middle of a message{}",
                describe(status)
            )));
            break;
        }
        let action = lock(&session).from_server(&line);
        say(lock(&session).take_warnings());
        let bytes: &[u8] = match &action {
            FromServer::Forward => &line,
            FromServer::Rewrite(b) => b,
            FromServer::Stop(why) => {
                ending = Some(Ending::Stopped(why.clone()));
                break;
            }
            FromServer::Garbage(why) => {
                ending = Some(Ending::Failed(why.clone()));
                break;
            }
        };
        let mut out = lock(&output);
        if out.write_all(bytes).and_then(|()| out.flush()).is_err() {
            // The client is gone: nothing more can be delivered.
            ending = Some(Ending::Failed(format!(
                "the client stopped reading; server `{shown}` ended"
            )));
            break;
        }
    }
    done.store(true, Ordering::SeqCst);
    lock(&session).finish();
    say(lock(&session).take_warnings());
    if let Some(ending) = ending {
        let _ = lock(&child).kill();
        let _ = lock(&child).wait();
        return ending;
    }
    // The server closed its stdout: it is exiting.
    let status = wait_briefly(&child);
    let Some(status) = status else {
        let _ = lock(&child).kill();
        let _ = lock(&child).wait();
        return Ending::Failed(format!(
            "server `{shown}` closed its output but did not exit; it was killed"
        ));
    };
    match status.code() {
        Some(code) if code == 0 || client_closed.load(Ordering::SeqCst) => Ending::Exited(code),
        _ => Ending::Failed(format!(
            "server `{shown}` exited on its own{}",
            describe(Some(status))
        )),
    }
}

fn describe(status: Option<std::process::ExitStatus>) -> String {
    match status {
        None => String::new(),
        Some(s) => match s.code() {
            Some(c) => format!(" with status {c}"),
            None => signal_of(s).map_or_else(
                || " abnormally".to_string(),
                |sig| format!(" (killed by signal {sig})"),
            ),
        },
    }
}

#[cfg(unix)]
fn signal_of(status: std::process::ExitStatus) -> Option<i32> {
    std::os::unix::process::ExitStatusExt::signal(&status)
}

#[cfg(not(unix))]
fn signal_of(_: std::process::ExitStatus) -> Option<i32> {
    None
}

/// Waits up to [`EXIT_GRACE`] for the server to exit.
fn wait_briefly(child: &Mutex<Child>) -> Option<std::process::ExitStatus> {
    let deadline = Instant::now() + EXIT_GRACE;
    loop {
        if let Ok(Some(status)) = lock(child).try_wait() {
            return Some(status);
        }
        if Instant::now() >= deadline {
            return None;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Copies the client's lines to the server until either side closes.
fn client_to_server(
    input: impl Read,
    mut server_in: impl Write,
    session: &Mutex<Session>,
    output: &Mutex<impl Write>,
    client_closed: &AtomicBool,
) {
    let mut reader = BufReader::with_capacity(64 * 1024, input);
    let mut line = Vec::with_capacity(64 * 1024);
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => {
                // Set before the server's stdin is dropped (closed) on return.
                client_closed.store(true, Ordering::SeqCst);
                return;
            }
            Ok(_) => {}
        }
        let action = lock(session).from_client(&line);
        let sent = match action {
            FromClient::Forward => server_in.write_all(&line).and_then(|()| server_in.flush()),
            FromClient::Replace {
                to_server,
                to_client,
            } => {
                let mut out = lock(output);
                for answer in to_client {
                    let _ = out.write_all(&answer).and_then(|()| out.flush());
                }
                drop(out);
                match to_server {
                    Some(b) => server_in.write_all(&b).and_then(|()| server_in.flush()),
                    None => Ok(()),
                }
            }
        };
        say(lock(session).take_warnings());
        if sent.is_err() {
            // The server closed its stdin; the other side reports how it ended.
            return;
        }
    }
}
