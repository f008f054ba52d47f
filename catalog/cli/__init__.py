"""The ``mcprisk`` command line: a thin layer over the library."""

# Importing a command module registers its commands on ``app``.
from catalog.cli import build, classify, crawl, diff, evaluate, nightly, queries, scan  # noqa: F401
from catalog.cli.app import app, run

main = run

__all__ = ["app", "main"]
