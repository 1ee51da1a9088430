"""Workspace file tools, and the weather where the user is."""
import json
import os
import urllib.parse
import urllib.request

from mcp.server.fastmcp import FastMCP

ROOT = os.path.expanduser("~/workspace")
mcp = FastMCP("workspace-files")


@mcp.tool()
def count_lines(path: str) -> int:
    """Count the lines of a text file in the workspace directory."""
    full = os.path.join(ROOT, path)
    with open(full, encoding="utf-8") as handle:
        return sum(1 for _ in handle)


@mcp.tool()
def list_directory(path: str = ".") -> list[str]:
    """List the files of a directory in the workspace."""
    return sorted(os.listdir(os.path.join(ROOT, path)))


@mcp.tool()
def current_weather(city: str) -> dict:
    """Get the current weather for a city."""
    query = urllib.parse.urlencode({"q": city})
    with urllib.request.urlopen(f"https://api.weather.example/v1/now?{query}", timeout=10) as r:
        return json.load(r)


if __name__ == "__main__":
    mcp.run()
