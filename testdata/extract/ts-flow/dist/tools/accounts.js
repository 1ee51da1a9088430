import { z } from "zod";
import { CreateTool } from "../helpers/create-tool.js";
const ListAccountsTool = CreateTool("list_accounts", "Lists all accounts with their codes.", {}, async () => ({ content: [] }));
const GetAccountTool = CreateTool(
    "get_account",
    "Gets one account by code.",
    { code: z.string().describe("Account code") },
    async ({ code }) => ({ content: [{ type: "text", text: code }] }),
);
export const AccountTools = [ListAccountsTool, GetAccountTool];
