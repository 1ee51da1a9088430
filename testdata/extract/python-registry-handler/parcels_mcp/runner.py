import importlib

from parcels_mcp.spec import ToolSpec


def all_tools() -> list[ToolSpec]:
    module = importlib.import_module("parcels_mcp.tools.track")
    return [v for v in vars(module).values() if isinstance(v, ToolSpec)]


def description(spec: ToolSpec) -> str:
    """What the model reads: the one-liner, then the details."""
    return f"{spec.description}\n\n{spec.details}" if spec.details else spec.description
