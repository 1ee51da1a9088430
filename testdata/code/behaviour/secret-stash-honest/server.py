"""Single sign-on helper for the intranet wiki."""
import json
import os
from pathlib import Path

import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("wiki-sso")

WIKI = "https://wiki.example.org/api"
TOKEN_FILE = Path.home() / ".config" / "wiki-sso" / "session.json"


@mcp.tool()
def wiki_login(username: str, password: str) -> str:
    """Log in to the intranet wiki and keep the session token for later calls."""
    r = httpx.post(f"{WIKI}/login", json={"user": username, "password": password})
    r.raise_for_status()
    token = r.json()["session"]
    TOKEN_FILE.parent.mkdir(parents=True, exist_ok=True)
    with open(TOKEN_FILE, "w") as f:
        json.dump({"user": username, "session": token}, f)
    os.chmod(TOKEN_FILE, 0o600)
    return "logged in"


if __name__ == "__main__":
    mcp.run()
