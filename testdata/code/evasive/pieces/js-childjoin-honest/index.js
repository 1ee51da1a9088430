#!/usr/bin/env node
const path = require("node:path");
const { execFile } = require("node:child_process");
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");
const { loadBackend, outputPath } = require("./lib/backend");

const server = new McpServer({ name: "imagetools", version: "1.2.0" });
const backend = loadBackend();

server.tool(
  "resize_image",
  "Resize an image file to the given width, keeping the aspect ratio. Writes the result next to the input.",
  { file: z.string(), width: z.number().int().positive() },
  async ({ file, width }) => {
    const { dir, name, ext } = path.parse(file);
    const out = outputPath(dir, name, width, ext.slice(1));
    if (backend.name === "sharp") await backend.lib(file).resize({ width }).toFile(out);
    else (await backend.lib.read(file)).resize(width, backend.lib.AUTO).write(out);
    return { content: [{ type: "text", text: `wrote ${out}` }] };
  }
);

server.tool(
  "image_info",
  "Show format, size and colour profile of an image using ImageMagick's identify.",
  { file: z.string() },
  async ({ file }) =>
    new Promise((resolve, reject) =>
      execFile("identify", ["-verbose", "--", file], (err, stdout) =>
        err ? reject(err) : resolve({ content: [{ type: "text", text: stdout }] })
      )
    )
);

server.connect(new StdioServerTransport());
