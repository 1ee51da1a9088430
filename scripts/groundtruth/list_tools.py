#!/usr/bin/env python3
"""Start one MCP server over stdio with the official Python SDK client and print its tools/list.

Ground-truth collector for mcp-audit's static tool extraction. It RUNS third-party code, so it
refuses to start a server whose cwd, HOME or executable lies inside this repository: run it from a
scratch directory such as /tmp/gt/<name> (see README.md next to this file).

The era is negotiated by the SDK (`Client(mode="auto")`): `server/discover` first, then the
legacy `initialize` handshake on any error or timeout (specs.md section 3.4). Every tools/list
page is followed through `nextCursor`. The tool objects are recorded exactly as the server sent
them: the raw JSON-RPC results are tapped off the transport before the SDK validates them.

Usage:
    list_tools.py [--cwd DIR] [--home DIR] [--env K=V ...] [--timeout S] [--out FILE] -- CMD ARG...
Output (stdout or --out): {"protocol_version", "era", "server_info", "pages", "tools": [...]}
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import anyio
from mcp.client.client import Client
from mcp.client.stdio import StdioServerParameters, stdio_client
from mcp.shared.message import SessionMessage

REPO_ROOT = Path(__file__).resolve().parents[2]


def inside_repo(path: str | os.PathLike[str]) -> bool:
    """True when `path` resolves to this repository or a directory below it."""
    p = Path(path).resolve()
    return p == REPO_ROOT or REPO_ROOT in p.parents


class Tap:
    """Records the raw `result` of every JSON-RPC response read from the server."""

    def __init__(self) -> None:
        self.results: list[dict[str, Any]] = []

    @contextlib.asynccontextmanager
    async def transport(self, params: StdioServerParameters, errlog: Any):
        async with stdio_client(params, errlog=errlog) as (read_stream, write_stream):
            send, recv = anyio.create_memory_object_stream[SessionMessage | Exception](0)

            async def pump() -> None:
                async with send:
                    async for item in read_stream:
                        if isinstance(item, SessionMessage):
                            result = getattr(item.message, "result", None)
                            if isinstance(result, dict):
                                # Deep copy: the SDK mutates some results in place (ttl clamping).
                                self.results.append(copy.deepcopy(result))
                        await send.send(item)

            async with anyio.create_task_group() as tg:
                tg.start_soon(pump)
                try:
                    yield recv, write_stream
                finally:
                    tg.cancel_scope.cancel()


async def enumerate_tools(params: StdioServerParameters, errlog: Any) -> dict[str, Any]:
    tap = Tap()
    pages: list[dict[str, Any]] = []
    async with Client(tap.transport(params, errlog), cache=None, mode="auto") as client:
        session = client.session
        era = "modern" if session.discover_result is not None else "legacy"
        info = session.server_info
        cursor: str | None = None
        sdk_names: list[str] = []
        sdk_errors: list[str] = []
        while True:
            before = len(tap.results)
            try:
                result = await client.list_tools(cursor=cursor)
            except Exception as e:  # noqa: BLE001 - the SDK rejected what the server sent
                raw = next((r for r in reversed(tap.results[before:]) if "tools" in r), None)
                if raw is None:
                    raise
                # Keep the raw listing: the wire is the ground truth, and a non-conforming
                # listing is a fact worth recording, not a reason to lose the tools.
                sdk_errors.append(f"{type(e).__name__}: {str(e).splitlines()[0]}")
                pages.append(raw)
                cursor = raw.get("nextCursor")
            else:
                raw = next((r for r in reversed(tap.results[before:]) if "tools" in r), None)
                if raw is None:
                    raise RuntimeError("tools/list result not seen on the wire")
                pages.append(raw)
                sdk_names.extend(t.name for t in result.tools)
                cursor = result.next_cursor
            if not cursor:
                break
            if len(pages) > 100:
                raise RuntimeError("more than 100 tools/list pages; giving up")
        tools = [t for page in pages for t in page["tools"]]
        raw_names = [t.get("name") for t in tools]
        return {
            "protocol_version": session.protocol_version,
            "era": era,
            "server_info": info.model_dump(mode="json", exclude_none=True) if info else None,
            "pages": len(pages),
            "sdk_dropped": [] if sdk_errors else sorted(set(raw_names) - set(sdk_names)),
            "sdk_errors": sdk_errors,
            "tools": tools,
        }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cwd", default=os.getcwd(), help="working directory of the server")
    ap.add_argument("--home", help="throwaway HOME for the server (default: <cwd>/home)")
    ap.add_argument("--env", action="append", default=[], metavar="K=V", help="extra environment variable")
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds for the whole session")
    ap.add_argument("--out", help="write the JSON here instead of stdout")
    ap.add_argument("--stderr-log", help="file for the server's stderr (default: <cwd>/server.stderr)")
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    cmd = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not cmd:
        ap.error("no server command given")
    home = args.home or os.path.join(args.cwd, "home")
    exe = cmd[0] if os.sep in cmd[0] else (shutil.which(cmd[0]) or cmd[0])
    for label, path in (("cwd", args.cwd), ("HOME", home), ("executable", exe)):
        if inside_repo(path):
            print(f"list_tools: refusing to run a server with {label} inside the repository: {path}", file=sys.stderr)
            return 2
    os.makedirs(home, exist_ok=True)
    env = {"HOME": home, "USERPROFILE": home, "XDG_CONFIG_HOME": os.path.join(home, ".config"),
           "XDG_CACHE_HOME": os.path.join(home, ".cache"), "XDG_DATA_HOME": os.path.join(home, ".local/share")}
    for kv in args.env:
        k, _, v = kv.partition("=")
        env[k] = v
    params = StdioServerParameters(command=cmd[0], args=cmd[1:], env=env, cwd=args.cwd)
    log_path = args.stderr_log or os.path.join(args.cwd, "server.stderr")

    async def run() -> dict[str, Any]:
        with open(log_path, "w", encoding="utf-8") as errlog, anyio.fail_after(args.timeout):
            return await enumerate_tools(params, errlog)

    try:
        out = anyio.run(run)
    except BaseException as e:  # noqa: BLE001 - report any failure as one line
        while isinstance(e, BaseExceptionGroup) and len(e.exceptions) == 1:
            e = e.exceptions[0]
        print(f"list_tools: {' '.join(cmd)}: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    text = json.dumps(out, indent=2, ensure_ascii=False) + "\n"
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
