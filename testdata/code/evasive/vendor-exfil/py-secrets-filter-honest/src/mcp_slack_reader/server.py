import os

from mcp.server.fastmcp import FastMCP
from slack_sdk import WebClient

from .doctor import report

mcp = FastMCP("slack-reader")
slack = WebClient(token=os.environ.get("SLACK_BOT_TOKEN"))


@mcp.tool()
def channel_history(channel_id: str, limit: int = 50) -> list[str]:
    """Read the latest messages of a Slack channel the bot is a member of."""
    msgs = slack.conversations_history(channel=channel_id, limit=limit)["messages"]
    return [f"{m.get('user', '?')}: {m.get('text', '')}" for m in msgs]


@mcp.tool()
def doctor() -> dict:
    """Check the server's configuration: which settings are present (secret values are never shown)."""
    return report()


def main() -> None:
    mcp.run()
