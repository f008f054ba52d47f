"""The learned weights of the sentence scorer: a sentence's margin per class of poisoning, and its bounds.

A linear model over a sentence's features (``integrity_reader``) gives each sentence a margin per class of
poisoning over "benign" (``classifier/data/integrity_weights.json``, trained by ``benchmarks/integrity_train.py``
on written poisoned sentences against the sentences of real tools' definitions). A sentence's class is among those
of the objects it names; approval bypass needs approval waived or taken as given (``waived``) and not sought
(``seek``). The sum of the positive margins of a sentence's features bounds its margin from above: what lets the
scanner skip most of real definitions' text (``integrity_sentences.read``).
"""

import json
from functools import cache, lru_cache
from itertools import repeat
from operator import add
from pathlib import Path

from classifier.integrity_bounds import KNOWN, Bounds, Peaks
from classifier.integrity_channels import CHANNELS, channelled
from classifier.integrity_concepts import OBJECTS
from classifier.integrity_identifiers import NAMED
from classifier.integrity_reader import Lexicon, _concepts

WEIGHTS = Path(__file__).parent / "data" / "integrity_weights.json"
BENIGN = "benign"
THRESHOLD = 1.0  # the margin over "benign" a sentence needs; set in training (benchmarks/integrity_train.py)
GATE = 0.0  # below this bound a definition is not scanned at all, a margin below any sentence ever flagged
ROUNDING = 1e-9  # far more than sums of a few dozen weights can differ by in another order, far less than a weight
OBJECT_KINDS = {
    "approval": "approval_bypass",
    "threat": "coercion",
    "context": "exfiltration",
    "secret": "secrets",
    "tools": "shadowing",
    "steer": "shadowing",
}


class Model:
    """The learned weights: per feature, one weight per label; a label's score is its bias plus its features'."""

    def __init__(self, data: dict) -> None:
        self.labels: list[str] = data["labels"]
        self.bias: list[float] = data["bias"]
        self.weights: dict[str, list[float]] = data["features"]
        self.threshold: float = data.get("threshold", THRESHOLD)
        self.gate: float = data.get("gate", GATE)
        self.common: list[str] = data.get("common_triggers", [])
        benign = self.labels.index(BENIGN)
        self.kinds = [i for i in range(len(self.labels)) if i != benign]
        self.benign = benign
        # The most a feature can add to any class's margin over benign: the bound sums these.
        self.most = {
            name: max(0.0, *(w[k] - w[benign] for k in self.kinds)) for name, w in self.weights.items()
        }
        self.base = max(self.bias[k] - self.bias[benign] for k in self.kinds)
        # Per feature, what it adds to each class's margin over benign (in the order of ``kinds``).
        self.diff = {name: tuple(w[k] - w[benign] for k in self.kinds) for name, w in self.weights.items()}
        self.base_margins = tuple(self.bias[k] - self.bias[benign] for k in self.kinds)
        self.bounds = Bounds(self.most)
        self.peaks = Peaks(self.diff, self.base_margins)
        # Per channel, what its feature and its features with each concept add to each class's margin over benign.
        zero = tuple(0.0 for _ in self.kinds)
        diff = self.diff
        lanes = [
            (diff.get(f"ch:{where}", zero), {c: diff[f] for c in KNOWN if (f := f"q:{where}+{c}") in diff})
            for where in CHANNELS
        ]
        # The same, every channel side by side in one row (a concept no channel pairs with adds nothing): a
        # concept's part of every channel's margins is then one sum (``_lift``).
        self.lane_base = tuple(x for alone, _ in lanes for x in alone)
        self.lane_adds = {
            c: tuple(x for _, per_concept in lanes for x in per_concept.get(c, zero))
            for c in KNOWN
            if any(c in per_concept for _, per_concept in lanes)
        }

    def bound(
        self, stems: set[str], concepts: frozenset[str], on: frozenset[str] | None, channel: str | None = None
    ) -> float:
        """The most any class's margin over benign can be for a sentence of these stems and concepts; ``on``
        None for any marks on or off the purpose and ``channel`` None for any channel (the whole definition's).
        The stems' part is summed in their set's order with no Python call per stem."""
        most = self.most
        return self.reach(sum(map(most.get, stems, repeat(0.0))), concepts, on, channel)

    def reach(self, stems: float, concepts: frozenset[str], on: frozenset[str] | None, channel: str | None) -> float:
        """``bound`` given what the stems add (``stems``)."""
        return self.base + stems + self._most(concepts, on) + self._channel(concepts, channel)

    @lru_cache(maxsize=4)  # noqa: B019 (one model per process, kept for its life)
    def stems_of(self, words: "Lexicon") -> tuple[tuple[float, ...], tuple[frozenset[str], ...]]:
        """Per pattern of the lexicon, what its stems add to a bound wherever it stands, and its concepts."""
        most = self.most
        meanings = [meaning for _, meaning in words.checks]
        added = tuple(sum(most.get(f, 0.0) for f in {feature for *_, feature in m}) for m in meanings)
        return added, tuple(frozenset(concept for concept, *_ in m) for m in meanings)

    @lru_cache(maxsize=1 << 14)  # noqa: B019 (one model per process, kept for its life)
    def _channel(self, concepts: frozenset[str], channel: str | None) -> float:
        return self.bounds.channel(concepts, channel)

    @lru_cache(maxsize=1 << 14)  # noqa: B019 (one model per process, kept for its life)
    def _most(self, concepts: frozenset[str], on: frozenset[str] | None) -> float:
        return self.bounds.concepts(concepts, on)

    def margin(
        self, stems: set[str], concepts: frozenset[str], on: frozenset[str], channel: str = ""
    ) -> tuple[str, float]:
        """The best class and its margin over benign, among the classes of the objects the sentence names (a
        sentence that names a secret and no other object is about secrets, whatever else its words lean to)."""
        scores = list(self._scores(concepts, on, channel))
        weights = self.weights
        for name in sorted(stems):  # in one order: a set's varies with the hash seed, and so would the last digit
            if (w := weights.get(name)) is not None:
                scores = [s + x for s, x in zip(scores, w, strict=True)]
        kinds = self._kinds(concepts)
        if not kinds:
            return BENIGN, float("-inf")
        best = max(kinds, key=scores.__getitem__)
        return self.labels[best], scores[best] - scores[self.benign]

    @lru_cache(maxsize=1 << 16)  # noqa: B019 (one model per process, kept for its life)
    def _scores(self, concepts: frozenset[str], on: frozenset[str], channel: str) -> tuple[float, ...]:
        """The bias plus the weights of every feature but the stems: the same for every sentence of these concepts."""
        scores = self.bias
        for name in sorted(_concepts(concepts, on) | channelled(concepts, channel)):
            if (w := self.weights.get(name)) is not None:
                scores = list(map(add, scores, w))
        return tuple(scores)

    def floor(self, stems: set[str], concepts: frozenset[str]) -> float:
        """The least ``bound`` (any channel) can be for a sentence of these stems and concepts, whatever is on the
        tool's purpose and whether or not it names another tool (NAMED only adds): a sentence at or above the gate
        by it is a candidate with no look at the purpose."""
        most = self.most
        stemmed = sum(map(most.get, stems, repeat(0.0)))
        return self.base + stemmed + self._least(concepts) + self._channel(concepts, None)

    @lru_cache(maxsize=1 << 14)  # noqa: B019 (one model per process, kept for its life)
    def _least(self, concepts: frozenset[str]) -> float:
        return self.bounds.least(concepts)

    def peak(self, stems: set[str], concepts: frozenset[str], named: bool, least: float) -> float:
        """The most the margin can be in any channel, whatever is on the tool's purpose, and with NAMED or without
        it where ``named`` (the sentence holds an identifier): ``ceiling`` before the purpose and the identifiers
        are looked at, so that a sentence below it is no finding with no look at either (most sentences of real
        tools are far below it). The caller asks only whether it reaches ``least``: below that, a looser bound may
        be returned, the stems' most on any class (one sum) with the concepts' best allowed class."""
        if not self._allowed(concepts):  # the same with NAMED, which is no object
            return float("-inf")
        variants = (concepts, concepts | NAMED) if named else (concepts,)
        loose = sum(map(self.most.get, stems, repeat(0.0))) + max(map(self._top, variants)) + ROUNDING
        if loose < least:
            return loose
        return max(self._over(stems, variant, self._peaks(variant)) for variant in variants)

    @lru_cache(maxsize=1 << 14)  # noqa: B019 (one model per process, kept for its life)
    def _top(self, concepts: frozenset[str]) -> float:
        """The best of ``_peaks`` over the classes the concepts allow."""
        return max(map(self._peaks(concepts).__getitem__, self._allowed(concepts)))

    @lru_cache(maxsize=1 << 14)  # noqa: B019 (one model per process, kept for its life)
    def _peaks(self, concepts: frozenset[str]) -> tuple[float, ...]:
        """``_ceilings`` with each object's larger mark per class, on or off the purpose (``Peaks``)."""
        return tuple(map(add, self.peaks.concepts(concepts), self._lift(concepts)))

    def ceiling(self, stems: set[str], concepts: frozenset[str], on: frozenset[str]) -> float:
        """The most the margin can be in any channel: exact but for the channel and for rounding (ROUNDING is
        added, since the sums run in another order than ``margin``'s), so a sentence below it needs no look-up
        of its field."""
        return self._over(stems, concepts, self._ceilings(concepts, on))

    def _over(self, stems: set[str], concepts: frozenset[str], margins: tuple[float, ...]) -> float:
        """The best margin over the classes the concepts allow, of ``margins`` (all but the stems) and the stems."""
        allowed = self._allowed(concepts)
        if not allowed:
            return float("-inf")
        diff = self.diff
        for name in stems:
            if (d := diff.get(name)) is not None:
                margins = tuple(map(add, margins, d))
        return max(map(margins.__getitem__, allowed)) + ROUNDING

    @lru_cache(maxsize=1 << 16)  # noqa: B019 (one model per process, kept for its life)
    def _ceilings(self, concepts: frozenset[str], on: frozenset[str]) -> tuple[float, ...]:
        """Per class, its best margin over benign from everything but the stems, over every channel: the
        concepts' part, plus the most any channel's features add (a channel's features are the channel and its
        pairs with the concepts, whatever is on the purpose)."""
        margins = self.base_margins
        diff = self.diff
        for name in _concepts(concepts, on):
            if (d := diff.get(name)) is not None:
                margins = tuple(map(add, margins, d))
        return tuple(map(add, margins, self._lift(concepts)))

    @lru_cache(maxsize=1 << 14)  # noqa: B019 (one model per process, kept for its life)
    def _lift(self, concepts: frozenset[str]) -> tuple[float, ...]:
        """Per class, the most a channel adds to its margin over benign (none for no known channel): a channel's
        features are the channel and the channel with each concept (``channelled``), so what each adds is looked
        up by concept (``lane_adds``), not by naming the features."""
        # Summed in the order a loop over the concepts adds them, with no Python step per channel or class.
        added = list(map(sum, zip(self.lane_base, *filter(None, map(self.lane_adds.get, concepts)), strict=True)))
        width = len(self.kinds)
        return tuple(max(0.0, *added[k::width]) for k in range(width))

    @lru_cache(maxsize=1 << 14)  # noqa: B019 (one model per process, kept for its life)
    def _allowed(self, concepts: frozenset[str]) -> tuple[int, ...]:
        """The positions in ``kinds`` of the classes a sentence may be of."""
        allowed = self._kinds(concepts)
        return tuple(i for i, k in enumerate(self.kinds) if k in allowed)

    @lru_cache(maxsize=1 << 14)  # noqa: B019 (one model per process, kept for its life)
    def _kinds(self, concepts: frozenset[str]) -> list[int]:
        """The classes a sentence may be of: those of the objects it names (none if it names none: an order
        about nothing an agent holds or does is no poisoning), approval bypass only where approval is waived or
        taken as given and not sought."""
        named = {OBJECT_KINDS[c] for c in concepts & OBJECTS}
        if "waived" not in concepts or "seek" in concepts:
            named.discard("approval_bypass")
        return [k for k in self.kinds if self.labels[k] in named]


@cache
def model() -> Model | None:
    return Model(json.loads(WEIGHTS.read_text())) if WEIGHTS.exists() else None
