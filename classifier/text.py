"""The texts of a whole definition, split and lowered once per tool (``ToolText``) for everything that judges it:
the fields the rules' phrases read, joined; a description's words; parameters; every string of a schema; inflected
forms. Names are split into words by ``catalog.core.names``, in order, so a rule can tell the verb from the object.
The matching machinery (trigger words, fast case-insensitive phrases) is ``classifier.phrases``.
"""

import re
from bisect import bisect_right
from collections.abc import Callable
from functools import lru_cache
from itertools import accumulate
from typing import Any

from catalog.core.definition import ToolDefinition
from catalog.core.names import name_words
from classifier.phrases import Phrase, Triggers

__all__ = ["MAX_DEPTH", "Phrase", "Texts", "ToolText", "Triggers", "forms", "parameters", "schema_strings"]

MAX_DEPTH = 32  # a hostile schema nested ten thousand levels deep is walked no further than this


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


def schema_strings(schema: Any, path: str, out: list[str], where: list[str] | None = None) -> None:
    """Append every string in a JSON Schema to ``out``: names, descriptions, enums, defaults, titles.

    With ``where``, the place of each string ('inputSchema.properties.path.description') is appended to it in
    step (the integrity scan looks up the places of half of real definitions: one walk that builds them costs less
    than a second walk).
    """
    if isinstance(schema, str):
        out.append(schema)
        if where is not None:
            where.append(path)
    else:
        _walk(schema, path, False, 0, out, where)


def _walk(node: Any, path: str, props: bool, depth: int, out: list[str], where: list[str] | None) -> None:
    """Depth-first, last child first, no deeper than MAX_DEPTH; ``props`` says the node is a ``properties`` map,
    whose keys are names. String children are taken in place, not by a call each: most of a schema is strings."""
    deeper = depth < MAX_DEPTH
    if isinstance(node, dict):
        if props:
            for key in node:
                if isinstance(key, str):
                    out.append(key)
                    if where is not None:
                        where.append(f"{path}.{key}")
        for key, value in reversed(node.items()):
            if isinstance(value, str):
                if deeper:
                    out.append(value)
                    if where is not None:
                        where.append(f"{path}.{key}")
            elif deeper and isinstance(value, (dict, list)):
                child = key == "properties" or (isinstance(key, str) and key.endswith(".properties"))
                _walk(value, f"{path}.{key}" if where is not None else path, child, depth + 1, out, where)
    elif isinstance(node, list):
        for i in range(len(node) - 1, -1, -1):
            value = node[i]
            if isinstance(value, str):
                if deeper:
                    out.append(value)
                    if where is not None:
                        where.append(f"{path}[{i}]")
            elif deeper and isinstance(value, (dict, list)):
                _walk(value, f"{path}[{i}]" if where is not None else path, False, depth + 1, out, where)


def parameters(schema: Any) -> list[tuple[str, dict[str, Any]]]:
    """Top-level parameters of an input schema as (name, property schema)."""
    props = schema.get("properties") if isinstance(schema, dict) else None
    if not isinstance(props, dict):
        return []
    return [(str(k), v if isinstance(v, dict) else {}) for k, v in props.items()]


class Texts:
    """Several fields searched as one string (one regex pass instead of one per field), with the field of a match.

    ``names`` may be a function that lists them: they are worked out only if a match needs its field.
    """

    def __init__(
        self, texts: list[str] | None, names: list[str] | Callable[[], list[str]], joined: str | None = None
    ) -> None:
        self._texts, self._names = texts, names
        self.joined = "\n".join(texts or []) if joined is None else joined
        self._starts: list[int] | None = None

    @classmethod
    def collapsed(
        cls, raws: list[str], names: list[str] | Callable[[], list[str]], joined: str | None = None
    ) -> "Texts":
        """The fields with their whitespace collapsed, as ``" ".join(raw.split())`` would: in one pass over them
        all, NUL-separated (``joined``, if the caller has it already), rather than one per field (unless a field
        holds a NUL itself)."""
        if joined is None:
            joined = "\x00".join(raws)
        if joined.count("\x00") != len(raws) - 1:
            return cls([" ".join(raw.split()) for raw in raws], names)
        flat = " ".join(joined.split()).replace(" \x00", "\x00").replace("\x00 ", "\x00")
        return cls(None, names, flat.replace("\x00", "\n"))  # no field holds a newline any more

    @property
    def texts(self) -> list[str]:
        if self._texts is None:
            self._texts = self.joined.split("\n")
        return self._texts

    def field_at(self, offset: int) -> str:
        return self.names[self.index(offset)]

    @property
    def names(self) -> list[str]:
        if callable(self._names):
            self._names = self._names()
        return self._names

    def index(self, offset: int) -> int:
        """Which field holds ``offset`` of the joined string."""
        if self._starts is None:  # each field starts one past the end of the one before (its newline)
            self._starts = list(accumulate(map((1).__add__, map(len, self.texts)), initial=0))[:-1]
        return bisect_right(self._starts, offset) - 1

    def bounds(self, offset: int) -> tuple[int, int]:
        """Start and end, in the joined string, of the field holding ``offset``."""
        i = self.index(offset)
        start = self._starts[i]  # type: ignore[index]
        return start, start + len(self.texts[i])


# Words of a description as the learned model reads them, and as the rules read a description's opening (names'
# case changes split, separators of a list of verbs kept).
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+")
_OPENING = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+|[,/&]")
OPENING_WORDS = 14  # the rules read a description's verbs in its first words only
_FIRST_WORDS = re.compile(rf"\s*(?:\S+\s+){{0,{OPENING_WORDS - 1}}}\S*")  # up to the end of the last of them
HEAD = 400  # the model reads the words of a description's first characters only


class ToolText:
    """One pass over a tool's texts, shared by everything that judges it (the rules, their signals, the rationale,
    the policy, the learned model's features, the integrity scan): each text is split, lowered and joined once.

    ``fields`` joins the description, the title and each parameter's "name description" (the texts the rules'
    phrases read) and ``lowered`` is that join lowercased; the rest is worked out on first use.
    """

    def __init__(self, tool: ToolDefinition) -> None:
        self.tool = tool
        self.name = tool.name
        self.name_words = name_words(tool.name)
        self.description = description = tool.description or ""
        self.params = params = parameters(tool.input_schema)
        self.fields = Texts(
            [description, tool.title or ""] + [f"{n} {p.get('description', '')}" for n, p in params],
            lambda: ["description", "title"] + [f"parameter:{n}" for n, _ in params],
        )
        self.lowered = self.fields.joined.lower()
        # worked out on first use (a property each: functools.cached_property takes a lock on every first use)
        self._lowered_description: str | None = None
        self._flat: str | None = None
        self._opening: list[str] | None = None
        self._words: list[str] | None = None

    @property
    def lowered_description(self) -> str:
        """The description lowercased: the head of ``lowered``, which joins it first."""
        if self._lowered_description is None:
            description = self.description
            ascii_ = description.isascii()
            self._lowered_description = self.lowered[: len(description)] if ascii_ else description.lower()
        return self._lowered_description

    @property
    def flat(self) -> str:
        """The description with its whitespace collapsed (``" ".join(description.split())``), as quoted."""
        if self._flat is None:
            self._flat = " ".join(self.description.split())
        return self._flat

    @property
    def opening(self) -> list[str]:
        """The description's first words as the rules read its verbs, in their own case, with ',', '/', '&'."""
        if self._opening is None:
            description = self.description  # no word spans whitespace: the words up to the end of the last one read
            end = _FIRST_WORDS.match(description).end()  # type: ignore[union-attr]
            self._opening = _OPENING.findall(description, 0, end)
        return self._opening

    @property
    def words(self) -> list[str]:
        """Lowercase words of the description's first HEAD characters, as the learned model reads them: on ASCII
        text, the words of ``classifier.features``, whose letters are any script's (and whose regex is slower)."""
        if self._words is None:
            self._words = _WORD.findall(self.description[:HEAD].lower())
        return self._words
