"""The bots of the throughput benchmark, each a real OS process: the product (`BotApp`, long
polling or webhook) or the ceiling, a minimal aiogram Dispatcher answering each text with one
message. The parent drives each through a pipe:

    child: "ready" → parent: "mark" (forget what start-up did) → child: "marked"
    parent: "report" → child: BotReport → parent: "stop" → child stops and ends."""

from __future__ import annotations

import asyncio
import contextlib
import cProfile
import logging
import resource
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

TOKEN = "424242:bench-token"


@dataclass(frozen=True)
class BotReport:
    """One bot process's figures since "mark"."""

    handled: int
    latencies: list[float]  # seconds, a sample (the pipeline keeps at most 10,000)
    cpu_seconds: float
    system_seconds: float  # of which in the kernel (sockets, mostly)
    # Chats whose waiting update the three-second sweep found (bot/stranded.py): an update
    # no lane took at once, a member kept waiting.
    swept: int = 0
    empty_claims: int = 0  # claims that took nothing (bot/pipeline.PipelineStats)


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def system_seconds() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_stime


async def obey(
    connection: Connection,
    mark: Callable[[], None],
    report: Callable[[], tuple[int, list[float]]],
    stop: Callable[[], Awaitable[None]],
    counts: Callable[[], tuple[int, int]] = lambda: (0, 0),
) -> None:
    loop = asyncio.get_running_loop()
    connection.send("ready")
    cpu, system = cpu_seconds(), system_seconds()
    while True:
        order = await loop.run_in_executor(None, connection.recv)
        if order == "mark":
            mark()
            cpu, system = cpu_seconds(), system_seconds()
            connection.send("marked")
        elif order == "report":
            handled, latencies = report()
            used = cpu_seconds() - cpu
            system_used = system_seconds() - system
            connection.send(BotReport(handled, latencies, used, system_used, *counts()))
        else:
            await stop()
            return


async def serve_bot(
    connection: Connection, fields: dict[str, Any], profiler: cProfile.Profile | None = None
) -> None:
    from pydantic import SecretStr

    from bot.app import BotApp
    from bot.heap import leave_start_up_out_of_collections
    from config.settings import Settings

    app = BotApp(Settings(bot_token=SecretStr(TOKEN), **fields))
    await app.start()
    leave_start_up_out_of_collections()  # as `antt-bot run` does
    stats = app.pipeline.stats
    stranded = app.stranded
    base = [0, 0, 0]

    def mark() -> None:
        base[0] = stats.handled
        base[1] = stranded.found if stranded is not None else 0
        base[2] = stats.empty_claims
        stats.latencies.clear()
        if profiler is not None:
            profiler.enable()

    def report() -> tuple[int, list[float]]:
        if profiler is not None:
            profiler.disable()
        return stats.handled - base[0], list(stats.latencies.sample)

    def counts() -> tuple[int, int]:
        """Chats the sweep found and claims that took nothing, since "mark"."""
        found = stranded.found if stranded is not None else 0
        return found - base[1], stats.empty_claims - base[2]

    await obey(connection, mark, report, app.stop, counts)


def bot_process(connection: Connection, fields: dict[str, Any], profile: str = "") -> None:
    """Entry point of a bot's child process; `profile`: write cProfile's figures there, for
    the load only (from "mark" to "report"), in CPU time: on a shared machine, waiting for a
    core is not the bot's cost."""
    profiler = cProfile.Profile(time.process_time) if profile else None
    asyncio.run(serve_bot(connection, fields, profiler))
    if profiler is not None:
        profiler.dump_stats(profile)


async def serve_echo(connection: Connection, api_url: str) -> None:
    """The ceiling: aiogram's Dispatcher long polling, one answer per text, nothing stored."""
    import aiogram
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer
    from aiogram.types import Message

    logging.getLogger("aiogram").setLevel(logging.CRITICAL)  # its "retrying" lines at the stop
    session = AiohttpSession(api=TelegramAPIServer.from_base(api_url))
    bot = aiogram.Bot(token=TOKEN, session=session)
    dispatcher = aiogram.Dispatcher()
    handled = [0, 0]

    @dispatcher.message()
    async def echo(message: Message) -> None:
        await message.answer(f"echo: {message.text}")
        handled[0] += 1

    polling = asyncio.create_task(
        dispatcher.start_polling(bot, handle_signals=False, polling_timeout=10)
    )

    def mark() -> None:
        handled[1] = handled[0]

    async def stop() -> None:
        polling.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await polling
        await bot.session.close()

    await obey(connection, mark, lambda: (handled[0] - handled[1], []), stop)


def echo_process(connection: Connection, api_url: str) -> None:
    """Entry point of the echo bot's child process."""
    asyncio.run(serve_echo(connection, api_url))
