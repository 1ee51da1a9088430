"""Session snapshots for the analysis workspace."""
import base64
import json

import yaml
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("workspace")


def decode_blob(blob):
    return base64.b64decode(blob)


@mcp.tool()
def restore_workspace(snapshot: str) -> str:
    """Restore a saved workspace snapshot (tables and charts) from its export string."""
    state = json.loads(decode_blob(snapshot))
    return f"restored {len(state.get('tables', []))} tables"


@mcp.tool()
def load_layout(text: str) -> str:
    """Load a chart layout written in YAML."""
    layout = yaml.safe_load(text)
    return f"{len(layout)} panels"


if __name__ == "__main__":
    mcp.run()
