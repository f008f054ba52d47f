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

from catalog.core.taxonomy import CATEGORIES, RISKS
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
        partial(_changes, catalogue),
        *(partial(_attack, catalogue, attack_id) for attack_id in ATTACKS),
    ]
    site += _paged(
        "servers/index",
        "servers.html",
        {"heading": "Servers", "intro": "Every server in the catalogue.", "noun": "servers"},
        catalogue.servers,
    )
    for risk in RISKS:
        tools = [t for t in catalogue.tools if t["risk"] == risk]
        site += _paged(
            f"risk/{risk.lower()}",
            "listing.html",
            {"heading": f"{risk} risk tools", "intro": f"Tools whose misuse we rate {risk}.", "noun": "tools"},
            tools,
        )
    for category in CATEGORIES:
        tools = [t for t in catalogue.tools if t["category"] == category]
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
        },
    )


def _changes(catalogue: Catalogue) -> Iterator[Page]:
    yield Page("changes.html", "changes.html", {"changes": changes(catalogue)})


def _attack(catalogue: Catalogue, attack_id: str) -> Iterator[Page]:
    concerned = islice((t for t in catalogue.tools if attack_id in attacks_for(t)), ATTACK_LIST)
    yield Page(f"attacks/{attack_id}.html", "attack.html", {"attack": ATTACKS[attack_id], "tools": list(concerned)})


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


def definition_history(versions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What each version of a tool's definition changed (the fields, named): the tool page lists it, and the
    change log below gathers it from every tool."""
    out, previous = [], None
    for version in versions:
        definition = version["definition"]
        if previous is None:
            change = "first seen"
        else:
            fields = sorted(k for k in set(previous) | set(definition) if previous.get(k) != definition.get(k))
            change = "changed " + ", ".join(fields)
        out.append({"seen_at": str(version["seen_at"])[:19], "change": change, "hash": version["definition_hash"]})
        previous = definition
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
