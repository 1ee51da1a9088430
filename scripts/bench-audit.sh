#!/usr/bin/env bash
# Benchmark (not a test): the release binary auditing a 30 MB npm package end to end from the
# download cache, the way a user re-auditing a pinned package runs it.
#
# Builds the benchmark package of `benches/audit.rs` (target/tmp/big-mcp-server-1.0.0.tgz: 80
# tools, ~15 MB of first-party JavaScript, a 3 MB minified bundle, ~15 MB of bundled
# node_modules), serves it from a loopback npm registry (python3 http.server, a packument with
# its sha512 integrity), audits it once online to fill a fresh cache, then RUNS times with
# `--offline` under /usr/bin/time, printing wall time and peak RSS of each run.
# Target (issue 6): under 2 s.
#
# Usage: scripts/bench-audit.sh [RUNS]   (default 5)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-5}"
bin="$root/target/release/mcp-audit"
tarball="$root/target/tmp/big-mcp-server-1.0.0.tgz"
cd "$root"
cargo build --release --bin mcp-audit
if [[ ! -f "$tarball" ]]; then
    echo "building the benchmark package (cargo bench --bench audit -- --test)" >&2
    cargo bench --bench audit -- --test >/dev/null
fi
if [[ ! -x /usr/bin/time ]]; then
    echo "needs /usr/bin/time (apt-get install time)" >&2
    exit 1
fi

work="$(mktemp -d)"
server=""
cleanup() {
    [[ -n "$server" ]] && kill "$server" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/registry/big-mcp-server/-"
cp "$tarball" "$work/registry/big-mcp-server/-/"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
python3 - "$work/registry" "$port" <<'PY'
import base64, hashlib, json, sys

registry, port = sys.argv[1], sys.argv[2]
name = "big-mcp-server"
data = open(f"{registry}/{name}/-/{name}-1.0.0.tgz", "rb").read()
packument = {
    "name": name,
    "dist-tags": {"latest": "1.0.0"},
    "time": {"created": "2025-01-02T00:00:00.000Z", "1.0.0": "2025-01-02T00:00:00.000Z"},
    "repository": {"type": "git", "url": "https://example.org/big-mcp-server.git"},
    "versions": {
        "1.0.0": {
            "name": name,
            "version": "1.0.0",
            "dist": {
                "tarball": f"http://127.0.0.1:{port}/{name}/-/{name}-1.0.0.tgz",
                "integrity": "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode(),
                "shasum": hashlib.sha1(data).hexdigest(),
            },
        }
    },
}
# Served as the file `big-mcp-server/index.html`, which http.server answers for `/big-mcp-server/`.
open(f"{registry}/{name}/index.html", "w").write(json.dumps(packument))
PY
(cd "$work/registry" && exec python3 -m http.server "$port" --bind 127.0.0.1 >/dev/null 2>&1) &
server=$!
for _ in $(seq 50); do
    python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/big-mcp-server/')" 2>/dev/null && break
    sleep 0.1
done

export MCP_AUDIT_HOME="$work/home"
export MCP_AUDIT_NPM_REGISTRY="http://127.0.0.1:$port"
echo "filling the cache (online)"
"$bin" audit --quiet big-mcp-server --format json -o "$work/report.json" || true
python3 - "$work/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
if r.get("error"):
    sys.exit(f"audit failed: {r['error']}")
print(f"  {r['package']['name']} {r['package']['version']}: {r['verdict']}, "
      f"{len(r['tools'])} tools, integrity {r['package']['integrity']}")
PY
echo "run  wall(s)  peak RSS (MiB)   [audit --offline big-mcp-server]"
for i in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/time" "$bin" audit --quiet --offline big-mcp-server >/dev/null || true
    read -r wall rss <"$work/time"
    awk -v i="$i" -v w="$wall" -v r="$rss" 'BEGIN { printf "%3d  %7s  %8.1f\n", i, w, r / 1024 }'
done
