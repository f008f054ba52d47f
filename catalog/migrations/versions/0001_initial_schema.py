"""initial schema, with SQLite FTS5 indexes over server and tool text kept current by triggers

SQLite's batch mode rebuilds a table by copying it, which drops its triggers: a later revision that
alters `server` or `tool` on SQLite must create the FTS triggers again (see FTS_SQLITE).

Revision ID: 0001
Revises:
Create Date: 2026-11-23 23:23:19.781243
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

FTS_TOKENIZER = "porter unicode61 remove_diacritics 2"
FTS_SQLITE = [
    f"CREATE VIRTUAL TABLE tool_fts USING fts5(name, title, description, content='tool', content_rowid='id', "
    f"tokenize='{FTS_TOKENIZER}')",
    "CREATE TRIGGER tool_fts_ai AFTER INSERT ON tool BEGIN "
    "INSERT INTO tool_fts(rowid, name, title, description) VALUES (new.id, new.name, new.title, new.description); END",
    "CREATE TRIGGER tool_fts_ad AFTER DELETE ON tool BEGIN "
    "INSERT INTO tool_fts(tool_fts, rowid, name, title, description) "
    "VALUES ('delete', old.id, old.name, old.title, old.description); END",
    "CREATE TRIGGER tool_fts_au AFTER UPDATE OF name, title, description ON tool BEGIN "
    "INSERT INTO tool_fts(tool_fts, rowid, name, title, description) "
    "VALUES ('delete', old.id, old.name, old.title, old.description); "
    "INSERT INTO tool_fts(rowid, name, title, description) VALUES (new.id, new.name, new.title, new.description); END",
    f"CREATE VIRTUAL TABLE server_fts USING fts5(slug, registry_name, title, description, content='server', "
    f"content_rowid='id', tokenize='{FTS_TOKENIZER}')",
    "CREATE TRIGGER server_fts_ai AFTER INSERT ON server BEGIN "
    "INSERT INTO server_fts(rowid, slug, registry_name, title, description) "
    "VALUES (new.id, new.slug, new.registry_name, new.title, new.description); END",
    "CREATE TRIGGER server_fts_ad AFTER DELETE ON server BEGIN "
    "INSERT INTO server_fts(server_fts, rowid, slug, registry_name, title, description) "
    "VALUES ('delete', old.id, old.slug, old.registry_name, old.title, old.description); END",
    "CREATE TRIGGER server_fts_au AFTER UPDATE OF slug, registry_name, title, description ON server BEGIN "
    "INSERT INTO server_fts(server_fts, rowid, slug, registry_name, title, description) "
    "VALUES ('delete', old.id, old.slug, old.registry_name, old.title, old.description); "
    "INSERT INTO server_fts(rowid, slug, registry_name, title, description) "
    "VALUES (new.id, new.slug, new.registry_name, new.title, new.description); END",
]
# Expression indexes matching catalog.queries.PG_TOOL_TEXT / PG_SERVER_TEXT (tables unaliased here).
FTS_POSTGRESQL = [
    "CREATE INDEX ix_tool_fulltext ON tool USING gin (to_tsvector('english', name || ' ' || coalesce(title, '') "
    "|| ' ' || coalesce(description, '')))",
    "CREATE INDEX ix_server_fulltext ON server USING gin (to_tsvector('english', slug || ' ' || "
    "coalesce(registry_name, '') || ' ' || coalesce(title, '') || ' ' || coalesce(description, '')))",
]

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "crawlrun",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("started", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("finished", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("error", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("crawlrun", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_crawlrun_source"), ["source"], unique=False)

    op.create_table(
        "server",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("registry_name", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("repository_url", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("website", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("version", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("license", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("stars", sa.Integer(), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.Column("first_seen", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("last_changed", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("server", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_server_registry_name"), ["registry_name"], unique=False)
        batch_op.create_index(batch_op.f("ix_server_repository_url"), ["repository_url"], unique=False)
        batch_op.create_index(batch_op.f("ix_server_slug"), ["slug"], unique=True)

    op.create_table(
        "package",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("server_id", sa.Integer(), nullable=False),
        sa.Column("registry_type", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("identifier", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("version", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("transport", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("registry_base_url", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("runtime_hint", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("env_vars", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["server_id"], ["server.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("server_id", "registry_type", "identifier"),
    )
    with op.batch_alter_table("package", schema=None) as batch_op:
        batch_op.create_index("ix_package_registry_identifier", ["registry_type", "identifier"], unique=False)
        batch_op.create_index(batch_op.f("ix_package_server_id"), ["server_id"], unique=False)

    op.create_table(
        "tool",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("server_id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("slug", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("input_schema", sa.JSON(), nullable=True),
        sa.Column("output_schema", sa.JSON(), nullable=True),
        sa.Column("annotations", sa.JSON(), nullable=True),
        sa.Column("origin", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("source_file", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("source_line", sa.Integer(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("definition_hash", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("first_seen", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("last_changed", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("removed", sa.Boolean(), nullable=False),
        sa.Column("removed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["server_id"], ["server.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("server_id", "name"),
    )
    with op.batch_alter_table("tool", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tool_definition_hash"), ["definition_hash"], unique=False)
        batch_op.create_index(batch_op.f("ix_tool_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_tool_removed"), ["removed"], unique=False)
        batch_op.create_index(batch_op.f("ix_tool_server_id"), ["server_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_tool_slug"), ["slug"], unique=False)

    op.create_table(
        "assessment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tool_id", sa.Integer(), nullable=False),
        sa.Column("definition_hash", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("classifier", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("classifier_version", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("category", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("risk", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("rationale", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("rule_ids", sa.JSON(), nullable=False),
        sa.Column("findings", sa.JSON(), nullable=False),
        sa.Column("policy", sa.JSON(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["tool_id"], ["tool.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("assessment", schema=None) as batch_op:
        batch_op.create_index("ix_assessment_current_category", ["is_current", "category"], unique=False)
        batch_op.create_index("ix_assessment_current_risk", ["is_current", "risk"], unique=False)
        batch_op.create_index("ix_assessment_current_tool", ["is_current", "tool_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_assessment_tool_id"), ["tool_id"], unique=False)

    op.create_table(
        "toolversion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tool_id", sa.Integer(), nullable=False),
        sa.Column("definition_hash", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("definition", sa.JSON(), nullable=False),
        sa.Column("seen_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["tool_id"], ["tool.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("toolversion", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_toolversion_tool_id"), ["tool_id"], unique=False)

    if op.get_bind().dialect.name == "sqlite":
        for statement in FTS_SQLITE:
            op.execute(statement)
    if op.get_bind().dialect.name == "postgresql":
        for statement in FTS_POSTGRESQL:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS tool_fts")
        op.execute("DROP TABLE IF EXISTS server_fts")
    with op.batch_alter_table("toolversion", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_toolversion_tool_id"))

    op.drop_table("toolversion")
    with op.batch_alter_table("assessment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assessment_tool_id"))
        batch_op.drop_index("ix_assessment_current_tool")
        batch_op.drop_index("ix_assessment_current_risk")
        batch_op.drop_index("ix_assessment_current_category")

    op.drop_table("assessment")
    with op.batch_alter_table("tool", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tool_slug"))
        batch_op.drop_index(batch_op.f("ix_tool_server_id"))
        batch_op.drop_index(batch_op.f("ix_tool_removed"))
        batch_op.drop_index(batch_op.f("ix_tool_name"))
        batch_op.drop_index(batch_op.f("ix_tool_definition_hash"))

    op.drop_table("tool")
    with op.batch_alter_table("package", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_package_server_id"))
        batch_op.drop_index("ix_package_registry_identifier")

    op.drop_table("package")
    with op.batch_alter_table("server", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_server_slug"))
        batch_op.drop_index(batch_op.f("ix_server_repository_url"))
        batch_op.drop_index(batch_op.f("ix_server_registry_name"))

    op.drop_table("server")
    with op.batch_alter_table("crawlrun", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_crawlrun_source"))

    op.drop_table("crawlrun")
