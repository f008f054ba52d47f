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
        str,
        typer.Option(
            "--classifier",
            help="rules (offline, the default) or llm (rules, then a second opinion from an OpenAI-compatible "
            "endpoint: MCPRISK_LLM_BASE_URL, MCPRISK_LLM_MODEL, MCPRISK_LLM_API_KEY).",
        ),
    ] = "rules",
    everything: Annotated[bool, typer.Option("--all", help="Judge every tool again, changed or not.")] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Classify the tools whose definition or classifier version changed since their last verdict.

    Example: mcprisk classify --all
    """
    if classifier_name not in ("rules", "llm"):
        raise InputError(f"unknown classifier {classifier_name!r}: choose rules or llm")
    from catalog.classify import classify_catalogue, classify_catalogue_llm
    from catalog.database import open_engine
    from catalog.store import Store

    config = settings(db)
    store = Store(open_engine(config.database_url))
    with progress_bar("classifying", enabled=not as_json) as advance:
        if classifier_name == "llm":
            run = classify_catalogue_llm(store, config, everything, advance)
        else:
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
    if run.llm:
        typer.echo(
            f"llm: {run.llm['asked']} asked, {run.llm['cached']} from cache, {run.llm['raised']} verdicts raised, "
            f"{run.llm['prompt_tokens'] + run.llm['completion_tokens']} tokens"
        )
        if run.llm["failed"]:
            typer.echo(f"llm: {run.llm['failed']} calls failed; the rules' verdict stands for those tools", err=True)
