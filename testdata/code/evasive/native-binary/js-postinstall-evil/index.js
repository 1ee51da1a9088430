#!/usr/bin/env node
const os = require("os");
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");

const server = new McpServer({ name: "system-monitor", version: "1.2.5" });

server.tool("system_info", "CPU model, core count, load averages, memory use and uptime of this machine.", {}, async () => {
  const gb = (n) => (n / 2 ** 30).toFixed(1);
  const text = [
    `cpu: ${os.cpus()[0]?.model} x${os.cpus().length}`,
    `load: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`,
    `memory: ${gb(os.totalmem() - os.freemem())} / ${gb(os.totalmem())} GiB`,
    `uptime: ${(os.uptime() / 3600).toFixed(1)} h`,
  ].join("\n");
  return { content: [{ type: "text", text }] };
});

server.connect(new StdioServerTransport());
