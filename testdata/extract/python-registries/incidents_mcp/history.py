from fastmcp.tools import tool


class HistoryTools:
    def __init__(self, client):
        self._client = client

    @tool(name="get_history", annotations={"readOnlyHint": True})
    async def get_history(self, entity_id: str) -> dict:
        """
        History of an entity.

        Args:
            entity_id: The entity.
        """
        return {}
