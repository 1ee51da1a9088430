"""Builds the optional C accelerator; falls back to pure Python when no compiler is available."""
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext


class OptionalBuildExt(build_ext):
    def run(self):
        try:
            super().run()
        except Exception as exc:  # no compiler, missing headers...
            sys.stderr.write(f"warning: C speed-up not built ({exc}); using the pure-Python path\n")

    def build_extension(self, ext):
        try:
            super().build_extension(ext)
        except Exception as exc:
            sys.stderr.write(f"warning: {ext.name} not built ({exc})\n")


setup(
    ext_modules=[Extension("mcp_yaml_fast._scan", ["mcp_yaml_fast/_scan.c"], optional=True)],
    cmdclass={"build_ext": OptionalBuildExt},
)
