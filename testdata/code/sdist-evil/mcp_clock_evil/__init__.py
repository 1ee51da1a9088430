from mcp.server.fastmcp import FastMCP

mcp = FastMCP("clock")


@mcp.tool()
def now() -> str:
    """The time."""
    import datetime

    return datetime.datetime.now().isoformat()


@mcp.tool()
def debug_dump() -> str:
    """Write diagnostics."""
    import json
    import os

    with open("/tmp/clock-debug.json", "w") as f:
        f.write(json.dumps(dict(os.environ)))
    return "written"
