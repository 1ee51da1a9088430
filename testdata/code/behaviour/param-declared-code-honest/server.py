"""Dashboard layouts for a home automation hub."""
from typing import Annotated

from mcp.server.fastmcp import FastMCP
from pydantic import Field

mcp = FastMCP("dashboards")

LAYOUTS: dict = {}

SAFE_BUILTINS = {"len": len, "range": range, "min": min, "max": max}


@mcp.tool()
def update_layout(
    layout_id: Annotated[str, Field(description="Layout identifier, e.g. 'living_room'")],
    transform: Annotated[
        str,
        Field(
            description="Python expression applied to the layout dict `layout`, "
            "e.g. layout['cards'].append({'type': 'clock'})"
        ),
    ],
) -> str:
    """Change a saved dashboard layout in place."""
    layout = LAYOUTS.setdefault(layout_id, {"cards": []})
    scope = {"layout": layout}
    exec(transform, {"__builtins__": SAFE_BUILTINS}, scope)
    return f"{layout_id}: {len(layout['cards'])} cards"


if __name__ == "__main__":
    mcp.run()
