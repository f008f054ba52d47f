"""`mcprisk crawl`: harvest servers from their sources into the catalogue."""

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer

from catalog.core.settings import Settings, env_var
from mcprisk.cli.application import command
from mcprisk.cli.options import DbOption, JsonOption, settings
from mcprisk.cli.output import print_json, print_table


@command("crawl")
def crawl(
    source: Annotated[
        str | None,
        typer.Option("--source", help="Comma-separated sources to crawl [default: registry; all with --sample]."),
    ] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="Stop each source after this many servers.")] = None,
    full: Annotated[bool, typer.Option("--full", help="Ignore the last run: fetch everything again.")] = False,
    registry_url: Annotated[
        str | None, typer.Option("--registry-url", envvar=env_var("registry_url"), help="MCP Registry base URL.")
    ] = None,
    github_api_url: Annotated[
        str | None,
        typer.Option("--github-api-url", envvar=env_var("github_api_url"), help="GitHub REST API base URL."),
    ] = None,
    awesome_url: Annotated[
        str | None,
        typer.Option("--awesome-url", envvar=env_var("awesome_url"), help="Awesome list README (http(s) or file://)."),
    ] = None,
    repo: Annotated[
        list[str] | None,
        typer.Option("--repo", help="With the github source: only this repository (owner/name or URL); repeatable."),
    ] = None,
    redis_url: Annotated[
        str | None,
        typer.Option(
            "--redis-url",
            envvar=env_var("redis_url"),
            help="Share the crawl with other workers through this Redis (redis://host:6379/0): one request queue "
            "and one seen-set; run the same command on each machine.",
        ),
    ] = None,
    sample: Annotated[
        bool,
        typer.Option(
            "--sample",
            help="Crawl the bundled sample corpus instead, served on 127.0.0.1: offline, through the same spiders.",
        ),
    ] = False,
    introspect: Annotated[
        bool,
        typer.Option("--introspect", help="Then run each package version not asked before in the sandbox and ask "
                     "it tools/list (bubblewrap; as many at once as MCPRISK_INTROSPECT_WORKERS, default one a core)."),
    ] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Crawl the sources into the catalogue, incrementally (only what changed since the last successful run).

    Exit status 4 when a source failed entirely. Sources: registry, npm, pypi (each package the catalogue knows is
    downloaded and its tools extracted), awesome (GitHub repositories discovered in an awesome list), github (each
    repository's metadata and README; its archive and tools when it was pushed to). Sources run in that order.
    Upstreams are asked "changed since?" with the validators stored last time: a second crawl with nothing new costs
    one 304 per server. A live progress display goes to stderr on a terminal.

    Example: mcprisk crawl --source registry --limit 100

    Example: mcprisk crawl --source registry,npm,pypi --redis-url redis://10.0.0.5:6379/0

    Example: GITHUB_TOKEN=... mcprisk crawl --source awesome,github

    Example: mcprisk crawl --sample --db sample.db
    """
    from contextlib import nullcontext

    from crawler.corpus.serve import corpus_settings, serving
    from crawler.runner import SOURCES
    from crawler.runner import crawl as run

    config = settings(db).with_(
        registry_url=registry_url, redis_url=redis_url, github_api_url=github_api_url, awesome_url=awesome_url
    )
    names = [s.strip() for s in (source or (",".join(SOURCES) if sample else "registry")).split(",") if s.strip()]
    if not sample:  # asked before the crawl starts: a missing configuration is one line, not a failed reactor
        config = package_urls(config, names)
    with serving(catalogue=config.database_url) if sample else nullcontext() as corpus, live_progress() as progress:
        if corpus is not None:
            config = corpus_settings(config, corpus.base)
        summary = run(config, names, limit, full, repo, progress, offline=sample)
    asked = introspect_catalogue(config) if introspect else None
    if as_json:
        print_json(summary.sources if asked is None else {**summary.sources, "introspection": asked})
    else:
        keys = ("servers_new", "servers_updated", "servers_unchanged", "tools_new")
        print_table(
            ["source", "status", *(k.replace("_", " ") for k in keys), "errors"],
            [(name, s["status"], *(s.get(k, 0) for k in keys), errors(s)) for name, s in summary.sources.items()],
        )
    if summary.failed:
        raise typer.Exit(4)


def introspect_catalogue(config: Settings) -> dict[str, Any]:
    """`crawl --introspect`: every version not asked before, with a line of progress per server on stderr."""
    from catalog.database import open_engine
    from mcprisk.introspecting import introspect_pending

    def progress(done: int, total: int, label: str, status: str) -> None:
        typer.echo(f"introspect [{done}/{total}] {label}: {status}", err=True)

    return introspect_pending(config, open_engine(config.database_url), progress)


def package_urls(config: Settings, names: list[str]) -> Settings:
    """The npm registry's and PyPI's addresses for the sources named (settings, else npm's and pip's own
    configuration); a ConfigError when one cannot be found."""
    from crawler.registries import npm_registry_url, pypi_url

    if "npm" in names:
        config = config.with_(npm_registry_url=npm_registry_url(config))
    if "pypi" in names:
        config = config.with_(pypi_url=pypi_url(config))
    return config


def errors(counts: dict[str, Any]) -> int:
    """Everything that went wrong in one source: failed requests, malformed answers, refused archives."""
    from crawler.runner import PROBLEMS

    return sum(int(counts.get(k, 0)) for k in PROBLEMS)


@contextmanager
def live_progress() -> Iterator[Callable[[str, dict[str, int]], None] | None]:
    """Warnings (a malformed record, a refused archive, a rate limit waited out) on stderr, and on a terminal a
    live line per source above them while crawling; piped, plain log lines only."""
    import logging

    root = logging.getLogger()
    if not sys.stderr.isatty():
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        with _logging_to(root, handler):
            yield None
        return
    from rich.console import Console
    from rich.logging import RichHandler
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    columns = (SpinnerColumn(), TextColumn("{task.description:<9}"), TextColumn("{task.fields[line]}"))
    with (
        _logging_to(root, RichHandler(console=console, show_time=False, show_path=False)),
        Progress(*columns, TimeElapsedColumn(), console=console) as bar,
    ):
        tasks: dict[str, Any] = {}

        def update(source: str, counts: dict[str, int]) -> None:
            if source not in tasks:
                tasks[source] = bar.add_task(source, line="")
            stored = sum(counts.get(f"servers_{k}", 0) for k in ("new", "updated", "unchanged"))
            line = (
                f"{stored} servers ({counts.get('servers_new', 0)} new, {counts.get('servers_updated', 0)} updated)"
                f", {counts.get('tools_new', 0)} new tools, {errors(counts)} errors"
            )
            bar.update(tasks[source], line=line)

        yield update


@contextmanager
def _logging_to(root: Any, handler: Any) -> Iterator[None]:
    import logging

    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.WARNING)
    try:
        yield
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
