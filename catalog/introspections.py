"""Introspections in the catalogue: what each package version answered in the sandbox, kept per version beside
what its code declares, and the versions not asked yet (the nightly job's work list).

A server's tool list is what it answered when it answered, else what its code declares: ``server_tools`` says which,
and ``catalog.differences`` says where the two part.
"""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from catalog.database import Reader
from catalog.differences import compare, tool_difference
from catalog.models import Introspection, Package, Tool
from catalog.store import Store
from catalog.toollists import declared_of

ASKED_REGISTRIES = ("npm", "pypi")
_FIELDS = ("status", "detail", "tools", "server_name", "server_version", "protocol_version", "instructions",
           "started_with", "stderr_tail", "sandboxed", "seconds")


def pending(engine: Engine, limit: int | None = None) -> list[dict[str, Any]]:
    """Package versions never asked, one entry per (registry, name, version), with what server.json says of them."""
    with Session(engine) as session:
        asked = {(i.package_id, i.version) for i in session.exec(select(Introspection))}
        rows = session.exec(select(Package).where(col(Package.registry_type).in_(ASKED_REGISTRIES))
                            .where(col(Package.version).is_not(None)).order_by(col(Package.id)))
        found: dict[tuple[str, str, str], dict[str, Any]] = {}
        for package in rows:
            if (package.id, package.version) in asked or package.version in ("", "latest"):
                continue
            key = (package.registry_type, package.identifier, package.version)
            found.setdefault(key, {"registry": key[0], "name": key[1], "version": key[2], "package": {
                "environmentVariables": package.env_vars, "transport": {"type": package.transport},
                "runtimeHint": package.runtime_hint}})
            if limit is not None and len(found) >= limit:
                break
        return list(found.values())


def save(engine: Engine, registry: str, name: str, version: str, answer: dict[str, Any]) -> int:
    """Keep one answer (an Outcome's JSON) for every catalogued package of that registry, name and version, with
    the tools its code declared then; and when it answered, make the answer its server's tool list.

    Asked again, an answer replaces the version's earlier answer or failure, but a failure never replaces an
    answer: the catalogue keeps what it had. Returns how many rows were written."""
    written, servers = 0, set()
    answered = answer.get("status") == "answered"
    with Session(engine) as session:
        packages = session.exec(select(Package).where(Package.registry_type == registry,
                                                      Package.identifier == name, Package.version == version))
        for package in packages:
            row = session.exec(select(Introspection).where(Introspection.package_id == package.id,
                                                           Introspection.version == version)).first()
            if row is not None and not answered:
                continue
            if row is not None:
                session.delete(row)
                session.flush()
            session.add(Introspection(package_id=package.id, version=version, asked_at=datetime.now(UTC),
                                      declared=_declared(session, package.server_id),
                                      **{k: answer.get(k) for k in _FIELDS if answer.get(k) is not None}))
            servers.add(package.server_id)
            written += 1
        session.commit()
    if answered:
        store = Store(engine)
        for server_id in sorted(servers):
            store.relist(server_id)
    return written


def _declared(session: Session, server_id: int) -> list[dict[str, Any]]:
    rows = session.exec(select(Tool).where(Tool.server_id == server_id).order_by(col(Tool.id))).all()
    return [d for d in map(declared_of, rows) if d is not None]


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
        "i.server_version, i.protocol_version, i.asked_at FROM introspection i JOIN package p ON p.id = i.package_id "
        "WHERE p.server_id = :sid ORDER BY (i.status = 'answered') DESC, i.asked_at DESC LIMIT 1",
        {"sid": server_id}, ("tools",))
    if not rows:
        return None
    row = rows[0]
    answered = row["status"] == "answered"
    result = {**row, "tool_list": "introspected" if answered else "declared"}
    if answered:
        result["differences"] = compare(row["tools"], declared_tools(tools)).to_json()
    return result


def extraction_scores(reader: Reader) -> list[tuple[str, Any]]:
    """For every answered introspection (its latest per server), static extraction's tools of that server against
    the answer: the measure of extraction the nightly job reports."""
    rows = reader.rows(
        "SELECT s.id AS server_id, s.slug, i.tools FROM introspection i JOIN package p ON p.id = i.package_id "
        "JOIN server s ON s.id = p.server_id WHERE i.status = 'answered' ORDER BY s.slug, i.asked_at DESC",
        {}, ("tools",))
    scores: list[tuple[str, Any]] = []
    seen: set[int] = set()
    for row in rows:
        if row["server_id"] in seen:
            continue
        seen.add(row["server_id"])
        stored = reader.rows("SELECT name, description, origin, removed, declared FROM tool WHERE server_id = :sid "
                             "ORDER BY id", {"sid": row["server_id"]}, ("declared",))
        scores.append((row["slug"], compare(row["tools"], declared_tools(stored))))
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
