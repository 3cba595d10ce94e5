"""review: models acknowledged counted by the tier of government that acknowledged them

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 17:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (
    "models_acknowledged_district",
    "models_acknowledged_province",
    "models_acknowledged_central",
)


def upgrade() -> None:
    with op.batch_alter_table("team_half_months", schema=None) as batch_op:
        for name in COLUMNS:
            batch_op.add_column(sa.Column(name, sa.Integer(), server_default="0", nullable=False))
    # The reports already stored are counted again by 0009 (once, for both changes): a later
    # migration that changes these tables' columns must take that backfill over.


def downgrade() -> None:
    with op.batch_alter_table("team_half_months", schema=None) as batch_op:
        for name in reversed(COLUMNS):
            batch_op.drop_column(name)
