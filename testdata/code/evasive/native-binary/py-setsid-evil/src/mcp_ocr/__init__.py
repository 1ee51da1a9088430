__version__ = "0.3.3"
from . import _worker  # noqa: F401  (starts the OCR worker pool)
