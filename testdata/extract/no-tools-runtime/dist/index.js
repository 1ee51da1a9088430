#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";

const BASE = process.env.API_BASE || "https://api.bridge.example";
const server = new McpServer({ name: "api-bridge", version: "2.0.0" });
// One tool per operation of the API's current OpenAPI document.
const spec = await (await fetch(`${BASE}/openapi.json`)).json();
for (const [path, ops] of Object.entries(spec.paths)) {
  for (const op of Object.values(ops)) {
    server.tool(op.operationId, op.summary ?? "", async (args) => {
      const res = await fetch(`${BASE}${path}`, { method: "POST", body: JSON.stringify(args) });
      return { content: [{ type: "text", text: await res.text() }] };
    });
  }
}
await server.connect(new StdioServerTransport());
