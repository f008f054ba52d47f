"""`mcprisk eval`: how well the rule classifier agrees with a hand-labelled set."""

from pathlib import Path
from typing import Annotated

import typer

from mcprisk.cli.app import command
from mcprisk.cli.options import JsonOption
from mcprisk.cli.output import print_fields, print_json, print_table


@command("eval")
def evaluate(
    dataset: Annotated[Path, typer.Argument(help="JSONL: one {tool, server, category, risk} a line.")],
    as_json: JsonOption = False,
) -> None:
    """Per-category precision and recall, the confusion matrix and read-vs-non-read accuracy on a labelled set.

    Example: mcprisk eval tests/data/labelled_tools.jsonl
    """
    from catalog.core.taxonomy import CATEGORIES
    from classifier.agreement import evaluate as run

    data = run(dataset).to_json()
    if as_json:
        print_json(data)
        return
    print_fields(
        [
            (k, data[k])
            for k in ("tools", "category_accuracy", "read_vs_non_read_accuracy", "risk_exact", "risk_within_one_level")
        ]
    )
    print_table(
        ["category", "precision", "recall", "support"],
        [(c, m["precision"], m["recall"], m["support"]) for c, m in data["per_category"].items()],
    )
    print_table(
        ["labelled \\ classified", *CATEGORIES],
        [(c, *(data["confusion"][c][p] for p in CATEGORIES)) for c in CATEGORIES],
    )
