"""Measuring the classifier against hand-labelled tools: per-category precision and recall, the confusion
matrix, read-vs-non-read accuracy, and how often the risk level is exactly right or one step off; and, on any
labelled file (hand-labelled or a corpus of authors' annotations), the rules alone, the model alone and both
combined side by side, pooled and per server (``compare``)."""

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from catalog.core.definition import ToolDefinition
from catalog.core.errors import InputError
from catalog.core.taxonomy import CATEGORIES, RISKS
from classifier import ServerContext, classify


@dataclass
class Evaluation:
    total: int = 0
    confusion: dict[str, Counter[str]] = field(default_factory=lambda: {c: Counter() for c in CATEGORIES})
    read_correct: int = 0
    risk_exact: int = 0
    risk_within_one: int = 0
    misses: list[dict[str, str]] = field(default_factory=list)

    def add(self, name: str, expected: tuple[str, str], got: tuple[str, str]) -> None:
        self.total += 1
        self.confusion[expected[0]][got[0]] += 1
        self.read_correct += (expected[0] == "Read") == (got[0] == "Read")
        self.risk_exact += expected[1] == got[1]
        self.risk_within_one += abs(RISKS.index(expected[1]) - RISKS.index(got[1])) <= 1
        if expected != got:
            self.misses.append({"tool": name, "expected": "/".join(expected), "got": "/".join(got)})

    def per_category(self) -> dict[str, dict[str, float]]:
        out = {}
        for category in CATEGORIES:
            true_positive = self.confusion[category][category]
            predicted = sum(row[category] for row in self.confusion.values())
            actual = sum(self.confusion[category].values())
            out[category] = {
                "precision": round(true_positive / predicted, 3) if predicted else 0.0,
                "recall": round(true_positive / actual, 3) if actual else 0.0,
                "support": actual,
            }
        return out

    def to_json(self) -> dict[str, Any]:
        correct = sum(self.confusion[c][c] for c in CATEGORIES)
        return {
            "tools": self.total,
            "category_accuracy": round(correct / self.total, 3) if self.total else 0.0,
            "read_vs_non_read_accuracy": round(self.read_correct / self.total, 3) if self.total else 0.0,
            "risk_exact": round(self.risk_exact / self.total, 3) if self.total else 0.0,
            "risk_within_one_level": round(self.risk_within_one / self.total, 3) if self.total else 0.0,
            "per_category": self.per_category(),
            "confusion": {c: {p: self.confusion[c][p] for p in CATEGORIES} for c in CATEGORIES},
            "misses": self.misses,
        }


def evaluate(path: Path) -> Evaluation:
    """Classify every labelled tool in a JSONL file (``{"tool", "server", "category", "risk"}`` a line)."""
    result = Evaluation()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            tool = ToolDefinition.from_mcp(row["tool"])
            expected = (row["category"], row["risk"])
            if expected[0] not in CATEGORIES or expected[1] not in RISKS:
                raise ValueError(f"unknown label {expected}")
        except (ValueError, KeyError, TypeError, RecursionError) as exc:
            raise InputError(f"{path}:{number}: not a labelled tool: {exc}") from None
        server = row.get("server") or {}
        context = ServerContext(
            server.get("name", ""), server.get("title"), server.get("description"), list(server.get("tool_names", []))
        )
        verdict = classify(tool, context)
        result.add(tool.name, expected, (verdict.category, verdict.risk))
    return result


def compare(path: Path) -> dict[str, Any]:
    """Read-vs-non-read agreement of the rules alone, the shipped model alone and both combined, annotations
    hidden, pooled and per server. On the corpus the model was trained on these figures flatter it: the honest
    ones are ``mcprisk train``'s, cross-validated by server."""
    from classifier import labelled, measuring
    from classifier.model import shipped

    rows = labelled.load(path)
    scores = measuring.evaluate(shipped(), rows)
    uniform = labelled.uniform_servers(rows)
    return {
        "pooled": {way: s.summary() for way, s in scores.items()},
        "pooled_without_uniform_servers": {way: s.summary(uniform) for way, s in scores.items()},
        "per_server": {way: s.per_server() for way, s in scores.items()},
    }
