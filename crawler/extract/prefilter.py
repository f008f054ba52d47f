"""Which files cannot hold a match of a query's patterns, told from their bytes before any parse: read off the query
files themselves, so that a pattern added to a query is part of the filter without anyone keeping a word list.

Every top-level pattern of a query gives words a file must contain (one of them, letters compared in lower case)
for the pattern to match in it: a positive predicate with literal arguments can only hold where the file contains
that text (`#eq? @x "name"`, `#any-of? @x "a" "b"`), and a `#match?` only where it contains what every match of
its regular expression contains (`registertool`, ..., or `tool` for `^(registerTool|addTool)$|[Tt]ool`). A pattern
without such a predicate says what a file needs in a comment on the line above it:

    ;; prefilter: (#match? "regex")   the file must contain a match (what the pattern's reader needs to find a tool)
    ;; prefilter: inert                the pattern alone yields nothing: only what other patterns find inside it does

A pattern with neither matches in any file, so the filter lets every file through: a new pattern can make the
filter useless, never make it drop a file. A file passes when it holds a word of any pattern.
"""

import re
from dataclasses import dataclass, field
from re import _constants, _parser  # the standard library's own reading of an expression
from typing import Any

_TOKEN = re.compile(rb'"(?:[^"\\]|\\.)*"|;[^\n]*|[()\[\]]|[^\s()\[\]";]+', re.DOTALL)
_DIRECTIVE = re.compile(rb";+\s*prefilter:\s*(.*)")
_POSITIVE = (b"#eq?", b"#any-of?", b"#match?")
_UNESCAPE = {b"n": b"\n", b"t": b"\t", b"r": b"\r", b"0": b"\0"}
_EXACT_LIMIT = 32  # texts a run of exact items may stand for before it is cut


@dataclass
class Prefilter:
    """A file passes when it contains one of ``words`` (in lower case), or always when some pattern sets no condition
    (``everything``)."""

    words: set[bytes] = field(default_factory=set)
    everything: bool = False

    def passes(self, source: bytes) -> bool:
        if self.everything:
            return True
        lowered = source.lower()
        return any(word in lowered for word in self.words)


def prefilter(query: str) -> Prefilter:
    """The condition of every top-level pattern of ``query`` (the text of `.scm` files), joined."""
    found = Prefilter()
    tokens = _TOKEN.findall(query.encode("utf-8"))
    index, directive = 0, None
    while index < len(tokens):
        token = tokens[index]
        if token.startswith(b";"):
            if (said := _DIRECTIVE.match(token)) is not None:
                directive = said[1].strip()
            index += 1
        elif token in (b"(", b"["):
            end = _closing(tokens, index)
            _add(found, directive if directive is not None else _condition(tokens[index:end]))
            index, directive = end, None
        else:  # a capture or a quantifier after a pattern, or a top-level string pattern (no condition)
            if _quoted(token):
                found.everything = True
            index += 1
    found.words = {word for word in found.words if not any(other in word for other in found.words - {word})}
    return found


def _closing(tokens: list[bytes], start: int) -> int:
    depth, index = 0, start
    while index < len(tokens):
        token = tokens[index]
        depth += token in (b"(", b"[")
        depth -= token in (b")", b"]")
        index += 1
        if depth == 0:
            break
    return index


def _condition(tokens: list[bytes]) -> bytes:
    """The first predicate of a pattern that every match must satisfy, as a directive would write it; empty when
    none is (a predicate on a capture that may be empty, under a quantifier or in one branch of an alternation,
    holds without any text)."""
    if any(_quantifier(token) for token in tokens):
        return b""
    opened: list[bytes] = []
    uncertain: set[bytes] = set()
    for index, token in enumerate(tokens):
        if token in (b"(", b"["):
            opened.append(token)
        elif token in (b")", b"]") and opened:
            opened.pop()
        elif token.startswith(b"@") and b"[" in opened:
            uncertain.add(token)
        elif token in _POSITIVE and tokens[index - 1] == b"(":
            args = tokens[index + 1 : _closing(tokens, index - 1) - 1]
            subject, words = (args[0], args[1:]) if args else (b"", [])
            if subject.startswith(b"@") and subject not in uncertain and words and all(_quoted(w) for w in words):
                return b"(" + b" ".join([token, *words]) + b")"
    return b""


def _quantifier(token: bytes) -> bool:
    return not token.startswith((b"#", b'"', b";")) and (b"?" in token or b"*" in token)


def _quoted(token: bytes) -> bool:
    return token.startswith(b'"')


def _add(found: Prefilter, condition: bytes) -> None:
    if condition == b"inert":
        return
    tokens = _TOKEN.findall(condition)
    name = tokens[1] if len(tokens) > 2 and tokens[0] == b"(" else b""
    strings = [_string(token) for token in tokens if _quoted(token)]
    if name in (b"#eq?", b"#any-of?") and strings:
        words: set[bytes] | None = {string.lower() for string in strings}
    elif name == b"#match?" and len(strings) == 1:
        words = necessary(strings[0].decode("utf-8", "replace"))
    else:
        words = None
    if words is None or b"" in words:
        found.everything = True
    else:
        found.words |= words


def _string(token: bytes) -> bytes:
    body, out, index = token[1:-1], bytearray(), 0
    while index < len(body):
        if body[index : index + 1] == b"\\" and index + 1 < len(body):
            escaped = body[index + 1 : index + 2]
            out += _UNESCAPE.get(escaped, escaped)
            index += 2
        else:
            out += body[index : index + 1]
            index += 1
    return bytes(out)


def necessary(regex: str) -> set[bytes] | None:
    """Words (ASCII letters in lower case) one of which every match of ``regex`` contains; None when none is known
    (the expression may match nothing, or ignores case: `(?i)k` also matches the Kelvin sign)."""
    try:
        parsed = _parser.parse(regex)
    except re.error:
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    return _necessary(list(parsed))


def _necessary(items: list[tuple[Any, Any]]) -> set[bytes] | None:
    """What a sequence needs: its longest run of items that each match one of a few exact texts, or what one of its
    other items needs, whichever asks for the longest words."""
    best: set[bytes] | None = None
    run = {b""}
    for op, arg in items:
        exact = _exact(op, arg)
        if exact is not None and len(product := {a + b for a in run for b in exact}) <= _EXACT_LIMIT:
            run = product
            continue
        best = _better(best, run)
        run = exact if exact is not None else {b""}
        if exact is None:
            best = _better(best, _inner(op, arg))
    return _better(best, run)


def _better(kept: set[bytes] | None, other: set[bytes] | None) -> set[bytes] | None:
    if not other or b"" in other:
        return kept
    if kept is None or min(map(len, other)) > min(map(len, kept)):
        return other
    return kept


def _exact(op: Any, arg: Any) -> set[bytes] | None:
    """The few texts an item matches exactly (in lower case), or None."""
    if op is _constants.LITERAL:
        return {chr(arg).encode("utf-8").lower()}
    if op is _constants.AT:  # an anchor: matches no text
        return {b""}
    if op is _constants.IN:
        chars: set[bytes] = set()
        for kind, value in arg:
            if kind is _constants.LITERAL:
                chars.add(chr(value).encode("utf-8").lower())
            elif kind is _constants.RANGE and value[1] - value[0] < _EXACT_LIMIT:
                chars.update(chr(code).encode("utf-8").lower() for code in range(value[0], value[1] + 1))
            else:
                return None
        return chars if len(chars) <= _EXACT_LIMIT else None
    if op is _constants.SUBPATTERN:
        return None if arg[1] & re.IGNORECASE else _exact_sequence(list(arg[-1]))
    if op is _constants.BRANCH:
        union: set[bytes] = set()
        for branch in arg[1]:
            if (texts := _exact_sequence(list(branch))) is None:
                return None
            union |= texts
        return union if len(union) <= _EXACT_LIMIT else None
    return None


def _exact_sequence(items: list[tuple[Any, Any]]) -> set[bytes] | None:
    texts = {b""}
    for op, arg in items:
        exact = _exact(op, arg)
        if exact is None or len(texts := {a + b for a in texts for b in exact}) > _EXACT_LIMIT:
            return None
    return texts


def _inner(op: Any, arg: Any) -> set[bytes] | None:
    """What an item that matches many texts needs: a group's content, every branch's need, a repeated item's."""
    if op is _constants.SUBPATTERN:
        return None if arg[1] & re.IGNORECASE else _necessary(list(arg[-1]))
    if op is _constants.BRANCH:
        union: set[bytes] = set()
        for branch in arg[1]:
            needed = _necessary(list(branch))
            if not needed or b"" in needed:
                return None
            union |= needed
        return union
    if op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT) and arg[0] >= 1:
        return _necessary(list(arg[2]))
    return None
