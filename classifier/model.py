"""The learned model at run time: weights trained on what server authors declare, read from one small file shipped
in the package, applied with plain Python (no scikit-learn, no numpy on the hot path), so the CLI stays fast.

The file (``classifier/data/model.npz``) holds, for every hashed feature slot seen in training, one weight per
output: read vs non-read, destructive, then one per category. It is loaded on first use.
"""

import json
import math
from collections.abc import Iterable
from functools import lru_cache
from itertools import repeat
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

from catalog.core.errors import InputError
from catalog.core.taxonomy import CATEGORIES
from classifier.features import FEATURES_VERSION, slots
from classifier.stacking import INPUTS

WEIGHTS = Path(__file__).resolve().parent / "data" / "model.npz"
READ, DESTRUCTIVE, FIRST_CATEGORY = 0, 1, 2
OUTPUTS = 2 + len(CATEGORIES)
_FIRST, _SECOND = itemgetter(0), itemgetter(1)
WEIGHED = 12  # the features that weighed most, of which the reasons are the first that say something new


class Prediction:
    """What the model says of one tool; the reasons and the category head are worked out only when asked."""

    __slots__ = (
        "read",
        "destructive",
        "combiner",
        "_found",
        "_reads",
        "_feats",
        "_bias",
        "_top",
        "_reasons",
        "_categories",
    )

    def __init__(
        self, read: float, destructive: float, found: list[tuple[float, float, tuple[float, ...]]],
        reads: list[float], feats: Iterable[str], bias: tuple[float, ...],
        combiner: tuple[float, tuple[float, ...], "Thresholds"], top: int = 3,
    ) -> None:  # fmt: skip
        self.read = read  # probability the tool only reads
        self.destructive = destructive  # probability it deletes or overwrites, if it does not only read
        # its model's weighing of its say against the rules' (``stacking``): bias, weights, and the decision's
        # thresholds (``Thresholds``)
        self.combiner = combiner
        # the features, their weights (``Model._weights``) and their weights on read vs non-read, in step
        self._found, self._reads, self._feats = found, reads, feats
        self._bias, self._top = bias, top
        self._reasons: list[tuple[str, float]] | None = None
        self._categories: dict[str, float] | None = None

    @property
    def reasons(self) -> list[tuple[str, float]]:
        """Feature strings that weighed most on read vs non-read, signed toward Read: one per idea ('opens with
        get', 'says get' and 'says get a' are one reason)."""
        if self._reasons is None:
            toward, reads = (1.0 if self.read >= 0.5 else -1.0), self._reads
            # of the WEIGHED heaviest toward the answer in (weight, feature) order only those that weigh toward it
            # count: the weights alone (a sort of floats) bound those worth pairing with their names
            heavy = sorted([w for w in reads if w > 0.0] if toward > 0 else [-w for w in reads if w < 0.0])
            weighed: list[tuple[float, str]] = []
            if heavy:
                least = heavy[-min(len(heavy), WEIGHED)]  # ties with the last worth sorting are sorted too
                if toward > 0:
                    weighed = [(w, f) for w, f in zip(reads, self._feats, strict=True) if w >= least]
                else:
                    weighed = [(-w, f) for w, f in zip(reads, self._feats, strict=True) if -w >= least]
                weighed.sort(reverse=True)
                del weighed[WEIGHED:]
            reasons: list[tuple[str, float]] = []
            said: set[str] = set()
            for w, f in weighed if self._top > 0 else ():
                words = _reason_words(f)
                if words and not words <= said:
                    said |= words
                    reasons.append((f, round(w * toward, 2)))
                    if len(reasons) == self._top:
                        break
            self._reasons = reasons
        return self._reasons

    @property
    def categories(self) -> dict[str, float]:
        if self._categories is None:
            rows, bias = [row for _, _, row in self._found], self._bias
            sums = [math.fsum((*map(itemgetter(i), rows), bias[i])) for i in range(FIRST_CATEGORY, OUTPUTS)]
            self._categories = _softmax(sums)
        return self._categories


_NOTHING = (0.0, 0.0, (0.0,) * OUTPUTS)  # the weights of every feature without a slot in the table


@lru_cache(maxsize=65536)
def _reason_words(feature: str) -> frozenset[str]:
    """The words a feature says, those that explain nothing left out: features repeat across tools."""
    return frozenset(feature.rsplit(":", 1)[-1].rsplit(".", 1)[-1].split("_")) - _NOT_A_REASON


CACHE_LIMIT = 200_000  # feature strings remembered with their weights: most repeat across tools


# the combiner of a model trained without one (tests' hand-made models): the model's log-odds alone decide
TRUST_THE_MODEL = (0.0, 1.0, *([0.0] * (len(INPUTS) - 1)))


class Thresholds(NamedTuple):
    """Where the decision falls (``blend.reads``): chosen in training (``training.fit_thresholds``) at the least
    cost over scores out of fold, a tool its author marks destructive called Read costing more than a read tool
    called a change."""

    read_at: float  # the combined probability of only reading from which a tool is Read
    destructive_guard: float  # the destructive head's probability from which a tool is never Read
    to_read_destructive: float  # ... from which a tool the rules say changes something is not made Read


# the thresholds of a model trained without them (tests' hand-made models): those set by hand up to 3.10
HAND_SET = Thresholds(0.5, 0.3, 0.2)


class Model:
    """Weights per feature slot: ``table[slot] = (read, destructive, *categories)``; and the combiner's
    (``stacking``): its bias, then one weight per input."""

    def __init__(
        self, table: dict[int, tuple[float, ...]], bias: tuple[float, ...], meta: dict[str, Any],
        combiner: tuple[float, ...] = TRUST_THE_MODEL, thresholds: Thresholds = HAND_SET,
    ) -> None:  # fmt: skip
        self.table, self.bias, self.meta = table, bias, meta
        if len(combiner) != len(INPUTS) + 1:
            raise InputError(f"the combiner has {len(combiner) - 1} weights for {len(INPUTS)} inputs")
        self.combiner_bias, self.combiner = combiner[0], tuple(combiner[1:])
        self.thresholds = Thresholds(*thresholds)
        self._combiner = (self.combiner_bias, self.combiner, self.thresholds)
        self.version = str(meta.get("version", "0"))
        # Each slot's weights on read vs non-read and destructive, and its whole row, made once: a feature seen
        # for the first time takes its slot's (``_learn``).
        self._slots = {s: (row[READ], row[DESTRUCTIVE], row) for s, row in table.items()}
        # Each feature seen, with its slot's weights: worked out on first sight and remembered, up to CACHE_LIMIT
        # features (most repeat across tools). A feature that weighs nothing has zeros, which add nothing to any
        # sum and never count as a reason. A plain dict, so the features of a tool never seen are found in one set
        # difference, not by a Python call each.
        self._weights: dict[str, tuple[float, float, tuple[float, ...]]] = {}

    def predict(self, feats: Iterable[str], top: int = 3) -> Prediction:
        """The features' weights summed: a feature counts once however often listed, as in training."""
        weights = self._weights
        unique = set(feats)
        if new := unique.difference(weights):  # a tenth of a tool's features, on a first pass over real tools
            if len(weights) + len(new) > CACHE_LIMIT:
                weights.clear()  # bounded: what a long run forgets is worked out again, the same
                new = unique
            self._learn(new)
        found = list(map(weights.__getitem__, unique))
        reads = list(map(_FIRST, found))
        # fsum: exact whatever the order, and a set's order varies with the hash seed from process to process
        read = math.fsum((*reads, self.bias[READ]))
        destructive = math.fsum((*map(_SECOND, found), self.bias[DESTRUCTIVE]))
        return Prediction(_sigmoid(read), _sigmoid(destructive), found, reads, unique, self.bias, self._combiner, top)

    def _learn(self, features: set[str]) -> None:
        """Remember the weights of ``features``, none of them known yet."""
        self._weights.update(zip(features, map(self._slots.get, slots(features), repeat(_NOTHING)), strict=True))

    def to_arrays(self) -> dict[str, Any]:
        import numpy as np

        slots = sorted(self.table)
        return {
            "slots": np.array(slots, dtype=np.int32),
            "weights": np.array([self.table[s] for s in slots], dtype=np.float32).reshape(len(slots), OUTPUTS),
            "bias": np.array(self.bias, dtype=np.float32),
            "combiner": np.array((self.combiner_bias, *self.combiner), dtype=np.float32),
            "meta": np.array(
                json.dumps(
                    {**self.meta, "combiner_inputs": list(INPUTS), "thresholds": list(self.thresholds)}, sort_keys=True
                )
            ),
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
            combiner = tuple(round(w, 5) for w in data["combiner"].tolist())
    except (OSError, KeyError, ValueError) as exc:
        raise InputError(f"cannot read the classifier model {path}: {exc}") from None
    if meta.get("features_version") != FEATURES_VERSION:
        raise InputError(f"{path} was trained on features v{meta.get('features_version')}, not v{FEATURES_VERSION}")
    if meta.get("combiner_inputs") != list(INPUTS):
        raise InputError(f"{path} weighs other inputs against the rules: retrain it (mcprisk train)")
    thresholds = meta.pop("thresholds", None)
    if not (isinstance(thresholds, list) and len(thresholds) == len(Thresholds._fields)):
        raise InputError(f"{path} has no thresholds chosen in training: retrain it (mcprisk train)")
    table = {s: tuple(round(w, 5) for w in row) for s, row in zip(slots, weights, strict=True)}
    return Model(table, tuple(bias), meta, combiner, Thresholds(*thresholds))


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
