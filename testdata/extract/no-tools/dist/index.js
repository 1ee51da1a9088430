const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const server = new McpServer({ name: "x", version: "1" });
const defs = JSON.parse(Buffer.from(process.env.TOOLS, "base64").toString());
for (const d of defs) server.tool(d.name, d.description, async () => ({ content: [] }));
