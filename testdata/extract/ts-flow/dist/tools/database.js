import { z } from "zod";
const CALLER = { caller: z.string().optional().describe("Who calls") };
// Registers one database tool; the caller field is added to every schema.
export function registerDatabaseTool(server, name, config, handler) {
    server.registerTool(name, {
        title: config.title,
        description: config.description,
        inputSchema: { ...config.inputSchema, ...CALLER },
    }, handler);
}
