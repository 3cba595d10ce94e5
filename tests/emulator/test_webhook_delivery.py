"""The emulator posting updates to a webhook: the secret header, max_connections, per-chat order,
retries with backoff, updates kept while nobody answers, and getUpdates refused meanwhile."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramConflictError
from aiohttp import web

from emulator import TelegramEmulator
from tests.waiting import eventually

HEADER = "X-Telegram-Bot-Api-Secret-Token"


class Hook:
    """A tiny webhook: records what it gets; `status` is its answer, `hold` keeps requests
    open until released."""

    def __init__(self) -> None:
        self.received: list[tuple[dict[str, Any], str | None]] = []
        self.status = 200
        self.open = 0
        self.most_open = 0
        self.hold = asyncio.Event()
        self.hold.set()
        self.port = 0
        self._runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    @property
    def update_ids(self) -> list[int]:
        return [int(body["update_id"]) for body, _ in self.received]

    async def start(self, port: int = 0) -> None:
        app = web.Application()
        app.router.add_post("/hook", self._take)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", port))
        await web.SockSite(self._runner, sock).start()
        self.port = int(sock.getsockname()[1])

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _take(self, request: web.Request) -> web.Response:
        self.open += 1
        self.most_open = max(self.most_open, self.open)
        try:
            await self.hold.wait()
            self.received.append((await request.json(), request.headers.get(HEADER)))
            return web.Response(status=self.status)
        finally:
            self.open -= 1


@pytest.fixture
async def hook() -> AsyncIterator[Hook]:
    server = Hook()
    await server.start()
    yield server
    await server.stop()


def text(chat_id: int, words: str) -> dict[str, Any]:
    user = {"id": chat_id, "is_bot": False, "first_name": "Lan"}
    chat = {"id": chat_id, "type": "private", "first_name": "Lan"}
    return {"message": {"message_id": 1, "from": user, "chat": chat, "date": 0, "text": words}}


async def test_updates_are_posted_with_the_secret_and_forgotten_once_taken(
    emulator: TelegramEmulator, bot: Bot, hook: Hook
) -> None:
    assert await bot.set_webhook(hook.url, secret_token="s3cret_-x", allowed_updates=["message"])
    first = emulator.push_update(text(1, "một"), 1)
    second = emulator.push_update(text(2, "hai"), 2)
    await eventually(lambda: len(hook.received) == 2, "both are posted")
    assert sorted(hook.update_ids) == [first, second]
    assert {secret for _, secret in hook.received} == {"s3cret_-x"}
    await eventually(lambda: not emulator.pending_update_ids(), "both are acknowledged")
    info = await bot.get_webhook_info()
    assert info.url == hook.url
    assert info.pending_update_count == 0
    assert info.allowed_updates == ["message"]
    assert info.last_error_message is None
    with pytest.raises(TelegramConflictError, match="webhook is active"):
        await bot.get_updates()


async def test_a_refused_delivery_is_retried_and_kept_meanwhile(
    emulator: TelegramEmulator, bot: Bot, hook: Hook
) -> None:
    hook.status = 500
    await bot.set_webhook(hook.url, secret_token="s")
    update_id = emulator.push_update(text(1, "một"), 1)
    await eventually(lambda: len(hook.received) >= 3, "Telegram tries again and again")
    info = await bot.get_webhook_info()
    assert info.pending_update_count == 1
    assert info.last_error_message == "Wrong response from the webhook: 500 Internal Server Error"
    hook.status = 200
    await eventually(lambda: not emulator.pending_update_ids(), "taken at last")
    assert set(hook.update_ids) == {update_id}


async def test_updates_wait_while_nobody_listens(
    emulator: TelegramEmulator, bot: Bot, hook: Hook
) -> None:
    port = hook.port
    await hook.stop()
    await bot.set_webhook(hook.url)
    ids = [emulator.push_update(text(1, str(n)), 1) for n in range(3)]
    await eventually(lambda: emulator.webhook.log.failures >= 2, "deliveries fail")
    assert (await bot.get_webhook_info()).last_error_message == "Connection refused"
    assert emulator.pending_update_ids() == ids
    await hook.start(port)
    await eventually(lambda: not emulator.pending_update_ids(), "all delivered once it is back")
    assert hook.update_ids == ids  # one chat: in order


async def test_at_most_max_connections_at_once_and_one_chat_at_a_time(
    emulator: TelegramEmulator, bot: Bot, hook: Hook
) -> None:
    hook.hold.clear()
    await bot.set_webhook(hook.url, max_connections=3)
    for chat in range(1, 6):
        emulator.push_update(text(chat, "một"), chat)
        emulator.push_update(text(chat, "hai"), chat)
    await eventually(lambda: hook.open == 3, "three requests open")
    assert emulator.webhook.in_flight() == 3
    hook.hold.set()
    await eventually(lambda: len(hook.received) == 10, "everything delivered")
    assert hook.most_open == 3
    assert emulator.webhook.log.most_at_once == 3
    by_chat: dict[int, list[int]] = {}
    for body, _ in hook.received:
        by_chat.setdefault(body["message"]["chat"]["id"], []).append(body["update_id"])
    assert all(ids == sorted(ids) for ids in by_chat.values())


async def test_without_chat_order_one_chat_may_have_several_in_flight(hook: Hook) -> None:
    async with TelegramEmulator(webhook_chat_order=False) as emulator:
        client = Bot(token="123:ABC", session=emulator.session())
        try:
            hook.hold.clear()
            await client.set_webhook(hook.url, max_connections=5)
            for n in range(4):
                emulator.push_update(text(1, str(n)), 1)
            await eventually(lambda: hook.open == 4, "one chat's four updates at once")
            hook.hold.set()
            await eventually(lambda: not emulator.pending_update_ids(), "all delivered")
        finally:
            await client.session.close()


async def test_delete_webhook_stops_deliveries_and_polling_takes_over(
    emulator: TelegramEmulator, bot: Bot, hook: Hook
) -> None:
    await bot.set_webhook(hook.url)
    await bot.delete_webhook()
    update_id = emulator.push_update(text(1, "một"), 1)
    [update] = await bot.get_updates()
    assert update.update_id == update_id
    assert hook.received == []


async def test_webhook_settings_are_checked(bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="HTTPS URL must be provided"):
        await bot.set_webhook("http://example.org/hook")
    with pytest.raises(TelegramBadRequest, match="unallowed characters"):
        await bot.set_webhook("https://example.org/hook", secret_token="có dấu")
    # Another host: accepted, but the emulator never leaves this machine.
    assert await bot.set_webhook("https://example.org/hook")
    info = await bot.get_webhook_info()
    assert info.last_error_message == "the emulator delivers only to 127.0.0.1"


async def test_posts_spread_over_several_processes_in_turn_as_a_balancer_would(
    emulator: TelegramEmulator, bot: Bot, hook: Hook
) -> None:
    other = Hook()
    await other.start()
    try:
        await bot.set_webhook(hook.url)
        emulator.webhook.upstreams = [hook.url, other.url]
        for chat in range(1, 7):
            emulator.push_update(text(chat, "xin chào"), chat)
        await eventually(lambda: not emulator.pending_update_ids(), "all are acknowledged")
        assert (len(hook.received), len(other.received)) == (3, 3)
    finally:
        await other.stop()
