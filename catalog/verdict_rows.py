"""A stored tool with its current verdict, as every reader of the catalogue gets it: the columns and joins that
load it, whether it is poisoned, its server's grade, and the JSON shape the CLI, the export and the site share."""

from typing import Any

from catalog.core.taxonomy import CATEGORIES, RISKS
from catalog.database import Reader
from catalog.differences import tool_difference

TOOL_JSON = (
    "input_schema", "output_schema", "annotations", "declared", "evidence", "rule_ids", "findings", "policy", "details"
)
TOOL_COLUMNS = """
    t.id, t.name, t.slug, t.title, t.description, t.input_schema, t.output_schema, t.annotations,
    t.origin, t.declared, t.source_file, t.source_line, t.definition_hash, t.removed, t.first_seen, t.last_changed,
    s.slug AS server, s.registry_name AS server_name, s.title AS server_title,
    a.category, a.risk, a.score, a.confidence, a.rationale, a.evidence, a.rule_ids, a.findings, a.policy,
    a.details, a.classifier, a.classifier_version, a.created_at AS classified_at
"""
TOOL_JOINS = "JOIN server s ON s.id = t.server_id LEFT JOIN assessment a ON a.tool_id = t.id AND a.is_current"
TOOL_FROM = f"FROM tool t {TOOL_JOINS}"


def tool_rows(
    reader: Reader, where: str, params: dict[str, Any], tail: str = "", source: str = TOOL_FROM
) -> list[dict[str, Any]]:
    rows = reader.rows(f"SELECT {TOOL_COLUMNS} {source} WHERE {where} {tail}", params, TOOL_JSON)
    for row in rows:
        row["removed"] = bool(row["removed"])
    return rows


_VERDICT_KEYS = ("category", "risk", "score", "confidence", "rationale", "evidence", "rule_ids", "findings", "policy")


def is_poisoned(findings: list[dict[str, Any]] | None) -> bool:
    """An integrity finding of high or critical severity: the definition addresses the agent, so it is denied
    (the same test as ``Verdict.poisoned``, on stored rows)."""
    return any(f.get("severity") in ("high", "critical") for f in findings or [])


def server_grade(tools: list[dict[str, Any]]) -> dict[str, Any]:
    """A server's verdict at a glance, from its offered tools' verdicts: the worst risk, how many tools are
    poisoned, the tools by category and how many are safe to allow by default (Low risk, not poisoned).

    The grade runs A (every tool Low) to D (a Critical tool); F when any tool is poisoned. ``rank`` sorts
    servers riskiest first."""
    risks = [t["risk"] for t in tools if t.get("risk")]
    worst = max(risks, key=RISKS.index) if risks else None
    flags = [t.get("findings") and is_poisoned(t["findings"]) for t in tools]  # most tools have no finding
    poisoned = sum(1 for flag in flags if flag)
    safe = sum(1 for t, flag in zip(tools, flags, strict=True) if t.get("risk") == "Low" and not flag)
    grade = "F" if poisoned else "ABCD"[RISKS.index(worst)] if worst else "-"
    critical = sum(1 for r in risks if r == "Critical")
    return {
        "grade": grade,
        "worst_risk": worst,
        "poisoned": poisoned,
        "safe_by_default": safe,
        "tools": len(tools),
        "category": count_by(tools, "category", CATEGORIES),
        "rank": (-poisoned, -(RISKS.index(worst) if worst else -1), -critical, safe - len(tools)),
    }


def tool_json(row: dict[str, Any]) -> dict[str, Any]:
    """A tool row with its verdict, in the shape every JSON output shares (CLI, export, the site's mirror)."""
    return {
        "server": row["server"],
        "server_name": row["server_name"],
        "tool": row["name"],
        "title": row["title"],
        "description": row["description"],
        "annotations": row["annotations"],
        "removed": bool(row["removed"]),
        "origin": row["origin"],
        "difference": tool_difference(row),
        "classified": row["category"] is not None,
        **{k: row[k] for k in _VERDICT_KEYS},
        "poisoned": is_poisoned(row["findings"]),
        "classifier": row["classifier"],
        "classified_at": row["classified_at"],
    }


def count_by(rows: list[dict[str, Any]], key: str, order: tuple[str, ...]) -> dict[str, int]:
    """How many rows hold each value of ``order`` under ``key`` (every value listed, in order): one pass."""
    found = dict.fromkeys(order, 0)
    for row in rows:
        if row[key] in found:
            found[row[key]] += 1
    return found
