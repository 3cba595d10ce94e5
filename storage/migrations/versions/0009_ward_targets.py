"""ward targets: a ward's own target for an indicator its plan sets none for; fire and rescue
work counted again (a PCCC/CNCH form report now counts, once per incident)

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29 17:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models
from storage.work_counts import rebuild

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "ward_targets",
        sa.Column("ward_id", sa.Integer(), nullable=False),
        sa.Column("campaign", sa.String(length=64), nullable=False),
        sa.Column("indicator", sa.String(length=64), nullable=False),
        sa.Column("target", sa.Integer(), nullable=False),
        sa.Column("set_by", sa.Integer(), nullable=False),
        sa.Column("set_at", storage.models.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ward_id"], ["units.id"], name=op.f("fk_ward_targets_ward_id_units")
        ),
        sa.ForeignKeyConstraint(
            ["set_by"], ["members.id"], name=op.f("fk_ward_targets_set_by_members")
        ),
        sa.PrimaryKeyConstraint("ward_id", "campaign", "indicator", name=op.f("pk_ward_targets")),
    )
    # The stored half-month counts were made when only call-outs counted as fire and rescue
    # work and before models were counted by tier (0007): count them again as every save now
    # counts them. This runs today's `rebuild`: a later migration that changes these tables'
    # columns must take the backfill over from this one, or an upgrade from 0006 breaks.
    rebuild(op.get_bind())


def downgrade() -> None:
    op.drop_table("ward_targets")
