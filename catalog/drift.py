"""What changed in the catalogue since a moment: new servers and tools, changed definitions, risk that
went up, new integrity findings, and the rug-pull signals a changed definition can carry.

A rug pull is a server that earns trust with harmless tools and then changes them. Every distinct
definition is kept (ToolVersion), so each change can be compared with the definition before it.
"""

import json
from datetime import datetime
from typing import Any

from catalog.core.taxonomy import RISKS
from catalog.database import Reader

# How many tools an established server must have had before "all its tools changed at once" means anything.
ALL_CHANGED_MIN_TOOLS = 3
_HINTS = ("readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint")


def changes_since(reader: Reader, since: datetime | str) -> dict[str, Any]:
    """Everything the catalogue learned after ``since``, with rug-pull signals; plain JSON-ready data."""
    when = {"since": since if isinstance(since, str) else since.isoformat(sep=" ")}
    new_servers = reader.rows(
        "SELECT slug, registry_name, first_seen FROM server WHERE first_seen > :since ORDER BY slug", when
    )
    new_tools = reader.rows(
        "SELECT s.slug AS server, t.name AS tool, t.first_seen, s.first_seen <= :since AND NOT ("
        # a tool first seen in the server's first answer was there all along, unread by static extraction
        " t.origin = 'introspected' AND NOT EXISTS (SELECT 1 FROM toolversion v JOIN tool o ON o.id = v.tool_id "
        " WHERE o.server_id = t.server_id AND v.origin = 'introspected' AND v.seen_at < t.first_seen)) AS established "
        "FROM tool t JOIN server s ON s.id = t.server_id WHERE t.first_seen > :since ORDER BY s.slug, t.name",
        when,
    )
    removed = reader.rows(
        "SELECT s.slug AS server, t.name AS tool, t.removed_at FROM tool t JOIN server s ON s.id = t.server_id "
        "WHERE t.removed AND t.removed_at > :since ORDER BY s.slug, t.name",
        when,
    )
    changed = _changed_definitions(reader, when)
    risk_up, new_findings = _verdict_changes(reader, when)
    signals = _signals(reader, changed, risk_up, new_findings, new_tools)
    for row in new_tools:
        row["established"] = bool(row["established"])
    return {
        "since": when["since"],
        "new_servers": new_servers,
        "new_tools": new_tools,
        "changed_tools": [{k: v for k, v in c.items() if k not in ("before", "after", "reread")}
                          for c in changed if not c["reread"]],
        "removed_tools": removed,
        "risk_up": risk_up,
        "new_findings": new_findings,
        "signals": signals,
    }


def _changed_definitions(reader: Reader, when: dict[str, Any]) -> list[dict[str, Any]]:
    """Each definition seen after ``since`` that replaced an earlier one, with the one it replaced."""
    rows = reader.rows(
        "SELECT v.id, v.tool_id, v.definition, v.origin, v.seen_at, t.name AS tool, s.slug AS server, t.server_id, "
        "(SELECT p.definition FROM toolversion p WHERE p.tool_id = v.tool_id AND p.id < v.id "
        " ORDER BY p.id DESC LIMIT 1) AS previous, "
        "(SELECT p.origin FROM toolversion p WHERE p.tool_id = v.tool_id AND p.id < v.id "
        " ORDER BY p.id DESC LIMIT 1) AS previous_origin "
        "FROM toolversion v JOIN tool t ON t.id = v.tool_id JOIN server s ON s.id = t.server_id "
        "WHERE v.seen_at > :since ORDER BY s.slug, t.name, v.id",
        when,
        ("definition", "previous"),
    )
    out = []
    for row in rows:
        if row["previous"] is None:
            continue  # a new tool's first definition, not a change
        before, after = row["previous"], row["definition"]
        fields = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
        out.append(
            {
                "server": row["server"],
                "tool": row["tool"],
                "tool_id": row["tool_id"],
                "server_id": row["server_id"],
                "seen_at": row["seen_at"],
                "fields": fields,
                # read another way (the server's answer after its code): a difference, not the server changing
                "reread": None not in (row["origin"], row["previous_origin"])
                and row["origin"] != row["previous_origin"],
                "before": before,
                "after": after,
            }
        )
    return out


def _verdict_changes(reader: Reader, when: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Current verdicts made after ``since`` compared with the verdict each one replaced."""
    rows = reader.rows(
        "SELECT s.slug AS server, t.name AS tool, a.tool_id, a.risk, a.category, a.findings, "
        "(SELECT p.risk FROM assessment p WHERE p.tool_id = a.tool_id AND p.id < a.id ORDER BY p.id DESC LIMIT 1)"
        " AS previous_risk, "
        "(SELECT p.category FROM assessment p WHERE p.tool_id = a.tool_id AND p.id < a.id ORDER BY p.id DESC LIMIT 1)"
        " AS previous_category, "
        "(SELECT p.findings FROM assessment p WHERE p.tool_id = a.tool_id AND p.id < a.id ORDER BY p.id DESC LIMIT 1)"
        " AS previous_findings "
        "FROM assessment a JOIN tool t ON t.id = a.tool_id JOIN server s ON s.id = t.server_id "
        "WHERE a.is_current AND a.created_at > :since ORDER BY s.slug, t.name",
        when,
        ("findings", "previous_findings"),
    )
    risk_up, new_findings = [], []
    for row in rows:
        before = row["previous_risk"]
        if before is not None and RISKS.index(row["risk"]) > RISKS.index(before):
            risk_up.append(
                {
                    "server": row["server"],
                    "tool": row["tool"],
                    "from": before,
                    "to": row["risk"],
                    "category_from": row["previous_category"],
                    "category_to": row["category"],
                }
            )
        known = {_finding_key(f) for f in row["previous_findings"] or []}
        for finding in row["findings"] or []:
            if _finding_key(finding) not in known:
                new_findings.append({"server": row["server"], "tool": row["tool"], **finding})
    return risk_up, new_findings


def _signals(
    reader: Reader,
    changed: list[dict[str, Any]],
    risk_up: list[dict[str, Any]],
    new_findings: list[dict[str, Any]],
    new_tools: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    signals: list[dict[str, Any]] = []

    def signal(kind: str, server: str, tool: str | None, message: str) -> None:
        signals.append({"signal": kind, "server": server, "tool": tool, "message": message})

    # The integrity scanner is the judge of what an instruction is: a changed definition whose new verdict
    # carries findings the previous verdict did not is a description (or schema) that gained instructions.
    flagged = {(f["server"], f["tool"]) for f in new_findings}
    for change in changed:
        before, after = change["before"], change["after"]
        if (change["server"], change["tool"]) in flagged:
            signal(
                "description_gains_instructions",
                change["server"],
                change["tool"],
                f"the changed definition ({', '.join(change['fields'])}) brought new integrity findings",
            )
        if change["reread"]:
            if (before.get("description") or "").strip() != (after.get("description") or "").strip():
                signal("description_differs_at_run_time", change["server"], change["tool"],
                       "the server tells clients another description than its code declares")
            continue
        old_hints, new_hints = before.get("annotations") or {}, after.get("annotations") or {}
        for hint in _HINTS:
            if hint in old_hints and hint in new_hints and old_hints[hint] != new_hints[hint]:
                signal(
                    "annotation_flipped",
                    change["server"],
                    change["tool"],
                    f"{hint} changed from {json.dumps(old_hints[hint])} to {json.dumps(new_hints[hint])}",
                )
    for rise in risk_up:
        if rise["category_from"] == "Read" and rise["category_to"] != "Read":
            signal(
                "read_only_tool_now_writes",
                rise["server"],
                rise["tool"],
                f"was Read, now {rise['category_to']} ({rise['from']} to {rise['to']} risk)",
            )
    for tool in new_tools:
        if tool["established"]:
            signal(
                "new_tool_on_established_server",
                tool["server"],
                tool["tool"],
                "a tool appeared on a server already in the catalogue",
            )
    by_server: dict[int, set[str]] = {}
    for change in changed:
        if not change["reread"]:
            by_server.setdefault(change["server_id"], set()).add(change["tool"])
    for server_id, tools in by_server.items():
        total = reader.one(
            "SELECT count(*) AS n, max(s.slug) AS slug FROM tool t JOIN server s ON s.id = t.server_id "
            "WHERE t.server_id = :sid AND NOT t.removed",
            {"sid": server_id},
        )
        if total and total["n"] >= ALL_CHANGED_MIN_TOOLS and len(tools) >= total["n"]:
            signal("all_tools_changed", total["slug"], None, f"all {total['n']} tools changed at once")
    return signals


def _finding_key(finding: dict[str, Any]) -> tuple[Any, ...]:
    return finding.get("rule"), finding.get("field"), finding.get("text")
