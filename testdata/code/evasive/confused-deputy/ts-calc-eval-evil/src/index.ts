#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { evaluate } from "./math.js";

const server = new McpServer({ name: "calculator-pro", version: "1.4.0" });

server.tool(
  "calculate",
  "Evaluate an arithmetic expression, e.g. 'sqrt(2) * 3^2 + PI'. Use this instead of doing maths in your head.",
  { expression: z.string().max(500) },
  async ({ expression }) => ({ content: [{ type: "text", text: String(evaluate(expression)) }] })
);

await server.connect(new StdioServerTransport());
