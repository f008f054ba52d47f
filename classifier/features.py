"""What the learned model sees of a tool: words of its name and where they stand, how its description opens,
its parameters' names and types, and every rule that fired, as short strings hashed into a fixed number of slots.

Hashing needs no vocabulary file (a word never seen in training weighs nothing) and zlib's crc32 is the same
on every machine and Python, unlike ``hash()``, so the weights trained here mean the same thing everywhere.
Each feature string is also the source of the words that explain a verdict (``describe``).
"""

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from unicodedata import normalize
from zlib import crc32

from catalog.core.definition import ToolDefinition
from catalog.core.names import name_words
from classifier.judgement import Judgement
from classifier.lexicon import VERB_CATEGORY
from classifier.text import HEAD, forms, parameters

BITS = 20
MASK = (1 << BITS) - 1
# Bump when the features change: weights trained on other features mean nothing.
FEATURES_VERSION = 5
OPENING = 40  # description words read as unigrams
BIGRAMS = 16  # of which the first ones also as pairs
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?|\d+")  # any script's letters: 'récupère' is one word
_PREAMBLE = frozenset(["this", "tool", "use", "to", "will", "can", "it", "you", "allows", "lets", "used", "mcp"])


def features(tool: ToolDefinition, judgement: Judgement) -> list[str]:
    """The feature strings of one tool, the annotations left out: in training they are the labels. The name's and
    each parameter's are worked out once per name (names repeat across tools), the description's in one pass."""
    by_name, named_as = _name_features(tool.name)
    out = list(by_name)
    description = tool.description or ""
    out.append(_DLEN[min(len(description) // 60, 6)])
    text = judgement.text if judgement.text is not None and judgement.text.tool is tool else None
    if description:
        # on ASCII text ToolText.words are the same words, split by a faster regex (and shared)
        ascii_ = text is not None and description.isascii()
        tokens = text.words if ascii_ else _WORD.findall(description[:HEAD].lower())  # type: ignore[union-attr]
        start = 0
        while start < len(tokens) and tokens[start] in _PREAMBLE:
            start += 1
        tokens = tokens[start : start + OPENING]
        if tokens:
            out.append("d0:" + tokens[0])
            if len(tokens) > 1:
                out.append("d1:" + tokens[1])
        out += ["du:" + t for t in tokens]  # faster than map("du:".__add__, tokens)
        heads = tokens[:BIGRAMS]
        categories = list(map(_verb_category, heads))
        said_as = "none"
        for t, category in zip(heads[:6], categories, strict=False):  # the first verb after an adverb or a noun
            if category:  # phrase: 'Quickly read structured data'
                out += ["dv0:" + t, "dvc:" + category]
                said_as = category
                break
        # every kind of verb the opening holds: 'Finds the text and applies formatting' also writes
        out += ["dvs:" + c for c in sorted({c for c in categories if c is not None})]
        out.append(f"vp:{named_as}:{said_as}")  # a Read name and a Write description weigh apart from each alone
        out += [f"db:{a}_{b}" for a, b in zip(heads, tokens[1 : BIGRAMS + 1], strict=False)]  # str.format: 3x slower
    else:
        out.append("d:none")
    params = text.params if text is not None else parameters(tool.input_schema)
    out.append(_PC[min(len(params), 6)])
    schema = tool.input_schema if isinstance(tool.input_schema, dict) else {}
    required = schema.get("required")
    required = set(required) if isinstance(required, list) and all(isinstance(r, str) for r in required) else set()
    out.append(_PREQ[min(len(required), 4)])
    for pname, prop in params[:24]:
        kind = prop.get("type")
        out += _param_features(pname, kind if isinstance(kind, str) else "other", pname in required)
    out.append(_shape(tuple(p for p, _ in params[:24]), frozenset(required)))
    details = judgement.details
    out.append("rc:vague" if "vague" in details else "rc:" + judgement.category)
    named = said = False
    for e in judgement.evidence:
        rule = e.rule
        if not rule.startswith("annotation."):
            out.append("r:" + rule)
            named = named or rule.startswith("name.verb.")
            said = said or rule.startswith("description.verb.")
    if not named:
        out.append("nv:none:" + judgement.category)
    if not said:
        out.append("dv:none")
    if "vague" in details:
        out.append("r:vague")
    out += ["dom:" + d for d in judgement.domains]
    return out


_DLEN = [f"dlen:{n}" for n in range(7)]
_PC = [f"pc:{n}" for n in range(7)]
_PREQ = [f"preq:{n}" for n in range(5)]


@lru_cache(maxsize=65536)
def _name_features(name: str) -> tuple[tuple[str, ...], str]:
    """The name's features, and the category of its first verb ('none' without one)."""
    out: list[str] = []
    words = name_words(name)
    if words:
        out += [f"n0:{words[0]}", f"nl:{words[-1]}"]
        if len(words) > 1:
            out.append(f"n1:{words[1]}")
        out += [f"nw:{w}" for w in words]
        out += [f"nvc:{i if i < 2 else 'n'}:{c}" for i, w in enumerate(words) if (c := _verb_category(w))]
    out.append(f"nlen:{min(len(words), 5)}")
    out += [f"nb:{a}_{b}" for a, b in zip(words, words[1:], strict=False)]  # 'text_to', 'to_speech'
    return tuple(out), next((c for w in words if (c := _verb_category(w))), "none")


@lru_cache(maxsize=65536)
def _param_features(name: str, kind: str, required: bool) -> tuple[str, ...]:
    """A parameter's features: its type, then each word of its name alone, with the type, and if it is required."""
    out = [f"pt:{kind}"]
    for w in name_words(name):
        out.append(f"p:{w}")
        out.append(f"pw:{w}:{kind}")
        if required:
            out.append(f"pr:{w}")
    return tuple(out)


# A parameter that names what the tool acts on, and one that only narrows, pages or shapes what comes back: the
# other parameters are what a tool may set ('title', 'body', 'status').
_IDENTIFIES = frozenset(["id", "ids", "uuid", "guid", "key", "slug", "identifier"])
_NARROWS = frozenset(
    [
        "limit", "offset", "page", "cursor", "query", "q", "filter", "filters", "sort", "order", "since", "until",
        "start", "end", "from", "to", "fields", "include", "expand", "per", "size", "search", "max", "min", "count",
        "format", "verbose", "detailed", "top", "after", "before",
    ]
)  # fmt: skip


@lru_cache(maxsize=65536)
def _shape(names: tuple[str, ...], required: frozenset[str]) -> str:
    """The parameters' shape, language aside: an id alone is looked up ('boond_companies_orders(id)'), an id with
    fields beside it is most often set ('update_task(id, title, status)'), filters alone list. 'ps:' then whether a
    parameter identifies, how many set something (0, 1, 2 or more; 'r' if one of them is required) and whether any
    narrows."""
    ids = setting = narrowing = 0
    required_setting = False
    for name in names:
        words = name_words(name)
        if words and words[-1] in _IDENTIFIES:
            ids += 1
        elif words and words[-1] in _NARROWS:
            narrowing += 1
        else:
            setting += 1
            required_setting = required_setting or name in required
        if ids and setting > 1 and narrowing:
            break
    return f"ps:i{min(ids, 1)}s{min(setting, 2)}{'r' if required_setting else ''}n{min(narrowing, 1)}"


@lru_cache(maxsize=65536)
def _verb_category(word: str) -> str | None:
    """The category of a word the lexicon knows as a verb, in any inflection ('reads', 'deleting'), its accents
    dropped: the lexicon's French, Spanish and Portuguese verbs are spelt in ASCII ('Récupère' is 'recupere')."""
    if not word.isascii():
        word = normalize("NFKD", word).encode("ascii", "ignore").decode()
    for form in forms(word):
        if form in VERB_CATEGORY:
            return VERB_CATEGORY[form]
    return None


def slots(feats: Iterable[str]) -> Iterator[int]:
    """Each feature's slot, with no Python call per feature: a first pass over real tools hashes tens of
    thousands."""
    return map(MASK.__and__, map(crc32, map(str.encode, feats)))


def slot(feature: str) -> int:
    return next(slots((feature,)))


_SAYS = {
    "n0": "the name opens with '{}'",
    "nl": "the name ends with '{}'",
    "n1": "the name's second word is '{}'",
    "nw": "the name contains '{}'",
    "d0": "the description opens with '{}'",
    "d1": "the description's second word is '{}'",
    "dv0": "the description's first verb is '{}'",
    "dvc": "the description's first verb is a {} verb",
    "du": "the description says '{}'",
    "db": "the description says '{}'",
    "p": "a parameter is named '{}'",
    "pr": "a required parameter is named '{}'",
    "pw": "a parameter named '{}'",
    "pt": "a parameter of type {}",
    "rc": "the rules alone read it as {}",
    "dom": "the server works with {}",
}


@lru_cache(maxsize=16384)
def describe(feature: str) -> str:
    """A feature in words, for the evidence and the rationale: "the description opens with 'read'". Cached: the
    features that weigh most are few and recur."""
    kind, _, value = feature.partition(":")
    if kind == "nlen":
        return "the name has one word" if value == "1" else f"the name has {value} words"
    if kind == "pc":
        return "the tool takes no parameters" if value == "0" else f"the tool takes {value} parameters"
    if kind == "d" and value == "none":
        return "the tool has no description"
    if kind in ("db", "nb"):
        value = value.replace("_", " ")
        return f"the name says '{value}'" if kind == "nb" else f"the description says '{value}'"
    if kind == "vp":
        named, said = value.split(":")
        return f"the name's verb is {_kind(named)} and the description's is {_kind(said)}"
    if kind == "dlen":
        return "the description is short" if value in ("0", "1") else "the description is long"
    if kind == "preq":
        return "no parameter is required" if value == "0" else f"{value} parameters are required"
    if kind == "pw":
        word, _, type_ = value.partition(":")
        return f"a parameter named '{word}' of type {type_}"
    if kind == "rc" and value == "vague":
        return "the rules find nothing that says what it does"
    if kind == "nvc":
        return f"the name has a {value.split(':')[-1]} verb"
    if kind == "ps":
        return _shape_words(value)
    if kind == "dvs":
        return f"the description's opening has a {value} verb"
    if kind == "nv":
        return "the name has no verb"
    if kind == "dv":
        return "the description does not open with a verb"
    if kind == "r":
        return _rule_words(value)
    if kind == "dom":
        return f"the server works with {value}"
    return _SAYS.get(kind, "{}").format(value)


_RULE_WORDS = {
    "vague": "no rule says what the tool does",
    "param.free_form_code": "a parameter takes free-form code",
    "param.writes_files": "a parameter writes files",
    "desc.changes_it": "the description says it changes what it acts on",
    "param.money": "a parameter takes an amount of money",
    "param.url": "a parameter takes a URL",
    "param.path": "a parameter takes a file path",
    "param.force": "a parameter forces the operation",
    "param.confirmation": "a parameter asks for confirmation",
    "param.read_only_query": "a parameter takes a read-only query",
    "param.action_deletes": "one of the actions a parameter picks deletes",
    "name.external_effect": "the name says it reaches people outside",
}


def _shape_words(value: str) -> str:
    """'i1s0n0' in words: "a parameter names what it acts on, and none sets anything"."""
    ids, setting, narrowing = value[1] == "1", value[3], value.endswith("n1")
    said = ["a parameter names what it acts on" if ids else "no parameter names what it acts on"]
    said.append({"0": "none sets anything", "1": "one may set something"}.get(setting, "several may set something"))
    if narrowing:
        said.append("some narrow what comes back")
    return ", ".join(said[:-1]) + " and " + said[-1]


def _kind(category: str) -> str:
    return "missing" if category == "none" else f"a {category} verb"


def _rule_words(rule: str) -> str:
    """A rule in words: ids stay in the evidence, never in prose."""
    if rule in _RULE_WORDS:
        return _RULE_WORDS[rule]
    head, _, tail = rule.rpartition(".")
    if head == "name.verb":
        return f"the name's verb is '{tail}'"
    if head == "name.also":
        return f"the name also says '{tail}'"
    if head == "description.verb":
        return f"the description opens with the verb '{tail}'"
    topic = tail.replace("_", " ")
    if head == "desc":
        return f"the description speaks of {topic}"
    if head == "signal":
        return f"the definition mentions {topic}"
    return f"the server works with {topic}"
