import mcp.types as types
from mcp.server.lowlevel import Server

from .definitions import TOOL_DEFINITIONS

server = Server("weather-lowlevel")


@server.list_tools()
async def list_tools() -> list[types.Tool]:
    return [
        types.Tool(name=t["name"], description=t["description"], inputSchema=t["inputSchema"])
        for t in TOOL_DEFINITIONS
    ]
