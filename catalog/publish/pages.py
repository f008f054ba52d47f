"""The site's pages: what a page is, the relative links between pages, and every page beside the servers' own
(home, indexes by risk and category, attack patterns, search, changes), cut into units that render anywhere.

A server's page and its tools' pages are in server_pages.py; the change log here is built from each tool's
definition history, which the tool page also shows.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from itertools import islice
from typing import Any

from catalog.core.taxonomy import CATEGORIES, CEILING_SCORE, DEFAULT_SCORE, FLOOR_SCORE, RISKS, risk_for_score
from catalog.publish.attacks import ATTACKS, attacks_for
from catalog.publish.charts import bar_chart
from catalog.publish.data import Catalogue

PAGE_SIZE = 100
ATTACK_LIST = 200  # tools listed on an attack page
MEANING = {
    "Read": "it retrieves data and changes nothing",
    "Write": "it creates or modifies data, in ways that can usually be reverted",
    "Execute": "it runs code, commands, queries or workflows, or drives a browser or a device, so its effects "
    "depend on the arguments it is given",
    "Destructive": "it deletes data or does something that cannot be undone",
    "Financial": "it moves money",
}


@dataclass
class Page:
    path: str  # relative to the site root, always with a file name (file:// has no index.html fallback)
    template: str
    context: dict[str, Any]


def root_of(path: str) -> str:
    return "../" * path.count("/")


def tool_path(tool: dict[str, Any]) -> str:
    return f"tools/{tool['server']}/{tool['slug']}.html"


Unit = Callable[[], Iterable[Page]]


def units(catalogue: Catalogue) -> list[Unit]:
    """The pages beside the servers' own, cut into units of work that render independently, in any process:
    one per page of an index, one per other page. A unit is a closure over the loaded catalogue, so forked
    workers are told only unit numbers, never sent data."""
    site: list[Unit] = [
        partial(_home, catalogue),
        partial(_single, "attacks/index.html", "attacks.html", {"attacks": ATTACKS}),
        partial(_single, "search.html", "search.html", {}),
        partial(_single, "404.html", "404.html", {}),
        partial(_single, "methodology.html", "methodology.html", methodology()),
        partial(_changes, catalogue),
    ]
    for attack_id, tools in _attack_lists(catalogue).items():
        context = {"attack": ATTACKS[attack_id], "tools": tools}
        site.append(partial(_single, f"attacks/{attack_id}.html", "attack.html", context))
    for base, order, items in (
        ("servers/index", "name", catalogue.servers),
        ("servers/riskiest", "grade", catalogue.riskiest_servers),
    ):
        site += _paged(
            base,
            "servers.html",
            {"heading": "Servers", "intro": "Every server in the catalogue.", "noun": "servers", "order": order},
            items,
        )
    by_risk: dict[str, list[dict[str, Any]]] = {risk: [] for risk in RISKS}
    by_category: dict[str, list[dict[str, Any]]] = {category: [] for category in CATEGORIES}
    for tool in catalogue.tools:  # one pass, not one a list
        by_risk.get(tool["risk"], []).append(tool)
        by_category.get(tool["category"], []).append(tool)
    for risk, tools in by_risk.items():
        site += _paged(
            f"risk/{risk.lower()}",
            "listing.html",
            {"heading": f"{risk} risk tools", "intro": f"Tools whose misuse we rate {risk}.", "noun": "tools"},
            tools,
        )
    for category, tools in by_category.items():
        site += _paged(
            f"category/{category.lower()}",
            "listing.html",
            {
                "heading": f"{category} tools",
                "intro": f"Tools that are {category}: {MEANING[category]}.",
                "noun": "tools",
            },
            tools,
        )
    return site


SIGNALS = (  # the classifier's signal rules (classifier.signals, classifier.lexicon), in words
    ("param.path", "a parameter takes a file path (Read and Write tools)", "+1", "path scope"),
    ("param.url", "a parameter takes a URL (Read tools)", "+1", "https only, no private or metadata addresses"),
    ("param.force", "a boolean force, recursive, cascade, purge or overwrite switch", "+1", "the switch must stay off"),
    ("param.free_form_code", "a parameter takes code, a command, a script or SQL", "category Execute",
     "a person's approval"),
    ("param.money", "a parameter takes an amount, a price, a card or an account", "category Financial",
     "a person's approval and an amount cap"),
    ("signal.free_form_code", "an Execute tool runs free-form code or commands", "+1", "a person's approval"),
    ("signal.secrets", "the text mentions secrets, credentials, keys or tokens", "+1", "output kept out of logs"),
    ("signal.private_data", "the text mentions mail, messages, contacts, health or transactions", "+1",
     "output kept out of logs"),
    ("signal.open_world", "the tool fetches web pages or any URL", "+1", "output marked untrusted"),
    ("signal.bulk", "the tool works in bulk, recursively or on everything", "+1", "a tighter rate limit"),
    ("signal.sandbox", "an Execute tool runs in a sandbox or isolated environment", "-1", "none needed"),
    ("signal.approval", "the tool asks for confirmation or has a dry run", "-1", "none needed"),
    ("param.confirmation", "a dry_run or confirm parameter", "-1", "none needed"),
    ("name.external_effect", "a Write tool sends, posts, publishes or shares", "+1", "a person's approval"),
    ("server.domain.*", "the server handles payments, cloud infrastructure or databases", "+1",
     "rate limit (approval for payments)"),
)  # fmt: skip
FINDINGS = (
    ("integrity.hidden_tag", "critical", "an <IMPORTANT>-style pseudo-tag addressing the model"),
    ("integrity.override", "critical", "an order to ignore previous instructions"),
    ("integrity.concealment", "critical", "a request to hide something from the user"),
    ("integrity.credential_access", "critical", "a request to read or pass along keys and credentials"),
    ("integrity.coercive_order", "high", "orders to the model (you must, always call this first)"),
    ("integrity.context_request", "high", "a request for the conversation, system prompt or other tools' data"),
    ("integrity.exfiltration", "high", "a request to send data to an address"),
    ("integrity.shadowing", "high", "instructions about other tools"),
    ("integrity.zero_width, integrity.bidi, integrity.unicode_tags", "high", "invisible or reordering characters"),
    ("integrity.ansi", "high", "terminal escape sequences"),
    ("integrity.dangerous_default", "medium", "a parameter whose default is dangerous"),
    ("integrity.base64", "medium", "an encoded blob in the text"),
)


def methodology() -> dict[str, Any]:
    """The methodology page's tables, from the taxonomy the classifier scores with."""
    rows = [
        {"name": c, "meaning": MEANING[c], "default": DEFAULT_SCORE[c],
         "default_risk": risk_for_score(DEFAULT_SCORE[c]), "floor": FLOOR_SCORE[c],
         "floor_risk": risk_for_score(FLOOR_SCORE[c]), "ceiling": CEILING_SCORE[c],
         "ceiling_risk": risk_for_score(CEILING_SCORE[c])}
        for c in CATEGORIES
    ]  # fmt: skip
    return {
        "categories": CATEGORIES,
        "category_rows": rows,
        "score_risks": [(s, risk_for_score(s)) for s in range(1, 6)],
        "signal_rows": SIGNALS,
        "finding_rows": FINDINGS,
    }


def _single(path: str, template: str, context: dict[str, Any]) -> Iterator[Page]:
    yield Page(path, template, context)


def _home(catalogue: Catalogue) -> Iterator[Page]:
    counts = catalogue.counts
    yield Page(
        "index.html",
        "home.html",
        {
            "risk_chart": bar_chart("Tools by risk", counts["risk"]),
            "category_chart": bar_chart("Tools by category", counts["category"]),
            "critical": list(islice((t for t in catalogue.tools if t["risk"] == "Critical"), 20)),
            "poisoned": list(islice((t for t in catalogue.tools if t["poisoned"]), 20)),
        },
    )


def _changes(catalogue: Catalogue) -> Iterator[Page]:
    yield Page("changes.html", "changes.html", {"changes": changes(catalogue)})


def _attack_lists(catalogue: Catalogue) -> dict[str, list[dict[str, Any]]]:
    """The first ATTACK_LIST tools each attack pattern concerns, in one pass over the tools, not one a pattern."""
    lists: dict[str, list[dict[str, Any]]] = {attack_id: [] for attack_id in ATTACKS}
    for tool in catalogue.tools:
        for attack_id in attacks_for(tool):
            if len(lists[attack_id]) < ATTACK_LIST:
                lists[attack_id].append(tool)
    return lists


def _paged(base: str, template: str, context: dict[str, Any], items: list[dict[str, Any]]) -> list[Unit]:
    """An index cut into pages of PAGE_SIZE (page 1 at ``base.html``, then ``base-2.html``...): one unit each."""
    total = max(1, -(-len(items) // PAGE_SIZE))
    return [
        partial(
            _single,
            f"{base}.html" if n == 1 else f"{base}-{n}.html",
            template,
            {
                **context,
                "count": len(items),
                "page": n,
                "pages": total,
                "base": base,
                "items": items[(n - 1) * PAGE_SIZE : n * PAGE_SIZE],
            },
        )
        for n in range(1, total + 1)
    ]


def definition_history(versions: list[dict[str, Any]], current: str | None = None) -> list[dict[str, Any]]:
    """What each version of a tool's definition changed (the fields, named), when it was first seen and, for the
    definition in force, the package version it is in: the tool page lists it, and the change log below gathers
    it from every tool."""
    out, previous = [], None
    for version in versions:
        definition = version["definition"]
        if previous is None:
            change = "first seen"
        else:
            fields = sorted(k for k in set(previous) | set(definition) if previous.get(k) != definition.get(k))
            change = "changed " + ", ".join(fields)
        seen = str(version["seen_at"])[:19]
        out.append({"seen_at": seen, "change": change, "hash": version["definition_hash"], "version": None})
        previous = definition
    if out and current:
        out[-1]["version"] = current
    return out


def changes(catalogue: Catalogue) -> list[dict[str, Any]]:
    """Every definition change in the catalogue, newest first: the changes page and the Atom feed."""
    out = []
    for tool in catalogue.tools:
        for entry in definition_history(tool["versions"])[1:]:
            out.append(
                {
                    "when": entry["seen_at"],
                    "server": tool["server_display"],
                    "tool": tool["name"],
                    "fields": entry["change"].removeprefix("changed ").split(", "),
                    "url": tool_path(tool),
                }
            )
    out.sort(key=lambda c: (c["when"], c["url"]), reverse=True)
    return out
