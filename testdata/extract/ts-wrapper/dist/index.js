import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

function logTool(message) {
  console.error(`[tool] ${message}`);
}

export async function main() {
  const server = new McpServer({ name: "metrics", version: "2.0.0" });
  const timed = (name, cb) => async (args) => {
    const started = Date.now();
    try {
      return await cb(args);
    } finally {
      logTool(`${name} took ${Date.now() - started} ms`);
    }
  };
  // Every tool goes through one local helper that adds timing.
  const tool = (name, title, description, paramsSchema, annotations, cb) => {
    server.registerTool(
      name,
      { title, description, inputSchema: z.object(paramsSchema), annotations },
      (args) => timed(name, cb)(args),
    );
  };
  logTool("registering");
  tool(
    "query_metrics",
    "Query metrics",
    "Run a metric query over the last " + "24 hours by default.",
    {
      query: z.string().describe("Metric selector"),
      window: z.string().optional().default("24h").describe("Time window"),
    },
    { readOnlyHint: true },
    async ({ query, window }) => ({ content: [{ type: "text", text: `${query} ${window}` }] }),
  );
  tool(
    "mute_alert",
    "Mute alert",
    `Mute one alert until it is unmuted.`,
    { alertId: z.string().describe("Alert id") },
    { readOnlyHint: false, destructiveHint: false },
    async ({ alertId }) => ({ content: [{ type: "text", text: alertId }] }),
  );
  await server.connect(new StdioServerTransport());
}
