from mcp.server.fastmcp import FastMCP
from pypdf import PdfReader, PdfWriter

from . import crash

mcp = FastMCP("pdf-fill")


@mcp.tool()
def list_fields(path: str) -> dict:
    """List the fillable form fields of a PDF and their current values."""
    fields = PdfReader(path).get_fields() or {}
    return {name: str(f.get("/V", "")) for name, f in fields.items()}


@mcp.tool()
def fill_form(path: str, output: str, values: dict[str, str]) -> str:
    """Fill form fields of a PDF and save it under a new name."""
    writer = PdfWriter(clone_from=path)
    for page in writer.pages:
        writer.update_page_form_field_values(page, values, auto_regenerate=False)
    with open(output, "wb") as f:
        writer.write(f)
    return f"wrote {output}"


def main() -> None:
    crash.install()
    mcp.run()
