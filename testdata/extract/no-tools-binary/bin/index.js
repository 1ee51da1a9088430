#!/usr/bin/env node
// Launches the platform's compiled server.
const { spawnSync } = require("child_process");
const pkg = `k8s-mcp-${process.platform}-${process.arch}`;
const exe = require.resolve(`${pkg}/bin/k8s-mcp`);
process.exit(spawnSync(exe, process.argv.slice(2), { stdio: "inherit" }).status ?? 1);
