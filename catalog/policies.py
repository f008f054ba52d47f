"""Policy documents in one vocabulary, assembled from the tool entries the classifier recommends, and the forms
clients read.

``{"version": "1", "default": "deny", "tools": {"get_job": {}}}``: a tool listed is allowed, with the
conditions its entry gives (rate limits, argument checks, approval); a tool not listed is denied.
Standard library only: the query commands compose server policies from stored entries on start-up paths.
"""

from collections.abc import Mapping
from typing import Any

from catalog.core.names import name_words


def server_policy(entries: Mapping[str, dict[str, Any]]) -> dict[str, Any]:
    """A server's policy from its tools' entries; a denied (poisoned) tool keeps its entry, so the reason shows."""
    return {"version": "1", "default": "deny", "tools": {name: entry for name, entry in sorted(entries.items())}}


def client_permissions(server: str, policy: Mapping[str, Any], tool_names: list[str]) -> dict[str, list[str]]:
    """Allow / ask / deny lists in the ``mcp__<server>__<tool>`` form agent clients (e.g. Claude Code) read."""
    prefix = f"mcp__{'_'.join(name_words(server)) or server}__"
    allowed = policy.get("tools", {})
    lists: dict[str, list[str]] = {"allow": [], "ask": [], "deny": []}
    for name in sorted(tool_names):
        entry = allowed.get(name)
        key = "deny" if entry is None or entry.get("deny") else "ask" if entry.get("require_approval") else "allow"
        lists[key].append(prefix + name)
    return lists


def policy_summary(name: str, entry: Mapping[str, Any] | None) -> str:
    """A policy entry in one sentence, for readers who do not read JSON (the site's tool pages, `mcprisk risk`).
    ``name`` is shown as given: the caller makes scraped names visible first."""
    if entry is None:
        return f"{name} is not classified yet, so a gateway with this policy's default denies it."
    if entry.get("deny"):
        return f"Deny {name}: {entry.get('reason') or 'it should not be called'}."
    terms = [f"at most {lim['max']} calls a {lim['window']}" for lim in entry.get("limits") or []]
    if entry.get("require_approval"):
        terms.append("only with a person's approval")
    if entry.get("arguments"):
        terms.append("refusing dangerous values of " + ", ".join(sorted(entry["arguments"])))
    return f"Allow {name}" + (": " + "; ".join(terms) if terms else ", with no further conditions") + "."
