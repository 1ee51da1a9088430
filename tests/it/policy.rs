//! The policy file: rule overrides, suppressions (live and expired), allow/deny lists, minimum
//! version age, thresholds, discovery and errors.

use mcp_audit::model::Finding;
use mcp_audit::policy::apply::{Subject, POLICY_VERSION_AGE_UNKNOWN};
use mcp_audit::policy::Policy;
use mcp_audit::score::{self, Signals};
use mcp_audit::Verdict;

use crate::report::{
    allowed, blocked, now, warned, Sample, HARDCODED_ENDPOINT, NO_PROVENANCE, SHELL_WITH_ARGUMENTS,
};
use crate::support::run_in;

fn policy(text: &str) -> Policy {
    Policy::parse(text, "mcp-audit.toml", &mcp_audit::rules::known_ids()).unwrap()
}

fn registry_subject(published_at: Option<&str>) -> Subject<'_> {
    Subject {
        ecosystem: "npm",
        name: "fresh-mcp",
        version: "2.0.0",
        published_at,
        from_registry: true,
    }
}

#[test]
fn a_policy_that_raises_a_rule_blocks_a_package_that_was_allowed() {
    let base = "[packages]\nmin_version_age_days = 7\n";
    let subject = registry_subject(None);
    let allowed = score::evaluate(&policy(base), &subject, Signals::default(), vec![], now());
    assert_eq!(allowed.verdict, Verdict::Allow);
    assert_eq!(allowed.applied.findings.len(), 1);
    assert_eq!(
        allowed.applied.findings[0].rule,
        POLICY_VERSION_AGE_UNKNOWN.id
    );

    let raised = format!("{base}\n[rules]\npolicy-version-age-unknown = \"critical\"\n");
    let blocked = score::evaluate(
        &policy(&raised),
        &subject,
        Signals::default(),
        vec![],
        now(),
    );
    assert_eq!(blocked.verdict, Verdict::Block);
    assert_eq!(blocked.score, 0);
    assert_eq!(
        blocked.applied.findings[0].severity,
        mcp_audit::Severity::Critical
    );
}

#[test]
fn a_rule_set_to_off_lists_its_findings_as_suppressed() {
    let base =
        "[packages]\nmin_version_age_days = 7\n[rules]\npolicy-version-age-unknown = \"off\"\n";
    let eval = score::evaluate(
        &policy(base),
        &registry_subject(None),
        Signals::default(),
        vec![],
        now(),
    );
    assert!(eval.applied.findings.is_empty());
    assert_eq!(eval.applied.suppressed.len(), 1);
    assert!(eval.applied.suppressed[0].reason.contains("is off"));
    assert_eq!((eval.score, eval.verdict), (100, Verdict::Allow));
}

fn fingerprints(findings: &[Finding]) -> Vec<&str> {
    findings.iter().map(|f| f.fingerprint.as_str()).collect()
}

#[test]
fn a_suppression_with_a_reason_silences_exactly_its_finding() {
    let mut sample: Sample = warned();
    // A second finding of the same rule elsewhere must stay.
    sample.findings.push(
        HARDCODED_ENDPOINT
            .finding("hard-coded endpoint http://198.51.100.7")
            .at("mcp_server_weather/telemetry.py", Some(3))
            .with_evidence("198.51.100.7"),
    );
    let before = sample.evaluate(&Policy::default());
    let target = sample.fingerprint_of(&HARDCODED_ENDPOINT);
    let text = format!(
        "[[suppress]]\nfingerprint = \"{target}\"\nreason = \"wttr.in is the documented weather API\"\n"
    );
    let after = sample.evaluate(&policy(&text));
    assert_eq!(after.findings.len(), before.findings.len() - 1);
    assert!(!fingerprints(&after.findings).contains(&target.as_str()));
    let mut expected: Vec<&str> = fingerprints(&before.findings);
    expected.retain(|f| *f != target);
    assert_eq!(fingerprints(&after.findings), expected);
    assert_eq!(after.suppressed.len(), 1);
    assert_eq!(after.suppressed[0].finding.fingerprint, target);
    assert_eq!(
        after.suppressed[0].reason,
        "wttr.in is the documented weather API"
    );
    assert!(after.score.unwrap() > before.score.unwrap());
    // The JSON report shows it.
    let json = serde_json::to_value(&after).unwrap();
    assert_eq!(json["suppressed"][0]["fingerprint"], target.as_str());
    assert_eq!(
        json["suppressed"][0]["reason"],
        "wttr.in is the documented weather API"
    );
}

#[test]
fn an_expired_suppression_does_not_suppress_and_says_so() {
    let sample = warned();
    let fp = sample.fingerprint_of(&SHELL_WITH_ARGUMENTS);
    let text = format!(
        "[[suppress]]\nfingerprint = \"{fp}\"\nreason = \"shell input is validated upstream\"\nexpires = 2026-11-01\n"
    );
    let result = sample.evaluate(&policy(&text));
    assert!(fingerprints(&result.findings).contains(&fp.as_str()));
    assert!(result.suppressed.is_empty());
    assert_eq!(result.expired_suppressions.len(), 1);
    assert_eq!(result.expired_suppressions[0].fingerprint, fp);
    assert_eq!(result.expired_suppressions[0].expired_on, "2026-11-01");
    assert_eq!(result.verdict, Verdict::Warn);
    let text = mcp_audit::report::human::render(&mcp_audit::Report::new(vec![result]));
    assert!(text.contains(&format!("suppression of {fp} expired on 2026-11-01")));

    // Expiry is the day itself: still valid the day before, expired on the day.
    let eve =
        format!("[[suppress]]\nfingerprint = \"{fp}\"\nreason = \"ok\"\nexpires = 2026-11-24\n");
    assert!(sample
        .evaluate(&policy(&eve))
        .expired_suppressions
        .is_empty());
    let day = eve.replace("2026-11-24", "2026-11-23");
    assert_eq!(sample.evaluate(&policy(&day)).expired_suppressions.len(), 1);
}

#[test]
fn deny_blocks_and_allow_never_overrides_a_critical() {
    let denied = allowed().evaluate(&policy("[packages]\ndeny = [\"crates:mcp-*\"]\n"));
    assert_eq!(denied.verdict, Verdict::Block);
    assert!(denied
        .findings
        .iter()
        .any(|f| f.rule == "policy-denied" && f.evidence.as_deref() == Some("crates:mcp-*")));

    // Allow-listed: a critical finding still blocks.
    let critical = blocked().evaluate(&policy("[packages]\nallow = [\"npm:mcp-files-*\"]\n"));
    assert_eq!(critical.verdict, Verdict::Block);
    assert_eq!(critical.allowed_by.as_deref(), Some("npm:mcp-files-*"));

    // Allow-listed: many highs are reported and scored, but only warn.
    let mut highs = warned();
    for (i, file) in ["a.py", "b.py", "c.py"].iter().enumerate() {
        highs.findings.push(
            mcp_audit::rules::Rule {
                id: ["x-one", "x-two", "x-three"][i],
                category: mcp_audit::Category::CodeExecution,
                severity: mcp_audit::Severity::High,
                summary: "",
                example: "",
            }
            .finding("eval of a tool argument")
            .at(*file, Some(1)),
        );
    }
    assert_eq!(highs.evaluate(&Policy::default()).verdict, Verdict::Block);
    let trusted = highs.evaluate(&policy(
        "[packages]\nallow = [\"pypi:mcp-server-weather\"]\n",
    ));
    assert_eq!(trusted.verdict, Verdict::Warn);
    assert_eq!(trusted.findings.len(), highs.findings.len());
}

#[test]
fn minimum_version_age() {
    let p = policy("[packages]\nmin_version_age_days = 7\n");
    let fresh = registry_subject(Some("2026-11-20T10:00:00Z"));
    let eval = score::evaluate(&p, &fresh, Signals::default(), vec![], now());
    assert_eq!(eval.verdict, Verdict::Block);
    assert!(eval.applied.findings[0].message.contains("3 day(s) ago"));
    let old = registry_subject(Some("2026-11-01T10:00:00Z"));
    let eval = score::evaluate(&p, &old, Signals::default(), vec![], now());
    assert_eq!((eval.score, eval.verdict), (100, Verdict::Allow));
    // A local artifact has no registry date: nothing to check.
    let local = Subject {
        from_registry: false,
        ..registry_subject(None)
    };
    let eval = score::evaluate(&p, &local, Signals::default(), vec![], now());
    assert!(eval.applied.findings.is_empty());
}

#[test]
fn thresholds_change_the_verdict() {
    let sample = allowed();
    let mut with_low = sample;
    with_low
        .findings
        .push(NO_PROVENANCE.finding("no provenance attestation"));
    assert_eq!(
        with_low.evaluate(&Policy::default()).verdict,
        Verdict::Allow
    );
    let strict = with_low.evaluate(&policy("[thresholds]\nwarn_below = 100\n"));
    assert_eq!(strict.verdict, Verdict::Warn);
}

#[test]
fn a_malformed_policy_names_the_line_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("mcp-audit.toml"),
        "[thresholds]\nwarn_below = 80\nblock_beneath = 30\n",
    )
    .unwrap();
    // Found in the working directory, for any command.
    for args in [&["audit", "npm:left-pad"][..], &["rules"][..]] {
        let out = run_in(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("invalid policy `")
                && stderr.contains("mcp-audit.toml` line 3: unknown field `block_beneath`"),
            "{stderr}"
        );
        assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
        assert!(out.stdout.is_empty());
    }
    // --policy wins over the working directory.
    std::fs::write(
        dir.path().join("good.toml"),
        "allow_install_scripts = false\n",
    )
    .unwrap();
    let out = run_in(dir.path(), &["rules", "--policy", "good.toml"]);
    assert_eq!(out.status.code(), Some(0));
    // A missing --policy file is an error too.
    let out = run_in(dir.path(), &["rules", "--policy", "nope.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read policy `nope.toml`"));
}

#[test]
fn the_user_config_directory_is_searched() {
    let cwd = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(config.path().join("mcp-audit")).unwrap();
    std::fs::write(
        config.path().join("mcp-audit").join("mcp-audit.toml"),
        "[rules]\nno-such-rule = \"high\"\n",
    )
    .unwrap();
    let out = crate::support::bin()
        .args(["rules"])
        .current_dir(cwd.path())
        .env("XDG_CONFIG_HOME", config.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("line 2: unknown rule `no-such-rule`"),
        "{stderr}"
    );
}
