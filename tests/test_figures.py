"""Each figure the summaries add up (good deeds, patrols, tips, people saved…) is named once, as a
field of `reports.work.TeamWork`: the tally, the stored half-month counts and the province's
roll-up are made from that list, so a new figure is one name there and one migration, and
forgetting the migration fails a test."""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

from reports.tally import Tally
from reports.work import TEAM_FIGURES, TeamWork

ROOT = Path(__file__).resolve().parents[1]
# Where a second list of the figures could be written, and what the probe below needs.
PACKAGES = (
    "bot",
    "chat",
    "cli",
    "emulator",
    "handlers",
    "reports",
    "scheduler",
    "storage",
    "summaries",
)
COPIED = ("config", "reports", "storage", "summaries")
TEAM_WORK_LAST_FIELD = "    models_acknowledged_central: int = 0\n"

# Run on a copy of the code whose TeamWork has one more figure: what each part makes of it.
NEW_FIGURE_PROBE = """
import asyncio, datetime as dt, json, sys
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from reports.tally import Tally
from reports.work import TEAM_FIGURES, TeamWork, team_total
from storage.database import Database
from storage.models import Base
from storage.work_counts import TEAM_COLUMNS, team_work_of
from summaries.record_sets import _stored_queries


async def left_to_migrate(url):
    db = Database(url)
    await db.migrate()

    def differences(connection):
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        found = compare_metadata(context, Base.metadata)
        return [[change, table, column.name] for change, _, table, column in found]

    async with db.engine.connect() as connection:
        found = await connection.run_sync(differences)
    await db.dispose()
    return found


november = dt.date(2026, 11, 1)
figures = range(len(TEAM_FIGURES))
team_query, _ = _stored_queries(((november, 1, 1), (dt.date(2026, 11, 15), 1, 1)))
print(json.dumps({
    "last figure": TEAM_FIGURES[-1],
    "teams' total": team_total([TeamWork(lanterns=2), TeamWork(lanterns=3)]).lanterns,
    "tally": (Tally(lanterns=2, teams=1) + Tally(lanterns=3, teams=1)).lanterns,
    "column": Base.metadata.tables["team_half_months"].c.lanterns.name,
    "stored and read back": team_work_of([9, november, *figures]).lanterns,
    "columns read": TEAM_COLUMNS[-1].name,
    "rolled up": "sum(anon_1.lanterns)" in str(team_query),
    "left to migrate": asyncio.run(left_to_migrate(sys.argv[1])),
}))
"""


def test_the_tally_carries_every_figure_and_the_teams_and_members() -> None:
    assert [item.name for item in fields(Tally)] == [
        *TEAM_FIGURES,
        "teams",
        "members",
        "planned_members",
    ]
    one_of_each = dict.fromkeys(TEAM_FIGURES, 1)
    both = Tally(**one_of_each, members=4) + Tally(**one_of_each, teams=1, members=3)
    assert both.figures() == (2,) * len(TEAM_FIGURES)
    assert (both.teams, both.members, both.planned_members) == (1, 7, 0)


def test_no_other_class_lists_the_figures() -> None:
    """A class declaring two figures or more is a second list to keep in step (a field named
    `reports` or `photos` alone is a word of its own)."""
    figures = set(TEAM_FIGURES)
    found: dict[str, list[str]] = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.ClassDef):
                    continue
                declared = [
                    statement.target.id
                    for statement in node.body
                    if isinstance(statement, ast.AnnAssign)
                    and isinstance(statement.target, ast.Name)
                    and statement.target.id in figures
                ]
                if len(declared) > 1:
                    found[f"{path.relative_to(ROOT)}:{node.name}"] = declared
    assert list(found) == [f"reports/work.py:{TeamWork.__name__}"]


def test_a_new_figure_named_once_is_counted_stored_and_rolled_up(tmp_path: Path) -> None:
    """A figure added to TeamWork alone is in the tally, the stored table, the columns read back
    and the province's roll-up; the migrations, not yet told, leave its column to be made."""
    code = tmp_path / "code"
    for package in COPIED:
        shutil.copytree(
            ROOT / package, code / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    work = code / "reports" / "work.py"
    source = work.read_text(encoding="utf-8")
    assert source.count(TEAM_WORK_LAST_FIELD) == 1
    work.write_text(
        source.replace(TEAM_WORK_LAST_FIELD, f"{TEAM_WORK_LAST_FIELD}    lanterns: int = 0\n"),
        encoding="utf-8",
    )
    url = f"sqlite+aiosqlite:///{tmp_path / 'antt.sqlite3'}"
    result = subprocess.run(  # noqa: S603 (this interpreter, our own probe)
        [sys.executable, "-c", NEW_FIGURE_PROBE, url],
        capture_output=True,
        text=True,
        cwd=code,
        env={**os.environ, "PYTHONPATH": str(code)},
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "last figure": "lanterns",
        "teams' total": 5,
        "tally": 5,
        "column": "lanterns",
        "stored and read back": len(TEAM_FIGURES),
        "columns read": "lanterns",
        "rolled up": True,
        "left to migrate": [["add_column", "team_half_months", "lanterns"]],
    }
