"""The byte-level prefilter read off query files (crawler/extract/prefilter.py): the words a file must hold come from
the patterns' own predicates and directives, and a pattern that says nothing lets every file through."""

import pytest

from crawler.extract.prefilter import necessary, prefilter


def test_literal_predicates_give_their_words_in_lower_case() -> None:
    found = prefilter('(pair key: (_) @k (#eq? @k "inputSchema")) @tool\n(call (_) @f (#any-of? @f "Foo" "bar")) @c')
    assert (found.everything, found.words) == (False, {b"inputschema", b"foo", b"bar"})
    assert found.passes(b"const x = {InputSchema: 1}") and found.passes(b"BAR()")
    assert not found.passes(b"const x = {input: 1}")


def test_a_regular_expression_gives_what_every_match_of_it_contains() -> None:
    assert necessary("^(registerTool|addTool|map)$|[Tt][Oo][Oo][Ll]") == {b"tool", b"map", b"registertool", b"addtool"}
    assert necessary("^['\"]*name['\"]*$") == {b"name"}  # what may be absent is not asked for
    assert necessary("(^|\\.)Tool$") == {b"tool", b".tool"}
    assert necessary("McpServerTool(Attribute)?$") == {b"mcpservertool"}
    assert necessary("[a-z]+_tool") == {b"_tool"}


@pytest.mark.parametrize("regex", ["a|b*", "(?i)tool", "(?i:y)", ".*", "[^a]"])
def test_an_expression_that_may_match_without_a_known_word_asks_for_none(regex: str) -> None:
    assert not necessary(regex)  # `(?i)k` also matches the Kelvin sign, which no lower-cased word finds


def test_a_predicate_on_a_capture_that_may_be_empty_sets_no_condition() -> None:
    quantified = '((comment)* @doc (#match? @doc "tool") . (function_declaration)) @f'
    branch = '[(identifier) @id (number)] (#eq? @id "tool")'
    assert prefilter(quantified).everything and prefilter(branch).everything


def test_a_pattern_without_a_predicate_lets_every_file_through_unless_a_directive_says_what_it_needs() -> None:
    assert prefilter('(object (pair key: (_) @k (#eq? @k "name"))) @tool\n(class_declaration) @tool').everything
    said = prefilter(
        ';; prefilter: (#match? "[Nn]ame|toolName")\n(class_declaration) @tool\n'
        ";; prefilter: inert\n(for_in_statement) @tool\n"
        '(object (pair key: (_) @k (#eq? @k "name"))) @tool'
    )
    assert (said.everything, said.words) == (False, {b"name"})  # `toolname` holds `name`: one word does
    assert not said.passes(b"for (const x of y) run(x);")


def test_a_directive_it_cannot_read_lets_every_file_through() -> None:
    assert prefilter(";; prefilter: whatever\n(class_declaration) @tool").everything
    assert prefilter(';; prefilter: (#not-eq? "x")\n(class_declaration) @tool').everything


def test_strings_comments_and_escapes_of_a_query_are_read_as_the_query_language_reads_them() -> None:
    query = '; a comment with "quotes" and (parentheses)\n(string) @s (#match? @s "\\"quoted\\\\.x")'
    assert prefilter(query).words == {b'"quoted.x'}
