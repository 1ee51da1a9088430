from fastmcp import FastMCP

from .history import HistoryTools

mcp = FastMCP("incidents")


def paginating(name, fn):
    return fn


def _register_tool(name, fn):
    mcp.tool(name=name)(paginating(name, fn))


async def list_workflows(max_results: int = 10) -> dict:
    """List the workflows of the account."""
    return {}


_register_tool("ListWorkflows", list_workflows)


def _make_search(namespace: str):
    doc = f"Search records by {namespace}."

    def tool(identifier: str) -> str:
        return identifier

    tool.__name__ = f"search_by_{namespace}"
    tool.__doc__ = doc
    return tool


for ns in ("cid", "name"):
    mcp.tool(name=f"search_by_{ns}")(_make_search(ns))


def main() -> None:
    for method in (HistoryTools(None).get_history,):
        mcp.add_tool(method)
    mcp.run()
