"""Schema and migrations: models and revisions agree, old catalogues upgrade, foreign ones are refused."""

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlmodel import SQLModel

import catalog.models  # noqa: F401
from catalog.core.errors import ConfigError, SchemaError
from catalog.database import (
    MIGRATIONS_DIR,
    Reader,
    head_revision,
    include_object,
    known_revisions,
    make_engine,
    open_engine,
)


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["database_url"] = url
    return config


def test_head_revision_is_alembics_head(db_url: str) -> None:
    script = ScriptDirectory.from_config(alembic_config(db_url))
    assert script.get_current_head() == head_revision()
    assert {r.revision for r in script.walk_revisions()} == known_revisions()


def test_models_match_the_migrations(any_db_url: str) -> None:
    engine = open_engine(any_db_url)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "include_object": include_object})
        assert compare_metadata(context, SQLModel.metadata) == []


def test_sqlite_catalogue_uses_wal_and_foreign_keys(db_url: str) -> None:
    engine = open_engine(db_url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


older = sorted(known_revisions() - {head_revision()})


@pytest.mark.parametrize("revision", older or [pytest.param(None, marks=pytest.mark.skip("only one revision yet"))])
def test_older_catalogue_upgrades_in_place(db_url: str, revision: str, capsys: pytest.CaptureFixture[str]) -> None:
    command.upgrade(alembic_config(db_url), revision)
    reader = Reader(db_url)
    assert reader.one("SELECT version_num FROM alembic_version") == {"version_num": head_revision()}
    assert "upgraded the catalogue schema" in capsys.readouterr().err


def test_catalogue_from_a_newer_mcprisk_is_refused(db_url: str) -> None:
    open_engine(db_url).dispose()
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(SchemaError, match="newer mcprisk"):
        Reader(db_url)
    with pytest.raises(SchemaError, match="newer mcprisk"):
        open_engine(db_url)


def test_foreign_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE users (id INTEGER)")
    with pytest.raises(SchemaError, match="not an mcprisk catalogue"):
        Reader(f"sqlite:///{path}")


def test_file_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(ConfigError, match="not a readable SQLite catalogue"):
        Reader(f"sqlite:///{path}")


def test_missing_catalogue_is_not_created_by_a_query(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no catalogue at"):
        Reader(f"sqlite:///{tmp_path / 'absent.db'}")
    assert not (tmp_path / "absent.db").exists()


def test_full_text_index_follows_updates_and_deletes(db_url: str) -> None:
    engine = open_engine(db_url)
    engine.dispose()
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
        conn.execute(
            "INSERT INTO server (id, slug, status, sources, extra, first_seen, last_changed) "
            "VALUES (1, 's', 'active', '[]', '{}', '2026-01-01', '2026-01-01')"
        )
        conn.execute(
            "INSERT INTO tool (id, server_id, name, slug, description, origin, confidence, definition_hash, first_seen,"
            " last_changed, removed) VALUES (1, 1, 'wipe_disk', 'wipe-disk', 'Erases partitions', 'source', 1, 'h',"
            " '2026-01-01', '2026-01-01', 0)"
        )

        def match(q: str) -> list[int]:
            return [r[0] for r in conn.execute("SELECT rowid FROM tool_fts WHERE tool_fts MATCH ?", (q,))]

        assert match("partition") == [1]  # porter stemming: partitions -> partition
        conn.execute("UPDATE tool SET description = 'Formats volumes' WHERE id = 1")
        assert match("partition") == [] and match("volume") == [1]
        conn.execute("DELETE FROM tool WHERE id = 1")
        assert match("volume") == []


def test_bare_path_is_a_sqlite_url(tmp_path: Path) -> None:
    from catalog.core.settings import Settings

    settings = Settings.from_env({}, database_url=str(tmp_path / "x.db"))
    assert settings.database_url == f"sqlite:///{tmp_path / 'x.db'}"
    make_engine(settings.database_url).dispose()
