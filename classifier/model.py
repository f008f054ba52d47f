"""The learned model at run time: weights trained on what server authors declare, read from one small file shipped
in the package, applied with plain Python (no scikit-learn, no numpy on the hot path), so the CLI stays fast.

The file (``classifier/data/model.npz``) holds, for every hashed feature slot seen in training, one weight per
output: read vs non-read, destructive, then one per category. It is loaded on first use.
"""

import heapq
import json
import math
from pathlib import Path
from typing import Any

from catalog.core.errors import InputError
from catalog.core.taxonomy import CATEGORIES
from classifier.features import FEATURES_VERSION, slot

WEIGHTS = Path(__file__).resolve().parent / "data" / "model.npz"
READ, DESTRUCTIVE, FIRST_CATEGORY = 0, 1, 2
OUTPUTS = 2 + len(CATEGORIES)


class Prediction:
    """What the model says of one tool; the category head is worked out only when asked (few verdicts need it)."""

    __slots__ = ("read", "destructive", "reasons", "_rows", "_bias", "_categories")

    def __init__(
        self, read: float, destructive: float, reasons: list[tuple[str, float]], rows: list, bias: tuple[float, ...]
    ) -> None:
        self.read = read  # probability the tool only reads
        self.destructive = destructive  # probability it deletes or overwrites, if it does not only read
        self.reasons = reasons  # feature strings that weighed most on read vs non-read, signed toward Read
        self._rows, self._bias = rows, bias
        self._categories: dict[str, float] | None = None

    @property
    def categories(self) -> dict[str, float]:
        if self._categories is None:
            sums = list(self._bias[FIRST_CATEGORY:])
            for row in self._rows:
                for i in range(len(sums)):
                    sums[i] += row[FIRST_CATEGORY + i]
            self._categories = _softmax(sums)
        return self._categories


_MISSING = object()
CACHE_LIMIT = 200_000  # feature strings remembered with their weights: most repeat across tools


class Model:
    """Weights per feature slot: ``table[slot] = (read, destructive, *categories)``."""

    def __init__(self, table: dict[int, tuple[float, ...]], bias: tuple[float, ...], meta: dict[str, Any]) -> None:
        self.table, self.bias, self.meta = table, bias, meta
        self.version = str(meta.get("version", "0"))
        self._by_feature: dict[str, tuple[float, ...] | None] = {}

    def predict(self, feats: list[str], top: int = 3) -> Prediction:
        cache = self._by_feature
        got = [(cache.get(f, _MISSING), f) for f in set(feats)]  # a feature counts once however often listed
        for i, (row, feature) in enumerate(got):
            if row is _MISSING:
                row = self.table.get(slot(feature))
                if len(cache) < CACHE_LIMIT:
                    cache[feature] = row
                got[i] = (row, feature)
        found = [pair for pair in got if pair[0] is not None]
        rows = [row for row, _ in found]
        read = self.bias[READ] + sum(row[READ] for row in rows)
        destructive = self.bias[DESTRUCTIVE] + sum(row[DESTRUCTIVE] for row in rows)
        weighed = [(row[READ], feature) for row, feature in found]
        p_read = _sigmoid(read)
        toward = 1.0 if p_read >= 0.5 else -1.0
        weighed = heapq.nlargest(12, weighed) if toward > 0 else heapq.nsmallest(12, weighed)
        reasons: list[tuple[str, float]] = []
        said: set[str] = set()
        for w, f in weighed:
            if w * toward <= 0 or len(reasons) == top:
                break
            words = set(f.rsplit(":", 1)[-1].rsplit(".", 1)[-1].split("_")) - _NOT_A_REASON
            if words and not words <= said:  # 'opens with get', 'says get' and 'says get a' are one reason
                said |= words
                reasons.append((f, round(w, 2)))
        return Prediction(p_read, _sigmoid(destructive), reasons, rows, self.bias)

    def to_arrays(self) -> dict[str, Any]:
        import numpy as np

        slots = sorted(self.table)
        return {
            "slots": np.array(slots, dtype=np.int32),
            "weights": np.array([self.table[s] for s in slots], dtype=np.float32).reshape(len(slots), OUTPUTS),
            "bias": np.array(self.bias, dtype=np.float32),
            "meta": np.array(json.dumps(self.meta, sort_keys=True)),
        }

    def save(self, path: Path) -> None:
        import numpy as np

        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            np.savez_compressed(handle, **self.to_arrays())


# words that weigh in the sum but explain nothing to a reader
_NOT_A_REASON = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "for",
        "in",
        "on",
        "and",
        "or",
        "with",
        "by",
        "from",
        "is",
        "are",
        "be",
        "it",
        "this",
        "that",
        "your",
        "you",
        "its",
        "as",
        "at",
        "all",
        "any",
    ]
)


def load(path: Path = WEIGHTS) -> Model:
    """The model in ``path``; a file from other features or missing is an error, never a silent guess."""
    import numpy as np

    try:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            slots, weights, bias = data["slots"].tolist(), data["weights"].tolist(), data["bias"].tolist()
    except (OSError, KeyError, ValueError) as exc:
        raise InputError(f"cannot read the classifier model {path}: {exc}") from None
    if meta.get("features_version") != FEATURES_VERSION:
        raise InputError(f"{path} was trained on features v{meta.get('features_version')}, not v{FEATURES_VERSION}")
    table = {s: tuple(round(w, 5) for w in row) for s, row in zip(slots, weights, strict=True)}
    return Model(table, tuple(bias), meta)


_shipped: Model | None = None


def shipped() -> Model:
    """The model in the package, loaded once."""
    global _shipped
    if _shipped is None:
        _shipped = load()
    return _shipped


def _sigmoid(x: float) -> float:
    if x < -40:
        return 0.0
    return 1.0 / (1.0 + math.exp(-x))


def _softmax(values: list[float]) -> dict[str, float]:
    top = max(values)
    exps = [math.exp(v - top) for v in values]
    total = sum(exps)
    return {c: e / total for c, e in zip(CATEGORIES, exps, strict=True)}
