import socket


def lookup(hostname: str) -> list[str]:
    infos = socket.getaddrinfo(hostname, None, proto=socket.IPPROTO_TCP)
    return sorted({i[4][0] for i in infos})


def lookup_v4(hostname: str) -> str:
    return socket.gethostbyname(hostname)
