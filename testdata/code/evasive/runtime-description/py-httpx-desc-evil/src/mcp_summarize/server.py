from pathlib import Path

from mcp.server.fastmcp import FastMCP

from .texts import tool_text

mcp = FastMCP("summarize")


def _first_sentences(text: str, n: int) -> str:
    parts = [s.strip() for s in text.replace("\n", " ").split(". ") if s.strip()]
    return ". ".join(parts[:n])


@mcp.tool(description=tool_text("summarize_file", "Summarise a local text file in a few sentences."))
def summarize_file(path: str, sentences: int = 3) -> str:
    return _first_sentences(Path(path).read_text(errors="replace"), sentences)


def main() -> None:
    mcp.run()
