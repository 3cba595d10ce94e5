"""Whether a database's schema is already at the newest migration, told without Alembic.

Importing Alembic takes a tenth of a second; a command that only needs to know "nothing to
migrate" (an admin listing) reads the revision ids from the migration files' headers and the
one in `alembic_version`. Whenever either cannot be read plainly, the answer is "no", and the
caller migrates through Alembic as before."""

from __future__ import annotations

import re

from sqlalchemy.exc import SQLAlchemyError

from storage.database import MIGRATIONS, Database

VERSIONS = MIGRATIONS / "versions"
_REVISION = re.compile(r"""^revision(?:\s*:[^=\n]*)?\s*=\s*["']([^"'\n]+)["']\s*$""", re.M)
_REVISES = re.compile(
    r"""^down_revision(?:\s*:[^=\n]*)?\s*=\s*(?:None|["']([^"'\n]+)["'])\s*$""", re.M
)


def newest_revision() -> str | None:
    """The one revision no other revises, or None if a header is not a plain `revision = "…"`
    and `down_revision = "…"` (or None) pair, or the revisions do not end in one head."""
    revisions: set[str] = set()
    revised: set[str] = set()
    for path in VERSIONS.glob("*.py"):
        if path.name == "__init__.py":
            continue
        header = path.read_text(encoding="utf-8")
        revision, revises = _REVISION.findall(header), _REVISES.findall(header)
        if len(revision) != 1 or len(revises) != 1:
            return None
        revisions.add(revision[0])
        if revises[0]:
            revised.add(revises[0])
    heads = revisions - revised
    return heads.pop() if len(heads) == 1 else None


async def schema_is_current(db: Database) -> bool:
    """Whether `db` records the newest revision (False when it records none or cannot say)."""
    newest = newest_revision()
    if newest is None:
        return False
    try:
        async with db.engine.connect() as connection:
            result = await connection.exec_driver_sql("SELECT version_num FROM alembic_version")
            stored = list(result.scalars())
    except SQLAlchemyError:
        return False
    return stored == [newest]
