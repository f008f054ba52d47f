"""The integrity scanner's prefilter: which of the phrase table's trigger words are worth following, and where.

Most real definitions hold a trigger word of some phrase ("when", "without", "environment"), and running the
phrases near every one of them was most of the scanner's time. The words are split by how common they are in real
tools (``common_triggers``, learned with the sentence scorer's weights): a rare word wakes its phrases wherever it
stands, a common one only within SLACK characters of a sentence the scorer keeps as a candidate. A phrase that
cannot cross a sentence's end is looked for only in its trigger word's sentence. ``scan(tool, prefilter=False)``
runs without any of this, and the tests check that every written sample scans the same both ways.
"""

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import cache

from classifier.integrity_lexicon import PHRASES, TRIGGERS
from classifier.integrity_sentences import SLACK, common_triggers
from classifier.text import Triggers

# The phrases' trigger words and, as the entry after them, words every dangerous literal contains: one pass
# tells which phrases can match, and whether DANGEROUS_DEFAULTS can.
TRIGGER_WORDS = [*TRIGGERS, ("-rf", "curl", "wget", "777", "/etc/", "169.254.169.254", "mkfs", "if=", ":()", "base64")]
PATTERN_TRIGGERS = Triggers(TRIGGER_WORDS)


@cache
def split_triggers() -> Triggers:
    """The phrases' trigger words in one automaton, entry ``i`` for the words rare in real definitions and entry
    ``COMMON + i`` for the common ones (``common_triggers`` of the scorer's data: those in more than 0.1% of real
    tools). A rare word wakes its phrases wherever it stands; a common one only near a sentence the scorer keeps
    as a candidate, so on most definitions no phrase runs at all."""
    common = common_triggers()
    rare = [tuple(w for w in words if w not in common) for words in TRIGGER_WORDS[:-1]] + TRIGGER_WORDS[-1:]
    return Triggers(rare + [tuple(w for w in words if w in common) for words in TRIGGER_WORDS[:-1]])


COMMON = len(TRIGGER_WORDS)


# The phrases that cannot cross a sentence's end (no gap but ``[^.\n]``): looked for only in their trigger's sentence.
CROSSES = re.compile(r"\[\^\\n\]|\.[*+{]|\\S\]")  # a gap that may run past a full stop
WITHIN_SENTENCE = frozenset(i for i, (*_, phrase, _) in enumerate(PHRASES) if not CROSSES.search(phrase.slow.pattern))


def trigger_words(lowered: str) -> tuple[dict[int, list[int]], list[int]]:
    """Where the trigger words stand (``split_triggers``' entries), and the offsets of the common ones, in order:
    the sentence scorer need only say which sentences near those are candidates (``read``'s ``asked``)."""
    found = split_triggers().where(lowered)
    return found, sorted({at for i, starts in found.items() if i >= COMMON for at in starts})


def trigger_hits(found: dict[int, list[int]], candidates: list[tuple[int, int]]) -> dict[int, list[int]]:
    """Where each phrase's trigger words worth following stand (by the phrase's index in the table; the entry
    after the table is the dangerous literals'), of those ``trigger_words`` found."""
    hits = {i: at for i, at in found.items() if i < COMMON}
    common = {i - COMMON: at for i, at in found.items() if i >= COMMON}
    for i, starts in _gated(common, candidates).items():
        hits.setdefault(i, []).extend(starts)
    return hits


def _gated(hits: dict[int, list[int]], candidates: list[tuple[int, int]]) -> dict[int, list[int]]:
    """The trigger words that stand within SLACK characters of a candidate sentence: a phrase holds its trigger
    word, and the phrases the samples hold lie in sentences the scorer keeps as candidates."""
    if not candidates or not hits:
        return {}
    # The stretches in order of their starts, each with the furthest end of those up to it: a word stands in one
    # if the furthest end of those starting at or before it lies past it.
    los, reach, far = [], [], 0
    for lo, hi in sorted(candidates):
        los.append(max(0, lo - SLACK))
        far = max(far, hi + SLACK)
        reach.append(far)
    out = {}
    for i, starts in hits.items():
        if kept := [at for at in starts if (k := bisect_right(los, at)) and reach[k - 1] > at]:
            out[i] = kept
    return out


def sentence_windows(starts: list[int], lowered: str) -> Iterator[tuple[int, int]]:
    """The sentences that hold a trigger word, overlapping ones merged: a phrase that cannot cross the end of a
    sentence lies in its trigger word's sentence, mostly a tenth of the stretch ``_near`` gives."""
    lo = hi = -1
    for start in sorted(starts):
        if start < hi:
            continue
        stop = lowered.rfind(". ", 0, start)
        begin = max(stop + 2 if stop >= 0 else 0, lowered.rfind("\n", 0, start) + 1)
        ends = [at for at in (lowered.find(". ", start), lowered.find("\n", start)) if at >= 0]
        end = min(ends) + 2 if ends else len(lowered)
        if begin > hi:
            if hi >= 0:
                yield lo, hi
            lo = begin
        hi = end
    if hi >= 0:
        yield lo, hi
