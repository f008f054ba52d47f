"""Merging one source's view of a server into the catalogue: idempotent upserts, definition history, removals.

Each server is written in one transaction, so a crash or a bad record half-way through leaves
that server exactly as it was; and writing the same record twice changes nothing the second time.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from catalog.core.definition import ToolDefinition
from catalog.core.errors import InputError, NotFoundError
from catalog.core.records import (
    PackageRecord,
    ServerRecord,
    normalise_repository_url,
    server_slug_base,
)
from catalog.models import Package, Server, Tool
from catalog.toollists import as_definition, declared_of, merge_tools

_SERVER_FIELDS = ("registry_name", "title", "description", "website", "version", "license", "stars", "status")
_PACKAGE_FIELDS = ("version", "transport", "registry_base_url", "runtime_hint", "env_vars")


@dataclass
class UpsertResult:
    server_id: int
    slug: str
    status: str  # new, updated, unchanged
    tools_new: list[str] = field(default_factory=list)
    tools_changed: list[str] = field(default_factory=list)
    tools_removed: list[str] = field(default_factory=list)


def now_utc() -> datetime:
    return datetime.now(UTC)


class Upserts:
    """The server and tool writes of :class:`catalog.store.Store`."""

    engine: Engine

    # -- servers -----------------------------------------------------------------------------

    def upsert_server(self, record: ServerRecord, source: str, now: datetime | None = None) -> UpsertResult:
        """Merge one source's view of a server into the catalogue, atomically."""
        now = now or now_utc()
        if not record.identity():
            raise InputError("a server record needs a repository URL, a registry name or a package")
        with Session(self.engine) as session, session.begin():
            server = self._find(session, record)
            is_new = changed = server is None
            if server is None:
                server = Server(
                    slug=self._free_slug(session, server_slug_base(record)), first_seen=now, last_changed=now
                )
                session.add(server)
            changed |= self._merge_fields(server, record, source)
            session.flush()
            assert server.id is not None
            changed |= self._merge_packages(session, server.id, record.packages)
            result = UpsertResult(server.id, server.slug, "new" if is_new else "unchanged")
            if record.tools is not None:
                self._merge_tools(session, server.id, record.tools, now, result)
            touched = changed or result.tools_new or result.tools_changed or result.tools_removed
            if touched:
                server.last_changed = now
                result.status = "new" if is_new else "updated"
            return result

    def _find(self, session: Session, record: ServerRecord) -> Server | None:
        for kind, key in record.identity():
            if kind == "repository":
                found = session.exec(select(Server).where(Server.repository_url == key)).first()
            elif kind == "package":
                registry_type, _, identifier = key.partition(":")
                found = session.exec(
                    select(Server)
                    .join(Package)
                    .where(Package.registry_type == registry_type, Package.identifier == identifier)
                ).first()
            else:
                found = session.exec(select(Server).where(Server.registry_name == key)).first()
            if found is not None:
                return found
        return None

    def _free_slug(self, session: Session, base: str) -> str:
        taken = set(session.exec(select(Server.slug).where(col(Server.slug).startswith(base))).all())
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        return slug

    def _merge_fields(self, server: Server, record: ServerRecord, source: str) -> bool:
        changed = False
        values: dict[str, Any] = {f: getattr(record, f) for f in _SERVER_FIELDS}
        values["repository_url"] = normalise_repository_url(record.repository_url)
        for name, value in values.items():
            if value is not None and getattr(server, name) != value:
                setattr(server, name, value)
                changed = True
        if source not in (server.sources or []):
            server.sources = sorted({*(server.sources or []), source})
            changed = True
        if record.extra and {**(server.extra or {}), **record.extra} != (server.extra or {}):
            server.extra = {**(server.extra or {}), **record.extra}
            changed = True
        return changed

    def _merge_packages(self, session: Session, server_id: int, packages: list[PackageRecord]) -> bool:
        changed = False
        for rec in packages:
            row = session.exec(
                select(Package).where(
                    Package.server_id == server_id,
                    Package.registry_type == rec.registry_type,
                    Package.identifier == rec.identifier,
                )
            ).first()
            if row is None:
                row = Package(server_id=server_id, registry_type=rec.registry_type, identifier=rec.identifier)
                session.add(row)
                changed = True
            for name in _PACKAGE_FIELDS:
                value = getattr(rec, name)
                if value not in (None, []) and getattr(row, name) != value:
                    setattr(row, name, value)
                    changed = True
        return changed

    # -- tools -------------------------------------------------------------------------------

    def _merge_tools(
        self, session: Session, server_id: int, tools: list[ToolDefinition], now: datetime, result: UpsertResult
    ) -> None:
        new, changed, removed = merge_tools(session, server_id, tools, now)
        result.tools_new += new
        result.tools_changed += changed
        result.tools_removed += removed

    def relist(self, server_id: int, now: datetime | None = None) -> UpsertResult:
        """Write a server's tool list again from what it has, after a new answer: the answered list replaces the
        declared one (kept beside it), atomically."""
        now = now or now_utc()
        with Session(self.engine) as session, session.begin():
            server = session.get(Server, server_id)
            if server is None:
                raise NotFoundError(f"no server with id {server_id}")
            rows = session.exec(select(Tool).where(Tool.server_id == server_id).order_by(col(Tool.id))).all()
            declared = [as_definition(d) for d in map(declared_of, rows) if d is not None]
            result = UpsertResult(server_id, server.slug, "unchanged")
            self._merge_tools(session, server_id, declared, now, result)
            if result.tools_new or result.tools_changed or result.tools_removed:
                server.last_changed, result.status = now, "updated"
                session.add(server)
            return result

    def find_server(self, record: ServerRecord) -> Server | None:
        """The catalogue's server this record would merge into (by the same identity keys as upserts)."""
        with Session(self.engine) as session:
            return self._find(session, record)

