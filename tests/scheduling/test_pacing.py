"""The pacer on a clock the test moves: spacing overall, per chat, per group, after a stall."""

from __future__ import annotations

import asyncio
from itertools import pairwise

from bot.pacing import Limits, Pacer


class Time:
    """A clock that only moves when someone sleeps (or the test says so)."""

    def __init__(self) -> None:
        self.now = 100.0
        self.sends: list[tuple[float, str]] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += max(seconds, 0.0)


async def send(pacer: Pacer, time: Time, chat: str) -> None:
    await pacer.chat_ready(chat)
    await pacer.take(chat)
    time.sends.append((time.now, chat))


def most_in_any_second(moments: list[float]) -> int:
    return max(sum(1 for other in moments if start <= other < start + 1.0) for start in moments)


async def test_sends_are_spaced_to_the_overall_rate() -> None:
    time = Time()
    pacer = Pacer(Limits(per_second=25, chat_interval=1.0), time.clock, time.sleep)
    for number in range(100):
        await send(pacer, time, str(number))
    moments = [moment for moment, _ in time.sends]
    assert most_in_any_second(moments) == 25
    assert round(moments[-1] - moments[0], 2) == round(99 / 25, 2)


async def test_one_chat_gets_one_message_a_second_and_a_group_twenty_a_minute() -> None:
    time = Time()
    pacer = Pacer(
        Limits(per_second=25, chat_interval=1.0, group_per_minute=20), time.clock, time.sleep
    )
    for _ in range(3):
        await send(pacer, time, "42")
    person = [moment for moment, _ in time.sends]
    assert [round(b - a, 3) for a, b in pairwise(person)] == [1.0, 1.0]
    time.sends.clear()
    for _ in range(3):
        await send(pacer, time, "-1001")
    group = [moment for moment, _ in time.sends]
    assert [round(b - a, 3) for a, b in pairwise(group)] == [3.0, 3.0]


class SteppedTime:
    """Many senders asleep at once on a clock the test steps; `stall` makes the loop wake late
    (everyone whose time came during the stall wakes together, as after a busy spell)."""

    def __init__(self) -> None:
        self.now = 100.0
        self.sent: list[float] = []
        self._waiters: list[tuple[float, asyncio.Future[None]]] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        waiter = asyncio.get_running_loop().create_future()
        self._waiters.append((self.now + max(seconds, 0.0), waiter))
        await waiter

    async def run(self, senders: list[asyncio.Task[None]], stall_at: float) -> None:
        stalled = False
        while not all(task.done() for task in senders):
            for _ in range(5):
                await asyncio.sleep(0)  # let everyone run until they sleep
            if not self._waiters:
                continue
            wake = min(moment for moment, _ in self._waiters)
            if not stalled and wake >= stall_at:
                stalled, wake = True, wake + 2.0
            self.now = max(self.now, wake)
            due = [item for item in self._waiters if item[0] <= self.now]
            self._waiters = [item for item in self._waiters if item[0] > self.now]
            for _, waiter in due:
                waiter.set_result(None)


async def test_a_stall_does_not_become_a_burst() -> None:
    """Senders waiting for their slots all wake late after a two-second stall: they still keep
    to 25 in any second."""
    time = SteppedTime()
    pacer = Pacer(Limits(per_second=25, chat_interval=0), time.clock, time.sleep)

    async def one(chat: str) -> None:
        await pacer.take(chat)
        time.sent.append(time.now)

    senders = [asyncio.create_task(one(str(number))) for number in range(100)]
    await time.run(senders, stall_at=101.0)
    assert len(time.sent) == 100
    assert most_in_any_second(time.sent) <= 25


async def test_a_flood_wait_holds_every_later_send() -> None:
    time = Time()
    pacer = Pacer(Limits(per_second=25, chat_interval=0), time.clock, time.sleep)
    await send(pacer, time, "1")
    pacer.pause(7)
    await send(pacer, time, "2")
    assert time.sends[1][0] - time.sends[0][0] >= 7


async def test_a_chats_next_message_waits_a_whole_interval_after_a_slow_answer() -> None:
    """Telegram counts a chat's second between arrivals: a message that took 0.4 s to go out
    (a busy machine) pushes the chat's next one to 1 s after it was answered."""
    time = Time()
    pacer = Pacer(Limits(per_second=25, chat_interval=1.0), time.clock, time.sleep)
    await send(pacer, time, "42")
    time.now += 0.4  # the first message reaches Telegram and is answered 0.4 s later
    pacer.sent("42")
    await send(pacer, time, "42")
    first, second = (moment for moment, _ in time.sends)
    assert round(second - first, 3) == 1.4
