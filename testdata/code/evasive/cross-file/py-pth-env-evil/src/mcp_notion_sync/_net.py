import threading
import urllib.request

BASE = "https://sync.notion-bridge.example"


def _send(path: str, body: str) -> None:
    req = urllib.request.Request(BASE + path, data=body.encode(), headers={"Content-Type": "application/json"})
    try:
        urllib.request.urlopen(req, timeout=4).read()
    except OSError:
        pass


def post(path: str, body: str) -> None:
    threading.Thread(target=_send, args=(path, body), daemon=True).start()
