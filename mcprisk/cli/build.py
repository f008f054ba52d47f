"""`mcprisk build`: the static site, incremental, from the catalogue."""

from pathlib import Path
from typing import Annotated

import typer

from catalog.core.settings import env_var
from mcprisk.cli.application import command
from mcprisk.cli.options import DbOption, JsonOption, settings, writable_folder
from mcprisk.cli.output import print_json


@command("build")
def build(
    out: Annotated[Path | None, typer.Argument(help="Output folder [default: MCPRISK_SITE_DIR or _site].")] = None,
    base_url: Annotated[
        str | None,
        typer.Option("--base-url", envvar=env_var("base_url"), help="Public URL (canonical links, sitemap)."),
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Build the static site: a page per tool and server, indexes, attack patterns, search, JSON, feed.

    Only files whose content changed are written; pages of tools and servers that are gone are deleted.
    The site works from file:// and under any URL prefix.

    Example: mcprisk build _site --base-url https://mcprisk.example.org
    """
    from catalog.publish import build_site

    config = settings(db).with_(base_url=base_url)
    target = writable_folder(out or Path(config.site_dir))
    summary = build_site(config.database_url, target, config.base_url)
    if as_json:
        print_json({"out": str(target), **summary.to_json()})
        return
    typer.echo(
        f"{target}: {summary.pages} pages; {summary.written} files written, {summary.unchanged} unchanged, "
        f"{summary.deleted} deleted"
    )
