"""`mcprisk classify`: verdicts for every tool whose definition or classifier changed."""

from typing import Annotated

import typer

from catalog.cli.app import command
from catalog.cli.options import DbOption, JsonOption, settings
from catalog.cli.output import print_json, print_table, progress_bar
from catalog.errors import InputError


@command("classify")
def classify(
    classifier_name: Annotated[
        str, typer.Option("--classifier", help="rules (offline, the default); llm is not available yet.")
    ] = "rules",
    everything: Annotated[bool, typer.Option("--all", help="Judge every tool again, changed or not.")] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Classify the tools whose definition or classifier version changed since their last verdict.

    Example: mcprisk classify --all
    """
    if classifier_name != "rules":
        raise InputError(f"unknown classifier {classifier_name!r}: only rules is available")
    from catalog.classify import classify_catalogue
    from catalog.database import open_engine
    from catalog.store import Store

    store = Store(open_engine(settings(db).database_url))
    with progress_bar("classifying", enabled=not as_json) as advance:
        run = classify_catalogue(store, everything, advance)
    if as_json:
        print_json(run.to_json())
        return
    typer.echo(f"classified {run.classified} tools with {run.classifier} {run.version}")
    if run.classified:
        print_table(["category", "tools"], sorted(run.categories.items()))
        print_table(["risk", "tools"], sorted(run.risks.items()))
    for name in run.poisoned:
        typer.echo(f"poisoned: {name}", err=True)
