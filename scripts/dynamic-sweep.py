#!/usr/bin/env python3
"""Runs `mcp-audit audit TARGET --dynamic` on the ground-truth servers (testdata/servers) that
were collected without credentials (empty `env`), and compares the run-time tools with the
recorded tools/list. Writes one JSON report per target and summary.tsv into OUT; prints the
figures docs/dynamic.md quotes.

    scripts/dynamic-sweep.py --bin target/debug/mcp-audit --cache CACHE_DIR --out /tmp/dyn-sweep/out [--jobs 2] [--limit N]

The servers run only inside mcp-audit's sandbox (bubblewrap, no network); their dependencies
are installed by npm/pip from the registry (scripts off).
"""
import argparse
import concurrent.futures
import json
import pathlib
import statistics
import subprocess
import sys

REPO = pathlib.Path(__file__).resolve().parent.parent


def candidates():
    index = json.loads((REPO / "testdata/servers/index.json").read_text())
    for entry in index:
        doc = json.loads((REPO / "testdata/servers" / entry["file"]).read_text())
        if doc.get("env"):
            continue
        yield entry["target"], doc


def server_args(doc):
    """The recorded command's arguments after the program, with its scratch directory mapped
    to the sandbox's working directory."""
    out = []
    for arg in (doc.get("command") or [])[1:]:
        arg = arg.replace("$WORK", "/workspace").replace("{work}", "/workspace")
        out.append(f"--server-arg={arg}")
    return out


def run(binary, cache, out, target, doc):
    name = target.replace("/", "_").replace(":", "__")
    path = out / f"{name}.json"
    if not path.exists():
        proc = subprocess.run(
            [binary, "audit", target, "--dynamic", "--cache-dir", cache,
             "--format", "json", "-q", *server_args(doc)],
            capture_output=True, text=True, timeout=600,
        )
        path.write_text(proc.stdout or json.dumps({"error": proc.stderr[-500:]}))
    return json.loads(path.read_text())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--cache", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--no-run", action="store_true",
                    help="only summarize the reports already in OUT")
    ap.add_argument("--reverse", action="store_true",
                    help="work from the end of the list (a second runner on the same OUT meets the first)")
    args = ap.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    todo = list(candidates())[: args.limit]
    if args.reverse:
        todo.reverse()
    if args.no_run:
        todo = [(t, d) for t, d in todo
                if (out / (t.replace("/", "_").replace(":", "__") + ".json")).exists()]
    rows = []
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        futures = {pool.submit(run, args.bin, args.cache, out, t, d): (t, d) for t, d in todo}
        for fut in concurrent.futures.as_completed(futures):
            target, truth = futures[fut]
            try:
                report = fut.result()
            except Exception as e:  # noqa: BLE001 - a sweep row, not a crash
                rows.append((target, "harness-error", "", "", "", str(e)[:120]))
                continue
            results = report.get("results") or [{}]
            r = results[0]
            d = r.get("dynamic") or {}
            status = d.get("status") or ("error" if r.get("verdict") == "error" else "none")
            want = sorted(t["name"] for t in truth.get("tools", []))
            got = sorted(t["name"] for t in d.get("tools", []))
            desc_truth = {t["name"]: t.get("description") for t in truth.get("tools", [])}
            same_desc = sum(1 for t in d.get("tools", []) if desc_truth.get(t["name"]) == t.get("description"))
            agree = "yes" if status == "started" and got == want else ("no" if status == "started" else "")
            events = ";".join(f'{e["kind"]}:{e["target"]}' for e in d.get("events", []))
            detail = (d.get("detail") or r.get("error") or "").replace("\t", " ")[:160]
            rows.append((target, status, agree, f"{len(got)}/{len(want)} desc-same {same_desc}",
                         str(d.get("start_ms", "")), events or detail))
            print(target, status, agree, file=sys.stderr, flush=True)
    rows.sort()
    with (out / "summary.tsv").open("w") as f:
        f.write("target\tstatus\tnames_agree\ttools\tstart_ms\tevents_or_detail\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
    by = {}
    for row in rows:
        by[row[1]] = by.get(row[1], 0) + 1
    started = [r for r in rows if r[1] == "started"]
    starts = [int(r[4]) for r in started if r[4]]
    print(f"servers: {len(rows)}")
    for k, v in sorted(by.items()):
        print(f"  {k}: {v}")
    if started:
        print(f"names agree with the recorded tools/list: {sum(r[2] == 'yes' for r in started)}/{len(started)}")
    if starts:
        print(f"median start: {statistics.median(starts):.0f} ms (p90 {sorted(starts)[int(len(starts) * 0.9)]} ms)")
    print(f"with events: {sum(1 for r in rows if ':' in r[5] and r[1] == 'started')}")


if __name__ == "__main__":
    main()
