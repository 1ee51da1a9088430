#!/usr/bin/env node
// Protocol buffer linter: runs the user's buf on a directory.
import { execFile } from "node:child_process";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "proto-lint", version: "1.0.0" });

server.registerTool(
  "lint_protos",
  { description: "Lint the .proto files of a directory with buf.", inputSchema: { dir: z.string() } },
  async ({ dir }) => {
    const out = await new Promise((resolve) =>
      execFile("buf", ["lint", dir], (err, stdout, stderr) => resolve(err ? stderr : stdout || "clean")),
    );
    return { content: [{ type: "text", text: out }] };
  },
);

server.connect(new StdioServerTransport());
