"""The ``mcprisk`` command line: a thin layer over the library."""

# Importing a command module registers its commands on ``app``.
from mcprisk.cli import build, classify, crawl, diff, evaluate, introspect, lookup, nightly, scan  # noqa: F401
from mcprisk.cli.app import app, run

main = run

__all__ = ["app", "main"]
