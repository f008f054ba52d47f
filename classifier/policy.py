"""A tool's recommended gateway policy entry, from its verdict: what the catalogue's policy documents
(``catalog.policies``) are assembled from.
"""

from typing import Any

from catalog.core.definition import ToolDefinition
from catalog.core.names import word_set
from catalog.core.verdict import Finding
from classifier.text import parameters

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
