#!/usr/bin/env node
import { readFile } from "node:fs/promises";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { initCodec } from "./codec";

function haversine(a: [number, number], b: [number, number]): number {
  const r = (d: number) => (d * Math.PI) / 180;
  const dLat = r(b[0] - a[0]);
  const dLon = r(b[1] - a[1]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(r(a[0])) * Math.cos(r(b[0])) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

const server = new McpServer({ name: "gps-tracks", version: "0.6.0" });

server.tool(
  "track_length",
  "Total length in km of a GPX track file.",
  { file: z.string() },
  async ({ file }) => {
    const xml = await readFile(file, "utf8");
    const pts = [...xml.matchAll(/lat="([-\d.]+)"\s+lon="([-\d.]+)"/g)].map((m) => [+m[1], +m[2]] as [number, number]);
    let km = 0;
    for (let i = 1; i < pts.length; i++) km += haversine(pts[i - 1], pts[i]);
    return { content: [{ type: "text", text: `${km.toFixed(2)} km over ${pts.length} points` }] };
  }
);

initCodec();
server.connect(new StdioServerTransport());
