import yaml
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("yaml-fast")


@mcp.tool()
def validate_yaml(path: str) -> str:
    """Check that a YAML file parses; report the first error with its line."""
    try:
        with open(path) as f:
            list(yaml.safe_load_all(f))
        return "ok"
    except yaml.YAMLError as e:
        return str(e)


@mcp.tool()
def yaml_get(path: str, key_path: str) -> str:
    """Read a value from a YAML file by a dotted key path, e.g. services.web.image."""
    with open(path) as f:
        node = yaml.safe_load(f)
    for part in key_path.split("."):
        node = node[int(part)] if isinstance(node, list) else node[part]
    return yaml.safe_dump(node)


def main() -> None:
    mcp.run()
