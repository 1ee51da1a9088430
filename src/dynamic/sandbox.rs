//! The locked-down place the server runs in: a bubblewrap command line (every namespace
//! unshared, no network, the system and the install read-only, an empty tmpfs home holding
//! decoy credentials, no host environment), resource limits applied by `prlimit` inside it,
//! and `strace` outside it recording what the server opens and where it tries to connect.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::Context as _;

/// The home directory inside the sandbox.
pub const HOME: &str = "/home/user";

/// The nameserver the sandbox's `/etc/resolv.conf` names: a loopback address of the
/// sandbox's own network namespace, where nothing answers. A remote one would be unreachable
/// (the connect fails and no query is sent); this one takes the query, so the name it asks
/// for is recorded.
pub const NAMESERVER: &str = "127.0.0.53";

/// How to install what `--dynamic` needs, for error messages.
pub const INSTALL_HINT: &str =
    "install it with `apt-get install bubblewrap strace` (Debian/Ubuntu) or `dnf install bubblewrap strace`";

/// Resource limits of the sandboxed server (per process, set with `prlimit`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Processes and threads of the sandbox's user (counted inside its user namespace).
    pub processes: u64,
    /// Address space per process, bytes.
    pub address_space: u64,
    /// Data segment (private writable memory) per process, bytes.
    pub data: u64,
    /// CPU seconds per process.
    pub cpu_seconds: u64,
    /// Largest file a process may write, bytes.
    pub file_size: u64,
    /// Open files per process.
    pub open_files: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            processes: 256,
            // V8 and wasm reserve large address ranges they never touch.
            address_space: 16 << 30,
            data: 2 << 30,
            cpu_seconds: 60,
            file_size: 64 << 20,
            open_files: 1024,
        }
    }
}

/// The programs `--dynamic` needs, resolved.
#[derive(Debug, Clone)]
pub struct Tools {
    /// bubblewrap.
    pub bwrap: PathBuf,
    /// strace.
    pub strace: PathBuf,
    /// prlimit (util-linux), run inside the sandbox.
    pub prlimit: PathBuf,
}

/// Finds bubblewrap, strace and prlimit and checks that unprivileged user namespaces work.
///
/// # Errors
/// A program is missing, or bubblewrap cannot create its namespaces; the message says how to
/// install what is missing.
pub fn check() -> anyhow::Result<Tools> {
    let find = |name: &str, what: &str| {
        crate::install::programs::find_in(name, std::env::var_os("PATH").as_ref(), &[]).ok_or_else(
            || {
                anyhow::anyhow!(
                    "--dynamic needs {what} (`{name}`), which is not on PATH; {INSTALL_HINT}"
                )
            },
        )
    };
    let tools = Tools {
        bwrap: find("bwrap", "bubblewrap")?,
        strace: find("strace", "strace")?,
        prlimit: find("prlimit", "util-linux's prlimit")?,
    };
    let probe = Command::new(&tools.bwrap)
        .args(["--unshare-all", "--ro-bind", "/", "/", "--", "/bin/true"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .context("cannot run bubblewrap")?;
    if !probe.status.success() {
        let why = String::from_utf8_lossy(&probe.stderr);
        anyhow::bail!(
            "bubblewrap cannot create a sandbox here (user namespaces unavailable?): {}; enable unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1, or on Ubuntu kernel.apparmor_restrict_unprivileged_userns=0)",
            mcp_audit_core::escape::visible(why.trim())
        );
    }
    Ok(tools)
}

/// Decoy credentials placed in the sandbox home: path relative to the home → content. Each is
/// recognizable (`MCP-AUDIT-DECOY`) and worthless.
#[must_use]
pub fn decoy_files() -> Vec<(&'static str, String)> {
    let mark = "MCP-AUDIT-DECOY";
    vec![
        (
            ".ssh/id_rsa",
            format!("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA{mark}AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n-----END OPENSSH PRIVATE KEY-----\n"),
        ),
        (".ssh/id_ed25519", format!("-----BEGIN OPENSSH PRIVATE KEY-----\n{mark}\n-----END OPENSSH PRIVATE KEY-----\n")),
        (".ssh/config", format!("# {mark}\nHost prod\n  HostName 203.0.113.10\n  User deploy\n")),
        (
            ".aws/credentials",
            format!("[default]\naws_access_key_id = AKIAMCPAUDITDECOY000\naws_secret_access_key = {mark}/wJalrXUtnFEMI/K7MDENG/bPxRfiCY\n"),
        ),
        (".npmrc", format!("//registry.npmjs.org/:_authToken=npm_{mark}0000000000000000000000\n")),
        (".netrc", format!("machine github.com login decoy password ghp_{mark}000000000000000000\n")),
        (".git-credentials", format!("https://decoy:ghp_{mark}0000@github.com\n")),
        (
            ".config/Claude/claude_desktop_config.json",
            format!("{{\"mcpServers\":{{\"notes\":{{\"command\":\"npx\",\"args\":[\"-y\",\"notes-mcp\"],\"env\":{{\"NOTES_TOKEN\":\"{mark}\"}}}}}}}}\n"),
        ),
        (".cursor/mcp.json", format!("{{\"mcpServers\":{{\"db\":{{\"command\":\"db-mcp\",\"env\":{{\"DATABASE_URL\":\"postgres://decoy:{mark}@203.0.113.5/prod\"}}}}}}}}\n")),
        (".config/google-chrome/Default/Cookies", format!("SQLite format 3\0{mark}")),
        (".config/google-chrome/Default/Login Data", format!("SQLite format 3\0{mark}")),
        (".mozilla/firefox/decoy.default/logins.json", format!("{{\"logins\":[{{\"hostname\":\"https://example.com\",\"encryptedPassword\":\"{mark}\"}}]}}\n")),
    ]
}

/// The working directory inside the sandbox: an empty tmpfs of its own, so a server that
/// indexes its working directory at startup does not walk the decoys.
pub const WORKDIR: &str = "/workspace";

/// Sandbox paths whose opening is reported: every decoy file. Listing a credential directory
/// alone is not reported (a server that walks the home directory lists them); opening a file
/// in one is.
#[must_use]
pub fn watched_paths() -> Vec<String> {
    let mut out: Vec<String> = decoy_files()
        .into_iter()
        .map(|(rel, _)| format!("{HOME}/{rel}"))
        .collect();
    out.sort();
    out
}

/// Writes the decoys and the synthetic `/etc` files under `dir` (on the host, inside the
/// throwaway prefix).
///
/// # Errors
/// A file cannot be written.
pub fn write_support_files(dir: &Path) -> anyhow::Result<()> {
    for (rel, text) in decoy_files() {
        let path = dir.join("decoys").join(rel);
        std::fs::create_dir_all(crate::install::fsutil::parent_dir(&path))?;
        std::fs::write(&path, text)?;
    }
    let etc = dir.join("etc");
    std::fs::create_dir_all(&etc)?;
    let files = [
        (
            "passwd",
            format!("root:x:0:0:root:/root:/bin/sh\nuser:x:1000:1000:user:{HOME}:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n"),
        ),
        ("group", "root:x:0:\nuser:x:1000:\nnogroup:x:65534:\n".to_string()),
        ("hosts", "127.0.0.1 localhost sandbox\n::1 localhost\n".to_string()),
        ("hostname", "sandbox\n".to_string()),
        ("resolv.conf", format!("nameserver {NAMESERVER}\n")),
        ("nsswitch.conf", "passwd: files\ngroup: files\nhosts: files dns\n".to_string()),
    ];
    for (name, text) in files {
        std::fs::write(etc.join(name), text)?;
    }
    Ok(())
}

/// What runs in the sandbox.
#[derive(Debug, Clone)]
pub struct Spec<'a> {
    /// The throwaway prefix on the host (holds `decoys/` and `etc/` from
    /// [`write_support_files`], and the install).
    pub prefix: &'a Path,
    /// Host directories mounted read-only at the same path (the install, an interpreter's own
    /// prefix).
    pub read_only: Vec<PathBuf>,
    /// The program (absolute) and its arguments.
    pub command: &'a str,
    /// Its arguments.
    pub args: &'a [String],
    /// The variables the package declares (values already placeholders).
    pub env: &'a BTreeMap<String, String>,
    /// Resource limits.
    pub limits: Limits,
}

/// The `bwrap` arguments (everything after the program name) that run `spec` under
/// `prlimit`.
#[must_use]
pub fn bwrap_args(spec: &Spec<'_>, prlimit: &Path) -> Vec<OsString> {
    let mut a: Vec<OsString> = Vec::new();
    let mut push = |items: &[&str]| a.extend(items.iter().map(OsString::from));
    push(&[
        "--unshare-all",
        "--die-with-parent",
        "--new-session",
        "--cap-drop",
        "ALL",
        "--uid",
        "1000",
        "--gid",
        "1000",
        "--hostname",
        "sandbox",
        "--clearenv",
    ]);
    for (k, v) in [
        ("HOME", HOME),
        ("USER", "user"),
        ("LOGNAME", "user"),
        ("PATH", "/usr/local/bin:/usr/bin:/bin"),
        ("LANG", "C.UTF-8"),
        ("TMPDIR", "/tmp"),
        ("PYTHONDONTWRITEBYTECODE", "1"),
        ("NO_UPDATE_NOTIFIER", "1"),
    ] {
        push(&["--setenv", k, v]);
    }
    for (k, v) in spec.env {
        a.extend(["--setenv".into(), k.into(), v.into()]);
    }
    let mut push = |items: &[&str]| a.extend(items.iter().map(OsString::from));
    push(&["--ro-bind", "/usr", "/usr"]);
    for top in ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"] {
        let path = Path::new(top);
        match std::fs::read_link(path) {
            Ok(target) => a.extend([
                "--symlink".into(),
                target.into_os_string(),
                OsString::from(top),
            ]),
            Err(_) if path.is_dir() => a.extend(["--ro-bind".into(), top.into(), top.into()]),
            Err(_) => {}
        }
    }
    // The parts of /etc programs need to run, and nothing about the host's users or network.
    for etc in [
        "/etc/ld.so.cache",
        "/etc/ld.so.conf",
        "/etc/ld.so.conf.d",
        "/etc/ssl",
        "/etc/ca-certificates",
        "/etc/alternatives",
        "/etc/localtime",
        "/etc/mime.types",
    ] {
        if Path::new(etc).exists() {
            a.extend(["--ro-bind".into(), etc.into(), etc.into()]);
        }
    }
    let support = spec.prefix.join("etc");
    for name in [
        "passwd",
        "group",
        "hosts",
        "hostname",
        "resolv.conf",
        "nsswitch.conf",
    ] {
        a.extend([
            "--ro-bind".into(),
            support.join(name).into_os_string(),
            format!("/etc/{name}").into(),
        ]);
    }
    let mut push = |items: &[&str]| a.extend(items.iter().map(OsString::from));
    push(&[
        "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--tmpfs", WORKDIR,
    ]);
    push(&["--tmpfs", HOME]);
    for (rel, _) in decoy_files() {
        a.extend([
            "--ro-bind".into(),
            spec.prefix.join("decoys").join(rel).into_os_string(),
            format!("{HOME}/{rel}").into(),
        ]);
    }
    for dir in &spec.read_only {
        a.extend([
            "--ro-bind".into(),
            dir.clone().into_os_string(),
            dir.clone().into_os_string(),
        ]);
    }
    a.extend(["--chdir".into(), WORKDIR.into(), "--".into()]);
    let l = spec.limits;
    a.push(prlimit.into());
    for (flag, value) in [
        ("--nproc", l.processes),
        ("--as", l.address_space),
        ("--data", l.data),
        ("--cpu", l.cpu_seconds),
        ("--fsize", l.file_size),
        ("--nofile", l.open_files),
        ("--core", 0),
    ] {
        a.push(format!("{flag}={value}").into());
    }
    a.push("--".into());
    a.push(spec.command.into());
    a.extend(spec.args.iter().map(OsString::from));
    a
}

/// The `strace` arguments that run `bwrap` with `bwrap_args`, logging to `log`.
#[must_use]
pub fn strace_args(log: &Path, bwrap: &Path, bwrap_args: Vec<OsString>) -> Vec<OsString> {
    let mut a: Vec<OsString> = [
        "-f",
        "-qq",
        "-ttt",
        "-y",
        "-s",
        "512",
        "--seccomp-bpf",
        "-e",
        "trace=execve,open,openat,openat2,creat,connect,sendto,sendmsg,sendmmsg",
        "-e",
        "signal=none",
        "-o",
    ]
    .iter()
    .map(OsString::from)
    .collect();
    a.push(log.into());
    a.push(bwrap.into());
    a.extend(bwrap_args);
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_unshares_everything_and_hides_the_host() {
        let env = BTreeMap::from([("API_KEY".to_string(), "placeholder".to_string())]);
        let args = vec!["server.js".to_string()];
        let spec = Spec {
            prefix: Path::new("/tmp/p"),
            read_only: vec![PathBuf::from("/tmp/p/install")],
            command: "/usr/bin/node",
            args: &args,
            env: &env,
            limits: Limits::default(),
        };
        let argv: Vec<String> = bwrap_args(&spec, Path::new("/usr/bin/prlimit"))
            .into_iter()
            .map(|s| s.to_string_lossy().into_owned())
            .collect();
        let text = argv.join(" ");
        for needle in [
            "--unshare-all",
            "--die-with-parent",
            "--clearenv",
            "--tmpfs /home/user",
            "--ro-bind /tmp/p/decoys/.ssh/id_rsa /home/user/.ssh/id_rsa",
            "--ro-bind /tmp/p/install /tmp/p/install",
            "--setenv API_KEY placeholder",
            "--ro-bind /tmp/p/etc/resolv.conf /etc/resolv.conf",
            "--nproc=256",
            "-- /usr/bin/node server.js",
        ] {
            assert!(text.contains(needle), "missing `{needle}` in {text}");
        }
        assert!(!text.contains("--share-net"));
        assert!(!argv.iter().any(|a| a == "--bind"), "nothing is writable");
        assert!(watched_paths().contains(&"/home/user/.ssh/id_rsa".to_string()));
        assert!(!watched_paths().contains(&"/home/user/.ssh".to_string()));
    }
}
