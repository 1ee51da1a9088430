#!/usr/bin/env python3
"""Install pinned MCP servers into scratch dirs, list their tools, write testdata/servers/*.json.

Each server in servers.json is installed OUTSIDE the repository (default /tmp/gt/<eco>/<name>):
npm packages with `npm install --ignore-scripts` into a fresh directory, PyPI packages with pip into
a fresh venv. Then list_tools.py (the official Python SDK client) starts it over stdio with a
throwaway HOME and cwd and records tools/list. The repository only receives the JSON results.

Usage: collect.py [--gt DIR] [--client-python PY] [--force] [NAME ...]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
OUT = REPO / "testdata" / "servers"


def sanitize(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name.lstrip("@"))


def sort_keys(v):
    if isinstance(v, dict):
        return {k: sort_keys(v[k]) for k in sorted(v)}
    if isinstance(v, list):
        return [sort_keys(x) for x in v]
    return v


def run(cmd, **kw):
    print("+", " ".join(map(str, cmd)), file=sys.stderr)
    return subprocess.run(cmd, check=True, **kw)


def install_npm(spec, base: Path) -> tuple[list[str], Path]:
    pkg_dir = base / "pkg"
    if not (pkg_dir / "node_modules" / spec["name"] / "package.json").exists():
        shutil.rmtree(pkg_dir, ignore_errors=True)
        pkg_dir.mkdir(parents=True)
        (pkg_dir / "package.json").write_text('{"private": true}\n')
        run(["npm", "install", "--ignore-scripts", "--no-audit", "--no-fund", "--save-exact",
             "--loglevel=error", f"{spec['name']}@{spec['version']}"], cwd=pkg_dir,
            stdout=subprocess.DEVNULL)
    root = pkg_dir / "node_modules" / spec["name"]
    meta = json.loads((root / "package.json").read_text())
    if meta["version"] != spec["version"]:
        raise RuntimeError(f"installed {meta['version']}, wanted {spec['version']}")
    bins = meta.get("bin") or {}
    if isinstance(bins, str):
        bins = {meta["name"].split("/")[-1]: bins}
    bin_name = spec.get("bin") or (next(iter(bins)) if len(bins) == 1 else None)
    if bin_name is None:
        raise RuntimeError(f"choose a bin among {sorted(bins)}")
    return [str(pkg_dir / "node_modules" / ".bin" / bin_name)], root


def find_python(name: str) -> str:
    """A Python interpreter by name (e.g. python3.13): PATH first, then pyenv's versions."""
    found = shutil.which(name)
    if found and subprocess.run([found, "--version"], capture_output=True).returncode == 0:
        return found
    for cand in sorted(Path.home().glob(f".pyenv/versions/*/bin/{name}"), reverse=True):
        return str(cand)
    raise RuntimeError(f"no {name} interpreter found")


def install_pypi(spec, base: Path) -> tuple[list[str], Path]:
    venv = base / "venv"
    py = venv / "bin" / "python"
    if not py.exists():
        run([find_python(spec.get("python", "python3")), "-m", "venv", str(venv)])
    run([str(py), "-m", "pip", "install", "-q", f"{spec['name']}=={spec['version']}"]
        + spec.get("pip_extra", []), stdout=subprocess.DEVNULL)
    out = subprocess.run([str(py), "-m", "pip", "show", "-f", spec["name"]], capture_output=True, text=True, check=True)
    ver = re.search(r"^Version: (.+)$", out.stdout, re.M).group(1).strip()
    if ver != spec["version"]:
        raise RuntimeError(f"installed {ver}, wanted {spec['version']}")
    loc = Path(re.search(r"^Location: (.+)$", out.stdout, re.M).group(1).strip())
    bin_name = spec.get("bin") or spec["name"]
    return [str(venv / "bin" / bin_name)], loc


SDK_PACKAGES = {
    "npm": ["@modelcontextprotocol/sdk", "@modelcontextprotocol/server", "@modelcontextprotocol/node", "fastmcp",
            "firecrawl-fastmcp"],
    "pypi": ["mcp", "fastmcp"],
}


def sdk_versions(eco: str, base: Path) -> dict[str, str]:
    """Versions of the MCP SDK packages installed next to the server (top-level only)."""
    found = {}
    if eco == "npm":
        for name in SDK_PACKAGES["npm"]:
            pj = base / "pkg" / "node_modules" / name / "package.json"
            if pj.exists():
                found[name] = json.loads(pj.read_text())["version"]
    else:
        for sp in (base / "venv" / "lib").glob("python*/site-packages"):
            for dist in sp.glob("*.dist-info"):
                m = re.match(r"(.+)-([^-]+)\.dist-info$", dist.name)
                if m and m.group(1).lower().replace("_", "-") in SDK_PACKAGES["pypi"]:
                    found[m.group(1).lower().replace("_", "-")] = m.group(2)
    return dict(sorted(found.items()))


def detect_style(eco: str, root: Path) -> list[str]:
    """Hints about the SDK style, from the package's own files (for the human choosing the label)."""
    pats = {
        "npm": [("fastmcp", r"new FastMCP\("), ("registerTool", r"\.registerTool\("),
                ("tool()", r"\.tool\(\s*['\"`]"), ("ListToolsRequestSchema", r"ListToolsRequestSchema"),
                ("sdk-v2", r"@modelcontextprotocol/server['\"]")],
        "pypi": [("fastmcp-standalone", r"from fastmcp import|import fastmcp"),
                 ("sdk-FastMCP", r"mcp\.server\.fastmcp|from mcp\.server import MCPServer|MCPServer\("),
                 ("lowlevel", r"@\w+\.list_tools\(\)|mcp\.server\.lowlevel|from mcp\.server import Server"),
                 ("tool-decorator", r"@\w+\.tool\(")],
    }[eco]
    hits = set()
    exts = (".js", ".mjs", ".cjs", ".ts") if eco == "npm" else (".py",)
    for dirpath, dirnames, files in os.walk(root):
        dirnames[:] = [d for d in dirnames if d != "node_modules"]
        for f in files:
            if f.endswith(exts) and not f.endswith(".d.ts"):
                try:
                    text = (Path(dirpath) / f).read_text(errors="replace")
                except OSError:
                    continue
                for label, rx in pats:
                    if re.search(rx, text):
                        hits.add(label)
    return sorted(hits)


def collect(spec, gt: Path, client_py: str, force: bool) -> dict:
    eco, name, ver = spec["ecosystem"], spec["name"], spec["version"]
    fname = f"{eco}__{sanitize(name)}.json"
    dest = OUT / fname
    if dest.exists() and not force:
        print(f"skip {fname} (exists)", file=sys.stderr)
        return json.loads(dest.read_text())
    base = gt / eco / sanitize(name)
    base.mkdir(parents=True, exist_ok=True)
    argv, root = (install_npm if eco == "npm" else install_pypi)(spec, base)
    hints = detect_style(eco, root if eco == "npm" else root / spec.get("module_dir", sanitize(name).replace("-", "_")))
    print(f"style hints for {name}: {hints}", file=sys.stderr)
    work = base / "run"
    shutil.rmtree(work, ignore_errors=True)
    (work / "data").mkdir(parents=True)
    subst = lambda s: s.replace("{work}", str(work))  # noqa: E731
    argv = argv + [subst(a) for a in spec.get("args", [])]
    env = {k: subst(v) for k, v in spec.get("env", {}).items()}
    cmd = [client_py, str(HERE / "list_tools.py"), "--cwd", str(work), "--timeout", str(spec.get("timeout", 30)),
           "--out", str(base / "tools.json")]
    for k, v in env.items():
        cmd += ["--env", f"{k}={v}"]
    run(cmd + ["--"] + argv, cwd=work)
    got = json.loads((base / "tools.json").read_text())
    portable = lambda s: s.replace(str(work), "$WORK").replace(str(base), "$SCRATCH")  # noqa: E731
    target = f"npm:{name}@{ver}" if eco == "npm" else f"pypi:{name}=={ver}"
    doc = {
        "target": target,
        "ecosystem": eco,
        "name": name,
        "version": ver,
        "sdk_style": spec["sdk_style"],
        "sdk_versions": sdk_versions(eco, base),
        "command": [portable(a) for a in argv],
        "env": {k: portable(v) for k, v in env.items()},
        "protocol_version": got["protocol_version"],
        "era": got["era"],
        "server_info": got["server_info"],
        "pages": got["pages"],
        "notes": spec.get("notes", ""),
        "sdk_client_errors": got.get("sdk_errors", []),
        "tools": sort_keys(got["tools"]),
    }
    dest.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {fname}: {len(doc['tools'])} tools ({got['era']} {got['protocol_version']})", file=sys.stderr)
    return doc


def refresh_meta(spec, gt: Path) -> None:
    dest = OUT / f"{spec['ecosystem']}__{sanitize(spec['name'])}.json"
    if not dest.exists():
        return
    d = json.loads(dest.read_text())
    d["sdk_style"] = spec["sdk_style"]
    d["notes"] = spec.get("notes", "")
    d["sdk_versions"] = sdk_versions(spec["ecosystem"], gt / spec["ecosystem"] / sanitize(spec["name"]))
    # Files written before list_tools.py kept SDK-rejected listings had none (such runs failed).
    d.setdefault("sdk_client_errors", [])
    order = ["target", "ecosystem", "name", "version", "sdk_style", "sdk_versions", "command", "env",
             "protocol_version", "era", "server_info", "pages", "notes", "sdk_client_errors", "tools"]
    d = {k: d[k] for k in order if k in d} | {k: v for k, v in d.items() if k not in order}
    dest.write_text(json.dumps(d, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def write_readme(specs) -> None:
    """testdata/servers/README.md: what the files are, and the servers that could not be run."""
    lines = [
        "# Ground truth: actual tools/list of real MCP servers",
        "",
        "One `<ecosystem>__<name>.json` per server: the tool objects the running server returned to the",
        "official MCP Python SDK client (`mcp` 2.3.0) over stdio, recorded raw from the wire (keys sorted).",
        "Fields: `target`, `ecosystem`, `name`, `version`, `sdk_style` (how the server declares its",
        "tools), `command` (argv; `$SCRATCH` = install dir, `$WORK` = scratch cwd), `env` (dummy values),",
        "`protocol_version` + `era` (modern = `server/discover` answered, legacy = `initialize`),",
        "`server_info`, `pages`, `notes`, `sdk_client_errors` (the SDK rejected the listing; the raw",
        "listing is kept) and `tools`. `index.json` lists them all.",
        "",
        "Produced by `scripts/groundtruth/collect.py` (see its README); never edit these by hand.",
        "",
        "Runtime text: some descriptions hold values computed at startup (the time server puts the",
        "detected local timezone, `Etc/UTC` here, into an argument description), and some tool lists",
        "depend on argv/env (the dummy values recorded in `command`/`env`). Static extraction",
        "legitimately differs there.",
        "",
        "## Servers tried but not recorded",
        "",
        "| target | reason |",
        "|---|---|",
    ]
    for s in specs:
        if s.get("failure"):
            t = f"npm:{s['name']}@{s['version']}" if s["ecosystem"] == "npm" else f"pypi:{s['name']}=={s['version']}"
            lines.append(f"| `{t}` | {s['failure']} |")
    lines += ["", "## Servers recorded with an adjustment", ""]
    for s in specs:
        if s.get("notes") and not s.get("failure"):
            lines.append(f"- `{s['name']}`: {s['notes']}")
    rejected = []
    for f in sorted(OUT.glob("*__*.json")):
        d = json.loads(f.read_text())
        if d.get("sdk_client_errors"):
            rejected.append(f"- `{d['target']}`: {'; '.join(d['sdk_client_errors'])}")
    if rejected:
        lines += ["", "## Listings the SDK client rejected (raw listing recorded)", ""] + rejected
    sweep = OUT / "sweep.tsv"
    if sweep.exists():
        import csv
        with sweep.open() as f:
            rows = list(csv.DictReader(f, delimiter="\t"))
        by = {}
        for r in rows:
            by.setdefault(r["status"], []).append(r)
        lines += ["", "## The sweep corpus (`set: sweep`)", "",
                  "`sweep_collect.py` ran every npm/PyPI package of the sweep corpus that has a server command, with no "
                  "network (`unshare -n`), a throwaway HOME, no credentials (dummy values only for the environment "
                  "variables the server itself names) and a few argv variants. `sweep.tsv` records each package's "
                  "status and, for the ones not collected, why.", "",
                  f"- collected: {len(by.get('collected', []))}",
                  f"- skipped (no server command: a library or SDK; crates are not built): {len(by.get('skipped', []))}",
                  f"- failed (install failed, needs credentials/config/network at start, or no answer): "
                  f"{len(by.get('failed', []))}"]
    (OUT / "README.md").write_text("\n".join(lines) + "\n")


def write_index() -> None:
    rows = []
    for f in sorted(OUT.glob("*__*.json")):
        d = json.loads(f.read_text())
        rows.append({"target": d["target"], "file": f.name, "tools": len(d["tools"]), "sdk_style": d["sdk_style"],
                     "era": d["era"], "set": d.get("set", "pinned")})
    (OUT / "index.json").write_text(json.dumps(rows, indent=2) + "\n")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gt", default="/tmp/gt")
    ap.add_argument("--client-python", default="/tmp/gt/client/bin/python")
    ap.add_argument("--force", action="store_true")
    ap.add_argument("--meta-only", action="store_true",
                    help="only refresh sdk_style/sdk_versions/notes of existing files from servers.json")
    ap.add_argument("names", nargs="*")
    a = ap.parse_args()
    gt = Path(a.gt).resolve()
    if gt == REPO or REPO in gt.parents:
        sys.exit(f"collect: scratch dir {gt} is inside the repository; use one outside it")
    specs = json.loads((HERE / "servers.json").read_text())
    failed = []
    for spec in specs:
        if a.names and spec["name"] not in a.names:
            continue
        if spec.get("skip"):
            continue
        if a.meta_only:
            refresh_meta(spec, gt)
            continue
        try:
            collect(spec, gt, a.client_python, a.force)
        except Exception as e:  # noqa: BLE001
            print(f"FAILED {spec['name']}: {e}", file=sys.stderr)
            failed.append(spec["name"])
    write_index()
    write_readme(specs)
    if failed:
        print("failed: " + ", ".join(failed), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
