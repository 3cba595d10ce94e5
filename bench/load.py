"""The phones' side of the intake benchmark: an emulator and N members filing good deeds."""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection

from emulator.phone import Phone
from emulator.server import TelegramEmulator

FIRST_USER_ID = 700_000
UPDATES_PER_REPORT = 7  # /menu, Việc tốt, text, Hôm nay, Xong, Bỏ qua, Gửi


@dataclass(frozen=True)
class LoadResult:
    """What the phones saw: how many updates they sent and how long it took."""

    updates: int
    reports: int
    seconds: float
    round_trips: list[float]


async def one_report(
    phone: Phone, number: int, round_trips: list[float], think: float, rng: random.Random
) -> None:
    """One good deed, tap by tap, each step waiting for the bot's answer, then a pause as a
    person reads the next question (`think` seconds on average; 0 for a flood)."""
    steps: list[tuple[str, str]] = [
        ("send", "/menu"),
        ("press", "📝 Việc tốt"),
        ("send", f"Việc tốt số {number}: giúp cụ bà qua đường."),
        ("press", "Hôm nay"),
        ("press", "Xong"),
        ("press", "Bỏ qua"),
        ("press", "✅ Gửi báo cáo"),
    ]
    for action, value in steps:
        started = time.perf_counter()
        if action == "send":
            await phone.send(value, settle=0)
        else:
            await phone.press(value, settle=0)
        round_trips.append(time.perf_counter() - started)
        if think:
            await asyncio.sleep(think * rng.uniform(0.5, 1.5))


async def member_load(
    phone: Phone, reports: int, round_trips: list[float], think: float, seed: int, echo: bool
) -> None:
    rng = random.Random(seed)
    if think:
        await asyncio.sleep(rng.uniform(0, think))  # people do not all start at once
    for number in range(reports):
        if echo:
            await echo_messages(phone, number, round_trips)
        else:
            await one_report(phone, number, round_trips, think, rng)


async def echo_messages(phone: Phone, number: int, round_trips: list[float]) -> None:
    """As many plain messages as one report takes updates, each waiting for its echo."""
    for step in range(UPDATES_PER_REPORT):
        started = time.perf_counter()
        await phone.send(f"tin nhắn {number}.{step}", settle=0)
        round_trips.append(time.perf_counter() - started)


async def drive(
    connection: Connection, members: int, reports: int, think: float, echo: bool
) -> None:
    """Serve the emulator, wait for the bot, run the load, send the result back."""
    # A generous per-step deadline: an overloaded bot shows up as latency, not as a crash.
    async with TelegramEmulator(bot_username="antt_bench_bot", phone_timeout=60) as emulator:
        phones = [
            emulator.phone(user_id=FIRST_USER_ID + index, first_name=f"Tổ viên {index}")
            for index in range(members)
        ]
        connection.send(emulator.base_url)
        await asyncio.get_running_loop().run_in_executor(None, connection.recv)  # "go"
        round_trips: list[float] = []
        started = time.perf_counter()
        await asyncio.gather(
            *(
                member_load(phone, reports, round_trips, think, seed, echo)
                for seed, phone in enumerate(phones)
            )
        )
        seconds = time.perf_counter() - started
        connection.send(
            LoadResult(
                updates=members * reports * UPDATES_PER_REPORT,
                reports=members * reports,
                seconds=seconds,
                round_trips=round_trips,
            )
        )
        await asyncio.get_running_loop().run_in_executor(None, connection.recv)  # "done"


def phones_process(
    connection: Connection, members: int, reports: int, think: float, echo: bool
) -> None:
    """Entry point of the child process."""
    asyncio.run(drive(connection, members, reports, think, echo))
