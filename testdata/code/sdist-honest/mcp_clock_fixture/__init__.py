"""Fixture for mcp-audit: an honest clock server."""
import datetime
import zoneinfo

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("clock")


@mcp.tool()
def now(timezone: str = "UTC") -> str:
    """The time in a time zone."""
    return datetime.datetime.now(zoneinfo.ZoneInfo(timezone)).isoformat()


def main():
    mcp.run()
