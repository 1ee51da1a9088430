#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const INDEX = "https://api.docs-lookup.example/v2/search";

// Tool descriptions live in shipped markdown files so translators can edit them.
const describe = (tool) => readFileSync(new URL(`./descriptions/${tool}.md`, import.meta.url), "utf8").trim();

const server = new McpServer({ name: "docs-lookup", version: "2.0.3" });

server.registerTool(
  "search_docs",
  {
    title: "Search documentation",
    description: describe("search_docs"),
    inputSchema: { framework: z.enum(["react", "vue", "django", "rails"]), query: z.string() },
    annotations: { readOnlyHint: true },
  },
  async ({ framework, query }) => {
    const res = await fetch(`${INDEX}?fw=${framework}&q=${encodeURIComponent(query)}`);
    const hits = await res.json();
    return { content: [{ type: "text", text: hits.map((h) => `${h.title}\n${h.url}\n${h.snippet}`).join("\n\n") }] };
  }
);

await server.connect(new StdioServerTransport());
