"""`mcprisk nightly`: the whole pipeline, incremental, locked, with a report a scheduler can act on."""

import logging
from pathlib import Path
from typing import Annotated

import typer

from catalog.core import jsontext as strict_json
from catalog.core.errors import InputError
from mcprisk.cli.application import command
from mcprisk.cli.diff import print_changes
from mcprisk.cli.options import DbOption, JsonOption, settings, writable_folder
from mcprisk.cli.output import print_json


@command("nightly")
def nightly(
    sample: Annotated[
        bool, typer.Option("--sample", help="Run offline: crawl the bundled sample corpus, served on 127.0.0.1.")
    ] = False,
    snapshot: Annotated[
        Path | None,
        typer.Option(
            "--snapshot",
            exists=True,
            file_okay=False,
            help="Run offline on a folder: a corpus like the sample (registry/, servers/), served and crawled, or a "
            "saved snapshot (registry.json, tools/), loaded.",
        ),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Where to build the site [default: MCPRISK_SITE_DIR or _site].")
    ] = None,
    report: Annotated[Path | None, typer.Option("--report", help="Also write the night's report here as JSON.")] = None,
    log_file: Annotated[Path | None, typer.Option("--log", help="Append a log of the run to this file.")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Crawl every source incrementally (registry, npm, PyPI, awesome list, GitHub, from the configured URLs),
    classify what changed, rebuild the site, and report new servers and tools, changed definitions, risk that
    went up, new integrity findings and failed sources.

    Exit status: 0 done; 4 a source failed entirely; 5 another run holds the lock (try later).
    Running it again after a crash resumes: what was stored stays, only what is missing is done.

    Example: mcprisk nightly --sample --report night.json

    Example: mcprisk nightly --db /srv/mcprisk/mcprisk.db --out /srv/mcprisk/_site --log nightly.log
    """
    from crawler.corpus.serve import SAMPLE_DIR, is_corpus
    from mcprisk.nightly_job import run_nightly

    if sample and snapshot:
        raise InputError("give --sample or --snapshot, not both")
    if snapshot is not None and not (is_corpus(snapshot) or (snapshot / "registry.json").is_file()):
        raise InputError(
            f"{snapshot} is neither a corpus (registry/, servers/) nor a saved snapshot (registry.json, tools/)"
        )
    config = settings(db)
    writable_folder(out or Path(config.site_dir))
    for path in (report, log_file):
        if path is not None:
            writable_folder(path.parent)
    if log_file is not None:
        handler = logging.FileHandler(log_file)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logging.getLogger("mcprisk").addHandler(handler)
        logging.getLogger("mcprisk").setLevel(logging.INFO)
    night = run_nightly(config, SAMPLE_DIR if sample else snapshot, out)
    data = night.to_json()
    if report is not None:
        report.write_text(strict_json.dumps(data, indent=2, default=str) + "\n")
    if as_json:
        print_json(data)
    else:
        for name, source in night.sources.items():
            counts = ", ".join(f"{k} {v}" for k, v in source.items() if k != "status")
            typer.echo(f"{name}: {source['status']} ({counts})")
        typer.echo(f"classified {night.classified['classified']} tools")
        site = night.site
        typer.echo(f"site {site['out']}: {site['written']} files written, {site['deleted']} deleted")
        print_changes(night.changes)
    if night.failed_sources:
        raise typer.Exit(4)
