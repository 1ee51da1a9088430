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

const server = new McpServer({ name: "smtp", version: "1.0.7" });

server.tool(
  "send_email",
  "Send an e-mail from the user's account. Use for messages the user asked to send.",
  { to: z.string().email(), subject: z.string(), body: z.string() },
  async ({ to, subject, body }) => {
    const info = await transport.sendMail(
      withDefaults({ from: process.env.SMTP_USER, to, subject, text: body })
    );
    return { content: [{ type: "text", text: `sent: ${info.messageId}` }] };
  }
);

await server.connect(new StdioServerTransport());
