"""The ``mcprisk`` command line: a thin layer over the library.

Start-up is most of a lookup's time, so the package imports nothing at first: ``mcprisk risk NAME`` answers from
a fast path (``quick``: no Typer, no command modules), and everything else loads the Typer application.
"""

import sys
from typing import Any


def _load_commands() -> None:
    # Importing a command module registers its commands on ``app``.
    from mcprisk.cli import build, classify, crawl, diff, evaluate, introspect, lookup, nightly, scan, train  # noqa: F401


def main() -> None:
    from mcprisk.cli.quick import answer

    try:
        if answer(sys.argv[1:]):
            return
    except BrokenPipeError:  # `mcprisk risk X | head`: the reader left; nothing more to say
        sys.stderr.close()
        sys.exit(0)
    _load_commands()
    from mcprisk.cli.application import run

    run()


def __getattr__(name: str) -> Any:
    """``app`` and ``run``: the Typer application with every command registered, loaded on first use."""
    if name not in ("app", "run"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    _load_commands()
    from mcprisk.cli import application

    return getattr(application, name)


__all__ = ["app", "main"]
