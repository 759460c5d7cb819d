"""Word counts for text files."""

__version__ = "0.4.0"
