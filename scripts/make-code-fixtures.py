#!/usr/bin/env python3
"""Packs the code-analysis fixtures of testdata/code/<scenario>/ into the artifacts a registry
would serve (standard library only, deterministic), into testdata/code/archives/:

  npm-*    -> <name>-<version>.tgz         files under package/
  wheel-*  -> <dist>-<version>-py3-none-any.whl   files at the root
  sdist-*  -> <name>-<version>.tar.gz      files under <name>-<version>/
  crate-*  -> <name>-<version>.crate       files under <name>-<version>/
  mcpb-*   -> <name>-<version>.mcpb        zip, manifest.json at the root

The fixtures are written for mcp-audit's tests; the hostile ones are never run, only audited.
Run from anywhere: python3 scripts/make-code-fixtures.py. Fixed mtimes, owners and modes, so
the archives only change when the directories do.
"""

import gzip
import io
import json
import os
import re
import tarfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "..", "testdata", "code")
OUT = os.path.join(SRC, "archives")
MTIME = 1_767_225_600  # 2026-01-01T00:00:00Z
ZIP_DATE = (2026, 1, 1, 0, 0, 0)


def files_of(root):
    out = []
    for base, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(names):
            full = os.path.join(base, name)
            rel = os.path.relpath(full, root).replace(os.sep, "/")
            with open(full, "rb") as f:
                out.append((rel, f.read()))
    return out


def executable(rel, data):
    return data.startswith(b"\x7fELF") or data.startswith(b"#!") or rel.startswith("bin/")


def tgz(path, prefix, files):
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for rel, data in files:
            info = tarfile.TarInfo(f"{prefix}/{rel}")
            info.size = len(data)
            info.mtime = MTIME
            info.mode = 0o755 if executable(rel, data) else 0o644
            info.uname = info.gname = ""
            tar.addfile(info, io.BytesIO(data))
    with open(path, "wb") as out:
        with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0) as gz:
            gz.write(raw.getvalue())


def zipped(path, files):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for rel, data in files:
            info = zipfile.ZipInfo(rel, ZIP_DATE)
            info.external_attr = (0o755 if executable(rel, data) else 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def field(text, name):
    m = re.search(rf"^{name}:\s*(.+)$", text, re.M)
    return m.group(1).strip()


def main():
    os.makedirs(OUT, exist_ok=True)
    for scenario in sorted(os.listdir(SRC)):
        root = os.path.join(SRC, scenario)
        if scenario == "archives" or not os.path.isdir(root):
            continue
        files = files_of(root)
        text = {rel: data.decode("utf-8", "replace") for rel, data in files}
        kind = scenario.split("-")[0]
        if kind == "npm":
            pj = json.loads(text["package.json"])
            name = pj["name"].replace("@", "").replace("/", "-")
            target = f"{name}-{pj['version']}.tgz"
            tgz(os.path.join(OUT, target), "package", files)
        elif kind == "wheel":
            meta = next(t for r, t in text.items() if r.endswith(".dist-info/METADATA"))
            dist = field(meta, "Name").replace("-", "_")
            target = f"{dist}-{field(meta, 'Version')}-py3-none-any.whl"
            zipped(os.path.join(OUT, target), files)
        elif kind == "sdist":
            meta = text["PKG-INFO"]
            base = f"{field(meta, 'Name').replace('-', '_')}-{field(meta, 'Version')}"
            target = f"{base}.tar.gz"
            tgz(os.path.join(OUT, target), base, files)
        elif kind == "crate":
            cargo = text["Cargo.toml"]
            name = re.search(r'^name\s*=\s*"([^"]+)"', cargo, re.M).group(1)
            version = re.search(r'^version\s*=\s*"([^"]+)"', cargo, re.M).group(1)
            target = f"{name}-{version}.crate"
            tgz(os.path.join(OUT, target), f"{name}-{version}", files)
        elif kind == "mcpb":
            manifest = json.loads(text["manifest.json"])
            target = f"{manifest['name']}-{manifest['version']}.mcpb"
            zipped(os.path.join(OUT, target), files)
        else:
            continue
        print(f"{scenario:16} -> archives/{target}")


if __name__ == "__main__":
    main()
