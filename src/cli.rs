//! Command-line types (clap derive). No logic lives here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const ENV_HELP: &str = "\
Environment:
  MCP_AUDIT_NPM_REGISTRY   npm registry base URL (else npm_config_registry, else the public registry)
  MCP_AUDIT_PYPI_URL       PyPI base URL; the JSON API is {base}/pypi/{name}/json
  MCP_AUDIT_CRATES_INDEX   crates.io sparse-index root (downloads from its config.json `dl`)
  MCP_AUDIT_GITHUB_API     GitHub API base (else GITHUB_API_URL); token from GITHUB_TOKEN or GH_TOKEN
  MCP_AUDIT_CACHE_DIR      download cache directory
  MCP_AUDIT_HOME           installed servers, the default mcp-audit.lock, and the guard's pins/ and
                           logs/ (default ~/.mcp-audit)
  MCP_AUDIT_COOL_DOWN_DAYS days a new version is warned about (default 3; 0 turns it off)
  NO_COLOR                 disable colour in human output
  RUST_LOG                 log filter (logs go to stderr)

Exit codes:
  0  every target allowed (or warned)
  1  at least one target blocked
  2  at least one target could not be audited, or bad usage";

/// Audit MCP servers before you install them.
///
/// mcp-audit downloads a package into a sandbox directory without running any of it, extracts
/// the tools it declares, analyzes their descriptions and the package's code, scores the risk,
/// and allows, warns or blocks.
///
/// Targets: npm:NAME[@VERSION|@RANGE|@TAG], pypi:NAME[==VERSION], crates:NAME[@VERSION],
/// github:OWNER/REPO[@TAG][#ASSET-GLOB], a bare npm name (@scope/name[@v] or name[@v]), or a
/// local archive (.tgz .tar.gz .whl .zip .crate .mcpb .dxt) or directory.
#[derive(Debug, Parser)]
#[command(name = "mcp-audit", version, after_long_help = ENV_HELP, max_term_width = 100)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
    /// Options shared by every command.
    #[command(flatten)]
    pub global: GlobalArgs,
}

/// Options shared by every command.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Output format of the report.
    #[arg(long, global = true, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Write the report to FILE (atomically) instead of standard output.
    #[arg(long, short = 'o', global = true, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Policy file (default: ./mcp-audit.toml, then the user config directory).
    #[arg(long, global = true, value_name = "FILE")]
    pub policy: Option<PathBuf>,
    /// Use only the download cache; never ask a registry.
    #[arg(long, global = true)]
    pub offline: bool,
    /// Download cache directory.
    #[arg(long, global = true, value_name = "DIR", env = "MCP_AUDIT_CACHE_DIR")]
    pub cache_dir: Option<PathBuf>,
    /// More logging on stderr (-v info, -vv debug, -vvv trace); RUST_LOG overrides.
    #[arg(long, short = 'v', global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Only errors on stderr; no progress bars.
    #[arg(long, short = 'q', global = true)]
    pub quiet: bool,
}

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Text for a terminal.
    Human,
    /// The JSON report (schema_version 1).
    Json,
    /// SARIF 2.1.0 for code scanning.
    Sarif,
    /// Markdown for pull-request comments.
    Markdown,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Audit packages (or every package of a lockfile or MCP client config) without installing.
    Audit(AuditArgs),
    /// List the tools a package declares, found statically without running it (with
    /// --dynamic, also the tools it lists when started in a sandbox).
    Tools(ToolsArgs),
    /// Audit a tools/list result ({"tools":[…]} or a bare array) from FILE or - for stdin.
    ScanTools(ScanToolsArgs),
    /// Audit, then install exactly the audited bytes and pin them in mcp-audit.lock.
    Install(InstallArgs),
    /// Re-hash installed servers against mcp-audit.lock; optionally audit newer versions.
    Verify(VerifyArgs),
    /// Compare two versions of a package: tools, findings, capabilities, install scripts.
    Diff(DiffArgs),
    /// Compute a package's trust score, optionally publishing it (signed) as a static site.
    #[command(after_long_help = SCORE_HELP)]
    Score(ScoreArgs),
    /// Manage signing keys (`key generate`).
    #[command(subcommand)]
    Key(KeyCommand),
    /// Check a signed score: signature, subject digest, and with --reaudit the predicate.
    #[command(after_long_help = VERIFY_SCORE_HELP)]
    VerifyScore(VerifyScoreArgs),
    /// List every rule: id, category, default severity, description.
    Rules,
    /// Run an MCP stdio server behind the guard: pinned tools only, every call logged.
    #[command(after_long_help = RUN_HELP)]
    Run(RunArgs),
    /// List the guard's pins; accept a withheld change or reset a server's pins.
    Pins(PinsArgs),
    /// Show the guard's action log (tool calls and surface changes).
    Log(LogArgs),
}

const RUN_HELP: &str = "\
The guard sits between an MCP client and a stdio server: it starts COMMAND, relays
newline-delimited JSON-RPC both ways unchanged, and forwards the server's stderr.

Pins: every tools/list, prompts/list and resources/list answer is compared with the pinned
surface: the mcp-audit.lock entry of the installed server (matched by --server: its client
entry name or package name), else $MCP_AUDIT_HOME/pins/<server>.json, where the first answer
is pinned (trust on first use). A tool whose description, schema or annotations changed, or a
new tool, is withheld (default), logged with a diff and checked by the description rules.
Accept it with `mcp-audit pins --server NAME --accept TOOL`.

Log: one JSON line per tool call in $MCP_AUDIT_HOME/logs/<server>.jsonl (argument names,
types and sizes; values only with --log-args); see `mcp-audit log`.

Exit codes:
  the server's  when the client closes the connection (or the server exits with 0)
  1             a change under --on-change stop
  2             the server crashed, exited on its own with a failure, wrote something that
                is not JSON-RPC on stdout, or could not be started; bad usage

Example (a client config entry):
  \"command\": \"mcp-audit\", \"args\": [\"run\", \"--server\", \"files\", \"--\", \"npx\", \"-y\", \"@modelcontextprotocol/server-filesystem\", \"/home/me/notes\"]";

/// What the guard does when a listed tool, prompt or resource differs from its pin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OnChangeArg {
    /// Forward it anyway; the change is logged.
    Allow,
    /// Leave it out of the answer and refuse calls to it; the change is logged.
    Withhold,
    /// End the session with exit code 1.
    Stop,
}

/// `run`
#[derive(Debug, Args)]
pub struct RunArgs {
    /// The server's name: its pins, its log, and the mcp-audit.lock entry whose tool pins apply
    /// (a client entry name or package name). Default: the lock entry that runs COMMAND, else
    /// COMMAND's file name.
    #[arg(long, value_name = "NAME")]
    pub server: Option<String>,
    /// What to do when a tool, prompt or resource differs from its pin (or is new).
    #[arg(long, value_enum, value_name = "ACTION", default_value_t = OnChangeArg::Withhold)]
    pub on_change: OnChangeArg,
    /// Keep argument values in the action log (default: names, types and sizes only).
    #[arg(long)]
    pub log_args: bool,
    /// Lockfile whose pins apply (default: $MCP_AUDIT_HOME/mcp-audit.lock).
    #[arg(long, value_name = "FILE")]
    pub lockfile: Option<PathBuf>,
    /// The server command and its arguments, after `--`.
    #[arg(last = true, required = true, value_name = "COMMAND")]
    pub command: Vec<std::ffi::OsString>,
}

/// `pins`
#[derive(Debug, Args)]
pub struct PinsArgs {
    /// The server (default: every server with pins).
    #[arg(long, value_name = "NAME")]
    pub server: Option<String>,
    /// Pin the withheld new definition of TOOL (or prompt, or resource URI).
    #[arg(
        long,
        value_name = "TOOL",
        requires = "server",
        conflicts_with = "reset"
    )]
    pub accept: Option<String>,
    /// Forget the server's pins file: the next run pins what it sees (lockfile pins stay).
    #[arg(long, requires = "server")]
    pub reset: bool,
    /// Lockfile whose pins are shown (default: $MCP_AUDIT_HOME/mcp-audit.lock).
    #[arg(long, value_name = "FILE")]
    pub lockfile: Option<PathBuf>,
}

/// `log`
#[derive(Debug, Args)]
pub struct LogArgs {
    /// The server (default: every server).
    #[arg(long, value_name = "NAME")]
    pub server: Option<String>,
    /// Only records at or after: an RFC 3339 time, a date (2026-12-05), or an age (30s, 15m,
    /// 2h, 7d).
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,
}

/// `audit`
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Packages to audit (see `mcp-audit --help` for target forms).
    #[arg(value_name = "TARGET", required_unless_present = "lockfile")]
    pub targets: Vec<String>,
    /// Audit every package of a lockfile (package-lock.json, pnpm-lock.yaml, yarn.lock,
    /// requirements.txt, poetry.lock, uv.lock, Cargo.lock) or MCP client config.
    #[arg(long, value_name = "FILE", conflicts_with = "targets")]
    pub lockfile: Option<PathBuf>,
    /// PyPI: which file to audit: `wheel`, `sdist`, or an exact file name.
    #[arg(long, value_name = "KIND|FILENAME")]
    pub artifact: Option<String>,
    /// Also audit the dependency tree the package manager would install with each target
    /// (npm: resolved with `npm install --package-lock-only --ignore-scripts`; PyPI wheels:
    /// `pip install --dry-run --report --only-binary=:all:`). Nothing is installed or run.
    /// Each dependency is reported with its path from the target.
    #[arg(long, conflicts_with = "lockfile")]
    pub deps: bool,
    /// Dynamic check options.
    #[command(flatten)]
    pub dynamic: DynamicArgs,
}

/// `--dynamic` and its options (`audit`, `tools`).
#[derive(Debug, Args)]
pub struct DynamicArgs {
    /// After the static audit allows or warns, also start the server in a sandbox (bubblewrap:
    /// no network, decoy credentials, no host environment, resource limits), list its tools
    /// over MCP and compare them with the static ones; with `audit --deps`, a blocked dependency
    /// also keeps it from starting. Needs `bwrap`, `strace` and `prlimit`
    /// (apt-get install bubblewrap strace). Not with --lockfile. See docs/dynamic.md.
    #[arg(long)]
    pub dynamic: bool,
    /// With --dynamic: start a package even if the static audit blocked it. It still runs in
    /// the sandbox, but it is a package judged dangerous: a flaw in the kernel or bubblewrap
    /// would expose this machine. For research only.
    #[arg(long, requires = "dynamic")]
    pub force_dynamic: bool,
    /// With --dynamic: wall-clock limit of the run, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 20, requires = "dynamic",
          value_parser = clap::value_parser!(u64).range(1..=600))]
    pub dynamic_timeout: u64,
    /// With --dynamic: an argument for the server, appended to its command (repeat for
    /// several; e.g. `--server-arg stdio`). Its working directory in the sandbox is
    /// `/workspace`.
    #[arg(
        long,
        value_name = "ARG",
        requires = "dynamic",
        allow_hyphen_values = true
    )]
    pub server_arg: Vec<String>,
}

/// `tools`
#[derive(Debug, Args)]
pub struct ToolsArgs {
    /// The package.
    #[arg(value_name = "TARGET")]
    pub target: String,
    /// Dynamic check options.
    #[command(flatten)]
    pub dynamic: DynamicArgs,
}

/// `scan-tools`
#[derive(Debug, Args)]
pub struct ScanToolsArgs {
    /// tools/list results as JSON, one file per server; `-` reads standard input. Several
    /// files are the servers one client runs together: chains across them are `toxic-flow`
    /// findings.
    #[arg(value_name = "FILE|-", required = true, num_args = 1..)]
    pub files: Vec<PathBuf>,
}

/// `install`
#[derive(Debug, Args)]
pub struct InstallArgs {
    /// The package to install.
    #[arg(value_name = "SPEC")]
    pub spec: String,
    /// Install a package that warns without asking.
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Do not audit the dependency tree first (the packages the package manager adds are then
    /// recorded in the lockfile as unaudited). By default npm and PyPI wheel installs audit
    /// every dependency and install nothing if one blocks.
    #[arg(long)]
    pub no_deps: bool,
    /// Audit and show what would be installed; change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Install a blocked package anyway; the reason is recorded in the lockfile.
    #[arg(long, value_name = "REASON")]
    pub accept_risk: Option<String>,
    /// Register the server with an MCP client.
    #[arg(long, value_enum)]
    pub client: Option<ClientKind>,
    /// The client's config file (default: the client's usual location).
    #[arg(long, value_name = "PATH", requires = "client")]
    pub client_config: Option<PathBuf>,
    /// Lockfile to record the pin in (default: $MCP_AUDIT_HOME/mcp-audit.lock).
    #[arg(long, value_name = "FILE")]
    pub lockfile: Option<PathBuf>,
    /// PyPI: which file to install: `wheel`, `sdist`, or an exact file name.
    #[arg(long, value_name = "KIND|FILENAME")]
    pub artifact: Option<String>,
    /// Register the client entry behind the guard: `mcp-audit run --server NAME -- COMMAND…`
    /// (pinned tools only, every call logged; see `mcp-audit run --help`). Needs --client.
    #[arg(long, requires = "client")]
    pub guard: bool,
    /// Arguments for the server, appended to its command in the client entry (after `--`).
    #[arg(last = true, value_name = "SERVER_ARGS")]
    pub server_args: Vec<String>,
}

/// MCP clients whose config files `install` can edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ClientKind {
    /// Claude Desktop (`claude_desktop_config.json`, `mcpServers`).
    ClaudeDesktop,
    /// Claude Code (`.mcp.json` / `~/.claude.json`, `mcpServers`).
    ClaudeCode,
    /// Cursor (`~/.cursor/mcp.json`, `mcpServers`).
    Cursor,
    /// VS Code (`mcp.json`, `servers`).
    Vscode,
    /// Windsurf (`~/.codeium/windsurf/mcp_config.json`, `mcpServers`).
    Windsurf,
}

/// `verify`
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Resolve newer versions, audit them and report what changed.
    #[arg(long)]
    pub check_updates: bool,
    /// Lockfile to verify (default: $MCP_AUDIT_HOME/mcp-audit.lock).
    #[arg(long, value_name = "FILE")]
    pub lockfile: Option<PathBuf>,
}

/// `diff`
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The old version (any target form).
    #[arg(value_name = "OLD")]
    pub old: String,
    /// The new version (any target form).
    #[arg(value_name = "NEW")]
    pub new: String,
}

/// `score`
#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// The package (or use --lockfile / --list for many).
    #[arg(value_name = "SPEC", required_unless_present_any = ["lockfile", "list"], conflicts_with_all = ["lockfile", "list"])]
    pub spec: Option<String>,
    /// Score every registry package of a lockfile or MCP client config.
    #[arg(long, value_name = "FILE", conflicts_with = "list")]
    pub lockfile: Option<PathBuf>,
    /// Score every target listed in FILE (one per line; `#` starts a comment).
    #[arg(long, value_name = "FILE")]
    pub list: Option<PathBuf>,
    /// Publish into DIR: score documents, signed attestations, badges and a static site.
    #[arg(long, value_name = "DIR")]
    pub publish: Option<PathBuf>,
    /// Sign each score with this Ed25519 private key (PKCS#8 PEM, from `key generate`).
    #[arg(long, value_name = "KEY", requires = "publish")]
    pub sign: Option<PathBuf>,
}

const SCORE_HELP: &str = "\
With --publish DIR, DIR becomes a static site (written to a temporary directory, then renamed
into place; an earlier site in DIR is replaced, any other non-empty DIR is refused):
  index.html, index.json          the table of every package scored
  NAME.html, NAME.svg             a page and a badge per package
  NAME.score.json(.sha256)        the reproducible score document and its digest
  NAME.intoto.json, publisher.pub with --sign: the DSSE envelope (in-toto statement) and the
                                  public key
The day of the audit is today (UTC), or that of SOURCE_DATE_EPOCH when set.

Exit codes: 0 every package allowed or warned, 1 one blocked, 2 one not audited or bad usage.";

/// `key`
#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Write a new Ed25519 key pair, mcp-audit.key (PKCS#8 PEM, private) and mcp-audit.pub
    /// (PKIX PEM), into --output DIR (default: the working directory). Never replaces a key.
    Generate(KeyGenerateArgs),
}

/// `key generate`: the global `--output DIR` names the directory to write into (default: the
/// working directory).
#[derive(Debug, Args)]
pub struct KeyGenerateArgs {}

/// `verify-score`
#[derive(Debug, Args)]
pub struct VerifyScoreArgs {
    /// The DSSE envelope (`NAME.intoto.json`).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The publisher's Ed25519 public key (PEM).
    #[arg(long, value_name = "PUB")]
    pub key: PathBuf,
    /// The artifact to check the subject digest against (default: fetched from its registry by
    /// the name and version the statement names).
    #[arg(long, value_name = "FILE")]
    pub artifact: Option<PathBuf>,
    /// Audit the artifact again and compare the score document byte for byte.
    #[arg(long)]
    pub reaudit: bool,
}

const VERIFY_SCORE_HELP: &str = "\
Checks, and reports, each part of a signed score:
  signature  the DSSE signature over the statement verifies with --key
  subject    the statement's subject (package URL, sha256) is the predicate's package and the
             sha256 of the real artifact (--artifact, else downloaded through the cache)
  predicate  with --reaudit: a fresh audit gives the same score document, byte for byte
             (needs the same mcp-audit version and policy)

Exit codes: 0 valid, 1 a part is invalid (named on stderr), 2 could not check (unreadable
file or key, artifact not obtainable).";
