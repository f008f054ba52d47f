"""String literals read without visiting their children when they hold plain text, and through their children
(escapes, line continuations, carriage returns) otherwise: both readings give the same text."""

import pytest

from crawler.extract import treesitter
from crawler.extract.go.values import go_string
from crawler.extract.javascript.syntax import string

JS = [
    ('"plain text"', "plain text"),
    ("'single'", "single"),
    ('"tab\\there"', "tab\there"),
    ('"caf\\u00e9 \\u{1F600}"', "café \U0001f600"),
    ("'it\\'s'", "it's"),
    ('"a \' inside"', "a ' inside"),
    ('"line \\\ncontinued"', "line continued"),
    ('""', ""),
    ('"naïve — ok"', "naïve — ok"),
]
GO = [
    ('"plain text"', "plain text"),
    ('"tab\\there \\u00e9"', "tab\there é"),
    ("`raw \\n kept`", "raw \\n kept"),
    ("`two\r\nlines`", "two\nlines"),
    ('""', ""),
]


@pytest.mark.parametrize(("literal", "expected"), JS)
def test_javascript_string_literals(literal: str, expected: str) -> None:
    tree = treesitter.parser("js").parse(f"x = {literal};".encode())
    node = treesitter.find(tree.root_node, "js", "string")[0]
    assert string(node) == expected


@pytest.mark.parametrize(("literal", "expected"), GO)
def test_go_string_literals(literal: str, expected: str) -> None:
    tree = treesitter.parser("go").parse(f"package p\n\nconst x = {literal}\n".encode())
    node = treesitter.find(tree.root_node, "go", "interpreted_string_literal", "raw_string_literal")[0]
    assert go_string(node) == expected
