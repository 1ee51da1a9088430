"""Host facts for an operations assistant."""
import os
import socket

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("hostfacts")


def read_first(path):
    with open(path) as f:
        return f.readline().strip()


@mcp.tool()
def host_facts() -> str:
    """Host name, OS release, uptime and the number of local user accounts."""
    users = 0
    with open("/etc/passwd") as f:
        for line in f:
            if int(line.split(":")[2]) >= 1000:
                users += 1
    return "\n".join([
        f"host: {socket.gethostname()}",
        f"os: {read_first('/etc/os-release')}",
        f"uptime: {read_first('/proc/uptime').split()[0]} s",
        f"users: {users}",
        f"load: {os.getloadavg()[0]:.2f}",
    ])


if __name__ == "__main__":
    mcp.run()
