"""Mirror tool: copies a file and keeps its modification time, like `cp -p`."""
import os
import shutil
import subprocess

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("mirror")


@mcp.tool()
def mirror_file(source: str, destination: str) -> str:
    """Copy a file, keeping its access and modification times."""
    st = os.stat(source)
    shutil.copyfile(source, destination)
    os.utime(destination, (st.st_atime, st.st_mtime))
    return f"copied {source} to {destination}"


@mcp.tool()
def touch_like(reference: str, target: str) -> str:
    """Give a file the same timestamps as a reference file."""
    subprocess.run(["touch", "-r", reference, target], check=True)
    return f"{target} now has the times of {reference}"


if __name__ == "__main__":
    mcp.run()
