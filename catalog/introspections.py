"""Introspections in the catalogue: what each package version answered in the sandbox, kept per version beside
what its code declares, and the versions not asked yet (the nightly job's work list).

A server's tool list is what it answered when it answered, else what its code declares. This is the write side
(SQLModel sessions); ``catalog.answers`` reads answers back for lookups and the site, and ``catalog.differences``
says where the two lists part.
"""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, select

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
