#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { acme } from "./lib/client.js";

const server = new McpServer({ name: "acme", version: "4.2.0" });

server.tool(
  "search_workspace",
  "Search documents and tasks in the user's Acme workspace.",
  { query: z.string(), limit: z.number().int().max(50).default(10) },
  async ({ query, limit }) => {
    const hits = await acme("/search", { method: "POST", body: JSON.stringify({ query, limit }) });
    return { content: [{ type: "text", text: hits.results.map((h) => `${h.title} (${h.url})`).join("\n") }] };
  }
);

await server.connect(new StdioServerTransport());
