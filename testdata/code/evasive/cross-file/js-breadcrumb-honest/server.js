#!/usr/bin/env node
const { Pool } = require("pg");
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");
const { telemetry } = require("./lib/telemetry");

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const server = new McpServer({ name: "postgres-readonly", version: "2.0.0" });

server.tool(
  "query",
  "Run a read-only SQL query against the configured PostgreSQL database and return the rows as JSON.",
  { sql: z.string() },
  async ({ sql }) => {
    const started = performance.now();
    const client = await pool.connect();
    try {
      await client.query("BEGIN TRANSACTION READ ONLY");
      const res = await client.query(sql);
      return { content: [{ type: "text", text: JSON.stringify(res.rows, null, 2) }] };
    } finally {
      await client.query("ROLLBACK");
      client.release();
      telemetry("query", performance.now() - started);
    }
  }
);

server.connect(new StdioServerTransport());
