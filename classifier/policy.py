"""A tool's recommended gateway policy entry, derived from the same signals as its rationale, so that a policy never
allows what its rationale warns about. The catalogue's policy documents (``catalog.policies``) are assembled from
these entries.

The entry is built in two layers:

- the risk sets the floor: Low is allowed, Medium is rate-limited, High and Critical need a person's approval
  (and tighter limits). A tool is therefore never guarded less than a tool of lower risk;
- each signal adds the clause that answers it: a path parameter gets a path scope, a URL parameter scheme and
  private-address rules, free-form code or commands and money need approval (money with an amount cap), a force
  switch must stay off, content from the open web is marked untrusted, secrets and private data are kept out of
  logs; a poisoned definition is denied.

``SIGNAL_CLAUSES`` says which clause answers which evidence rule; a test checks every tool of the sample and of a
synthetic catalogue against it.
"""

from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from catalog.core.definition import ToolDefinition
from catalog.core.names import word_set
from catalog.core.taxonomy import DEFAULT_SCORE, risk_for_score
from catalog.core.verdict import Evidence, Finding
from classifier.signals import description_of, holds_code, param_kinds, sql_hint
from classifier.text import parameters

# Calls allowed per window, by risk: a riskier tool never gets more calls than a safer one.
LIMITS: dict[str, dict[str, Any] | None] = {
    "Low": None,
    "Medium": {"window": "minute", "max": 30},
    "High": {"window": "minute", "max": 10},
    "Critical": {"window": "hour", "max": 5},
}
TIGHTER = {"Low": "Medium", "Medium": "High", "High": "Critical", "Critical": "Critical"}  # for bulk operations
AMOUNT_CAP = 100  # in the currency's main unit: more needs a person (the approval still applies below it)
PRIVATE_ADDRESSES = (
    r"://(\[[^]]*\]|localhost|[^/@]*\.local(host)?|127\.|0\.|10\.|169\.254\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|"
    r"metadata\.google\.internal|100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\.)"
)
ARGUMENT_CHECKS: dict[str, list[str]] = {
    "url": [r"^(?!https?://)", PRIVATE_ADDRESSES, r"@"],
    "path": [r"(^|/)\.\.(/|$)", r"^(~|/)", r"(^|/)\.(ssh|aws|gnupg|kube|git|config)(/|$)", r"(^|/)\.env"],
    "command": [r"rm\s+-rf\s+/", r"curl[^|]*\|\s*(ba)?sh", r"\bsudo\b", r"\bmkfs\b", r">\s*/dev/sd"],
    "sql": [r"(?i)\b(drop|truncate|alter|grant|revoke)\b", r"(?i)\bdelete\s+from\b(?![^;]*\bwhere\b)"],
}
# evidence rules that call for a clause of their own
_MONEY = frozenset(["param.money", "server.domain.payments"])
_CODE = frozenset(["param.free_form_code", "signal.free_form_code"])
_SENSITIVE = frozenset(["signal.secrets", "signal.private_data"])
RECIPIENT_WORDS = frozenset(["to", "recipient", "recipients", "cc", "bcc", "email", "emails", "phone", "channel"])

# What each evidence rule of the rationale is answered by in the entry.
SIGNAL_CLAUSES: dict[str, Callable[[dict[str, Any], Evidence], bool]] = {
    "param.path": lambda e, ev: _arg_kind(e, ev, "path") or _arg_kind(e, ev, "url"),  # file_url: URL rules
    "param.url": lambda e, ev: _arg_kind(e, ev, "url"),
    "param.force": lambda e, ev: _arg_kind(e, ev, "switch"),
    "param.money": lambda e, ev: bool(e.get("require_approval")),
    "param.free_form_code": lambda e, ev: bool(e.get("require_approval")),
    "signal.free_form_code": lambda e, ev: bool(e.get("require_approval")),
    "signal.open_world": lambda e, ev: bool(e.get("untrusted_output")),
    "signal.secrets": lambda e, ev: bool(e.get("sensitive_output")),
    "signal.private_data": lambda e, ev: bool(e.get("sensitive_output")),
    "signal.bulk": lambda e, ev: bool(e.get("limits")),
    "name.external_effect": lambda e, ev: bool(e.get("require_approval")),
    "server.domain.payments": lambda e, ev: bool(e.get("require_approval")),
    "server.domain.cloud_infrastructure": lambda e, ev: bool(e.get("limits")),
    "server.domain.database": lambda e, ev: bool(e.get("limits")),
    "server.domain.devices": lambda e, ev: bool(e.get("limits")),
}


def tool_policy(
    tool: ToolDefinition,
    category: str,
    findings: list[Finding],
    risk: str | None = None,
    evidence: Iterable[Evidence] = (),
    params: list[tuple[str, dict[str, Any]]] | None = None,
) -> dict[str, Any]:
    """The policy entry for one tool, from its verdict: category, risk, the rationale's evidence and findings.
    ``params``: ``classifier.text.parameters`` of its input schema, if the caller has them (``ToolText.params``)."""
    poisoned = [f for f in findings if f.severity in ("high", "critical")]
    if poisoned:
        return {"deny": True, "reason": f"tool poisoning: {poisoned[0].message}"}
    risk = risk or risk_for_score(DEFAULT_SCORE.get(category, 3))
    rules = {e.rule for e in evidence}
    entry: dict[str, Any] = {}
    reasons: list[str] = []
    arguments = _arguments(tool, parameters(tool.input_schema) if params is None else params)
    if arguments:
        entry["arguments"] = arguments
    kinds = {check["kind"] for check in arguments.values()}
    if risk in ("High", "Critical"):
        reasons.append(f"its misuse is rated {risk}")
    if category == "Destructive":
        reasons.append("it deletes or irreversibly changes data")
    if category == "Financial" or "amount" in kinds or not rules.isdisjoint(_MONEY):
        reasons.append("it moves money")
    if "command" in kinds or not rules.isdisjoint(_CODE):
        reasons.append("it runs free-form code or commands")
    if "name.external_effect" in rules or ("recipient" in kinds and category != "Read"):
        reasons.append("what it sends reaches people outside the system")
    if "sql" in kinds and category != "Read":
        reasons.append("it runs database statements")
    if reasons and risk != "Low":  # Low risk never needs more guarding than a Medium sibling
        entry["require_approval"] = True
        entry["reason"] = f"{tool.name} needs a person's approval: " + "; ".join(reasons)
    limit = LIMITS[TIGHTER[risk] if "signal.bulk" in rules else risk]
    if limit is None and "signal.bulk" in rules:
        limit = LIMITS["Medium"]
    if limit:
        entry["limits"] = [dict(limit)]
    if "signal.open_world" in rules:
        entry["untrusted_output"] = True  # what it returns is text anyone wrote: never instructions
    if not rules.isdisjoint(_SENSITIVE):
        entry["sensitive_output"] = True  # keep its results out of logs and other tools' arguments
    return entry


def _arguments(tool: ToolDefinition, params: list[tuple[str, dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    """A clause per parameter whose name says what it takes."""
    checks: dict[str, dict[str, Any]] = {}
    for pname, prop in params:
        kinds = param_kinds(pname)
        kind = prop.get("type")
        if "url" in kinds:
            checks[pname] = {"kind": "url", "schemes": ["https"], "deny_private_addresses": True,
                             "deny_patterns": ARGUMENT_CHECKS["url"]}  # fmt: skip
        elif "path" in kinds and kind != "boolean":
            checks[pname] = {"kind": "path", "scope": "relative to the folders you allow",
                             "deny_patterns": ARGUMENT_CHECKS["path"]}  # fmt: skip
        elif holds_code(kinds, prop, pname, tool.description) or (
            "query" in kinds and sql_hint(description_of(prop) + " " + (tool.description or ""))
        ):
            sql = "query" in kinds or "sql" in word_set(pname)
            checks[pname] = {"kind": "sql" if sql else "command",
                             "deny_patterns": ARGUMENT_CHECKS["sql" if sql else "command"]}  # fmt: skip
        elif "money" in kinds and kind in ("integer", "number"):
            checks[pname] = {"kind": "amount", "max": AMOUNT_CAP}
        elif "force" in kinds and kind == "boolean":
            checks[pname] = {"kind": "switch", "must_be": False}
        elif _recipient(pname) and kind in ("string", "array", None):
            checks[pname] = {"kind": "recipient", "note": "only recipients you list"}
    return checks


@lru_cache(maxsize=65536)
def _recipient(name: str) -> bool:
    """A parameter named for whom a message goes to: names repeat across tools."""
    return not word_set(name).isdisjoint(RECIPIENT_WORDS)


def _arg_kind(entry: dict[str, Any], evidence: Evidence, kind: str) -> bool:
    name = evidence.field.removeprefix("parameter:")
    return (entry.get("arguments") or {}).get(name, {}).get("kind") == kind


def guard_level(entry: dict[str, Any] | None) -> tuple[int, float]:
    """How strongly an entry guards a tool, for comparing siblings: deny > approval > conditions > none, then
    fewer calls an hour."""
    if entry is None or entry.get("deny"):
        return (4, 0.0)
    level = 3 if entry.get("require_approval") else 2 if entry.get("limits") or entry.get("arguments") else 1
    per_hour = [lim["max"] * (60 if lim["window"] == "minute" else 1) for lim in entry.get("limits") or []]
    return (level, -min(per_hour) if per_hour else float("-inf"))
