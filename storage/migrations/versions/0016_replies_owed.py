"""a chat's replies not yet sent, found before each claim of its next update (several webhook
processes: a chat's replies go out in the order of its updates)

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-30 04:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REPLIES_OWED = "status = 'pending' AND kind = 'reply'"


def upgrade() -> None:
    op.create_index(
        "ix_outbox_replies_owed",
        "outbox",
        ["chat_ref", "channel"],
        unique=False,
        postgresql_where=sa.text(REPLIES_OWED),
        sqlite_where=sa.text(REPLIES_OWED),
    )


def downgrade() -> None:
    op.drop_index("ix_outbox_replies_owed", table_name="outbox")
