"""offered choices: the buttons of the last message to a chat on a messenger without buttons
(Zalo), so a typed answer can be read as the press of one

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30 00:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "offered_choices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("chat_ref", sa.String(length=64), nullable=False),
        sa.Column("outbox_id", sa.Integer(), nullable=False),
        sa.Column("buttons", sa.JSON(), nullable=False),
        sa.Column("ask_contact", sa.Boolean(), nullable=False),
        sa.Column("shown_from", storage.models.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offered_choices")),
    )
    with op.batch_alter_table("offered_choices", schema=None) as batch_op:
        batch_op.create_index("ix_offered_choices_chat", ["channel", "chat_ref"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("offered_choices", schema=None) as batch_op:
        batch_op.drop_index("ix_offered_choices_chat")
    op.drop_table("offered_choices")
