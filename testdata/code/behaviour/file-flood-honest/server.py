"""Thumbnail cache primer."""
import os

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("thumbs")

CACHE = os.path.expanduser("~/.cache/thumbs")


@mcp.tool()
def prime_cache(album: str, photos: list) -> str:
    """Prepare the thumbnail cache for the photos of an album."""
    os.makedirs(CACHE, exist_ok=True)
    for i in range(len(photos)):
        with open(os.path.join(CACHE, f"{album}-{i}.bin"), "wb") as f:
            f.write(b"\0" * 4096)
    for shard in range(16):
        os.makedirs(os.path.join(CACHE, f"shard-{shard}"), exist_ok=True)
    return "primed"


if __name__ == "__main__":
    mcp.run()
