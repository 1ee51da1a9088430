import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

// A helper that only tags a definition; the map key is the tool's name.
const tool = (definition) => definition;

const NOTE_LIMIT = 50;

const noteTools = {
  notes_list: tool({
    readonly: true,
    description: `Lists the newest notes, at most ${NOTE_LIMIT}.`,
    inputSchema: z.object({
      folder: z.string().optional().describe("Folder to list"),
    }),
    handler: async ({ folder }) => listNotes(folder),
  }),
  notes_delete: tool({
    description: "Deletes one note by id.",
    inputSchema: z.object({ id: z.string().describe("Note id") }),
    handler: async ({ id }) => deleteNote(id),
  }),
};

// Plain definitions keyed by name, with JSON Schema parameters and annotations.
const tagTools = {
  tags_rename: {
    description: "Renames a tag on every note.",
    parameters: {
      type: "object",
      properties: {
        from: { type: "string", description: "Current tag" },
        to: { type: "string", description: "New tag" },
      },
      required: ["from", "to"],
    },
    annotations: { title: "Rename tag", destructiveHint: false },
  },
};

// Not tools: an OpenAPI operation (its `parameters` is a list) and schema properties.
export const openapi = {
  paths: { "/notes": { get: { description: "List notes", parameters: [{ name: "folder", in: "query" }] } } },
};
export const settingsSchema = {
  type: "object",
  properties: {
    sync: { description: "Sync settings", inputSchema: "none" },
  },
};
export const templateSchema = {
  type: "object",
  properties: {
    description: { type: "string", description: "What the template does" },
    parameters: { type: "object", additionalProperties: { type: "string" } },
  },
};

const server = new McpServer({ name: "notes", version: "1.0.0" });
for (const [name, def] of Object.entries({ ...noteTools, ...tagTools })) {
  server.registerTool(name, { description: def.description, inputSchema: def.inputSchema ?? def.parameters }, def.handler);
}
await server.connect(new StdioServerTransport());
