"""The phones' side of the throughput benchmark: an emulator and N members, in a process of its
own. Two workloads: a text that gets one reply ("text"), and the good-deed flow tap by tap
("good-deed": a press is answered with three Bot API calls). Two shapes: a flood (each member
sends its next update as soon as the bot answered the last: closed loop, the bot's capacity), or
a fixed offered rate (open loop: update k of the run is due at k / rate seconds, member by
member in turn; a member whose answer is late sends its next one late, which is counted)."""

from __future__ import annotations

import asyncio
import gc
import resource
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection

from emulator.phone import Phone
from emulator.server import TelegramEmulator

FIRST_USER_ID = 700_000
# Members who run the workload once before the measured load, so that what a bot does once in
# its life (compiling its SQL, building pydantic's schemas) is not counted as handling: a bot
# runs for hours. Their ids follow the measured members'.
WARM_UP_MEMBERS = 5
GOOD_DEED: tuple[tuple[str, str], ...] = (
    ("send", "/menu"),
    ("press", "📝 Việc tốt"),
    ("send", "Giúp cụ bà qua đường, đưa cụ về nhà."),
    ("press", "Hôm nay"),
    ("press", "Xong"),
    ("press", "Bỏ qua"),
    ("press", "✅ Gửi báo cáo"),
)
# A sentence with no command: quick capture keeps it in a draft and asks which kind it is.
TEXT = "Có nhóm thanh niên tụ tập ở đầu ngõ {number}."


@dataclass(frozen=True)
class Load:
    """What the phones do: `steps` updates per member, flooded or at `rate` updates/s."""

    workload: str  # "text" or "good-deed"
    members: int
    steps: int
    rate: float | None = None

    @property
    def updates(self) -> int:
        return self.members * self.steps


@dataclass(frozen=True)
class PhonesResult:
    """What the phones saw, and what the emulator's process cost."""

    updates: int
    seconds: float
    round_trips: list[float]  # from the update queued to the answer's arrival
    cpu_seconds: float  # the emulator and phones' process, during the load
    late: int  # open loop: updates sent more than 50 ms after they were due


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def cycle_of(workload: str) -> int:
    """How many steps before the workload repeats itself."""
    return 3 if workload == "text" else len(GOOD_DEED)


def step_of(workload: str, step: int) -> tuple[str, str]:
    if workload == "text":
        return "send", TEXT.format(number=step)
    return GOOD_DEED[step % len(GOOD_DEED)]


async def member(
    phone: Phone, index: int, load: Load, started: float, trips: list[float], late: list[int]
) -> None:
    for step in range(load.steps):
        if load.rate is not None:
            due = started + (step * load.members + index) / load.rate
            wait = due - time.perf_counter()
            if wait > 0:
                await asyncio.sleep(wait)
            elif wait < -0.05:
                late[0] += 1
        action, value = step_of(load.workload, step)
        sent = time.perf_counter()
        if action == "send":
            await phone.send(value, settle=0)
        else:
            await phone.press(value, settle=0)
        trips.append(time.perf_counter() - sent)


async def drive(connection: Connection, load: Load) -> None:
    """Serve the emulator, wait for the bots, run the load, send the result back."""
    loop = asyncio.get_running_loop()
    # A generous per-step deadline: an overloaded bot shows up as latency, not as a crash.
    async with TelegramEmulator(bot_username="antt_bench_bot", phone_timeout=120) as emulator:
        phones = [
            emulator.phone(user_id=FIRST_USER_ID + index, first_name=f"Tổ viên {index}")
            for index in range(load.members)
        ]
        warming = [
            emulator.phone(user_id=FIRST_USER_ID + load.members + index, first_name="Khởi động")
            for index in range(WARM_UP_MEMBERS)
        ]
        connection.send(emulator.base_url)
        upstreams: list[str] = await loop.run_in_executor(None, connection.recv)
        emulator.webhook.upstreams = upstreams
        warm_up = Load(load.workload, WARM_UP_MEMBERS, cycle_of(load.workload))
        await asyncio.gather(
            *(
                member(phone, index, warm_up, time.perf_counter(), [], [0])
                for index, phone in enumerate(warming)
            )
        )
        connection.send("warmed")
        await loop.run_in_executor(None, connection.recv)  # go
        trips: list[float] = []
        late = [0]
        cpu = cpu_seconds()
        started = time.perf_counter()
        with no_collector_pauses():
            await asyncio.gather(
                *(
                    member(phone, index, load, started, trips, late)
                    for index, phone in enumerate(phones)
                )
            )
        seconds = time.perf_counter() - started
        result = PhonesResult(load.updates, seconds, trips, cpu_seconds() - cpu, late[0])
        connection.send(result)
        await loop.run_in_executor(None, connection.recv)  # done


@contextmanager
def no_collector_pauses() -> Iterator[None]:
    """The emulator stands for Telegram, whose servers do not stop: its cyclic garbage
    collector, walking the ~400,000 objects of a long load (every message kept), stopped it
    for 230–310 ms every few seconds, and every answer under way waited, the bot's too: most of
    the round trip's p99 at 200 updates/s (bench/RESULTS.md, 2026-11-30, fourth session). Off
    during the measured load; the load is short and its memory is freed after."""
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.unfreeze()


def phones_process(connection: Connection, load: Load) -> None:
    """Entry point of the phones' child process."""
    asyncio.run(drive(connection, load))
