"""What each package version answered when it was run in the sandbox (introspection)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04 16:30:00.000000
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "introspection",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("package_id", sa.Integer(), nullable=False),
        sa.Column("version", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("detail", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("tools", sa.JSON(), nullable=False),
        sa.Column("server_name", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("server_version", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("protocol_version", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("instructions", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("started_with", sa.JSON(), nullable=False),
        sa.Column("stderr_tail", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("sandboxed", sa.Boolean(), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=True),
        sa.Column("asked_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["package_id"], ["package.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("package_id", "version"),
    )
    op.create_index(op.f("ix_introspection_package_id"), "introspection", ["package_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_introspection_package_id"), table_name="introspection")
    op.drop_table("introspection")
