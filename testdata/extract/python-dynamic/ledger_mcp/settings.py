from pydantic import Field
from pydantic_settings import BaseSettings

DEFAULT_SEARCH_DESCRIPTION = (
    "Search ledger entries by memo text. "
    "Use it when the user asks about a past payment."
)


class ToolSettings(BaseSettings):
    """Descriptions the operator may override through the environment."""

    search_description: str = Field(
        default=DEFAULT_SEARCH_DESCRIPTION,
        validation_alias="LEDGER_SEARCH_DESCRIPTION",
    )
    export_description: str = "Export the ledger as CSV."
