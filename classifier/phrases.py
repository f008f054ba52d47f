"""Matching the lexicon against text fast: trigger words found in one Aho-Corasick pass, and case-insensitive
phrases run only where their trigger words stand, with the same matches ``re.I`` finds."""

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from re._constants import AT, BRANCH, LITERAL, SUBPATTERN  # the shapes ``heads`` reads in a parsed pattern
from re._parser import parse
from typing import Any


class Triggers:
    """Which entries of a phrase table can match a text, from each entry's lowercase trigger words.

    One Aho-Corasick pass finds every trigger word at once (a regular expression or a substring test per
    word costs ten times more), so the entries' patterns run only on the texts that contain their words.
    """

    def __init__(self, words_per_entry: Sequence[tuple[str, ...]]) -> None:
        from ahocorasick_rs import AhoCorasick, Implementation  # here, not on the start-up path of importers

        pairs = {(word, i) for i, words in enumerate(words_per_entry) for word in words}
        words = sorted({word for word, _ in pairs})
        self.entries = [frozenset(i for w, i in pairs if w == word) for word in words]
        index = {word: n for n, word in enumerate(words)}
        self.words_of = [frozenset(index[word] for word in entry) for entry in words_per_entry]
        self.automaton = AhoCorasick(words, implementation=Implementation.DFA)  # twice as fast as the default

    def __call__(self, lowered: str) -> set[int]:
        found = self.automaton.find_matches_as_indexes(lowered, overlapping=True)
        return set().union(*[self.entries[word] for word, _, _ in found]) if found else set()

    def where(self, lowered: str) -> dict[int, list[int]]:
        """Each entry that can match, with the offsets where its trigger words start, in order: a pattern whose
        every match holds one of its words need only be run near them."""
        out: dict[int, list[int]] = {}
        for word, start, _ in self.automaton.find_matches_as_indexes(lowered, overlapping=True):
            for entry in self.entries[word]:
                out.setdefault(entry, []).append(start)
        return out


    def found(self, lowered: str) -> "Found":
        """The trigger words in ``lowered``, to be asked which entries they stand for and where."""
        return Found(self, self.automaton.find_matches_as_indexes(lowered, overlapping=True))


class Found:
    """One pass's trigger words, asked lazily: a text holds a few dozen, and only the entries they stand for are
    asked where their words start."""

    __slots__ = ("triggers", "matches", "entries", "ordered")

    def __init__(self, triggers: Triggers, matches: list[tuple[int, int, int]]) -> None:
        self.triggers, self.matches = triggers, matches
        entries = triggers.entries
        self.entries: set[int] = set().union(*[entries[word] for word, _, _ in matches]) if matches else set()
        self.ordered = sorted(self.entries)

    def within(self, low: int, high: int) -> list[int]:
        """The entries from ``low`` up to ``high``, in order: one table's rows, in the table's order."""
        ordered = self.ordered
        return ordered[bisect_left(ordered, low) : bisect_left(ordered, high)]

    def starts(self, entry: int) -> list[int]:
        """Where the entry's words start, left to right."""
        words = self.triggers.words_of[entry]
        return sorted(start for word, start, _ in self.matches if word in words)


# The only letters that re.I and lowercasing read apart, found by trying every code point: the dotted capital
# I lowercases to two characters, and the dotless i, the long s and the Kelvin sign match i, s and k under re.I
# (the Kelvin sign lowercases to k itself; it is here to keep every lowercase ASCII letter ASCII). In any other
# text, lowercase letters keep their places and re.I matches exactly what the lowercase pattern matches in the
# lowercase text (\w, \s, \d and \b included).
FOLDS_APART = re.compile("[\u0130\u0131\u017f\u212a]")


def folds_alike(text: str, lowered: str) -> bool:
    """``re.I`` finds in ``text`` what the lowercase pattern finds in ``lowered`` (``text.lower()``), in the same
    places: ASCII text, or any other that lowercasing keeps the same length and that holds none of FOLDS_APART
    (a tenth of real definitions have curly quotes, dashes or accents, and would otherwise take ``re.I``)."""
    return text.isascii() or (len(lowered) == len(text) and FOLDS_APART.search(text) is None)


# Zero-width assertions a pattern opens with (``\b``, ``(?<!never )``): they stop the regex engine from
# skipping ahead to the characters a match can start with, so a Phrase checks them apart.
_LEADING_ASSERTIONS = re.compile(r"(?:\\b|\(\?<[!=][^()]*\))*")


class Phrase:
    """A case-insensitive pattern, run several times faster on most text than ``re.I`` allows.

    ``re.I`` and a leading ``\b`` each stop the engine from skipping to where a match can start; so on text that
    ``folds_alike`` (lowered once by the caller, the same length) the pattern's body without its leading
    assertions finds the candidates, and the whole pattern confirms each one where it stands: the same matches,
    in the same places, as ``re.compile(source, re.I)``, which still serves any other text.
    """

    def __init__(self, source: str, indexed: bool = True) -> None:
        """``indexed``: worth finding by its ``heads`` (``first_at``); not when one of them ('is', 'are') starts
        too many words of any text."""
        if any(c.isupper() for c in re.sub(r"\\.", "", source)):
            raise ValueError(f"a Phrase is written in lowercase: {source!r}")
        self.slow = re.compile(source, re.I)
        lead = _LEADING_ASSERTIONS.match(source).end()  # type: ignore[union-attr]
        self.body = re.compile(source[lead:])
        self.full = re.compile(source) if lead else None
        parsed = parse(source[lead:]) if indexed else None
        self.heads = heads(parsed) if parsed is not None else None
        # The body's parse, kept where it has no heads: the integrity scanner reads its anchors off it on first use
        # (``integrity_anchors``), which parsing it again took a tenth of the scanner's time on 771 real tools.
        self.parsed = parsed if self.heads is None else None

    def finditer(self, text: str, lowered: str) -> Iterator[tuple[int, int]]:
        """(start, end) of every match, left to right; ``lowered`` is ``text.lower()``."""
        if not folds_alike(text, lowered):
            for match in self.slow.finditer(text):
                yield match.span()
            return
        yield from self.lowered_finditer(lowered)

    def lowered_finditer(self, lowered: str, pos: int = 0, endpos: int | None = None) -> Iterator[tuple[int, int]]:
        """(start, end) of every match in text already lowered, ASCII or not: for a caller that lowered the text
        itself and checked it kept its length, and accepts lowercasing as Unicode does it (where ``re.I`` may
        also fold a few rare letters, such as the long s, that NFKC normalisation has folded already). ``pos`` and
        ``endpos`` bound the search as they bound ``re.Pattern.search``: look-behinds still see before ``pos``."""
        end = len(lowered) if endpos is None else endpos
        while candidate := self.body.search(lowered, pos, end):
            match = self.full.match(lowered, candidate.start(), end) if self.full else candidate
            if match is None:
                pos = candidate.start() + 1
            else:
                yield match.span()
                pos = max(match.end(), match.start() + 1)

    def search(self, text: str, lowered: str) -> tuple[int, int] | None:
        return next(self.finditer(text, lowered), None)

    def first_at(self, text: str, lowered: str, starts: Iterable[int]) -> tuple[int, int] | None:
        """``search``'s answer, found by trying the pattern only where one of its ``heads`` starts (``starts``, in
        order, from a ``Triggers`` pass over ``lowered``): every match starts with one, so the leftmost of those
        positions where the pattern matches starts the leftmost match. On text ``folds_alike`` only (``re.I`` folds a
        few letters lowercasing does not), and only for a pattern with heads."""
        if self.heads is None or not folds_alike(text, lowered):
            return self.search(text, lowered)
        pattern = self.full or self.body
        for start in starts:
            if match := pattern.match(lowered, start):
                return match.span()
        return None


MIN_HEAD = 2  # a head of one letter is no help


def heads(parsed: Any) -> tuple[str, ...] | None:
    """Literal strings, at least MIN_HEAD long, one of which starts every match of a parsed pattern (after its
    leading assertions); None if they cannot be told from its shape (a class or a repeat before any literal)."""
    found = _heads(list(parsed))
    if found is None or min(map(len, found)) < MIN_HEAD:
        return None
    return tuple(sorted(found))


def _heads(seq: list[tuple[Any, Any]]) -> set[str] | None:
    out = {""}
    for op, av in seq:
        if op is LITERAL:
            out = {head + chr(av) for head in out}
            continue
        if op is AT and out == {""}:
            continue  # a leading \b: it consumes nothing
        if op is SUBPATTERN:
            inner = list(av[3])
            alternatives = inner[0][1][1] if len(inner) == 1 and inner[0][0] is BRANCH else [inner]
        elif op is BRANCH:
            alternatives = av[1]
        else:
            break  # a repeat, a class, a later assertion: every match still starts with what was found so far
        literal = [_literal(list(alternative)) for alternative in alternatives]
        if all(text is not None for text in literal) and len(out) * len(literal) <= 64:
            out = {head + text for head in out for text in literal}  # type: ignore[operator]
            continue
        tails = [_heads(list(alternative)) for alternative in alternatives]
        if any(tail is None for tail in tails):
            break
        out = {head + tail for head in out for some in tails for tail in some}  # type: ignore[union-attr]
        break
    return None if "" in out else out


def _literal(seq: list[tuple[Any, Any]]) -> str | None:
    """The text a parsed sequence of plain characters matches, or None if it is not one."""
    return "".join(chr(av) for _, av in seq) if all(op is LITERAL for op, _ in seq) else None
