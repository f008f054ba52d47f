"""Strict JSON out: what mcprisk prints or publishes, standard parsers read.

Python's ``json`` writes ``NaN``, ``Infinity`` and ``-Infinity`` bare, which JSON does not allow; a schema
default of ``NaN`` in a tools/list answer (Python's parser accepts it) would make ``scan --json`` and the site's
mirror unreadable. Every such number becomes the string that names it ("NaN", "Infinity", "-Infinity"), the
same everywhere, so the value is still visible. A lone surrogate (``"\\udcff"`` in a JSON answer decodes to one)
cannot be written as UTF-8 at all: it becomes its visible escape. Standard library only.
"""

import json
import math
from typing import Any

NON_FINITE = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}
_STRICT = json.JSONEncoder(allow_nan=False, ensure_ascii=False).encode  # made once: json.dumps makes one a call


def finite(value: Any, strings: bool = False) -> Any:
    """``value`` with every non-finite float replaced by its name (and, with ``strings``, every lone surrogate in a
    string or key by its escape), containers copied. Without recursion, so a value nested as deep as a parser
    allows is walked too. Most values need nothing replaced: one the json module writes strictly and reads back
    equal is copied by it, in C (a tenth of the walk's time; extraction passes every tool's schemas here)."""
    try:
        text = _STRICT(value)
        if strings:
            text.encode("utf-8")  # a lone surrogate in a string or key
        copy = json.loads(text)
        if copy == value:  # not so where a key was a number, or a tuple became a list: walked below
            return copy
    except (TypeError, ValueError, RecursionError):  # not JSON, a non-finite number, a surrogate, too deep
        pass
    root: list[Any] = [None]
    stack: list[tuple[Any, Any, Any]] = [(root, 0, value)]  # (parent, key in it, value)
    while stack:
        parent, key, node = stack.pop()
        if isinstance(node, float) and not math.isfinite(node):
            parent[key] = NON_FINITE[repr(node)]
        elif isinstance(node, str) and strings:
            parent[key] = clean_text(node)
        elif isinstance(node, dict):
            copy: Any = {clean_text(k) if strings and isinstance(k, str) else k: None for k in node}
            parent[key] = copy
            stack.extend((copy, clean_text(k) if strings and isinstance(k, str) else k, v) for k, v in node.items())
        elif isinstance(node, list | tuple):
            parent[key] = copy = [None] * len(node)
            stack.extend((copy, i, v) for i, v in enumerate(node))
        else:
            parent[key] = node
    return root[0]


def clean_text(text: str) -> str:
    """``text``, but a lone surrogate (which no UTF-8 output can carry) written as its visible escape."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def dumps(value: Any, **options: Any) -> str:
    """``json.dumps`` that never writes a bare NaN or Infinity (``allow_nan`` is always off), nor a lone surrogate
    that would fail the output's encoding."""
    options.pop("allow_nan", None)
    try:
        text = json.dumps(value, allow_nan=False, **options)
    except ValueError as exc:
        if "Out of range float" not in str(exc):
            raise
        text = json.dumps(finite(value), allow_nan=False, **options)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(finite(value, strings=True), allow_nan=False, **options)
    return text
