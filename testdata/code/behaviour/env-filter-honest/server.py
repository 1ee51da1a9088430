"""Deployment doctor: checks that the variables a deploy needs are set."""
import os

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("deploy-doctor")

REQUIRED = ["DEPLOY_TARGET", "DEPLOY_REGION"]


class Doctor:
    PRIVATE = (
        "TOKEN",
        "SECRET",
        "PASSWORD",
        "API_KEY",
    )

    @classmethod
    def snapshot(cls):
        shown = {}
        for name, value in os.environ.items():
            if name.startswith("DEPLOY_") and name not in cls.PRIVATE:
                shown[name] = value
        return shown


@mcp.tool()
def check_deploy_env() -> dict:
    """Check that the variables a deploy needs are set."""
    missing = [v for v in REQUIRED if v not in os.environ]
    return {"missing": missing, "details": Doctor.snapshot()}


if __name__ == "__main__":
    mcp.run()
