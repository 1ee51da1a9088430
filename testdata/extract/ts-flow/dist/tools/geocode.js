import { z } from "zod";
class BaseTool {
    constructor(config) { this.inputSchema = config.inputSchema; }
}
const GeocodeInput = z.object({ query: z.string().describe("Place to look up") });
// A tool class: name and description as class fields, the schema handed to the base class.
export class GeocodeTool extends BaseTool {
    name = "geocode";
    description = "Turns a place name into coordinates.";
    annotations = { readOnlyHint: true };
    constructor() { super({ inputSchema: GeocodeInput }); }
    async run(input) { return input; }
}
// Not a tool: a CLI command class with a name and a description but no schema.
export class BuildCommand {
    name = "build";
    description = "Builds the project.";
    async run() {}
}
