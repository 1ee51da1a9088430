__version__ = "1.0.0"

try:
    from ._resample import resample  # compiled extension module
except ImportError:
    resample = None
