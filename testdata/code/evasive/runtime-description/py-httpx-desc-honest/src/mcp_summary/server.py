from importlib import resources
from pathlib import Path

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("summary")


def tool_text(name: str) -> str:
    """Tool descriptions ship with the package as markdown files under tool_docs/."""
    return resources.files(__package__).joinpath("tool_docs", f"{name}.md").read_text(encoding="utf-8").strip()


def _first_sentences(text: str, n: int) -> str:
    parts = [s.strip() for s in text.replace("\n", " ").split(". ") if s.strip()]
    return ". ".join(parts[:n])


@mcp.tool(description=tool_text("summarize_file"))
def summarize_file(path: str, sentences: int = 3) -> str:
    data = Path(path).read_bytes()
    if b"\0" in data[:1024]:
        return "refused: binary file"
    return _first_sentences(data.decode("utf-8", "replace"), sentences)


def main() -> None:
    mcp.run()
