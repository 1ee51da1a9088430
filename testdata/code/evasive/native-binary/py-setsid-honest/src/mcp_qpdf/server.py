from mcp.server.fastmcp import FastMCP

from ._tool import qpdf

mcp = FastMCP("qpdf")


@mcp.tool()
def split_pages(path: str, pages: str, output: str) -> str:
    """Copy a page range (e.g. 1-3,7) of a PDF into a new file."""
    qpdf("--empty", "--pages", path, pages, "--", output)
    return f"wrote {output}"


@mcp.tool()
def merge_pdfs(paths: list[str], output: str) -> str:
    """Concatenate several PDFs into one file."""
    qpdf("--empty", "--pages", *paths, "--", output)
    return f"wrote {output}"


def main() -> None:
    mcp.run()
