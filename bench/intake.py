"""Intake benchmark: N members file good deeds at once; the bot runs in this process, the
emulator and the phones in another, so the two share the machine's two cores like real peers.
Both Telegram backends take the same load, alternating; an echo bot on each library, storing
nothing, shows the ceiling."""

from __future__ import annotations

import asyncio
import datetime as dt
import multiprocessing
import platform
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import SecretStr
from sqlalchemy import func, select

from bench.echo import run_echo
from bench.load import FIRST_USER_ID, LoadResult, phones_process
from bot.app import BotApp
from config.settings import Settings
from storage.database import Database
from storage.models import Member, Report, utcnow
from storage.units import add_unit

TOKEN = "424242:bench-token"
BACKENDS = ("aiogram", "ptb")


@dataclass(frozen=True)
class IntakeFigures:
    """The printed figures of one run."""

    label: str
    updates: int
    seconds: float
    updates_per_second: float
    p50_ms: float
    p99_ms: float
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
    db = Database(database_url)
    async with db.read() as session:
        total = int(await session.scalar(select(func.count(Report.id))) or 0)
    await db.dispose()
    return total


Stop = Callable[[], Awaitable[None]]
Serve = Callable[[str], Awaitable[Stop]]


async def _with_phones(
    members: int, reports: int, think: float, echo: bool, serve: Serve
) -> LoadResult:
    """Start the phones' process, let `serve(base_url)` start a bot, run the load."""
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    child = context.Process(target=phones_process, args=(theirs, members, reports, think, echo))
    child.start()
    loop = asyncio.get_running_loop()
    base_url: str = await loop.run_in_executor(None, ours.recv)
    stop = await serve(base_url)
    try:
        ours.send("go")
        result: LoadResult = await loop.run_in_executor(None, ours.recv)
    finally:
        await stop()
    ours.send("done")
    await loop.run_in_executor(None, child.join)
    return result


async def run_intake(
    members: int, reports: int, think: float = 0.0, backend: str = "aiogram"
) -> IntakeFigures:
    """The real bot (pipeline, SQLite in a temporary folder) under the phones' load."""
    with tempfile.TemporaryDirectory(prefix="antt-bench-") as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.sqlite3'}"
        await seed_team(url, members)
        apps: list[BotApp] = []

        async def serve(base_url: str) -> Stop:
            settings = Settings(
                bot_token=SecretStr(TOKEN),
                database_url=url,
                telegram_api_url=base_url,
                telegram_backend=backend,
                poll_timeout_seconds=10,
                log_level="WARNING",
            )
            app = BotApp(settings)
            await app.start()
            apps.append(app)
            return app.stop

        result = await _with_phones(members, reports, think, False, serve)
        latencies = [seconds * 1000 for seconds in apps[0].pipeline.stats.latencies.sample]
        stored = await count_reports(url)
    return IntakeFigures(
        label=backend,
        updates=result.updates,
        seconds=result.seconds,
        updates_per_second=result.updates / result.seconds,
        p50_ms=statistics.median(latencies),
        p99_ms=percentile(latencies, 0.99),
        reports_stored=stored,
    )


async def run_ceiling(members: int, reports: int, library: str) -> IntakeFigures:
    """An echo bot on `library`: the phones' round trips are its whole latency."""
    until = asyncio.Event()
    serving: list[asyncio.Task[None]] = []

    async def serve(base_url: str) -> Stop:
        serving.append(asyncio.create_task(run_echo(library, TOKEN, base_url, until)))

        async def stop() -> None:
            until.set()
            await serving[0]

        return stop

    result = await _with_phones(members, reports, 0.0, True, serve)
    trips = [seconds * 1000 for seconds in result.round_trips]
    return IntakeFigures(
        label=f"echo {library}",
        updates=result.updates,
        seconds=result.seconds,
        updates_per_second=result.updates / result.seconds,
        p50_ms=statistics.median(trips),
        p99_ms=percentile(trips, 0.99),
        reports_stored=0,
    )


def describe(figures: IntakeFigures) -> str:
    return (
        f"{figures.label:13s} updates={figures.updates:6d} time={figures.seconds:6.2f}s "
        f"{figures.updates_per_second:7.1f} updates/s  "
        f"p50={figures.p50_ms:6.1f} ms p99={figures.p99_ms:6.1f} ms  "
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
    # 220 people each tapping about once a second: ~200 updates/s offered, the target.
    Scenario("220 members at ~1 tap/s", members=220, reports=2, think=1.0),
)


def summarise(label: str, runs: list[IntakeFigures]) -> tuple[float, float, float]:
    rate = statistics.median(f.updates_per_second for f in runs)
    p50 = statistics.median(f.p50_ms for f in runs)
    p99 = statistics.median(f.p99_ms for f in runs)
    print(f"   median {label:13s} {rate:7.1f} updates/s  p50 {p50:6.1f} ms  p99 {p99:6.1f} ms")
    return rate, p50, p99


def main(runs: int = 3) -> None:
    print(
        f"intake benchmark · {dt.date.today()} · {platform.machine()}, "
        f"{multiprocessing.cpu_count()} cores · SQLite · good deeds (7 updates each)"
    )
    for scenario in SCENARIOS:
        print(f"-- {scenario.name}: {scenario.members} members × {scenario.reports} reports")
        figures: dict[str, list[IntakeFigures]] = {name: [] for name in BACKENDS}
        for run in range(runs):
            for backend in BACKENDS if run % 2 == 0 else BACKENDS[::-1]:
                started = time.perf_counter()
                result = asyncio.run(
                    run_intake(scenario.members, scenario.reports, scenario.think, backend)
                )
                figures[backend].append(result)
                took = time.perf_counter() - started
                print(f"run {run + 1}: {describe(result)}  ({took:.1f}s with setup)")
        rates = {name: summarise(name, results)[0] for name, results in figures.items()}
        print(f"   ratio aiogram/ptb: {rates['aiogram'] / rates['ptb']:.2f}")
    print("-- ceiling: echo bots, no storage (flood, 50 members)")
    ceilings: dict[str, list[IntakeFigures]] = {name: [] for name in BACKENDS}
    for run in range(runs):
        for library in BACKENDS if run % 2 == 0 else BACKENDS[::-1]:
            result = asyncio.run(run_ceiling(50, 4, library))
            ceilings[library].append(result)
            print(f"run {run + 1}: {describe(result)}")
    for name, results in ceilings.items():
        summarise(f"echo {name}", results)
