"""What the catalogue shows of introspection answers: a server's latest answer and how it differs from what its
code declares, for lookups, the site and the nightly report.

Plain SQL through ``Reader``, apart from the write side (``catalog.introspections``, SQLModel sessions), so that a
`mcprisk risk` lookup does not import SQLModel and SQLAlchemy's ORM at start-up (that import alone cost 300 ms).
"""

from typing import Any

from catalog.database import Reader
from catalog.differences import compare, started, tool_difference


def declared_tools(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The tools a server's code declares, from its stored tool rows (listed or not): each row's ``declared``, or
    for a row stored before that column, the row itself when its definition is not an answer."""
    out = []
    for row in rows:
        if row.get("declared") is not None:
            out.append(row["declared"])
        elif row.get("origin") != "introspected" and not row.get("removed"):
            out.append({"name": row["name"], "description": row.get("description")})
    return out


def server_introspection(reader: Reader, server_id: int, tools: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The latest answer of a server's packages (its latest failure when it never answered) and how it differs
    from the tools its code declares (``tools``: every stored tool row of the server); None when never asked."""
    rows = reader.rows(
        "SELECT p.registry_type, p.identifier, i.version, i.status, i.detail, i.tools, i.server_name, "
        "i.server_version, i.protocol_version, i.started_with, i.asked_at FROM introspection i "
        "JOIN package p ON p.id = i.package_id "
        "WHERE p.server_id = :sid ORDER BY (i.status = 'answered') DESC, i.asked_at DESC LIMIT 1",
        {"sid": server_id}, ("tools", "started_with"))
    if not rows:
        return None
    row = rows[0]
    answered = row["status"] == "answered"
    result = {**row, "tool_list": "introspected" if answered else "declared"}
    if answered:
        result["differences"] = compare(row["tools"], started(declared_tools(tools), row["started_with"])[0]).to_json()
    return result


def extraction_scores(reader: Reader) -> list[tuple[str, Any]]:
    """For every answered introspection (its latest per server), static extraction's tools of that server against
    the answer: the measure of extraction the nightly job reports."""
    rows = reader.rows(
        "SELECT s.id AS server_id, s.slug, i.tools, i.started_with FROM introspection i "
        "JOIN package p ON p.id = i.package_id "
        "JOIN server s ON s.id = p.server_id WHERE i.status = 'answered' ORDER BY s.slug, i.asked_at DESC",
        {}, ("tools", "started_with"))
    scores: list[tuple[str, Any]] = []
    seen: set[int] = set()
    for row in rows:
        if row["server_id"] in seen:
            continue
        seen.add(row["server_id"])
        stored = reader.rows("SELECT name, description, origin, removed, declared FROM tool WHERE server_id = :sid "
                             "ORDER BY id", {"sid": row["server_id"]}, ("declared",))
        scores.append((row["slug"], compare(row["tools"], started(declared_tools(stored), row["started_with"])[0])))
    return scores


def site_introspections(reader: Reader) -> dict[int, dict[str, Any]]:
    """For the site, in two bulk queries: per server id, its latest answer (else its latest failure) and the
    differences between what it answered and what its code declares, tool by tool."""
    asked: dict[int, dict[str, Any]] = {}
    for row in reader.rows(
        "SELECT p.server_id, p.registry_type, p.identifier, i.version, i.status, i.asked_at, "
        "json_array_length(i.tools) AS tools FROM introspection i JOIN package p ON p.id = i.package_id "
        "ORDER BY p.server_id, (i.status = 'answered') DESC, i.asked_at DESC, i.id DESC"):
        if row["server_id"] not in asked:  # the count in SQL: a rebuild's light scan reads this for every server
            asked[row["server_id"]] = {**row, "tools": row["tools"] or 0, "differences": []}
    for row in reader.rows(
        "SELECT server_id, name, slug, description, origin, removed, declared FROM tool "
        "WHERE origin = 'introspected' OR (removed AND declared IS NOT NULL) ORDER BY server_id, removed, name",
        {}, ("declared",)):
        found = tool_difference(row)
        if found is not None and row["server_id"] in asked:
            asked[row["server_id"]]["differences"].append(
                {"tool": row["name"], "slug": row["slug"], "listed": not row["removed"], **found})
    return asked
