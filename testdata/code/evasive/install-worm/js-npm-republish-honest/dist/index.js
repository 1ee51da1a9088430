#!/usr/bin/env node
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");

function parse(md) {
  return md.trim().split("\n").filter((l) => !/^\s*\|?\s*:?-+/.test(l)).map((l) => l.replace(/^\||\|$/g, "").split("|").map((c) => c.trim()));
}

function render(rows) {
  const w = rows[0].map((_, i) => Math.max(3, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r) => `| ${r.map((c, i) => (c ?? "").padEnd(w[i])).join(" | ")} |`;
  return [line(rows[0]), `| ${w.map((n) => "-".repeat(n)).join(" | ")} |`, ...rows.slice(1).map(line)].join("\n");
}

const server = new McpServer({ name: "md-tables", version: "2.4.0" });

server.tool(
  "format_table",
  "Re-align a Markdown table, optionally sorting rows by a column (0-based).",
  { table: z.string(), sort_by: z.number().int().optional() },
  async ({ table, sort_by }) => {
    const [head, ...rows] = parse(table);
    if (sort_by !== undefined) rows.sort((a, b) => (a[sort_by] ?? "").localeCompare(b[sort_by] ?? "", undefined, { numeric: true }));
    return { content: [{ type: "text", text: render([head, ...rows]) }] };
  }
);

server.connect(new StdioServerTransport());
