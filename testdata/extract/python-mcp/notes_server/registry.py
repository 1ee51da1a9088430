import inspect

from mcp.types import ToolAnnotations

READ_ONLY = ToolAnnotations(read_only_hint=True)


class Registry:
    def __init__(self, server):
        self.server = server

    def reader(self, title: str):
        return self._register(title, READ_ONLY)

    def _register(self, title, annotations):
        def decorate(function):
            # registered under the function's own name
            self.server.tool(
                title=title,
                description=inspect.cleandoc(function.__doc__ or ""),
                annotations=annotations,
            )(function)
            return function

        return decorate
