"""mcprisk's catalogue: the models, the store, the queries, the CLI and the publishing of the site."""

__version__ = "0.1.0"
