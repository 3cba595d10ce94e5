"""scheduler: notices in the outbox, schedule marks, yearly submissions, blocked members

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 01:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "schedule_marks",
        sa.Column("duty_id", sa.String(length=120), nullable=False),
        sa.Column("done_until", storage.models.UTCDateTime(), nullable=False),
        sa.Column("updated_at", storage.models.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("duty_id", name=op.f("pk_schedule_marks")),
    )
    op.create_table(
        "yearly_submissions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ward_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("submitted_at", storage.models.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_yearly_submissions_member_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["ward_id"], ["units.id"], name=op.f("fk_yearly_submissions_ward_id_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_yearly_submissions")),
        sa.UniqueConstraint("ward_id", "year", name=op.f("uq_yearly_submissions_ward_id")),
    )
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.add_column(sa.Column("blocked_at", storage.models.UTCDateTime(), nullable=True))
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(length=16), server_default="reply", nullable=False)
        )
        batch_op.add_column(sa.Column("not_before", storage.models.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("claimed_by", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("claimed_until", storage.models.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("member_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_outbox_member_id_members"), "members", ["member_id"], ["id"]
        )
        batch_op.create_index(
            "ix_outbox_kind_status_not_before", ["kind", "status", "not_before"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_kind_status_not_before")
        batch_op.drop_constraint(batch_op.f("fk_outbox_member_id_members"), type_="foreignkey")
        batch_op.drop_column("member_id")
        batch_op.drop_column("claimed_until")
        batch_op.drop_column("claimed_by")
        batch_op.drop_column("not_before")
        batch_op.drop_column("kind")
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_column("blocked_at")
    op.drop_table("yearly_submissions")
    op.drop_table("schedule_marks")
