"""What a sentence's concepts and channel can add, at most, to its margin: the sentence scorer's bound, in sums.

The scorer's prefilter bounds every sentence, and the whole definition, before scoring any (``integrity_sentences``),
and a definition's set of concepts is nearly always one no other definition holds: on a first pass over real tools
the bound was worked out afresh for most of them, naming every feature of every pair of concepts and of every
channel only to look its weight up. Here each of those features' most is looked up once, when the weights load,
by the concepts it is built of, so a bound is a few sums over the concepts a sentence holds. The features are the
scorer's own (``_concepts``, ``channelled``): a concept (``c:``), a pair of them (``p:``), an object on or off the
tool's purpose (``on:``, ``off:``), a sentence that orders nobody (``c:unaddressed``, ``u:``), a channel (``ch:``)
and a channel with a concept (``q:``).
"""

from collections.abc import Iterable, Iterator
from itertools import combinations, repeat
from operator import add

from classifier.integrity_channels import CHANNELS
from classifier.integrity_concepts import CONCEPTS, OBJECTS, ORDERS
from classifier.integrity_identifiers import NAMED

KNOWN = tuple(sorted({*CONCEPTS, *NAMED}))  # every concept a sentence can hold


class Bounds:
    """Per concept, pair of concepts, object and channel, the most its feature adds to any class's margin."""

    def __init__(self, most: dict[str, float]) -> None:
        self.lone = {c: most.get(f"c:{c}", 0.0) for c in KNOWN}
        self.pair = {(a, b): most.get(f"p:{a}+{b}", 0.0) for a, b in combinations(KNOWN, 2)}
        self.partners = _partners(pair for pair, adds in self.pair.items() if adds)
        self.on = {c: most.get(f"on:{c}", 0.0) for c in OBJECTS}
        self.off = {c: most.get(f"off:{c}", 0.0) for c in OBJECTS}
        self.unordered = {c: most.get(f"u:{c}", 0.0) for c in OBJECTS}
        self.unaddressed = most.get("c:unaddressed", 0.0)
        self.lanes = {w: (most.get(f"ch:{w}", 0.0), {c: most.get(f"q:{w}+{c}", 0.0) for c in KNOWN}) for w in CHANNELS}
        # Every channel side by side: what it alone adds, and per concept what its pair with each channel adds.
        self.alones = tuple(alone for alone, _ in self.lanes.values())
        self.none = tuple(0.0 for _ in self.alones)
        self.across = {c: tuple(lane[c] for _, lane in self.lanes.values()) for c in KNOWN}

    def concepts(self, concepts: frozenset[str], on: frozenset[str] | None) -> float:
        """The most the features of the concepts add; ``on`` None for both marks of every object and those of a
        sentence that orders nothing, more than any one sentence holds."""
        total = self._shared(concepts)
        objects = concepts & OBJECTS
        if on is None:
            total += sum(self.on[c] + self.off[c] for c in objects)
        else:
            total += sum(self.on[c] if c in on else self.off[c] for c in objects)
        if on is None or not concepts & ORDERS:
            total += self.unaddressed + sum(self.unordered[c] for c in objects)
        return total

    def least(self, concepts: frozenset[str]) -> float:
        """The least the features of the concepts add, whatever is on the tool's purpose: ``concepts``' sum with
        each object's smaller mark, on or off."""
        total = self._shared(concepts)
        total += sum(min(self.on[c], self.off[c]) for c in concepts & OBJECTS)
        if not concepts & ORDERS:
            total += self.unaddressed + sum(self.unordered[c] for c in concepts & OBJECTS)
        return total

    def _shared(self, concepts: frozenset[str]) -> float:
        """What the concepts and their pairs add, the same whatever is on the purpose."""
        total = sum(map(self.lone.get, concepts, repeat(0.0)))
        return total + sum(self.pair[pair] for pair in _held(self.partners, concepts))

    def channel(self, concepts: frozenset[str], where: str | None) -> float:
        """The most a channel's features add: ``where``'s, or any channel's for None (none for "")."""
        if where == "":
            return 0.0
        if where is not None:
            alone, lane = self.lanes[where]
            return alone + sum(map(lane.get, concepts, repeat(0.0)))
        sums, across = self.none, self.across  # every channel's sum over the concepts at once, in their order
        for concept in concepts:
            sums = tuple(map(add, sums, across.get(concept, self.none)))
        return max(map(add, self.alones, sums))


class Peaks:
    """Per concept, pair of concepts and object, what its feature adds to each class's margin over benign, with an
    object's larger mark per class (on or off the tool's purpose): a sentence's margin, all but its stems and
    channel, at most, whatever is on the purpose (``Model.peak``). Only the features the weights hold are kept, so
    a set of concepts is summed with no feature named and no Python step per feature."""

    def __init__(self, diff: dict[str, tuple[float, ...]], base: tuple[float, ...]) -> None:
        zero = tuple(0.0 for _ in base)
        self.base = base
        self.lone = {c: d for c in KNOWN if (d := diff.get(f"c:{c}")) is not None}
        self.pair = {(a, b): d for a, b in combinations(KNOWN, 2) if (d := diff.get(f"p:{a}+{b}")) is not None}
        self.partners = _partners(self.pair)
        self.marks = {c: tuple(map(max, diff.get(f"on:{c}", zero), diff.get(f"off:{c}", zero))) for c in OBJECTS}
        self.unaddressed = diff.get("c:unaddressed", zero)
        self.unordered = {c: diff.get(f"u:{c}", zero) for c in OBJECTS}

    def concepts(self, concepts: frozenset[str]) -> tuple[float, ...]:
        """Per class, the base margin plus the most the concepts' features can add (sums to within rounding)."""
        objects = concepts & OBJECTS
        parts = [self.base, *filter(None, map(self.lone.get, concepts))]
        parts += map(self.pair.__getitem__, _held(self.partners, concepts))
        parts += map(self.marks.__getitem__, objects)
        if not concepts & ORDERS:
            parts += [self.unaddressed, *map(self.unordered.__getitem__, objects)]
        return tuple(map(sum, zip(*parts, strict=True)))


def _partners(pairs: Iterable[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """Per concept, the concepts after it whose pair with it has a weight: a long sentence's concepts make
    hundreds of pairs, of which the weights hold a few."""
    partners: dict[str, set[str]] = {}
    for a, b in pairs:
        partners.setdefault(a, set()).add(b)
    return {a: frozenset(bs) for a, bs in partners.items()}


def _held(partners: dict[str, frozenset[str]], concepts: frozenset[str]) -> Iterator[tuple[str, str]]:
    """The pairs of ``concepts`` that ``partners`` holds, in the order of ``combinations(sorted(concepts), 2)``
    (the order the sums run in, so that they come out the same to the last digit)."""
    none: frozenset[str] = frozenset()
    for a in sorted(concepts):
        for b in sorted(partners.get(a, none) & concepts):
            yield a, b
