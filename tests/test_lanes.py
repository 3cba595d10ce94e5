"""Updates of one chat are handled in order; different chats do not wait for each other."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from bot.lanes import ChatLanes


async def test_one_chat_in_order_other_chats_concurrently() -> None:
    lanes = ChatLanes()
    log: list[str] = []
    slow_started = asyncio.Event()

    def job(chat: str, name: str, pause: float = 0.0) -> Callable[[], Awaitable[None]]:
        async def run() -> None:
            if pause:
                slow_started.set()
                await asyncio.sleep(pause)
            log.append(f"{chat}:{name}")

        return run

    lanes.push("lan", job("lan", "1", pause=0.2))
    lanes.push("lan", job("lan", "2"))
    await slow_started.wait()
    lanes.push("hung", job("hung", "1"))
    await lanes.idle()
    assert log == ["hung:1", "lan:1", "lan:2"]


async def test_a_failing_job_does_not_stop_its_chat() -> None:
    lanes = ChatLanes()
    done: list[int] = []

    async def fails() -> None:
        raise RuntimeError("boom")

    async def works() -> None:
        done.append(1)

    lanes.push("lan", fails)
    lanes.push("lan", works)
    await lanes.idle()
    assert done == [1]
    assert lanes.busy == 0
