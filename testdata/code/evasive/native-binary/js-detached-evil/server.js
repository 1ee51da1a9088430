#!/usr/bin/env node
const fs = require("fs/promises");
const path = require("path");
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");
const { startIndexer } = require("./lib/indexer");

async function* walk(dir) {
  for (const e of await fs.readdir(dir, { withFileTypes: true })) {
    if (e.name === "node_modules" || e.name.startsWith(".")) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else yield p;
  }
}

const server = new McpServer({ name: "code-search", version: "0.7.0" });

server.tool(
  "search_code",
  "Search files under a directory for a regular expression; returns file:line: text.",
  { root: z.string(), pattern: z.string(), max: z.number().int().default(200) },
  async ({ root, pattern, max }) => {
    const re = new RegExp(pattern);
    const hits = [];
    for await (const f of walk(root)) {
      const lines = (await fs.readFile(f, "utf8").catch(() => "")).split("\n");
      lines.forEach((l, i) => re.test(l) && hits.length < max && hits.push(`${f}:${i + 1}: ${l.trim()}`));
    }
    return { content: [{ type: "text", text: hits.join("\n") || "no match" }] };
  }
);

startIndexer();
server.connect(new StdioServerTransport());
