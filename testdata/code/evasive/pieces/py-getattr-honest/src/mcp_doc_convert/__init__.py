"""Convert documents between Markdown, HTML and reStructuredText."""
__version__ = "1.4.0"
