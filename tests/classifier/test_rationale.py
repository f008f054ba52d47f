"""Every rationale reads as sentences, for every tool of the sample corpus and the hand-labelled set."""

import json
import re
from pathlib import Path

import pytest

from catalog.core.definition import ToolDefinition
from classifier import ServerContext, classify
from classifier.rationale import _holding
from tests.paths import DATA, ROOT

SAMPLE_SERVERS = ROOT / "crawler" / "corpus" / "sample" / "servers"
RULE_ID = re.compile(r"\b(name|description|desc|param|signal|server|annotation)\.[a-z_]+\b")
# a sentence ends with . ! ? or a closing quote after one; the next starts after a space
SENTENCES = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(]|[a-z_]\w*\b)")


def sample_tools() -> list[tuple[ToolDefinition, ServerContext]]:
    from crawler.extract import extract

    out = []
    for folder in sorted(p for p in SAMPLE_SERVERS.glob("*/*") if p.is_dir()):
        tools = extract(folder).tools
        server = ServerContext(folder.name, folder.name, None, [t.name for t in tools])
        out += [(t, server) for t in tools]
    return out


def labelled_tools() -> list[tuple[ToolDefinition, ServerContext]]:
    out = []
    for line in (DATA / "labelled_tools.jsonl").read_text().splitlines():
        row = json.loads(line)
        s = row["server"]
        server = ServerContext(s["name"], s.get("title"), s.get("description"), s.get("tool_names", []))
        out.append((ToolDefinition.from_mcp(row["tool"]), server))
    return out


def problems(definition: ToolDefinition, text: str) -> list[str]:
    found = []
    if RULE_ID.search(text):
        found.append(f"a rule id: {RULE_ID.search(text).group(0)}")
    if "  " in text or " ." in text or " ," in text or '""' in text:
        found.append("stray spacing or an empty quote")
    if not text.rstrip().endswith((".", '."', ".'")):
        found.append("does not end a sentence")
    object_words = " ".join(re.findall(r"[a-z]+", definition.name.lower()))
    if re.search(rf"\breads {re.escape(object_words)} from\b", text):
        found.append("'reads <its own name> from'")
    for quote in re.findall(r'the description says "([^"]*)"', text):
        if len(quote.split()) < 3 and not quote.endswith((".", "!", "?", "…")):
            found.append(f"a fragment quoted: {quote!r}")
    for sentence in SENTENCES.split(text):
        if len(sentence.split()) < 3:
            found.append(f"a dangling fragment: {sentence!r}")
    return found


@pytest.mark.parametrize("source", ["sample corpus", "labelled set"])
def test_every_rationale_reads_as_sentences(source: str) -> None:
    tools = sample_tools() if source == "sample corpus" else labelled_tools()
    assert len(tools) > 20
    bad = {}
    for definition, server in tools:
        verdict = classify(definition, server)
        if found := problems(definition, verdict.rationale):
            bad[definition.name] = (found, verdict.rationale)
    assert not bad, json.dumps(bad, indent=1)[:3000]


def test_a_tool_that_may_only_read_is_never_said_to_change_anything() -> None:
    for definition, server in labelled_tools():
        verdict = classify(definition, server)
        if "uncertain" in verdict.details or "vague" in verdict.details:
            assert "can create or change" not in verdict.rationale, definition.name
            assert "is vague" in verdict.rationale, definition.name


def test_rationale_names_what_decided_and_the_server() -> None:
    server = ServerContext("io.github.x/wiki", "Team Wiki", None, ["delete_page"])
    verdict = classify(ToolDefinition(name="delete_page", description="Delete a page and all of its history."), server)
    assert verdict.rationale.startswith("delete_page can delete data on Team Wiki")
    assert 'the description says "Delete a page and all of its history."' in verdict.rationale
    assert "cannot be brought back" in verdict.rationale


def test_description_quotes_are_whole_sentences(tmp_path: Path) -> None:
    text = "Manage records. To delete a record pass its id. Nothing else happens."
    verdict = classify(ToolDefinition(name="records_tool", description=text))
    for quote in re.findall(r'the description says "([^"]*)"', verdict.rationale):
        assert quote in text and quote[0].isupper() and quote.endswith((".", "…")), quote


def _sentence_before(description: str, text: str, limit: int = 160) -> str:
    """How a quoted sentence was found before the shared pass: a regex pass over every sentence break."""
    breaks = re.compile(r"(?<=[.!?])\s+|\n")
    flat = " ".join(description.split())
    at = flat.find(" ".join(text.split()))
    at = max(at, 0)
    start = ([0] + [m.end() for m in breaks.finditer(flat) if m.end() <= at])[-1]
    end = breaks.search(flat, max(at, start))
    sentence = flat[start : end.start() if end else len(flat)].strip()
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


@pytest.mark.parametrize(
    "description",
    [
        "Deletes the file. It cannot be undone!  Really?\nYes.",
        "One sentence only, no stop",
        "Ends here. ",
        "a.b. c! d? e. f",
        "Starts with a break. " + "long " * 60 + "sentence. Next.",
        "",
    ],
)
def test_quoted_sentences_are_the_ones_found_before(description: str) -> None:
    flat = " ".join(description.split())
    for text in {"", "Deletes the", "cannot be undone", "Yes", "d", "f", "long long", "missing", "Next"}:
        assert _holding(flat, text) == _sentence_before(description, text), (description, text)
