"""The ceiling: a bot on each library that answers every message at once and stores nothing.

What the product's own work costs is the gap between this and the intake benchmark."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

import aiogram
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer

from bot.ptb_backend.client import make_bot as make_ptb_bot
from bot.ptb_backend.client import open_bot

Send = Callable[[int, str], Coroutine[Any, Any, Any]]
Fetch = Callable[[int | None], Awaitable[list[tuple[int, int, str]]]]


async def echo_loop(fetch: Fetch, send: Send) -> None:
    """getUpdates, then answer each message concurrently; until cancelled."""
    offset: int | None = None
    pending: set[asyncio.Task[Any]] = set()
    while True:
        updates = await fetch(offset)
        for update_id, chat_id, text in updates:
            offset = update_id + 1
            task = asyncio.create_task(send(chat_id, f"echo: {text}"))
            pending.add(task)
            task.add_done_callback(pending.discard)


class AiogramEcho:
    """The echo bot on aiogram's client."""

    def __init__(self, token: str, api_url: str) -> None:
        session = AiohttpSession(api=TelegramAPIServer.from_base(api_url))
        self.bot = aiogram.Bot(token=token, session=session)

    async def fetch(self, offset: int | None) -> list[tuple[int, int, str]]:
        updates = await self.bot.get_updates(offset=offset, timeout=10)
        return [
            (u.update_id, u.message.chat.id, u.message.text or "")
            for u in updates
            if u.message is not None
        ]

    async def send(self, chat_id: int, text: str) -> Any:
        return await self.bot.send_message(chat_id, text)

    async def close(self) -> None:
        await self.bot.session.close()


class PtbEcho:
    """The echo bot on python-telegram-bot's client."""

    def __init__(self, token: str, api_url: str) -> None:
        self.bot = make_ptb_bot(token, api_url)

    async def start(self) -> None:
        await open_bot(self.bot)

    async def fetch(self, offset: int | None) -> list[tuple[int, int, str]]:
        updates = await self.bot.get_updates(offset=offset, timeout=10)
        return [
            (u.update_id, u.message.chat.id, u.message.text or "")
            for u in updates
            if u.message is not None
        ]

    async def send(self, chat_id: int, text: str) -> Any:
        return await self.bot.send_message(chat_id, text)

    async def close(self) -> None:
        await self.bot.shutdown()


async def run_echo(library: str, token: str, api_url: str, until: asyncio.Event) -> None:
    """Serve as an echo bot on `library` until `until` is set."""
    echo: AiogramEcho | PtbEcho
    if library == "ptb":
        echo = PtbEcho(token, api_url)
        await echo.start()
    else:
        echo = AiogramEcho(token, api_url)
    serving = asyncio.create_task(echo_loop(echo.fetch, echo.send))
    await until.wait()
    serving.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await serving
    await echo.close()
