TOOL_DEFINITIONS = [
    {
        "name": "radar_image",
        "description": "Latest radar image of a region.",
        "inputSchema": {"type": "object", "properties": {"region": {"type": "string"}}},
    },
    {
        "name": "warnings",
        "description": "Active weather warnings.",
        "inputSchema": {"type": "object", "properties": {}},
    },
]
