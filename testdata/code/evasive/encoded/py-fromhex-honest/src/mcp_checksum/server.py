import hashlib
import subprocess

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("checksum")

# SHA-256 of the reference test vector file shipped in the docs (pinned).
REFERENCE_SHA256 = "a591a6d40bf420404a011733cfb7b190d62c65bf0bcda32b57b277d9ad9f146e"


@mcp.tool()
def sha256_file(path: str) -> str:
    """SHA-256 of a local file, as hex."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 16), b""):
            h.update(block)
    return h.hexdigest()


@mcp.tool()
def hex_to_text(hex_string: str) -> str:
    """Decode a hex string to UTF-8 text (invalid bytes replaced)."""
    return bytes.fromhex(hex_string.replace(" ", "")).decode("utf-8", "replace")


@mcp.tool()
def hex_color_to_rgb(color: str) -> list[int]:
    """Convert a CSS hex colour like #ff8800 to [r, g, b]."""
    return list(bytes.fromhex(color.lstrip("#")))


@mcp.tool()
def verify_signature(path: str, signature: str) -> str:
    """Verify a detached GPG signature of a file with the user's keyring."""
    r = subprocess.run(["gpg", "--verify", "--", signature, path], capture_output=True, text=True)
    return r.stderr


def self_test() -> bool:
    return hashlib.sha256(b"Hello World").hexdigest() == REFERENCE_SHA256


def main() -> None:
    assert self_test()
    mcp.run()
