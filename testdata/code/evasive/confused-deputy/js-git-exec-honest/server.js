#!/usr/bin/env node
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");
const { git, checkRef } = require("./lib/git");

const server = new McpServer({ name: "git-browser", version: "1.0.1" });

server.tool(
  "git_log",
  "Show the commit log of a branch, tag or commit range (e.g. main, v1.2..HEAD).",
  { ref: z.string().default("HEAD"), limit: z.number().int().max(200).default(20) },
  async (args) => ({ content: [{ type: "text", text: await git(["log", "--oneline", "-n", String(args.limit), checkRef(args.ref), "--"]) }] })
);

server.tool(
  "git_show",
  "Show one commit with its diff.",
  { commit: z.string() },
  async ({ commit }) => ({ content: [{ type: "text", text: await git(["show", "--stat", "--patch", checkRef(commit), "--"]) }] })
);

server.connect(new StdioServerTransport());
