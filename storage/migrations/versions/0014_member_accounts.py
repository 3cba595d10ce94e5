"""a member's accounts: Zalo's beside Telegram's, where notices go, a typed (unproven) phone
number, and the one-time codes that link an account or claim a roster registration

The existing Telegram accounts stay where they are (`members.telegram_user_id`, its private
chat the same id): nothing to move. Every member keeps notices on the account they have.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-30 00:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.add_column(sa.Column("zalo_user_id", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("zalo_chat_id", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("notify_channel", sa.String(length=16), nullable=True))
        batch_op.add_column(
            sa.Column("phone_typed", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.create_unique_constraint("uq_members_zalo_user_id", ["zalo_user_id"])
    with op.batch_alter_table("join_requests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("zalo_user_id", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("zalo_chat_id", sa.String(length=64), nullable=True))
        batch_op.add_column(
            sa.Column("phone_typed", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.create_index("ix_join_requests_zalo_user_id", ["zalo_user_id"], unique=False)
    op.create_table(
        "account_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=16), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=True),
        sa.Column("user_ref", sa.String(length=64), nullable=True),
        sa.Column("created_at", storage.models.UTCDateTime(), nullable=False),
        sa.Column("expires_at", storage.models.UTCDateTime(), nullable=False),
        sa.Column("wrong_tries", sa.Integer(), nullable=False),
        sa.Column("used_at", storage.models.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name="fk_account_codes_member_id_members"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_account_codes"),
    )
    op.create_index("ix_account_codes_member_id", "account_codes", ["member_id"], unique=False)
    op.create_index("ix_account_codes_code_hash", "account_codes", ["code_hash"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_account_codes_code_hash", table_name="account_codes")
    op.drop_index("ix_account_codes_member_id", table_name="account_codes")
    op.drop_table("account_codes")
    with op.batch_alter_table("join_requests", schema=None) as batch_op:
        batch_op.drop_index("ix_join_requests_zalo_user_id")
        batch_op.drop_column("phone_typed")
        batch_op.drop_column("zalo_chat_id")
        batch_op.drop_column("zalo_user_id")
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_constraint("uq_members_zalo_user_id", type_="unique")
        batch_op.drop_column("phone_typed")
        batch_op.drop_column("notify_channel")
        batch_op.drop_column("zalo_chat_id")
        batch_op.drop_column("zalo_user_id")
