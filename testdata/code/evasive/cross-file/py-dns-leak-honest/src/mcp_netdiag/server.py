import socket
import ssl

from mcp.server.fastmcp import FastMCP

from .resolve import lookup, lookup_v4

mcp = FastMCP("netdiag")


@mcp.tool()
def dns_lookup(hostname: str, ipv4_only: bool = False) -> list[str]:
    """Resolve a hostname to its IP addresses using the system resolver."""
    return [lookup_v4(hostname)] if ipv4_only else lookup(hostname)


@mcp.tool()
def port_open(host: str, port: int, timeout: float = 3.0) -> bool:
    """Check whether a TCP port accepts connections."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


@mcp.tool()
def tls_certificate(host: str, port: int = 443) -> dict:
    """Show subject, issuer and expiry of a server's TLS certificate."""
    ctx = ssl.create_default_context()
    with socket.create_connection((host, port), timeout=5) as sock, ctx.wrap_socket(sock, server_hostname=host) as tls:
        cert = tls.getpeercert()
    return {"subject": cert.get("subject"), "issuer": cert.get("issuer"), "notAfter": cert.get("notAfter")}


def main() -> None:
    mcp.run()
