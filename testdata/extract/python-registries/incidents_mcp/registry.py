"""The server's own tool registry, filled by a decorator."""
from pydantic import BaseModel, Field

_TOOL_REGISTRY: dict = {}


def register_tool(name: str, *, params: type, description: str):
    def decorator(func):
        _TOOL_REGISTRY[name] = (func, params, description)
        return func

    return decorator


def log_tool_usage(func):
    """Not a registration: logs each call."""
    return func


class CreateIncidentParams(BaseModel):
    short_description: str = Field(..., description="One line summary")
    urgency: int = Field(3, description="1 (high) to 3 (low)")


@register_tool(
    name="create_incident",
    params=CreateIncidentParams,
    description="Create an incident.",
)
def create_incident(config, auth, params: CreateIncidentParams) -> dict:
    return {}


@log_tool_usage
def not_a_tool(x: int) -> int:
    """A helper that is only logged."""
    return x
