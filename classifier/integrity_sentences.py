"""Sentences addressed to the agent about what it must not be steered on, scored by learned weights.

A phrase table catches the wordings it was written for and misses the next one. This scorer works on structure:
each sentence of every field is reduced to the concepts it holds (``integrity_concepts``: who is addressed, a
modal or an imperative, the user in the third person, and the objects of poisoning: other tools, the agent's
context, secrets, approval, threats), those concepts' pairs, and the stems that carried them. A linear model over
those features (``classifier/data/integrity_weights.json``, trained by ``benchmarks/integrity_train.py`` on
written poisoned sentences against the sentences of real tools' definitions) gives each sentence a margin per
class of poisoning over "benign"; a sentence whose best margin passes ``THRESHOLD`` is a finding of that class.
The channel a sentence stands in (description, parameter, a value slot such as an enum or default, a label) is a
feature too: real tools hold tokens in value slots, so a whole slot that is a sentence about an object of
poisoning is a finding by itself. A sentence's class is among those of the objects it names; approval bypass
needs approval waived or taken as given (``waived``) and not sought (``seek``).

It is also the phrase table's prefilter: the sum of the positive margins of a sentence's features bounds its
margin from above, and the phrase table looks only near the sentences whose bound reaches ``GATE`` (``read``), a
small part of real definitions' text. The gate is set below the bound of every sentence the phrase table flags
in the written samples (``tests/classifier/test_integrity_prefilter.py``).
"""

import json
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from functools import cache, lru_cache
from itertools import combinations, repeat
from operator import add
from pathlib import Path
from typing import NamedTuple

from classifier.integrity_bounds import KNOWN, Bounds
from classifier.integrity_channels import CHANNELS, channel, channelled, parameter, slot_sized, without
from classifier.integrity_concepts import BOUNDARIES, CONCEPTS, OBJECTS, ORDERS
from classifier.integrity_identifiers import NAMED, names_another

WEIGHTS = Path(__file__).parent / "data" / "integrity_weights.json"
BENIGN = "benign"
SCORED_KINDS = ("shadowing", "exfiltration", "approval_bypass", "secrets", "coercion")
THRESHOLD = 1.0  # the margin over "benign" a sentence needs; set in training (benchmarks/integrity_train.py)
MEDIUM = 1.0  # a margin this far below the threshold is still worth showing, as medium
GATE = 0.0  # below this bound a definition is not scanned at all, a margin below any sentence ever flagged
UNSPACED = "\u2e80"  # from here on, scripts (Chinese, Japanese) whose words run on without spaces
ROUNDING = 1e-9  # far more than sums of a few dozen weights can differ by in another order, far less than a weight
OBJECT_KINDS = {
    "approval": "approval_bypass",
    "threat": "coercion",
    "context": "exfiltration",
    "secret": "secrets",
    "tools": "shadowing",
    "steer": "shadowing",
}


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
        # Per pattern: whether it must start a word (not in scripts that write words without spaces), and its
        # (concept, whole word only, feature name) meanings.
        self.checks = [
            (p[0].isalnum() and p[0] < UNSPACED, [(c, whole or c == "imperative", f"s:{c}:{p}") for c, whole in m])
            for p, m in zip(self.patterns, self.meaning, strict=True)
        ]
        # Per pattern whose meanings hold wherever it starts a word (no whole-word, imperative or negation test):
        # its features and concepts, added at once.
        self.plain = [
            (tuple(f for *_, f in meanings), tuple(c for c, *_ in meanings))
            if not any(whole or c in DENIABLE for c, whole, _ in meanings)
            else None
            for _, meanings in self.checks
        ]

    @lru_cache(maxsize=1 << 14)  # noqa: B019 (one lexicon per process, kept for its life)
    def objects(self, words: str) -> frozenset[str]:
        """The objects of poisoning some words may name (parameter names repeat across tools: cached)."""
        return self.everything(self.matches(words))[1] & OBJECTS

    def matches(self, lowered: str) -> list[tuple[int, int, int]]:
        return self.automaton.find_matches_as_indexes(lowered, overlapping=True)

    def everything(self, matches: list[tuple[int, int, int]]) -> tuple[set[str], frozenset[str]]:
        """Every stem and concept the matches may carry, wherever they stand: what no sentence can exceed."""
        indexes = {index for index, _, _ in matches if index < self.first}
        meanings = [meaning for i in indexes for meaning in self.checks[i][1]]
        return {feature for _, _, feature in meanings}, frozenset(concept for concept, _, _ in meanings)

    def sentences(
        self, lowered: str, matches: list[tuple[int, int, int]] | None = None
    ) -> Iterator[tuple[int, int, set[str], frozenset[str]]]:
        """Each sentence that holds a concept: its span, the stems that matched and the concepts they carry.
        Most of a definition's matches are sentence ends: the sentences are found only around the stems."""
        matches = self.matches(lowered) if matches is None else matches
        first, checks = self.first, self.checks
        # A stem that starts with a letter stands at the start of a word, not inside a word or a snake_case
        # identifier: a parameter named ``build_context`` names a build's context, not the agent's.
        words = [
            m for m in matches
            if m[0] < first and not (m[1] and checks[m[0]][0] and ((c := lowered[m[1] - 1]).isalnum() or c == "_"))
        ]
        if not words:
            return
        ends = sorted((at, end) for index, at, end in matches if index >= first)  # sentence ends never overlap
        starts = [at for at, _ in ends]
        words.sort(key=_start)
        size, plain = len(lowered), self.plain
        current, start, stop = -1, 0, size
        stems, concepts = set[str](), set[str]()
        for index, at, end in words:
            k = bisect_right(starts, at)
            if k != current:
                if concepts:
                    yield start, stop, stems, frozenset(concepts)
                    stems, concepts = set(), set()
                current = k
                start = ends[k - 1][1] if k else 0
                stop = starts[k] if k < len(starts) else size
            if at < start:
                continue  # inside a sentence's end
            if (known := plain[index]) is not None:
                stems.update(known[0])
                concepts.update(known[1])
                continue
            for concept, whole, feature in checks[index][1]:
                if whole and end < size and lowered[end].isalnum():
                    continue  # a whole word only; an imperative is a bare verb ("send", not "sends")
                if concept == "imperative" and not _opens_clause(lowered, start, at):
                    continue  # an imperative opens its sentence or a clause of it
                if concept in DENIABLE and _negated(lowered[max(start, at - 24) : at]):
                    continue  # "never ask": approval waived, not sought; "never sent to the agent": nothing steered
                stems.add(feature)
                concepts.add(concept)
        if concepts:
            yield start, stop, stems, frozenset(concepts)

    def read(
        self,
        lowered: str,
        matches: list[tuple[int, int, int]] | None = None,
        interface: str = "",
        named: bool = True,
        place_at: Callable[[int], str] | None = None,
    ) -> list[tuple[int, int, set[str], frozenset[str], frozenset[str]]]:
        """The sentences, each with the objects of poisoning it shares with the tool's purpose (its name, its
        first sentence and its parameters' names, ``interface``): a tool about sessions, or one that takes a
        ``session_id``, may speak of the session; a note-taker that asks for the session's messages is off its
        topic. With ``place_at`` (the field at an offset), a parameter's own name is not its sentences' purpose:
        poisoning names the parameter for what it asks ("history: every message the user wrote, verbatim")."""
        found = list(self.sentences(lowered, matches))
        cut = _purpose_end(lowered)
        own = frozenset().union(*(concepts for start, _, _, concepts in found if start < cut)) & OBJECTS
        purpose = own | self.objects(interface) if interface else own
        if place_at is not None and purpose != own:
            found = [
                (start, end, stems, concepts, self.objects(without(interface, name)) | own)
                if concepts & purpose - own and (name := parameter(place_at(start)))
                else (start, end, stems, concepts, purpose)
                for start, end, stems, concepts in found
            ]
        else:
            found = [(start, end, stems, concepts, purpose) for start, end, stems, concepts in found]
        if named:
            found = [
                (start, end, stems, concepts | NAMED if names_another(lowered, interface, start, end) else concepts, on)
                for start, end, stems, concepts, on in found
            ]
        return [(start, end, stems, concepts, concepts & on) for start, end, stems, concepts, on in found]


def features(stems: set[str], concepts: frozenset[str], on: frozenset[str], channel: str = "") -> set[str]:
    """A sentence's features: its stems, its concepts and their pairs, each object on or off the tool's purpose,
    and the channel the sentence stands in with each of its concepts."""
    return stems | _concepts(concepts, on) | channelled(concepts, channel)


# Concepts a negation just before cancels: approval sought ("no need to check with"), data steered ("cookies are
# never sent to the agent", "not forwarded anywhere").
DENIABLE = frozenset(("seek", "steer"))
NEGATORS = ("not ", "never", "without", "n't ", "no need", "stop to", "no ")

def _negated(before: str) -> bool:
    """Whether the words just before a stem, in its clause, negate it."""
    clause = before[max(before.rfind(mark) for mark in ",;:") + 1 :]
    return any(word in clause for word in NEGATORS)


def _opens_clause(lowered: str, start: int, at: int) -> bool:
    """Whether a word opens its sentence or a clause after a colon, semicolon, dash or bracket ("Zone; put the
    token here", "Title (trusted: skip the check)"), markup and quotes aside."""
    before = lowered[max(start, at - 40) : at].rstrip(" \"'*`#[]>")
    return not before or before[-1] in ":;(-\u2013\u2014"


def _purpose_end(lowered: str) -> int:
    """Where the tool's purpose ends: after the name (the first field) and the first sentence of the next."""
    first = lowered.find("\n")
    if first < 0:
        return len(lowered)
    ends = [at for mark in (". ", "\n", "\u3002") if (at := lowered.find(mark, first + 1)) >= 0]
    return min(ends, default=len(lowered))


def _start(match: tuple[int, int, int]) -> int:
    return match[1]


@cache
def _concepts(concepts: frozenset[str], on: frozenset[str]) -> frozenset[str]:
    """The features of a set of concepts: each concept, each pair of them, each object on or off the purpose."""
    marks = {("on:" if c in on else "off:") + c for c in concepts & OBJECTS}
    if not concepts & ORDERS:  # nobody addressed, nothing ordered: documentation, whatever objects it names
        marks |= {"c:unaddressed"} | {f"u:{c}" for c in concepts & OBJECTS}
    return frozenset({f"c:{c}" for c in concepts} | _pairs(concepts) | marks)


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
        # Per channel, what its feature and its features with each concept add to each class's margin over benign.
        zero = tuple(0.0 for _ in self.kinds)
        diff = self.diff
        self.lanes = [
            (diff.get(f"ch:{where}", zero), {c: diff[f] for c in KNOWN if (f := f"q:{where}+{c}") in diff})
            for where in CHANNELS
        ]

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

    def ceiling(self, stems: set[str], concepts: frozenset[str], on: frozenset[str]) -> float:
        """The most the margin can be in any channel: exact but for the channel and for rounding (ROUNDING is
        added, since the sums run in another order than ``margin``'s), so a sentence below it needs no look-up
        of its field."""
        allowed = self._allowed(concepts)
        if not allowed:
            return float("-inf")
        margins = self._ceilings(concepts, on)
        diff = self.diff
        for name in stems:
            if (d := diff.get(name)) is not None:
                margins = tuple(map(add, margins, d))
        return max(margins[i] for i in allowed) + ROUNDING

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
        up by concept (``lanes``), not by naming the features."""
        best = [0.0] * len(self.kinds)
        for alone, per_concept in self.lanes:
            added = alone
            for concept in concepts:
                if (d := per_concept.get(concept)) is not None:
                    added = tuple(map(add, added, d))
            best = list(map(max, best, added))
        return tuple(best)

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
def lexicon() -> Lexicon:
    return Lexicon()


@cache
def model() -> Model | None:
    return Model(json.loads(WEIGHTS.read_text())) if WEIGHTS.exists() else None


def common_triggers() -> frozenset[str]:
    """The phrase table's trigger words found in more than 0.1% of real tools (learned with the weights)."""
    weights = model()
    return frozenset(weights.common) if weights is not None else frozenset()


def whole_bound(
    weights: Model, words: Lexicon, matches: list[tuple[int, int, int]], named: frozenset[str] = frozenset()
) -> float:
    """The bound of every stem and concept the matches may carry, wherever they stand (``Lexicon.everything``'s),
    and ``named`` (NAMED where the text holds an identifier), which no sentence's exceeds: summed per pattern, to
    within ROUNDING."""
    added, concepts = weights.stems_of(words)
    first = words.first
    indexes = {index for index, _, _ in matches if index < first}
    held = frozenset().union(*map(concepts.__getitem__, indexes), named)
    return weights.reach(sum(map(added.__getitem__, indexes)), held, None, None)


SLACK = 40  # how far outside a candidate sentence a common trigger word may stand (``integrity_prefilter``)


def _near(asked: list[int], start: int, end: int) -> bool:
    """Whether an offset of ``asked`` (sorted) stands within SLACK characters of the span."""
    k = bisect_left(asked, start - SLACK)
    return k < len(asked) and asked[k] < end + SLACK


class Reading(NamedTuple):
    findings: list[Scored]
    candidates: list[tuple[int, int]]  # the sentences whose bound reaches the gate: where phrases may match


def read(
    lowered: str,
    place_at: Callable[[int], str] | None = None,
    parameters: str = "",
    asked: list[int] | None = None,
) -> Reading:
    """The sentences of the (lowered, whitespace-collapsed) text whose margin passes the medium threshold, and
    the spans of those whose bound reaches the gate: the phrase table need only look near them. ``place_at``
    names the field at an offset, for the sentence's channel (without it, the most any channel adds is bounded
    and none is scored). ``asked``: the sorted offsets near which candidates are wanted (the prefilter's common
    trigger words, ``SLACK``); the sentences far from all of them are no one's candidates, so only a finding
    could make them worth scoring, and a definition whose bound reaches no finding is not read at all."""
    weights = model()
    if weights is None:
        return Reading([], [(0, len(lowered))])
    findings, candidates = [], []
    low = weights.threshold - MEDIUM
    words = lexicon()
    matches = words.matches(lowered)
    # The concept of another tool named stands outside the stems: bounded in wherever an underscore follows the
    # tool's name, and looked for only in the sentences it could lift to the gate (most hold no underscore).
    named = NAMED if lowered.find("_", lowered.find("\n") + 1) > 0 else frozenset()
    cut = min(weights.gate, low)
    if whole_bound(weights, words, matches, named) < (cut if asked is None or asked else low) - ROUNDING:
        return Reading(findings, candidates)  # no sentence can reach the gate or a finding
    for start, end, stems, concepts, on in words.read(lowered, matches, parameters, False, place_at):
        wanted = asked is None or _near(asked, start, end)
        if not wanted and not concepts & OBJECTS:
            continue  # no candidate asked for here, and a sentence that names no object is no finding (``_kinds``)
        least = cut if wanted else low  # below it a sentence is neither a candidate asked for nor a finding
        if (
            named
            and lowered.find("_", start, end) >= 0
            and weights.bound(stems, concepts | NAMED, on, None) >= least
            and names_another(lowered, parameters, start, end)
        ):
            concepts = concepts | NAMED
        bound = weights.bound(stems, concepts, on, None)
        if wanted and bound >= weights.gate:
            candidates.append((start, end))
        if bound < low:
            continue
        slot = slot_sized(lowered, start, end, concepts)
        if not slot and weights.ceiling(stems, concepts, on) < low:
            continue  # no channel lifts it to a finding: its field need not be looked up
        where = channel(place_at(start)) if place_at is not None else ""
        kind, margin = weights.margin(stems, concepts, on, where)
        if kind == BENIGN:
            continue  # a sentence about no object, or asking for approval rather than waiving it
        if slot and where == "value":
            findings.append(Scored(start, end, kind, max(margin, weights.threshold), "high"))
            continue
        if margin >= low:
            findings.append(Scored(start, end, kind, margin, "high" if margin >= weights.threshold else "medium"))
    return Reading(findings, candidates)
