"""The Typer application and the decorator every command goes through.

Commands live in one module per concern (``queries``, ``scan``, ``classify``…); each registers
itself with :func:`command`. Heavy libraries (scrapy, openai, jinja2, sqlalchemy) are imported
inside the command functions that need them, never at module level: start-up stays fast.
"""

import functools
import sqlite3
import sys
import traceback
from collections.abc import Callable
from typing import Any

import typer

try:  # Typer >= 0.28 bundles its own Click
    from typer._click import exceptions as click_errors
except ImportError:
    from click import exceptions as click_errors

from typer.core import TyperGroup

from catalog.core.errors import AmbiguousError, MCPRiskError, NotFoundError

EXIT_CODES_HELP = (
    "Exit codes: 0 success; 1 not found (or, for scan, nothing found / a finding at --fail-on); "
    "2 bad input or usage; 3 catalogue schema mismatch; 4 a source failed; 5 another run holds the lock; "
    "70 internal error; 130 interrupted."
)

# `--help` lists what people run most first: the questions, then the checks, then the admin commands.
COMMAND_ORDER = (
    "risk", "server", "search", "policy", "scan", "stats", "export", "diff", "crawl", "classify", "nightly", "build"
)  # fmt: skip


class CommandsByUse(TyperGroup):  # type: ignore[misc]
    def list_commands(self, ctx: Any) -> list[str]:
        names = super().list_commands(ctx)
        return sorted(names, key=lambda n: COMMAND_ORDER.index(n) if n in COMMAND_ORDER else len(COMMAND_ORDER))


app = typer.Typer(
    name="mcprisk",
    cls=CommandsByUse,
    help="mcprisk: a risk catalogue of MCP servers and their tools.\n\n" + EXIT_CODES_HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _print_version(value: bool) -> None:
    if value:
        from catalog import __version__

        typer.echo(f"mcprisk {__version__}")
        raise typer.Exit()


DEBUG_HELP = "Global: on an internal error (exit 70), show the traceback, not just its one line."


@app.callback()
def _global(
    version: bool = typer.Option(
        False, "--version", help="Print mcprisk's version and exit.", is_eager=True, callback=_print_version
    ),
    debug: bool = typer.Option(False, "--debug", help=DEBUG_HELP),
) -> None:
    """mcprisk: a risk catalogue of MCP servers and their tools."""


def damaged(exc: BaseException) -> str | None:
    """SQLite's own words when ``exc`` (or what it wraps) says the catalogue file is damaged, else None."""
    seen: BaseException | None = exc
    for _ in range(5):
        if seen is None:
            return None
        if isinstance(seen, sqlite3.DatabaseError) and any(
            words in str(seen) for words in ("malformed", "not a database", "disk I/O error")
        ):
            return str(seen)
        seen = getattr(seen, "orig", None) or seen.__cause__ or seen.__context__
    return None


def report_damaged(reason: str) -> None:
    typer.echo(
        f"error: the catalogue is damaged ({reason}): recover what it holds with "
        "`sqlite3 CATALOGUE.db .recover | sqlite3 recovered.db`, then use --db recovered.db",
        err=True,
    )


def fail(message: str, code: int = 2) -> "typer.Exit":
    """Print a one-line error on stderr and return the Exit to raise."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def report_error(exc: MCPRiskError) -> None:
    typer.echo(f"error: {exc}", err=True)
    if isinstance(exc, NotFoundError) and exc.suggestions:
        typer.echo("did you mean: " + ", ".join(exc.suggestions), err=True)
    if isinstance(exc, AmbiguousError):
        typer.echo("candidates: " + ", ".join(exc.candidates), err=True)
    if "disk image is malformed" in str(exc):
        typer.echo("advice: recover it with `sqlite3 CATALOGUE.db .recover | sqlite3 recovered.db`", err=True)


def stop_children() -> None:
    """After Ctrl-C, no process this command started outlives it. A child busy in its own event loop (the crawl's
    reactor) may not stop on SIGINT, and the interpreter would wait for it at exit: a hung Ctrl-C."""
    import multiprocessing

    for child in multiprocessing.active_children():
        child.terminate()
        child.join(10)
        if child.is_alive():
            child.kill()
            child.join()


def command(*args: Any, **kwargs: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``app.command`` that turns library errors into a one-line message and the right exit code."""

    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def wrapper(*a: Any, **kw: Any) -> Any:
            try:
                return fn(*a, **kw)
            except MCPRiskError as exc:
                report_error(exc)
                raise typer.Exit(exc.exit_code) from None
            except KeyboardInterrupt:  # Typer would exit 130 without a word
                stop_children()
                typer.echo("interrupted", err=True)
                raise typer.Exit(130) from None
            except Exception as exc:
                if (reason := damaged(exc)) is None:
                    raise
                report_damaged(reason)
                raise typer.Exit(2) from None

        app.command(*args, **kwargs)(wrapper)
        return wrapper

    return decorate


def run() -> None:
    """Entry point: anything unexpected still ends as one line, never a traceback; a usage error too (Click's
    own shows four lines: usage, hint, blank, error)."""
    args = sys.argv[1:]
    cut = args.index("--") if "--" in args else len(args)
    debug = "--debug" in args[:cut]  # a global option, wherever it is written: `mcprisk stats --debug` too
    args = [a for a in args[:cut] if a != "--debug"] + args[cut:]
    try:
        code = app(args=args, prog_name="mcprisk", standalone_mode=False)
    except click_errors.UsageError as exc:
        if isinstance(exc, getattr(click_errors, "NoArgsIsHelpError", ())):
            exc.show()  # `mcprisk` alone: the help
        else:
            where = exc.ctx.command_path if exc.ctx is not None else "mcprisk"
            typer.echo(f"error: {exc.format_message()} (see `{where} --help`)", err=True)
        sys.exit(exc.exit_code)
    except (KeyboardInterrupt, typer.Abort):
        typer.echo("interrupted", err=True)
        sys.exit(130)
    except MCPRiskError as exc:
        report_error(exc)
        sys.exit(exc.exit_code)
    except Exception as exc:  # the last line of defence: users get a sentence, not a traceback
        if (reason := damaged(exc)) is not None:
            report_damaged(reason)
            sys.exit(2)
        if debug:
            traceback.print_exc()
        typer.echo(f"internal error: {type(exc).__name__}: {str(exc)[:500]}", err=True)
        sys.exit(70)
    sys.exit(code if isinstance(code, int) else 0)
