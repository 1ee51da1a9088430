// Copies the prebuilt addon for this platform to build/Release (like prebuild-install, no download).
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const src = path.join(root, "prebuilds", `${process.platform}-${process.arch}`, "sysinfo.node");
const dst = path.join(root, "build", "Release", "sysinfo.node");

if (fs.existsSync(src)) {
  fs.mkdirSync(path.dirname(dst), { recursive: true });
  fs.copyFileSync(src, dst);
} else {
  console.warn(`mcp-sysinfo: no prebuilt addon for ${process.platform}-${process.arch}; per-process stats disabled`);
}
