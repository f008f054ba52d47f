"""A tool's digest covers every column of its row and its verdict, however the row was edited, on SQLite and on
PostgreSQL: the database writes the row whole as one text (the scan names no column), so a column added by a
later migration counts too, and a rebuild after any such edit leaves what a full build would."""

import sqlite3
from pathlib import Path

import pytest

from catalog.database import open_engine, reading
from catalog.publish import build_site, digests
from catalog.store import Store
from mcprisk.judging import classify_catalogue
from tests.catalog.publish.test_site import fill
from tests.catalog.publish.test_site_incremental import KREA, krea_with, rebuild_matches_full_build

EDITS = {  # another path than the store's, in place: no new verdict, no new definition, no last_changed
    "a column the pages show": "UPDATE tool SET source_line = 4242 WHERE id = :id",
    "the current verdict's rationale": "UPDATE assessment SET rationale = 'Edited by hand.' WHERE tool_id = :id "
    "AND is_current",
    "a column added after the scan was written": "UPDATE tool SET note = 'later' WHERE id = :id",
}


def tool_digests(url: str) -> dict[int, str]:
    with reading(url) as reader:
        return {tool["id"]: tool["_digest"] for tool in digests.scan(reader).tools}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_any_edit_of_a_tool_changes_its_digest_only(tmp_path: Path, edit: str) -> None:
    url = f"sqlite:///{tmp_path / 'catalogue.db'}"
    fill(Store(open_engine(url)))
    with sqlite3.connect(tmp_path / "catalogue.db") as conn:
        conn.execute("ALTER TABLE tool ADD COLUMN note TEXT")  # as a future migration would
        (tool_id,) = conn.execute("SELECT min(id) FROM tool WHERE NOT removed").fetchone()
    before = tool_digests(url)
    with sqlite3.connect(tmp_path / "catalogue.db") as conn:
        conn.execute(EDITS[edit], {"id": tool_id})
    after = tool_digests(url)
    assert [t for t in before if before[t] != after[t]] == [tool_id]


def test_a_rebuild_on_either_database(any_store: Store, any_db_url: str, tmp_path: Path) -> None:
    """The row written whole in the database's own SQL (json_array on SQLite, json_build_array on PostgreSQL)."""
    fill(any_store)
    out = tmp_path / "site"
    build_site(any_db_url, out, workers=1)
    any_store.upsert_server(krea_with(description="Read the status of one generation job."), "registry")
    classify_catalogue(any_store)
    written, summary = rebuild_matches_full_build(any_db_url, out, tmp_path / "fresh")
    assert f"tools/{KREA}/get-job.html" in written
    assert summary.rendered < summary.units / 2
