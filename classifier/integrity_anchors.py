"""Where a phrase's matches can start: its anchors, literal strings one of which starts every match.

The integrity phrases are long alternations of what poisoning asks for ("~/.ssh", "the user's saved passwords",
"your system prompt"), most behind an optional word or a class, so the regular expression engine tries every
alternative at every character of the text it searches: several hundred nanoseconds a character on real
definitions, the scanner's largest cost after the sentence scorer. Every match starts with one of the anchors,
read off the parsed pattern (literals, optional parts, alternatives and small classes expanded), so one
Aho-Corasick pass over the text finds the only places a match can start, and the pattern is tried there alone:
the same matches, in the same order, as searching the text with it.

Some alternatives can start with any character (a word class first: "[a-z0-9]+_token from the environment"), and
one of them took a whole phrase off its anchors: the engine then tried every alternative at every character of
each stretch, and the object of the secret requests alone took a twentieth of the scanner's time on real tools.
Such an alternative still holds, somewhere in every match, one of a few literal strings read off the same parse
(``factors``: "_token", "${", "environment"). The phrase's anchors are then those of its other alternatives, and
only a stretch that holds one of those strings (a few in a hundred on real tools) is searched by the engine: a
match elsewhere starts as one of the anchored alternatives does, at one of their anchors.
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

FACTORS = 512  # literal strings kept per alternative; more than this and the phrase is searched everywhere
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


def factors(source: str | SubPattern | list[tuple[Any, Any]]) -> set[str] | None:
    """Literal strings one of which every match of ``source`` (or of its parse) holds, or None if none are read off
    its shape:
    of the anchors of each of its tails (a match of the sequence ends with a match of every tail of it) and the
    strings each element a match cannot skip holds, the set least likely to stand in prose (``_rare``)."""
    items = list(parse(source) if isinstance(source, str) else source)
    options: list[set[str]] = []
    for at, (op, av) in enumerate(items):
        if (starts := anchors(items[at:])) is not None:
            options.append(set(starts))
        if op is SUBPATTERN and not av[1] and not av[2]:
            inner = factors(list(av[3]))
        elif op is BRANCH:
            each = [factors(list(alternative)) for alternative in av[1]]
            inner = None if any(e is None for e in each) else set().union(*each)  # type: ignore[arg-type]
        elif op in (MAX_REPEAT, MIN_REPEAT) and av[0] >= 1:
            inner = factors(list(av[2]))
        else:
            inner = None  # a class, an assertion (what it looks at may lie outside the match), an optional part
        if inner:
            options.append(inner)
    best = max(options, key=lambda strings: min(map(_rare, strings)), default=None)
    return best if best and len(best) <= FACTORS else None


def _rare(string: str) -> int:
    """How unlikely a string is in prose, roughly: longer is rarer, and one with a symbol ("_", "${") rarer still."""
    return len(string) + (0 if string.isalpha() else 8)


def _alternatives(items: list[tuple[Any, Any]]) -> list[list[tuple[Any, Any]]]:
    """The alternatives a match can start as: those of a group or a choice the sequence opens with, in turn (the
    rest of the sequence follows each), or the sequence itself."""
    if items:
        op, av = items[0]
        if op is SUBPATTERN and not av[1] and not av[2]:
            return _alternatives(list(av[3]))
        if op is BRANCH:
            return [part for alternative in av[1] for part in _alternatives(list(alternative))]
    return [items]


def _split(parsed: SubPattern) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The anchors of the alternatives that have them, and the factors of those that do not (None if one has
    neither): a match starts at an anchor, or holds a factor."""
    starts: set[str] = set()
    held: set[str] = set()
    for alternative in _alternatives(list(parsed)):
        if (some := anchors(alternative)) is not None:
            starts.update(some)
        elif (inside := factors(alternative)) is not None:
            held.update(inside)
        else:
            return None
    return (tuple(sorted(starts)), tuple(sorted(held))) if starts and "" not in held else None


class Anchored:
    """A phrase searched only where its anchors start: ``finditer`` yields what ``Phrase.lowered_finditer`` does.
    With ``held``, the factors of the alternatives that have no anchors: a stretch that holds one is searched
    whole, as ``Phrase.lowered_finditer`` searches it."""

    def __init__(self, phrase: Phrase, starts: tuple[str, ...], held: tuple[str, ...] = ()) -> None:
        from ahocorasick_rs import AhoCorasick  # here, not on the start-up path of what imports this module

        self.phrase = phrase
        self.pattern = phrase.full or phrase.body
        self.automaton = AhoCorasick(list(starts))
        self.held = AhoCorasick(list(held)) if held else None

    def finditer(self, lowered: str, lo: int = 0, hi: int | None = None) -> Iterator[tuple[int, int]]:
        end = len(lowered) if hi is None else hi
        stretch = lowered[lo:end]
        if self.held is not None and self.held.find_matches_as_indexes(stretch):
            yield from self.phrase.lowered_finditer(lowered, lo, end)
            return
        found = self.automaton.find_matches_as_indexes(stretch, overlapping=True)
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
    if phrase.heads is not None:
        return None
    parsed = parse(phrase.body.pattern) if phrase.parsed is None else phrase.parsed
    if (starts := anchors(parsed)) is not None:
        return Anchored(phrase, starts)
    split = _split(parsed)
    return Anchored(phrase, *split) if split is not None else None
