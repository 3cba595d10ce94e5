"""work counts: reports counted per team and half-month, for a province's summaries

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "team_half_months",
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("reports", sa.Integer(), nullable=False),
        sa.Column("photos", sa.Integer(), nullable=False),
        sa.Column("good_deeds", sa.Integer(), nullable=False),
        sa.Column("patrols", sa.Integer(), nullable=False),
        sa.Column("patrols_antt", sa.Integer(), nullable=False),
        sa.Column("patrols_atgt", sa.Integer(), nullable=False),
        sa.Column("patrols_night", sa.Integer(), nullable=False),
        sa.Column("patrol_turns", sa.Integer(), nullable=False),
        sa.Column("violations", sa.Integer(), nullable=False),
        sa.Column("call_outs", sa.Integer(), nullable=False),
        sa.Column("fire_call_outs", sa.Integer(), nullable=False),
        sa.Column("rescue_call_outs", sa.Integer(), nullable=False),
        sa.Column("fire_rescue", sa.Integer(), nullable=False),
        sa.Column("people_saved", sa.Integer(), nullable=False),
        sa.Column("tips", sa.Integer(), nullable=False),
        sa.Column("valuable_tips", sa.Integer(), nullable=False),
        sa.Column("propaganda", sa.Integer(), nullable=False),
        sa.Column("audience", sa.Integer(), nullable=False),
        sa.Column("traffic", sa.Integer(), nullable=False),
        sa.Column("residence", sa.Integer(), nullable=False),
        sa.Column("households_visited", sa.Integer(), nullable=False),
        sa.Column("records_corrected", sa.Integer(), nullable=False),
        sa.Column("weapons", sa.Integer(), nullable=False),
        sa.Column("weapons_items", sa.Integer(), nullable=False),
        sa.Column("reintegration", sa.Integer(), nullable=False),
        sa.Column("reintegration_visits", sa.Integer(), nullable=False),
        sa.Column("models", sa.Integer(), nullable=False),
        sa.Column("models_acknowledged", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"], ["units.id"], name=op.f("fk_team_half_months_team_id_units")
        ),
        sa.PrimaryKeyConstraint("team_id", "starts_on", name=op.f("pk_team_half_months")),
    )
    op.create_table(
        "member_half_months",
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("good_deed", sa.Integer(), nullable=False),
        sa.Column("patrol", sa.Integer(), nullable=False),
        sa.Column("call_out", sa.Integer(), nullable=False),
        sa.Column("tip", sa.Integer(), nullable=False),
        sa.Column("propaganda", sa.Integer(), nullable=False),
        sa.Column("fire_rescue", sa.Integer(), nullable=False),
        sa.Column("traffic", sa.Integer(), nullable=False),
        sa.Column("residence", sa.Integer(), nullable=False),
        sa.Column("weapons", sa.Integer(), nullable=False),
        sa.Column("reintegration", sa.Integer(), nullable=False),
        sa.Column("model", sa.Integer(), nullable=False),
        sa.Column("patrol_kinds", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"], ["units.id"], name=op.f("fk_member_half_months_team_id_units")
        ),
        sa.PrimaryKeyConstraint(
            "team_id", "member_id", "starts_on", name=op.f("pk_member_half_months")
        ),
    )
    # The reports already stored are counted by 0009, once the columns today's `rebuild` fills
    # exist (0007): counting here would write columns this table does not have yet. A later
    # migration that changes these tables' columns moves the backfill to itself the same way.


def downgrade() -> None:
    op.drop_table("member_half_months")
    op.drop_table("team_half_months")
