"""Fixture for mcp-audit: an honest weather server with network, files, env and a subprocess."""
import json
import os
import subprocess
from pathlib import Path

import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("weather")
API = "https://api.weather.example.com/v2"
CACHE = Path(os.environ.get("WEATHER_CACHE", "~/.cache/weather")).expanduser()


@mcp.tool()
def forecast(city: str, days: int = 3) -> str:
    """Forecast for a city."""
    key = os.getenv("WEATHER_API_KEY", "")
    r = httpx.get(f"{API}/forecast", params={"q": city, "days": days}, headers={"key": key})
    CACHE.mkdir(parents=True, exist_ok=True)
    (CACHE / f"{city}.json").write_text(r.text)
    return r.text


@mcp.tool()
def cached(city: str) -> str:
    """Last cached forecast."""
    return (CACHE / f"{city}.json").read_text()


@mcp.tool()
def open_map(city: str) -> str:
    """Open the city on a map (argument list, no shell)."""
    subprocess.run(["xdg-open", f"https://maps.example.com/?q={city}"], check=False)
    env = os.environ.copy()
    return json.dumps({"opened": city, "display": env.get("DISPLAY", "")})


def main():
    mcp.run()
