"""Opening a catalogue: the engine, SQLite's pragmas, and the schema check that guards every command.

Two ways in. Writers get a SQLAlchemy engine (SQLite or PostgreSQL). Query commands on SQLite go
through the standard library's ``sqlite3`` instead, because importing SQLAlchemy alone costs more
than the half second a lookup is allowed; both see the same schema, checked the same way.
"""

import json
import re
import sqlite3
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from catalog.core.errors import ConfigError, SchemaError

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
_REVISION_FILE = re.compile(r"^(\d{4})_\w+\.py$")


def head_revision() -> str:
    """The newest schema revision this code knows, read from file names without importing Alembic.

    Revisions are numbered ``0001``, ``0002``… and each file is named after its revision, so the
    highest number is the head (a test checks this against Alembic's own answer).
    """
    return max(m.group(1) for p in (MIGRATIONS_DIR / "versions").iterdir() if (m := _REVISION_FILE.match(p.name)))


def known_revisions() -> set[str]:
    return {m.group(1) for p in (MIGRATIONS_DIR / "versions").iterdir() if (m := _REVISION_FILE.match(p.name))}


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """For Alembic: full-text tables and indexes come from raw SQL in the migrations, not from the models."""
    return not ((type_ == "table" and "_fts" in (name or "")) or (type_ == "index" and "_fulltext" in (name or "")))


def sqlite_file(url: str) -> Path | None:
    """The file behind a ``sqlite:///`` URL, or None for any other database."""
    if not url.startswith("sqlite:"):
        return None
    # sqlite:///relative.db and sqlite:////absolute/path.db: the path is all after the third slash.
    path = url[len("sqlite:///") :] if url.startswith("sqlite:///") else ""
    if not path or path == ":memory:":
        raise ConfigError(f"use a file for the catalogue, not {url!r}")
    return Path(path)


def make_engine(url: str) -> "Engine":
    """An engine with SQLite set up for a catalogue: WAL (readers never block the nightly writer),
    foreign keys enforced, and a busy timeout instead of instant 'database is locked' errors."""
    from sqlalchemy import create_engine, event

    if url.startswith("sqlite:"):
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        return engine
    try:
        return create_engine(url, pool_pre_ping=True)
    except Exception as exc:  # unknown dialect, missing driver: say which
        raise ConfigError(f"cannot use database URL {url!r}: {exc}") from None


def _check_revision(found: str | None, has_tables: bool, where: str) -> bool:
    """True when the schema must be upgraded; raises when it can never be read by this version."""
    head = head_revision()
    if found == head:
        return False
    if found is None:
        if has_tables:
            raise SchemaError(f"{where} is not an mcprisk catalogue (it has tables but no schema revision)")
        return True
    if found not in known_revisions():
        raise SchemaError(
            f"{where} was written by a newer mcprisk (schema {found}); "
            f"this version reads schema {head}: upgrade mcprisk"
        )
    return True


def upgrade(url: str) -> None:
    """Bring the schema to the head revision with Alembic (creates a new catalogue too)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["database_url"] = url
    command.upgrade(config, "head")


def open_engine(url: str) -> "Engine":
    """An engine on a catalogue at the current schema, upgrading an older one in place."""
    from sqlalchemy import inspect, text

    path = sqlite_file(url)
    if path is not None and path.parent and not path.parent.exists():
        raise ConfigError(f"cannot create the catalogue {path}: folder {path.parent} does not exist")
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            found = (
                conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
                if "alembic_version" in tables
                else None
            )
    except SchemaError:
        raise
    except Exception as exc:
        raise ConfigError(f"cannot open the catalogue at {url}: {exc}") from None
    if _check_revision(found, bool(tables - {"alembic_version"}), str(path or url)):
        upgrade(url)
        if found is not None:
            print(f"upgraded the catalogue schema from {found} to {head_revision()}", file=sys.stderr)
    return engine


class Reader:
    """Read-only queries with named parameters (``:name``), the same SQL on SQLite and PostgreSQL."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._conn: sqlite3.Connection | None = None
        self._engine: Engine | None = None
        path = sqlite_file(url)
        if path is not None:
            if not path.exists():
                raise ConfigError(
                    f"no catalogue at {path}: run `mcprisk nightly --sample` (or `mcprisk crawl`) first, or pass --db"
                )
            self._conn = self._open_sqlite(path)
        else:
            self._engine = open_engine(url)
        self.dialect = "sqlite" if self._conn is not None else self._engine.dialect.name  # type: ignore[union-attr]

    def _open_sqlite(self, path: Path) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(path, timeout=30)
            conn.row_factory = sqlite3.Row
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            found = (
                conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
                if "alembic_version" in names
                else None
            )
        except sqlite3.DatabaseError as exc:
            raise ConfigError(f"{path} is not a readable SQLite catalogue: {exc}") from None
        if _check_revision(found, bool(names - {"alembic_version"}), str(path)):
            conn.close()
            open_engine(self.url).dispose()
            return self._open_sqlite(path)
        return conn

    def rows(
        self, sql: str, params: dict[str, Any] | None = None, json_columns: Iterable[str] = ()
    ) -> list[dict[str, Any]]:
        out = list(self._execute(sql, params or {}))
        for column in json_columns:
            for row in out:
                if isinstance(row.get(column), str):
                    row[column] = json.loads(row[column])
        return out

    def one(
        self, sql: str, params: dict[str, Any] | None = None, json_columns: Iterable[str] = ()
    ) -> dict[str, Any] | None:
        found = self.rows(sql, params, json_columns)
        return found[0] if found else None

    def values(self, sql: str, params: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
        """Rows as plain tuples, duplicate column names kept: the cheapest shape to scan a whole table in."""
        if self._conn is not None:
            cursor = self._conn.cursor()
            cursor.row_factory = None
            return cursor.execute(sql, params or {}).fetchall()
        from sqlalchemy import text

        assert self._engine is not None
        with self._engine.connect() as conn:
            return [tuple(row) for row in conn.execute(text(sql), params or {})]

    def columns(self, table: str) -> list[str]:
        """A table's column names in order, as the database has them: for a query that must name every column
        (a row's digest covers columns added after it was written)."""
        sql = f"SELECT * FROM {table} LIMIT 0"
        if self._conn is not None:
            return [column[0] for column in self._conn.execute(sql).description]
        from sqlalchemy import text

        assert self._engine is not None
        with self._engine.connect() as conn:
            return list(conn.execute(text(sql)).keys())

    def _execute(self, sql: str, params: dict[str, Any]) -> Iterator[dict[str, Any]]:
        if self._conn is not None:
            for row in self._conn.execute(sql, params):
                yield dict(row)
            return
        from sqlalchemy import text

        assert self._engine is not None
        with self._engine.connect() as conn:
            for row in conn.execute(text(sql), params):
                yield dict(row._mapping)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
        if self._engine is not None:
            self._engine.dispose()


@contextmanager
def reading(url: str) -> Iterator[Reader]:
    reader = Reader(url)
    try:
        yield reader
    finally:
        reader.close()
