"""The ``mcprisk`` command line: a thin layer over the library.

Start-up is most of a lookup's time, so the package imports nothing at first: ``mcprisk risk NAME`` answers from
a fast path (``quick``: no Typer, no command modules), and everything else loads the Typer application.
"""

import sys
import types
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
    from mcprisk.cli.app import run

    run()


class _Package(types.ModuleType):
    """``mcprisk.cli.app`` names the Typer application (every command registered), as it did when this package
    imported it eagerly, though ``app`` is also the name of the module that defines it: importing that module
    does not rebind the name."""

    @property
    def app(self) -> Any:
        _load_commands()
        return sys.modules["mcprisk.cli.app"].app

    @app.setter
    def app(self, module: Any) -> None:
        pass  # the import system recording the submodule: `app` keeps meaning the application

    @property
    def run(self) -> Any:
        _load_commands()
        return sys.modules["mcprisk.cli.app"].run


sys.modules[__name__].__class__ = _Package


__all__ = ["app", "main"]
