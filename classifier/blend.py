"""One verdict from the rules and the learned model.

The rules stay the evidence and the guardrail: a category a strong severe rule voted for (a name that deletes, a
description that pays, a parameter that takes code) is never outvoted. Elsewhere the model, which has learned from
thousands of tools what their authors declare, decides whether the tool only reads; the rules' category stands
when both say it does more, and the model's category head picks one when only the model does. The author's own
annotations move the model's odds a little: hints, never trusted blindly.
"""

import math
from typing import Any

from catalog.core.definition import ToolDefinition
from classifier.features import describe, features
from classifier.model import Model, Prediction
from classifier.rules import Chooser, Judgement

READ_AT = 0.5  # the probability of only reading from which a tool is Read
# a tool that may only read but looks destructive to the model is not called Read, whatever the rules say: caution
# costs less than a miss
DESTRUCTIVE_GUARD = 0.3
HINT = 1.0  # how far a declared readOnlyHint moves the model's log-odds
UNSURE = 0.75  # below this probability of its own answer, the verdict says the definition is vague
OVERRULE = 0.8  # how sure the model must be to overrule rules that are neither weak nor split
# A tool the rules say changes something is called Read only when the destructive head is this unsure it destroys:
# cross-validated by server (features v3), a free hand let 35 tools their authors mark destructive be called Read,
# against the rules' 21; this bound 22, at 92.6% pooled and 86.9% per server (the rules: 91.0% and 86.3%); the
# bound of features v2 (p(read) >= 0.8, p(destructive) < 0.2) gave 91.2% and 21. Features v4 on the rebuilt
# corpus (2,461 tools, 88 servers): 0.1 gave 92.28% pooled, 0.2 gave 92.44% with the same 8 called Read, 0.3 no more
TO_READ = 0.5
TO_READ_DESTRUCTIVE = 0.2


def chooser(model: Model, tool: ToolDefinition) -> Chooser:
    """What ``rules.judge`` asks for the final category, bound to a model, the tool and its declared hints."""
    declared = tool.annotations or {}

    def choose(draft: Judgement) -> tuple[str, float, dict[str, Any]]:
        basis = _guarded(draft)
        if basis is not None:  # the model cannot change these: a third of real tools, spared its cost
            return draft.category, draft.confidence, {"model": {"rules": draft.category, "basis": basis}}
        return decide(draft, model.predict(features(tool, draft)), declared)

    return choose


def decide(draft: Judgement, prediction: Prediction, declared: dict[str, Any]) -> tuple[str, float, dict[str, Any]]:
    p_read = _hinted(prediction.read, declared)
    details: dict[str, Any] = {
        "model": {
            "read": round(p_read, 3),
            "destructive": round(prediction.destructive, 3),
            "rules": draft.category,
            "weighed": [describe(f) for f, _ in prediction.reasons],
        }
    }
    basis = _guarded(draft)
    if basis is not None:
        details["model"]["basis"] = basis
        return draft.category, draft.confidence, details
    read = p_read >= READ_AT and prediction.destructive < DESTRUCTIVE_GUARD
    if _firm(draft) and read != (draft.category == "Read") and max(p_read, 1 - p_read) < OVERRULE:
        read = draft.category == "Read"  # firm rules stand unless the model is very sure
    if read and draft.category != "Read" and (p_read < TO_READ or prediction.destructive >= TO_READ_DESTRUCTIVE):
        read = False  # a miss costs more than caution
    if read:
        category = "Read"
    elif draft.category != "Read":
        category = draft.category
    else:
        others = {c: p for c, p in prediction.categories.items() if c not in ("Read", "Financial")}
        category = max(others, key=others.__getitem__)
    sure = max(p_read, 1 - p_read)
    agree = (category == "Read") == (draft.category == "Read")
    confidence = 0.3 + 0.6 * (sure - 0.5) * 2 + (0.07 if agree else -0.05)
    details["model"]["basis"] = "the model and the rules agree" if agree else "the model overrules the rules"
    if sure < UNSURE:
        details["uncertain"] = _why_unsure(draft, p_read)
        confidence = min(confidence, 0.45)
    if "vague" in draft.details:
        confidence = min(confidence, 0.3)  # a guess from wording alone, however sure the model is of it
    return category, round(max(0.2, min(0.97, confidence)), 2), details


def _guarded(draft: Judgement) -> str | None:
    """Why the rules decide whatever the model says, if they do: a strong severe rule, or a description or
    parameter that says the tool does more than read."""
    if draft.severe is not None:
        return f"a strong rule says {draft.severe}: the rules decide"
    if draft.category != "Read" and draft.against_read:
        return "the description or a parameter says it does more than read: the rules decide"
    return None


def _firm(draft: Judgement) -> bool:
    """Rules that are neither weak nor split: the name has a verb and no vote points the other way."""
    read_votes = draft.votes.get("Read", 0)
    other = sum(v for c, v in draft.votes.items() if c != "Read")
    return draft.named and (read_votes == 0 or other == 0)


def _hinted(p: float, declared: dict[str, Any]) -> float:
    shift = 0.0
    if declared.get("readOnlyHint") is True:
        shift += HINT
    elif declared.get("readOnlyHint") is False:
        shift -= HINT
    if declared.get("destructiveHint") is True and declared.get("readOnlyHint") is not True:
        shift -= HINT / 2
    if not shift:
        return p
    p = min(max(p, 1e-9), 1 - 1e-9)
    return 1 / (1 + math.exp(-(math.log(p / (1 - p)) + shift)))


def _why_unsure(draft: Judgement, p_read: float) -> str:
    if "vague" in draft.details:
        return "nothing in its name, description or parameters says plainly what it does"
    if draft.category == "Read" and p_read < READ_AT:
        return "its wording reads like a lookup, but tools worded like it often change something"
    if draft.category != "Read" and p_read >= READ_AT:
        return "its wording suggests a change, but tools worded like it usually only read"
    return "its name and description do not settle whether it only reads or also changes something"

