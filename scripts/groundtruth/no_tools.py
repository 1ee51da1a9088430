#!/usr/bin/env python3
"""Among a sweep's packages that depend on an MCP server SDK, which end with no tools, and why.

Reads OUT/reports/*.json of scripts/sweep (`--reports DIR`). A package depends on an SDK when its
report carries one of the extraction findings for an SDK without tools, or when it has tools;
the ones with no tools are grouped by the rule and the reason the finding states.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from collections import Counter
from pathlib import Path

RULES = {"mcp-server-no-tools", "mcp-tools-in-dependency", "mcp-tools-in-binary", "mcp-tools-from-runtime-data"}


def reason(f: dict) -> str:
    m = f["message"]
    if f["rule"] != "mcp-server-no-tools":
        return f["rule"]
    for key, label in [("no server entry point", "library (no server entry point)"),
                       ("client or proxy", "client or proxy"),
                       ("generated at start from the document", "generated from a shipped document"),
                       ("could not follow", "registrations not followed"),
                       ("no tool declaration was found", "no stated reason")]:
        if key in m:
            return label
    return "other"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--reports", required=True)
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--half", choices=["tune", "holdout"],
                    help="one side of the frozen split (held out: sha256(package name)[0] % 4 == 0)")
    a = ap.parse_args()
    sdk = 0
    counts: Counter[str] = Counter()
    rows = []
    for p in sorted(Path(a.reports).glob("*.json")):
        if p.name.endswith(".meta.json"):
            continue
        res = json.loads(p.read_text())["results"][0]
        name = (res.get("package") or {}).get("name") or ""
        if a.half and (hashlib.sha256(name.encode()).digest()[0] % 4 == 0) != (a.half == "holdout"):
            continue
        findings = [f for f in res.get("findings", []) if f["rule"] in RULES]
        if res.get("tools"):
            sdk += 1
            continue
        if not findings:
            continue
        sdk += 1
        r = reason(findings[0])
        counts[r] += 1
        rows.append((res["target"], r, findings[0]["severity"], findings[0]["message"]))
    empty = sum(counts.values())
    print(f"{sdk} packages depend on an MCP server SDK (or declare tools); {empty} end with no tools "
          f"({100 * empty / max(sdk, 1):.1f}%)")
    for r, n in counts.most_common():
        print(f"  {n:3} {r} ({100 * n / max(sdk, 1):.1f}%)")
    if a.verbose:
        for t, r, sev, m in rows:
            print(f"{t:60} {sev:6} {r}: {m[:160]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
