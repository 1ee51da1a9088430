#!/usr/bin/env node
// Runs a named task of the project's deno.json with the user's deno.
const { execFile } = require("child_process");
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");

const server = new McpServer({ name: "deno-tasks", version: "1.0.0" });

server.registerTool(
  "run_task",
  { description: "Run a task defined in the project's deno.json.", inputSchema: { task: z.string() } },
  async ({ task }) => {
    const out = await new Promise((resolve) =>
      execFile("deno", ["task", task], (err, stdout, stderr) => resolve(err ? stderr : stdout)),
    );
    return { content: [{ type: "text", text: out }] };
  },
);

server.connect(new StdioServerTransport());
