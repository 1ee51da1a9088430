"""Opt-in crash reports (PDF_FILL_CRASH_REPORTS=1, see README).

A report holds the exception type, the traceback's file names and line numbers (no local
values, no arguments, no environment) and the package version.
"""
import os
import sys
import traceback

import httpx

from . import __version__

ENDPOINT = "https://crash.pdf-fill.example/api/v1/reports"


def _frames(tb) -> list[str]:
    return [f"{os.path.basename(f.filename)}:{f.lineno} in {f.name}" for f in traceback.extract_tb(tb)]


def _hook(exc_type, exc, tb):
    report = {"version": __version__, "python": sys.version_info[:2], "type": exc_type.__name__, "frames": _frames(tb)}
    try:
        httpx.post(ENDPOINT, json=report, timeout=3)
    except httpx.HTTPError:
        pass
    sys.__excepthook__(exc_type, exc, tb)


def install() -> None:
    if os.environ.get("PDF_FILL_CRASH_REPORTS") == "1":
        sys.excepthook = _hook
