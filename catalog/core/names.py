"""Words out of names in every naming style: the one splitting the classifier, the policies and lookups share.

``get_job``, ``getJob``, ``get-job``, ``policies.create``, ``JobsGet`` and ``GET_JOB`` all become the same words, in
order. Standard library only: the query commands use it on their start-up path.
"""

import re
from functools import lru_cache

_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")


def words(text: str) -> tuple[str, ...]:
    """Lowercase words of an identifier or a text, split on separators and case changes."""
    return tuple(map(str.lower, _CAMEL.findall(text)))  # no match spans a separator: no split needed


@lru_cache(maxsize=65536)
def name_words(name: str) -> tuple[str, ...]:
    """``words`` of a tool or parameter name, cached: names repeat a lot (descriptions do not, so go uncached)."""
    return words(name)


@lru_cache(maxsize=65536)
def word_set(name: str) -> frozenset[str]:
    """The words of a parameter name as a set, for intersecting with the lexicon's parameter kinds."""
    return frozenset(name_words(name))
