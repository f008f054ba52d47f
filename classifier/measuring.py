"""Measuring a model against the authors' labels: rules alone, model alone and combined, Read or not, pooled and per
server, cross-validated by family of servers so that no server's tools are in both training and test."""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from classifier.blend import READ_AT, decide
from classifier.labelled import Row
from classifier.model import Model
from classifier.training import fit_combiner, fit_thresholds, out_of_fold


@dataclass
class Scores:
    """Read vs non-read agreement with the authors, pooled and per server, for one way of judging."""

    right: dict[str, list[bool]] = field(default_factory=lambda: defaultdict(list))
    destructive_read: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def add(self, row: Row, category: str) -> None:
        if row.read is not None:
            ok = (category == "Read") == row.read
            self.right[row.server].append(ok)
            if not ok:
                self.misses.append(f"{row.server} {row.name}: author read={row.read}, got {category}")
        if row.destructive is True and category == "Read":
            self.destructive_read.append(f"{row.server} {row.name}")

    def per_server(self) -> dict[str, tuple[int, float]]:
        return {s: (len(oks), round(sum(oks) / len(oks), 4)) for s, oks in sorted(self.right.items()) if oks}

    def summary(self, skip: frozenset[str] = frozenset()) -> dict[str, Any]:
        """The figures, the servers in ``skip`` left out (``uniform_servers``: their labels say nothing per tool)."""
        kept = [oks for s, oks in self.right.items() if s not in skip]
        pooled = [ok for oks in kept for ok in oks]
        per_server = [sum(oks) / len(oks) for oks in kept if oks]
        destructive_read = [m for m in self.destructive_read if m.split(" ", 1)[0] not in skip]
        return {
            "tools": len(pooled),
            "servers": len(per_server),
            "pooled": round(sum(pooled) / len(pooled), 4) if pooled else 0.0,
            "per_server_mean": round(sum(per_server) / len(per_server), 4) if per_server else 0.0,
            "destructive_read": len(destructive_read),
        }


def judged(model: Model, row: Row) -> tuple[str, str]:
    """(model alone, combined) categories of one row."""
    prediction = model.predict(row.feats)
    alone = "Read" if prediction.read >= READ_AT else "non-Read"
    return alone, decide(row.draft, prediction, {})[0]


def cross_validate(rows: list[Row], folds: int = 5) -> dict[str, Scores]:
    """Rules alone, model alone and combined, Read or not, every row judged by heads trained on other families of
    servers only (``families``). Each fold's combiner and thresholds learn from the other folds' out-of-fold scores:
    their heads saw this fold's tools, but the combiner learns a score's worth from those rows' labels alone, never
    this fold's (``benchmarks/leave_one_dataset_out.py`` nests it fully, for the honest figure)."""
    scores = {"rules": Scores(), "model": Scores(), "combined": Scores()}
    predictions, tested = out_of_fold(rows, folds)
    for heads, test in tested:
        inside = set(test)
        others = [i for i in range(len(rows)) if i not in inside]
        seen, scored = [rows[i] for i in others], [predictions[i] for i in others]
        combiner = fit_combiner(seen, scored)
        model = Model(heads.table, heads.bias, heads.meta, combiner, fit_thresholds(seen, scored, combiner))
        for i in test:
            _judge(scores, model, rows[i])
    return scores


def evaluate(model: Model, rows: list[Row]) -> dict[str, Scores]:
    scores = {"rules": Scores(), "model": Scores(), "combined": Scores()}
    for row in rows:
        _judge(scores, model, row)
    return scores


def _judge(scores: dict[str, Scores], model: Model, row: Row) -> None:
    alone, combined = judged(model, row)
    scores["rules"].add(row, row.rules)
    scores["model"].add(row, alone)
    scores["combined"].add(row, combined)
