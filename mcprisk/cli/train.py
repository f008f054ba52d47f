"""`mcprisk train`: rebuild the classifier's learned model from a labelled corpus, with figures cross-validated by
server."""

from pathlib import Path
from typing import Annotated

import typer

from mcprisk.cli.application import command
from mcprisk.cli.options import JsonOption
from mcprisk.cli.output import print_json, print_table


@command("train")
def train(
    corpus: Annotated[Path, typer.Argument(help="JSONL corpus (benchmarks/build_label_corpus.py builds one).")],
    out: Annotated[
        Path | None, typer.Option("--out", help="Where to write the weights (default: the package's own file).")
    ] = None,
    folds: Annotated[int, typer.Option("--folds", min=2, help="Cross-validation folds, grouped by server.")] = 5,
    as_json: JsonOption = False,
) -> None:
    """Train the model (fixed seed: the same corpus gives the same weights) and print read-vs-non-read agreement
    with the authors for the rules alone, the model alone and both combined: cross-validated by server on all but
    the held-out servers, then on the held-out servers by a model that never saw them.

    Example: mcprisk train /tmp/mcprisk-corpus/corpus.jsonl --out /tmp/model.npz
    """
    import classifier
    from classifier import labelled, measuring, training
    from classifier.model import WEIGHTS

    rows = labelled.load(corpus)
    dev = [r for r in rows if not labelled.held_out(r.server)]
    held = [r for r in rows if labelled.held_out(r.server)]
    if not dev:
        raise typer.BadParameter("the corpus has no labelled tools outside the held-out servers")
    folds = min(folds, len({r.server for r in dev}))
    figures = {"cross_validated": measuring.cross_validate(dev, folds)}
    if held:
        figures["held_out"] = measuring.evaluate(training.fit(dev), held)
    model = training.fit(rows)
    model.meta["classifier_version"] = classifier.VERSION
    target = out or WEIGHTS
    model.save(target)
    uniform = labelled.uniform_servers(rows)
    data = {name: {way: s.summary() for way, s in scores.items()} for name, scores in figures.items()}
    data |= {
        f"{name}_without_uniform_servers": {way: s.summary(uniform) for way, s in scores.items()}
        for name, scores in figures.items()
    }
    if as_json:
        print_json({**data, "uniform_servers": sorted(uniform), "weights": str(target), "rows": len(rows),
                    "slots": len(model.table)})
        return
    for name, scores in data.items():
        print_table(
            ["judged by", "tools", "servers", "pooled", "per-server mean", "author-destructive classed Read"],
            [(way, s["tools"], s["servers"], s["pooled"], s["per_server_mean"], s["destructive_read"])
             for way, s in scores.items()],
            title=name.replace("_", " "),
        )
    typer.echo(
        f"{len(uniform)} servers declare every tool alike: they weigh {training.UNIFORM_WEIGHT} in training, and are "
        "left out of the figures so named"
    )
    typer.echo(f"{len(rows)} labelled tools, {len(model.table)} weighted features -> {target}")
    typer.echo(f"classifier version {classifier.VERSION}: bump it when the shipped weights change.")
