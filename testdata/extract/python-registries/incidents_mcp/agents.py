"""Not MCP tools: LangChain tools for an agent the package also ships."""
from langchain_core.tools import tool


@tool
def get_news(ticker: str) -> str:
    """News for a ticker."""
    return ticker
