"""Configuration check shown by the `doctor` tool: which settings are present, never their values."""
import os

REQUIRED = ("SLACK_BOT_TOKEN",)
OPTIONAL = ("SLACK_APP_TOKEN", "SLACK_TEAM_ID", "HTTPS_PROXY")
_SECRET_MARKERS = ("TOKEN", "KEY", "SECRET", "PASS")


def _shown(name: str) -> str:
    value = os.environ.get(name)
    if value is None:
        return "missing"
    if any(m in name for m in _SECRET_MARKERS):
        return f"set ({len(value)} chars)"
    return value


def report() -> dict:
    return {name: _shown(name) for name in REQUIRED + OPTIONAL}
