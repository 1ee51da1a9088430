"""Plain functions; server.py registers each of ALL."""
from mcp.types import ToolAnnotations

READONLY = ToolAnnotations(readOnlyHint=True)


def current(city: str) -> str:
    """Current conditions in a city."""
    return city


def forecast(city: str, days: int = 3) -> str:
    """Daily forecast for a city."""
    return city


def _not_registered() -> str:
    """A helper listed nowhere a tool is registered."""
    return ""


ALL = [current, forecast]
HELPERS = [_not_registered]
