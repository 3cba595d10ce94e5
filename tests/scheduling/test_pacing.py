"""The pacer on a clock the test moves: spacing overall, per chat, per group, after a stall."""

from __future__ import annotations

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


async def test_a_stall_does_not_become_a_burst() -> None:
    """Slots were handed out, then the loop stalled for two seconds: the sends that wake late
    still keep to 25 in any second."""
    time = Time()
    pacer = Pacer(Limits(per_second=25, chat_interval=0), time.clock, time.sleep)
    for number in range(25):
        await send(pacer, time, str(number))
    time.now += 2.0  # the stall
    for number in range(25, 100):
        await send(pacer, time, str(number))
    assert most_in_any_second([moment for moment, _ in time.sends]) <= 25


async def test_a_flood_wait_holds_every_later_send() -> None:
    time = Time()
    pacer = Pacer(Limits(per_second=25, chat_interval=0), time.clock, time.sleep)
    await send(pacer, time, "1")
    pacer.pause(7)
    await send(pacer, time, "2")
    assert time.sends[1][0] - time.sends[0][0] >= 7
