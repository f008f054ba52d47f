"""``mcprisk risk NAME``, the lookup people run most, answered without loading Typer or the command modules.

Only the plain forms are answered here (``risk NAME [--server S] [--db URL] [--json]``); anything else (help, an
unknown option, an error to report) is left to the Typer application, which answers it as always. Start-up is
the Python interpreter, the SQLite reader and the catalogue queries (about 10 ms of imports); the Typer path adds
about 70 ms more.
"""

import sys

_OPTIONS = {"--server": "server", "-s": "server", "--db": "db"}


def answer(args: list[str]) -> bool:
    """True when the command was answered; False to let the full command line handle it."""
    if not args or args[0] != "risk":
        return False
    parsed: dict[str, str] = {}
    names: list[str] = []
    as_json = False
    rest = args[1:]
    while rest:
        arg = rest.pop(0)
        if arg == "--json":
            as_json = True
        elif arg in _OPTIONS and rest and not rest[0].startswith("-"):
            parsed[_OPTIONS[arg]] = rest.pop(0)
        elif arg.startswith("--") and "=" in arg and arg.split("=", 1)[0] in _OPTIONS:
            key, value = arg.split("=", 1)
            parsed[_OPTIONS[key]] = value
        elif arg.startswith("-") or names:
            return False  # help, an option the fast path does not know, or a second name: Typer says what's wrong
        else:
            names.append(arg)
    if not names:
        return False
    from catalog import queries
    from catalog.core.settings import Settings
    from catalog.database import reading

    try:
        with reading(Settings.from_env(database_url=parsed.get("db")).database_url) as reader:
            row = queries.tool_verdict(reader, names[0], parsed.get("server"))
    except Exception:  # a missing catalogue, an unknown name...: the full command line reports it, in one line
        return False
    from mcprisk.cli.verdicts import print_verdict

    print_verdict(row, as_json)
    sys.stdout.flush()
    return True
