"""A server's pages: its own page, and the page of each of its tools, modelled on the reference catalogue's.

They are rendered one server a unit, beside its policy.json and its part of the JSON mirror, so this is most
of the site. A tool page puts the verdict in words a reader acts on: what the tool does, the attacks it opens,
its policy entry in one sentence, its MCP hints against our category, its history, and a FAQ (also JSON-LD);
scraped text is made visible before it goes in.
"""

import re
from collections.abc import Iterator
from typing import Any

from catalog.core.definition import ANNOTATION_DEFAULTS
from catalog.core.taxonomy import RISKS
from catalog.policies import policy_summary
from catalog.publish.attacks import ATTACKS, attacks_for
from catalog.publish.charts import bar_chart
from catalog.publish.data import Catalogue
from catalog.publish.pages import MEANING, Page, definition_history, tool_path
from catalog.publish.render import visible

RELATED = 8  # tools of the same server, and of the same name elsewhere, on a tool page
INSTALL = {"npm": "npx -y {id}", "pypi": "uvx {id}", "oci": "docker run -i --rm {id}", "nuget": "dnx {id}"}


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
            "history": definition_history(tool["versions"], tool.get("server_version")),
            "source_url": _source_url(tool),
            "raw": tool["versions"][-1]["definition"] if tool["versions"] else {"name": name},
            "related": siblings[:RELATED],
            "namesakes": [t for t in catalogue.by_name.get(name, []) if t is not tool][:RELATED],
            "faq": faq,
            "quoted": quoted_segments(tool["description"], tool["findings"]) if tool["poisoned"] else [],
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
    if entry is not None and entry.get("arguments"):  # argument names are scraped text
        entry = {**entry, "arguments": {visible(a): v for a, v in entry["arguments"].items()}}
    if entry is not None and entry.get("reason"):
        entry = {**entry, "reason": visible(entry["reason"])}
    return policy_summary(name, entry)


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


_MARKER = re.compile(r"⟦U\+[0-9A-F]{4,6}⟧")


def quoted_segments(description: str | None, findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A poisoned description, made visible, cut into plain and matched parts: what each finding matched (and
    every invisible character's marker) is highlighted, all of it still inserted as escaped text."""
    text = visible(description or "")
    spans = [m.span() for m in _MARKER.finditer(text)]
    for finding in findings:
        words = visible(finding.get("text") or "").strip("…").split()
        if words and finding.get("field") == "description":
            spans += [m.span() for m in re.finditer(r"\s+".join(map(re.escape, words)), text)]
    parts, at = [], 0
    for start, end in sorted(spans):
        if end <= at:
            continue
        start = max(start, at)
        if start > at:
            parts.append({"text": text[at:start], "mark": False})
        parts.append({"text": text[start:end], "mark": True})
        at = end
    if at < len(text):
        parts.append({"text": text[at:], "mark": False})
    return parts


def _faq(tool: dict[str, Any]) -> list[dict[str, str]]:
    """Questions and answers, also served as JSON-LD: scraped text made visible before it goes in. A poisoned
    tool's are written for a tool to block: its description is never the answer to what it does."""
    name, server, risk = visible(tool["name"]), visible(tool["server_display"]), tool["risk"] or "unrated"
    if tool["poisoned"]:
        worst = tool["findings"][0]
        return [
            {
                "question": f"Should I allow {name}?",
                "answer": f"No. Its definition is poisoned: {worst['message']} (in its {visible(worst['field'])}). "
                "An agent that reads it can be steered against its user, so block it.",
            },
            {
                "question": f"How do I block {name}?",
                "answer": f"Load the policy.json of {server} in your MCP gateway: it denies {name}. Or leave "
                f'{name} out of your own policy (the default is deny), or give it {{"deny": true}}.',
            },
            {
                "question": f"Is the rest of {server} safe to use?",
                "answer": "Treat it with suspicion: a server that ships one poisoned definition may change others. "
                "Pin the definitions you approve by hash and re-check them when they change.",
            },
            {"question": f"What is the risk level of {name}?", "answer": f"{risk}: its definition is poisoned."},
            {"question": f"Which server provides {name}?", "answer": f"{server} ({tool['server']})."},
        ]
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


def _source_url(tool: dict[str, Any]) -> str | None:
    """The line in the repository as released: the version's tag (``v1.2.3``), not HEAD, so the line the page
    quotes does not drift as the repository moves on. No version known, no link (HEAD would be a guess)."""
    repo, file, version = tool.get("repository_url"), tool.get("source_file"), tool.get("server_version")
    if not repo or not file or not repo.startswith("github.com/") or tool["origin"] not in ("source", "manifest"):
        return None
    if not version or not re.fullmatch(r"[0-9A-Za-z][0-9A-Za-z.+_-]*", version):
        return None
    parts = repo.split("/")
    path = "/".join([*parts[3:], file])
    line = f"#L{tool['source_line']}" if tool.get("source_line") else ""
    tag = version if version.startswith("v") else f"v{version}"
    return f"https://{'/'.join(parts[:3])}/blob/{tag}/{path}{line}"
