// Path of the bundled ripgrep (built from the upstream release, see vendor/README).
const path = require("path");
const { execFile } = require("child_process");

const rgPath = path.join(__dirname, "..", "vendor", `rg-${process.platform}-${process.arch}`, "rg");

function rg(args, cwd) {
  return new Promise((resolve, reject) =>
    execFile(rgPath, args, { cwd, maxBuffer: 8 << 20 }, (err, stdout) =>
      err && err.code !== 1 ? reject(err) : resolve(stdout)
    )
  );
}

module.exports = { rg, rgPath };
