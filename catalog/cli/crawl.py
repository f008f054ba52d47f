"""`mcprisk crawl`: harvest servers from their sources into the catalogue."""

from typing import Annotated

import typer

from catalog.cli.app import command
from catalog.cli.options import DbOption, JsonOption, settings
from catalog.cli.output import print_json, print_table
from catalog.settings import env_var


@command("crawl")
def crawl(
    source: Annotated[str, typer.Option("--source", help="Comma-separated sources to crawl.")] = "registry",
    limit: Annotated[int | None, typer.Option(min=1, help="Stop each source after this many servers.")] = None,
    full: Annotated[bool, typer.Option("--full", help="Ignore the last run: fetch everything again.")] = False,
    registry_url: Annotated[
        str | None, typer.Option("--registry-url", envvar=env_var("registry_url"), help="MCP Registry base URL.")
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
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Crawl the sources into the catalogue, incrementally (only what changed since the last successful run).

    Exit status 4 when a source failed entirely. Sources available: registry, npm, pypi (packages after the registry:
    each package the catalogue knows is downloaded and its tools extracted).

    Example: mcprisk crawl --source registry --limit 100

    Example: mcprisk crawl --source registry,npm,pypi --redis-url redis://10.0.0.5:6379/0
    """
    from crawler.runner import crawl as run

    config = settings(db).with_(registry_url=registry_url, redis_url=redis_url)
    summary = run(config, [s.strip() for s in source.split(",") if s.strip()], limit, full)
    if as_json:
        print_json(summary.sources)
    else:
        keys = (
            "status",
            "pages",
            "servers_new",
            "servers_updated",
            "servers_unchanged",
            "tools_new",
            "records_malformed",
            "pages_failed",
        )
        print_table(["source", *keys], [(name, *(s.get(k, 0) for k in keys)) for name, s in summary.sources.items()])
    if summary.failed:
        raise typer.Exit(4)
