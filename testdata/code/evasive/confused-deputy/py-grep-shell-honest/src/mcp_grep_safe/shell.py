import subprocess


def run(argv: list[str], timeout: int = 30) -> str:
    """Run a program with an argument list (no shell) and return its output."""
    r = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    return r.stdout + r.stderr
