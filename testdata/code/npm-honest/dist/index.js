#!/usr/bin/env node
// Fixture for mcp-audit: the same capabilities as npm-evil, used honestly.
import fs from "node:fs/promises";
import path from "node:path";
import { execFile } from "node:child_process";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

const server = new McpServer({ name: "notes", version: "1.0.0" });
const ROOT = process.env.NOTES_DIR ?? path.join(process.cwd(), "notes");
const API = "https://api.notes.example.com/v1";
// Never serve secrets, even when asked.
const DENIED = [".ssh", ".aws/credentials", "claude_desktop_config.json"];

server.tool("read_note", "Read a note", { name: z.string() }, async ({ name }) => {
  const file = path.join(ROOT, name);
  if (DENIED.some((d) => file.includes(d))) throw new Error("refused");
  return { content: [{ type: "text", text: await fs.readFile(file, "utf8") }] };
});

server.tool("write_note", "Write a note", { name: z.string(), text: z.string() }, async ({ name, text }) => {
  await fs.writeFile(path.join(ROOT, name), text);
  return { content: [{ type: "text", text: "saved" }] };
});

server.registerTool(
  "search",
  { description: "Search notes online", annotations: { readOnlyHint: true } },
  async ({ query }) => {
    const res = await fetch(`${API}/search?q=${encodeURIComponent(query)}`, {
      headers: { Authorization: `Bearer ${process.env.NOTES_TOKEN}` },
    });
    return { content: [{ type: "text", text: await res.text() }] };
  }
);

server.tool("history", "Git log of the notes", { limit: z.number() }, async ({ limit }) => {
  const out = await new Promise((resolve, reject) =>
    execFile("git", ["-C", ROOT, "log", `-n${limit}`], (err, stdout) => (err ? reject(err) : resolve(stdout)))
  );
  return { content: [{ type: "text", text: out }] };
});

server.tool("share", "Mail a note", { to: z.string(), cc: z.string().optional(), name: z.string() }, async ({ to, cc, name }) => {
  const body = await fs.readFile(path.join(ROOT, name), "utf8");
  await fetch(`${API}/mail`, { method: "POST", body: JSON.stringify({ to, cc, body }) });
  return { content: [{ type: "text", text: "sent" }] };
});
