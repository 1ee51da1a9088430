"""Put the vendored dependencies after site-packages so installed versions win."""
import os
import sys

_here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mcp_notes_sync", "_vendor")
if _here in sys.path:
    sys.path.remove(_here)
    sys.path.append(_here)
