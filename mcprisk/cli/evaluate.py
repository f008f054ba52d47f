"""`mcprisk eval`: how well the classifier agrees with a labelled set: the rules alone, the learned model alone and
both combined, pooled and per server."""

from pathlib import Path
from typing import Annotated

import typer

from mcprisk.cli.application import command
from mcprisk.cli.options import JsonOption
from mcprisk.cli.output import print_fields, print_json, print_table


@command("eval")
def evaluate(
    dataset: Annotated[
        Path, typer.Argument(help="JSONL: one {tool, server, category, risk} a line, or a corpus of annotations.")
    ],
    per_server: Annotated[bool, typer.Option("--per-server", help="Also one line per server.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Read-vs-non-read agreement of the rules alone, the model alone and both combined (pooled and per server);
    on a hand-labelled set also per-category precision and recall and the confusion matrix.

    Example: mcprisk eval tests/data/labelled_tools.jsonl --per-server
    """
    from catalog.core.taxonomy import CATEGORIES
    from classifier.agreement import compare
    from classifier.agreement import evaluate as run

    try:
        with dataset.open(encoding="utf-8") as handle:
            first = next((line for line in handle if line.strip()), "{}")
        hand_labelled = '"definition"' not in first
    except (OSError, UnicodeDecodeError):
        hand_labelled = True  # evaluate() says why it cannot read the file, in one line
    data = run(dataset).to_json() if hand_labelled else {}
    ways = compare(dataset)
    if as_json:
        print_json({**data, "read_vs_non_read": ways})
        return
    print_table(
        ["judged by", "tools", "servers", "pooled", "per-server mean", "author-destructive classed Read"],
        [
            (way, s["tools"], s["servers"], s["pooled"], s["per_server_mean"], s["destructive_read"])
            for way, s in ways["pooled"].items()
        ],
        title="read vs non-read",
    )
    print_table(
        ["judged by", "tools", "servers", "pooled", "per-server mean", "author-destructive classed Read"],
        [
            (way, s["tools"], s["servers"], s["pooled"], s["per_server_mean"], s["destructive_read"])
            for way, s in ways["pooled_without_uniform_servers"].items()
        ],
        title="read vs non-read, servers that declare every tool alike left out",
    )
    if per_server:
        servers = ways["per_server"]["combined"]
        print_table(
            ["server", "tools", "rules", "model", "combined"],
            [
                (name, n, ways["per_server"]["rules"][name][1], ways["per_server"]["model"][name][1], accuracy)
                for name, (n, accuracy) in servers.items()
            ],
            title="per server",
        )
    if not data:
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
