"""Integrity findings: text in a tool's definition that speaks to the agent instead of describing the tool.

Tool poisoning hides instructions where the user never looks but the model always reads: the
description, a parameter's description, an enum, a default. Every string of the definition is
scanned, first for invisible characters (which are then removed), then after NFKC normalisation for
the rule families below. Mentioning a sensitive path is not an instruction: credential rules need a
verb that asks for the file, and no negation before it ("never reads ~/.ssh" is fine).
"""

import base64
import binascii
import re
import unicodedata
from collections.abc import Callable, Iterator

from catalog.core.definition import ToolDefinition
from catalog.core.verdict import Finding
from classifier.text import Phrase, Texts, Triggers, schema_strings

ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u180e]")
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f]")
TAGS = re.compile("[\U000e0000-\U000e007f]")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u180e\x1b\U000e0000-\U000e007f]")
BASE64 = re.compile(r"(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{40,}={0,2}(?![A-Za-z0-9+/=])")

_NEG = r"(?<!never )(?<!not )(?<!n't )(?<!no )"
# (rule, severity, pattern, message, triggers): a pattern runs only where one of its lowercase triggers occurs,
# which spares the regular expressions on the many definitions that could never match them.
_PATTERNS: tuple[tuple[str, str, Phrase, str, tuple[str, ...]], ...] = (
    (
        "integrity.hidden_tag",
        "critical",
        Phrase(r"<\s*/?\s*(important|system|instructions?|secret|hidden|admin|assistant|note_to_ai|ai)\s*>|\[/?inst\]"),
        "an <IMPORTANT>-style pseudo-tag addresses the model directly",
        ("<", "[inst", "[/inst"),
    ),
    (
        "integrity.override",
        "critical",
        Phrase(
            r"\b(ignore|disregard|forget|override)\s+(all\s+|any\s+)?(the\s+)?(previous|prior|above|earlier|"
            r"other|your|system)\s+(instructions?|prompts?|rules|guidelines|directions)"
        ),
        "tells the model to ignore its instructions",
        ("ignore", "disregard", "forget", "override"),
    ),
    (
        "integrity.concealment",
        "critical",
        Phrase(
            r"\b(?:(do not|don't|never|without)\s+(tell\w*|mention\w*|inform\w*|reveal\w*|notify\w*|show\w*|"
            r"alert\w*)\s+(this\s+|it\s+|anything\s+)?(to\s+)?(the\s+)?user|this could upset the user|"
            r"secretly\b|silently\s+(send|forward|copy|upload|read|include))"
        ),
        "asks the model to hide what it does from the user",
        ("user", "secretly", "silently"),
    ),
    (
        "integrity.coercive_order",
        "high",
        Phrase(
            r"\b(?:(always|must)\s+(call|use|run|invoke)\s+this\s+tool\s+(first|before)|before\s+(using|calling|"
            r"running)\s+any\s+other\s+tools?|must\s+be\s+(called|used|run)\s+(first|before)|instead of\s+"
            r"(using|calling)\s+(the\s+|any\s+)?(other\s+)?\w+\s+tools?)"
        ),
        "orders the model to call this tool first or instead of others",
        ("this tool", "any other tool", "must be ", "instead of"),
    ),
    (
        "integrity.context_request",
        "high",
        Phrase(
            r"\b(?:(include|pass|send|provide|add|append|attach|copy|paste|put)\b[^.]{0,60}\b(conversation|chat|"
            r"message)\s+history|(include|pass|send|provide|reveal|print|output|repeat)\b[^.]{0,60}\bsystem\s+"
            r"prompt|(full|entire|whole)\s+(conversation|context|chat)\b)"
        ),
        "asks for the conversation history or the system prompt",
        ("history", "system prompt", "conversation", "context", "chat"),
    ),
    (
        "integrity.credential_access",
        "critical",
        Phrase(
            _NEG + r"\b(read|cat|open|load|include|pass|send|upload|attach|copy|provide|paste|get)\b[^.]{0,80}"
            r"(~/\.ssh|id_rsa|id_ed25519|\.aws/credentials|\.env\b|\.npmrc|\.netrc|\.pgpass|\.git-credentials|"
            r"\.kube/config|mcp\.json|claude_desktop_config|\.bash_history|/etc/shadow)"
        ),
        "asks the model to read or pass along credentials",
        (
            ".ssh",
            "id_rsa",
            "id_ed25519",
            ".aws",
            ".env",
            ".npmrc",
            ".netrc",
            ".pgpass",
            ".git-cred",
            ".kube",
            "mcp.json",
            "claude_desktop",
            "bash_history",
            "/etc/shadow",
        ),
    ),
    (
        "integrity.exfiltration",
        "high",
        Phrase(
            r"\b(send|post|forward|upload|transmit|exfiltrate|copy|report)\b[^.]{0,80}\bto\s+(https?://\S+|"
            r"[\w.+-]+@[\w-]+\.[\w.]+|(this|the following|our|an?\s+external)\s+(webhook|url|endpoint|server|"
            r"address))"
        ),
        "directs data to an outside address",
        ("http", "@", "webhook", "url", "endpoint", "server", "address"),
    ),
    (
        "integrity.shadowing",
        "high",
        Phrase(
            r"\b(?:when\s+(the\s+user\s+|you\s+)?(use|call|invoke)s?\s+(the\s+|any\s+)?(\w+\s+){0,3}tools?\b[^.]{0,80}"
            r"\b(must|always|instead|also)\b|(other|another)\s+(mcp\s+)?server'?s?\s+tools?\b[^.]{0,60}\b(must|"
            r"should|always)\b|all\s+(e-?mails?|messages|requests)\s+must\s+be\s+sent\s+to\b)"
        ),
        "changes how the model uses other tools (shadowing)",
        ("tool", "server", "must be sent"),
    ),
)
PATTERNS = tuple(entry[:4] for entry in _PATTERNS)
DANGEROUS_DEFAULTS = re.compile(
    r"rm\s+-rf|curl[^|]*\|\s*(ba)?sh|wget[^|]*\|\s*(ba)?sh|chmod\s+777|/etc/(passwd|shadow)|169\.254\.169\.254|"
    r"mkfs|dd\s+if=|:\(\)\s*\{|base64\s+-d",
    re.I,
)
# The patterns' trigger words and, as the entry after them, words every dangerous literal contains: one pass
# tells which patterns can match, and whether DANGEROUS_DEFAULTS can.
PATTERN_TRIGGERS = Triggers(
    [entry[4] for entry in _PATTERNS]
    + [("-rf", "curl", "wget", "777", "/etc/", "169.254.169.254", "mkfs", "if=", ":()", "base64")]
)


def scan(tool: ToolDefinition) -> list[Finding]:
    """Every integrity finding in the whole definition, at most one per rule and field."""
    findings: dict[tuple[str, str], Finding] = {}
    for finding in _scan_fields(definition_strings(tool), lambda: _places(tool), depth=0):
        findings.setdefault((finding.rule, finding.field), finding)
    return list(findings.values())


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


def _places(tool: ToolDefinition) -> list[str]:
    where: list[str] = []
    definition_strings(tool, where)
    return where


def _scan_fields(raws: list[str], names: list[str] | Callable[[], list[str]], depth: int) -> Iterator[Finding]:
    """Invisible characters field by field, then every pattern in one pass over all fields joined.

    Most definitions hold no invisible character, no trigger word, no default and no long blob: each of
    those checks runs once over the whole definition, and field by field only where it found something.
    """
    joined: str | None = "\x00".join(raws)
    places = Texts([], names)  # holds no text: it lists the fields' places, and only if a finding needs one
    if INVISIBLE.search(joined):  # type: ignore[arg-type]
        raws = list(raws)
        for i, raw in enumerate(raws):
            if INVISIBLE.search(raw):
                yield from _invisible(places.names[i], raw, depth)
                raws[i] = TAGS.sub("", BIDI.sub("", ZERO_WIDTH.sub("", ANSI.sub("", raw))))
        joined = None
    if not (joined.isascii() if joined is not None else all(raw.isascii() for raw in raws)):
        raws = [raw if raw.isascii() else unicodedata.normalize("NFKC", raw) for raw in raws]
        joined = None
    texts = Texts.collapsed(raws, lambda: places.names, joined)
    lowered = texts.joined.lower()
    hits = PATTERN_TRIGGERS(lowered)
    for i in sorted(hits):  # the table's order; the entry after it is DANGEROUS_DEFAULTS
        if i >= len(PATTERNS):
            break
        rule, severity, phrase, message = PATTERNS[i]
        seen = set()
        for at, until in phrase.finditer(texts.joined, lowered):
            where = texts.field_at(at)
            if where not in seen:
                seen.add(where)
                start, end = texts.bounds(at)
                yield Finding(
                    rule,
                    severity,
                    where,
                    _excerpt(texts.joined[start:end], at - start, min(until, end) - start),
                    message,
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
    if depth < 2:
        for match in BASE64.finditer(texts.joined):
            decoded = _decode(match.group(0))
            if decoded is None:
                continue
            where = texts.field_at(match.start())
            inner = list(_scan_fields([decoded], [where], depth + 1))
            yield Finding(
                "integrity.base64",
                "critical" if inner else "medium",
                where,
                match.group(0)[:60],
                "a base64 blob" + (" hides instructions" if inner else " the user cannot read"),
            )
            yield from inner


def _invisible(where: str, raw: str, depth: int) -> Iterator[Finding]:
    if tags := TAGS.findall(raw):
        hidden = "".join(chr(ord(c) - 0xE0000) for c in tags if 0x20 <= ord(c) - 0xE0000 < 0x7F)
        yield Finding(
            "integrity.unicode_tags",
            "critical",
            where,
            hidden[:120],
            "invisible Unicode tag characters carry hidden text",
        )
        yield from _scan_fields([hidden], [where], depth + 1)
    if zero := ZERO_WIDTH.findall(raw):
        yield Finding(
            "integrity.zero_width",
            "high",
            where,
            " ".join(f"U+{ord(c):04X}" for c in sorted(set(zero))),
            "zero-width characters hide or split words",
        )
    if bidi := BIDI.findall(raw):
        yield Finding(
            "integrity.bidi",
            "high",
            where,
            " ".join(f"U+{ord(c):04X}" for c in sorted(set(bidi))),
            "bidirectional controls make the text read differently than it is",
        )
    if ansi := ANSI.search(raw):
        yield Finding(
            "integrity.ansi",
            "high",
            where,
            repr(ansi.group(0)),
            "terminal escape sequences can hide or rewrite text on screen",
        )


def _decode(blob: str) -> str | None:
    try:
        data = base64.b64decode(blob + "=" * (-len(blob) % 4), validate=True)
        text = data.decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    printable = sum(ch.isprintable() or ch.isspace() for ch in text)
    return text if text and printable / len(text) > 0.9 else None


def _excerpt(text: str, start: int, end: int, pad: int = 40) -> str:
    left, right = max(0, start - pad), min(len(text), end + pad)
    return ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")
