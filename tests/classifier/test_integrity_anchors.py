"""A phrase searched at its anchors finds what searching the text with it finds: every match starts with an
anchor, read off the pattern's shape."""

import json
import random

import pytest

from catalog.core.definition import ToolDefinition
from classifier import integrity_anchors
from classifier.integrity import definition_strings
from classifier.integrity_anchors import anchored, anchors
from classifier.integrity_lexicon import PHRASES, REQUESTS
from classifier.text import Phrase, Texts
from tests.paths import DATA


def test_anchors_are_read_off_the_shape() -> None:
    assert anchors(r"(?:the\s+)?user") == ("the", "user")
    assert anchors(r"always\s?approve") == ("always",)  # a class ends what can be read
    assert anchors(r"(?:ab|cd)e") == ("abe", "cde")
    assert anchors(r"\b(?:x|y)s?z") == ("xs", "xz", "ys", "yz")
    assert anchors(r"[a-z]+ing") is None and anchors(r"(?:a|)b") == ("ab", "b")


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
