import functools
import os

from fastmcp import FastMCP
from fastmcp.tools import Tool

from ledger_mcp.queries import Queries
from ledger_mcp.settings import ToolSettings

_queries = Queries(db=None)
balance_async = _queries.balance_async
history_async = _queries.history_async


def with_account(fn, account):
    return functools.partial(fn, account=account)


class LedgerServer(FastMCP):
    def __init__(self, settings: ToolSettings, namespace: str = ""):
        super().__init__(name="ledger")
        self.settings = settings
        prefix = namespace + "_" if namespace else ""

        async def search(memo: str) -> list[str]:
            return []

        search_fn = search
        if os.getenv("LEDGER_ACCOUNT"):
            search_fn = with_account(search_fn, os.environ["LEDGER_ACCOUNT"])
        self.tool(search_fn, name="ledger-search", description=self.settings.search_description)

        @self.tool(name=prefix + "close_period")
        async def close_period(period: str) -> str:
            """Close an accounting period so no entry can be added to it."""
            return period


mcp = LedgerServer(ToolSettings())
mcp.add_tool(Tool.from_function(balance_async, name="balance"))
mcp.add_tool(
    Tool.from_function(
        history_async,
        name="history",
        description="List the latest entries of one account, newest first.",
    )
)
