"""The pages of the site and what each one shows: the tool page (modelled on the reference catalogue's),
server pages, indexes by risk and category, attack patterns, search, changes; all with relative links."""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from itertools import islice
from typing import Any

from catalog.definition import ANNOTATION_DEFAULTS
from catalog.publish.attacks import ATTACKS, attacks_for
from catalog.publish.charts import bar_chart
from catalog.publish.data import Catalogue
from catalog.publish.render import visible
from classifier.taxonomy import CATEGORIES, RISKS

PAGE_SIZE = 100
ATTACK_LIST = 200  # tools listed on an attack page
RELATED = 8  # tools of the same server, and of the same name elsewhere, on a tool page
MEANING = {
    "Read": "it retrieves data and changes nothing",
    "Write": "it creates or modifies data, in ways that can usually be reverted",
    "Execute": "it runs code, commands, queries or workflows, or drives a browser or a device, so its effects "
    "depend on the arguments it is given",
    "Destructive": "it deletes data or does something that cannot be undone",
    "Financial": "it moves money",
}
INSTALL = {"npm": "npx -y {id}", "pypi": "uvx {id}", "oci": "docker run -i --rm {id}", "nuget": "dnx {id}"}


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


def server_pages(server: dict[str, Any], catalogue: Catalogue) -> Iterator[Page]:
    """A server's page, then the page of each of its tools."""
    yield server_page(server)
    for tool in server["tools"]:
        yield tool_page(tool, catalogue)


def server_page(server: dict[str, Any]) -> Page:
    install = [INSTALL.get(p["registry_type"], "").format(id=p["identifier"]) for p in server["packages"]]
    repo = server["repository_url"]
    return Page(
        f"servers/{server['slug']}.html",
        "server.html",
        {
            "server": server,
            "install": install,
            "repo_url": f"https://{repo}" if repo else None,
            "category_chart": bar_chart("Tools by category", server["counts"]["category"]),
            "risk_chart": bar_chart("Tools by risk", server["counts"]["risk"]),
        },
    )


def tool_page(tool: dict[str, Any], catalogue: Catalogue) -> Page:
    name, server = tool["name"], tool["server_display"]
    category = tool["category"]
    siblings = [t for t in catalogue.by_server.get(tool["server"], []) if t["name"] != name]
    siblings.sort(key=lambda t: (-RISKS.index(t["risk"]) if t["risk"] else 0, t["name"]))
    faq = _faq(tool)
    return Page(
        tool_path(tool),
        "tool.html",
        {
            "tool": tool,
            "what": (
                f"{visible(name)} is a {category} tool on {visible(server)}: {MEANING[category]}."
                if category
                else f"{visible(name)} has not been classified yet."
            ),
            "attacks": [{"id": a, **ATTACKS[a]} for a in attacks_for(tool)],
            "policy_doc": {"version": "1", "default": "deny", "tools": {name: tool["policy"] or {}}},
            "policy_summary": _policy_summary(visible(name), tool["policy"]),
            "parameters": _parameters(tool["input_schema"]),
            "annotations": _annotations(tool),
            "contradictions": (tool["details"] or {}).get("contradictions", []),
            "history": _history(tool["versions"]),
            "source_url": _source_url(tool),
            "raw": tool["versions"][-1]["definition"] if tool["versions"] else {"name": name},
            "related": siblings[:RELATED],
            "namesakes": [t for t in catalogue.by_name.get(name, []) if t is not tool][:RELATED],
            "faq": faq,
            "faq_ld": {
                "@context": "https://schema.org",
                "@type": "FAQPage",
                "mainEntity": [
                    {
                        "@type": "Question",
                        "name": q["question"],
                        "acceptedAnswer": {"@type": "Answer", "text": q["answer"]},
                    }
                    for q in faq
                ],
            },
        },
    )


def _policy_summary(name: str, entry: dict[str, Any] | None) -> str:
    """The policy entry in one sentence, for readers who do not read JSON."""
    if entry is None:
        return f"{name} is not classified yet, so a gateway with this policy's default denies it."
    if entry.get("deny"):
        return f"Deny {name}: {visible(entry.get('reason') or 'it should not be called')}."
    terms = [f"at most {lim['max']} calls a {lim['window']}" for lim in entry.get("limits") or []]
    if entry.get("require_approval"):
        terms.append("only with a person's approval")
    if entry.get("arguments"):
        terms.append("refusing dangerous values of " + ", ".join(visible(a) for a in sorted(entry["arguments"])))
    return f"Allow {name}" + (": " + "; ".join(terms) if terms else ", with no further conditions") + "."


def _annotations(tool: dict[str, Any]) -> list[dict[str, str]]:
    """Each MCP hint as the author declared it, the protocol's default, and what our category implies (only
    read-only and destructive follow from a category; idempotence and open world are not judged)."""
    declared, category = tool["annotations"] or {}, tool["category"]
    implied = {"readOnlyHint": category == "Read", "destructiveHint": category == "Destructive"} if category else {}
    rows = []
    for hint, default in ANNOTATION_DEFAULTS.items():
        ours = str(implied[hint]).lower() if hint in implied else "not judged"
        said = str(declared[hint]).lower() if hint in declared else "not declared"
        rows.append(
            {
                "hint": hint,
                "declared": said,
                "default": str(default).lower(),
                "ours": ours,
                "differs": said in ("true", "false") and hint in implied and said != ours,
            }
        )
    return rows


def _faq(tool: dict[str, Any]) -> list[dict[str, str]]:
    """Questions and answers, also served as JSON-LD: scraped text made visible before it goes in."""
    name, server, risk = visible(tool["name"]), visible(tool["server_display"]), tool["risk"] or "unrated"
    policy = tool["policy"] or {}
    limit = (policy.get("limits") or [{"window": "minute", "max": 30}])[0]
    return [
        {
            "question": f"What does {name} do?",
            "answer": visible(tool["description"] or f"{server} gives no description for {name}.")[:500],
        },
        {
            "question": f"How do I enforce a policy on {name}?",
            "answer": f"Put an MCP gateway between the agent and {server} and load the server's policy.json; "
            f"the entry for {name} says whether it is allowed, limited, approval-gated or denied.",
        },
        {
            "question": f"What is the risk level of {name}?",
            "answer": f"{risk}, as a {tool['category'] or 'not yet classified'} tool.",
        },
        {
            "question": f"How do I rate-limit {name}?",
            "answer": f'Add "limits": [{{"window": "{limit["window"]}", "max": {limit["max"]}}}] to its entry.',
        },
        {
            "question": f"How do I block {name}?",
            "answer": f"Leave {name} out of the policy's tools (the default is deny), or give it "
            f'{{"deny": true, "reason": "..."}}.',
        },
        {"question": f"Which server provides {name}?", "answer": f"{server} ({tool['server']})."},
    ]


def _parameters(schema: Any) -> list[dict[str, Any]]:
    props = schema.get("properties") if isinstance(schema, dict) else None
    required = set(schema.get("required") or []) if isinstance(schema, dict) else set()
    out = []
    for pname, prop in (props or {}).items():
        prop = prop if isinstance(prop, dict) else {}
        out.append(
            {
                "name": pname,
                "type": prop.get("type", "any"),
                "required": pname in required,
                "description": prop.get("description") or "",
                "enum": prop.get("enum") or [],
                "default": prop.get("default"),
            }
        )
    return out


def _history(versions: list[dict[str, Any]]) -> list[dict[str, Any]]:
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


def _source_url(tool: dict[str, Any]) -> str | None:
    repo, file = tool.get("repository_url"), tool.get("source_file")
    if not repo or not file or not repo.startswith("github.com/") or tool["origin"] not in ("source", "manifest"):
        return None
    parts = repo.split("/")
    path = "/".join([*parts[3:], file])
    line = f"#L{tool['source_line']}" if tool.get("source_line") else ""
    return f"https://{'/'.join(parts[:3])}/blob/HEAD/{path}{line}"


def changes(catalogue: Catalogue) -> list[dict[str, Any]]:
    out = []
    for tool in catalogue.tools:
        for entry in _history(tool["versions"])[1:]:
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
