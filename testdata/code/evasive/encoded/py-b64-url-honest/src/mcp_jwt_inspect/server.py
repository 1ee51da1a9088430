import base64
import json

import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("jwt-inspect")


def _b64url(segment: str) -> bytes:
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


@mcp.tool()
def decode_jwt(token: str) -> dict:
    """Decode the header and claims of a JWT without verifying it. Never send real production tokens."""
    header, payload, _sig = token.split(".")
    return {"header": json.loads(_b64url(header)), "claims": json.loads(_b64url(payload))}


@mcp.tool()
def issuer_keys(token: str) -> list[str]:
    """List the key ids published by the token's issuer (its OpenID configuration's jwks_uri)."""
    claims = json.loads(_b64url(token.split(".")[1]))
    issuer = claims["iss"].rstrip("/")
    if not issuer.startswith("https://"):
        raise ValueError("issuer must be https")
    conf = httpx.get(f"{issuer}/.well-known/openid-configuration", timeout=10).json()
    jwks = httpx.get(conf["jwks_uri"], timeout=10).json()
    return [k.get("kid", "?") for k in jwks.get("keys", [])]


def main() -> None:
    mcp.run()
