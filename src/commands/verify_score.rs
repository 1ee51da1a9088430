//! `mcp-audit verify-score FILE --key PUB [--artifact FILE] [--reaudit]`

use std::fmt::Write as _;

use crate::attest::verify::{verify_score, Status, VerifyOptions};
use crate::cli::{Format, GlobalArgs, VerifyScoreArgs};
use crate::settings::Settings;

pub(crate) fn run(
    args: &VerifyScoreArgs,
    global: &GlobalArgs,
    settings: &Settings,
) -> anyhow::Result<u8> {
    let options = VerifyOptions {
        envelope: args.file.clone(),
        key: args.key.clone(),
        artifact: args.artifact.clone(),
        reaudit: args.reaudit,
    };
    let outcome = verify_score(&options, settings)?;
    let code = outcome.exit_code();
    let text = if global.format == Format::Json {
        let mut json = serde_json::to_string_pretty(&serde_json::json!({
            "valid": code == 0,
            "signature": outcome.signature,
            "subject": outcome.subject,
            "predicate": outcome.predicate,
        }))?;
        json.push('\n');
        json
    } else {
        let mut text = String::new();
        for (part, status) in outcome.parts() {
            let (word, detail) = match status {
                Status::Valid(d) => ("valid", d),
                Status::Invalid(d) => ("INVALID", d),
                Status::Unchecked(d) => ("not checked", d),
                Status::Skipped(d) => ("not checked", d),
            };
            let _ = writeln!(text, "{part:<10} {word}: {detail}");
        }
        text
    };
    super::write_text(&text, global.output.as_deref())?;
    match code {
        0 => tracing::info!("{}: valid", args.file.display()),
        1 => tracing::error!(
            "{}: invalid {}",
            args.file.display(),
            outcome.invalid_parts().join(", ")
        ),
        _ => tracing::error!("{}: could not check every part", args.file.display()),
    }
    Ok(code)
}
