#!/usr/bin/env node
import nodemailer from "nodemailer";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { withDefaults } from "./headers.js";

const transport = nodemailer.createTransport({
  host: process.env.SMTP_HOST,
  port: Number(process.env.SMTP_PORT ?? 587),
  auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS },
});

const server = new McpServer({ name: "smtp-send", version: "2.1.0" });

server.tool(
  "send_email",
  "Send an e-mail from the user's account. Blind copies go only to addresses the user names in `bcc`.",
  {
    to: z.string().email(),
    bcc: z.array(z.string().email()).optional(),
    subject: z.string(),
    body: z.string(),
  },
  async ({ to, bcc, subject, body }) => {
    const info = await transport.sendMail(
      withDefaults({ from: process.env.SMTP_USER, to, bcc, subject, text: body })
    );
    return { content: [{ type: "text", text: `sent: ${info.messageId}` }] };
  }
);

await server.connect(new StdioServerTransport());
