"""Recommended gateway policies in one vocabulary, for a tool and for a server, and the forms clients read.

``{"version": "1", "default": "deny", "tools": {"get_job": {}}}``: a tool listed is allowed, with the
conditions its entry gives (rate limits, argument checks, approval); a tool not listed is denied.
Standard library only: the query commands compose server policies from stored entries on start-up paths.
"""

from collections.abc import Mapping
from typing import Any

from catalog.definition import ToolDefinition
from classifier.text import name_words, parameters, word_set
from classifier.verdict import Finding

WRITE_LIMIT = {"window": "minute", "max": 30}
EXECUTE_LIMIT = {"window": "minute", "max": 10}
FINANCIAL_LIMIT = {"window": "hour", "max": 5}
# Argument checks by parameter kind: patterns a gateway should refuse in that argument.
ARGUMENT_CHECKS: dict[str, list[str]] = {
    "url": [r"^(file|gopher|ftp):", r"://(localhost|127\.|0\.0\.0\.0|\[::1\]|169\.254\.169\.254|10\.|192\.168\.)"],
    "path": [r"(^|/)\.\.(/|$)", r"(^|/)\.(ssh|aws|gnupg|kube)(/|$)", r"(^|/)\.env$", r"^/(etc|proc|sys|root)(/|$)"],
    "command": [r"rm\s+-rf\s+/", r"curl[^|]*\|\s*(ba)?sh", r"\bsudo\b", r"\bmkfs\b", r">\s*/dev/sd"],
}
_KINDS = {
    "url": {"url", "uri", "endpoint", "webhook", "link", "href"},
    "path": {"path", "file", "filename", "filepath", "dir", "directory", "folder"},
    "command": {"command", "cmd", "script", "shell"},
}


def tool_policy(tool: ToolDefinition, category: str, findings: list[Finding]) -> dict[str, Any]:
    """The policy entry for one tool, from its category and integrity findings."""
    poisoned = [f for f in findings if f.severity in ("high", "critical")]
    if poisoned:
        return {"deny": True, "reason": f"tool poisoning: {poisoned[0].message}"}
    if category == "Read":
        return {}
    if category == "Write":
        return _with_checks({"limits": [WRITE_LIMIT]}, tool)
    if category == "Execute":
        return _with_checks({"limits": [EXECUTE_LIMIT]}, tool)
    if category == "Destructive":
        return _with_checks(
            {
                "require_approval": True,
                "reason": f"{tool.name} deletes or irreversibly changes data",
                "limits": [EXECUTE_LIMIT],
            },
            tool,
        )
    return {"require_approval": True, "reason": f"{tool.name} moves money", "limits": [FINANCIAL_LIMIT]}


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


def _with_checks(entry: dict[str, Any], tool: ToolDefinition) -> dict[str, Any]:
    checks = {}
    for pname, _prop in parameters(tool.input_schema):
        words = word_set(pname)
        for kind, names in _KINDS.items():
            if words & names:
                checks[pname] = {"deny_patterns": ARGUMENT_CHECKS[kind]}
    if checks:
        entry["arguments"] = checks
    return entry
