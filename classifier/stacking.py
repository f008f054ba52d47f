"""How much the rules' reading and the model's score each count where the rules are not guardrails: learned, not
hand-set.

On servers nobody had seen, the model alone agreed with the authors more often than the hand-set blend (corpus
cls5: 94.00% against 92.93%), yet the blend kept verdicts of firm rules the model would get wrong. So the weighing
is a small logistic combiner (stacking) over the model's out-of-fold log-odds and how strong the rules' reading is,
family by family: the verb heading the name and the one the description opens with (by the kind of verb), whether
the rules are firm, split, or only see something made, a bare name, a description that says it only reads or
deletes. ``training`` fits it on scores of models that never saw the tool's server; the weights ship beside the
model's. The guardrails stay outside it (``blend``): a strong severe rule is never outvoted, a bare name is never
Read, a tool the destructive head fears is not called Read.
"""

import math

from catalog.core.taxonomy import CATEGORIES
from classifier import lexicon
from classifier.judgement import Judgement

CLIP = 8.0  # log-odds beyond which a score says nothing more: a few wild scores must not set the weights
_KINDS = CATEGORIES
# The combiner's inputs, in the order of its weights: the shipped file names them, so weights of other inputs are
# refused. Signed +1 toward Read, -1 away from it, where the input is the rules' say.
INPUTS: tuple[str, ...] = (
    "model",  # the model's log-odds that the tool only reads (the author's hints moving them), clipped
    "model_when_firm",  # the same where the rules are firm: the combiner may trust the model less there
    "destructive",  # the destructive head's log-odds, clipped
    "rules",  # the rules' verdict, signed
    "firm",  # the rules neither weak nor split, signed by their verdict
    "makes",  # the only verbs away from reading make something
    "bare",  # no verb the rules know in the name
    "says_read_only",  # the description says the tool only reads
    "says_deletes",  # the description says it deletes, or that what it does cannot be undone
    *(f"name:{kind}" for kind in _KINDS),  # the kind of the verb heading the name
    *(f"opens:{kind}" for kind in _KINDS),  # the kind of the verb the description opens with
)
# how each input reads in a verdict's details (``explain``), by its name's head
_WORDS = {
    "model": "what tools worded like it declare",
    "model_when_firm": "what tools worded like it declare, beside firm rules",
    "destructive": "how likely tools worded like it are to destroy",
    "rules": "the rules' verdict",
    "firm": "the rules agreeing among themselves",
    "makes": "its only action being to make something",
    "bare": "a name without a verb",
    "says_read_only": "its description saying it only reads",
    "says_deletes": "its description saying it deletes or cannot be undone",
    "name": "the kind of verb its name opens with",
    "opens": "the kind of verb its description opens with",
}


def inputs(draft: Judgement, read: float, destructive: float) -> list[float]:
    """The combiner's inputs (``INPUTS``) for one tool the rules do not settle alone, given the model's
    probabilities that it only reads and that it destroys."""
    model = max(-CLIP, min(CLIP, odds(read)))
    sign = 1.0 if draft.category == "Read" else -1.0
    is_firm = firm(draft)
    rules = {e.rule for e in draft.evidence}
    name_kind = opens_kind = None
    for e in draft.evidence:
        if name_kind is None and e.rule.startswith("name.verb."):
            name_kind = lexicon.VERB_CATEGORY.get(e.rule[10:])
        elif opens_kind is None and e.rule.startswith("description.verb."):
            opens_kind = lexicon.VERB_CATEGORY.get(e.rule[17:])
    return [
        model,
        model if is_firm else 0.0,
        max(-CLIP, min(CLIP, odds(destructive))),
        sign,
        sign if is_firm else 0.0,
        1.0 if makes(draft) else 0.0,
        0.0 if draft.named else 1.0,
        1.0 if "desc.read_only" in rules else 0.0,
        1.0 if not rules.isdisjoint(_DELETES) else 0.0,
        *(1.0 if name_kind == kind else 0.0 for kind in _KINDS),
        *(1.0 if opens_kind == kind else 0.0 for kind in _KINDS),
    ]


_DELETES = frozenset(["desc.deletes", "desc.irreversible"])


def odds(p: float) -> float:
    """The log-odds of a probability, kept finite."""
    p = min(max(p, 1e-9), 1 - 1e-9)
    return math.log(p / (1 - p))


def combine(weights: tuple[float, ...], bias: float, values: list[float]) -> float:
    """The probability that the tool only reads, the inputs weighed."""
    total = math.fsum([bias, *(w * v for w, v in zip(weights, values, strict=True))])
    return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, total))))


def explain(weights: tuple[float, ...], values: list[float], top: int = 2) -> list[str]:
    """The inputs that counted most in the verdict, in words with their signed weight toward Read."""
    counted = sorted(
        ((w * v, name) for name, w, v in zip(INPUTS, weights, values, strict=True) if w * v),
        key=lambda pair: -abs(pair[0]),
    )
    return [f"{_WORDS[name.split(':', 1)[0]]} ({value:+.1f})" for value, name in counted[:top]]


def firm(draft: Judgement) -> bool:
    """Rules that are neither weak nor split: the name has a verb and no vote points the other way, or the
    description or a parameter says the tool does more than read ('saves the report to disk'). Verbs that only
    make something ('Generate a PDF of the page') are a vote: what is made is as often handed back as kept."""
    if makes(draft):
        return False
    if draft.category != "Read" and draft.against_read:
        return True
    read_votes = draft.votes.get("Read", 0)
    other = sum(v for c, v in draft.votes.items() if c != "Read")
    return draft.named and (read_votes == 0 or other == 0)


def makes(draft: Judgement) -> bool:
    """Whether the only verbs that point away from reading make something (``lexicon.MAKING_VERBS``) other than
    media its name names: what is made is as often handed back as kept, and the rules know only some of the objects
    that are handed back."""
    away = [
        verb
        for e in draft.evidence
        if e.rule.startswith(("name.verb.", "description.verb."))
        and lexicon.VERB_CATEGORY.get(verb := e.rule.rpartition(".")[2]) != "Read"
    ]
    made = draft.text is not None and not lexicon.MEDIA_NOUNS.isdisjoint(draft.text.name_words)
    return bool(away) and all(verb in lexicon.MAKING_VERBS for verb in away) and not made
