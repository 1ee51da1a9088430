#!/usr/bin/env bash
# Audits lockfiles and MCP client configs, one `mcp-audit audit --lockfile FILE` per file: the
# command behind the GitHub Action (action.yml) and the pre-commit hook (.pre-commit-hooks.yaml).
# See docs/ci.md.
#
#   scripts/mcp-audit-ci.sh FILE...
#
# Environment:
#   MCP_AUDIT_BIN        the mcp-audit binary (default: `mcp-audit` on PATH, else built once from
#                        this repository with `cargo build --release --locked`)
#   MCP_AUDIT_POLICY     a policy file (mcp-audit.toml) for every audit
#   MCP_AUDIT_SARIF_DIR  also write one SARIF file per FILE into this directory
#
# Exit: 0 every package allowed or warned, 1 a package blocked, 2 a file could not be audited
# (the worst over all files). No FILE: nothing to audit, exit 0.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${MCP_AUDIT_BIN:-}"
if [ -z "$bin" ]; then
  if command -v mcp-audit >/dev/null 2>&1; then
    bin="mcp-audit"
  else
    echo "mcp-audit: building from $root (once)" >&2
    cargo build --release --locked --quiet --manifest-path "$root/Cargo.toml" --bin mcp-audit >&2 || exit 2
    bin="$root/target/release/mcp-audit"
  fi
fi

common=()
if [ -n "${MCP_AUDIT_POLICY:-}" ]; then
  common+=(--policy "$MCP_AUDIT_POLICY")
fi

worst=0
for file in "$@"; do
  if [ -n "${MCP_AUDIT_SARIF_DIR:-}" ]; then
    mkdir -p "$MCP_AUDIT_SARIF_DIR"
    name="$(printf '%s' "$file" | tr -c 'A-Za-z0-9._-' '_')"
    "$bin" audit --lockfile "$file" "${common[@]}" --quiet --format sarif \
      --output "$MCP_AUDIT_SARIF_DIR/mcp-audit-$name.sarif"
    code=$?
    # The same audit again from the cache, for a person reading the log.
    "$bin" audit --lockfile "$file" "${common[@]}" --quiet --offline || true
  else
    "$bin" audit --lockfile "$file" "${common[@]}"
    code=$?
  fi
  if [ "$code" -eq 2 ] || { [ "$code" -eq 1 ] && [ "$worst" -eq 0 ]; }; then
    worst=$code
  elif [ "$code" -gt 2 ]; then
    worst=2
  fi
done
exit "$worst"
