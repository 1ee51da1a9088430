"""Runs the bundled qpdf (upstream 11.9 release build) or one found on PATH."""
import shutil
import subprocess
from pathlib import Path

_BUNDLED = Path(__file__).with_name("_bin") / "qpdf"


def qpdf_path() -> str:
    return shutil.which("qpdf") or str(_BUNDLED)


def qpdf(*args: str) -> str:
    r = subprocess.run([qpdf_path(), *args], capture_output=True, text=True, timeout=120)
    if r.returncode not in (0, 3):  # 3 = warnings
        raise RuntimeError(r.stderr.strip())
    return r.stdout
