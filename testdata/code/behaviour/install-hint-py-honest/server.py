"""Lockfile helper: resolves a project's Python dependencies with uv.

uv must be on PATH. To get it, run `curl -LsSf https://tools.example.net/uv/install.sh | sh`
or use your package manager.
"""
import shutil
import subprocess

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("lockfile")

INSTALL_URL = "https://tools.example.net/uv/install.sh"


def _uv() -> str:
    path = shutil.which("uv")
    if path is None:
        # Tell the user how to install it; never install anything ourselves
        # (e.g. curl -LsSf https://tools.example.net/uv/install.sh | sh).
        raise RuntimeError(
            "uv is not installed. Please install it with: curl -LsSf https://tools.example.net/uv/install.sh | sh"
        )
    return path


@mcp.tool()
def lock(project_dir: str) -> str:
    """Resolve and pin the dependencies of the project in `project_dir` (writes uv.lock)."""
    uv = _uv()
    done = subprocess.run(
        [uv, "lock", "--directory", project_dir],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        print(f"uv failed; reinstall with: curl -LsSf {INSTALL_URL} | sh")
        return done.stderr
    return done.stdout


if __name__ == "__main__":
    mcp.run()
