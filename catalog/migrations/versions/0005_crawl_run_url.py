"""The address a crawl run read from, so incremental runs of different registries never mix

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 10:30:00.000000
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("crawlrun") as batch:
        batch.add_column(sa.Column("url", sqlmodel.sql.sqltypes.AutoString(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("crawlrun") as batch:
        batch.drop_column("url")
