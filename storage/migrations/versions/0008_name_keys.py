"""name keys: units found by name whatever the case, Unicode form or tone placement

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 17:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.names import name_key, tidy

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UNITS = sa.table(
    "units", sa.column("id", sa.Integer), sa.column("name", sa.String), sa.column("name_key")
)
MEMBERS = sa.table("members", sa.column("id", sa.Integer), sa.column("full_name", sa.String))


def upgrade() -> None:
    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name_key", sa.Text(), nullable=True))
    connection = op.get_bind()
    # Every unit gets its key; names already kept in NFD or with stray spaces are tidied.
    for unit_id, name in connection.execute(sa.select(UNITS.c.id, UNITS.c.name)).all():
        connection.execute(
            UNITS.update()
            .where(UNITS.c.id == unit_id)
            .values(name=tidy(name), name_key=name_key(name))
        )
    for member_id, full_name in connection.execute(
        sa.select(MEMBERS.c.id, MEMBERS.c.full_name)
    ).all():
        if tidy(full_name) != full_name:
            connection.execute(
                MEMBERS.update().where(MEMBERS.c.id == member_id).values(full_name=tidy(full_name))
            )
    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.alter_column("name_key", existing_type=sa.Text(), nullable=False)
        batch_op.create_index(batch_op.f("ix_units_name_key"), ["name_key"], unique=False)


def downgrade() -> None:
    # In place on both databases (SQLite since 3.35): copying `units`, which other tables
    # refer to, would need foreign keys off.
    op.drop_index("ix_units_name_key", table_name="units")
    op.execute("ALTER TABLE units DROP COLUMN name_key")
