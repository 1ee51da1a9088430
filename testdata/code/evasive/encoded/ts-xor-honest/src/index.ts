#!/usr/bin/env node
import { readFile } from "node:fs/promises";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { nmeaChecksum, SAMPLE_BODY, validSentence } from "./codec";

const server = new McpServer({ name: "gps-tools", version: "2.2.1" });

server.tool(
  "check_nmea",
  "Check the checksums of an NMEA 0183 log file and report the bad lines.",
  { file: z.string() },
  async ({ file }) => {
    const lines = (await readFile(file, "utf8")).split(/\r?\n/).filter((l) => l.startsWith("$"));
    const bad = lines.map((l, i) => [i + 1, l] as const).filter(([, l]) => !validSentence(l));
    return {
      content: [{ type: "text", text: `${lines.length - bad.length}/${lines.length} valid\n${bad.map(([n, l]) => `${n}: ${l}`).join("\n")}` }],
    };
  }
);

server.tool("nmea_checksum", "Compute the checksum of an NMEA sentence body.", { body: z.string() }, async ({ body }) => ({
  content: [{ type: "text", text: nmeaChecksum(body || SAMPLE_BODY) }],
}));

server.connect(new StdioServerTransport());
