"""Policy documents in one vocabulary, assembled from the tool entries the classifier recommends, and the forms
clients read.

``{"version": "1", "default": "deny", "tools": {"get_job": {}}}``: a tool listed is allowed, with the
conditions its entry gives (rate limits, argument checks, approval); a tool not listed is denied.
Standard library only: the query commands compose server policies from stored entries on start-up paths.
"""

import json
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
    """A policy entry in plain words, for readers who do not read JSON (the site's tool pages, `mcprisk risk`).
    ``name`` is shown as given: the caller makes scraped names visible first."""
    if entry is None:
        return f"{name} is not classified yet, so a gateway with this policy's default denies it."
    if entry.get("deny"):
        return f"Deny {name}: {entry.get('reason') or 'it should not be called'}."
    terms = [f"at most {lim['max']} calls {per(lim['window'])}" for lim in entry.get("limits") or []]
    if entry.get("require_approval"):
        terms.append("only with a person's approval")
    for arg, check in sorted((entry.get("arguments") or {}).items()):
        terms.append(ARGUMENT_WORDS.get(check.get("kind", ""), "refusing dangerous values of {arg}").format(arg=arg))
    if entry.get("untrusted_output"):
        terms.append("treating what it returns as untrusted text, never as instructions")
    if entry.get("sensitive_output"):
        terms.append("keeping what it returns out of logs and other tools' arguments")
    return f"Allow {name}" + (": " + "; ".join(terms) if terms else ", with no further conditions") + "."


ARGUMENT_WORDS = {
    "path": "{arg} only inside the folders you allow (no .., no absolute or home paths, no key folders)",
    "url": "{arg} only as an https URL to a public address (no file:, no localhost, private or metadata addresses)",
    "command": "{arg} refusing known destructive commands (the approval is the real guard: patterns are bypassable)",
    "sql": "{arg} refusing DROP, TRUNCATE, ALTER, GRANT and DELETE without WHERE",
    "amount": "{arg} at most 100",
    "switch": "{arg} left off",
    "recipient": "{arg} only to recipients you list",
}


# Intercept (PolicyLayer's open-source MCP proxy) policy files: patterns in RE2, its regular expression syntax (no
# look-ahead), written as what an allowed argument looks like.
RELATIVE_PATH = r"^[^/~.\\][^/\\]*(/[^/.\\][^/\\]*)*$"  # no absolute, home, hidden or .. segments
PUBLIC_HTTPS = r"^https://([A-Za-z0-9-]+\.)+[A-Za-z]{2,}(:[0-9]+)?(/|\?|#|$)"  # a host name, not an IP or localhost
LOOP_GUARD = "60/minute"  # for tools allowed without conditions: an agent stuck in a loop still stops


def intercept_policy(server: str, policy: Mapping[str, Any]) -> str:
    """The server's policy as an Intercept YAML policy file: ``default: deny``, denied (poisoned) tools in
    ``hide``, each allowed tool's rate limit, approval and argument conditions as rules with ``on_deny``."""
    q = _quote
    lines = [
        "# mcprisk's recommended policy, for Intercept: intercept -c THIS_FILE -- <the server's command>",
        f"# Tools not listed under tools are denied (default: deny). Server: {q(server)}",
        'version: "1"',
        f"description: {q(f'mcprisk recommended policy for {server}')}",
        "default: deny",
    ]
    entries = policy.get("tools", {})
    hidden = sorted(name for name, entry in entries.items() if entry.get("deny"))
    lines += ["hide:", *(f"  - {q(name)}" for name in hidden)] if hidden else ["hide: []"]
    allowed = {name: entry for name, entry in sorted(entries.items()) if not entry.get("deny")}
    lines.append("tools:" if allowed else "tools: {}")
    for name, entry in allowed.items():
        lines += [f"  {q(name)}:", "    rules:"]
        for rule in _intercept_rules(name, entry):
            lines += _yaml_rule(rule)
    return "\n".join(lines) + "\n"


def _intercept_rules(name: str, entry: Mapping[str, Any]) -> list[dict[str, Any]]:
    rules: list[dict[str, Any]] = []
    if entry.get("require_approval"):
        rules.append({"name": "a person approves each call", "action": "require_approval",
                      "on_deny": entry.get("reason") or f"{name} needs a person's approval"})  # fmt: skip
    for arg, check in sorted((entry.get("arguments") or {}).items()):
        condition = _condition(arg, check)
        if condition is not None:
            rules.append({"name": f"{check['kind']} rule for {arg}", "conditions": [condition],
                          "on_deny": ARGUMENT_WORDS.get(check["kind"], "{arg} refused").format(arg=arg)})  # fmt: skip
    limits = entry.get("limits") or []
    for limit in limits:
        rules.append({"name": "rate limit", "rate_limit": f"{limit['max']}/{limit['window']}",
                      "on_deny": f"at most {limit['max']} calls of {name} {per(limit['window'])}"})  # fmt: skip
    if not rules:
        rules.append({"name": "allowed; loop guard", "rate_limit": LOOP_GUARD,
                      "on_deny": f"{name} is called too often: is the agent in a loop?"})  # fmt: skip
    return rules


def _condition(arg: str, check: Mapping[str, Any]) -> dict[str, Any] | None:
    path = f"args.{arg}"
    kind = check.get("kind")
    if kind == "path":
        return {"path": path, "op": "regex", "value": RELATIVE_PATH}
    if kind == "url":
        return {"path": path, "op": "regex", "value": PUBLIC_HTTPS}
    if kind == "amount":
        return {"path": path, "op": "lte", "value": check.get("max", 100)}
    if kind == "switch":
        return {"path": path, "op": "neq", "value": True}
    return None  # commands, SQL and recipients: the approval rule is the guard


def _yaml_rule(rule: Mapping[str, Any]) -> list[str]:
    out, first = [], True
    for key, value in rule.items():
        lead = "      - " if first else "        "
        first = False
        if key == "conditions":
            out.append(f"{lead}conditions:")
            for cond in value:
                out.append(f"          - path: {_quote(cond['path'])}")
                out.append(f"            op: {_quote(cond['op'])}")
                out.append(f"            value: {_scalar(cond['value'])}")
        else:
            out.append(f"{lead}{key}: {_scalar(value)}")
    return out


def per(window: str) -> str:
    return "an hour" if window == "hour" else f"a {window}"


def _quote(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is one): scraped names cannot break out of it."""
    return json.dumps(str(text), ensure_ascii=True)


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return _quote(value)
