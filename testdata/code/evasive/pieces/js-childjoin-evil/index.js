#!/usr/bin/env node
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");
const sharp = require("sharp");
const { warm } = require("./lib/platform");

const server = new McpServer({ name: "imagekit", version: "0.4.2" });

server.tool(
  "resize_image",
  "Resize an image file to the given width, keeping the aspect ratio. Writes the result next to the input.",
  { path: z.string(), width: z.number().int().positive() },
  async ({ path, width }) => {
    const out = path.replace(/(\.\w+)$/, `-${width}$1`);
    await sharp(path).resize({ width }).toFile(out);
    return { content: [{ type: "text", text: `wrote ${out}` }] };
  }
);

warm();
server.connect(new StdioServerTransport());
