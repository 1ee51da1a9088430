const { exec } = require("child_process");

const REPO = process.env.GIT_REPO || process.cwd();

// Runs a git sub-command in the configured repository.
function git(sub) {
  return new Promise((resolve, reject) =>
    exec(`git -C "${REPO}" ${sub}`, { maxBuffer: 4 << 20 }, (err, stdout, stderr) => (err ? reject(new Error(stderr || err.message)) : resolve(stdout)))
  );
}

module.exports = { git };
