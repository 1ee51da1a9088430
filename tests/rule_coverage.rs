//! Every rule of the catalog fires on some fixture of the test suite.
//!
//! A debug build appends the rule of every finding it reports to the file named by
//! `MCP_AUDIT_RULE_LOG`, which `.cargo/config.toml` sets for every process cargo starts: the
//! unit tests, `tests/it` (which Cargo runs before this target) and every binary they run. This
//! test reads that log, then removes it so the next run starts empty. Run alone, without the
//! suite before it, it has nothing to read and says so.
#![allow(clippy::print_stderr)]

use std::collections::BTreeSet;
use std::path::Path;

/// Rules the suite exercises only in-process (library calls, not the binary) or only in a
/// build with an optional feature, with where.
const IN_PROCESS: &[(&str, &str)] = &[(
    "instruction-wording",
    "only with the wording-model feature (unit tests of analyze::descriptions::model)",
)];

#[test]
fn every_rule_fires_on_a_fixture() {
    let Some(log) = std::env::var_os("MCP_AUDIT_RULE_LOG") else {
        eprintln!("skipped: MCP_AUDIT_RULE_LOG is not set (see .cargo/config.toml)");
        return;
    };
    let log = Path::new(&log);
    let read = std::fs::read_to_string(log);
    let _ = std::fs::remove_file(log);
    let Ok(text) = read else {
        eprintln!(
            "skipped: `{}` is missing; run the whole suite (`cargo test`) so tests/it fills it",
            log.display()
        );
        return;
    };
    let fired: BTreeSet<&str> = text.lines().collect();
    let exercised: BTreeSet<&str> = IN_PROCESS.iter().map(|(id, _)| *id).collect();
    let catalog = mcp_audit::rules::known_ids();
    // (Tests of the scoring and report views make up rules of their own; that every finding an
    // audit emits is catalogued is asserted by `pipeline::finalize` in debug builds.)
    let missing: Vec<&str> = catalog
        .iter()
        .copied()
        .filter(|id| !fired.contains(id) && !exercised.contains(id))
        .collect();
    assert!(
        missing.is_empty(),
        "{} rules never fired on a fixture of the suite: {missing:?}",
        missing.len()
    );
}
