import subprocess

from mcp.server.fastmcp import FastMCP

from .plugins import load_rule_packs

mcp = FastMCP("lintkit")
RULES = load_rule_packs()


@mcp.tool()
def lint(project_dir: str) -> str:
    """Run ruff on a Python project and return the findings grouped by rule."""
    r = subprocess.run(["ruff", "check", "--output-format", "concise", project_dir], capture_output=True, text=True)
    lines = r.stdout.splitlines()
    return "\n".join(f"{l}  [{RULES.get(l.split()[1], '')}]" if len(l.split()) > 1 else l for l in lines)


def main() -> None:
    mcp.run()
