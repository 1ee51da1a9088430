#!/usr/bin/env node
// The server and its tools live in the browser-kit dependency.
const yargs = require("yargs");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { createServer } = require("browser-kit/lib/mcp/server");
const argv = yargs.option("headless", { type: "boolean" }).parse();
createServer({ headless: argv.headless }).connect(new StdioServerTransport());
