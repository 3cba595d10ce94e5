"""How fast the command line answers: `antt-bot admin list` as a fresh process, on a small
ward in SQLite (one ward, four teams of five members, two open invites).

Target (issue 14): under 0.5 s, the median of 5 runs. Each run is a new interpreter, as when
the ward police type the command, so what it imports counts; the database is migrated and
seeded before the first run, and a first run writes the product's bytecode as an installed bot
has it; neither is timed."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cli.invites import invite_command
from cli.roster_files import import_roster_command
from cli.units import add_unit_command
from config.settings import Settings
from storage.roster import RosterRow
from summaries.roster import roster_csv

ROOT = Path(__file__).resolve().parents[1]
WARD = "Phường Yên Hòa"
TEAMS = 4
MEMBERS = 5
RUNS = 5
TARGET_SECONDS = 0.5
COMMAND = ["admin", "list"]
# What no import trimming of ours can go under: the libraries a command that opens the database
# needs (bench/RESULTS.md, 2026-11-29).
FLOOR = (
    "import sqlalchemy.orm, sqlalchemy.ext.asyncio, typer, pydantic_settings, aiosqlite, asyncio"
)
FAMILY = ["Nguyễn Văn", "Trần Thị", "Lê Văn", "Phạm Thị"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Hùng"]


def roster() -> list[RosterRow]:
    """Four teams of five under one residential group: a leader, a deputy, three members."""
    roles = ["leader", "deputy", "member", "member", "member"]
    return [
        RosterRow(
            2 + team * MEMBERS + person,
            WARD,
            "Tổ dân phố 5",
            f"Tổ bảo vệ ANTT số {team + 1}",
            f"{FAMILY[team]} {GIVEN[person]}",
            f"09{team:02d}{person:06d}",
            roles[person],
            None,
        )
        for team in range(TEAMS)
        for person in range(MEMBERS)
    ]


async def seed(settings: Settings, folder: Path) -> None:
    """The ward, its roster imported, and two invites (as the ward police would set it up)."""
    await add_unit_command(settings, WARD, "commune", None, None)
    roster_file = folder / "roster.csv"
    roster_file.write_bytes(roster_csv(roster()))
    await import_roster_command(settings, roster_file)
    await invite_command(settings, "Tổ bảo vệ ANTT số 1", "member", 3, 7)
    await invite_command(settings, WARD, "officer", 1, 7)


def timed_run(
    environment: dict[str, str], arguments: list[str] | None = None
) -> tuple[float, float]:
    """Seconds for one `antt-bot admin list` in a new interpreter (what the script runs), on
    the clock and on the processor (less shaken by other work on a shared machine); with
    `arguments`, the same for that interpreter command line instead."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(  # noqa: S603 - this interpreter, our own arguments
        [sys.executable, *(arguments or ["-m", "main", *COMMAND])],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    took = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    processor = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    listed = arguments is not None or f"Tổ bảo vệ ANTT số {TEAMS}" in done.stdout
    if done.returncode != 0 or not listed:
        raise SystemExit(f"antt-bot {' '.join(COMMAND)} failed:\n{done.stdout}{done.stderr}")
    return took, processor


def main(runs: int = RUNS) -> None:
    print(f"command line · {dt.date.today()} · `antt-bot {' '.join(COMMAND)}` as a fresh process")
    with tempfile.TemporaryDirectory(prefix="antt-bench-cli-") as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'ward.sqlite3'}"
        settings = Settings(database_url=url, bot_username="antt_bench_bot")
        asyncio.run(seed(settings, Path(folder)))
        environment = {**os.environ, "ANTT_DATABASE_URL": url, "PYTHONPATH": str(ROOT)}
        # An installed bot has its bytecode: pip compiles it at install, and a checkout writes
        # it on its first run. This machine's PYTHONDONTWRITEBYTECODE would make every run
        # compile the product's modules again (~30 ms), so one untimed first run writes it.
        environment.pop("PYTHONDONTWRITEBYTECODE", None)
        timed_run(environment)
        # The libraries every command needs, imported alone, run by turns with the command:
        # on a shared machine the clock moves by half; their ratio does not.
        timings, floors = [], []
        for _ in range(runs):
            timings.append(timed_run(environment))
            floors.append(timed_run(environment, ["-c", FLOOR]))
    clock = [took for took, _ in timings]
    median = statistics.median(clock)
    verdict = "met" if median < TARGET_SECONDS else "MISSED"
    each = ", ".join(f"{took:.2f}" for took in clock)
    processor = statistics.median(used for _, used in timings)
    floor = statistics.median(took for took, _ in floors)
    print(
        f"  1 ward, {TEAMS} teams × {MEMBERS} members: median {median:.2f} s (runs {each}),"
        f" processor {processor:.2f} s  target < {TARGET_SECONDS} s: {verdict}"
    )
    print(
        f"  the libraries alone, by turns: median {floor:.2f} s; the command is"
        f" {median / floor:.2f}× them"
    )


if __name__ == "__main__":
    main()
