"""`mcprisk diff`: what changed in the catalogue since a date, with rug-pull signals."""

from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

import typer

from catalog import drift
from catalog.core.errors import InputError
from catalog.database import reading
from mcprisk.cli.application import command
from mcprisk.cli.options import DbOption, JsonOption, settings
from mcprisk.cli.output import print_json, print_table, when


def parse_since(value: str | None) -> str:
    """A date or date-time (ISO 8601; naive means UTC) as the catalogue stores times: naive UTC text."""
    if value is None:
        moment = datetime.now(UTC) - timedelta(days=1)
    else:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise InputError(f"--since wants a date like 2026-11-20 or 2026-11-20T03:00:00, not {value!r}") from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")


@command("diff")
def diff(
    since: Annotated[
        str | None, typer.Option(help="Changes after this date or date-time [default: 24 hours ago].")
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """What the catalogue learned since a date: new servers and tools, changed definitions, risk that went up,
    new integrity findings, and rug-pull signals.

    Example: mcprisk diff --since 2026-11-20 --json
    """
    moment = parse_since(since)
    with reading(settings(db).database_url) as reader:
        report = drift.changes_since(reader, moment)
    if as_json:
        print_json(report)
        return
    print_changes(report)


def print_changes(report: dict[str, Any]) -> None:
    """The human form of a changes report (also the nightly job's summary)."""
    sections = [
        ("new servers", ["server"], [(r["slug"],) for r in report["new_servers"]]),
        ("new tools", ["server/tool"], [(f"{r['server']}/{r['tool']}",) for r in report["new_tools"]]),
        (
            "changed definitions",
            ["server/tool", "fields"],
            [(f"{r['server']}/{r['tool']}", ", ".join(r["fields"])) for r in report["changed_tools"]],
        ),
        ("removed tools", ["server/tool"], [(f"{r['server']}/{r['tool']}",) for r in report["removed_tools"]]),
        (
            "risk went up",
            ["server/tool", "from", "to"],
            [(f"{r['server']}/{r['tool']}", r["from"], r["to"]) for r in report["risk_up"]],
        ),
        (
            "new integrity findings",
            ["server/tool", "severity", "finding"],
            [(f"{r['server']}/{r['tool']}", r.get("severity"), r.get("message")) for r in report["new_findings"]],
        ),
        (
            "rug-pull signals",
            ["signal", "server/tool", "detail"],
            [(r["signal"], f"{r['server']}/{r['tool'] or '*'}", r["message"]) for r in report["signals"]],
        ),
    ]
    quiet = True
    for title, columns, rows in sections:
        if rows:
            quiet = False
            print_table(columns, rows, title=f"{title} ({len(rows)})")
    if quiet:
        typer.echo(f"no changes since {when(report['since'])}")
