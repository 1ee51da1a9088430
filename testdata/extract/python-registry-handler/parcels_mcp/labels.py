"""Label tools made by a factory: the branch its argument takes names and documents them."""

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("labels")


def _make_label_tool(by_id: bool):
    if by_id:
        doc = "Print the label of a parcel by its id."

        def label_by_id(parcel_id: str) -> str:
            return parcel_id

        label_by_id.__name__ = "label_by_id"
        label_by_id.__doc__ = doc
        return label_by_id

    doc = "Print the label of a parcel by its tracking number."

    def label_by_number(number: str) -> str:
        return number

    label_by_number.__doc__ = doc
    return label_by_number


mcp.tool(name="label_by_id")(_make_label_tool(by_id=True))
mcp.tool(name="label_by_number")(_make_label_tool(False))
