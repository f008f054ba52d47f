"""The rule-based judgement of what a tool can do (category) and how far its misuse reaches (score).

Every rule that fires leaves an Evidence row naming itself and the text it matched; the verdict is a
pure function of the definition and its server's context, so the same input always gives the same answer.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from catalog.core.definition import ToolDefinition
from catalog.core.names import name_words
from catalog.core.taxonomy import CEILING_SCORE, DEFAULT_SCORE, FLOOR_SCORE, SEVERITY_ORDER
from catalog.core.verdict import Evidence
from classifier import lexicon, verbs
from classifier.judgement import Judgement, ServerContext
from classifier.phrases import Found
from classifier.signals import (
    adjust,
    deleting_action,
    description_of,
    holds_code,
    nested_code,
    output_place,
    param_kinds,
    read_only_query,
    sql_hint,
)
from classifier.text import ToolText

# Evidence strength: a verb in the name decides more than a phrase in the description.
STRONG, MEDIUM, WEAK = 3, 2, 1


# rules whose evidence says, beside whatever else the tool does, that it also changes something
SAYS_IT_WRITES = ("name.also.", "param.writes_files", "desc.saves_locally", "desc.changes_it")
# rules whose evidence says a tool does more than read, whatever else it does
_AGAINST_READ = ("description.verb.", *SAYS_IT_WRITES)


# Given the rules' own judgement (its score not yet worked out), the final (category, confidence, details).
Chooser = Callable[[Judgement], tuple[str, float, dict[str, Any]]]


def judge(
    tool: ToolDefinition,
    server: ServerContext | None = None,
    choose: Chooser | None = None,
    text: ToolText | None = None,
) -> Judgement:
    """The rules' judgement; ``choose`` (the learned model) may settle the category before the risk is scored.
    ``text``: the tool's ``ToolText``, if the caller has it already."""
    first = read(tool, server, ToolText(tool) if text is None else text)
    return settle(first, None if choose is None else choose(first.draft()))


@dataclass(slots=True)
class Reading:
    """The rules' first reading of a tool: its category before the learned model has its say (``draft``) and
    before the risk is scored (``settle``), with what scoring it takes. Apart, so that the model can weigh a whole
    batch of readings at once (``classifier.engine``)."""

    tool: ToolDefinition
    text: ToolText
    category: str
    confidence: float
    evidence: list[Evidence]
    domains: list[str]
    details: dict[str, Any]
    strong: frozenset[str]
    against_read: frozenset[str]
    votes: dict[str, int]
    verb: tuple[str, str] | None
    http: bool  # the name's verb is an HTTP method (`api_get_user`), which says nothing of the risk
    hits: Found
    code_param: bool
    money_params: list[str]
    declared: dict[str, Any]

    def draft(self) -> Judgement:
        """The reading as ``choose`` is handed it: its evidence as it stands, its score not yet worked out."""
        return Judgement(
            self.category, 0, self.confidence, list(self.evidence), self.domains, self.details, self.strong,
            self.against_read, self.votes, self.verb is not None, self.text,
        )


def read(tool: ToolDefinition, server: ServerContext | None, text: ToolText) -> Reading:
    """What the rules make of a tool's name, description, parameters and annotations (``judge``'s first half)."""
    votes: dict[str, int] = {}
    evidence: list[Evidence] = []
    against_read: set[str] = set()  # what the description and parameters say besides reading
    strong: set[str] = set()

    def vote(category: str, weight: int, rule: str, where: str, text: str) -> None:
        votes[category] = votes.get(category, 0) + weight
        if weight >= STRONG and not rule.startswith("annotation."):
            strong.add(category)
        evidence.append(Evidence(rule, where, text))
        if category != "Read" and rule.startswith(_AGAINST_READ):
            against_read.add(category)

    name = tool.name
    words = text.name_words
    http = len(words) > 2 and words[0] in lexicon.NAME_PREFIXES and words[1] in lexicon.HTTP_METHODS
    if http:
        words = words[1:]
    # `JobsGet` and `issue.get` put the verb last
    verb = verbs.name_verb(words, len(words) > 1 and ((name[:1].isupper() and name.isalnum()) or "." in name))
    if verb:
        category, word = verb
        if word in lexicon.MONEY_WRITE_VERBS and not lexicon.MONEY_NOUNS.isdisjoint(words):  # capture_payment
            category = "Financial"
        elif verbs.reads_object(word, words) or (
            word in lexicon.RUN_VERBS and not lexicon.READ_NOUNS.isdisjoint(words)
        ):
            category = "Read"  # generate_bar_chart, open_schema_explorer, run_search (code it takes votes apart)
        vote(category, STRONG, f"name.verb.{word}", "name", name)
        if also := verbs.joined_verb(words):  # `search_and_replace`, `get_or_create`: the second verb changes things
            vote(also[0], MEDIUM, f"name.also.{also[1]}", "name", name)
    description = text.description
    joined, lowered = text.fields.joined, text.lowered
    hits = lexicon.TRIGGERS.found(lowered)  # trigger words, and where each phrase's heads start
    if description:
        leading = verbs.leading_verbs(text.opening)
        if leading:
            sentence = _sentence(text.flat)
            for category, word in leading:  # paying is as plain in a description's first word as in a name
                weight = STRONG if category == "Financial" else MEDIUM
                vote(category, weight, f"description.verb.{word}", "description", sentence)
        found = hits.within(0, lexicon.RISK_ENTRY)  # the table's order
        if found:
            lowered_description = text.lowered_description
            size = len(lowered_description)  # a word from here on stands in another field
            for i in found:
                if hits.starts(i)[0] >= size:
                    continue
                rule, category, phrase = lexicon.CATEGORY_PHRASES[i]
                starts = [at for at in hits.starts(lexicon.HEADS + i) if at < size]
                if span := phrase.first_at(description, lowered_description, starts):
                    weight = STRONG if category == "Financial" else MEDIUM
                    vote(category, weight, rule, "description", description[span[0] : span[1]])
    params = text.params
    writes = False  # a parameter says the tool writes files
    if params and lexicon.WRITES_FILES_ENTRY in hits.entries:
        fields = text.fields
        for start, end in lexicon.WRITES_FILES.finditer(joined, lowered):  # rare: every match, the plain way
            if (where := fields.field_at(start)).startswith("parameter:"):
                vote("Write", MEDIUM, "param.writes_files", where, joined[start:end])
                writes = True
                break
    money_params: list[str] = []
    code_param = False
    for pname, prop in params:
        if not writes and (place := output_place(pname, prop)) is not None:
            vote("Write", MEDIUM, "param.writes_files", f"parameter:{pname}", place)  # `convert_to_pdf(output_path)`
            writes = True
        if (choice := deleting_action(pname, prop)) is not None:
            vote("Destructive", STRONG, "param.action_deletes", f"parameter:{pname}", choice)
        kinds = param_kinds(pname)
        if not kinds:
            if (
                prop.get("type") in ("array", "object") and (script := nested_code(prop)) is not None
            ):  # a list of steps that may each carry a script
                vote("Execute", STRONG, "param.free_form_code", f"parameter:{pname}", f"{pname}.{script}")
                code_param = True
            continue
        if holds_code(kinds, prop, pname, description) or (
            "query" in kinds and sql_hint(f"{description_of(prop)} {description}")
        ):
            if ("query" in kinds or "sql" in name_words(pname)) and read_only_query(words, prop, description):
                vote("Read", MEDIUM, "param.read_only_query", f"parameter:{pname}", pname)  # a vote: it may read all
            else:
                vote("Execute", STRONG, "param.free_form_code", f"parameter:{pname}", pname)
                code_param = True
        if "money" in kinds:
            money_params.append(pname)
    if money_params and (verb is None or verb[0] in ("Write", "Execute", "Financial")):
        vote("Financial", MEDIUM, "param.money", f"parameter:{money_params[0]}", ", ".join(money_params))

    declared = tool.annotations or {}
    if declared.get("readOnlyHint") is True:
        vote("Read", STRONG, "annotation.read_only", "annotations", "readOnlyHint: true")
        against_read.clear()  # the author's word outweighs a description's wording, not a name's verb
    if declared.get("destructiveHint") is True and declared.get("readOnlyHint") is not True:
        vote("Destructive", WEAK, "annotation.destructive", "annotations", "destructiveHint: true")

    domains = server.domains if server is not None else []
    details: dict[str, Any] = {}
    if not votes:
        category, confidence = "Write", 0.3
        details["vague"] = "no verb, phrase, parameter or annotation says what this tool does"
    else:
        category = _decide(votes, against_read)
        confidence = _confidence(votes, category, verb is not None)
    category = _by_domain(category, domains, money_params, evidence)
    return Reading(
        tool, text, category, confidence, evidence, domains, details, frozenset(strong), frozenset(against_read),
        votes, verb, http, hits, code_param, money_params, declared,
    )


def settle(reading: Reading, chosen: tuple[str, float, dict[str, Any]] | None = None) -> Judgement:
    """The judgement of a reading (``judge``'s second half): the category ``chosen`` by the learned model if it
    had its say, and the risk scored."""
    category, confidence, details, evidence = reading.category, reading.confidence, reading.details, reading.evidence
    domains = reading.domains
    if chosen is not None:
        category, confidence, extra = chosen
        details.update(extra)
        if category != reading.category:
            category = _by_domain(category, domains, reading.money_params, evidence)
    verb = None if reading.http else reading.verb
    signals = adjust(reading.text, reading.hits, category, verb, reading.code_param, domains, evidence)
    score = DEFAULT_SCORE[category] + signals
    score = max(FLOOR_SCORE[category], min(CEILING_SCORE[category], score))
    contradictions = _contradictions(reading.declared, category, reading.tool.name)
    if contradictions:
        details["contradictions"] = contradictions
        confidence -= 0.1
    return Judgement(
        category, score, round(max(0.2, min(0.97, confidence)), 2), evidence, domains, details, reading.strong,
        text=reading.text,
    )


def _by_domain(category: str, domains: list[str], money_params: list[str], evidence: list[Evidence]) -> str:
    if category == "Write" and "devices" in domains:
        category = "Execute"  # switching a lock or a heater drives a device in the physical world
        evidence.append(Evidence("server.domain.devices", "server", "devices"))
    if category == "Write" and "payments" in domains and money_params:
        category = "Financial"
        evidence.append(Evidence("server.domain.payments", "server", ", ".join(money_params)))
    return category


def _decide(votes: dict[str, int], against_read: set[str]) -> str:
    """The most supported category; on a tie the more severe one, since caution costs less than a miss.

    Read must win outright: a tool is Read only on positive evidence and when neither its description nor its
    parameters say it does something else ('Send feedback on a search', a switch that overwrites a file).
    """
    if against_read:
        votes = {c: v for c, v in votes.items() if c != "Read"}
    if len(votes) == 1:
        return next(iter(votes))
    best = max(votes.values())
    tied = [c for c in SEVERITY_ORDER if votes.get(c) == best]
    category = tied[-1]
    severe = [c for c in SEVERITY_ORDER[2:] if votes.get(c, 0) >= STRONG]
    if severe and SEVERITY_ORDER.index(severe[-1]) > SEVERITY_ORDER.index(category):
        category = severe[-1]  # a strong sign of executing, deleting or paying is never outvoted by reads
    return category


def _confidence(votes: dict[str, int], category: str, named: bool) -> float:
    support, total = votes.get(category, 0), sum(votes.values())
    return 0.45 + 0.35 * support / total + (0.15 if named else 0.0)


def _contradictions(declared: dict[str, Any], category: str, name: str) -> list[str]:
    out = []
    if declared.get("readOnlyHint") is True and category != "Read":
        out.append(f"readOnlyHint is true, but {name} looks {category}")
    if declared.get("destructiveHint") is False and category == "Destructive":
        out.append(f"destructiveHint is false, but {name} looks Destructive")
    return out


def _sentence(flat: str, limit: int = 160) -> str:
    """The first sentence of a description whose whitespace is collapsed (``ToolText.flat``)."""
    first = flat.split(". ", 1)[0]
    return first if len(first) <= limit else first[: limit - 1] + "…"
