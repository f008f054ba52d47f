"""Sentences addressed to the agent about what it must not be steered on, scored by learned weights.

A phrase table catches the wordings it was written for and misses the next one. This scorer works on structure:
each sentence of every field is reduced to the concepts it holds (``integrity_reader``, ``integrity_concepts``: who
is addressed, a modal or an imperative, the user in the third person, and the objects of poisoning: other tools,
the agent's context, secrets, approval, threats), those concepts' pairs, and the stems that carried them. A linear
model over those features (``integrity_scorer``, ``classifier/data/integrity_weights.json``, trained by
``benchmarks/integrity_train.py`` on written poisoned sentences against the sentences of real tools' definitions)
gives each sentence a margin per class of poisoning over "benign"; a sentence whose best margin passes the
threshold is a finding of that class. The channel a sentence stands in (description, parameter, a value slot such
as an enum or default, a label) is a feature too: real tools hold tokens in value slots, so a whole slot that is a
sentence about an object of poisoning is a finding by itself. A sentence's class is among those of the objects it
names; approval bypass needs approval waived or taken as given (``waived``) and not sought (``seek``).

It is also the phrase table's prefilter: the sum of the positive margins of a sentence's features bounds its
margin from above, and the phrase table looks only near the sentences whose bound reaches the gate (``read``), a
small part of real definitions' text. The gate is set below the bound of every sentence the phrase table flags
in the written samples (``tests/classifier/test_integrity_prefilter.py``). Each sentence is bounded before its
purpose, channel and identifiers are looked at (``Model.peak``, ``Model.floor``, worked out from the weights when
they load): most sentences of real tools are below the finding threshold whatever those are, and above the gate
whatever is on the purpose, and only the others are worked out in full (``tests/classifier/test_integrity_peaks.py``
checks the same findings and candidates come out either way, with perturbed weights).
"""

from bisect import bisect_left
from collections.abc import Callable
from typing import NamedTuple

from classifier.integrity_channels import channel, slot_sized
from classifier.integrity_concepts import OBJECTS
from classifier.integrity_identifiers import NAMED, names_another
from classifier.integrity_reader import Lexicon, lexicon
from classifier.integrity_scorer import BENIGN, ROUNDING, Model, model

SCORED_KINDS = ("shadowing", "exfiltration", "approval_bypass", "secrets", "coercion")
MEDIUM = 1.0  # a margin this far below the threshold is still worth showing, as medium


class Scored(NamedTuple):
    start: int  # offsets in the text scored
    end: int
    kind: str  # the class of poisoning with the best margin
    margin: float
    severity: str  # high from the threshold on, medium within MEDIUM below it


def common_triggers() -> frozenset[str]:
    """The phrase table's trigger words found in more than 0.1% of real tools (learned with the weights)."""
    weights = model()
    return frozenset(weights.common) if weights is not None else frozenset()


def whole_bound(
    weights: Model,
    words: Lexicon,
    matches: list[tuple[int, int, int]],
    named: frozenset[str] = frozenset(),
    least: float = float("inf"),
) -> float:
    """The bound of every stem and concept the matches may carry, wherever they stand (``Lexicon.everything``'s),
    and ``named`` (NAMED where the text holds an identifier), which no sentence's exceeds: summed per pattern, to
    within ROUNDING. Where the stems' part alone reaches ``least`` it is returned as it is: what the concepts and
    channels add is never negative, and summing it (every pair of a long definition's concepts) was a seventh of
    the scorer's time, for a bound that on real tools nearly always passes the gate anyway."""
    added, concepts = weights.stems_of(words)
    indexes = words.stems(matches)
    stems = sum(map(added.__getitem__, indexes))
    if weights.base + stems >= least:
        return weights.base + stems
    held = frozenset().union(*map(concepts.__getitem__, indexes), named)
    return weights.reach(stems, held, None, None)


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
    least = (cut if asked is None or asked else low) - ROUNDING
    if whole_bound(weights, words, matches, named, least) < least:
        return Reading(findings, candidates)  # no sentence can reach the gate or a finding
    found = list(words.sentences(lowered, matches))
    aims = None  # the purpose's objects (``Lexicon.aims``), worked out for the first sentence that needs them
    for start, end, stems, concepts in found:
        wanted = asked is None or _near(asked, start, end)
        if not wanted and not concepts & OBJECTS:
            continue  # no candidate asked for here, and a sentence that names no object is no finding (``_kinds``)
        identifier = bool(named) and lowered.find("_", start, end) >= 0
        slot = slot_sized(lowered, start, end, concepts)
        if not slot and weights.peak(stems, concepts, identifier, low) < low:
            # No finding, whatever its purpose, channel or identifiers: only whether it is a candidate is left.
            if not wanted:
                continue
            if weights.floor(stems, concepts) >= weights.gate + ROUNDING:
                candidates.append((start, end))
                continue
        if aims is None:
            aims = words.aims(lowered, found, parameters)
        on = words.marked(start, concepts, *aims, parameters, place_at)
        least = cut if wanted else low  # below it a sentence is neither a candidate asked for nor a finding
        if (
            identifier
            and weights.bound(stems, concepts | NAMED, on, None) >= least
            and names_another(lowered, parameters, start, end)
        ):
            concepts = concepts | NAMED
        bound = weights.bound(stems, concepts, on, None)
        if wanted and bound >= weights.gate:
            candidates.append((start, end))
        if bound < low:
            continue
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
