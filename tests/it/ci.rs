//! The CI integrations run as their hosts would run them, on a fixture repository whose MCP
//! client config launches `@fixture/calc` from the loopback registry (1.0.0 honest, 1.1.0
//! poisoned): the GitHub Action's steps (action.yml), the pre-commit hook
//! (.pre-commit-hooks.yaml) and the GitLab CI job (docs/ci/gitlab-ci.yml).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use yaml_rust2::{Yaml, YamlLoader};

use crate::testkit::Kit;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn load(rel: &str) -> Yaml {
    let text = std::fs::read_to_string(root().join(rel)).unwrap();
    YamlLoader::load_from_str(&text).unwrap().remove(0)
}

/// A git repository with an MCP client config and a README, and a PATH whose `mcp-audit` is the
/// binary under test.
struct Repo {
    kit: Kit,
    dir: PathBuf,
    bin_dir: PathBuf,
}

impl Repo {
    fn new() -> Repo {
        let kit = Kit::start();
        let dir = kit.path("work/repo");
        std::fs::create_dir_all(dir.join(".cursor")).unwrap();
        std::fs::write(dir.join("README.md"), "# app\n").unwrap();
        let bin_dir = kit.path("bin");
        std::fs::create_dir_all(&bin_dir).unwrap();
        std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_mcp-audit"), bin_dir.join("mcp-audit"))
            .unwrap();
        let repo = Repo { kit, dir, bin_dir };
        repo.set_calc("1.0.0");
        let git = repo.shell("git init -q . && git add README.md .cursor/mcp.json");
        assert!(
            git.status.success(),
            "{}",
            String::from_utf8_lossy(&git.stderr)
        );
        repo
    }

    fn set_calc(&self, version: &str) {
        std::fs::write(
            self.dir.join(".cursor/mcp.json"),
            format!(r#"{{"mcpServers": {{"calc": {{"command": "npx", "args": ["-y", "@fixture/calc@{version}"]}}}}}}"#),
        )
        .unwrap();
    }

    /// bash in the repository with the kit's isolated environment (registries, cache, HOME).
    fn bash(&self, script_file: &Path, args: &[&str], env: &BTreeMap<String, String>) -> Output {
        let probe = self.kit.cmd(&[]);
        let mut cmd = Command::new("bash");
        cmd.args(["--noprofile", "--norc", "-eo", "pipefail"])
            .arg(script_file)
            .args(args)
            .env_clear();
        for (k, v) in probe.get_envs() {
            if let Some(v) = v {
                cmd.env(k, v);
            }
        }
        let path = format!(
            "{}:{}",
            self.bin_dir.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        cmd.env("PATH", path).envs(env).current_dir(&self.dir);
        cmd.output().unwrap()
    }

    fn shell(&self, script: &str) -> Output {
        let file = self.kit.path("script.sh");
        std::fs::write(&file, script).unwrap();
        self.bash(&file, &[], &BTreeMap::new())
    }
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Replaces each `${{ expression }}` with its value; an unknown expression fails the test.
fn substitute(text: &str, values: &BTreeMap<&str, String>) -> String {
    let re = regex::Regex::new(r"\$\{\{\s*([^}]+?)\s*\}\}").unwrap();
    re.replace_all(text, |c: &regex::Captures<'_>| {
        values
            .get(&c[1])
            .cloned()
            .unwrap_or_else(|| panic!("unknown expression `{}`", &c[1]))
    })
    .into_owned()
}

fn step<'a>(action: &'a Yaml, id: &str) -> &'a Yaml {
    action["runs"]["steps"]
        .as_vec()
        .unwrap()
        .iter()
        .find(|s| s["id"].as_str() == Some(id))
        .unwrap_or_else(|| panic!("no step {id}"))
}

/// Runs one `run:` step of the action with its `env:`, as a composite action runs it.
fn run_step(
    repo: &Repo,
    action: &Yaml,
    id: &str,
    values: &BTreeMap<&str, String>,
    extra: &BTreeMap<String, String>,
) -> Output {
    let step = step(action, id);
    assert_eq!(step["shell"].as_str(), Some("bash"));
    let mut env = extra.clone();
    if let Some(map) = step["env"].as_hash() {
        for (k, v) in map {
            env.insert(
                k.as_str().unwrap().to_string(),
                substitute(v.as_str().unwrap(), values),
            );
        }
    }
    let file = repo.kit.path(&format!("step-{id}.sh"));
    std::fs::write(&file, substitute(step["run"].as_str().unwrap(), values)).unwrap();
    repo.bash(&file, &[], &env)
}

fn outputs(file: &Path) -> BTreeMap<String, String> {
    std::fs::read_to_string(file)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn github_action_audits_uploads_sarif_and_fails_on_block() {
    let repo = Repo::new();
    let action = load("action.yml");
    assert!(action["inputs"]["lockfile"]["required"].as_bool().unwrap());
    let upload = step(&action, "upload");
    assert_eq!(
        upload["uses"].as_str(),
        Some("github/codeql-action/upload-sarif@v3")
    );
    assert_eq!(
        upload["with"]["sarif_file"].as_str(),
        Some("${{ steps.audit.outputs.sarif }}")
    );
    // The install step is valid bash (running it builds a release binary: minutes).
    let install = repo.kit.path("install.sh");
    std::fs::write(&install, step(&action, "install")["run"].as_str().unwrap()).unwrap();
    let syntax = Command::new("bash")
        .arg("-n")
        .arg(&install)
        .output()
        .unwrap();
    assert!(syntax.status.success(), "{}", text(&syntax));

    let temp = repo.kit.path("runner-temp");
    std::fs::create_dir_all(&temp).unwrap();
    for (version, expected) in [("1.0.0", "0"), ("1.1.0", "1")] {
        repo.set_calc(version);
        let github_output = repo.kit.path(&format!("github-output-{version}"));
        let mut values: BTreeMap<&str, String> = BTreeMap::from([
            ("inputs.lockfile", ".cursor/mcp.json".to_string()),
            ("inputs.policy", String::new()),
            ("runner.temp", temp.display().to_string()),
            ("github.action_path", root().display().to_string()),
        ]);
        let extra = BTreeMap::from([
            (
                "GITHUB_OUTPUT".to_string(),
                github_output.display().to_string(),
            ),
            (
                "MCP_AUDIT_BIN".to_string(),
                env!("CARGO_BIN_EXE_mcp-audit").to_string(),
            ),
        ]);
        let out = run_step(&repo, &action, "audit", &values, &extra);
        assert!(
            out.status.success(),
            "the audit step itself must not fail: {}",
            text(&out)
        );
        let got = outputs(&github_output);
        assert_eq!(got["exit-code"], expected, "{}", text(&out));
        let sarif_path = Path::new(&got["sarif"]).join("mcp-audit-.cursor_mcp.json.sarif");
        let sarif: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&sarif_path).unwrap()).unwrap();
        assert_eq!(sarif["version"], "2.1.0");
        let results = sarif["runs"][0]["results"].as_array().unwrap();
        let blocking = results.iter().any(|r| r["level"] == "error");
        assert_eq!(blocking, version == "1.1.0", "{sarif:#}");
        values.insert("steps.audit.outputs.exit-code", got["exit-code"].clone());
        let verdict = run_step(&repo, &action, "verdict", &values, &BTreeMap::new());
        assert_eq!(
            verdict.status.code(),
            Some(expected.parse().unwrap()),
            "{}",
            text(&verdict)
        );
        if version == "1.1.0" {
            assert!(
                text(&verdict).contains("::error::mcp-audit blocked"),
                "{}",
                text(&verdict)
            );
        }
    }
}

#[test]
fn pre_commit_hook_audits_the_changed_client_config() {
    let repo = Repo::new();
    let hooks = load(".pre-commit-hooks.yaml");
    let hook = &hooks[0];
    assert_eq!(hook["id"].as_str(), Some("mcp-audit"));
    assert_eq!(hook["language"].as_str(), Some("script"));
    let files = regex::Regex::new(hook["files"].as_str().unwrap()).unwrap();
    for (name, expected) in [
        (".cursor/mcp.json", true),
        ("claude_desktop_config.json", true),
        ("frontend/package-lock.json", true),
        ("requirements-dev.txt", true),
        ("uv.lock", true),
        ("README.md", false),
        ("src/mcp.json.bak", false),
        ("package.json", false),
    ] {
        assert_eq!(files.is_match(name), expected, "{name}");
    }
    let entry = root().join(hook["entry"].as_str().unwrap());
    // As pre-commit runs it: the staged files that match, as arguments, from the repository root.
    let staged = |repo: &Repo| -> Vec<String> {
        let out = repo.shell("git diff --cached --name-only");
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter(|f| files.is_match(f))
            .map(str::to_string)
            .collect()
    };
    let changed = staged(&repo);
    assert_eq!(changed, [".cursor/mcp.json"]);
    let args: Vec<&str> = changed.iter().map(String::as_str).collect();
    let out = repo.bash(&entry, &args, &BTreeMap::new());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("allow"), "{}", text(&out));
    repo.set_calc("1.1.0");
    assert!(repo.shell("git add .cursor/mcp.json").status.success());
    let out = repo.bash(&entry, &args, &BTreeMap::new());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("block"), "{}", text(&out));
    // No file: nothing to audit.
    let out = repo.bash(&entry, &[], &BTreeMap::new());
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn gitlab_job_fails_on_block_and_keeps_its_reports() {
    let repo = Repo::new();
    let ci = load("docs/ci/gitlab-ci.yml");
    let job = &ci["mcp-audit"];
    let lines = |key: &str| -> Vec<String> {
        job[key]
            .as_vec()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap().to_string())
            .collect()
    };
    let mut script = lines("before_script");
    script.extend(lines("script"));
    let file = repo.kit.path("gitlab-job.sh");
    std::fs::write(&file, script.join("\n")).unwrap();
    let mut env: BTreeMap<String, String> = job["variables"]
        .as_hash()
        .unwrap()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().unwrap().to_string(),
                v.as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    env.insert("MCP_AUDIT_LOCKFILE".into(), ".cursor/mcp.json".into());
    env.insert(
        "MCP_AUDIT_CACHE_DIR".into(),
        repo.kit.path("cache").display().to_string(),
    );
    for (version, expected) in [("1.0.0", 0), ("1.1.0", 1)] {
        repo.set_calc(version);
        let out = repo.bash(&file, &[], &env);
        assert_eq!(out.status.code(), Some(expected), "{}", text(&out));
        for artifact in job["artifacts"]["paths"].as_vec().unwrap() {
            let path = repo.dir.join(artifact.as_str().unwrap());
            assert!(path.is_file(), "{} missing", path.display());
        }
        let md = std::fs::read_to_string(repo.dir.join("gl-mcp-audit.md")).unwrap();
        assert!(
            md.contains(if expected == 1 { "block" } else { "allow" }),
            "{md}"
        );
    }
}
