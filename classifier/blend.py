"""One verdict from the rules and the learned model.

The rules stay the evidence and the guardrail: unambiguous evidence of deleting, paying or running code (the verb
that heads the name, the action a description opens with, a parameter that takes code) is never outvoted, and
neither is a name that says it also changes something (`search_and_replace`). Everywhere else how much the rules
count against the model is learned (``stacking``): a combiner fitted on scores of models that never saw the tool's
server weighs the model's say against the strength of the rules' reading. The rules' category stands when both say
it does more, and the model's category head picks one when only the combiner does. The model's destructive head
keeps a tool that may destroy from being called Read, and a bare name is never Read. The author's own annotations
move the model's odds a little: hints, never trusted blindly.
"""

import math
from collections.abc import Sequence
from typing import Any

from catalog.core.definition import ToolDefinition
from catalog.core.names import name_words
from classifier import lexicon
from classifier.features import describe, features
from classifier.judgement import Judgement
from classifier.model import Model, Prediction, Thresholds
from classifier.rules import SAYS_IT_WRITES
from classifier.signals import says_code
from classifier.stacking import combine, explain, inputs, odds
from classifier.text import forms

READ_AT = 0.5  # the model's probability of only reading from which the model alone says Read
HINT = 1.0  # how far a declared readOnlyHint moves the model's log-odds
UNSURE = 0.75  # below this probability of its own answer, the verdict says the definition is vague


def choose_many(
    model: Model, tools: Sequence[ToolDefinition], drafts: Sequence[Judgement]
) -> list[tuple[str, float, dict[str, Any]]]:
    """The final (category, confidence, details) of each tool from the rules' draft of it, worked out stage by
    stage over the batch: every tool's features, then every score, then every decision. The model's weights stay
    in the processor's caches through a stage: on the corpus's real tools, a fifth less time than weighing each tool
    between the rules' own stages."""
    bases = [guarded(draft) for draft in drafts]
    pending = [(tool, draft) for tool, draft, basis in zip(tools, drafts, bases, strict=True) if basis is None]
    predictions = list(map(model.predict, [features(tool, draft) for tool, draft in pending]))
    weighed = iter(
        [
            _weigh(draft, prediction, tool.annotations or {}, None)
            for (tool, draft), prediction in zip(pending, predictions, strict=True)
        ]
    )
    return [
        next(weighed)
        if basis is None  # the model cannot change the others: a third of real tools, spared its cost
        else (draft.category, draft.confidence, {"model": {"rules": draft.category, "basis": basis}})
        for draft, basis in zip(drafts, bases, strict=True)
    ]


def decide(draft: Judgement, prediction: Prediction, declared: dict[str, Any]) -> tuple[str, float, dict[str, Any]]:
    return _weigh(draft, prediction, declared, guarded(draft))


def _weigh(
    draft: Judgement, prediction: Prediction, declared: dict[str, Any], basis: str | None
) -> tuple[str, float, dict[str, Any]]:
    """``decide``, given what ``guarded`` says of the draft (worked out once: ``choose_many`` asks it first)."""
    p_read = _hinted(prediction.read, declared)
    details: dict[str, Any] = {
        "model": {
            "read": round(p_read, 3),
            "destructive": round(prediction.destructive, 3),
            "rules": draft.category,
            "weighed": [describe(f) for f, _ in prediction.reasons],
        }
    }
    if basis is not None:
        details["model"]["basis"] = basis
        return draft.category, draft.confidence, details
    values = inputs(draft, p_read, prediction.destructive)
    combiner_bias, weights, thresholds = prediction.combiner
    p_combined = combine(weights, combiner_bias, values)
    details["model"]["combined"] = round(p_combined, 3)
    details["model"]["counted"] = explain(weights, values)
    if reads(draft.category == "Read", bare(draft), p_combined, prediction.destructive, thresholds):
        category = "Read"
    elif draft.category != "Read":
        category = draft.category
    else:
        others = {c: p for c, p in prediction.categories.items() if c not in ("Read", "Financial")}
        category = max(others, key=others.__getitem__)
    sure = max(p_combined, 1 - p_combined)
    agree = (category == "Read") == (draft.category == "Read")
    confidence = 0.3 + 0.6 * (sure - 0.5) * 2 + (0.07 if agree else -0.05)
    if not agree:
        details["model"]["basis"] = "the model overrules the rules"
    elif (p_read >= READ_AT) == (category == "Read"):
        details["model"]["basis"] = "the model and the rules agree"
    else:
        details["model"]["basis"] = "the rules outweigh the model"
    if sure < UNSURE:
        details["uncertain"] = _why_unsure(draft, p_combined >= thresholds.read_at)
        confidence = min(confidence, 0.45)
    if "vague" in draft.details:
        confidence = min(confidence, 0.3)  # a guess from wording alone, however sure the model is of it
    return category, round(max(0.2, min(0.97, confidence)), 2), details


def reads(rules_read: bool, bare: bool, p_combined: float, p_destructive: float, thresholds: Thresholds) -> bool:
    """Whether a tool the rules do not settle alone is Read, given whether the rules say Read, whether it is a bare
    name (``bare``), the combined probability that it only reads and the destructive head's that it destroys. A
    tool the destructive head fears is not Read whatever the rules say, and one the rules say changes something
    only when it is surer still: a miss costs more than caution, by how much ``training.fit_thresholds`` weighs."""
    if bare or p_combined < thresholds.read_at or p_destructive >= thresholds.destructive_guard:
        return False
    return rules_read or p_destructive < thresholds.to_read_destructive


def bare(draft: Judgement) -> bool:
    """A bare name with no verb and no description: no evidence of only reading, whatever servers like it
    declare."""
    return "vague" in draft.details and not (draft.text is not None and draft.text.description)


def strong(draft: Judgement) -> str | None:
    """The severe category unambiguous evidence shows, if any: a verb that deletes, pays or runs code heading the
    name (no other verb before it), a description that opens by deleting or paying, a parameter that takes code
    or picks among actions one of which deletes (`action: list | get | delete`).
    A severe word elsewhere (`retrieve_dependencies_for_delete`, a chart tool whose description mentions a
    transfer, a browser tool that selects a page) is a vote the model may outvote."""
    found: set[str] = set()
    opening = True
    read_only = any(e.rule == "param.read_only_query" for e in draft.evidence)  # `run_sql` of SELECT queries: a vote
    for item in draft.evidence:
        rule = item.rule
        if rule == "param.free_form_code" and "." not in item.text:  # `params.country_code`: a vote, mostly reads
            if not (item.text in _LOOKED_UP and _looks_up(draft)) and not _names_a_thing(item.text):
                found.add("Execute")
        elif rule == "param.action_deletes":
            found.add("Destructive")  # one of the actions it may be asked for deletes
        elif rule.startswith("name.verb."):
            verb = rule[10:]
            category = _SEVERE_VERBS.get(verb)
            if category is None and verb in lexicon.MONEY_WRITE_VERBS and "Financial" in draft.strong:
                category = "Financial"  # capture_payment
            if verb in _RUNS and (not says_code(name_words(item.text)) or read_only):
                category = None  # `run_monitor`, `run_health_check`: running code only when the name says code
            if category is not None and _heads(verb, item.text):
                found.add(category)
        elif rule.startswith("description.verb.") and opening:
            opening = False  # only the verb the description opens with is its action
            category = _SEVERE_VERBS.get(rule[17:])
            if category in ("Destructive", "Financial"):  # 'Run a search query' is a read: the rules' vote says so
                found.add(category)
    for category in reversed(SEVERE):
        if category in found:
            return category
    return None


SEVERE = ("Execute", "Destructive", "Financial")
# the verbs the issue calls severe: every verb that deletes or pays, and of the Execute verbs those that run code
# (browser and device actions, builds and deploys are votes: tools worded so are often authored read-only)
_CODE_VERBS = frozenset(["eval", "exec", "execute", "interpret", "run", "shell", "spawn"])
_RUNS = frozenset(["exec", "execute", "run", "spawn"])  # verbs that run code only when their object is code
_SEVERE_VERBS = {
    verb: category
    for verb, category in lexicon.VERB_CATEGORY.items()
    if category in ("Destructive", "Financial") or (category == "Execute" and verb in _CODE_VERBS)
}


def _looks_up(draft: Judgement) -> bool:
    """Whether both the name's verb and the description's opening verbs only read: then a parameter named like
    code but as often a lookup's (``_LOOKED_UP``) is a vote (`qql_search(query)`, `explain_error(code)`,
    `validate_expression(expression)`, `list_operations(code)`: a query language, an error or record code, an
    expression checked; the corpus's authors mark 8 of 10 such tools read-only, over five servers).
    `run_python(code)`, `product_search(script)` and `calculate` that evaluates an expression still execute."""
    verbs = [e.rule for e in draft.evidence if e.rule.startswith(("name.verb.", "description.verb."))]
    return (
        len(verbs) > 1
        and verbs[0].startswith("name.verb.")
        and verbs[-1].startswith("description.verb.")
        and all(lexicon.VERB_CATEGORY.get(v.rpartition(".")[2]) == "Read" for v in verbs)
    )


_LOOKED_UP = frozenset(["code", "query", "expression", "filter"])


def _names_a_thing(param: str) -> bool:
    """Whether a code parameter is named by the thing whose code it is (`indicator_code`, `vendor_code`,
    `contract_code`): then it is a vote, as likely an identifier the rules' list of kinds of code misses
    (``lexicon.CODE_KINDS``) as code. In the labelled corpora seven servers' lookups take one and their authors mark
    them read-only (27 tools: statistical indicators, restaurants, legal acts, contracts, ledger and summit codes);
    the eleven servers' tools marked otherwise (15) change things by their own verbs. Code named by its language or
    kind (`python_code`, `sql_script`) and a bare `code` or `script` still run."""
    words = name_words(param)
    return len(words) > 1 and words[-1] in ("code", "codes") and words[-2] not in lexicon.CODE_PARAMS


def _heads(verb: str, name: str) -> bool:
    """Whether ``verb`` is the first verb of the name: its first word, or first after a prefix that is no verb
    (`mysql_drop_table`, `JobsDelete`)."""
    for word in name_words(name):
        if verb in forms(word):
            return True
        if any(form in lexicon.VERB_CATEGORY for form in forms(word)):
            return False
    return False


def guarded(draft: Judgement) -> str | None:
    """Why the rules decide whatever the model says, if they do: unambiguous evidence of deleting, paying or
    running code (``strong``), or a name or sentence that says the tool also changes something: a second verb
    joined in the name (`search_and_replace`), 'saves the report to disk', a parameter that writes a file. A
    description that merely opens with a verb that changes things ('Generate a chart') is weighed (``stacking``)."""
    severe = strong(draft)
    if severe is not None:
        return f"a strong rule says {severe}: the rules decide"
    if draft.category != "Read" and any(e.rule.startswith(SAYS_IT_WRITES) for e in draft.evidence):
        return "its definition says it also changes something: the rules decide"
    return None


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
    return 1 / (1 + math.exp(-(odds(p) + shift)))


def _why_unsure(draft: Judgement, leans_read: bool) -> str:
    if "vague" in draft.details:
        return "nothing in its name, description or parameters says plainly what it does"
    if draft.category == "Read" and not leans_read:
        return "its wording reads like a lookup, but tools worded like it often change something"
    if draft.category != "Read" and leans_read:
        return "its wording suggests a change, but tools worded like it usually only read"
    return "its name and description do not settle whether it only reads or also changes something"
