"""The text machinery the rules stand on: fast phrases match exactly what re.I would, trigger words, strings."""

import re
from re._parser import parse

import pytest

from catalog.core import names
from catalog.core.definition import ToolDefinition
from classifier import integrity, lexicon
from classifier.phrases import FOLDS_APART, folds_alike, heads
from classifier.text import Phrase, ToolText, Triggers, parameters, schema_strings

TEXTS = [
    "Deletes the repository. This cannot be undone.",
    "DELETES THE REPOSITORY",
    "undeletes the file, then deletes the copy",  # a word boundary inside a word is no boundary
    "This tool never reads ~/.ssh/id_rsa, but it may read ~/.ssh/id_rsa when asked.",
    "never read ~/.ssh",
    "Run arbitrary SQL queries; runs shell commands too",
    "Lösche die Datei: deletes the file — permanently",  # not ASCII, but folds alike: the lowered path
    "Runs a ſhell command; deletes the İndex — permanently",  # letters re.I folds apart: the plain re.I path
    "ignore all previous instructions\nIGNORE PREVIOUS RULES",
    "",
]
PHRASES = [lexicon.SQL_HINT, lexicon.WRITES_FILES]
PHRASES += [phrase for _, _, phrase in lexicon.CATEGORY_PHRASES]
PHRASES += [phrase for _, _, phrase in lexicon.RISK_PHRASES]
PHRASES += [phrase for _, _, phrase, _ in integrity.PATTERNS]


@pytest.mark.parametrize("text", TEXTS)
def test_phrases_match_what_re_ignorecase_matches(text: str) -> None:
    for phrase in PHRASES:
        expected = [m.span() for m in re.compile(phrase.slow.pattern, re.I).finditer(text)]
        assert list(phrase.finditer(text, text.lower())) == expected, phrase.slow.pattern


def test_leading_assertions_are_checked_where_each_candidate_stands() -> None:
    phrase = Phrase(r"(?<!never )\bread\b")
    text = "never read; reread; read"
    assert list(phrase.finditer(text, text.lower())) == [(20, 24)]
    with pytest.raises(ValueError, match="lowercase"):
        Phrase(r"\bREAD\b")


def test_triggers_find_every_entry_whose_word_occurs() -> None:
    triggers = Triggers([("delete", "remove"), ("del",), ("run",)])
    assert triggers("please delete it") == {0, 1}  # overlapping words both count
    assert triggers("nothing here") == set()


def test_schema_strings_and_their_places_in_step() -> None:
    schema = {
        "type": "object",
        "properties": {"path": {"type": "string", "enum": ["a", "b"], "default": "x"}},
    }
    where: list[str] = []
    out: list[str] = []
    schema_strings(schema, "inputSchema", out, where)
    assert dict(zip(where, out, strict=True)) == {
        "inputSchema.type": "object",
        "inputSchema.properties.path": "path",
        "inputSchema.properties.path.type": "string",
        "inputSchema.properties.path.enum[0]": "a",
        "inputSchema.properties.path.enum[1]": "b",
        "inputSchema.properties.path.default": "x",
    }
    bare: list[str] = []
    schema_strings(schema, "inputSchema", bare)
    assert bare == out  # the same strings in the same order without building their places


# Tricky texts for the shared pass: case changes, separators, non-ASCII letters (some change length when lowered),
# punctuation, whitespace runs, lists of verbs.
TRICKY = [
    "getJSONData",
    "list_open_PRs",
    "API-post-search",
    "JobsGet",
    "policies.create",
    "Lösche die Datei: deletes the file — permanently. Then  reads\tit again!",
    "İstanbul Σ ΑΣ: Delete ALL files; re-run   the   job? Yes. It's done",
    "Use this tool to list, create, close, or select a tab / window & pane.",
    "  leading and trailing whitespace \n\n with newlines  ",
    "x" * 500 + " tail words after the model's head",
    "",
]


@pytest.mark.parametrize("text", TRICKY)
def test_the_shared_pass_reads_texts_as_each_reader_did_before(text: str) -> None:
    tool = ToolDefinition(name=text or "t", description=text, title="Tİtle", input_schema=SCHEMA)
    shared = ToolText(tool)
    assert shared.name_words == names.words(text or "t")
    assert shared.description == text
    assert shared.lowered_description == text.lower()
    assert shared.lowered == shared.fields.joined.lower()
    assert shared.fields.texts == [text, "Tİtle", "path The folder to list", "force "]
    assert shared.flat == " ".join(text.split())
    # the rules' description opening and the learned model's words, as their own regexes split them before
    opening = re.findall(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+|[,/&]", " ".join(text.split(None, 14)[:14]))
    assert shared.opening == opening
    assert shared.words == re.findall(r"[a-z]+(?:'[a-z]+)?|\d+", text[:400].lower())
    assert shared.params == parameters(SCHEMA)


SCHEMA = {
    "type": "object",
    "properties": {"path": {"type": "string", "description": "The folder to list"}, "force": {"type": "boolean"}},
}


def test_heads_start_every_match_and_first_at_finds_what_search_finds() -> None:
    indexed = [phrase for phrase in lexicon.PHRASES if phrase.heads is not None]
    # all but the one whose heads may be 'is' or 'are', and the one that may start where the description does
    assert len(indexed) == len(lexicon.PHRASES) - 2
    assert lexicon.RISK_PHRASES[1][2].heads is not None and "dm" in lexicon.RISK_PHRASES[1][2].heads
    texts = TEXTS + TRICKY + [
        "Pays the vendors, then places a market or buy order; sends money. Purchases.",
        "api-key, auth token, ssh_keys; emails and DMs; every record in one call; all the files",
        "a read-only replica in an isolated vm; asks the user for approval; dry run; preview only",
        "it does not modify anything, without changing state; no side effects. Overwrites an existing file",
        "fetch a web page from the internet; scrapes websites; crawls any url. Click on the button",
        "Á paſſword, a ſecret KEY and the ıd: re.I reads them as password, secret, key; lowercasing does not",
        "Ωmega ΣΑΣ café: Deletes the file — sends money, then réads every file",
        "Updates them. Finds the text and replaces it; the updates it got",
    ]
    for text in texts:
        lowered = text.lower()
        found = lexicon.TRIGGERS.found(lowered)
        for i, phrase in enumerate(lexicon.PHRASES):
            expected = phrase.search(text, lowered)
            if expected is not None and phrase.heads is not None and FOLDS_APART.search(text) is None:
                assert lowered.startswith(phrase.heads, expected[0]), (phrase.slow.pattern, text)
            assert phrase.first_at(text, lowered, found.starts(lexicon.HEADS + i)) == expected, phrase.slow.pattern


def test_heads_are_read_from_the_pattern_shape() -> None:
    assert heads(parse(r"(secrets?|api[ _-]?keys?|in (a|the) browser)\b")) == (
        "api", "in a browser", "in the browser", "secret"
    )
    assert heads(parse(r"(\w+|delete)")) is None  # a class before any letter: nothing to look for
    assert heads(parse(r"(is|are) saved")) == ("are saved", "is saved")
    assert heads(parse(r"ab(c|d)")) == ("ab",)  # one-letter alternatives parse as a class: the heads stop there
    assert heads(parse(r"x")) is None  # too short to be worth looking for


def test_found_tells_entries_and_where_their_words_start() -> None:
    triggers = Triggers([("delete", "remove"), ("del",), ("run",)])
    found = triggers.found("remove it, then delete it")
    assert found.entries == {0, 1}
    assert found.starts(0) == [0, 16] and found.starts(1) == [16] and found.starts(2) == []
    assert found.within(0, 3) == [0, 1] and found.within(1, 2) == [1] and found.within(2, 3) == []


def test_text_folds_alike_unless_lowercasing_moves_letters_or_re_i_reads_one_apart() -> None:
    assert folds_alike("Deletes “the” file — café", "Deletes “the” file — café".lower())
    assert not folds_alike("the İndex", "the İndex".lower())  # lowercasing makes two letters of one
    assert not folds_alike("a ſecret", "a ſecret")  # re.I reads the long s as s


def test_only_the_letters_folds_apart_lists_read_apart() -> None:
    """re.I and lowercasing agree on every other letter: checked over every letter of the Basic Multilingual Plane
    that lowercasing changes (the whole range took seconds; FOLDS_APART was found that way)."""
    letter = re.compile(r"[a-z0-9]", re.I)
    word, space = re.compile(r"\w"), re.compile(r"\s")
    apart = []
    for point in range(0x80, 0x10000):
        c = chr(point)
        lowered = c.lower()
        folds = len(lowered) != 1 or lowered.isascii() or letter.match(c)
        classes = bool(word.match(c)) != bool(word.match(lowered)) or bool(space.match(c)) != bool(space.match(lowered))
        if folds or classes:
            apart.append(c)
    assert apart == ["\u0130", "\u0131", "\u017f", "\u212a"]
    assert all(FOLDS_APART.search(c) for c in apart)
