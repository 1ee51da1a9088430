#!/usr/bin/env python3
"""Writes testdata/descriptions/sweep-honest.jsonl.gz: the model-visible text of real MCP servers.

Input: the reports of a sweep (scripts/sweep writes one JSON report per package under
target/sweep/reports) and the sweep's triage (testdata/sweep/triage.tsv, every block and warn
adjudicated by reading the package's code). Output: one JSON line per package that declared at
least one tool, prompt or server instructions:

    {"pkg": "npm:name", "version": "1.2.3",
     "tools": [{"name", "description", "input_schema"}],
     "texts": [{"kind": "prompt" | "server-instructions", "name", "text"}]}

Every string in it is honest: written by the package's authors to document their own server.
The triage's true positives are all code findings (an install script, a shell sink, a config
write); none of them is a description rule, so no string is dropped today. A description-rule
row adjudicated `true-positive` would drop that package here.

The test (tests/it/descriptions.rs) enumerates the strings (tool descriptions, parameter
descriptions at any depth, prompts, server instructions) and splits them by package: a
package is *frozen* when the first byte of sha256("ecosystem:name") is divisible by 3.

Usage: python3 scripts/descriptions/sweep_honest.py REPORTS_DIR TRIAGE_TSV
"""
import csv
import glob
import gzip
import json
import os
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "testdata" / "descriptions" / "sweep-honest.jsonl.gz"

# Rules of the description analyzer (a true positive of one of these makes the text not honest).
DESCRIPTION_RULES = {
    "poisoned-description", "pseudo-system-tag", "instruction-override", "model-directive",
    "secrecy-directive", "asserted-consent", "authority-framing", "urgency-framing",
    "argument-tampering", "sensitive-reference", "credential-reference",
    "exfiltration-instruction", "parameter-stuffing", "exfiltration-channel-parameter",
    "tool-shadowing-order", "preference-manipulation", "tool-name-imitation",
    "declared-attack-capability", "description-endpoint", "embedded-url", "encoded-blob",
    "shell-command-in-text", "hidden-markup", "unicode-tag-characters", "invisible-characters",
    "bidi-control-characters", "ansi-escape-sequences", "homoglyph-text", "whitespace-padding",
}


def not_honest(triage):
    out = set()
    with open(triage, encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["adjudication"] != "false-positive" and row["rule"] in DESCRIPTION_RULES:
                out.add(f"{row['ecosystem']}:{row['name']}")
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    reports, triage = sys.argv[1], sys.argv[2]
    dropped = not_honest(triage)
    rows = []
    for path in sorted(glob.glob(os.path.join(reports, "*.json"))):
        if path.endswith(".meta.json"):
            continue
        with open(path, encoding="utf-8") as f:
            report = json.load(f)
        for result in report["results"]:
            package = result.get("package")
            if not package:
                continue
            key = f"{package['ecosystem']}:{package['name']}"
            if key in dropped:
                continue
            tools = [{"name": t["name"], "description": t.get("description"),
                      "input_schema": t.get("input_schema")}
                     for t in result.get("tools") or []]
            texts = [{"kind": t["kind"], "name": t.get("name", ""), "text": t["text"]}
                     for t in result.get("texts") or []]
            if tools or texts:
                rows.append({"pkg": key, "version": package["version"],
                             "tools": tools, "texts": texts})
    rows.sort(key=lambda r: r["pkg"])
    data = "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows)
    # mtime=0: the same input gives the same bytes.
    with open(OUT, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as f:
        f.write(data.encode("utf-8"))
    print(f"wrote {len(rows)} packages to {OUT.relative_to(ROOT)} (dropped: {sorted(dropped)})")


if __name__ == "__main__":
    main()
