"""Words out of tool names in every naming style, and the strings of a whole definition.

``get_job``, ``getJob``, ``get-job``, ``policies.create``, ``JobsGet`` and ``GET_JOB`` all become words
the rules can match, in order, so a rule can tell the verb from the object.
"""

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")
_SPLIT = re.compile(r"[^A-Za-z0-9]+")


@lru_cache(maxsize=65536)
def name_words(name: str) -> tuple[str, ...]:
    """Lowercase words of an identifier, split on separators and case changes (cached: names repeat a lot)."""
    return tuple(w.lower() for part in _SPLIT.split(name) for w in _CAMEL.findall(part))


@lru_cache(maxsize=65536)
def forms(word: str) -> tuple[str, ...]:
    """The word and the bare forms it may inflect ('deletes', 'deleting', 'deleted', 'queries' -> 'delete', 'query'),
    so one lexicon entry matches every inflection without a stemmer's false friends."""
    out = [word]
    if word.endswith("ies"):
        out.append(word[:-3] + "y")
    if word.endswith("es"):
        out.append(word[:-2])
    if word.endswith("s"):
        out.append(word[:-1])
    if word.endswith("ing"):
        out += [word[:-3], word[:-3] + "e", word[:-4]]  # running -> run
    if word.endswith("ed"):
        out += [word[:-2], word[:-1], word[:-3]]  # stopped -> stop
    return tuple(out)


def triggers(words: tuple[str, ...]) -> re.Pattern[str]:
    """One compiled alternation of literal trigger words: a single C-level scan instead of a Python loop."""
    return re.compile("|".join(re.escape(w) for w in words))


def schema_strings(schema: Any, path: str = "inputSchema") -> Iterator[tuple[str, str]]:
    """Every string in a JSON Schema with where it sits: names, descriptions, enums, defaults, titles.

    Iterative with a depth cap: a hostile schema nested ten thousand levels deep costs nothing.
    """
    stack: list[tuple[Any, str, int]] = [(schema, path, 0)]
    while stack:
        node, where, depth = stack.pop()
        if depth > 32:
            continue
        if isinstance(node, str):
            yield where, node
        elif isinstance(node, dict):
            for key, value in node.items():
                if isinstance(key, str) and where.endswith(".properties"):
                    yield f"{where}.{key}", key
                stack.append((value, f"{where}.{key}", depth + 1))
        elif isinstance(node, list):
            stack.extend((value, f"{where}[{i}]", depth + 1) for i, value in enumerate(node))


def parameters(schema: Any) -> list[tuple[str, dict[str, Any]]]:
    """Top-level parameters of an input schema as (name, property schema)."""
    props = schema.get("properties") if isinstance(schema, dict) else None
    if not isinstance(props, dict):
        return []
    return [(str(k), v if isinstance(v, dict) else {}) for k, v in props.items()]


class Texts:
    """Several fields searched as one string (one regex pass instead of one per field), with the field of a match."""

    def __init__(self, fields: list[tuple[str, str]]) -> None:
        self.names = [name for name, _ in fields]
        self.starts, pos, parts = [], 0, []
        for _, text in fields:
            self.starts.append(pos)
            parts.append(text)
            pos += len(text) + 1
        self.joined = "\n".join(parts)

    def field_at(self, offset: int) -> str:
        return self.names[bisect_right(self.starts, offset) - 1]

    def bounds(self, offset: int) -> tuple[int, int]:
        """Start and end, in the joined string, of the field holding ``offset``."""
        i = bisect_right(self.starts, offset) - 1
        end = self.starts[i + 1] - 1 if i + 1 < len(self.starts) else len(self.joined)
        return self.starts[i], end
