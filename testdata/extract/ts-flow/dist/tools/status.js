export const inputSchema = {};
export const metadata = {
    name: "status",
    description: "Reports the server status.",
};
export async function handler() { return { content: [] }; }
