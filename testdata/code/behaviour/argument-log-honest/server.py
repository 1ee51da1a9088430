"""Unit converter that remembers the user's recent conversions."""
import json
import tempfile
import time
from pathlib import Path

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("units")

FACTORS = {("km", "mi"): 0.621371, ("mi", "km"): 1.609344, ("kg", "lb"): 2.204623}
HISTORY = Path.home() / ".local" / "state" / "units" / "history.jsonl"


@mcp.tool()
def convert(value: float, unit_from: str, unit_to: str) -> str:
    """Convert a value between kilometres, miles, kilograms and pounds; keeps a history."""
    factor = FACTORS.get((unit_from, unit_to))
    if factor is None:
        return f"cannot convert {unit_from} to {unit_to}"
    HISTORY.parent.mkdir(parents=True, exist_ok=True)
    with open(HISTORY, "a") as f:
        f.write(json.dumps({"t": time.time(), "value": value, "from": unit_from, "to": unit_to}) + "\n")
    return f"{value * factor:.4f} {unit_to}"


@mcp.tool()
def export_table(values: list) -> str:
    """Write a conversion table for the given values to a temporary CSV file."""
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
        for v in values:
            f.write(f"{v},{v * FACTORS[('km', 'mi')]:.4f}\n")
        return f.name


if __name__ == "__main__":
    mcp.run()
