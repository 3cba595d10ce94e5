"""Intake benchmark: N members file good deeds at once; the bot runs in this process, the
emulator and the phones in another, so the two share the machine's two cores like real peers."""

from __future__ import annotations

import asyncio
import datetime as dt
import multiprocessing
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from pydantic import SecretStr

from bench.load import FIRST_USER_ID, LoadResult, phones_process
from bot.app import BotApp
from config.settings import Settings
from storage.database import Database
from storage.models import Member, utcnow
from storage.units import add_unit

TOKEN = "424242:bench-token"


@dataclass(frozen=True)
class IntakeFigures:
    """The printed figures of one run."""

    members: int
    updates: int
    seconds: float
    updates_per_second: float
    p50_ms: float
    p99_ms: float
    round_trip_p50_ms: float
    reports_stored: int


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


async def seed_team(database_url: str, members: int) -> None:
    """One ward, one team per 5 members, every member joined already."""
    db = Database(database_url)
    await db.migrate()
    async with db.write() as session:
        ward = await add_unit(session, "Phường Benchmark", "commune")
        teams = [
            await add_unit(session, f"Tổ {number + 1}", "team", ward)
            for number in range((members + 4) // 5)
        ]
        now = utcnow()
        session.add_all(
            Member(
                telegram_user_id=FIRST_USER_ID + index,
                full_name=f"Tổ viên {index}",
                phone=f"09{index:08d}",
                role="member",
                unit_id=teams[index // 5].id,
                consent_at=now,
                joined_at=now,
            )
            for index in range(members)
        )
    await db.dispose()


async def count_reports(database_url: str) -> int:
    from sqlalchemy import func, select

    from storage.models import Report

    db = Database(database_url)
    async with db.read() as session:
        total = int(await session.scalar(select(func.count(Report.id))) or 0)
    await db.dispose()
    return total


async def run_intake(
    members: int, reports: int, think: float = 0.0, database_url: str | None = None
) -> IntakeFigures:
    """One measured run; SQLite in a temporary folder unless a URL is given."""
    with tempfile.TemporaryDirectory(prefix="antt-bench-") as folder:
        url = database_url or f"sqlite+aiosqlite:///{Path(folder) / 'bench.sqlite3'}"
        await seed_team(url, members)
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe()
        child = context.Process(target=phones_process, args=(theirs, members, reports, think))
        child.start()
        loop = asyncio.get_running_loop()
        base_url = await loop.run_in_executor(None, ours.recv)
        settings = Settings(
            bot_token=SecretStr(TOKEN),
            database_url=url,
            telegram_api_url=base_url,
            poll_timeout_seconds=10,
            log_level="WARNING",
        )
        app = BotApp(settings)
        await app.start()
        ours.send("go")
        result: LoadResult = await loop.run_in_executor(None, ours.recv)
        latencies = list(app.pipeline.stats.latencies)
        await app.stop()
        ours.send("done")
        await loop.run_in_executor(None, child.join)
        stored = await count_reports(url)
    handled = [seconds * 1000 for seconds in latencies]
    return IntakeFigures(
        members=members,
        updates=result.updates,
        seconds=result.seconds,
        updates_per_second=result.updates / result.seconds,
        p50_ms=statistics.median(handled),
        p99_ms=percentile(handled, 0.99),
        round_trip_p50_ms=statistics.median(result.round_trips) * 1000,
        reports_stored=stored,
    )


def describe(figures: IntakeFigures) -> str:
    return (
        f"members={figures.members:4d} updates={figures.updates:6d} "
        f"time={figures.seconds:6.2f}s  {figures.updates_per_second:7.1f} updates/s  "
        f"handling p50={figures.p50_ms:6.1f} ms p99={figures.p99_ms:6.1f} ms  "
        f"phone round trip p50={figures.round_trip_p50_ms:6.1f} ms  "
        f"reports stored={figures.reports_stored}"
    )


@dataclass(frozen=True)
class Scenario:
    """A load shape: how many members, how many reports each, how long they pause per step."""

    name: str
    members: int
    reports: int
    think: float


SCENARIOS = (
    # Everyone taps as fast as the bot answers: the most the bot can take (closed loop).
    Scenario("flood (capacity)", members=50, reports=4, think=0.0),
    # 240 people each tapping about once a second: ~220 updates/s offered, latency at that rate.
    Scenario("240 members at ~1 tap/s", members=240, reports=2, think=1.0),
)


def main(runs: int = 3) -> None:
    print(f"intake benchmark · {dt.date.today()} · SQLite · good deeds (6 updates each)")
    for scenario in SCENARIOS:
        print(f"-- {scenario.name}: {scenario.members} members × {scenario.reports} reports")
        all_figures = []
        for run in range(runs):
            started = time.perf_counter()
            figures = asyncio.run(run_intake(scenario.members, scenario.reports, scenario.think))
            all_figures.append(figures)
            took = time.perf_counter() - started
            print(f"run {run + 1}: {describe(figures)}  ({took:.1f}s with setup)")
        rates = [f.updates_per_second for f in all_figures]
        p50s = [f.p50_ms for f in all_figures]
        p99s = [f.p99_ms for f in all_figures]
        print(
            f"median of {runs}: {statistics.median(rates):.1f} updates/s, "
            f"handling p50 {statistics.median(p50s):.1f} ms, p99 {statistics.median(p99s):.1f} ms"
            " (target ≥ 200 updates/s with p99 < 200 ms)"
        )
