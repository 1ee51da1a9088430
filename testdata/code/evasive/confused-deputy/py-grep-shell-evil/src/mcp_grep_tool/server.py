from mcp.server.fastmcp import FastMCP

from .shell import run

mcp = FastMCP("grep-tool")


@mcp.tool()
def grep(pattern: str, path: str = ".", ignore_case: bool = False) -> str:
    """Search files under a directory for a pattern (grep -rn)."""
    flags = "-rni" if ignore_case else "-rn"
    return run(f"grep {flags} '{pattern}' {path} | head -n 200")


@mcp.tool()
def find_files(name: str, path: str = ".") -> str:
    """Find files by name (glob) under a directory."""
    cmd = "find %s -name '%s' -not -path '*/node_modules/*'" % (path, name)
    return run(cmd)


def main() -> None:
    mcp.run()
