"""The texts of a whole definition and the machinery that matches the lexicon against them: inflected forms,
trigger words found in one pass, fast case-insensitive phrases. Names are split into words by ``catalog.core.names``,
in order, so a rule can tell the verb from the object.
"""

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from typing import Any

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


class Triggers:
    """Which entries of a phrase table can match a text, from each entry's lowercase trigger words.

    One Aho-Corasick pass finds every trigger word at once (a regular expression or a substring test per
    word costs ten times more), so the entries' patterns run only on the texts that contain their words.
    """

    def __init__(self, words_per_entry: Sequence[tuple[str, ...]]) -> None:
        from ahocorasick_rs import AhoCorasick  # here, not on the start-up path of what imports this module

        pairs = {(word, i) for i, words in enumerate(words_per_entry) for word in words}
        words = sorted({word for word, _ in pairs})
        self.entries = [frozenset(i for w, i in pairs if w == word) for word in words]
        self.automaton = AhoCorasick(words)

    def __call__(self, lowered: str) -> set[int]:
        found = self.automaton.find_matches_as_indexes(lowered, overlapping=True)
        return set().union(*[self.entries[word] for word, _, _ in found]) if found else set()

    def where(self, lowered: str) -> dict[int, list[int]]:
        """Each entry that can match, with the offsets where its trigger words start, in order: a pattern whose
        every match holds one of its words need only be run near them."""
        out: dict[int, list[int]] = {}
        for word, start, _ in self.automaton.find_matches_as_indexes(lowered, overlapping=True):
            for entry in self.entries[word]:
                out.setdefault(entry, []).append(start)
        return out


# Zero-width assertions a pattern opens with (``\b``, ``(?<!never )``): they stop the regex engine from
# skipping ahead to the characters a match can start with, so a Phrase checks them apart.
_LEADING_ASSERTIONS = re.compile(r"(?:\\b|\(\?<[!=][^()]*\))*")


class Phrase:
    """A case-insensitive pattern, run several times faster on ASCII text than ``re.I`` allows.

    ``re.I`` and a leading ``\b`` each stop the engine from skipping to where a match can start; so on ASCII
    text (lowered once by the caller, the same length) the pattern's body without its leading assertions finds
    the candidates, and the whole pattern confirms each one where it stands: the same matches, in the same
    places, as ``re.compile(source, re.I)``, which still serves any other text.
    """

    def __init__(self, source: str) -> None:
        if any(c.isupper() for c in re.sub(r"\\.", "", source)):
            raise ValueError(f"a Phrase is written in lowercase: {source!r}")
        self.slow = re.compile(source, re.I)
        lead = _LEADING_ASSERTIONS.match(source).end()  # type: ignore[union-attr]
        self.body = re.compile(source[lead:])
        self.full = re.compile(source) if lead else None

    def finditer(self, text: str, lowered: str) -> Iterator[tuple[int, int]]:
        """(start, end) of every match, left to right; ``lowered`` is ``text.lower()``."""
        if not text.isascii():
            for match in self.slow.finditer(text):
                yield match.span()
            return
        yield from self.lowered_finditer(lowered)

    def lowered_finditer(self, lowered: str, pos: int = 0, endpos: int | None = None) -> Iterator[tuple[int, int]]:
        """(start, end) of every match in text already lowered, ASCII or not: for a caller that lowered the text
        itself and checked it kept its length, and accepts lowercasing as Unicode does it (where ``re.I`` may
        also fold a few rare letters, such as the long s, that NFKC normalisation has folded already). ``pos`` and
        ``endpos`` bound the search as they bound ``re.Pattern.search``: look-behinds still see before ``pos``."""
        end = len(lowered) if endpos is None else endpos
        while candidate := self.body.search(lowered, pos, end):
            match = self.full.match(lowered, candidate.start(), end) if self.full else candidate
            if match is None:
                pos = candidate.start() + 1
            else:
                yield match.span()
                pos = max(match.end(), match.start() + 1)

    def search(self, text: str, lowered: str) -> tuple[int, int] | None:
        return next(self.finditer(text, lowered), None)


def schema_strings(schema: Any, path: str, out: list[str], where: list[str] | None = None) -> None:
    """Append every string in a JSON Schema to ``out``: names, descriptions, enums, defaults, titles.

    With ``where``, the place of each string ('inputSchema.properties.path.description') is appended to it in
    step; places are only needed when a finding names one, so the hot path walks without building them.
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
        if self._starts is None:
            self._starts, pos = [], 0
            for text in self.texts:
                self._starts.append(pos)
                pos += len(text) + 1
        return bisect_right(self._starts, offset) - 1

    def bounds(self, offset: int) -> tuple[int, int]:
        """Start and end, in the joined string, of the field holding ``offset``."""
        i = self.index(offset)
        start = self._starts[i]  # type: ignore[index]
        return start, start + len(self.texts[i])
