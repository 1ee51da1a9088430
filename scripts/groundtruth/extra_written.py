#!/usr/bin/env python3
"""Are the "extra" static tools declarations of the package, or inventions of the extractor?

An extra tool is a name static extraction found that the running server did not list (measure.py
--json FILE writes them per server as `extra_names`). For each one this script looks for the
name, as a whole word, in the package's own files (the archive the sweep downloaded, read from
the sweep cache; nothing is unpacked to disk, imported or run). A name written nowhere in the
package would be an invented tool; a name written in it is a declaration the run did not enable
(a flag, a mode, a second entry point, a definition no longer registered).

Usage: extra_written.py MEASURE_JSON [--cache-dir target/sweep/cache]
"""
import argparse
import glob
import io
import json
import os
import re
import tarfile
import zipfile


def index(cache):
    out = {}
    for p in glob.glob(os.path.join(cache, "index", "*.json")):
        with open(p) as f:
            d = json.load(f)
        k = d["package"]
        out[(k["ecosystem"], norm(k["name"]), k["version"])] = d["sha256"]
    return out


def norm(name):
    return name.lower().replace("_", "-")


def files(blob):
    with open(blob, "rb") as f:
        data = f.read()
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        for info in z.infolist():
            if info.file_size < 20_000_000 and not info.is_dir():
                yield z.read(info)
        return
    except zipfile.BadZipFile:
        pass
    with tarfile.open(fileobj=io.BytesIO(data)) as t:
        for m in t.getmembers():
            if m.isfile() and m.size < 20_000_000:
                yield t.extractfile(m).read()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("measure_json")
    ap.add_argument("--cache-dir", default="target/sweep/cache")
    args = ap.parse_args()
    idx = index(args.cache_dir)
    with open(args.measure_json) as f:
        rows = json.load(f)
    servers = with_extra = names = written = invented_servers = 0
    for r in rows:
        servers += 1
        if not r["extra"]:
            continue
        with_extra += 1
        eco, rest = r["target"].split(":", 1)
        name, ver = rest.split("==") if eco == "pypi" else rest.rsplit("@", 1)
        sha = idx.get((eco, norm(name), ver))
        if sha is None:
            print(f"{r['target']}: not in the cache")
            continue
        blob = os.path.join(args.cache_dir, "blobs", "sha256", sha[:2], sha)
        if os.path.isdir(blob):
            blob = os.path.join(blob, os.listdir(blob)[0])
        corpus = b"\n".join(files(blob))
        missing = []
        for n in r["extra_names"]:
            names += 1
            word = rb"(?<![A-Za-z0-9_-])" + re.escape(n.encode()) + rb"(?![A-Za-z0-9_-])"
            if re.search(word, corpus):
                written += 1
            else:
                missing.append(n)
        invented_servers += bool(missing)
        print(f"{r['target']}: {len(r['extra_names'])} extra, written nowhere: {missing}")
    print(
        f"{servers} servers, {with_extra} with extra names; {names} extra names, {written} written "
        f"in the package; servers with a name written nowhere (invented): {invented_servers} "
        f"({100 * (servers - invented_servers) / max(servers, 1):.1f}% of servers have none)"
    )


if __name__ == "__main__":
    main()
