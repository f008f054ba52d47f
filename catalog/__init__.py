"""mcprisk's catalogue: the shared core every layer speaks (``catalog.core``), the database and its store, the
queries, and the publishing of the site."""

__version__ = "0.1.0"
