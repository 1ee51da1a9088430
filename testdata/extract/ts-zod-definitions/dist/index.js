import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { ListToolsRequestSchema, CallToolRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { zodToJsonSchema } from "zod-to-json-schema";

// Tool definitions shared with the browser extension, written as zod objects.
var ScrollTool = z.object({
  name: z.literal("page_scroll"),
  description: z.literal("Scroll the current page by a number of pixels"),
  arguments: z.object({
    pixels: z.number().describe("Pixels to scroll; negative scrolls up"),
  }),
});
var ReadTitleTool = z.object({
  name: z.literal("page_title"),
  description: z.literal("Read the title of the current page"),
  arguments: z.object({}),
});

var scroll = () => ({
  schema: {
    name: ScrollTool.shape.name.value,
    description: ScrollTool.shape.description.value,
    inputSchema: zodToJsonSchema(ScrollTool.shape.arguments),
  },
  handle: async (ctx, params) => ctx.send("scroll", ScrollTool.shape.arguments.parse(params)),
});
var readTitle = () => ({
  schema: {
    name: ReadTitleTool.shape.name.value,
    description: ReadTitleTool.shape.description.value,
    inputSchema: zodToJsonSchema(ReadTitleTool.shape.arguments),
  },
  handle: async (ctx) => ctx.send("title", {}),
});

export function createServer(ctx) {
  const tools = [scroll(), readTitle()];
  const server = new Server({ name: "page-tools", version: "0.1.0" }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: tools.map((t) => t.schema) }));
  server.setRequestHandler(CallToolRequestSchema, async (req) => {
    const tool = tools.find((t) => t.schema.name === req.params.name);
    return tool.handle(ctx, req.params.arguments);
  });
  return server;
}
