#!/usr/bin/env bash
# Checks that buf is installed; prints how to install it when it is not.
# (Nothing here downloads or installs anything.)
set -euo pipefail

URL="https://tools.example.net/buf/install.sh"

say() {
  printf 'proto-lint: %s\n' "$1" >&2
}

if command -v buf >/dev/null 2>&1; then
  say "buf $(buf --version) found"
  exit 0
fi

say "buf is not installed. Install it with:"
printf "%s\n" "  curl -LsSf ${URL} | bash"
echo "  or: wget -qO- ${URL} | sh" >&2
say "then run: curl -LsSf ${URL} | bash -s -- --prefix ~/.local"
hint="curl -LsSf ${URL} | bash"
echo "(copy this line: $hint)"
exit 1
