use std::collections::BTreeMap;
use std::path::Path;

use super::*;

/// A tool object of a tools/list answer, as the labeler sees it.
fn from_json(v: &Value) -> Tool {
    Tool {
        name: v["name"].as_str().unwrap().to_string(),
        title: v["title"].as_str().map(str::to_string),
        description: v["description"].as_str().map(str::to_string),
        input_schema: v
            .get("inputSchema")
            .cloned()
            .unwrap_or_else(mcp_audit_core::model::empty_object_schema),
        annotations: v.get("annotations").cloned(),
        origin: mcp_audit_core::model::Origin {
            file: "t.json".into(),
            line: None,
            via: mcp_audit_core::model::Via::Dynamic,
            style: None,
        },
        fingerprint: String::new(),
    }
}

fn tool(name: &str, description: &str, props: &[&str], annotations: Option<Value>) -> Tool {
    let properties: serde_json::Map<String, Value> = props
        .iter()
        .map(|p| ((*p).to_string(), serde_json::json!({"type": "string"})))
        .collect();
    let mut t = from_json(
        &serde_json::json!({"name": name, "description": description,
        "inputSchema": {"type": "object", "properties": properties}}),
    );
    t.annotations = annotations;
    t
}

fn labels(t: &Tool) -> Vec<&'static str> {
    profile(t).labels.keys().map(|l| l.as_str()).collect()
}

#[test]
fn classes_of_wording_give_labels() {
    assert_eq!(
        labels(&tool(
            "open_url",
            "Open a URL and return the page text",
            &["url"],
            None
        )),
        ["reads-untrusted-content"]
    );
    assert_eq!(
        labels(&tool("run", "Run a shell command", &["command"], None)),
        ["executes-code"]
    );
    assert_eq!(
        labels(&tool("purge_records", "Removes records", &[], None)),
        ["destructive"]
    );
    assert_eq!(
        labels(&tool("add", "Adds two numbers", &["a", "b"], None)),
        Vec::<&str>::new()
    );
    assert_eq!(
        labels(&tool("notify_team", "Send a chat message", &["text"], None)),
        ["sends-externally"]
    );
    // An HTTP method in a generated name is transport, not the verb.
    assert_eq!(
        labels(&tool(
            "API-post-search",
            "Search by title",
            &["query"],
            None
        )),
        Vec::<&str>::new()
    );
    assert_eq!(
        labels(&tool(
            "API-post-comment",
            "Create a comment",
            &["body"],
            None
        )),
        ["sends-externally"]
    );
}

#[test]
fn annotations_that_the_profile_contradicts() {
    let t = tool(
        "cleanup",
        "Delete old log files",
        &["path"],
        Some(serde_json::json!({"readOnlyHint": true, "destructiveHint": false})),
    );
    let p = profile(&t);
    let c = annotation_contradictions(&t, &p);
    let hints: Vec<_> = c.iter().map(|c| c.hint).collect();
    assert_eq!(hints, ["readOnlyHint", "destructiveHint"]);
    assert!(c.iter().all(|c| c.label == Label::Destructive));

    let honest = tool(
        "read_file",
        "Read a file",
        &["path"],
        Some(serde_json::json!({"readOnlyHint": true, "openWorldHint": false})),
    );
    assert!(annotation_contradictions(&honest, &profile(&honest)).is_empty());
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        #[allow(clippy::cast_precision_loss)]
        let r = a as f64 / b as f64;
        r
    }
}

/// Scores the labeler on the hand-labeled set, per label and split. The holdout rows (every
/// third row, fixed before the labeler was written) are reported, never tuned on; the train
/// rows must reach 90% precision and recall per label.
#[test]
fn labeled_set_precision_and_recall() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("testdata/capabilities/labels.jsonl")).unwrap();
    let mut cache: BTreeMap<String, Vec<Tool>> = BTreeMap::new();
    let mut table: BTreeMap<(String, Label), Counts> = BTreeMap::new();
    let mut rows: BTreeMap<String, usize> = BTreeMap::new();
    let mut misses = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let row: Value = serde_json::from_str(line).unwrap();
        let file = row["file"].as_str().unwrap();
        let split = row["split"].as_str().unwrap().to_string();
        let tools = cache.entry(file.to_string()).or_insert_with(|| {
            let doc: Value =
                serde_json::from_slice(&std::fs::read(root.join(file)).unwrap()).unwrap();
            let list = doc.get("tools").unwrap_or(&doc);
            list.as_array().unwrap().iter().map(from_json).collect()
        });
        let name = row["tool"].as_str().unwrap();
        let t = tools
            .iter()
            .find(|t| t.name == name)
            .unwrap_or_else(|| panic!("{file} has no tool {name}"));
        let want: Vec<Label> = row["labels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| Label::parse(l.as_str().unwrap()).unwrap())
            .collect();
        let got = profile(t);
        *rows.entry(split.clone()).or_default() += 1;
        for label in Label::ALL {
            let c = table.entry((split.clone(), label)).or_default();
            match (want.contains(&label), got.has(label)) {
                (true, true) => c.tp += 1,
                (false, true) => {
                    c.fp += 1;
                    misses.push(format!(
                        "{split} FP {label} {file} {name}: {}",
                        got.labels[&label]
                    ));
                }
                (true, false) => {
                    c.fn_ += 1;
                    misses.push(format!("{split} FN {label} {file} {name}"));
                }
                (false, false) => {}
            }
        }
    }
    let mut report = String::new();
    let mut failures = Vec::new();
    for ((split, label), c) in &table {
        let precision = ratio(c.tp, c.tp + c.fp);
        let recall = ratio(c.tp, c.tp + c.fn_);
        let pct = |r: f64, d: usize| {
            if d == 0 {
                "  n/a".to_string()
            } else {
                format!("{:5.1}%", r * 100.0)
            }
        };
        report.push_str(&format!(
            "{split:8} {label:24} support {:3}  precision {}  recall {}\n",
            c.tp + c.fn_,
            pct(precision, c.tp + c.fp),
            pct(recall, c.tp + c.fn_)
        ));
        if split == "train" && (precision < 0.9 || recall < 0.9) {
            failures.push(format!("{label}"));
        }
    }
    eprintln!("rows: {rows:?}\n{report}");
    for m in &misses {
        eprintln!("{m}");
    }
    assert!(rows.values().sum::<usize>() >= 60);
    assert!(failures.is_empty(), "train split below 90%: {failures:?}");
}

#[test]
fn works_locally_needs_a_local_object_and_nothing_beyond_the_machine() {
    let local = tool(
        "read_file",
        "Read a text file from the workspace.",
        &["path"],
        None,
    );
    assert!(works_locally(&local).unwrap().contains("`file`"));
    // A file that goes somewhere, a URL argument, a model, a service: not local.
    for t in [
        tool(
            "upload_file",
            "Upload a file to the shared drive.",
            &[],
            None,
        ),
        tool("read_file", "Read a file.", &["url"], None),
        tool(
            "summarize_file",
            "Summarize a file with the configured AI model.",
            &[],
            None,
        ),
        tool("get_weather", "Get the weather for a city.", &[], None),
    ] {
        assert_eq!(works_locally(&t), None, "{}", t.name);
    }
}
