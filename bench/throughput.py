"""Throughput past one process (issue 16): the same load on long polling (1 process, SQLite), the
webhook with 1, 2 and 4 processes (PostgreSQL; real OS processes, the emulator posting to each
in turn as a load balancer would), and aiogram's echo bot (a Dispatcher answering each text, no
storage) as the ceiling. Every bot and the emulator run in processes of their own; each one's
CPU time over the load is measured, so what the emulator takes of the two cores is known.

Workloads (bench/throughput_phones.py): a text that gets one reply; the good-deed flow (a press
is answered with answerCallbackQuery, an edit and a message). Floods give the capacity; the
good-deed flow at 200 updates/s offered (open loop) gives the handling latency.

`python -m bench throughput [runs]` (part of `make bench`); PostgreSQL in
ANTT_BENCH_DATABASE_URL (emptied: its public schema is dropped), by default the database
`antt_bench` on 127.0.0.1; without one the PostgreSQL cases are skipped.
`python -m bench throughput profile [cprofile]` runs one webhook process on PostgreSQL under the
good-deed flood sampled by py-spy (`pip install -e '.[bench]'`; or under cProfile, counting CPU
time) and prints where its time goes."""

from __future__ import annotations

import asyncio
import datetime as dt
import multiprocessing
import os
import platform
import pstats
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from sqlalchemy import text

from bench.intake import percentile, seed_team
from bench.throughput_bots import BotReport, bot_process, echo_process
from bench.throughput_phones import WARM_UP_MEMBERS, Load, PhonesResult, phones_process
from storage.database import Database

DEFAULT_PG = "postgresql+asyncpg://postgres@127.0.0.1:5432/antt_bench"
SECRET = "bench-throughput_secret"
HISTORY = 20_000  # handled inbox rows already there, as in a running bot's database
FLOODS = {
    "text": Load("text", members=50, steps=30),
    "good-deed": Load("good-deed", members=50, steps=21),
}
PACED = Load("good-deed", members=200, steps=8, rate=200.0)


@dataclass(frozen=True)
class Case:
    """Who answers: the echo bot, long polling on SQLite, or N webhook processes on PG."""

    label: str
    intake: str  # "echo", "polling" or "webhook"
    processes: int = 1

    @property
    def postgres(self) -> bool:
        return self.intake == "webhook"


ECHO = Case("echo (aiogram)", "echo")
POLLING = Case("polling 1 (SQLite)", "polling")
WEBHOOKS = tuple(Case(f"webhook {n} (PG)", "webhook", n) for n in (1, 2, 4))


@dataclass(frozen=True)
class Figures:
    """One case under one load."""

    case: Case
    load: Load
    phones: PhonesResult
    bots: list[BotReport]
    busy_cores: float  # the whole machine's, over the load (/proc/stat)
    database_cpu: float  # PostgreSQL's processes, over the load (seconds; 0 on SQLite)
    load_average: float  # 1-minute, at the end

    @property
    def rate(self) -> float:
        return self.phones.updates / self.phones.seconds

    @property
    def latencies_ms(self) -> list[float]:
        samples = [s * 1000 for bot in self.bots for s in bot.latencies]
        return samples or [s * 1000 for s in self.phones.round_trips]

    def cores(self, cpu: float) -> float:
        return cpu / self.phones.seconds

    @property
    def bot_cpu(self) -> float:
        return sum(b.cpu_seconds for b in self.bots)

    def per_update_ms(self, cpu: float) -> float:
        return 1000 * cpu / self.phones.updates

    def line(self) -> str:
        handling = self.latencies_ms
        trips = [s * 1000 for s in self.phones.round_trips]
        bots = " + ".join(f"{self.cores(b.cpu_seconds):.2f}" for b in self.bots)
        ours = self.cores(self.phones.cpu_seconds + self.bot_cpu + self.database_cpu)
        late = f" late={self.phones.late}" if self.load.rate is not None else ""
        swept = sum(b.swept for b in self.bots)
        late += f" swept={swept}" if swept else ""
        empty = sum(b.empty_claims for b in self.bots)
        late += f" empty claims={empty}" if empty else ""
        return (
            f"{self.case.label:19s} {self.rate:7.1f} upd/s ({self.phones.updates} in "
            f"{self.phones.seconds:5.2f} s)  handling p50 {statistics.median(handling):6.1f} "
            f"p99 {percentile(handling, 0.99):6.1f} ms  round trip p50 "
            f"{statistics.median(trips):6.1f} p99 {percentile(trips, 0.99):6.1f} ms  "
            f"cores: bots {bots}, PG {self.cores(self.database_cpu):.2f}, emulator "
            f"{self.cores(self.phones.cpu_seconds):.2f}, others "
            f"{max(0.0, self.busy_cores - ours):.2f}  load {self.load_average:.1f}{late}\n"
            f"{'':22s}CPU per update: bots {self.per_update_ms(self.bot_cpu):.2f} ms (kernel "
            f"{self.per_update_ms(sum(b.system_seconds for b in self.bots)):.2f}), PG "
            f"{self.per_update_ms(self.database_cpu):.2f} ms, emulator "
            f"{self.per_update_ms(self.phones.cpu_seconds):.2f} ms"
        )


TICKS = os.sysconf("SC_CLK_TCK")


def _proc_stat(pid: str) -> tuple[str, list[str]] | None:
    """A process's command name and the fields of /proc/<pid>/stat after it (None once it is
    gone): [1] is the parent's pid, [11] to [14] utime, stime, cutime, cstime in clock ticks."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            head, tail = stat.read().rsplit(")", 1)
    except OSError:
        return None
    return head.partition("(")[2], tail.split()


def postgres_cpu() -> float:
    """CPU seconds so far of this machine's PostgreSQL: every server process, and the
    postmaster's reaped children (a pooled connection closed during the load took its CPU
    with it; the postmaster's cumulative children's time keeps it). 0 with no local server."""
    total = 0
    for entry in os.scandir("/proc"):
        found = _proc_stat(entry.name) if entry.name.isdigit() else None
        if found is None or found[0] != "postgres":
            continue
        fields = found[1]
        total += int(fields[11]) + int(fields[12])  # utime, stime
        parent = _proc_stat(fields[1])
        if parent is None or parent[0] != "postgres":  # the postmaster: its children's too
            total += int(fields[13]) + int(fields[14])  # cutime, cstime
    return total / TICKS


def busy_jiffies() -> tuple[int, int]:
    """(busy, total) CPU time of the whole machine so far, in clock ticks."""
    with open("/proc/stat") as stat:
        fields = [int(v) for v in stat.readline().split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def free_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [int(sock.getsockname()[1]) for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


async def prepare_postgres(url: str, members: int) -> None:
    """An empty schema, migrated, the members seeded, a day's handled updates in the inbox."""
    db = Database(url)
    async with db.engine.begin() as connection:
        await connection.execute(text("DROP SCHEMA public CASCADE"))
        await connection.execute(text("CREATE SCHEMA public"))
    await db.dispose()
    await seed_team(url, members)
    db = Database(url)
    async with db.write() as session:
        await session.execute(
            text(
                "INSERT INTO inbox (channel, update_id, chat_ref, payload, received_at, "
                "handled_at) SELECT 'telegram', -g, (1000 + g % 5000)::text, '{}', now(), now() "
                "FROM generate_series(1, :n) g"
            ),
            {"n": HISTORY},
        )
    async with db.engine.begin() as connection:
        await connection.execute(text("ANALYZE"))
    await db.dispose()


async def _recv(connection: Connection) -> Any:
    return await asyncio.get_running_loop().run_in_executor(None, connection.recv)


def bot_fields(case: Case, database_url: str, api_url: str, port: int) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "database_url": database_url,
        "telegram_api_url": api_url,
        "telegram_backend": "aiogram",
        "poll_timeout_seconds": 10,
        "log_level": "WARNING",
        "scheduler": "off",
    }
    if case.intake == "webhook":
        fields |= {
            "intake": "webhook",
            "webhook_url": f"http://127.0.0.1:{port}/telegram",
            "webhook_secret": SECRET,
            "webhook_port": port,
        }
    return fields


async def run_case(
    case: Case, load: Load, pg_url: str, profile: str = "", spy: str = ""
) -> Figures:
    context = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory(prefix="antt-throughput-") as folder:
        members = max(load.members, PACED.members) + WARM_UP_MEMBERS
        if case.postgres:
            url = pg_url
            await prepare_postgres(url, members)
        else:
            url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.sqlite3'}"
            if case.intake == "polling":
                await seed_team(url, members)
        phones_end, ours = context.Pipe()
        phones = context.Process(target=phones_process, args=(phones_end, load))
        phones.start()
        api_url: str = await _recv(ours)
        ports = free_ports(case.processes)
        bots: list[tuple[BaseProcess, Connection]] = []
        try:
            for port in ports:  # one after another: each migrates (a no-op) as it starts
                bot_end, bot_ours = context.Pipe()
                if case.intake == "echo":
                    child = context.Process(target=echo_process, args=(bot_end, api_url))
                else:
                    fields = bot_fields(case, url, api_url, port)
                    child = context.Process(target=bot_process, args=(bot_end, fields, profile))
                child.start()
                bots.append((child, bot_ours))
                ready = await _recv(bot_ours)
                assert ready == "ready", ready
            upstreams = (
                [f"http://127.0.0.1:{port}/telegram" for port in ports]
                if case.intake == "webhook"
                else []
            )
            ours.send(upstreams)
            assert await _recv(ours) == "warmed"
            for _, connection in bots:
                connection.send("mark")
                assert await _recv(connection) == "marked"
            database_before = postgres_cpu() if case.postgres else 0.0
            sampler = start_spy(spy, bots[0][0].pid) if spy else None
            busy, total = busy_jiffies()
            ours.send("go")
            result: PhonesResult = await _recv(ours)
            busy_after, total_after = busy_jiffies()
            if sampler is not None:
                sampler.send_signal(signal.SIGINT)
                await asyncio.get_running_loop().run_in_executor(None, sampler.wait, 60)
            database_cpu = postgres_cpu() - database_before if case.postgres else 0.0
            reports: list[BotReport] = []
            for _, connection in bots:
                connection.send("report")
                reports.append(await _recv(connection))
        finally:
            for _, connection in bots:
                connection.send("stop")
            for process, _ in bots:
                await asyncio.get_running_loop().run_in_executor(None, process.join, 60)
            ours.send("done")
            await asyncio.get_running_loop().run_in_executor(None, phones.join, 60)
    cores = multiprocessing.cpu_count()
    busy_cores = cores * (busy_after - busy) / max(1, total_after - total)
    return Figures(case, load, result, reports, busy_cores, database_cpu, os.getloadavg()[0])


async def reachable(url: str) -> bool:
    db = Database(url)
    try:
        async with db.read() as session:
            await session.execute(text("SELECT 1"))
        return True
    except Exception:
        return False
    finally:
        await db.dispose()


@dataclass
class Table:
    """Every figure of the run, by (load name, case label)."""

    figures: dict[tuple[str, str], list[Figures]] = field(default_factory=dict)

    def add(self, name: str, figures: Figures) -> None:
        self.figures.setdefault((name, figures.case.label), []).append(figures)

    def rate(self, name: str, case: Case) -> float | None:
        runs = self.figures.get((name, case.label))
        return statistics.median(f.rate for f in runs) if runs else None


def ratio(table: Table, name: str, top: Case, bottom: Case) -> str:
    upper, lower = table.rate(name, top), table.rate(name, bottom)
    if upper is None or lower is None:
        return "n/a"
    return f"{upper / lower:.2f}"


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def main(runs: int = 1) -> None:
    pg_url = os.environ.get("ANTT_BENCH_DATABASE_URL", DEFAULT_PG)
    has_pg = asyncio.run(reachable(pg_url))
    cases = [ECHO, POLLING, *(WEBHOOKS if has_pg else ())]
    print(
        f"throughput benchmark · {dt.date.today()} · {platform.machine()}, "
        f"{multiprocessing.cpu_count()} cores · load average "
        f"{', '.join(f'{v:.1f}' for v in os.getloadavg())} at the start"
        + ("" if has_pg else f" · no PostgreSQL at {pg_url}: webhook cases skipped")
    )
    table = Table()
    for run in range(runs):
        for name, load in FLOODS.items():
            print(
                f"-- flood, {name}: {load.members} members × {load.steps} updates (run {run + 1})"
            )
            for case in cases:
                if case is ECHO and name != "text":
                    continue  # the echo bot answers texts only
                figures = asyncio.run(run_case(case, load, pg_url))
                table.add(name, figures)
                print(f"   {figures.line()}")
        print(
            f"-- open loop, good-deed at {PACED.rate:.0f} updates/s offered: "
            f"{PACED.members} members × {PACED.steps} (run {run + 1})"
        )
        for case in cases:
            if case is ECHO:
                continue
            figures = asyncio.run(run_case(case, PACED, pg_url))
            table.add("paced", figures)
            print(f"   {figures.line()}")
    summarise(table, has_pg)


def summarise(table: Table, has_pg: bool) -> None:
    print(f"-- ratios (medians of the runs; load average now {os.getloadavg()[0]:.1f})")
    polling_text = table.rate("text", POLLING) or 0.0
    echo_text = table.rate("text", ECHO) or 1.0
    print(
        f"   text: polling 1 / echo = {polling_text / echo_text:.2f}"
        + (f", webhook 1 / echo = {ratio(table, 'text', WEBHOOKS[0], ECHO)}" if has_pg else "")
    )
    if not has_pg:
        return
    one, two, four = WEBHOOKS
    for name in FLOODS:
        print(
            f"   {name}: webhook 2 / 1 = {ratio(table, name, two, one)}, "
            f"4 / 1 = {ratio(table, name, four, one)}, "
            f"webhook 1 / polling 1 = {ratio(table, name, one, POLLING)}"
        )
    best_text = max(table.rate("text", one) or 0.0, polling_text)
    deeds_two = table.rate("good-deed", two) or 0.0
    deeds_one = table.rate("good-deed", one) or 1.0
    print(f"   target text, one process ≥ 0.5 × echo: {verdict(best_text >= 0.5 * echo_text)}")
    print(f"   target good-deed ≥ 400 upd/s, 2 webhook processes: {verdict(deeds_two >= 400)}")
    print(f"   target 2 processes ≥ 1.6 × one (good-deed): {verdict(deeds_two >= 1.6 * deeds_one)}")
    ceiling = machine_ceiling(table, "good-deed", one)
    if ceiling is not None:
        rate, cpu = ceiling
        print(
            f"   this machine's ceiling for the good-deed flood, whatever the processes: "
            f"{multiprocessing.cpu_count()} cores ÷ {cpu:.2f} ms of CPU per update (one "
            f"webhook process's bot, PostgreSQL and emulator) = {rate:.0f} upd/s, "
            f"{rate / deeds_one:.2f} × one process"
        )
    for case in (POLLING, *WEBHOOKS):
        runs = table.figures.get(("paced", case.label), [])
        if runs:
            # The phones' round trip: from the update queued at "Telegram" to the answer seen,
            # which covers the bot's handling and the delivery both ways.
            p99 = statistics.median(
                percentile([s * 1000 for s in f.phones.round_trips], 0.99) for f in runs
            )
            print(
                f"   target p99 < 300 ms at 200/s, {case.label}: round trip p99 {p99:.0f} ms, "
                f"{verdict(p99 < 300)}"
            )


def machine_ceiling(table: Table, name: str, case: Case) -> tuple[float, float] | None:
    """(updates/s, CPU ms per update): what this machine's cores give at most when every core
    is busy with the load at `case`'s CPU per update (the bots', PostgreSQL's and the
    emulator's, which share the machine here); more processes only divide the bots' part."""
    runs = table.figures.get((name, case.label))
    if not runs:
        return None
    per_update = statistics.median(
        f.per_update_ms(f.bot_cpu + f.database_cpu + f.phones.cpu_seconds) for f in runs
    )
    return 1000 * multiprocessing.cpu_count() / per_update, per_update


def py_spy() -> str | None:
    beside = Path(sys.executable).parent / "py-spy"
    return str(beside) if beside.exists() else shutil.which("py-spy")


def start_spy(out: str, pid: int | None) -> subprocess.Popen[bytes]:
    """py-spy sampling `pid` into `out` (collapsed stacks) until interrupted."""
    command = [py_spy() or "py-spy", "record", "--pid", str(pid), "--rate", "250"]
    command += ["--format", "raw", "--output", out, "--nonblocking"]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603


# Where a sample's time goes: the first of these a frame's file path contains (innermost first).
AREAS = (
    ("json", "/json/"),
    ("logging", "/logging/"),
    ("asyncpg (PostgreSQL driver)", "asyncpg/"),
    ("SQLAlchemy", "sqlalchemy/"),
    ("pydantic", "pydantic"),
    ("aiogram", "aiogram/"),
    ("aiohttp (HTTP client and server)", "aiohttp/"),
    ("Fluent (texts)", "fluent"),
    ("yarl / multidict", "yarl/"),
    ("asyncio (event loop, sockets)", "asyncio/"),
    ("the conversation (handlers/, chat/)", "handlers/"),
    ("the conversation (handlers/, chat/)", "chat/"),
    ("storage/", "storage/"),
    ("bot/", "bot/"),
)


def area_of(frame: str) -> str | None:
    for name, marker in AREAS:
        if marker in frame:
            return name
    return None


def read_spy(out: str, top: int = 30) -> None:
    """Print the share of samples per area (the innermost frame that names one) and the
    functions with the most samples of their own."""
    areas: dict[str, int] = {}
    own: dict[str, int] = {}
    inclusive: dict[str, int] = {}
    total = 0
    for line in Path(out).read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not count_text.isdigit():
            continue
        count = int(count_text)
        frames = stack.split(";")
        total += count
        leaf = frames[-1]
        own[leaf] = own.get(leaf, 0) + count
        for frame in set(frames):
            inclusive[frame] = inclusive.get(frame, 0) + count
        area = next((a for a in map(area_of, reversed(frames)) if a is not None), "other")
        areas[area] = areas.get(area, 0) + count
    print(f"   {total} samples; by area (innermost frame that names one):")
    for name, count in sorted(areas.items(), key=lambda item: -item[1]):
        print(f"     {100 * count / total:5.1f}%  {name}")
    print("   functions, own samples:")
    for frame, count in sorted(own.items(), key=lambda item: -item[1])[:top]:
        print(f"     {100 * count / total:5.1f}%  {frame}")
    print("   functions of ours, inclusive:")
    mine = [
        (frame, count)
        for frame, count in inclusive.items()
        if any(part in frame for part in ("bot/", "storage/", "handlers/", "chat/"))
    ]
    for frame, count in sorted(mine, key=lambda item: -item[1])[:top]:
        print(f"     {100 * count / total:5.1f}%  {frame}")


def profile(pg_url: str, how: str = "py-spy", out: str = "build/throughput-webhook") -> None:
    """One webhook process under the good-deed flood, sampled by py-spy (wall time: on a busy
    machine it also shows where the process waits for a core) or, with `how` "cprofile" or
    without py-spy, under cProfile counting CPU time: where its time goes."""
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    load = FLOODS["good-deed"]
    if how == "py-spy" and py_spy() is not None:
        figures = asyncio.run(run_case(WEBHOOKS[0], load, pg_url, spy=f"{out}.txt"))
        print(f"   {figures.line()}  (sampled by py-spy)")
        read_spy(f"{out}.txt")
        return
    where = str(Path(f"{out}.prof").resolve())
    figures = asyncio.run(run_case(WEBHOOKS[0], load, pg_url, profile=where))
    print(f"   {figures.line()}  (under cProfile)")
    stats = pstats.Stats(where)
    stats.sort_stats("tottime").print_stats(40)
    stats.sort_stats("cumulative").print_stats(60)


if __name__ == "__main__":
    main()
