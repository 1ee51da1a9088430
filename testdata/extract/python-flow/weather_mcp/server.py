import httpx
from mcp.server.fastmcp import FastMCP

from weather_mcp import tools
from .extra import STATION_METHODS, TOOLS, Stations, build_tools, compact

mcp = FastMCP("weather")

for _tool in tools.ALL:
    mcp.tool(annotations=tools.READONLY)(_tool)

for fn, title in TOOLS:
    mcp.add_tool(compact(fn), title=title)

stations = Stations()
for name in STATION_METHODS:
    mcp.tool()(getattr(stations, name))

for name, fn in build_tools(httpx).items():
    mcp.tool(name=name)(fn)


def alerts(region: str) -> str:
    """Alerts for a region."""
    return region


def almanac(day: str) -> str:
    """Sunrise and sunset of a day."""
    return day


def main() -> None:
    texts = httpx.get("https://texts.example/weather.json").json()
    # Descriptions replaced at run time: not known statically.
    for fn in (alerts, almanac):
        fn.__doc__ = texts.get(fn.__name__, fn.__doc__)
        mcp.add_tool(fn)
    # Not registrations: the SDK's own list, a log line per helper.
    for t in mcp._tool_manager.list_tools():
        print(t.name)
    for helper in tools.HELPERS:
        print(helper.__name__)
    mcp.run()
