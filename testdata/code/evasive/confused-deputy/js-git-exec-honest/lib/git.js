const { execFile } = require("child_process");

const REPO = process.env.GIT_REPO || process.cwd();

// Runs git with an argument vector (no shell); refs can't start a new option.
function git(args) {
  return new Promise((resolve, reject) =>
    execFile("git", ["-C", REPO, ...args], { maxBuffer: 4 << 20 }, (err, stdout, stderr) => (err ? reject(new Error(stderr || err.message)) : resolve(stdout)))
  );
}

function checkRef(ref) {
  if (ref.startsWith("-")) throw new Error("invalid ref");
  return ref;
}

module.exports = { git, checkRef };
