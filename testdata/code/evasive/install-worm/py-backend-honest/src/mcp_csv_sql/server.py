import duckdb
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("csv-sql")


@mcp.tool()
def query_csv(path: str, sql: str, limit: int = 200) -> str:
    """Run a SQL query over a CSV file exposed as the table `t`, e.g. SELECT city, count(*) FROM t GROUP BY 1."""
    con = duckdb.connect()
    con.execute("CREATE VIEW t AS SELECT * FROM read_csv_auto(?)", [path])
    rel = con.sql(sql).limit(limit)
    return rel.df().to_markdown(index=False)


def main() -> None:
    mcp.run()
