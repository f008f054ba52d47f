"""A tool's definition as its code declares it, kept beside the one its server answered (and, per introspected
version, the declared list it was compared with); and where each definition in a tool's history was read

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 19:00:00.000000
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD/DROP COLUMN, not batch mode: a batch rebuild of `tool` on SQLite would drop its FTS triggers.
    op.add_column("tool", sa.Column("declared", sa.JSON(), nullable=True))
    op.add_column("introspection", sa.Column("declared", sa.JSON(), nullable=True))
    op.add_column("toolversion", sa.Column("origin", sqlmodel.sql.sqltypes.AutoString(), nullable=True))


def downgrade() -> None:
    op.drop_column("toolversion", "origin")
    op.drop_column("introspection", "declared")
    op.drop_column("tool", "declared")
