"""Which verb heads a tool's name or opens its description, and what it says the tool does.

A name's verb decides more than anything else the rules read, and descriptions reuse a small vocabulary, so both
lookups are cached; words that are as often nouns ('comment', 'log') count as verbs only where a verb stands.
"""

from collections.abc import Sequence
from functools import lru_cache

from classifier import lexicon
from classifier.text import forms


@lru_cache(maxsize=65536)
def name_verb(words: tuple[str, ...], verb_last: bool = False) -> tuple[str, str] | None:
    """(category, verb) of the name's verb.

    The first word is the verb in `get_job` style, the last in `JobsGet` or `monitor_create` style; words that
    are as often nouns ('comment', 'log', 'tag') count only in first place; an exact verb beats an inflected one
    ('logs' is more likely a noun than 'log'); a vendor prefix is skipped (`firecrawl_search_papers`).
    """
    if not words:
        return None
    first, rest = (words[-1], words[:-1]) if verb_last else (words[0], words[1:])
    if first in lexicon.VERB_CATEGORY:
        return lexicon.VERB_CATEGORY[first], first
    for word in (*rest[-1:], *rest[:-1]):
        if word in lexicon.VERB_CATEGORY and word not in lexicon.NOUN_LIKE_VERBS:
            return lexicon.VERB_CATEGORY[word], word
    for word in (first, *rest):
        for form in forms(word)[1:]:
            if form in lexicon.VERB_CATEGORY and form not in lexicon.NOUN_LIKE_VERBS:
                return lexicon.VERB_CATEGORY[form], form
    return None


def joined_verb(words: tuple[str, ...] | list[str]) -> tuple[str, str] | None:
    """(category, verb) of a verb joined to the name's first by 'and', 'or' or 'then' that does more than read."""
    for before, word in zip(words, words[1:], strict=False):
        category = lexicon.VERB_CATEGORY.get(word, "Read")
        if before in _JOINERS and category != "Read" and word not in lexicon.NOUN_LIKE_VERBS:
            return category, word
    return None


_JOINERS = frozenset(["and", "or", "then"])


def leading_verbs(tokens: list[str]) -> list[tuple[str, str]]:
    """Verbs a description opens with after a preamble ('Use this tool to'), lists included ('List, create,
    close, or select a tab'): a later verb counts only after a comma, 'and' or 'or', so 'List open pull
    requests' lists and does not open, and 'Get build logs' builds nothing. ``tokens``: ``ToolText.opening``,
    lowered one by one as reached."""
    start = 0
    while start < len(tokens) and tokens[start].lower() in _PREAMBLE:
        start += 1
    if start < len(tokens) and tokens[start].lower().endswith("ly") and word_verb(tokens[start].lower()) is None:
        start += 1  # an adverb first: 'Quickly read', 'Recursively list', 'Permanently delete'
    found, listed = [], True
    for i in range(start, len(tokens)):
        token = tokens[i].lower()
        if token in _LIST_SEPARATORS:
            listed = True
            continue
        hit = word_verb(token) if listed else None
        if hit is None or (i + 1 < len(tokens) and tokens[i + 1].lower() == "here"):  # 'Start here:' starts nothing
            break
        after = tokens[i + 1 : i + 4]
        if token in lexicon.RUN_VERBS and not lexicon.READ_NOUNS.isdisjoint(t.lower() for t in after) and (
            not after or after[0].lower() not in _LIST_SEPARATORS
        ):
            hit = ("Read", token)  # 'Run multiple search queries', 'Run a read query', not 'Run and read runs'
        elif hit[1] in lexicon.READS_WHEN_OBJECT and reads_object(hit[1], [t.lower() for t in tokens[i + 1 : i + 6]]):
            hit = ("Read", token)  # 'Generate a horizontal bar chart', 'Opens an interactive UI', not 'an image'
        found.append(hit)
        listed = False
    return found


def reads_object(verb: str, words: Sequence[str]) -> bool:
    """Whether a verb that makes or opens something has a view handed back for object (``lexicon.READS_WHEN_OBJECT``),
    and nothing new: 'Generate a pie chart', 'Open the schema explorer', not 'Open a new browser window'."""
    views = lexicon.READS_WHEN_OBJECT.get(verb)
    return views is not None and not views.isdisjoint(words) and "new" not in words


@lru_cache(maxsize=16384)
def word_verb(word: str) -> tuple[str, str] | None:
    """(category, verb) of one word on its own: descriptions reuse a small vocabulary, so this is cached."""
    return name_verb((word,))


_PREAMBLE = frozenset(
    ["this", "tool", "use", "to", "will", "can", "it", "you", "allows", "lets", "used", "the", "a", "an"]
)
_LIST_SEPARATORS = frozenset([",", "/", "&", "or", "and"])
