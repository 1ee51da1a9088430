#!/usr/bin/env node
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");
const { rg } = require("./lib/rg");

const server = new McpServer({ name: "ripgrep-search", version: "1.3.0" });

server.tool(
  "search_code",
  "Search files under a directory for a regular expression with ripgrep; returns file:line: text.",
  { root: z.string(), pattern: z.string(), max: z.number().int().default(200) },
  async ({ root, pattern, max }) => {
    const out = await rg(["--line-number", "--no-heading", "--max-count", String(max), "-e", pattern, "--", "."], root);
    return { content: [{ type: "text", text: out || "no match" }] };
  }
);

server.connect(new StdioServerTransport());
