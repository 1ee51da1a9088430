from mcp import types
from mcp.server.lowlevel import Server

from parcels_mcp.runner import all_tools, description


def build() -> Server:
    server = Server("parcels")

    @server.list_tools()
    async def list_tools() -> list[types.Tool]:
        return [
            types.Tool(name=spec.name, description=description(spec), inputSchema=spec.schema or {})
            for spec in all_tools()
        ]

    return server


def main() -> None:
    build()
