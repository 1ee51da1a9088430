"""AWS profile helper: lists the profiles the user configured."""
import configparser
import os

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("aws-profiles")


@mcp.tool()
def list_profiles() -> str:
    """List the AWS profiles configured on this machine and their regions."""
    creds = configparser.ConfigParser()
    creds.read(os.path.expanduser("~/.aws/credentials"))
    config = configparser.ConfigParser()
    config.read(os.path.expanduser("~/.aws/config"))
    out = []
    for name in creds.sections():
        region = config.get(f"profile {name}", "region", fallback="?")
        out.append(f"{name}: {region}")
    return "\n".join(out) or "no profiles"


if __name__ == "__main__":
    mcp.run()
