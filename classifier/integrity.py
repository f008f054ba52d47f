"""Integrity findings: text in a tool's definition that speaks to the agent instead of describing the tool.

Tool poisoning hides instructions where the user never looks but the model always reads: the name, the
description, a parameter's name, description, enum, default or examples, nested schemas, the output schema,
annotation titles. Every string of the definition is scanned, first for hidden content (invisible characters,
comments, blank runs: ``integrity_hidden``), whose hidden text is scanned in turn, then, after NFKC
normalisation and with invisible characters removed, for the phrases of each class of poisoning
(``integrity_lexicon``), then for encoded blobs that decode to instructions. Beside the phrases, a learned
sentence scorer (``integrity_sentences``) finds sentences addressed to the agent about what poisoning is after,
in wordings no phrase was written for; it also picks the sentences near which the phrase table's commonest
trigger words are worth following (the prefilter: ``scan(tool, prefilter=False)`` runs without it). Each finding
names its class (``Finding.kind``), its field and the matched span.
"""

import re
import unicodedata
from collections.abc import Iterator

from catalog.core.definition import ToolDefinition
from catalog.core.verdict import Finding
from classifier.integrity_channels import channel, interface, parameter
from classifier.integrity_hidden import BASE64, HEX, decode_blob, hidden_content, quick, readable, visible
from classifier.integrity_lexicon import (
    CHAT_PARAMETER_RULES,
    CHAT_PARAMETERS,
    CITABLE,
    CITED,
    DENIABLE,
    NEGATABLE,
    NEGATED_LIST,
    PARAM_ONLY,
    PHRASES,
    REQUESTS,
    SERVER_SIDE,
)
from classifier.integrity_matches import denied, near_triggers, phrase_matches, requests
from classifier.integrity_names import chat_tool, context_names
from classifier.integrity_prefilter import (
    PATTERN_TRIGGERS,
    WITHIN_SENTENCE,
    sentence_windows,
    trigger_hits,
    trigger_words,
)
from classifier.integrity_sentences import SCORED_KINDS, read
from classifier.text import Texts, schema_strings

# (rule, severity, phrase, message), the shape other modules read; the class of each rule is in KINDS.
PATTERNS = tuple((rule, severity, phrase, message) for rule, _, severity, phrase, message in PHRASES)
KINDS = {rule: kind for rule, kind, *_ in PHRASES} | {
    "integrity.dangerous_default": "injection",
    "integrity.base64": "hidden",
    "integrity.hex": "hidden",
    "integrity.unicode_tags": "hidden",
    "integrity.zero_width": "hidden",
    "integrity.bidi": "hidden",
    "integrity.ansi": "hidden",
    "integrity.comment": "hidden",
    "integrity.invisible_markup": "hidden",
    "integrity.whitespace_run": "hidden",
    "integrity.context_name": "exfiltration",
} | {f"integrity.addressed_{kind}": kind for kind in SCORED_KINDS}
DANGEROUS_DEFAULTS = re.compile(
    r"rm\s+-rf|curl[^|]*\|\s*(ba)?sh|wget[^|]*\|\s*(ba)?sh|chmod\s+777|/etc/(passwd|shadow)|169\.254\.169\.254|"
    r"mkfs|dd\s+if=|:\(\)\s*\{|base64\s+-d",
    re.I,
)
TOKEN_WORDS = 3  # a value slot's or a key's text of fewer words is a token, not a sentence
WORDS = re.compile(r"[^\W\d_]+")
BLOB_HINT = re.compile(r"[A-Za-z0-9+/]{40}|[0-9A-Fa-f]{48}|(?:\\x[0-9A-Fa-f]{2}){16}")
BLOB_RUN = 40  # the shortest run between spaces that BLOB_HINT can stand in


SCORED_CONTEXT = "integrity.addressed_exfiltration"  # the scorer's finding of the agent's context asked for


def scan(tool: ToolDefinition, prefilter: bool = True) -> list[Finding]:
    """Every integrity finding in the whole definition, at most one per rule and field. ``prefilter=False`` runs
    the phrase table over all the text, not only near the sentence scorer's candidates: for the test that the
    prefilter hides nothing."""
    places: list[str] = []
    raws = definition_strings(tool, places)
    findings: dict[tuple[str, str], Finding] = {}
    before_parameters = 1 + bool(tool.title) + bool(tool.description)  # name, title, description: definition_strings
    fields = _scan_fields(raws, places, 0, before_parameters, prefilter, interface(tool.input_schema))
    for finding in fields:
        if (
            finding.rule == SCORED_CONTEXT
            and parameter(finding.field) in CHAT_PARAMETERS
            and chat_tool(tool.name, tool.description)
        ):
            continue  # a model's or a chat's messages parameter takes the conversation by its declared purpose
        findings.setdefault((finding.rule, finding.field), finding)
    for finding in context_names(tool):
        findings.setdefault((finding.rule, finding.field), finding)
    if not findings:
        return []
    return [_located(f, raws, places) for f in findings.values()]


def definition_strings(tool: ToolDefinition, where: list[str] | None = None) -> list[str]:
    """Every string of the definition in a fixed order; with ``where``, the place of each one in step."""
    out = [tool.name]
    if where is not None:
        where.append("name")
    for place, text in (("title", tool.title), ("description", tool.description)):
        if text:
            out.append(text)
            if where is not None:
                where.append(place)
    schema_strings(tool.input_schema or {}, "inputSchema", out, where)
    schema_strings(tool.output_schema or {}, "outputSchema", out, where)
    schema_strings(tool.annotations or {}, "annotations", out, where)
    return out


def _located(finding: Finding, raws: list[str], places: list[str]) -> Finding:
    """The finding with its class, and its span's offsets in the field's own text where it stands there verbatim."""
    raw = next((text for text, place in zip(raws, places, strict=True) if place == finding.field), "")
    at = raw.find(finding.text) if finding.text else -1
    start, end = (at, at + len(finding.text)) if at >= 0 else (None, None)
    return Finding(
        finding.rule,
        finding.severity,
        finding.field,
        finding.text,
        finding.message,
        KINDS.get(finding.rule, ""),
        start,
        end,
    )


def _scan_fields(
    raws: list[str],
    names: list[str],
    depth: int,
    before_parameters: int = 0,
    prefilter: bool = True,
    parameters: str = "",
) -> Iterator[Finding]:
    """Hidden content field by field, then every phrase in one pass over all fields joined.

    Most definitions hold no invisible character, no trigger word, no default and no long blob: each of
    those checks runs once over the whole definition, and field by field only where it found something.
    """
    joined: str | None = "\x00".join(raws)
    if quick(joined):  # type: ignore[arg-type]
        cleaned = list(raws)
        for i, raw in enumerate(raws):
            if not quick(raw):
                continue
            for hidden in hidden_content(raw):
                yield Finding(hidden.rule, hidden.severity, names[i], hidden.text, hidden.message)
                if hidden.hidden and depth < 2:
                    yield from _scan_fields([hidden.hidden], [names[i]], depth + 1, 0, prefilter)
            cleaned[i] = visible(raw)
        if cleaned != raws:
            raws, joined = cleaned, None
    if not (joined.isascii() if joined is not None else all(raw.isascii() for raw in raws)):
        raws = [raw if raw.isascii() else unicodedata.normalize("NFKC", raw) for raw in raws]
        joined = None
    texts = Texts.collapsed(raws, names, joined)
    lowered = texts.joined.lower()
    if prefilter:
        found, common = trigger_words(lowered)
        reading = read(lowered, texts.field_at, parameters, common)
        hits = trigger_hits(found, reading.candidates)
    else:
        reading = read(lowered, texts.field_at, parameters)
        hits = PATTERN_TRIGGERS.where(lowered)
    same_length = len(lowered) == len(texts.joined)  # always on ASCII; on other text, offsets still line up
    parameters_at = _field_start(lowered, before_parameters)  # phrases of parameters only need not look before it

    def near(i: int, starts: list[int]) -> Iterator[tuple[int, int]]:
        if prefilter and i in WITHIN_SENTENCE:
            return sentence_windows(starts, lowered)
        return near_triggers(starts, len(lowered))

    for i in sorted(hits):  # the table's order; the entry after it is DANGEROUS_DEFAULTS
        if i >= len(PATTERNS):
            break
        rule, severity, phrase, message = PATTERNS[i]
        seen = set()
        if not same_length:
            matches: Iterator[tuple[int, int]] = phrase.finditer(texts.joined, lowered)
        elif i in PARAM_ONLY and parameters_at:
            starts = [at for at in hits[i] if at >= parameters_at]
            matches = (m for lo, hi in near(i, starts) for m in phrase_matches(phrase, lowered, lo, hi))
        elif i in REQUESTS:
            matches = (m for lo, hi in near(i, hits[i]) for m in requests(lowered, *REQUESTS[i], lo, hi))
        else:
            matches = (m for lo, hi in near(i, hits[i]) for m in phrase_matches(phrase, lowered, lo, hi))
        for at, until in matches:
            where = texts.field_at(at)
            if where in seen or (i in PARAM_ONLY and not where.startswith("inputSchema")):
                continue
            if i in NEGATABLE and NEGATED_LIST.search(lowered, max(0, at - 80), at):
                continue
            if i in CHAT_PARAMETER_RULES and parameter(where) in CHAT_PARAMETERS:
                continue
            if i in DENIABLE and denied(lowered, at, until):
                continue
            if i in CITABLE and CITED.search(lowered, max(0, at - 60), at):
                continue
            seen.add(where)
            yield Finding(rule, severity, where, texts.joined[at:until].strip(), message)
    for hit in reading.findings:
        where = texts.field_at(hit.start)
        if hit.kind == "secrets" and SERVER_SIDE.search(lowered, hit.start, hit.end):
            continue  # a secret the server keeps on its own side ("reads ... from its own dotfile") is asked of nobody
        if _token(lowered, hit.start, hit.end) and _taken(channel(where), hit.kind):
            continue  # an enum's "conversation", a key's "session_token": what the tool takes, not an order
        yield Finding(
            f"integrity.addressed_{hit.kind}",
            hit.severity,
            where,
            (texts.joined if same_length else lowered)[hit.start : hit.end].strip(),
            f"a sentence addressed to the agent about {hit.kind.replace('_', ' ')} (learned margin {hit.margin:.1f})",
        )
    if len(PATTERNS) in hits and DANGEROUS_DEFAULTS.search(texts.joined):
        for where, text in zip(texts.names, texts.texts, strict=True):
            if "default" in where and (match := DANGEROUS_DEFAULTS.search(text)):
                yield Finding(
                    "integrity.dangerous_default",
                    "high",
                    where,
                    match.group(0),
                    "a default value holds a dangerous literal",
                )
    if depth < 2 and _long_token(texts.joined) and _blob_hinted(texts.joined):
        yield from _blobs(texts, depth, prefilter)


def _token(lowered: str, start: int, end: int) -> bool:
    """Whether a span is a word or two rather than a sentence (words joined by hyphens are a sentence still:
    "auto-confirmed-by-admin")."""
    return len(WORDS.findall(lowered, start, end)) < TOKEN_WORDS


def _taken(where: str, kind: str) -> bool:
    """Whether a token in this channel names what the tool takes: every key, and every value but a secret's (a
    default of "~/.aws/credentials" is the request itself)."""
    return where == "key" or where == "value" and kind != "secrets"


def _long_token(text: str) -> bool:
    """Whether any run of text between spaces is long enough to be a blob: far cheaper than BLOB_HINT."""
    return len(text) >= BLOB_RUN and max(map(len, text.split())) >= BLOB_RUN


def _blob_hinted(text: str) -> bool:
    """Whether BLOB_HINT stands in the text: no character of it is a space, so it stands in a run between spaces
    at least BLOB_RUN long, and searching those runs alone finds it as searching the whole text does, at a fourth of
    the cost on the real tools that hold such a run (the engine tries the hint's classes at every character)."""
    return any(BLOB_HINT.search(token) for token in text.split() if len(token) >= BLOB_RUN)


def _field_start(joined: str, index: int) -> int:
    """Where field ``index`` starts in the fields joined by newlines (0 for the first, or if there are fewer)."""
    at = 0
    for _ in range(index):
        at = joined.find("\n", at) + 1
        if not at:
            return 0
    return at


def _blobs(texts: Texts, depth: int, prefilter: bool) -> Iterator[Finding]:
    """Base64 and hex blobs that decode to text: instructions (critical), prose (high) or data (medium)."""
    for pattern, rule in ((BASE64, "integrity.base64"), (HEX, "integrity.hex")):
        for match in pattern.finditer(texts.joined):
            decoded = decode_blob(match.group(0))
            if decoded is None:
                continue
            where = texts.field_at(match.start())
            inner = list(_scan_fields([decoded], [where], depth + 1, 0, prefilter))
            severity = "critical" if inner else "high" if readable(decoded) else "medium"
            what = " hides instructions" if inner else " hides readable text" if severity == "high" else ""
            yield Finding(rule, severity, where, match.group(0)[:120], f"an encoded blob{what}: {decoded[:80]!r}")
            yield from inner
