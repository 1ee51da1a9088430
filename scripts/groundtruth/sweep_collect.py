#!/usr/bin/env python3
"""Ground truth at corpus scale: the real tools/list of every sweep-corpus server that starts
without credentials.

For each npm/PyPI row of the sweep corpus (`../shared/corpus/sweep.tsv`, relative to the
repository root) this installs the pinned version OUTSIDE the repository (`/tmp/gt/sweep/<eco>/
<name>`; npm with `--ignore-scripts`, PyPI into a fresh venv), picks the server command (the npm
`bin` / PyPI console script that looks like the server), and asks `list_tools.py` (the official
Python SDK client) for its tools, with:

- no network: the server runs in a fresh network namespace (`unshare -n`, loopback up), so it can
  reach nothing, not even the registries it was installed from;
- a throwaway HOME/XDG under its scratch directory and no credentials: only dummy values for the
  environment variables the server itself names in its error output (`FOO_API_KEY=dummy`,
  `*_URL=http://127.0.0.1:9`), at most two rounds;
- a few argv variants when the server prints a usage text instead of starting (`stdio`,
  `--stdio`, `mcp`, a scratch directory).

Writes `testdata/servers/<eco>__<name>.json` (the same format as collect.py, `"set": "sweep"`),
and `testdata/servers/sweep.tsv`: one row per corpus package with its status (`collected`,
`failed`, `skipped`) and the reason (install failure, no server command, the last line the server
printed, timeout...). Crates are not built (building runs build scripts; the corpus' crates are
SDKs and frameworks).

Usage: sweep_collect.py [--gt DIR] [--client-python PY] [--jobs N] [--force] [--only REGEX]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
OUT = REPO / "testdata" / "servers"
sys.path.insert(0, str(HERE))
from collect import detect_style, sanitize, sdk_versions, sort_keys, write_index  # noqa: E402

STATUS = OUT / "sweep.tsv"
LOCK = threading.Lock()
ENV_NAME = re.compile(
    r"\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_(?:API_?KEY|KEY|TOKEN|SECRET|PASSWORD|PASS|USER(?:NAME)?|EMAIL|URL|"
    r"HOST|ENDPOINT|DOMAIN|ID|DIR|PATH|PORT|REGION|PROJECT|ORG|WORKSPACE|ACCOUNT|BASE|SITE|INSTANCE|"
    r"DATABASE|DB|URI|DSN|SERVER|TENANT|SUBSCRIPTION|CLIENT_ID|CLIENT_SECRET|CREDENTIALS|ORGANIZATION|ORG_URL|"
    r"ACCESS_TOKEN|PAT|SECRET_KEY))\b"
)
# Environment variables a package's own code reads (JS and Python spellings).
CODE_ENV = re.compile(
    r"""process\.env(?:\.|\[["'])([A-Z][A-Z0-9_]{2,})|os\.(?:environ\.get|getenv)\(\s*["']([A-Z][A-Z0-9_]{2,})["']|"""
    r"""os\.environ\[["']([A-Z][A-Z0-9_]{2,})["']\]"""
)
REQUIRED = re.compile(r"(?i)required|missing|not set|must be (?:set|provided)|provide|no configuration|not configured")
USAGE = re.compile(r"(?im)^\s*usage:|commands:|\[options\]|--help\b|unknown command|missing required argument|"
                   r"required: |the following arguments are required")
ARGV_VARIANTS = [["stdio"], ["--stdio"], ["mcp"], ["--transport", "stdio"], ["server", "start"], ["serve"], ["start"],
                 ["{work}/data"]]
FASTMCP_V1 = re.compile(r"No module named 'mcp\.server\.fastmcp'|cannot import name 'FastMCP' from 'mcp")


def log(msg: str) -> None:
    with LOCK:
        print(time.strftime("%H:%M:%S"), msg, file=sys.stderr, flush=True)


def sh(cmd, timeout=900, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, **kw)


def tail(text: str, n: int = 240) -> str:
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    # The most telling line: an error line near the end if there is one, else the last line.
    for l in reversed(lines[-15:]):
        if re.search(r"(?i)error|exception|required|missing|not set|must|invalid|cannot|failed", l):
            return l[:n]
    return (lines[-1] if lines else "")[:n]


def dummy(name: str, work: Path) -> str:
    if re.search(r"URL|HOST|ENDPOINT|URI|DOMAIN|BASE|SITE|INSTANCE|SERVER", name):
        return "http://127.0.0.1:9"
    if name.endswith("PORT"):
        return "9"
    if name.endswith(("DIR", "PATH")):
        return str(work / "data")
    if name.endswith("EMAIL"):
        return "user@example.com"
    if re.search(r"DSN|DATABASE|_DB$", name):
        return "postgresql://user:pass@127.0.0.1:9/db"
    return "dummy"


# ---------------------------------------------------------------- install

def install_npm(name: str, version: str, base: Path) -> tuple[list[list[str]], Path]:
    pkg = base / "pkg"
    root = pkg / "node_modules" / name
    if not (root / "package.json").exists():
        shutil.rmtree(pkg, ignore_errors=True)
        pkg.mkdir(parents=True)
        (pkg / "package.json").write_text('{"private": true}\n')
        r = sh(["npm", "install", "--ignore-scripts", "--no-audit", "--no-fund", "--save-exact",
                "--loglevel=error", f"{name}@{version}"], cwd=pkg)
        if r.returncode != 0:
            raise RuntimeError(f"npm install failed: {tail(r.stderr)}")
    meta = json.loads((root / "package.json").read_text())
    bins = meta.get("bin") or {}
    if isinstance(bins, str):
        bins = {name.split("/")[-1]: bins}
    if not bins:
        raise LookupError("no bin in package.json (a library, not a runnable server)")
    short = name.split("/")[-1]
    order = sorted(bins, key=lambda b: (b != short, "mcp" not in b.lower(), "server" not in b.lower(), b))
    return [[str(pkg / "node_modules" / ".bin" / b)] for b in order[:2]], root


def pythons() -> list[str]:
    out = []
    for v in ("3.12", "3.13", "3.11", "3.10"):
        found = next((str(p) for p in sorted(Path.home().glob(f".pyenv/versions/{v}*/bin/python{v}"), reverse=True)),
                     None) or shutil.which(f"python{v}")
        if found:
            out.append(found)
    return out


def install_pypi(name: str, version: str, base: Path, extra: list[str]) -> tuple[list[list[str]], Path]:
    venv = base / "venv"
    py = venv / "bin" / "python"
    err = ""
    for interp in pythons() if not py.exists() else [None]:
        if interp:
            shutil.rmtree(venv, ignore_errors=True)
            r = sh([interp, "-m", "venv", str(venv)])
            if r.returncode != 0:
                continue
        r = sh([str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check", f"{name}=={version}"] + extra)
        if r.returncode == 0:
            break
        err = tail(r.stderr)
        if not re.search(r"(?i)requires-python|requires a different python|no matching distribution", r.stderr):
            raise RuntimeError(f"pip install failed: {err}")
    else:
        raise RuntimeError(f"pip install failed: {err}")
    r = sh([str(py), "-m", "pip", "show", "-f", name])
    loc = Path(re.search(r"^Location: (.+)$", r.stdout, re.M).group(1).strip())
    norm = re.sub(r"[-_.]+", "_", name).lower()
    dist = next((d for d in loc.glob("*.dist-info") if re.sub(r"[-_.]+", "_", d.name.split("-")[0]).lower() == norm),
                None)
    scripts = []
    if dist and (dist / "entry_points.txt").exists():
        section = None
        for line in (dist / "entry_points.txt").read_text().splitlines():
            line = line.strip()
            if line.startswith("["):
                section = line
            elif section == "[console_scripts]" and "=" in line:
                scripts.append(line.split("=")[0].strip())
    short = name.lower()
    order = sorted(scripts, key=lambda b: (b.lower() != short, "mcp" not in b.lower(), "server" not in b.lower(), b))
    cmds = [[str(venv / "bin" / b)] for b in order[:2]]
    if not cmds:
        mains = sorted(p.parent.name for p in loc.glob("*/__main__.py") if p.parent.name.lower().startswith(norm[:4]))
        cmds = [[str(py), "-m", m] for m in mains[:1]]
    if not cmds:
        raise LookupError("no console script or __main__ module (a library, not a runnable server)")
    return cmds, loc


# ---------------------------------------------------------------- run

def list_once(client_py: str, argv: list[str], env: dict, work: Path, out: Path, timeout: int) -> tuple[bool, str]:
    shutil.rmtree(work, ignore_errors=True)
    (work / "data").mkdir(parents=True)
    # No network for the server: a fresh network namespace with only loopback.
    wrapped = ["unshare", "-n", "--", "sh", "-c", 'ip link set lo up 2>/dev/null; exec "$@"', "server"] + argv
    cmd = [client_py, str(HERE / "list_tools.py"), "--cwd", str(work), "--timeout", str(timeout), "--out", str(out)]
    for k, v in env.items():
        cmd += ["--env", f"{k}={v}"]
    out.unlink(missing_ok=True)
    try:
        r = sh(cmd + ["--"] + wrapped, timeout=timeout + 30, cwd=work)
    except subprocess.TimeoutExpired:
        return False, "timeout (client did not return)"
    if r.returncode == 0 and out.exists():
        return True, ""
    server_err = (work / "server.stderr").read_text(errors="replace") if (work / "server.stderr").exists() else ""
    return False, server_err + "\n\x00" + r.stderr


def code_env_names(root: Path) -> list[str]:
    """Environment variables the package's own code reads whose names say they configure it."""
    names: dict[str, None] = {}
    exts = (".js", ".mjs", ".cjs", ".py")
    for dirpath, dirnames, files in os.walk(root):
        dirnames[:] = [d for d in dirnames if d not in ("node_modules", "__pycache__", "tests", "test")]
        for f in files:
            if not f.endswith(exts):
                continue
            try:
                text = (Path(dirpath) / f).read_text(errors="replace")
            except OSError:
                continue
            for m in CODE_ENV.finditer(text):
                name = next(g for g in m.groups() if g)
                if ENV_NAME.fullmatch(name):
                    names[name] = None
    return list(names)[:12]


def attempt(client_py: str, cmds: list[list[str]], base: Path, timeout: int,
            root: Path | None = None) -> tuple[dict | None, list, dict, str]:
    """Tries the server commands, argv variants and dummy env rounds; returns (listing, argv, env, reason)."""
    work = base / "run"
    out = base / "tools.json"
    reason = ""
    for cmd in cmds:
        env: dict[str, str] = {}
        variants = [[]] + ARGV_VARIANTS
        tried_variants = False
        rounds = 0
        i = 0
        while i < len(variants):
            args = [a.replace("{work}", str(work)) for a in variants[i]]
            ok, err = list_once(client_py, cmd + args, env, work, out, timeout)
            if ok:
                return json.loads(out.read_text()), cmd + variants[i], env, ""
            server_err, _, client_err = err.partition("\n\x00")
            reason = tail(server_err) or tail(client_err) or "no answer"
            if "TimeoutError" in client_err or "timeout" in client_err.lower():
                reason = f"no tools/list answer within {timeout} s: {tail(server_err) or 'silent'}"
            names = [n for n in dict.fromkeys(ENV_NAME.findall(err)) if n not in env and n not in ("NODE_PATH",)]
            if not names and rounds < 2 and root is not None and REQUIRED.search(server_err):
                names = [n for n in code_env_names(root) if n not in env]
            if names and rounds < 2:
                rounds += 1
                env.update({n: dummy(n, work) for n in names[:8]})
                continue  # same argv, more env
            if i == 0 and not tried_variants and USAGE.search(err):
                tried_variants = True
                i += 1
                continue
            if tried_variants:
                i += 1
                continue
            break
    return None, [], {}, reason


def portable(s: str, work: Path, base: Path) -> str:
    return s.replace(str(work), "$WORK").replace(str(base), "$SCRATCH")


def collect_one(row: dict, gt: Path, client_py: str, force: bool, timeout: int) -> dict:
    eco, name, ver = row["ecosystem"], row["name"], row["version"]
    status = {"ecosystem": eco, "name": name, "version": ver, "status": "", "tools": "", "reason": ""}
    if eco == "crates":
        return status | {"status": "skipped", "reason": "crate not built (build scripts would run); an SDK or framework"}
    fname = f"{eco}__{sanitize(name)}.json"
    dest = OUT / fname
    target = f"npm:{name}@{ver}" if eco == "npm" else f"pypi:{name}=={ver}"
    if dest.exists() and not force:
        d = json.loads(dest.read_text())
        if d.get("target") == target:
            return status | {"status": "collected", "tools": str(len(d["tools"])), "reason": "kept"}
    base = gt / eco / sanitize(name)
    base.mkdir(parents=True, exist_ok=True)
    extra: list[str] = []
    for _ in range(2):
        try:
            cmds, root = install_npm(name, ver, base) if eco == "npm" else install_pypi(name, ver, base, extra)
        except LookupError as e:
            return status | {"status": "skipped", "reason": str(e)}
        except (RuntimeError, subprocess.TimeoutExpired, AttributeError) as e:
            return status | {"status": "failed", "reason": f"install: {e}"[:300]}
        got, argv, env, reason = attempt(client_py, cmds, base, timeout, root)
        if got is None and eco == "pypi" and not extra and FASTMCP_V1.search(reason):
            extra = ["mcp<2"]  # written for mcp 1.x without capping it
            continue
        break
    if got is None:
        return status | {"status": "failed", "reason": reason or "no answer"}
    work = base / "run"
    hints = detect_style(eco, root if eco == "npm" else root / re.sub(r"[-.]", "_", name))
    doc = {
        "target": target, "ecosystem": eco, "name": name, "version": ver,
        "sdk_style": "sweep: " + (", ".join(hints) or "unknown"),
        "sdk_versions": sdk_versions(eco, base),
        "command": [portable(a, work, base) for a in argv],
        "env": {k: portable(v, work, base) for k, v in env.items()},
        "protocol_version": got["protocol_version"], "era": got["era"], "server_info": got["server_info"],
        "pages": got["pages"],
        "notes": ("pip extra: " + " ".join(extra)) if extra else "",
        "sdk_client_errors": got.get("sdk_errors", []),
        "set": "sweep",
        "tools": sort_keys(got["tools"]),
    }
    dest.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return status | {"status": "collected", "tools": str(len(doc["tools"]))}


def read_status() -> dict:
    if not STATUS.exists():
        return {}
    with STATUS.open() as f:
        return {(r["ecosystem"], r["name"]): r for r in csv.DictReader(f, delimiter="\t")}


def write_status(rows: dict, order: list[tuple[str, str]]) -> None:
    cols = ["ecosystem", "name", "version", "status", "tools", "reason"]
    with STATUS.open("w", newline="") as f:
        w = csv.DictWriter(f, cols, delimiter="\t", lineterminator="\n", extrasaction="ignore")
        w.writeheader()
        for key in order:
            if key in rows:
                r = rows[key]
                w.writerow({c: re.sub(r"[\t\r\n]+", " ", str(r.get(c, ""))) for c in cols})


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gt", default="/tmp/gt/sweep")
    ap.add_argument("--client-python", default="/tmp/gt/client/bin/python")
    ap.add_argument("--corpus", default=str(REPO.parent / "shared" / "corpus" / "sweep.tsv"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=int, default=30)
    ap.add_argument("--force", action="store_true", help="redo packages already collected")
    ap.add_argument("--retry-failed", action="store_true", help="redo packages recorded as failed")
    ap.add_argument("--only", help="regex on the package name")
    a = ap.parse_args()
    gt = Path(a.gt).resolve()
    if gt == REPO or REPO in gt.parents:
        sys.exit(f"sweep_collect: scratch dir {gt} is inside the repository; use one outside it")
    with open(a.corpus) as f:
        corpus = list(csv.DictReader(f, delimiter="\t"))
    order = [(r["ecosystem"], r["name"]) for r in corpus]
    rows = read_status()
    todo = []
    for r in corpus:
        key = (r["ecosystem"], r["name"])
        if a.only and not re.search(a.only, r["name"]):
            continue
        old = rows.get(key)
        if old and old.get("version") == r["version"] and not a.force:
            if old["status"] in ("collected", "skipped") or (old["status"] == "failed" and not a.retry_failed):
                continue
        todo.append(r)
    log(f"{len(todo)} packages to do")

    def job(r):
        t0 = time.time()
        try:
            res = collect_one(r, gt, a.client_python, a.force, a.timeout)
        except Exception as e:  # noqa: BLE001 - one package's trouble is its row, not the run's end
            res = {"ecosystem": r["ecosystem"], "name": r["name"], "version": r["version"], "status": "failed",
                   "tools": "", "reason": f"collector error: {type(e).__name__}: {e}"[:300]}
        log(f"{res['status']:9} {r['ecosystem']}:{r['name']} {res.get('tools', '')} {res['reason'][:120]} "
            f"({time.time() - t0:.0f} s)")
        with LOCK:
            rows[(r["ecosystem"], r["name"])] = res
            write_status(rows, order)
        return res

    with concurrent.futures.ThreadPoolExecutor(a.jobs) as pool:
        list(pool.map(job, todo))
    write_index()
    counts: dict[str, int] = {}
    for r in rows.values():
        counts[r["status"]] = counts.get(r["status"], 0) + 1
    log(f"done: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
