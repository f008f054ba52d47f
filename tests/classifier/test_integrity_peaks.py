"""The sentence scorer's own prefilter (``Model.peak``, ``Model.floor``): worked out from the weights when they
load, so it stays exact whatever they are. With perturbed weights, thresholds and gates, a reading finds the same
findings and candidates with it as with every sentence worked out in full."""

import json
import random
from itertools import chain, combinations

import pytest

from catalog.core.definition import ToolDefinition
from classifier import integrity_sentences
from classifier.integrity import definition_strings
from classifier.integrity_channels import CHANNELS, interface
from classifier.integrity_concepts import OBJECTS
from classifier.integrity_identifiers import NAMED
from classifier.integrity_prefilter import trigger_words
from classifier.integrity_reader import lexicon
from classifier.integrity_scorer import WEIGHTS, Model
from classifier.integrity_sentences import read
from classifier.text import Texts
from tests.paths import DATA


def _perturbed(seed: int) -> Model:
    """The shipped weights, each scaled and shifted at random, with a threshold and a gate drawn at random: a
    prefilter hard-wired to today's weights would lose findings on some of them."""
    data = json.loads(WEIGHTS.read_text())
    rnd = random.Random(seed)
    data["features"] = {
        name: [w * rnd.uniform(0.5, 1.5) + rnd.gauss(0.0, 0.4) for w in weights]
        for name, weights in data["features"].items()
    }
    data["bias"] = [b + rnd.gauss(0.0, 0.5) for b in data["bias"]]
    data["threshold"], data["gate"] = rnd.uniform(0.5, 4.0), rnd.uniform(-5.0, 0.0)
    return Model(data)


def _written() -> list[tuple[str, Texts, str]]:
    """Every written sample's definition as the scan reads it: lowered text, its fields, its parameters."""
    out = []
    for path in sorted(DATA.glob("integrity_*.jsonl")):
        for line in path.read_text().splitlines():
            row = json.loads(line)
            for key in ("poisoned", "benign", "tool"):
                if key in row:
                    tool = ToolDefinition.from_mcp(row[key])
                    places: list[str] = []
                    texts = Texts.collapsed(definition_strings(tool, places), places)
                    out.append((texts.joined.lower(), texts, interface(tool.input_schema)))
    return out


WRITTEN = _written()


def _readings(weights: Model) -> list[integrity_sentences.Reading]:
    """Each sample read as the scan reads it (near its common trigger words), and with every sentence wanted."""
    return [
        read(lowered, texts.field_at, parameters, asked)
        for lowered, texts, parameters in WRITTEN
        for asked in (trigger_words(lowered)[1], None)
    ]


@pytest.mark.parametrize("seed", range(3))
def test_the_prefilter_finds_what_reading_every_sentence_in_full_finds_with_any_weights(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    weights = _perturbed(seed)
    monkeypatch.setattr(integrity_sentences, "model", lambda: weights)
    fast = _readings(weights)
    monkeypatch.setattr(Model, "peak", lambda self, *_: float("inf"))  # no sentence skipped: each worked out in full
    full = _readings(weights)
    assert fast == full
    assert sum(len(reading.findings) for reading in full) > 50  # the weights drawn find something to lose
    assert sum(len(reading.candidates) for reading in full) > 500


@pytest.mark.parametrize("seed", range(2))
def test_the_peak_is_never_below_the_margin_and_the_floor_never_above_the_bound(seed: int) -> None:
    """Whatever is on the tool's purpose, in any channel, with another tool named or not."""
    weights = _perturbed(seed)
    words = lexicon()
    checked = 0
    for lowered, _, _ in WRITTEN[seed::4]:
        for _, _, stems, concepts in words.sentences(lowered):
            objects = sorted(concepts & OBJECTS)
            peak = weights.peak(stems, concepts, True, float("-inf"))  # asked for at any level: the per-class sum
            loose = weights.peak(stems, concepts, True, float("inf"))  # never reached: the one-sum bound
            floor = weights.floor(stems, concepts)
            for on in map(frozenset, chain.from_iterable(combinations(objects, n) for n in range(len(objects) + 1))):
                for named in (concepts, concepts | NAMED):
                    assert floor <= weights.bound(stems, named, on) + 1e-9
                    for where in (*CHANNELS, ""):
                        margin = weights.margin(stems, named, on, where)[1]
                        assert margin <= peak <= loose + 1e-9  # the same sums in another order
                        checked += 1
    assert checked > 1000

