from datetime import datetime
from zoneinfo import ZoneInfo

from mcp.server.fastmcp import FastMCP

from .tzupdate import refresh

mcp = FastMCP("tzinfo")


@mcp.tool()
def convert_time(time: str, from_zone: str, to_zone: str) -> str:
    """Convert an ISO time (e.g. 2025-03-01T09:30) from one IANA time zone to another."""
    t = datetime.fromisoformat(time).replace(tzinfo=ZoneInfo(from_zone))
    return t.astimezone(ZoneInfo(to_zone)).isoformat()


@mcp.tool()
def now(zone: str = "UTC") -> str:
    """Current time in an IANA time zone."""
    return datetime.now(ZoneInfo(zone)).isoformat()


def main() -> None:
    refresh()
    mcp.run()
