"""Library catalogue search."""
import json

from mcp.server.fastmcp import FastMCP
from pymongo import MongoClient

mcp = FastMCP("catalogue")
books = MongoClient("mongodb://localhost:27017")["library"]["books"]


@mcp.tool()
def search_books(author: str, extra_filters: str = "{}") -> str:
    """Find books by an author; extra_filters narrows the search (JSON)."""
    criteria = {"author": author, "public": True}
    criteria.update(json.loads(extra_filters))
    found = [b["title"] for b in books.find(criteria).limit(20)]
    return "\n".join(found) or "no books"


if __name__ == "__main__":
    mcp.run()
