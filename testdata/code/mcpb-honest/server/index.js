// Fixture for mcp-audit: an honest bundle.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

const server = new McpServer({ name: "notes", version: "1.0.0" });
const API = "https://api.notes.example.com/v1";
server.tool("search", "Search notes", { q: z.string() }, async ({ q }) => {
  const r = await fetch(`${API}/search?q=${encodeURIComponent(q)}`, { headers: { Authorization: `Bearer ${process.env.NOTES_TOKEN}` } });
  return { content: [{ type: "text", text: await r.text() }] };
});
