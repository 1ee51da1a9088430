#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { definePageTool } from "page-tools";
import { AccountTools } from "./tools/accounts.js";
import * as docs from "./tools/docs.js";
import * as status from "./tools/status.js";
import { GeocodeTool } from "./tools/geocode.js";
import { tool } from "mcp-framework-core";
import { registerDatabaseTool } from "./tools/database.js";

// A name helper: with TOOL_PREFIX unset (a plain start) the name is the base name.
function toolName(base) {
    const prefix = process.env.TOOL_PREFIX;
    return prefix ? `${prefix}_${base}` : base;
}

class FlowServer extends McpServer {
    // The server's own registration wrapper, with the SDK's `tool()` argument order.
    addToolWithReadAccess(...args) {
        return this.tool(...args);
    }
}

const server = new FlowServer({ name: "flow", version: "1.0.0" });

// Factory results registered in a loop.
AccountTools.map((tool) => tool()).forEach((tool) => server.tool(tool.name, tool.description, tool.schema, tool.handler));

// Tool modules registered through their namespaces.
const modules = [docs, status];
for (const m of modules) {
    server.registerTool(m.metadata.name, { description: m.metadata.description, inputSchema: m.inputSchema }, m.handler);
}

server.addToolWithReadAccess("custom_fields_list", "Lists custom fields and their values.", {
    includeDisabled: z.boolean().optional().describe("Include disabled fields"),
}, async () => ({ content: [] }));

server.registerTool(toolName("search_issues"), { description: "Searches issues." }, async () => ({ content: [] }));

// A page tool defined with a dependency's helper: the object is written here.
export const click = definePageTool(() => ({
    name: "click",
    description: "Clicks an element of the page.",
    schema: z.object({ ref: z.string().describe("Element reference") }),
    handler: async () => ({ content: [] }),
}));

const geocode = new GeocodeTool();
server.registerTool(geocode.name, { description: geocode.description, inputSchema: geocode.inputSchema }, (i) => geocode.run(i));

// A framework's `tool(name, config)` (the framework is a dependency).
export const spellCheck = tool("spell_check", {
    description: "Spell-checks a query.",
    input: z.object({ query: z.string().describe("Query to check") }),
    handler: async () => ({}),
});

// `registerTool`'s two arguments as one object, through a local identity helper.
function defineTool(tool) { return tool; }
export const goBack = defineTool({
    name: "go_back",
    config: { description: "Goes back one page." },
    handle: async () => ({ content: [] }),
});

// Names from a compiled TypeScript enum.
var ToolName;
(function (ToolName) {
    ToolName["Navigate"] = "browser_navigate";
})(ToolName || (ToolName = {}));
server.registerTool(ToolName.Navigate, { description: "Opens a URL." }, async () => ({ content: [] }));

// The server's own helper, called with the tool's parts.
registerDatabaseTool(server, "list_indexes", { title: "List indexes", description: "Lists the indexes." }, async () => ({}));

// Not tools: a tooltip helper, a CLI command table, a database table description, a telemetry call.
export const commands = [
    { name: "serve", description: "Starts the server.", handler: () => {} },
];
export const tables = [{ name: "users", description: "Registered users.", schema: "public" }];
function trackToolUse(name, data) { return { name, data }; }
function buildTooltip(id, config) { return { id, ...config }; }
buildTooltip("search_issues", { description: "Shown on hover." });
trackToolUse("search_issues", { durationMs: 3 });

await server.connect(new StdioServerTransport());
