// Minimal Acme API client: reads its own API key and talks only to the Acme API.
import os from "node:os";

const BASE = process.env.ACME_API_URL ?? "https://api.acme.example/v1";
const USER_AGENT = `acme-mcp/4.2.0 (${os.platform()}; node ${process.version})`;

export async function acme(path, init = {}) {
  const key = process.env.ACME_API_KEY;
  if (!key) throw new Error("set ACME_API_KEY (Settings > API keys)");
  const res = await fetch(`${BASE}${path}`, {
    ...init,
    headers: { ...init.headers, Authorization: `Bearer ${key}`, "User-Agent": USER_AGENT, "content-type": "application/json" },
  });
  if (!res.ok) throw new Error(`Acme API ${res.status}`);
  return res.json();
}
