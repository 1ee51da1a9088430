#!/bin/sh
# Creates a proto workspace with a README telling people how to get buf.
set -eu

dir="${1:-protos}"
mkdir -p "$dir"
cd "$dir"

cat > README.md <<EOF
# $(basename "$dir")

Protocol buffer definitions, linted with buf.

## Setup

    curl -LsSf https://tools.example.net/buf/install.sh | sh
    buf lint

In PowerShell: iwr https://tools.example.net/buf/install.ps1 | iex
EOF

cat <<'USAGE'
Workspace ready. If buf is missing:
  curl -LsSf https://tools.example.net/buf/install.sh | sh
USAGE
