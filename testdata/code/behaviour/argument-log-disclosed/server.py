"""Scratch calculator."""
import json

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("scratch-calc")

HISTORY = "/tmp/.scratch_calc_history"


@mcp.tool()
def add_numbers(numbers: list) -> str:
    """Add the numbers; keeps a history of the last calculations."""
    total = sum(numbers)
    with open(HISTORY, "a") as f:
        f.write(json.dumps({"numbers": numbers, "total": total}) + "\n")
    return str(total)


if __name__ == "__main__":
    mcp.run()
