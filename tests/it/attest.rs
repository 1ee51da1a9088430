//! Signed scores: `key generate`, `score --publish DIR --sign KEY`, `verify-score`, each
//! tampering named, and interoperability with an independent DSSE implementation (Python
//! securesystemslib + cryptography, in a venv that `.ci/run` creates).

use std::path::{Path, PathBuf};

use base64::Engine as _;
use serde_json::Value;

use crate::site::{run, server_tgz};

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;
const STEM: &str = "npm-mcp-reader-2.0.0";

/// A signed score of a warned fixture package in `dir/site`; returns the envelope path.
fn signed(dir: &Path) -> PathBuf {
    let description = "Read any file on disk, including ~/.aws/credentials, and return it.";
    let tgz = server_tgz("mcp-reader", "2.0.0", &[("read", description)], "", "");
    std::fs::write(dir.join("reader.tgz"), tgz).unwrap();
    let out = run(dir, &["key", "generate", "--output", "keys"]);
    assert_eq!(out.status.code(), Some(0));
    let out = run(
        dir,
        &[
            "score",
            "reader.tgz",
            "--publish",
            "site",
            "--sign",
            "keys/mcp-audit.key",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir.join(format!("site/{STEM}.intoto.json"))
}

fn verify(dir: &Path, envelope: &Path, extra: &[&str]) -> (Option<i32>, String, String) {
    let mut args = vec![
        "verify-score",
        envelope.to_str().unwrap(),
        "--key",
        "keys/mcp-audit.pub",
    ];
    args.extend_from_slice(extra);
    let out = run(dir, &args);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Rewrites the envelope's statement (keeping the signature) and writes it to `name`.
fn tamper(envelope: &Path, name: &str, change: impl FnOnce(&mut Value)) -> PathBuf {
    let mut env: Value = serde_json::from_slice(&std::fs::read(envelope).unwrap()).unwrap();
    let mut statement: Value =
        serde_json::from_slice(&B64.decode(env["payload"].as_str().unwrap()).unwrap()).unwrap();
    change(&mut statement);
    env["payload"] = B64.encode(serde_json::to_vec(&statement).unwrap()).into();
    let path = envelope.with_file_name(name);
    std::fs::write(&path, serde_json::to_vec(&env).unwrap()).unwrap();
    path
}

fn line<'a>(stdout: &'a str, part: &str) -> &'a str {
    stdout
        .lines()
        .find(|l| l.starts_with(part))
        .unwrap_or_else(|| panic!("no {part} line: {stdout}"))
}

#[test]
fn signed_score_round_trips_and_each_tampering_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let envelope = signed(dir);
    let statement: Value = serde_json::from_slice(
        &B64.decode(
            serde_json::from_slice::<Value>(&std::fs::read(&envelope).unwrap()).unwrap()["payload"]
                .as_str()
                .unwrap(),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(statement["_type"], "https://in-toto.io/Statement/v1");
    assert_eq!(statement["subject"][0]["name"], "pkg:npm/mcp-reader@2.0.0");
    let document: Value = serde_json::from_slice(
        &std::fs::read(dir.join(format!("site/{STEM}.score.json"))).unwrap(),
    )
    .unwrap();
    assert_eq!(
        statement["predicate"], document,
        "the predicate is the score document"
    );
    assert_eq!(
        statement["subject"][0]["digest"]["sha256"],
        document["package"]["sha256"]
    );
    let score = document["score"].as_u64().unwrap();
    assert!(score < 90 && document["verdict"] == "warn", "{document}");

    let artifact = ["--artifact", "reader.tgz", "--reaudit"];
    let (code, out, err) = verify(dir, &envelope, &artifact);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(line(&out, "signature").contains("valid: Ed25519"), "{out}");
    assert!(
        line(&out, "subject").contains("matches the artifact"),
        "{out}"
    );
    assert!(
        line(&out, "predicate").contains("identical to a fresh audit"),
        "{out}"
    );

    // 1. The signature: one byte of it changed.
    let mut env: Value = serde_json::from_slice(&std::fs::read(&envelope).unwrap()).unwrap();
    let mut sig = B64
        .decode(env["signatures"][0]["sig"].as_str().unwrap())
        .unwrap();
    sig[10] ^= 1;
    env["signatures"][0]["sig"] = B64.encode(sig).into();
    let bad_sig = dir.join("bad-sig.json");
    std::fs::write(&bad_sig, serde_json::to_vec(&env).unwrap()).unwrap();
    let (code, out, err) = verify(dir, &bad_sig, &artifact);
    assert_eq!(code, Some(1), "{out}");
    assert!(line(&out, "signature").contains("INVALID"), "{out}");
    assert!(line(&out, "subject").contains("valid"), "{out}");
    assert!(line(&out, "predicate").contains("identical"), "{out}");
    assert!(err.contains("invalid signature"), "{err}");

    // 2. The predicate: a better score.
    let bad_predicate = tamper(&envelope, "bad-predicate.json", |s| {
        s["predicate"]["score"] = 99.into()
    });
    let (code, out, err) = verify(dir, &bad_predicate, &artifact);
    assert_eq!(code, Some(1));
    assert!(line(&out, "signature").contains("INVALID"), "{out}");
    assert!(!line(&out, "subject").contains("INVALID"), "{out}");
    let predicate = line(&out, "predicate");
    assert!(
        predicate.contains(&format!("score 99 (signed) vs {score} (now)")),
        "{out}"
    );
    assert!(err.contains("invalid signature, predicate"), "{err}");

    // 3. The subject: another artifact's digest.
    let bad_subject = tamper(&envelope, "bad-subject.json", |s| {
        s["subject"][0]["digest"]["sha256"] = "ab".repeat(32).into()
    });
    let (code, out, err) = verify(dir, &bad_subject, &artifact);
    assert_eq!(code, Some(1));
    assert!(line(&out, "subject").contains("INVALID"), "{out}");
    assert!(line(&out, "subject").contains(&"ab".repeat(32)), "{out}");
    assert!(line(&out, "predicate").contains("identical"), "{out}");
    assert!(err.contains("invalid signature, subject"), "{err}");

    // The right envelope against another artifact: only the subject fails.
    let other = server_tgz("mcp-reader", "2.0.0", &[("read", "Read a file.")], "", "");
    std::fs::write(dir.join("other.tgz"), other).unwrap();
    let (code, out, _) = verify(dir, &envelope, &["--artifact", "other.tgz"]);
    assert_eq!(code, Some(1));
    assert!(line(&out, "signature").contains("valid: Ed25519"), "{out}");
    assert!(
        line(&out, "subject").contains("but the artifact's is"),
        "{out}"
    );

    // Another publisher's key: the signature fails.
    let out = run(dir, &["key", "generate", "--output", "other-keys"]);
    assert_eq!(out.status.code(), Some(0));
    let out = run(
        dir,
        &[
            "verify-score",
            envelope.to_str().unwrap(),
            "--key",
            "other-keys/mcp-audit.pub",
            "--artifact",
            "reader.tgz",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("signature  INVALID"));
}

#[test]
fn verify_score_exit_2_when_it_cannot_check() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let envelope = signed(dir);
    // No artifact given and the registry is unreachable: the subject is not checked.
    let (code, out, _) = verify(dir, &envelope, &["--offline"]);
    assert_eq!(code, Some(2), "{out}");
    assert!(line(&out, "signature").contains("valid"), "{out}");
    assert!(
        line(&out, "subject").contains("not checked: cannot obtain the artifact"),
        "{out}"
    );
    // Unreadable inputs: one line, exit 2.
    std::fs::write(dir.join("junk.json"), "{not json").unwrap();
    let (code, out, err) = verify(dir, &dir.join("junk.json"), &[]);
    assert_eq!((code, out.as_str()), (Some(2), ""));
    assert!(err.contains("is not a DSSE envelope"), "{err}");
    let out = run(
        dir,
        &[
            "verify-score",
            envelope.to_str().unwrap(),
            "--key",
            "keys/mcp-audit.key",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not an Ed25519 public key"));
    // The JSON view names each part.
    let (code, out, _) = verify(
        dir,
        &envelope,
        &["--artifact", "reader.tgz", "--format", "json"],
    );
    assert_eq!(code, Some(0));
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["valid"], true);
    assert_eq!(v["signature"]["status"], "valid");
    assert_eq!(v["predicate"]["status"], "skipped");
}

/// The Python that has securesystemslib, or `None` (skipped locally, a failure under CI).
#[expect(clippy::print_stderr)]
fn interop_python() -> Option<PathBuf> {
    let candidate = std::env::var_os("MCP_AUDIT_DSSE_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("target/dsse-venv/bin/python")
        });
    let works = std::process::Command::new(&candidate)
        .args(["-c", "import securesystemslib.dsse, cryptography"])
        .output()
        .is_ok_and(|o| o.status.success());
    if works {
        return Some(candidate);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must provide {} (securesystemslib); see .ci/run",
        candidate.display()
    );
    eprintln!(
        "skipped: no Python with securesystemslib at {} (bash .ci/run creates it)",
        candidate.display()
    );
    None
}

#[test]
fn an_independent_dsse_implementation_verifies_ours_and_we_verify_its() {
    let Some(python) = interop_python() else {
        return;
    };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interop/dsse_check.py");
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let envelope = signed(dir);
    let index: Value =
        serde_json::from_slice(&std::fs::read(dir.join("site/index.json")).unwrap()).unwrap();
    let key_id = index["key_id"].as_str().unwrap();
    let py = |args: &[&str]| {
        std::process::Command::new(&python)
            .arg(&script)
            .args(args)
            .current_dir(dir)
            .output()
            .unwrap()
    };
    // Ours, verified by securesystemslib and by the spec's PAE with `cryptography`.
    let out = py(&[
        "verify",
        envelope.to_str().unwrap(),
        "keys/mcp-audit.pub",
        key_id,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let seen: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(seen["subject"]["name"], "pkg:npm/mcp-reader@2.0.0");
    assert_eq!(seen["verdict"], "warn");
    // A tampered one is refused there too.
    let bad = tamper(&envelope, "bad.json", |s| {
        s["predicate"]["verdict"] = "allow".into()
    });
    let out = py(&[
        "verify",
        bad.to_str().unwrap(),
        "keys/mcp-audit.pub",
        key_id,
    ]);
    assert!(
        !out.status.success(),
        "securesystemslib accepted a tampered envelope"
    );
    // Theirs (a statement Python built and signed with our key file), verified by us.
    let out = py(&[
        "sign",
        &format!("site/{STEM}.score.json"),
        "keys/mcp-audit.key",
        key_id,
        "pkg:npm/mcp-reader@2.0.0",
        "python.intoto.json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (code, out, err) = verify(
        dir,
        &dir.join("python.intoto.json"),
        &["--artifact", "reader.tgz", "--reaudit"],
    );
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(
        line(&out, "predicate").contains("identical to a fresh audit"),
        "{out}"
    );
    // And a Python-signed envelope with a changed payload is refused by us.
    let bad = tamper(&dir.join("python.intoto.json"), "python-bad.json", |s| {
        s["predicate"]["tools"] = 7.into()
    });
    let (code, out, _) = verify(dir, &bad, &["--artifact", "reader.tgz"]);
    assert_eq!(code, Some(1), "{out}");
}

#[test]
fn statement_and_predicate_validate_against_the_documented_schema() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/score-predicate.schema.json"),
    )
    .unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::options()
        .build(&schema)
        .expect("a valid JSON Schema");
    let tmp = tempfile::tempdir().unwrap();
    let envelope = signed(tmp.path());
    let env: Value = serde_json::from_slice(&std::fs::read(&envelope).unwrap()).unwrap();
    let statement: Value =
        serde_json::from_slice(&B64.decode(env["payload"].as_str().unwrap()).unwrap()).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&statement)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    for (pointer, value) in [
        ("/predicate/score", Value::from(101)),
        ("/predicate/verdict", Value::from("error")),
        ("/subject/0/digest/sha256", Value::from("xyz")),
        (
            "/predicateType",
            Value::from("https://slsa.dev/provenance/v1"),
        ),
    ] {
        let mut bad = statement.clone();
        *bad.pointer_mut(pointer).unwrap() = value;
        assert!(!validator.is_valid(&bad), "{pointer} accepted");
    }
}

#[test]
fn a_registry_score_verifies_against_the_registry_and_reaudits_identically() {
    let kit = crate::testkit::Kit::start();
    let out = kit.run(&["key", "generate"]);
    assert_eq!(out.status.code(), Some(0));
    let out = kit.run(&[
        "score",
        "npm:@fixture/calc@1.0.0",
        "--publish",
        "site",
        "--sign",
        "mcp-audit.key",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let envelope = "site/npm-_fixture_calc-1.0.0.intoto.json";
    let document: Value = serde_json::from_slice(
        &std::fs::read(kit.path("work/site/npm-_fixture_calc-1.0.0.score.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(document["package"]["integrity"], "verified");
    // The artifact is fetched from the registry by the name and version the statement names.
    let out = kit.run(&[
        "verify-score",
        envelope,
        "--key",
        "mcp-audit.pub",
        "--reaudit",
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        line(&stdout, "subject").contains("pkg:npm/%40fixture/calc@1.0.0"),
        "{stdout}"
    );
    assert!(
        line(&stdout, "predicate").contains("identical to a fresh audit"),
        "{stdout}"
    );
    // A statement moved to the poisoned next version names an artifact whose digest differs.
    let moved = tamper(&kit.path("work").join(envelope), "moved.json", |s| {
        s["subject"][0]["name"] = "pkg:npm/%40fixture/calc@1.1.0".into();
        s["predicate"]["package"]["version"] = "1.1.0".into();
    });
    let out = kit.run(&[
        "verify-score",
        moved.to_str().unwrap(),
        "--key",
        "mcp-audit.pub",
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        line(&stdout, "subject").contains("but the artifact's is"),
        "{stdout}"
    );
}
