"""In-tree build backend: setuptools plus a generated _version.py from `git describe`."""
import os
import subprocess

from setuptools import build_meta as _orig
from setuptools.build_meta import *  # noqa: F401,F403

_TARGET = os.path.join("src", "mcp_csv_sql", "_version.py")


def _write_version() -> None:
    try:
        desc = subprocess.run(["git", "describe", "--tags", "--always"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        desc = "unknown"
    with open(_TARGET, "w") as f:
        f.write(f'GIT_DESCRIBE = "{desc}"\n')


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    _write_version()
    return _orig.build_wheel(wheel_directory, config_settings, metadata_directory)


def build_sdist(sdist_directory, config_settings=None):
    _write_version()
    return _orig.build_sdist(sdist_directory, config_settings)
