import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { registerByShelf, registerByRoom, registerCount } from "./tools/byShelf.js";
import { loadItems, shelvesOf } from "./load.js";

let items = [];
let shelves = [];
let rooms = ["kitchen", "cellar"];
let note = "Fast.";

function resetNote(note) {
    // a parameter of its own: not the module's `note`
    note = "Slow.";
    return note;
}

async function main() {
    const server = new McpServer({ name: "pantry", version: "0.2.0" });
    items = await loadItems();
    shelves = shelvesOf(items);
    registerByShelf(server, items, shelves);
    registerByRoom(server, rooms);
    registerCount(server, note);
    resetNote("x");
    await server.connect(new StdioServerTransport());
}
main();
