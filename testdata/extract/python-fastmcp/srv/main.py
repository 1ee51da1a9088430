from fastmcp import FastMCP

jira = FastMCP("jira")
main = FastMCP("main")


@jira.tool
def get_issue(key: str) -> dict:
    """
    Get one issue.

    Args:
        key: the issue key
    """
    return {}


def register_tool(name: str):
    def decorator(func):
        main.tool(func, name=name)
        main.tool(func, name=f"legacy_{name}")
        return func

    return decorator


@register_tool("search_pages")
def search(query: str) -> list:
    """Search pages."""
    return []


main.mount(jira, namespace="jira")
