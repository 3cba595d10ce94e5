"""a ward's auto-close minutes (a call-out nobody closes is closed by the clock after them,
default 120), whether a call-out was closed that way, and its outcome's photos and people
helped, where a member shared a location from, and what a member added to their own record
afterwards (a note, photos)

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 00:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("ward_settings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("auto_close_minutes", sa.Integer(), server_default="120", nullable=False)
        )
    with op.batch_alter_table("call_outs", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "closed_automatically", sa.Boolean(), server_default=sa.false(), nullable=False
            )
        )
        batch_op.add_column(
            sa.Column("outcome_photos", sa.JSON(), server_default="[]", nullable=False)
        )
        batch_op.add_column(sa.Column("people_helped", sa.Integer(), nullable=True))
    with op.batch_alter_table("call_out_people", schema=None) as batch_op:
        batch_op.add_column(sa.Column("latitude", sa.Double(), nullable=True))
        batch_op.add_column(sa.Column("longitude", sa.Double(), nullable=True))
        batch_op.add_column(sa.Column("located_at", storage.models.UTCDateTime(), nullable=True))
        batch_op.add_column(
            sa.Column("location_live", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column("note", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("photos", sa.JSON(), server_default="[]", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("call_out_people", schema=None) as batch_op:
        batch_op.drop_column("photos")
        batch_op.drop_column("note")
        batch_op.drop_column("location_live")
        batch_op.drop_column("located_at")
        batch_op.drop_column("longitude")
        batch_op.drop_column("latitude")
    with op.batch_alter_table("call_outs", schema=None) as batch_op:
        batch_op.drop_column("people_helped")
        batch_op.drop_column("outcome_photos")
        batch_op.drop_column("closed_automatically")
    with op.batch_alter_table("ward_settings", schema=None) as batch_op:
        batch_op.drop_column("auto_close_minutes")
