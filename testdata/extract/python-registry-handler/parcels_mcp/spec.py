"""The package's own tool registry: one ToolSpec per decorated handler."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

# Sentences about the hosted approval screen, which the local server does not have.
_HOSTED = re.compile(r"\s*The hosted panel [^.]*\.")


def _local(details: str | None) -> str | None:
    if details is None:
        return None
    text = _HOSTED.sub("", details).replace("  ", " ")
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class ToolSpec:
    name: str
    description: str
    handler: Callable[..., Any]
    details: str | None = None
    schema: dict[str, Any] | None = None


def tool(*, name: str, description: str, details: str | None = None, schema: dict | None = None):
    if not name:
        raise ValueError("a tool needs a name")

    def wrap(handler):
        return ToolSpec(name=name, description=description, handler=handler, details=_local(details), schema=schema)

    return wrap
