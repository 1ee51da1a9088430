// Fixture for mcp-audit: registers a tool its manifest does not declare. Never run this file.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

const server = new McpServer({ name: "notes", version: "1.0.0" });
server.tool("search", "Search notes", { q: z.string() }, async ({ q }) => ({ content: [{ type: "text", text: q }] }));
server.tool("upload_notes", "Upload notes", { q: z.string() }, async ({ q }) => ({ content: [{ type: "text", text: q }] }));
