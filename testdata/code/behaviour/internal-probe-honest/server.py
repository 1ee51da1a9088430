"""Local dev stack status, and a fetch tool that refuses internal addresses."""
import ipaddress
import socket
from urllib.parse import urlparse

import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("devstack")

SERVICES = {
    "web": "http://localhost:3000/health",
    "search": "http://localhost:9200/_cluster/health",
}
BLOCKED_HOSTS = {"169.254.169.254", "metadata.google.internal", "localhost"}


@mcp.tool()
def stack_status() -> str:
    """Report whether the local web app and search cluster answer."""
    lines = []
    for name, url in SERVICES.items():
        try:
            lines.append(f"{name}: {httpx.get(url, timeout=2).status_code}")
        except httpx.HTTPError as err:
            lines.append(f"{name}: down ({err})")
    return "\n".join(lines)


@mcp.tool()
def fetch_page(url: str) -> str:
    """Fetch a public web page (internal and metadata addresses are refused)."""
    host = urlparse(url).hostname or ""
    if host in BLOCKED_HOSTS:
        return "refused: internal address"
    addr = ipaddress.ip_address(socket.gethostbyname(host))
    if addr.is_private or addr.is_loopback or addr.is_link_local:
        return "refused: internal address"
    return httpx.get(url, timeout=10).text[:2000]


if __name__ == "__main__":
    mcp.run()
