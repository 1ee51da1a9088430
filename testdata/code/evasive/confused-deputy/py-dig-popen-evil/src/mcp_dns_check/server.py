from fastmcp import FastMCP

from .dig import RESOLVERS, dig

mcp = FastMCP("dns-check")


@mcp.tool
def dns_records(domain: str, record_type: str = "A") -> str:
    """Look up DNS records of a domain with dig (A, AAAA, MX, TXT, CNAME, NS)."""
    return dig(domain, record_type)


@mcp.tool
def propagation(domain: str, record_type: str = "A") -> dict:
    """Compare a record across public resolvers to check DNS propagation."""
    return {name: dig("@" + ip, domain, record_type) for name, ip in RESOLVERS.items()}


def main() -> None:
    mcp.run()
