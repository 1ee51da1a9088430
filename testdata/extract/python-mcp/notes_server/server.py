from enum import Enum
from typing import Annotated, Literal, Optional

from mcp.server.fastmcp import FastMCP
from mcp.types import Tool, ToolAnnotations
from pydantic import BaseModel, Field

from notes_server.registry import Registry

READ_ONLY = ToolAnnotations(readOnlyHint=True, openWorldHint=False)
DELETE_DESCRIPTION = "Delete a note " "by its id."


class Names(str, Enum):
    EXPORT = "export_notes"


mcp = FastMCP("notes", instructions="Notes live in ~/notes; " + "search before you create.")


@mcp.tool()
def search_notes(
    query: Annotated[str, Field(description="Words to look for")],
    limit: int = 10,
    mode: Literal["any", "all"] = "any",
) -> str:
    """Full-text search over notes.

    Returns the best matches first.
    """
    return ""


@mcp.tool(name="del_note", description=DELETE_DESCRIPTION, annotations=READ_ONLY)
def delete(note_id: str = Field(description="The note id")) -> str:
    return ""


def export(fmt: Optional[str] = None) -> str:
    """Export every note."""
    return ""


mcp.tool(name=Names.EXPORT.value)(export)


@mcp.prompt()
def review(day: str) -> str:
    """Review the notes of a day."""
    return ""


registry = Registry(mcp)


@registry.reader("Count notes")
def count_notes() -> int:
    """Count the notes.

    Fast."""
    return 0


class Fetch(BaseModel):
    url: str = Field(description="URL to fetch")
    raw: bool = False


class ToolHandler:
    def __init__(self, tool_name: str):
        self.name = tool_name


class FetchHandler(ToolHandler):
    def __init__(self):
        super().__init__("fetch_url")

    def get_tool_description(self) -> Tool:
        return Tool(
            name=self.name,
            description=f"Fetch a URL{''}",
            inputSchema=Fetch.model_json_schema(),
        )
