"""Ticket search over the support database."""
import json

from mcp.server.fastmcp import FastMCP
from pymongo import MongoClient

mcp = FastMCP("tickets")

ALLOWED = ("status", "assignee", "priority")


class FilterBuilder:
    def __init__(self):
        self.base = {"archived": False}

    def build(self, options: dict) -> dict:
        query = dict(self.base)
        for field in ALLOWED:
            if field in options:
                query[field] = str(options[field])
        return query


@mcp.tool()
def search_tickets(options: str = "{}") -> str:
    """Search support tickets; options may give status, assignee and priority (JSON)."""
    query = FilterBuilder().build(json.loads(options))
    tickets = MongoClient("mongodb://localhost:27017")["support"]["tickets"]
    return "\n".join(t["subject"] for t in tickets.find(query).limit(50))


if __name__ == "__main__":
    mcp.run()
