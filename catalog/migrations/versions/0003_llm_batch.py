"""OpenAI Batches submitted for classification, so a killed run resumes its batch

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 03:20:00.000000
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "llmbatch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("model", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("prompt_version", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("input_file_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("output_file_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("error_file_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("requests", sa.Integer(), nullable=False),
        sa.Column("collected", sa.Boolean(), nullable=False),
        sa.Column("error", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("batch_id"),
    )
    op.create_index(op.f("ix_llmbatch_collected"), "llmbatch", ["collected"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_llmbatch_collected"), table_name="llmbatch")
    op.drop_table("llmbatch")
