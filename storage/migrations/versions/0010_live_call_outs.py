"""live call-outs: who was called out, how each answered and when they arrived; an outbox
priority so call-out alerts go before reminders

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29 21:30:32.750054
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "call_outs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ward_id", sa.Integer(), nullable=False),
        sa.Column("dispatched_by", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("place", sa.String(length=300), nullable=True),
        sa.Column("latitude", sa.Double(), nullable=True),
        sa.Column("longitude", sa.Double(), nullable=True),
        sa.Column("note", sa.String(length=300), nullable=True),
        sa.Column("dispatched_at", storage.models.UTCDateTime(), nullable=False),
        sa.Column("closed_at", storage.models.UTCDateTime(), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("status_chat_ref", sa.String(length=64), nullable=True),
        sa.Column("status_message_id", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["dispatched_by"], ["members.id"], name=op.f("fk_call_outs_dispatched_by_members")
        ),
        sa.ForeignKeyConstraint(["ward_id"], ["units.id"], name=op.f("fk_call_outs_ward_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_outs")),
    )
    with op.batch_alter_table("call_outs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_call_outs_ward_id"), ["ward_id"], unique=False)

    op.create_table(
        "call_out_people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_out_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("answer", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=True),
        sa.Column("answered_at", storage.models.UTCDateTime(), nullable=True),
        sa.Column("arrived_at", storage.models.UTCDateTime(), nullable=True),
        sa.Column("alerts_sent", sa.Integer(), nullable=False),
        sa.Column("last_alert_at", storage.models.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["call_out_id"], ["call_outs.id"], name=op.f("fk_call_out_people_call_out_id_call_outs")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_call_out_people_member_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["units.id"], name=op.f("fk_call_out_people_team_id_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_out_people")),
        sa.UniqueConstraint(
            "call_out_id", "member_id", name=op.f("uq_call_out_people_call_out_id")
        ),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("priority", sa.Integer(), server_default="0", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("priority")

    op.drop_table("call_out_people")
    with op.batch_alter_table("call_outs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_call_outs_ward_id"))

    op.drop_table("call_outs")
