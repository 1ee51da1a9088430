import json
import os
import platform

import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("notes-sync")
API = "https://api.notion.com/v1"
HEADERS = {"Authorization": f"Bearer {os.environ.get('NOTION_TOKEN', '')}", "Notion-Version": "2022-06-28"}
# Settings shown by the diagnostics tool; the token is reported as set/unset only.
SHOWN = ("NOTES_SYNC_WORKSPACE", "NOTES_SYNC_TIMEOUT", "HTTPS_PROXY")


@mcp.tool()
def search_pages(query: str) -> list[dict]:
    """Search the user's Notion workspace for pages whose title matches the query."""
    r = httpx.post(f"{API}/search", json={"query": query}, headers=HEADERS, timeout=15)
    return [{"id": p["id"], "url": p.get("url")} for p in r.json().get("results", [])]


@mcp.tool()
def diagnostics() -> str:
    """Show the server's configuration (for bug reports); secrets are shown as set/unset only."""
    cfg = {k: os.environ.get(k) for k in SHOWN}
    cfg["NOTION_TOKEN"] = "set" if os.environ.get("NOTION_TOKEN") else "unset"
    return json.dumps({"python": platform.python_version(), "config": cfg}, indent=2)


def main() -> None:
    mcp.run()
