"""Where a phrase of the integrity table matches in the lowered text of a definition: only within REACH of its
trigger words, a request's verb before its object in one sentence, and whether the sentence around a match denies
asking the agent for it."""

import re
from collections.abc import Iterator

from classifier.integrity_anchors import anchored
from classifier.integrity_lexicon import DENIED_AFTER, DENIED_BEFORE, SERVER_SIDE
from classifier.text import Phrase

REACH = 400  # longer than any phrase's longest match


def denied(lowered: str, at: int, until: int) -> bool:
    """Whether the sentence around a span denies asking the agent for it: a negation just before or just after it
    in its clause, or the thing kept on the server's side (``DENIED_BEFORE``, ``SERVER_SIDE``)."""
    start = max(lowered.rfind(". ", 0, at), lowered.rfind("\n", 0, at)) + 1
    ends = [e for e in (lowered.find(". ", until), lowered.find("\n", until)) if e >= 0]
    end = min(ends, default=len(lowered))
    return (
        bool(DENIED_BEFORE.search(lowered, start, at))
        or bool(DENIED_AFTER.match(lowered, until, end))
        or bool(SERVER_SIDE.search(lowered, start, end))
    )


def near_triggers(starts: list[int], size: int) -> Iterator[tuple[int, int]]:
    """The stretches of text within REACH of a trigger word, overlapping ones merged: every match of a phrase
    holds one of its trigger words and is shorter than REACH, so it lies inside one of them."""
    if not starts:
        return
    starts = sorted(starts)
    lo, hi = max(0, starts[0] - REACH), starts[0] + REACH
    for start in starts[1:]:
        if start - REACH > hi:
            yield lo, min(hi, size)
            lo = start - REACH
        hi = start + REACH
    yield lo, min(hi, size)


def requests(
    lowered: str, verb: re.Pattern[str], gap: int, thing: Phrase, lo: int = 0, hi: int | None = None
) -> Iterator[tuple[int, int]]:
    """A verb, then within ``gap`` characters of the same sentence its object: found object first, then the
    leftmost verb before it (spans from verb to object). A sentence ends at a full stop and a space or at a field's
    end, not at the dot of a file name or a URL ("cat .git/config", "remote.origin.url")."""
    last = 0
    for start, end in phrase_matches(thing, lowered, lo, hi):
        low = max(last, start - gap - 40)
        for match in verb.finditer(lowered, low, start):
            between = lowered[match.end() : start]
            if len(between) <= gap and ". " not in between and "\n" not in between:
                yield match.start(), end
                last = end
                break


def phrase_matches(phrase: Phrase, lowered: str, lo: int, hi: int | None) -> Iterator[tuple[int, int]]:
    """``phrase.lowered_finditer``'s matches, found from the phrase's anchors where it has them."""
    fast = anchored(phrase)
    return fast.finditer(lowered, lo, hi) if fast is not None else phrase.lowered_finditer(lowered, lo, hi)
