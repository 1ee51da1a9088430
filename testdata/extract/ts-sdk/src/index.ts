import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { SEARCH_DESCRIPTION } from "./constants.js";
import * as text from "./text.js";

const PREFIX = "Read";
const READ_DESCRIPTION = PREFIX + " the complete contents of a file " + `as text.`;

const server = new McpServer(
  { name: "demo", version: "1.0.0" },
  { instructions: "Use these tools to work with " + "files." },
);

server.registerTool(
  "read_text_file",
  {
    title: "Read Text File",
    description: READ_DESCRIPTION,
    inputSchema: {
      path: z.string().describe("Path of the file"),
      head: z.number().optional().describe("Only the first N lines"),
    },
    annotations: { readOnlyHint: true, openWorldHint: false },
  },
  async ({ path }) => ({ content: [{ type: "text", text: path }] }),
);

server.tool("echo", "Echo text back", { text: z.string().describe("Text to echo") }, async ({ text }) => ({
  content: [{ type: "text", text }],
}));

server.tool("ping", async () => ({ content: [] }));

server.tool("search", SEARCH_DESCRIPTION, { query: z.string() }, { readOnlyHint: true }, async () => ({ content: [] }));

server.registerTool(
  "v2_style",
  {
    description: `Multi-line
template without substitutions`,
    inputSchema: z.object({ id: z.enum(["a", "b"]).describe("Which one"), n: z.number().int().default(3) }),
  },
  async () => ({ content: [] }),
);

server.tool("list_dir", text.LIST_DESCRIPTION, { path: z.string() }, async () => ({ content: [] }));

server.registerPrompt("summarize", { description: "Summarize a file" }, async () => ({ messages: [] }));
