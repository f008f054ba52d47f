"""Where a phrase's matches can start: its anchors, literal strings one of which starts every match.

The integrity phrases are long alternations of what poisoning asks for ("~/.ssh", "the user's saved passwords",
"your system prompt"), most behind an optional word or a class, so the regular expression engine tries every
alternative at every character of the text it searches: several hundred nanoseconds a character on real
definitions, the scanner's largest cost after the sentence scorer. Every match starts with one of the anchors,
read off the parsed pattern (literals, optional parts, alternatives and small classes expanded), so one
Aho-Corasick pass over the text finds the only places a match can start, and the pattern is tried there alone:
the same matches, in the same order, as searching the text with it.
"""

from collections.abc import Iterator
from functools import cache
from re._constants import (  # the shapes ``anchors`` reads in a parsed pattern
    ASSERT,
    ASSERT_NOT,
    AT,
    BRANCH,
    IN,
    LITERAL,
    MAX_REPEAT,
    MIN_REPEAT,
    SUBPATTERN,
)
from re._parser import SubPattern, parse
from typing import Any

from classifier.text import Phrase

MOST = 512  # anchors kept per pattern before the rest of a match is left unread (prefixes are anchors too)
CLASS = 8  # a class of at most this many single characters is expanded, a larger one ends the anchors


def anchors(source: str | SubPattern) -> tuple[str, ...] | None:
    """Literal strings one of which starts every match of ``source`` (lowercase, searched in lowered text), or of
    its parse; None if no such set is read off its shape (a match may start with any character)."""
    finished, whole = _sequence(list(parse(source) if isinstance(source, str) else source))
    found = finished | whole
    return None if not found or "" in found else tuple(sorted(found))


def _sequence(items: list[tuple[Any, Any]]) -> tuple[set[str], set[str]]:
    """(prefixes of matches that cannot be read further, the whole texts the sequence may match exactly)."""
    finished: set[str] = set()
    open_ = {""}
    for op, av in items:
        if op is LITERAL:
            open_ = {text + chr(av) for text in open_}
            continue
        if op in (AT, ASSERT, ASSERT_NOT):
            continue  # zero width: a match starts with what follows it
        part = _element(op, av)
        if part is None:
            return finished | open_, set()
        ends, wholes = part
        finished |= {text + end for text in open_ for end in ends}
        open_ = {text + whole for text in open_ for whole in wholes}
        if not open_ or len(finished) + len(open_) > MOST:
            return finished | open_, set()
    return finished, open_


def _element(op: Any, av: Any) -> tuple[set[str], set[str]] | None:
    if op is SUBPATTERN:
        _, add_flags, del_flags, inner = av
        return None if add_flags or del_flags else _sequence(list(inner))
    if op is BRANCH:
        ends: set[str] = set()
        wholes: set[str] = set()
        for alternative in av[1]:
            more, exact = _sequence(list(alternative))
            ends |= more
            wholes |= exact
        return ends, wholes
    if op is IN:
        if len(av) > CLASS or any(kind is not LITERAL for kind, _ in av):
            return None
        return set(), {chr(code) for _, code in av}
    if op in (MAX_REPEAT, MIN_REPEAT):
        least, most, item = av
        ends, wholes = _sequence(list(item))
        if least == most == 1:
            return ends, wholes
        once = ends | wholes  # a first repetition starts the match; what follows it is not read
        if least == 0 and "" not in once:
            return once, {""}  # or it is left out, and the match goes on with what follows
        return once, set()  # ("" in ``once``: a repetition may start with anything, read no further)
    return None


class Anchored:
    """A phrase searched only where its anchors start: ``finditer`` yields what ``Phrase.lowered_finditer`` does."""

    def __init__(self, phrase: Phrase, starts: tuple[str, ...]) -> None:
        from ahocorasick_rs import AhoCorasick  # here, not on the start-up path of what imports this module

        self.pattern = phrase.full or phrase.body
        self.automaton = AhoCorasick(list(starts))

    def finditer(self, lowered: str, lo: int = 0, hi: int | None = None) -> Iterator[tuple[int, int]]:
        end = len(lowered) if hi is None else hi
        found = self.automaton.find_matches_as_indexes(lowered[lo:end], overlapping=True)
        pos = lo
        for at in sorted({lo + start for _, start, _ in found}):
            if at < pos:
                continue
            if match := self.pattern.match(lowered, at, end):
                yield match.span()
                pos = max(match.end(), at + 1)


@cache
def anchored(phrase: Phrase) -> Anchored | None:
    """The phrase searched at its anchors, or None: where it has none, or where the regular expression engine
    can skip to its matches' starts itself (a pattern that opens with literal words, ``Phrase.heads``). Worked
    out once per phrase (the table's phrases live as long as the process)."""
    starts = anchors(phrase.body.pattern if phrase.parsed is None else phrase.parsed) if phrase.heads is None else None
    return Anchored(phrase, starts) if starts is not None else None
