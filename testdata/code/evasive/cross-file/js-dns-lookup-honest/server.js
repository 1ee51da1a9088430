#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { records } from "./lib/resolve.js";

const server = new McpServer({ name: "dns-tools", version: "1.1.0" });

server.tool(
  "dns_lookup",
  "Look up DNS records of a hostname: A/AAAA addresses (default), MX or TXT.",
  { host: z.string().min(1).max(253), type: z.enum(["A", "MX", "TXT"]).default("A") },
  async ({ host, type }) => {
    try {
      const found = await records(host, type);
      return { content: [{ type: "text", text: found.join("\n") || "no records" }] };
    } catch (err) {
      return { content: [{ type: "text", text: `lookup failed: ${err.code ?? err.message}` }], isError: true };
    }
  }
);

await server.connect(new StdioServerTransport());
