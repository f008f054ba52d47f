"""A server's tool list in the catalogue: what it answered when it answered, else what its code declares.

One Tool row per (server, name), as every verdict, query and page keys on it. Its definition columns hold the
definition of the server's list: the answered one (origin ``introspected``) once a version answered, else the
declared one. The code's own definition is kept beside it in ``Tool.declared`` whatever the list is, so both are
kept and compared. A tool the code declares but the answer does not list is out of the list (``removed``) with
its declared definition kept: "declared, not listed", not gone.

The list is the server's latest answer, of any version: a version that fails to answer, or is not asked yet,
never takes away what an earlier answer showed (the catalogue never loses data on a failure). A later version
that answers replaces it, and the definitions that change with it enter the tool's history (rug-pull signals).
"""

from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from catalog.core.definition import ToolDefinition
from catalog.core.records import slugify
from catalog.differences import started
from catalog.models import Introspection, Package, Tool, ToolVersion


def latest_answer(session: Session, server_id: int) -> Introspection | None:
    """The server's latest answered introspection (any package, any version); None if none."""
    return session.exec(
        select(Introspection).join(Package, col(Package.id) == Introspection.package_id)
        .where(Package.server_id == server_id, Introspection.status == "answered")
        .order_by(col(Introspection.asked_at).desc(), col(Introspection.id).desc())
    ).first()


def answered_definitions(tools: list[dict[str, Any]]) -> list[ToolDefinition]:
    """An answer's tools as definitions of origin ``introspected``; an entry without a usable name is skipped (the
    answer is the server's, and a hostile server's is kept as data, never trusted to be well formed)."""
    out = []
    for entry in tools:
        try:
            out.append(ToolDefinition.from_mcp(entry, origin="introspected", confidence=1.0))
        except ValueError:
            continue
    return out


def declared_of(row: Tool) -> dict[str, Any] | None:
    """What the code declares for a stored tool: its ``declared`` column, or for a row written before that column
    existed, its own definition when that was not an answer."""
    if row.declared is not None:
        return row.declared
    if row.origin == "introspected" or row.removed:
        return None
    return ToolDefinition(
        row.name, row.title, row.description, row.input_schema, row.output_schema, row.annotations, row.origin,
        row.source_file, row.source_line, row.confidence,
    ).to_json()


def as_definition(declared: dict[str, Any]) -> ToolDefinition:
    extra = declared.get("extra")  # what extraction noted (the servers of a package that ships several) stays
    return ToolDefinition.from_mcp(declared, origin=declared.get("origin") or "source", file=declared.get("file"),
                                   line=declared.get("line"), confidence=declared.get("confidence") or 1.0,
                                   extra=dict(extra) if isinstance(extra, dict) else {})


def merge_tools(session: Session, server_id: int, declared: list[ToolDefinition], now: datetime
                ) -> tuple[list[str], list[str], list[str]]:
    """Write the server's list (its latest answer, else ``declared``) and keep ``declared`` beside it; returns the
    names of the tools new, changed and removed from the list. Of a package shipping several servers, the list is
    the answer of the one started and the declared tools of the others (``differences.started``): theirs, not
    declared and missing."""
    answer = latest_answer(session, server_id)
    own, others = started(declared, answer.started_with if answer is not None else None)
    by_name: dict[str, ToolDefinition] = {}
    for definition in own + others:  # the started server's definition of a name its siblings share stands
        by_name.setdefault(definition.name, definition)  # a definition listed twice: the first (best) one stands
    listed = list(by_name.values())
    if answer is not None:
        mine = {d.name for d in own}
        listed = answered_definitions(list(answer.tools or [])) + [d for d in others if d.name not in mine]
    existing = {t.name: t for t in session.exec(select(Tool).where(Tool.server_id == server_id)).all()}
    taken = {t.slug for t in existing.values()}
    new: list[str] = []
    changed: list[str] = []
    removed: list[str] = []
    seen: set[str] = set()
    versions: list[tuple[Tool, ToolDefinition]] = []  # written after one flush: one per row costs 8 ms each
    for definition in listed:
        if definition.name in seen:
            continue
        seen.add(definition.name)
        code = by_name.get(definition.name)
        row = existing.get(definition.name)
        if row is None:
            row = existing[definition.name] = _new_row(server_id, definition, taken, now)
            new.append(definition.name)
            new_version = True
        else:
            new_version = row.definition_hash != definition.definition_hash
            if new_version or row.removed:
                changed.append(definition.name)
            elif not _location_differs(row, definition) and row.declared == _json(code):
                continue
        _apply(row, definition, now)
        row.declared = _json(code)
        session.add(row)
        if new_version:
            versions.append((row, definition))
    for name, code in by_name.items():  # declared, not listed: kept out of the list, with what the code says
        if name not in seen and name not in existing:
            row = existing[name] = _new_row(server_id, code, taken, now)
            _apply(row, code, now)
            row.declared, row.removed, row.removed_at = _json(code), True, now
            session.add(row)
            versions.append((row, code))
    for name, row in existing.items():
        if name in seen:
            continue
        keep = _json(by_name.get(name))
        if not row.removed:
            row.removed, row.removed_at, row.last_changed = True, now, now
            removed.append(name)
        elif row.declared == keep:
            continue
        row.declared, row.last_changed = keep, now  # its page and the server's differences change with it
        session.add(row)
    if versions:
        session.flush()
    for row, definition in versions:
        assert row.id is not None
        session.add(ToolVersion(tool_id=row.id, definition_hash=definition.definition_hash,
                                definition=definition.to_mcp(), origin=definition.origin, seen_at=now))
    return new, changed, removed


def _json(definition: ToolDefinition | None) -> dict[str, Any] | None:
    return None if definition is None else definition.to_json()


def _new_row(server_id: int, definition: ToolDefinition, taken: set[str], now: datetime) -> Tool:
    return Tool(server_id=server_id, name=definition.name, slug=_tool_slug(taken, definition.name),
                definition_hash=definition.definition_hash, first_seen=now, last_changed=now)


def _tool_slug(taken: set[str], name: str) -> str:
    """A slug no other tool of the server has (``taken`` grows with it: one set for the whole list, not one per
    tool, so a 5,000-tool answer is not quadratic)."""
    base = slug = slugify(name)
    n = 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def _apply(row: Tool, definition: ToolDefinition, now: datetime) -> None:
    row.title, row.description = definition.title, definition.description
    row.input_schema, row.output_schema = definition.input_schema, definition.output_schema
    row.annotations = definition.annotations
    row.origin, row.source_file, row.source_line = definition.origin, definition.file, definition.line
    row.confidence = definition.confidence
    row.definition_hash = definition.definition_hash
    row.removed, row.removed_at, row.last_changed = False, None, now


def _location_differs(row: Tool, definition: ToolDefinition) -> bool:
    return (row.origin, row.source_file, row.source_line, row.confidence) != (
        definition.origin, definition.file, definition.line, definition.confidence)
