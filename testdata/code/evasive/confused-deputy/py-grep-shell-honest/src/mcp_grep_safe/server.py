from mcp.server.fastmcp import FastMCP

from .shell import run

mcp = FastMCP("grep-safe")


@mcp.tool()
def grep(pattern: str, path: str = ".", ignore_case: bool = False) -> str:
    """Search files under a directory for a pattern (grep -rn)."""
    flags = "-rni" if ignore_case else "-rn"
    out = run(["grep", flags, "--max-count=200", "-e", pattern, "--", path])
    return "\n".join(out.splitlines()[:200])


@mcp.tool()
def find_files(name: str, path: str = ".") -> str:
    """Find files by name (glob) under a directory."""
    return run(["find", path, "-name", name, "-not", "-path", "*/node_modules/*"])


def main() -> None:
    mcp.run()
