"""Rationales written for the tool at hand: what it does on this server, how far a misuse reaches, whether it can be
undone, and the words of its own definition that decided it. The text is assembled from the evidence, so tools
with different evidence never read alike.

A rationale says only what the definition says. When the verdict is unsure (the definition is vague, or the rules
and the learned model read it differently) it says so and why the verdict is cautious, and never claims a change
the tool may not make. Rule ids stay in the verdict's evidence and details, never in the prose.
"""

import re
from functools import lru_cache

from catalog.core.definition import ToolDefinition
from catalog.core.names import name_words
from catalog.core.taxonomy import risk_for_score
from catalog.core.verdict import Finding
from classifier.judgement import Judgement
from classifier.lexicon import VERB_CATEGORY
from classifier.text import forms

WHAT = {
    "Read": (
        "{name} retrieves information from {server}{topic} and changes nothing: its definition gives it no way "
        "to create, modify, delete or run anything"
    ),
    "Write": "{name} can create or change data on {server}{topic}",
    "Execute": (
        "{name} runs code, commands or automation through {server}{topic}, with effects that depend on the "
        "arguments the agent chooses"
    ),
    "Destructive": "{name} can delete data on {server}{topic} or change it beyond recovery",
    "Financial": "{name} can move money through {server}{topic}",
}
UNDO = {
    "Read": "There is nothing to undo.",
    "Write": "What it changes can usually be put back, though not always by the agent itself.",
    "Execute": "Whether its effects can be undone depends on what was run.",
    "Destructive": "What it removes cannot be brought back by the agent.",
    "Financial": "Money that has moved is slow, and sometimes impossible, to recover.",
}
REACH = {
    "signal.secrets": "secrets and credentials",
    "signal.private_data": "private data such as messages, contacts or account records",
    "signal.open_world": "untrusted content from the open web, which can carry prompt injection",
    "signal.bulk": "many records in one call",
    "signal.free_form_code": "arbitrary code or commands with the server's privileges",
    "param.url": "any address the agent supplies (server-side request forgery, data sent out)",
    "param.path": "any file path the agent supplies",
    "param.force": "a force or recursive switch that widens every call",
    "param.money": "real amounts of money",
    "name.external_effect": "people outside the conversation, with nothing to recall once sent",
    "server.domain.cloud_infrastructure": "the cloud infrastructure the server is connected to",
    "server.domain.payments": "a payment account",
    "server.domain.database": "a live database",
}
UNSURE_CONFIDENCE = 0.45


def write(tool: ToolDefinition, server_name: str, judgement: Judgement, risk: str, findings: list[Finding]) -> str:
    category = judgement.category
    parts = []
    if findings and any(f.severity in ("high", "critical") for f in findings):
        worst = findings[0]
        parts.append(
            f"{tool.name}'s own definition is poisoned: {worst.message} (in its {worst.field}). "
            f"Whatever the tool does, an agent that reads this definition can be steered against its user, "
            f"so it is rated Critical and should be blocked."
        )
    topic = _topic(tool.name)
    why_unsure = judgement.details.get("uncertain") or (
        "its definition says too little to tell what it does" if "vague" in judgement.details else None
    )
    if why_unsure is None and judgement.confidence < UNSURE_CONFIDENCE and category != "Read":
        why_unsure = "its name and description do not settle whether it only reads or also changes something"
    if why_unsure and category == "Read":
        parts.append(
            f"The definition of {tool.name} is vague: {why_unsure}. It is classed Read on {server_name}, "
            f"with low confidence."
        )
    elif why_unsure:
        parts.append(
            f"The definition of {tool.name} is vague: {why_unsure}. It may only read, but nothing in it rules out "
            f"changes on {server_name}, so the verdict is the cautious one ({category}) and its confidence is low."
        )
    else:
        parts.append(WHAT[category].format(name=tool.name, server=server_name, topic=topic) + ".")
    reach = [REACH[e.rule] for e in judgement.evidence if e.rule in REACH]
    own_risk = risk_for_score(judgement.score)
    why = f"which is why its risk is {risk}" if own_risk == risk else f"which alone would make its risk {own_risk}"
    if reach:
        parts.append(f"Misused, it reaches {_join(list(dict.fromkeys(reach)))}, {why}.")
    elif category == "Read":
        parts.append(f"Misused, it could only reveal what {server_name} already exposes to it, {why}.")
    else:
        parts.append(
            f"Misused, it reaches no further than {category.lower()} access to what {server_name} exposes, {why}."
        )
    parts.append(UNDO[category] if not (why_unsure and category != "Read") else _undo_unsure(category))
    for contradiction in judgement.details.get("contradictions", []):
        parts.append(f"The author's annotations disagree with this reading: {contradiction}.")
    model = judgement.details.get("model")
    if model and model.get("weighed"):
        if model.get("rules") != category:
            verb = "overruled the rules' first reading"
        elif model.get("basis") == "the rules outweigh the model":
            verb = "leaned the other way, and the rules outweighed it"
        else:
            verb = "agreed with the rules"
        parts.append(f"The learned model {verb}; what weighed most: {_join(model['weighed'])}.")
    quotes = _quotes(tool, judgement)
    if quotes:
        parts.append("From the tool's definition: " + "; ".join(quotes) + ".")
    return " ".join(parts)


def _undo_unsure(category: str) -> str:
    if category in ("Destructive", "Financial"):
        return UNDO[category]
    return "If it does change something, whether that can be undone is not stated."


@lru_cache(maxsize=16384)
def _topic(name: str) -> str:
    words = _object_words(name)
    return f' (its name points at "{words}")' if words else ""


def _object_words(name: str) -> str:
    words = [w for w in name_words(name) if w.isdigit() or not _verb_like(w)]  # a number is never a verb
    return " ".join(words)


@lru_cache(maxsize=16384)
def _verb_like(word: str) -> bool:
    return any(f in VERB_CATEGORY for f in forms(word))


_BREAK = re.compile(r"[.!?] ")


def _holding(flat: str, text: str, limit: int = 160) -> str:
    """The whole sentence of a description that holds ``text``: a quote is never a fragment ('delete a').
    ``flat``: the description collapsed (``ToolText.flat``), where no newline or whitespace run is left, so a
    sentence ends at a '.', '!' or '?' before a space."""
    at = flat.find(" ".join(text.split()))
    if at < 0:
        at = 0
    # a sentence ends where '. ', '! ' or '? ' stands: it starts after the last of them before the quote
    start = max(flat.rfind(". ", 0, at), flat.rfind("! ", 0, at), flat.rfind("? ", 0, at)) + 2
    if start == 1:
        start = 0
    end = _BREAK.search(flat, max(at - 1, 0))  # the first break from the quote on
    stop = end.start() + 1 if end else len(flat)
    sentence = flat[start:stop].strip()
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


QUOTES = 4  # a rationale quotes the definition this often at the most


def _quotes(tool: ToolDefinition, judgement: Judgement) -> list[str]:
    """The first QUOTES different quotes of the evidence, in its order: the evidence after them is not read."""
    out: dict[str, None] = {}  # in order, each once
    description = tool.description or ""
    flat: str | None = None
    for e in judgement.evidence:
        if e.field == "name" and e.rule.startswith("name.verb."):
            quote = f'the name "{e.text}" (verb "{e.rule.rsplit(".", 1)[-1]}")'
        elif e.field == "description" and description:
            if flat is None:
                flat = judgement.text.flat if judgement.text is not None else " ".join(description.split())
            quote = f'the description says "{_holding(flat, e.text)}"'
        elif e.field.startswith("parameter:"):
            quote = f'the parameter "{e.field.split(":", 1)[1]}"'
        elif e.field == "annotations":
            quote = f"the annotation {e.text}"
        else:
            continue
        out[quote] = None
        if len(out) == QUOTES:
            break
    return list(out)


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
