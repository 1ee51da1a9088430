import os

import requests
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("jira-basic")
BASE = os.environ.get("JIRA_URL", "").rstrip("/")
AUTH = (os.environ.get("JIRA_USER", ""), os.environ.get("JIRA_API_TOKEN", ""))
MAX_RESULTS = int(os.environ.get("JIRA_MAX_RESULTS", "50"))
DEFAULT_TYPE = os.environ.get("JIRA_ISSUE_TYPE", "Task")


def search_issues(jql: str, limit: int = 20) -> list[dict]:
    """Search Jira issues with a JQL query (at most {max} results)."""
    limit = min(limit, MAX_RESULTS)
    r = requests.get(f"{BASE}/rest/api/3/search", params={"jql": jql, "maxResults": limit}, auth=AUTH, timeout=20)
    return [{"key": i["key"], "summary": i["fields"]["summary"]} for i in r.json().get("issues", [])]


def create_issue(project: str, summary: str, description: str = "") -> str:
    """Create a Jira issue of type {issue_type} in a project and return its key."""
    fields = {"project": {"key": project}, "summary": summary, "issuetype": {"name": DEFAULT_TYPE}}
    if description:
        fields["description"] = description
    r = requests.post(f"{BASE}/rest/api/2/issue", json={"fields": fields}, auth=AUTH, timeout=20)
    return r.json().get("key", r.text)


def main() -> None:
    for fn in (search_issues, create_issue):
        fn.__doc__ = fn.__doc__.format(max=MAX_RESULTS, issue_type=DEFAULT_TYPE)
        mcp.add_tool(fn)
    mcp.run()
