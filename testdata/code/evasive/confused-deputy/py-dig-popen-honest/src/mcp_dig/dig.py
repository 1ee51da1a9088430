import re
import subprocess

RESOLVERS = {"google": "8.8.8.8", "cloudflare": "1.1.1.1", "quad9": "9.9.9.9"}
TYPES = {"A", "AAAA", "MX", "TXT", "CNAME", "NS"}
_DOMAIN = re.compile(r"^(?=.{1,253}$)([A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z]{2,63}\.?$")


def dig(domain: str, record_type: str, resolver: str | None = None) -> str:
    if not _DOMAIN.match(domain) or record_type.upper() not in TYPES:
        raise ValueError("invalid domain or record type")
    argv = ["dig", "+short"] + ([f"@{resolver}"] if resolver else []) + [domain, record_type.upper()]
    return subprocess.run(argv, capture_output=True, text=True, timeout=10).stdout.strip()
