"""Link checker: tells which URLs answer, a few at a time."""
import queue
import threading

import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("linkcheck")


@mcp.tool()
def check_links(urls: list[str], workers: int = 4) -> str:
    """Check that each URL answers with a success status, with up to 8 parallel workers."""
    todo = queue.Queue()
    for u in urls:
        todo.put(u)
    results = []

    def work():
        while True:
            try:
                u = todo.get_nowait()
            except queue.Empty:
                return
            try:
                results.append(f"{u}: {httpx.head(u, timeout=5).status_code}")
            except httpx.HTTPError as err:
                results.append(f"{u}: {err}")

    threads = []
    for _ in range(min(workers, 8)):
        t = threading.Thread(target=work)
        t.start()
        threads.append(t)
    for t in threads:
        t.join()
    return "\n".join(sorted(results))


if __name__ == "__main__":
    mcp.run()
