"""Writing the catalogue: idempotent upserts, definition history, removal marking, assessments, runs.

Each server is written in one transaction, so a crash or a bad record half-way through leaves
that server exactly as it was; and writing the same record twice changes nothing the second time.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from catalog.definition import ToolDefinition
from catalog.errors import InputError
from catalog.models import Assessment, CrawlRun, LLMCache, Package, Server, Tool, ToolVersion, Validator
from catalog.records import (
    PackageRecord,
    ServerInfo,
    ServerRecord,
    normalise_repository_url,
    server_slug_base,
    slugify,
)

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


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

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
        existing = {t.name: t for t in session.exec(select(Tool).where(Tool.server_id == server_id)).all()}
        seen: set[str] = set()
        for definition in tools:
            if definition.name in seen:
                continue  # a definition listed twice: the first (best) one stands
            seen.add(definition.name)
            row = existing.get(definition.name)
            digest = definition.definition_hash
            if row is None:
                row = Tool(
                    server_id=server_id,
                    name=definition.name,
                    slug=self._tool_slug(existing, definition.name),
                    definition_hash=digest,
                    first_seen=now,
                    last_changed=now,
                )
                existing[definition.name] = row
                result.tools_new.append(definition.name)
                new_version = True
            else:
                new_version = row.definition_hash != digest
                if new_version or row.removed:
                    result.tools_changed.append(definition.name)
                elif not _location_differs(row, definition):
                    continue
            _apply_definition(row, definition, now)
            session.add(row)
            if new_version:
                session.flush()
                assert row.id is not None
                session.add(
                    ToolVersion(tool_id=row.id, definition_hash=digest, definition=definition.to_mcp(), seen_at=now)
                )
        for name, row in existing.items():
            if name not in seen and not row.removed:
                row.removed, row.removed_at, row.last_changed = True, now, now
                session.add(row)
                result.tools_removed.append(name)

    @staticmethod
    def _tool_slug(existing: dict[str, Tool], name: str) -> str:
        taken = {t.slug for t in existing.values()}
        base = slug = slugify(name)
        n = 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        return slug

    # -- assessments -------------------------------------------------------------------------

    def tools_to_classify(
        self, classifier: str, version: str, all: bool = False
    ) -> Iterator[tuple[int, ToolDefinition, ServerInfo]]:
        """Tools whose current verdict is missing or was made for another definition or classifier version."""
        with Session(self.engine) as session:
            stmt = (
                select(Tool, Assessment)
                .outerjoin(Assessment, (col(Assessment.tool_id) == Tool.id) & col(Assessment.is_current))
                .where(col(Tool.removed).is_(False))
                .order_by(Tool.server_id, Tool.id)
            )
            servers: dict[int, ServerInfo] = {}
            for tool, current in session.exec(stmt):
                up_to_date = (
                    current is not None
                    and current.definition_hash == tool.definition_hash
                    and current.classifier == classifier
                    and current.classifier_version == version
                )
                if up_to_date and not all:
                    continue
                if tool.server_id not in servers:
                    servers[tool.server_id] = self._server_info(session, tool.server_id)
                assert tool.id is not None
                yield tool.id, tool_definition(tool), servers[tool.server_id]

    def _server_info(self, session: Session, server_id: int) -> ServerInfo:
        server = session.get(Server, server_id)
        assert server is not None
        names = session.exec(
            select(Tool.name).where(Tool.server_id == server_id, col(Tool.removed).is_(False)).order_by(Tool.name)
        ).all()
        return ServerInfo(
            server.slug, server.registry_name or server.slug, server.title, server.description, list(names)
        )

    def save_assessment(
        self, tool_id: int, definition_hash: str, classifier: str, classifier_version: str, fields: dict[str, Any]
    ) -> int:
        """Record a verdict and make it the tool's current one; earlier verdicts stay as history."""
        with Session(self.engine) as session, session.begin():
            session.execute(update(Assessment).where(col(Assessment.tool_id) == tool_id).values(is_current=False))
            row = Assessment(
                tool_id=tool_id,
                definition_hash=definition_hash,
                classifier=classifier,
                classifier_version=classifier_version,
                created_at=now_utc(),
                is_current=True,
                **fields,
            )
            session.add(row)
            session.flush()
            assert row.id is not None
            return row.id

    def packages(self, registry_type: str) -> list[tuple[str, str | None, dict[str, Any], bool]]:
        """Every package of a registry the catalogue knows, in one query: its identifier, the version its server
        names, that server's extras and whether the server has tools (a package on two servers: two rows)."""
        offers = select(Tool.id).where(Tool.server_id == Server.id, col(Tool.removed).is_(False)).exists()
        with Session(self.engine) as session:
            rows = session.exec(
                select(Package.identifier, Package.version, Server.extra, offers)
                .join(Server, col(Server.id) == Package.server_id)
                .where(Package.registry_type == registry_type)
                .order_by(Package.identifier, Package.id)
            ).all()
        return [(identifier, version, extra or {}, bool(tools)) for identifier, version, extra, tools in rows]

    def find_server(self, record: ServerRecord) -> Server | None:
        """The catalogue's server this record would merge into (by the same identity keys as upserts)."""
        with Session(self.engine) as session:
            return self._find(session, record)

    def repositories(
        self, host: str, packages: tuple[str, ...] = ("npm", "pypi")
    ) -> list[tuple[str, dict[str, Any], bool]]:
        """Every normalised repository URL on ``host`` the catalogue knows, with its server's extras and whether
        the server has tools and one of the ``packages`` sources (then its tools came with a package)."""
        offers = select(Tool.id).where(Tool.server_id == Server.id, col(Tool.removed).is_(False)).exists()
        with Session(self.engine) as session:
            rows = session.exec(
                select(Server.repository_url, Server.extra, Server.sources, offers)
                .where(col(Server.repository_url).startswith(f"{host}/"))
                .order_by(Server.repository_url)
            ).all()
        return [
            (url, extra or {}, bool(tools) and any(s in packages for s in sources or []))
            for url, extra, sources, tools in rows
            if url
        ]

    # -- conditional requests ----------------------------------------------------------------

    def validators(self) -> dict[str, tuple[str | None, str | None]]:
        """URL -> (ETag, Last-Modified) of every upstream answer whose result the catalogue holds."""
        with Session(self.engine) as session:
            rows = session.exec(select(Validator.url, Validator.etag, Validator.last_modified)).all()
        return {url: (etag, modified) for url, etag, modified in rows}

    def save_validators(self, validators: dict[str, tuple[str | None, str | None]]) -> None:
        """Remember what each URL answered, once what it answered is stored."""
        if not validators:
            return
        with Session(self.engine) as session, session.begin():
            rows = {v.url: v for v in session.exec(select(Validator).where(col(Validator.url).in_(validators)))}
            for url, (etag, modified) in validators.items():
                row = rows.get(url) or Validator(url=url, saved_at=now_utc())
                if (row.etag, row.last_modified) != (etag, modified) or row.id is None:
                    row.etag, row.last_modified, row.saved_at = etag, modified, now_utc()
                    session.add(row)

    # -- LLM answers ------------------------------------------------------------------------

    def llm_answer(self, definition_hash: str, model: str, prompt_version: str) -> LLMCache | None:
        with Session(self.engine) as session:
            return session.exec(
                select(LLMCache).where(
                    LLMCache.definition_hash == definition_hash,
                    LLMCache.model == model,
                    LLMCache.prompt_version == prompt_version,
                )
            ).first()

    def save_llm_answer(
        self, definition_hash: str, model: str, prompt_version: str, answer: dict[str, Any], tokens: tuple[int, int]
    ) -> None:
        with Session(self.engine) as session, session.begin():
            session.add(
                LLMCache(
                    definition_hash=definition_hash,
                    model=model,
                    prompt_version=prompt_version,
                    answer=answer,
                    prompt_tokens=tokens[0],
                    completion_tokens=tokens[1],
                    created_at=now_utc(),
                )
            )

    # -- crawl runs --------------------------------------------------------------------------

    def start_run(self, source: str) -> int:
        with Session(self.engine) as session, session.begin():
            run = CrawlRun(source=source, started=now_utc())
            session.add(run)
            session.flush()
            assert run.id is not None
            return run.id

    def finish_run(self, run_id: int, status: str, counts: dict[str, Any], error: str | None = None) -> None:
        with Session(self.engine) as session, session.begin():
            run = session.get(CrawlRun, run_id)
            assert run is not None
            run.finished, run.status, run.counts, run.error = now_utc(), status, counts, error

    def last_successful_run(self, source: str) -> CrawlRun | None:
        """The latest run that got through (a few malformed records make it partial, not failed)."""
        with Session(self.engine) as session:
            return session.exec(
                select(CrawlRun)
                .where(CrawlRun.source == source, col(CrawlRun.status).in_(("ok", "partial")))
                .order_by(col(CrawlRun.started).desc())
            ).first()


def tool_definition(tool: Tool) -> ToolDefinition:
    """The stored tool as the shared definition type."""
    return ToolDefinition(
        name=tool.name,
        title=tool.title,
        description=tool.description,
        input_schema=tool.input_schema,
        output_schema=tool.output_schema,
        annotations=tool.annotations,
        origin=tool.origin,
        file=tool.source_file,
        line=tool.source_line,
        confidence=tool.confidence,
    )


def _apply_definition(row: Tool, definition: ToolDefinition, now: datetime) -> None:
    row.title, row.description = definition.title, definition.description
    row.input_schema, row.output_schema = definition.input_schema, definition.output_schema
    row.annotations = definition.annotations
    row.origin, row.source_file, row.source_line = definition.origin, definition.file, definition.line
    row.confidence = definition.confidence
    row.definition_hash = definition.definition_hash
    row.removed, row.removed_at, row.last_changed = False, None, now


def _location_differs(row: Tool, definition: ToolDefinition) -> bool:
    return (row.origin, row.source_file, row.source_line, row.confidence) != (
        definition.origin,
        definition.file,
        definition.line,
        definition.confidence,
    )
