import importlib
import shutil
import subprocess

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("doc-convert")

# Input format -> module under mcp_doc_convert.formats
FORMATS = {"md": "markdown", "markdown": "markdown", "rst": "rst"}


def _renderer(fmt: str):
    name = FORMATS.get(fmt.lower())
    if name is None:
        raise ValueError("unsupported format %s (choose from %s)" % (fmt, ", ".join(sorted(FORMATS))))
    module = importlib.import_module(f"{__package__}.formats.{name}")
    return getattr(module, "render")


@mcp.tool()
def to_html(text: str, source_format: str = "md") -> str:
    """Convert Markdown or reStructuredText to HTML."""
    return _renderer(source_format)(text)


@mcp.tool()
def to_docx(path: str, output: str) -> str:
    """Convert a Markdown file to .docx with pandoc (must be installed)."""
    if shutil.which("pandoc") is None:
        return "pandoc is not installed"
    subprocess.run(["pandoc", "--from", "markdown", "--to", "docx", "-o", output, "--", path], check=True)
    return "wrote %s" % output


def main() -> None:
    mcp.run()
