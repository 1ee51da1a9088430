export const inputSchema = {};
export const metadata = {
    name: "docs_search",
    description: "Searches the bundled documentation.",
};
export async function handler() { return { content: [] }; }
