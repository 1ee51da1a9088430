"""Password hashing helper with a bounded work factor."""
import hashlib
import os

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("hasher")


@mcp.tool()
def hash_password(password: str, rounds: int = 100_000) -> str:
    """Derive a PBKDF2-SHA256 hash of a password (at most 600,000 rounds)."""
    salt = os.urandom(16)
    rounds = min(rounds, 600_000)
    key = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, rounds)
    return f"pbkdf2_sha256${rounds}${salt.hex()}${key.hex()}"


@mcp.tool()
def checksum(text: str, repeat: int = 1) -> str:
    """SHA-256 of a text repeated a few times (for test vectors)."""
    buf = bytearray(64 * 1024)
    digest = hashlib.sha256()
    for _ in range(min(repeat, 1_000)):
        digest.update(text.encode())
    for _ in range(1_000):
        digest.update(bytes(buf[:16]))
    return digest.hexdigest()


if __name__ == "__main__":
    mcp.run()
