"""Extract text and metadata from PDF files."""
from ._compat import ensure_fonts

__version__ = "0.3.1"
ensure_fonts()
