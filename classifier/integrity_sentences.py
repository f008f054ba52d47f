"""Sentences addressed to the agent about what it must not be steered on, scored by learned weights.

A phrase table catches the wordings it was written for and misses the next one. This scorer works on structure:
each sentence of every field is reduced to the concepts it holds (``integrity_concepts``: who is addressed, a
modal or an imperative, the user in the third person, and the objects of poisoning: other tools, the agent's
context, secrets, approval, threats), those concepts' pairs, and the stems that carried them. A linear model over
those features (``classifier/data/integrity_weights.json``, trained by ``benchmarks/integrity_train.py`` on
written poisoned sentences against the sentences of real tools' definitions) gives each sentence a margin per
class of poisoning over "benign"; a sentence whose best margin passes ``THRESHOLD`` is a finding of that class.

It is also the phrase table's prefilter: the sum of the positive margins of a sentence's features bounds its
margin from above, and the phrase table looks only near the sentences whose bound reaches ``GATE`` (``read``), a
small part of real definitions' text. The gate is set below the bound of every sentence the phrase table flags
in the written samples (``tests/classifier/test_integrity_prefilter.py``).
"""

import json
from collections.abc import Iterator
from functools import cache
from itertools import combinations
from pathlib import Path
from typing import NamedTuple

from classifier.integrity_concepts import BOUNDARIES, CONCEPTS

WEIGHTS = Path(__file__).parent / "data" / "integrity_weights.json"
BENIGN = "benign"
SCORED_KINDS = ("shadowing", "exfiltration", "approval_bypass", "secrets", "coercion")
THRESHOLD = 1.0  # the margin over "benign" a sentence needs; set in training (benchmarks/integrity_train.py)
MEDIUM = 1.0  # a margin this far below the threshold is still worth showing, as medium
GATE = 0.0  # below this bound a definition is not scanned at all, a margin below any sentence ever flagged
# The objects of poisoning, as against who is addressed and how (address, modal, person, imperative).
OBJECTS = frozenset(("approval", "threat", "context", "secret", "tools", "steer"))


class Scored(NamedTuple):
    start: int  # offsets in the text scored
    end: int
    kind: str  # the class of poisoning with the best margin
    margin: float
    severity: str  # high from the threshold on, medium within MEDIUM below it


class Lexicon:
    """The concepts' stems in one automaton, and the feature names each match yields."""

    def __init__(self) -> None:
        from ahocorasick_rs import AhoCorasick  # here, not on the start-up path of what imports this module

        entries: dict[str, list[tuple[str, bool]]] = {}
        for concept, stems in CONCEPTS.items():
            for stem in stems:
                entries.setdefault(stem.rstrip("$"), []).append((concept, stem.endswith("$")))
        self.patterns = list(entries) + list(BOUNDARIES)
        self.meaning = [entries[p] for p in entries] + [[] for _ in BOUNDARIES]
        self.first = len(entries)  # patterns from here on are sentence boundaries
        self.automaton = AhoCorasick(self.patterns)
        # Per pattern: whether it must start a word, and its (concept, whole word only, feature name) meanings.
        self.checks = [
            (p[0].isalnum(), [(c, whole or c == "imperative", f"s:{c}:{p}") for c, whole in m])
            for p, m in zip(self.patterns, self.meaning, strict=True)
        ]

    def sentences(self, lowered: str) -> Iterator[tuple[int, int, set[str]]]:
        """Each sentence that holds a concept: its span and its features (stems, concepts, concept pairs)."""
        matches = self.automaton.find_matches_as_indexes(lowered, overlapping=True)
        matches.sort(key=_start)
        matches.append((self.first, len(lowered), len(lowered)))
        start, stems, concepts = 0, set[str](), set[str]()
        size, first, checks = len(lowered), self.first, self.checks
        for index, at, end in matches:
            if index >= first:
                if at < start:
                    continue
                if concepts:
                    yield start, at, stems | _concepts(frozenset(concepts))
                start, stems, concepts = end, set(), set()
                continue
            word_start, meanings = checks[index]
            if word_start and at and lowered[at - 1].isalnum():
                continue  # not the start of a word
            for concept, whole, feature in meanings:
                if whole and end < size and lowered[end].isalnum():
                    continue  # a whole word only; an imperative is a bare verb ("send", not "sends")
                if concept == "imperative" and lowered[start:at].strip(" \"'*->(#`[]"):
                    continue  # an imperative opens its sentence
                stems.add(feature)
                concepts.add(concept)

    def read(self, lowered: str) -> list[tuple[int, int, set[str]]]:
        """The sentences with their features, and for each object of poisoning they hold, whether the tool's
        purpose (its name and first sentence) holds it too: a tool about sessions may speak of the session, a
        note-taker that asks for the session's messages is off its topic."""
        found = list(self.sentences(lowered))
        cut = _purpose_end(lowered)
        purpose = {f[2:] for start, _, features in found if start < cut for f in features if f[:2] == "c:"}
        for _, _, features in found:
            features |= {
                ("on:" if f[2:] in purpose else "off:") + f[2:] for f in list(features) if f[2:] in OBJECTS and
                f[:2] == "c:"
            }
        return found

    def found(self, lowered: str) -> set[str]:
        """Every feature any sentence of the text can hold, without splitting it: for the bound."""
        indexes = {index for index, _, _ in self.automaton.find_matches_as_indexes(lowered, overlapping=True)}
        concepts = {c for i in indexes if i < self.first for c, _ in self.meaning[i]}
        out = {f"s:{c}:{self.patterns[i]}" for i in indexes if i < self.first for c, _ in self.meaning[i]}
        return out | {f"c:{c}" for c in concepts} | _pairs(concepts)


def _purpose_end(lowered: str) -> int:
    """Where the tool's purpose ends: after the name (the first field) and the first sentence of the next."""
    first = lowered.find("\n")
    if first < 0:
        return len(lowered)
    ends = [at for at in (lowered.find(". ", first + 1), lowered.find("\n", first + 1)) if at >= 0]
    return min(ends, default=len(lowered))


def _start(match: tuple[int, int, int]) -> int:
    return match[1]


@cache
def _concepts(concepts: frozenset[str]) -> frozenset[str]:
    """The features of a set of concepts: each concept and each pair of them."""
    return frozenset({f"c:{c}" for c in concepts} | _pairs(concepts))


def _pairs(concepts: set[str] | frozenset[str]) -> set[str]:
    return {f"p:{a}+{b}" for a, b in combinations(sorted(concepts), 2)}


class Model:
    """The learned weights: per feature, one weight per label; a label's score is its bias plus its features'."""

    def __init__(self, data: dict) -> None:
        self.labels: list[str] = data["labels"]
        self.bias: list[float] = data["bias"]
        self.weights: dict[str, list[float]] = data["features"]
        self.threshold: float = data.get("threshold", THRESHOLD)
        self.gate: float = data.get("gate", GATE)
        benign = self.labels.index(BENIGN)
        self.kinds = [i for i in range(len(self.labels)) if i != benign]
        self.benign = benign
        # The most a feature can add to any class's margin over benign: the bound sums these.
        self.most = {
            name: max(0.0, *(w[k] - w[benign] for k in self.kinds)) for name, w in self.weights.items()
        }
        self.base = max(self.bias[k] - self.bias[benign] for k in self.kinds)

    def bound(self, features: set[str]) -> float:
        most = self.most
        return self.base + sum(most.get(f, 0.0) for f in features)

    def margin(self, features: set[str]) -> tuple[str, float]:
        scores = list(self.bias)
        for name in features:
            if (w := self.weights.get(name)) is not None:
                scores = [s + x for s, x in zip(scores, w, strict=True)]
        best = max(self.kinds, key=scores.__getitem__)
        return self.labels[best], scores[best] - scores[self.benign]


@cache
def lexicon() -> Lexicon:
    return Lexicon()


@cache
def model() -> Model | None:
    return Model(json.loads(WEIGHTS.read_text())) if WEIGHTS.exists() else None


class Reading(NamedTuple):
    findings: list[Scored]
    candidates: list[tuple[int, int]]  # the sentences whose bound reaches the gate: where phrases may match


def read(lowered: str) -> Reading:
    """The sentences of the (lowered, whitespace-collapsed) text whose margin passes the medium threshold, and
    the spans of those whose bound reaches the gate: the phrase table need only look near them."""
    weights = model()
    if weights is None:
        return Reading([], [(0, len(lowered))])
    findings, candidates = [], []
    low = weights.threshold - MEDIUM
    for start, end, features in lexicon().read(lowered):
        bound = weights.bound(features)
        if bound >= weights.gate:
            candidates.append((start, end))
        if bound < low:
            continue
        kind, margin = weights.margin(features)
        if margin >= low:
            findings.append(Scored(start, end, kind, margin, "high" if margin >= weights.threshold else "medium"))
    return Reading(findings, candidates)
