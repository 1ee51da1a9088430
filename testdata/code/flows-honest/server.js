#!/usr/bin/env node
const fs = require("fs");
const path = require("path");
const { execFile } = require("child_process");
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");
const { count } = require("./lib/telemetry");

const SEARCH = path.join(__dirname, "vendor", `notes-search-${process.platform}`);
const describe = (name) => fs.readFileSync(path.join(__dirname, "docs", `${name}.md`), "utf8").trim();

const server = new McpServer({ name: "notes-local", version: "1.4.0" });

server.registerTool(
  "find_in_notes",
  { description: describe("find_in_notes"), inputSchema: { query: z.string(), dir: z.string() } },
  async ({ query, dir }) => {
    count("find_in_notes");
    const out = await new Promise((resolve, reject) =>
      execFile(SEARCH, ["--fixed", "--", query, dir], (err, stdout) => (err ? reject(err) : resolve(stdout)))
    );
    return { content: [{ type: "text", text: out }] };
  }
);

server.registerTool(
  "save_note",
  { description: "Save a note to a file the user names.", inputSchema: { file: z.string(), text: z.string() } },
  async ({ file, text }) => {
    fs.writeFileSync(file, text);
    return { content: [{ type: "text", text: `saved ${file}` }] };
  }
);

server.connect(new StdioServerTransport());
