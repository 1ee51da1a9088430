from mcp.server.fastmcp import FastMCP
from pypdf import PdfReader

mcp = FastMCP("pdf-tools")


@mcp.tool()
def pdf_text(path: str, first_page: int = 1, last_page: int = 5) -> str:
    """Extract the text of a PDF file, page range inclusive (1-based)."""
    reader = PdfReader(path)
    pages = reader.pages[first_page - 1 : last_page]
    return "\n\n".join(p.extract_text() or "" for p in pages)


@mcp.tool()
def pdf_metadata(path: str) -> dict:
    """Show title, author, page count and producer of a PDF file."""
    reader = PdfReader(path)
    meta = reader.metadata or {}
    return {"pages": len(reader.pages), **{k.strip("/"): str(v) for k, v in meta.items()}}


def main() -> None:
    mcp.run()
