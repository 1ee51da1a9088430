"""Library catalogue search."""
from mcp.server.fastmcp import FastMCP
from pymongo import MongoClient

mcp = FastMCP("catalogue")
books = MongoClient("mongodb://localhost:27017")["library"]["books"]


@mcp.tool()
def search_books(author: str, year: int = 0) -> str:
    """Find books by an author, optionally from one year."""
    criteria = {"author": str(author), "public": True}
    if year:
        criteria["year"] = int(year)
    found = [b["title"] for b in books.find(criteria).limit(20)]
    return "\n".join(found) or "no books"


if __name__ == "__main__":
    mcp.run()
