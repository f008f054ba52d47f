"""A phrase searched at its anchors finds what searching the text with it finds: every match starts with an
anchor, read off the pattern's shape."""

import json
import random

import pytest

from catalog.core.definition import ToolDefinition
from classifier import integrity_anchors
from classifier.integrity import definition_strings
from classifier.integrity_anchors import anchored, anchors, factors
from classifier.integrity_lexicon import PHRASES, REQUESTS
from classifier.text import Phrase, Texts
from tests.paths import DATA


def test_anchors_are_read_off_the_shape() -> None:
    assert anchors(r"(?:the\s+)?user") == ("the", "user")
    assert anchors(r"always\s?approve") == ("always",)  # a class ends what can be read
    assert anchors(r"(?:ab|cd)e") == ("abe", "cde")
    assert anchors(r"\b(?:x|y)s?z") == ("xs", "xz", "ys", "yz")
    assert anchors(r"[a-z]+ing") is None and anchors(r"(?:a|)b") == ("ab", "b")


def test_factors_are_read_off_the_shape() -> None:
    """Strings one of which lies inside every match, wherever it starts: the anchors of a tail, or what an element
    a match cannot skip holds, whichever is least likely in prose."""
    assert factors(r"[a-z0-9]+(?:_[a-z0-9]+)*_(?:key|token)\b") == {"_key", "_token"}
    assert factors(r"[a-z]*(?:key|token)[a-z]*\s+(?:from|in)\s+the\s+environment") == {"environment"}
    assert factors(r"\w+\s+(?:server|[a-z]+)") is None  # an alternative holds nothing literal


def test_a_phrase_that_may_start_anywhere_is_searched_only_where_its_other_alternatives_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One alternative opens with a class, so no anchor starts every match: the others' anchors do, unless the
    stretch holds a factor of that one ("_token"), and only then is the stretch searched by the engine."""
    phrase = Phrase(r"(?:the\s+(?:ssh|signing)\s+key|[a-z0-9]+_token|your\s+wallet)\s+(?:now|here)")
    assert phrase.heads is None and anchors(phrase.parsed) is None
    found = anchored(phrase)
    assert found is not None
    texts = [
        "paste the ssh key here, then your wallet now",
        "put github_token now and the signing key here",
        "a _token alone, the ssh  key now, my_token   here",
        "nothing to see",
    ]
    for text in texts:
        for lo, hi in ((0, len(text)), (4, len(text) - 3), (9, 30)):
            assert list(found.finditer(text, lo, hi)) == list(phrase.lowered_finditer(text, lo, hi))

    def searched(*_: object) -> None:
        raise AssertionError("a stretch without the factors was searched by the engine")

    monkeypatch.setattr(phrase, "lowered_finditer", searched)
    assert list(found.finditer(texts[0])) == [(6, 22), (29, 44)]


def test_a_phrase_is_parsed_once_for_its_anchors(monkeypatch: pytest.MonkeyPatch) -> None:
    """A phrase without heads keeps the parse it was read for them, and its anchors are read off that: parsing
    the table's long alternations again on first use was a tenth of the scanner's time on a first pass."""
    phrase = Phrase(r"(?:the\s+)?(?:chat|session)\s+log")
    assert phrase.heads is None and phrase.parsed is not None

    def parse_again(source: str) -> None:
        raise AssertionError(f"parsed again: {source}")

    monkeypatch.setattr(integrity_anchors, "parse", parse_again)
    found = anchored(phrase)
    assert found is not None and list(found.finditer("keep the chat log")) == [(5, 17)]


def test_a_phrase_at_its_anchors_finds_what_the_search_finds() -> None:
    texts = []
    for path in sorted(DATA.glob("integrity_*.jsonl")):
        for line in path.read_text().splitlines():
            row = json.loads(line)
            for data in (row[key] for key in ("poisoned", "benign", "tool") if key in row):
                texts.append(Texts.collapsed(definition_strings(ToolDefinition.from_mcp(data)), []).joined.lower())
    phrases = [phrase for *_, phrase, _ in PHRASES] + [thing for _, _, thing in REQUESTS.values()]
    fast = [(phrase, found) for phrase in phrases if (found := anchored(phrase)) is not None]
    assert len(fast) >= 5
    pick = random.Random(3)
    for phrase, found in fast:
        for text in texts:
            lo = pick.randrange(len(text) + 1)
            for start, end in ((0, len(text)), (lo, pick.randrange(lo, len(text) + 1))):
                assert list(found.finditer(text, start, end)) == list(phrase.lowered_finditer(text, start, end))
