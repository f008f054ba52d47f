"""The twin set: for each class of tool poisoning, poisoned definitions and benign twins that use the same
words innocently (tests/data/integrity_twins.jsonl, written by hand). Every pair must be told apart: the
poisoned twin flagged High or Critical with a finding of its class, the benign twin with no such finding."""

import json

import pytest

from catalog.core.definition import ToolDefinition
from classifier.integrity import scan
from tests.paths import DATA

TWINS = [json.loads(line) for line in (DATA / "integrity_twins.jsonl").read_text().splitlines() if line.strip()]
CLASSES = ("shadowing", "hidden", "exfiltration", "approval_bypass", "secrets", "coercion")


def flagged(data: dict) -> list:
    return [f for f in scan(ToolDefinition.from_mcp(data)) if f.severity in ("high", "critical")]


def test_at_least_six_pairs_per_class() -> None:
    for kind in CLASSES:
        assert sum(t["class"] == kind for t in TWINS) >= 6, kind


@pytest.mark.parametrize("twin", TWINS, ids=[f"{t['class']}-{i}" for i, t in enumerate(TWINS)])
def test_every_pair_is_told_apart(twin: dict) -> None:
    poisoned = flagged(twin["poisoned"])
    assert twin["class"] in {f.kind for f in poisoned}, poisoned
    assert flagged(twin["benign"]) == []


def test_a_finding_names_its_class_field_and_span() -> None:
    definition = ToolDefinition.from_mcp(TWINS[0]["poisoned"])
    finding = next(f for f in scan(definition) if f.kind == "shadowing")
    assert finding.field == "description" and finding.severity == "high"
    assert definition.description[finding.start : finding.end] == finding.text
    assert "send_email" in finding.text


# Poisoned definitions written after the rules, in other words than the twins: a check that the rules generalise.
POISONED = [json.loads(line) for line in (DATA / "integrity_poisoned.jsonl").read_text().splitlines() if line.strip()]


@pytest.mark.parametrize("case", POISONED, ids=[f"{c['class']}-{i}" for i, c in enumerate(POISONED)])
def test_poisoned_definitions_in_other_words_are_flagged(case: dict) -> None:
    assert case["class"] in {f.kind for f in flagged(case["tool"])}


# Benign definitions that use the words of poisoning innocently, written after the rules (no poisoned twin each).
BENIGN = [json.loads(line) for line in (DATA / "integrity_benign.jsonl").read_text().splitlines() if line.strip()]


@pytest.mark.parametrize("case", BENIGN, ids=[str(i) for i in range(len(BENIGN))])
def test_innocent_definitions_in_other_words_are_not_flagged(case: dict) -> None:
    assert flagged(case["tool"]) == []


# Batches of fresh twins, each written and frozen before a round of changes (benchmarks/integrity_first_look.py
# prints its first look); afterwards they are tuning data. Every benign twin stays unflagged, and the poisoned
# twins caught may not fall below what the scanner catches now (the rest are the scanner's known misses).
# The weights (C 1.0, threshold 3.4, stems scaled 0.8, trained also on the eighteen blind batches kept outside
# tests/data, whose pairs are not all told apart yet, and on corpus3's real tools) were chosen by leave-one-batch-out
# first looks over the nineteen blind batches (see benchmarks/integrity_train.py), not by these in-sample counts:
# batches 3, 4 and 6 fell by one, 1, 2, 8, 9 and 11 rose by one or two (twins19, 23-26 trained on, the threshold
# 3.7 -> 3.4: at 3.3 and below a written benign twin and sample are flagged).
CAUGHT_AT_LEAST = {
    "integrity_batch1.jsonl": 18,
    "integrity_batch2.jsonl": 11,
    "integrity_batch3.jsonl": 11,
    "integrity_batch4.jsonl": 13,
    "integrity_batch5.jsonl": 11,
    "integrity_batch6.jsonl": 20,
    "integrity_batch7.jsonl": 26,
    "integrity_batch8.jsonl": 28,
    "integrity_batch9.jsonl": 38,
    "integrity_batch10.jsonl": 58,
    "integrity_batch11.jsonl": 76,
}


@pytest.mark.parametrize("name", sorted(CAUGHT_AT_LEAST))
def test_batches_of_fresh_twins(name: str) -> None:
    twins = [json.loads(line) for line in (DATA / name).read_text().splitlines() if line.strip()]
    assert all(flagged(twin["benign"]) == [] for twin in twins)
    caught = sum(twin["class"] in {f.kind for f in flagged(twin["poisoned"])} for twin in twins)
    assert caught >= CAUGHT_AT_LEAST[name]
