"""System information: what this machine runs."""
import json
import platform
from pathlib import Path

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("sysinfo")

REPORT = Path.home() / ".cache" / "sysinfo" / "last_report.json"


def os_release():
    info = {}
    with open("/etc/os-release") as f:
        for line in f:
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                info[k] = v.strip('"')
    return info


@mcp.tool()
def system_summary() -> str:
    """Summarize the operating system, kernel and memory of this machine."""
    rel = os_release()
    with open("/proc/meminfo") as f:
        mem = f.readline().split()[1]
    summary = {"os": rel.get("PRETTY_NAME"), "kernel": platform.release(), "mem_kb": mem}
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps(summary))
    return json.dumps(summary)


if __name__ == "__main__":
    mcp.run()
