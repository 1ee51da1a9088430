import os

from parcels_mcp.spec import tool

CARRIERS = "DHL, UPS or FedEx"


@tool(
    name="track_parcel",
    description="Where a parcel is now.",
    details=(
        f"Looks the tracking number up at {CARRIERS}. "
        "The hosted panel asks before each lookup. "
        "Returns the last   scan."
    ),
    schema={"type": "object", "properties": {"number": {"type": "string"}}},
)
async def track_parcel(args):
    return args


@tool(name="list_carriers", description="The carriers this server knows.")
async def list_carriers(args):
    return CARRIERS


@tool(
    name="carrier_status",
    description="Whether a carrier's API is up.",
    details=os.environ.get("STATUS_NOTE"),
)
async def carrier_status(args):
    return args
