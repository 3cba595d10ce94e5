"""a ward's re-alert minutes: how long a called member who has not answered waits before the
call-out's alert comes again (default 3)

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29 22:25:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("ward_settings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("realert_minutes", sa.Integer(), server_default="3", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("ward_settings", schema=None) as batch_op:
        batch_op.drop_column("realert_minutes")
