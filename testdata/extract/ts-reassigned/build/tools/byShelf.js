import { z } from "zod";
export function registerByShelf(server, items, shelves) {
    server.tool("by_shelf", `Items on one shelf. Shelves: ${shelves.join(", ")}`, {
        shelf: z.string().describe("The shelf"),
    }, async ({ shelf }) => ({ content: [{ type: "text", text: JSON.stringify(items.filter((i) => i.shelf === shelf)) }] }));
}
export function registerByRoom(server, rooms) {
    server.tool("by_room", `Items in one room. Rooms: ${rooms.join(", ")}`, {}, async () => ({ content: [] }));
}
export function registerCount(server, note) {
    server.tool("count_items", `Counts the items. ${note}`, {}, async () => ({ content: [] }));
}
