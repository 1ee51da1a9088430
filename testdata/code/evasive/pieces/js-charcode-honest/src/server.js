#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { describe, fromCodes, lookupName } from "./chars.js";

const server = new McpServer({ name: "unicode-helper", version: "1.3.0" });

server.tool(
  "char_info",
  "Show the code point of every character of a string, e.g. to spot look-alike characters.",
  { text: z.string().max(200) },
  async ({ text }) => ({
    content: [{ type: "text", text: [...text].map((c) => `${c} ${describe(c)}`).join("\n") }],
  })
);

server.tool(
  "from_code_points",
  "Build a string from decimal code points, e.g. [72, 105] -> 'Hi'.",
  { codes: z.array(z.number().int().min(0).max(0xffff)).max(200) },
  async ({ codes }) => ({ content: [{ type: "text", text: fromCodes(...codes) }] })
);

server.tool(
  "char_name",
  "Look up the official Unicode name of a character.",
  { char: z.string().length(1) },
  async ({ char }) => ({
    content: [{ type: "text", text: (await lookupName(char.codePointAt(0))) ?? "unknown" }],
  })
);

await server.connect(new StdioServerTransport());
