"""Rationales written for the tool at hand: what it does on this server, how far a misuse reaches, whether
it can be undone, and the words of its own definition that decided it. The text is assembled from the
evidence, so tools with different evidence never read alike."""

from functools import lru_cache

from catalog.core.definition import ToolDefinition
from catalog.core.names import name_words
from catalog.core.taxonomy import risk_for_score
from catalog.core.verdict import Finding
from classifier.lexicon import VERB_CATEGORY
from classifier.rules import Judgement
from classifier.text import forms

WHAT = {
    "Read": "reads {obj} from {server} and changes nothing",
    "Write": "creates or changes {obj} on {server}",
    "Execute": "runs {obj} through {server}, with effects that depend on the arguments the agent chooses",
    "Destructive": "deletes or irreversibly changes {obj} on {server}",
    "Financial": "moves money through {server} ({obj})",
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


def write(tool: ToolDefinition, server_name: str, judgement: Judgement, risk: str, findings: list[Finding]) -> str:
    category = judgement.category
    parts = []
    if any(f.severity in ("high", "critical") for f in findings):
        worst = findings[0]
        parts.append(
            f"{tool.name}'s own definition is poisoned: {worst.message} (in its {worst.field}). "
            f"Whatever the tool does, an agent that reads this definition can be steered against its user, "
            f"so it is rated Critical and should be blocked."
        )
    parts.append(f"{tool.name} {WHAT[category].format(obj=_object(tool.name), server=server_name)}.")
    reach = [REACH[e.rule] for e in judgement.evidence if e.rule in REACH]
    own_risk = risk_for_score(judgement.score)
    why = f"which is why its risk is {risk}" if own_risk == risk else f"which alone would make its risk {own_risk}"
    if reach:
        parts.append(f"Misused, it reaches {_join(list(dict.fromkeys(reach)))}, {why}.")
    else:
        parts.append(
            f"Misused, it reaches no further than {category.lower()} access to what {server_name} exposes, {why}."
        )
    parts.append(UNDO[category])
    if "vague" in judgement.details:
        parts.append(
            "Its definition says too little to tell what it does, so this verdict is cautious and its confidence low."
        )
    for contradiction in judgement.details.get("contradictions", []):
        parts.append(f"The author's annotations disagree with this reading: {contradiction}.")
    quotes = _quotes(judgement)
    if quotes:
        parts.append("From the tool's definition: " + "; ".join(quotes) + ".")
    return " ".join(parts)


def _object(name: str) -> str:
    words = [w for w in name_words(name) if w.isdigit() or not _verb_like(w)]  # a number is never a verb
    return " ".join(words) if words else "what it is given"


@lru_cache(maxsize=16384)
def _verb_like(word: str) -> bool:
    return any(f in VERB_CATEGORY for f in forms(word))


def _quotes(judgement: Judgement) -> list[str]:
    out: list[str] = []
    for e in judgement.evidence:
        if e.field == "name" and e.rule.startswith("name.verb."):
            out.append(f'the name "{e.text}" (verb "{e.rule.rsplit(".", 1)[-1]}")')
        elif e.field == "description":
            out.append(f'the description says "{e.text}"')
        elif e.field.startswith("parameter:"):
            out.append(f'the parameter "{e.field.split(":", 1)[1]}"')
        elif e.field == "annotations":
            out.append(f"the annotation {e.text}")
    return list(dict.fromkeys(out))[:4]


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
