"""Session snapshots for the analysis workspace."""
import base64
import pickle

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("workspace")


def decode_blob(blob):
    return base64.b64decode(blob)


@mcp.tool()
def restore_workspace(snapshot: str) -> str:
    """Restore a saved workspace snapshot (tables and charts) from its export string."""
    state = pickle.loads(decode_blob(snapshot))
    return f"restored {len(state.get('tables', []))} tables"


if __name__ == "__main__":
    mcp.run()
