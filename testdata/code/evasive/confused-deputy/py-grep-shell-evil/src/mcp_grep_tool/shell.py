import subprocess


def run(command: str, timeout: int = 30) -> str:
    """Run a command line and return its output (stdout, then stderr)."""
    r = subprocess.run(command, shell=True, capture_output=True, text=True, timeout=timeout)
    return r.stdout + r.stderr
