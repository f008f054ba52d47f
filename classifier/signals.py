"""What a tool's parameters and texts signal: what each parameter takes (code, a query, money, a URL, a path,
a force switch), and the signals that move the risk within a category (secrets, private data, open-world
content, bulk operations, free-form code, confirmations, sandboxes, the server's domain). Each signal that
fires leaves an Evidence row, which the rationale turns into what a misuse reaches."""

from functools import lru_cache
from typing import Any

from catalog.core.names import name_words, word_set
from catalog.core.verdict import Evidence
from classifier import lexicon
from classifier.docstrings import parameter_doc
from classifier.phrases import Found
from classifier.text import ToolText

MAX_RAISE = 2  # signals add at most this much: a write that reaches private data is High, not Critical


@lru_cache(maxsize=65536)
def param_kinds(name: str) -> frozenset[str]:
    """What a parameter's name says it takes (code, query, money, url, path, force): names repeat across tools."""
    words = word_set(name)
    kinds = {
        "code": says_code(name_words(name)),
        "query": "query" in words,
        "money": bool(words & lexicon.MONEY_PARAMS) or name.lower() in lexicon.MONEY_PARAMS,
        "url": bool(words & lexicon.URL_PARAMS),
        "path": bool(words & lexicon.PATH_PARAMS),
        "force": bool(words & lexicon.FORCE_PARAMS),
    }
    return frozenset(kind for kind, present in kinds.items() if present)


def output_place(name: str, prop: dict[str, Any]) -> str | None:
    """The parameter, or the field of an object parameter (`params.outputDir`), that names where the tool writes
    its output (``lexicon.OUTPUT_PLACES``), if there is one."""
    if _names_output(name):
        return name
    nested = prop.get("properties") if prop.get("type") == "object" else None
    if isinstance(nested, dict):
        for key in nested:
            if _names_output(str(key)):
                return f"{name}.{key}"
    return None


@lru_cache(maxsize=65536)
def _names_output(name: str) -> bool:
    words = name_words(name)
    return len(words) > 1 and words[-1] in lexicon.PATH_PARAMS and words[-2] in lexicon.OUTPUT_PLACES


def says_code(words: tuple[str, ...]) -> bool:
    """Whether a name's words speak of code to run: `script`, `sql`, `python_code`, not code that names a thing
    (`script_id`, `isoCode`, `country_code`, `status_code`)."""
    if lexicon.CODE_PARAMS.isdisjoint(words) or not lexicon.CODE_NAMING.isdisjoint(words):
        return False
    kinds = lexicon.CODE_KINDS
    return any(i == 0 or words[i - 1] not in kinds for i, w in enumerate(words) if w in lexicon.CODE_PARAMS)


def holds_code(kinds: frozenset[str], prop: dict[str, Any], name: str = "", description: str | None = None) -> bool:
    """A parameter named like code that can hold it: a switch named `focusOnUserCode` holds none, nor a `command`
    that picks one of a few actions, nor a `code` its documentation calls a stock or error code
    (``lexicon.KIND_OF_CODE``). The documentation is the schema's, or else the parameter's entry in the docstring
    sections of the tool's ``description`` (``docstrings.parameter_doc``)."""
    if "code" not in kinds or prop.get("type") in ("boolean", "integer", "number") or _choices(prop):
        return False
    doc = description_of(prop) or parameter_doc(description, name)
    return not doc or lexicon.KIND_OF_CODE.search(doc, doc.lower()) is None


def deleting_action(name: str, prop: dict[str, Any]) -> str | None:
    """The choice that deletes, of a parameter that picks the tool's action (`action`, `operation`), if it has one:
    a tool that lists, gets and deletes notes may delete, whatever else it does."""
    if word_set(name).isdisjoint(lexicon.ACTION_PARAMS):
        return None
    for choice in _choices(prop):
        if isinstance(choice, str) and any(lexicon.VERB_CATEGORY.get(w) == "Destructive" for w in name_words(choice)):
            return choice
    return None


def _choices(prop: dict[str, Any]) -> list[Any]:
    """The values a parameter (or each item of an array parameter) is limited to."""
    items = prop.get("items") if prop.get("type") == "array" else None
    choices = prop.get("enum") or (items.get("enum") if isinstance(items, dict) else None)
    return choices if isinstance(choices, list) else []


def nested_code(prop: dict[str, Any]) -> str | None:
    """The code-like field of an array or object parameter's items (`actions[].script`), if it has one."""
    items = prop.get("items") if prop.get("type") == "array" else prop
    nested = items.get("properties") if isinstance(items, dict) else None
    if isinstance(nested, dict):
        for key, value in nested.items():
            if holds_code(param_kinds(str(key)), value if isinstance(value, dict) else {}):
                return str(key)
    return None


def sql_hint(text: str) -> bool:
    """The text says a `query` parameter takes SQL (or another query language), not a search phrase."""
    return lexicon.SQL_HINT.search(text, text.lower()) is not None


def read_only_query(name: tuple[str, ...], prop: dict[str, Any], description: str) -> bool:
    """Whether a parameter that takes a query or SQL only reads: the tool's name or either description says it is
    read-only or takes SELECT queries ('read_query', 'Run a read-only SQL query'), and the parameter's own
    description names no statement that writes ('SELECT, INSERT or UPDATE'). ``name``: the tool name's words."""
    own = description_of(prop)
    text = f"{' '.join(name)} {own} {description}"
    if lexicon.READ_ONLY_QUERY.search(text, text.lower()) is None:
        return False
    return lexicon.WRITE_STATEMENTS.search(own, own.lower()) is None or (
        lexicon.ONLY_READS.search(text, text.lower()) is not None
    )


def description_of(prop: dict[str, Any]) -> str:
    """A parameter's description, or "" when it has none or it is not text."""
    description = prop.get("description")
    return description if isinstance(description, str) else ""


def adjust(
    text: ToolText,
    hits: Found,  # lexicon.TRIGGERS.found(text.lowered)
    category: str,
    verb: tuple[str, str] | None,  # the name's verb if it says what the tool does (an HTTP method does not)
    code_param: bool,
    domains: list[str],
    evidence: list[Evidence],
) -> int:
    """Signals that raise or lower the risk within the category; raises are capped at MAX_RAISE."""
    delta, raised = 0, 0
    fields, joined, lowered = text.fields, text.fields.joined, text.lowered
    first, last = lexicon.RISK_ENTRY, lexicon.WRITES_FILES_ENTRY
    for i in hits.within(first, last):  # the table's order
        rule, change, phrase = lexicon.RISK_PHRASES[i - first]
        if change > 0 and category in ("Destructive", "Financial"):
            continue  # already Critical by default
        if rule == "signal.sandbox" and category != "Execute":
            continue
        if span := phrase.first_at(joined, lowered, hits.starts(lexicon.HEADS + i)):
            evidence.append(Evidence(rule, fields.field_at(span[0]), joined[span[0] : span[1]]))
            delta += change
            raised += max(change, 0)
    confirm = None
    for pname, prop in text.params:
        key = pname.lower()
        if key == "dry_run" or (key == "confirm" and confirm is None):
            confirm = key
        kinds = param_kinds(pname)
        if not kinds:  # most parameters
            continue
        if "url" in kinds and category == "Read":
            evidence.append(Evidence("param.url", f"parameter:{pname}", pname))
            delta, raised = delta + 1, raised + 1
        if "path" in kinds and category in ("Read", "Write"):
            evidence.append(Evidence("param.path", f"parameter:{pname}", pname))
            delta, raised = delta + 1, raised + 1
        if "force" in kinds and prop.get("type") == "boolean":
            evidence.append(Evidence("param.force", f"parameter:{pname}", pname))
            delta, raised = delta + 1, raised + 1
    if confirm:
        evidence.append(Evidence("param.confirmation", "parameter", confirm))
        delta -= 1
    if category == "Read" and any(e.rule == "param.read_only_query" for e in evidence):
        evidence.append(Evidence("signal.free_form_query", "parameter", "a free-form query over every table"))
        delta, raised = delta + 1, raised + 1  # it reads whatever the query asks for
    if category == "Execute" and code_param:
        evidence.append(Evidence("signal.free_form_code", "parameter", "free-form code or commands"))
        delta, raised = delta + 1, raised + 1
    if verb and verb[1] in lexicon.EXTERNAL_VERBS and category == "Write":
        evidence.append(Evidence("name.external_effect", "name", verb[1]))
        delta, raised = delta + 1, raised + 1
    for domain in domains:
        if domain in ("payments", "cloud infrastructure", "database") and category in ("Write", "Execute"):
            evidence.append(Evidence(f"server.domain.{domain.replace(' ', '_')}", "server", domain))
            delta, raised = delta + 1, raised + 1
            break
    return delta - max(0, raised - MAX_RAISE)
