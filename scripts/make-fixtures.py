#!/usr/bin/env python3
"""Builds the package fixtures of testdata/packages/ (standard library only, deterministic).

One small, honest MCP server per artifact kind:

  mcp-server-dice-1.0.0.tgz                  npm tarball      (files under package/)
  mcp_unit_convert-0.3.1-py3-none-any.whl    wheel            (files at the root, .dist-info)
  mcp_unit_convert-0.3.1.tar.gz              sdist            (files under name-version/, PKG-INFO)
  mcp-clock-0.2.0.crate                      crate            (files under name-version/)
  notes-search-1.4.0.mcpb                    MCP bundle       (zip, manifest.json at the root)

Run from anywhere: python3 scripts/make-fixtures.py. Output is byte-for-byte reproducible
(fixed mtimes, owners and modes; gzip header without a name or time), so the committed
archives only change when this script does. Tests compare sha256 of the files with the
report, so regenerate and commit together.
"""

import base64
import gzip
import hashlib
import io
import json
import os
import tarfile
import zipfile

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "testdata", "packages")
MTIME = 1_767_225_600  # 2026-01-01T00:00:00Z
ZIP_DATE = (2026, 1, 1, 0, 0, 0)


def tgz(path, files):
    """files: list of (name, text, mode). Written in order, with directory entries first."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, text, mode in files:
            data = text.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = MTIME
            info.mode = mode
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            tar.addfile(info, io.BytesIO(data))
    with open(path, "wb") as f:
        with gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0, compresslevel=9) as gz:
            gz.write(raw.getvalue())


def zipped(path, files):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, text, mode in files:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # unix, so the mode is kept
            info.external_attr = (0o100000 | mode) << 16
            z.writestr(info, text)


# --- npm -----------------------------------------------------------------------------------

DICE_PACKAGE_JSON = {
    "name": "mcp-server-dice",
    "version": "1.0.0",
    "description": "MCP server that rolls dice",
    "type": "module",
    "main": "dist/index.js",
    "bin": {"mcp-server-dice": "dist/index.js"},
    "files": ["dist"],
    "license": "MIT",
    "repository": {"type": "git", "url": "git+https://github.com/example/mcp-server-dice.git"},
    "dependencies": {"@modelcontextprotocol/sdk": "^1.17.0", "zod": "^3.25.0"},
    "engines": {"node": ">=18"},
}

DICE_INDEX = """#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "mcp-server-dice", version: "1.0.0" });

server.registerTool(
  "roll_dice",
  {
    title: "Roll dice",
    description: "Roll one or more dice with the given number of sides and return each result.",
    inputSchema: {
      count: z.number().int().min(1).max(100).describe("How many dice to roll"),
      sides: z.number().int().min(2).max(1000).describe("Number of sides of each die"),
    },
  },
  async ({ count, sides }) => {
    const rolls = Array.from({ length: count }, () => 1 + Math.floor(Math.random() * sides));
    return { content: [{ type: "text", text: rolls.join(", ") }] };
  },
);

await server.connect(new StdioServerTransport());
"""

DICE_README = """# mcp-server-dice

An MCP server with one tool, `roll_dice`, that rolls dice.

    npx mcp-server-dice
"""

MIT = "MIT License\n\nCopyright (c) 2026 Example\n\nPermission is hereby granted, free of charge...\n"


def npm():
    files = [
        ("package/package.json", json.dumps(DICE_PACKAGE_JSON, indent=2) + "\n", 0o644),
        ("package/README.md", DICE_README, 0o644),
        ("package/LICENSE", MIT, 0o644),
        ("package/dist/index.js", DICE_INDEX, 0o755),
    ]
    tgz(os.path.join(OUT, "mcp-server-dice-1.0.0.tgz"), files)


# --- Python: wheel and sdist --------------------------------------------------------------

CONVERT_SERVER = '''"""Unit conversion tools over MCP."""

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("unit-convert")

_METERS = {"mm": 0.001, "cm": 0.01, "m": 1.0, "km": 1000.0, "in": 0.0254, "ft": 0.3048, "mi": 1609.344}


@mcp.tool()
def convert_length(value: float, from_unit: str, to_unit: str) -> float:
    """Convert a length between mm, cm, m, km, in, ft and mi."""
    return value * _METERS[from_unit] / _METERS[to_unit]


@mcp.tool()
def convert_temperature(value: float, from_unit: str, to_unit: str) -> float:
    """Convert a temperature between C, F and K."""
    kelvin = {"C": value + 273.15, "F": (value - 32) * 5 / 9 + 273.15, "K": value}[from_unit]
    return {"C": kelvin - 273.15, "F": (kelvin - 273.15) * 9 / 5 + 32, "K": kelvin}[to_unit]


def main() -> None:
    mcp.run()


if __name__ == "__main__":
    main()
'''

CONVERT_METADATA = """Metadata-Version: 2.4
Name: mcp-unit-convert
Version: 0.3.1
Summary: MCP server for unit conversions
Author-email: Example <dev@example.org>
License-Expression: MIT
Requires-Python: >=3.10
Requires-Dist: mcp>=1.10
Project-URL: Repository, https://github.com/example/mcp-unit-convert
Description-Content-Type: text/markdown

# mcp-unit-convert

Two tools: `convert_length` and `convert_temperature`.
"""

CONVERT_PYPROJECT = """[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[project]
name = "mcp-unit-convert"
version = "0.3.1"
description = "MCP server for unit conversions"
readme = "README.md"
requires-python = ">=3.10"
license = "MIT"
dependencies = ["mcp>=1.10"]

[project.scripts]
mcp-unit-convert = "mcp_unit_convert.server:main"

[project.urls]
Repository = "https://github.com/example/mcp-unit-convert"
"""


def record_line(name, text):
    digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=")
    return f"{name},sha256={digest.decode()},{len(text.encode())}"


def wheel():
    di = "mcp_unit_convert-0.3.1.dist-info"
    files = [
        ("mcp_unit_convert/__init__.py", '__version__ = "0.3.1"\n', 0o644),
        ("mcp_unit_convert/server.py", CONVERT_SERVER, 0o644),
        (f"{di}/METADATA", CONVERT_METADATA, 0o644),
        (f"{di}/WHEEL", "Wheel-Version: 1.0\nGenerator: make-fixtures\nRoot-Is-Purelib: true\nTag: py3-none-any\n", 0o644),
        (f"{di}/entry_points.txt", "[console_scripts]\nmcp-unit-convert = mcp_unit_convert.server:main\n", 0o644),
    ]
    record = "\n".join(record_line(n, t) for n, t, _ in files) + f"\n{di}/RECORD,,\n"
    files.append((f"{di}/RECORD", record, 0o644))
    zipped(os.path.join(OUT, "mcp_unit_convert-0.3.1-py3-none-any.whl"), files)


def sdist():
    top = "mcp_unit_convert-0.3.1"
    pkg_info = CONVERT_METADATA
    files = [
        (f"{top}/PKG-INFO", pkg_info, 0o644),
        (f"{top}/pyproject.toml", CONVERT_PYPROJECT, 0o644),
        (f"{top}/README.md", "# mcp-unit-convert\n\nTwo tools: `convert_length` and `convert_temperature`.\n", 0o644),
        (f"{top}/src/mcp_unit_convert/__init__.py", '__version__ = "0.3.1"\n', 0o644),
        (f"{top}/src/mcp_unit_convert/server.py", CONVERT_SERVER, 0o644),
    ]
    tgz(os.path.join(OUT, "mcp_unit_convert-0.3.1.tar.gz"), files)


# --- crate ---------------------------------------------------------------------------------

CLOCK_CARGO = """[package]
edition = "2021"
name = "mcp-clock"
version = "0.2.0"
description = "MCP server that tells the time in any UTC offset"
license = "MIT OR Apache-2.0"
repository = "https://github.com/example/mcp-clock"

[[bin]]
name = "mcp-clock"
path = "src/main.rs"

[dependencies.rmcp]
version = "0.8"
features = ["server", "transport-io", "macros"]

[dependencies.tokio]
version = "1"
features = ["macros", "rt-multi-thread", "io-std"]

[dependencies.schemars]
version = "1"

[dependencies.serde]
version = "1"
features = ["derive"]
"""

CLOCK_MAIN = """use rmcp::handler::server::{router::tool::ToolRouter, wrapper::Parameters};
use rmcp::{tool, tool_handler, tool_router, ServerHandler, ServiceExt};
use schemars::JsonSchema;
use serde::Deserialize;

#[derive(Debug, Deserialize, JsonSchema)]
struct OffsetArgs {
    /// Offset from UTC in whole hours, -12 to 14.
    hours: i32,
}

#[derive(Clone)]
struct Clock {
    tool_router: ToolRouter<Clock>,
}

#[tool_router]
impl Clock {
    fn new() -> Self {
        Clock { tool_router: Self::tool_router() }
    }

    #[tool(description = "Current time at the given UTC offset, as HH:MM.")]
    fn time_at_offset(&self, Parameters(args): Parameters<OffsetArgs>) -> String {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0)
            + i64::from(args.hours) * 3600;
        let minutes = secs.rem_euclid(86_400) / 60;
        format!("{:02}:{:02}", minutes / 60, minutes % 60)
    }
}

#[tool_handler]
impl ServerHandler for Clock {}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let service = Clock::new().serve(rmcp::transport::stdio()).await?;
    service.waiting().await?;
    Ok(())
}
"""


def crate():
    top = "mcp-clock-0.2.0"
    files = [
        (f"{top}/.cargo_vcs_info.json", json.dumps({"git": {"sha1": "0" * 40}, "path_in_vcs": ""}, indent=2) + "\n", 0o644),
        (f"{top}/Cargo.toml", CLOCK_CARGO, 0o644),
        (f"{top}/Cargo.toml.orig", CLOCK_CARGO, 0o644),
        (f"{top}/README.md", "# mcp-clock\n\nOne tool, `time_at_offset`.\n", 0o644),
        (f"{top}/src/main.rs", CLOCK_MAIN, 0o644),
    ]
    tgz(os.path.join(OUT, "mcp-clock-0.2.0.crate"), files)


# --- MCP bundle ----------------------------------------------------------------------------

NOTES_MANIFEST = {
    "manifest_version": "0.3",
    "name": "notes-search",
    "display_name": "Notes search",
    "version": "1.4.0",
    "description": "Search local markdown notes",
    "author": {"name": "Example Dev"},
    "license": "MIT",
    "server": {
        "type": "node",
        "entry_point": "server/index.js",
        "mcp_config": {
            "command": "node",
            "args": ["${__dirname}/server/index.js", "${user_config.notes_dir}"],
        },
    },
    "tools": [{"name": "search_notes", "description": "Full-text search over the notes folder"}],
    "tools_generated": False,
    "user_config": {
        "notes_dir": {
            "type": "directory",
            "title": "Notes folder",
            "description": "Folder of markdown notes to search",
            "required": True,
        }
    },
    "compatibility": {"platforms": ["darwin", "win32", "linux"], "runtimes": {"node": ">=18"}},
}

NOTES_INDEX = """import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const notesDir = process.argv[2];
const server = new McpServer({ name: "notes-search", version: "1.4.0" });

server.registerTool(
  "search_notes",
  {
    description: "Full-text search over the notes folder",
    inputSchema: { query: z.string().describe("Words to look for") },
  },
  async ({ query }) => {
    const hits = [];
    for (const name of await readdir(notesDir)) {
      if (!name.endsWith(".md")) continue;
      const text = await readFile(join(notesDir, name), "utf8");
      if (text.toLowerCase().includes(query.toLowerCase())) hits.push(name);
    }
    return { content: [{ type: "text", text: hits.join("\\n") || "no match" }] };
  },
);

await server.connect(new StdioServerTransport());
"""


def mcpb():
    package_json = {
        "name": "notes-search",
        "version": "1.4.0",
        "type": "module",
        "main": "server/index.js",
        "dependencies": {"@modelcontextprotocol/sdk": "^1.17.0", "zod": "^3.25.0"},
    }
    files = [
        ("manifest.json", json.dumps(NOTES_MANIFEST, indent=2) + "\n", 0o644),
        ("package.json", json.dumps(package_json, indent=2) + "\n", 0o644),
        ("server/index.js", NOTES_INDEX, 0o644),
    ]
    zipped(os.path.join(OUT, "notes-search-1.4.0.mcpb"), files)


def main():
    os.makedirs(OUT, exist_ok=True)
    npm()
    wheel()
    sdist()
    crate()
    mcpb()


if __name__ == "__main__":
    main()
