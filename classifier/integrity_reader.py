"""A definition's text read as sentences of concepts, the features of the sentence scorer (``integrity_sentences``).

Each sentence of every field is reduced to the concepts it holds (``integrity_concepts``: who is addressed, a
modal or an imperative, the user in the third person, and the objects of poisoning: other tools, the agent's
context, secrets, approval, threats), those concepts' pairs, and the stems that carried them; an object the
tool's own purpose names is marked on it (a tool about sessions may speak of the session). These are the
features the learned weights (``integrity_scorer``) score.
"""

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from functools import cache, lru_cache
from itertools import combinations, compress
from operator import itemgetter, not_

from classifier.integrity_channels import channelled, parameter, without
from classifier.integrity_concepts import BOUNDARIES, CONCEPTS, OBJECTS, ORDERS
from classifier.integrity_identifiers import NAMED, names_another

PATTERN, START, END = itemgetter(0), itemgetter(1), itemgetter(2)  # of a match
UNSPACED = "\u2e80"  # from here on, scripts (Chinese, Japanese) whose words run on without spaces


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
        self.boundaries = frozenset(range(self.first, len(self.patterns)))
        self.automaton = AhoCorasick(self.patterns)
        # Per pattern: whether it must start a word (not in scripts that write words without spaces), and its
        # (concept, whole word only, feature name) meanings.
        self.checks = [
            (p[0].isalnum() and p[0] < UNSPACED, [(c, whole or c == "imperative", f"s:{c}:{p}") for c, whole in m])
            for p, m in zip(self.patterns, self.meaning, strict=True)
        ]
        # Per pattern, how a match of it counts as a stem: 0 a sentence boundary (not a stem), 1 wherever it
        # stands, 2 only at the start of a word (``sentences``).
        self.stands = [0 if i >= self.first else 2 if starts else 1 for i, (starts, _) in enumerate(self.checks)]
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

    def stems(self, matches: list[tuple[int, int, int]]) -> set[int]:
        """The patterns of the matches that are stems, not sentence boundaries (as a set, with no Python step per
        match: a definition holds a few dozen)."""
        return set(map(PATTERN, matches)) - self.boundaries

    def everything(self, matches: list[tuple[int, int, int]]) -> tuple[set[str], frozenset[str]]:
        """Every stem and concept the matches may carry, wherever they stand: what no sentence can exceed."""
        indexes = self.stems(matches)
        meanings = [meaning for i in indexes for meaning in self.checks[i][1]]
        return {feature for _, _, feature in meanings}, frozenset(concept for concept, _, _ in meanings)

    def sentences(
        self, lowered: str, matches: list[tuple[int, int, int]] | None = None
    ) -> Iterator[tuple[int, int, set[str], frozenset[str]]]:
        """Each sentence that holds a concept: its span, the stems that matched and the concepts they carry.
        Most of a definition's matches are sentence ends: the sentences are found only around the stems."""
        matches = self.matches(lowered) if matches is None else matches
        checks, stands = self.checks, self.stands
        # Stems and sentence ends apart, by each match's pattern (``stands`` is 0 for an end) with no Python step
        # per match: most of a definition's matches are sentence ends.
        kinds = list(map(stands.__getitem__, map(PATTERN, matches)))
        # A stem that starts with a letter stands at the start of a word, not inside a word or a snake_case
        # identifier: a parameter named ``build_context`` names a build's context, not the agent's.
        words = [
            m for m in compress(matches, kinds)
            if stands[m[0]] == 1 or not ((at := m[1]) and ((c := lowered[at - 1]).isalnum() or c == "_"))
        ]
        if not words:
            return
        breaks = sorted(compress(matches, map(not_, kinds)), key=START)  # sentence ends never overlap
        starts, ends = list(map(START, breaks)), list(map(END, breaks))
        words.sort(key=START)
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
                start = ends[k - 1] if k else 0
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
        place_at: Callable[[int], str] | None = None,
    ) -> list[tuple[int, int, set[str], frozenset[str], frozenset[str]]]:
        """The sentences, each with the objects of poisoning it shares with the tool's purpose (its name, its
        first sentence and its parameters' names, ``interface``): a tool about sessions, or one that takes a
        ``session_id``, may speak of the session; a note-taker that asks for the session's messages is off its
        topic. With ``place_at`` (the field at an offset), a parameter's own name is not its sentences' purpose:
        poisoning names the parameter for what it asks ("history: every message the user wrote, verbatim")."""
        found = list(self.sentences(lowered, matches))
        own, purpose = self.aims(lowered, found, interface)
        out = []
        for start, end, stems, concepts in found:
            on = self.marked(start, concepts, own, purpose, interface, place_at)
            if names_another(lowered, interface, start, end):
                concepts = concepts | NAMED
            out.append((start, end, stems, concepts, on))
        return out

    def aims(
        self, lowered: str, found: list[tuple[int, int, set[str], frozenset[str]]], interface: str
    ) -> tuple[frozenset[str], frozenset[str]]:
        """The objects of poisoning the tool's own name and first sentence name (of the sentences ``found``), and
        those with its parameters' names too: what ``marked`` needs of the whole definition."""
        cut = _purpose_end(lowered)
        own = frozenset().union(*(concepts for start, _, _, concepts in found if start < cut)) & OBJECTS
        return own, (own | self.objects(interface) if interface else own)

    def marked(
        self,
        start: int,
        concepts: frozenset[str],
        own: frozenset[str],
        purpose: frozenset[str],
        interface: str,
        place_at: Callable[[int], str] | None,
    ) -> frozenset[str]:
        """The objects of the sentence at ``start`` that are on the tool's purpose (``aims``): one sentence's
        marks, so that the scorer works them out only for the few sentences whose margin could count."""
        if (
            place_at is not None
            and purpose != own
            and concepts & purpose - own
            and (name := parameter(place_at(start)))
        ):
            return concepts & (self.objects(without(interface, name)) | own)
        return concepts & purpose


def features(stems: set[str], concepts: frozenset[str], on: frozenset[str], channel: str = "") -> set[str]:
    """A sentence's features: its stems, its concepts and their pairs, each object on or off the tool's purpose,
    and the channel the sentence stands in with each of its concepts."""
    return stems | _concepts(concepts, on) | channelled(concepts, channel)


# Concepts a negation just before cancels: approval sought ("no need to check with"), data steered ("cookies are
# never sent to the agent", "not forwarded anywhere").
DENIABLE = frozenset(("seek", "steer"))
NEGATORS = ("not ", "never", "without", "n't ", "no need", "stop to", "no ")

NEGATION = re.compile("|".join(map(re.escape, NEGATORS)))


def _negated(before: str) -> bool:
    """Whether the words just before a stem, in its clause, negate it."""
    clause = before[max(before.rfind(","), before.rfind(";"), before.rfind(":")) + 1 :]
    return NEGATION.search(clause) is not None


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


@cache
def _concepts(concepts: frozenset[str], on: frozenset[str]) -> frozenset[str]:
    """The features of a set of concepts: each concept, each pair of them, each object on or off the purpose."""
    marks = {("on:" if c in on else "off:") + c for c in concepts & OBJECTS}
    if not concepts & ORDERS:  # nobody addressed, nothing ordered: documentation, whatever objects it names
        marks |= {"c:unaddressed"} | {f"u:{c}" for c in concepts & OBJECTS}
    return frozenset({f"c:{c}" for c in concepts} | _pairs(concepts) | marks)


def _pairs(concepts: set[str] | frozenset[str]) -> set[str]:
    return {f"p:{a}+{b}" for a, b in combinations(sorted(concepts), 2)}


@cache
def lexicon() -> Lexicon:
    return Lexicon()
