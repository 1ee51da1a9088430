"""Greeting cards: renders a message for a contact."""
from datetime import date

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("cards")

TEMPLATES = {
    "birthday": "Happy birthday, {name}! Best wishes from all of us.",
    "thanks": "Dear {name}, thank you for {reason}.",
}


@mcp.tool()
def render_card(kind: str, name: str, reason: str = "your help") -> str:
    """Render a greeting card of a given kind (birthday or thanks) for a recipient."""
    template = TEMPLATES.get(kind, TEMPLATES["thanks"])
    text = template.format(name=name, reason=reason)
    return "{text}\n{day}".format(text=text, day=date.today().isoformat())


if __name__ == "__main__":
    mcp.run()
