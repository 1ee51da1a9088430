#!/usr/bin/env python3
"""Static extraction against the recorded tools/list of real servers (testdata/servers/*.json).

Reads what mcp-audit extracted statically, either from a sweep's JSON reports (`--reports
DIR`, e.g. target/sweep/reports: one `<eco>__<name>.json` per package) or by running
`BIN tools TARGET --offline --format json` for each server (`--bin`, with `--cache-dir` holding
the downloads; nothing is fetched). Never runs package code.

Per server: tools listed by the running server, names found statically, descriptions exact
(byte-identical) among the found names, and "extra" names (found statically, not listed at run
time: tools registered under flags/modes the run did not use, or tools invented by the
extractor). Prints a Markdown table and the totals; `--json FILE` writes the rows.

A description that extraction reports as unknown (`null`: computed at run time) is counted
apart from a wrong exact string. `--half tune|holdout` keeps one side of the frozen split: a
server is held out when the first byte of sha256(package name) is divisible by 4.

Usage: measure.py (--reports DIR | --bin BIN --cache-dir DIR) [--set sweep|all] [--half tune|holdout]
                  [--only REGEX] [-v]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SERVERS = REPO / "testdata" / "servers"


def report_key(eco: str, name: str) -> str:
    return f"{eco}__{name.lstrip('@').replace('/', '_')}"


def static_tools(truth: dict, a: argparse.Namespace) -> list[dict] | None:
    if a.reports:
        p = Path(a.reports) / f"{report_key(truth['ecosystem'], truth['name'])}.json"
        if not p.exists():
            return None
        rep = json.loads(p.read_text())
        res = rep["results"][0]
        if (res.get("package") or {}).get("version") not in (None, truth["version"]):
            return None
        return res.get("tools") or []
    env = dict(os.environ, MCP_AUDIT_CACHE_DIR=a.cache_dir)
    r = subprocess.run([a.bin, "tools", truth["target"], "--offline", "--format", "json"], capture_output=True,
                       text=True, env=env, timeout=600)
    if r.returncode != 0:
        print(f"{truth['target']}: {r.stderr.strip()[:200]}", file=sys.stderr)
        return None
    return json.loads(r.stdout)["tools"]


def held_out(name: str) -> bool:
    """The frozen split: servers whose sha256(name) starts with a byte divisible by 4."""
    return hashlib.sha256(name.encode()).digest()[0] % 4 == 0


def compare(truth: dict, found: list[dict], verbose: bool) -> dict:
    by_name = {t["name"]: t for t in found}
    want = truth["tools"]
    names = descs = unknown = 0
    for t in want:
        got = by_name.get(t["name"])
        if got is None:
            if verbose:
                print(f"  {truth['target']} {t['name']}: not found", file=sys.stderr)
            continue
        names += 1
        if got.get("description") == t.get("description"):
            descs += 1
            continue
        if got.get("description") is None:
            unknown += 1
        if verbose:
            print(f"  {truth['target']} {t['name']}: description differs\n    want {t.get('description')!r:.300}\n"
                  f"    got  {got.get('description')!r:.300}", file=sys.stderr)
    listed = {t["name"] for t in want}
    extra = sorted(n for n in by_name if n not in listed)
    if verbose and extra:
        print(f"  {truth['target']}: extra {extra[:30]}", file=sys.stderr)
    return {"target": truth["target"], "style": truth.get("sdk_style", ""), "tools": len(want), "names": names,
            "descriptions": descs, "unknown": unknown, "extra": len(extra), "extra_names": extra}


def pct(n: int, d: int) -> float:
    return 100.0 if d == 0 else 100.0 * n / d


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reports")
    ap.add_argument("--bin")
    ap.add_argument("--cache-dir", default=str(REPO.parent / "main" / "target" / "sweep" / "cache"))
    ap.add_argument("--set", choices=["sweep", "all"], default="all")
    ap.add_argument("--only")
    ap.add_argument("--half", choices=["tune", "holdout"])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--json")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--exclude", action="store_true",
                    help="leave out the servers of testdata/servers/excluded.tsv (tools not in the package's source)")
    a = ap.parse_args()
    if not (a.reports or a.bin):
        ap.error("give --reports or --bin")
    excluded = {}
    if a.exclude:
        for line in (SERVERS / "excluded.tsv").read_text().splitlines()[1:]:
            target, _, reason = line.partition("\t")
            excluded[target] = reason
    truths = []
    for f in sorted(SERVERS.glob("*__*.json")):
        d = json.loads(f.read_text())
        if a.set == "sweep" and d.get("set") != "sweep":
            continue
        if a.half and held_out(d["name"]) != (a.half == "holdout"):
            continue
        if a.only and not re.search(a.only, d["target"]):
            continue
        if not d["tools"]:
            continue  # a server listing nothing: nothing to find
        if d["target"] in excluded:
            continue
        truths.append(d)

    def one(d):
        found = static_tools(d, a)
        return None if found is None else compare(d, found, a.verbose)

    with concurrent.futures.ThreadPoolExecutor(a.jobs) as pool:
        rows = [r for r in pool.map(one, truths) if r is not None]
    print("| server | style | tools | names | descriptions exact | extra static |")
    print("|---|---|---:|---:|---:|---:|")
    for r in rows:
        print(f"| `{r['target']}` | {r['style']} | {r['tools']} | {r['names']} ({pct(r['names'], r['tools']):.0f}%) | "
              f"{r['descriptions']} ({pct(r['descriptions'], r['names']):.0f}%) | {r['extra']} |")
    tools = sum(r["tools"] for r in rows)
    names = sum(r["names"] for r in rows)
    descs = sum(r["descriptions"] for r in rows)
    unknown = sum(r["unknown"] for r in rows)
    clean = sum(1 for r in rows if r["extra"] == 0)
    full = sum(1 for r in rows if r["names"] == r["tools"])
    print(f"\n{len(rows)} servers, {tools} tools: names {names} ({pct(names, tools):.1f}%), descriptions exact "
          f"{descs} ({pct(descs, names):.1f}% of found names), unknown (null) {unknown}, wrong "
          f"{names - descs - unknown}, servers with no extra static tool {clean} "
          f"({pct(clean, len(rows)):.1f}%), servers with every name found {full} ({pct(full, len(rows)):.1f}%)")
    if a.json:
        Path(a.json).write_text(json.dumps(rows, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
