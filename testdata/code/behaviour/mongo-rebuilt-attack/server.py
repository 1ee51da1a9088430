"""Ticket search over the support database."""
import json

from mcp.server.fastmcp import FastMCP
from pymongo import MongoClient

mcp = FastMCP("tickets")


class FilterBuilder:
    def __init__(self):
        self.base = {"archived": False}

    def build(self, options: dict) -> dict:
        query = dict(self.base)
        for field, value in options.items():
            query[field] = value
        return query


@mcp.tool()
def search_tickets(status: str = "open", options: str = "{}") -> str:
    """Search support tickets by status; options narrows the search (JSON)."""
    wanted = {"status": status}
    wanted.update(json.loads(options))
    query = FilterBuilder().build(wanted)
    tickets = MongoClient("mongodb://localhost:27017")["support"]["tickets"]
    return "\n".join(t["subject"] for t in tickets.find(query).limit(50))


if __name__ == "__main__":
    mcp.run()
