import { FastMCP } from "fastmcp";
import { z } from "zod";
const server = new FastMCP({ name: "demo", version: "1.0.0", instructions: `Prefer scrape over crawl.` });
server.addTool({
  name: "scrape",
  description: "Scrape one URL.",
  parameters: z.object({
    url: z.string().url().describe("The URL"),
    formats: z.array(z.enum(["markdown", "html"])).optional(),
  }),
  annotations: { readOnlyHint: true, openWorldHint: true },
  execute: async (args) => "",
});
server.addPrompt({ name: "plan", description: "Plan a crawl", load: async () => "" });
