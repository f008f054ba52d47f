"""Strict JSON out: what mcprisk prints or publishes, standard parsers read.

Python's ``json`` writes ``NaN``, ``Infinity`` and ``-Infinity`` bare, which JSON does not allow; a schema
default of ``NaN`` in a tools/list answer (Python's parser accepts it) would make ``scan --json`` and the site's
mirror unreadable. Every such number becomes the string that names it ("NaN", "Infinity", "-Infinity"), the
same everywhere, so the value is still visible. Standard library only.
"""

import json
import math
from typing import Any

NON_FINITE = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}


def finite(value: Any) -> Any:
    """``value`` with every non-finite float replaced by its name, containers copied only where one is found.
    Without recursion, so a value nested as deep as a parser allows is walked too."""
    if isinstance(value, float):
        return value if math.isfinite(value) else NON_FINITE[repr(value)]
    if not isinstance(value, dict | list | tuple):
        return value
    root: list[Any] = [value]
    stack: list[tuple[Any, Any, Any]] = [(root, 0, value)]  # (parent, key in it, container)
    while stack:
        parent, key, node = stack.pop()
        items = list(node.items()) if isinstance(node, dict) else list(enumerate(node))
        copy: Any = dict(node) if isinstance(node, dict) else list(node)
        parent[key] = copy
        for k, item in items:
            if isinstance(item, float) and not math.isfinite(item):
                copy[k] = NON_FINITE[repr(item)]
            elif isinstance(item, dict | list | tuple):
                stack.append((copy, k, item))
    return root[0]


def dumps(value: Any, **options: Any) -> str:
    """``json.dumps`` that never writes a bare NaN or Infinity (``allow_nan`` is always off)."""
    options.pop("allow_nan", None)
    try:
        return json.dumps(value, allow_nan=False, **options)
    except ValueError as exc:
        if "Out of range float" not in str(exc):
            raise
        return json.dumps(finite(value), allow_nan=False, **options)
