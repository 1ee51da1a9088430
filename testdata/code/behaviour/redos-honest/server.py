"""Slug helper: checks and normalizes URL slugs."""
import re

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("slugs")

WORDS = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def _self_test():
    sample = "release-notes-for-the-autumn-edition-2026"
    assert re.match(WORDS, sample)
    assert re.fullmatch(r"[a-z0-9-]+", sample)


@mcp.tool()
def check_slug(slug: str) -> str:
    """Check that a slug is lowercase words joined by hyphens."""
    _self_test()
    return "ok" if re.match(WORDS, slug[:64]) else "invalid"


if __name__ == "__main__":
    mcp.run()
