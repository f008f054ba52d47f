"""`mcprisk classify`: verdicts for every tool whose definition or classifier changed."""

from typing import TYPE_CHECKING, Annotated

import typer

from catalog.core.errors import ConfigError, InputError
from catalog.core.settings import Settings
from catalog.core.taxonomy import CATEGORIES, RISKS
from mcprisk.cli.application import command
from mcprisk.cli.options import DbOption, JsonOption, settings
from mcprisk.cli.output import print_json, print_table, progress_bar

if TYPE_CHECKING:
    from catalog.store import Store
    from mcprisk.judging import ClassifyRun


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
    batch: Annotated[
        bool,
        typer.Option(
            "--batch",
            help="With --classifier llm: ask through the OpenAI Batch API (half the price, answers within 24 h). "
            "Resumable: a run started again collects the batch it left instead of submitting another.",
        ),
    ] = False,
    batch_wait: Annotated[
        bool,
        typer.Option(
            "--batch-wait/--no-batch-wait",
            help="Wait for the batch and store its verdicts (polling every MCPRISK_LLM_BATCH_POLL seconds), "
            "or submit (or look at) it and return.",
        ),
    ] = True,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Classify the tools whose definition or classifier version changed since their last verdict.

    Example: mcprisk classify --all

    Example: mcprisk classify --classifier llm --batch --no-batch-wait
    """
    if classifier_name not in ("rules", "llm"):
        raise InputError(f"unknown classifier {classifier_name!r}: choose rules or llm")
    if batch and classifier_name != "llm":
        raise InputError("--batch needs --classifier llm")
    from catalog.database import open_engine
    from catalog.store import Store
    from mcprisk.judging import classify_catalogue, classify_catalogue_llm

    config = settings(db)
    if classifier_name == "llm" and not (config.llm_api_key or config.llm_base_url):
        raise ConfigError("--classifier llm needs MCPRISK_LLM_API_KEY (or MCPRISK_LLM_BASE_URL for a local endpoint)")
    store = Store(open_engine(config.database_url))
    if batch:
        return _classify_batch(store, config, everything, batch_wait, as_json)
    with progress_bar("classifying", enabled=not as_json) as advance:
        if classifier_name == "llm":
            run = classify_catalogue_llm(store, config, everything, advance)
        else:
            run = classify_catalogue(store, everything, advance)
    if as_json:
        print_json(run.to_json())
        return
    _print_run(run)


def _classify_batch(store: "Store", config: Settings, everything: bool, wait: bool, as_json: bool) -> None:
    from mcprisk.batch_judging import classify_catalogue_batch

    with progress_bar("storing verdicts", enabled=not as_json) as advance:
        outcome = classify_catalogue_batch(store, config, everything, wait, advance)
    if as_json:
        print_json(outcome.to_json())
        return
    if outcome.batch_id is None:
        typer.echo("every answer was already in the cache: no batch needed")
    else:
        resumed = "resumed" if outcome.resumed else "submitted"
        typer.echo(f"batch {outcome.batch_id} ({resumed}, {outcome.requests} requests): {outcome.status}")
    if outcome.run is None:
        typer.echo("run the same command again to collect it (it picks up this batch, it does not submit another)")
        return
    _print_run(outcome.run)
    if outcome.malformed_lines:
        typer.echo(f"llm: {outcome.malformed_lines} unreadable lines in the batch output", err=True)
    if outcome.error:
        typer.echo(f"llm: {outcome.error}", err=True)


def _print_run(run: "ClassifyRun") -> None:
    typer.echo(f"classified {run.classified} tools with {run.classifier} {run.version}")
    if run.classified:
        print_table(["category", "tools"], [(c, run.categories[c]) for c in CATEGORIES if c in run.categories])
        print_table(["risk", "tools"], [(r, run.risks[r]) for r in RISKS if r in run.risks])
    for name in run.poisoned:
        typer.echo(f"poisoned: {name}", err=True)
    if run.llm:
        typer.echo(
            f"llm: {run.llm['asked']} asked, {run.llm['cached']} from cache, {run.llm['raised']} verdicts raised, "
            f"{run.llm['prompt_tokens'] + run.llm['completion_tokens']} tokens"
        )
        if run.llm["failed"]:
            typer.echo(f"llm: {run.llm['failed']} calls failed; the rules' verdict stands for those tools", err=True)
