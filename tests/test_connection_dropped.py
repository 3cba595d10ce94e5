"""PostgreSQL drops the connections of a busy process (a restart, a killed backend):
the transaction that finds its connection dead runs once more on a fresh one, so the member's
tap is answered as usual (no apology) and a webhook post is stored and answered 200, once."""

from __future__ import annotations

import os

import aiohttp
import pytest
from pydantic import SecretStr
from sqlalchemy import select, text

from bot.app import BotApp
from bot.webhook import SECRET_HEADER
from config.settings import Settings
from emulator.phone import Phone
from emulator.server import TelegramEmulator
from storage.database import Database
from storage.models import InboxUpdate
from tests.conftest import TOKEN
from tests.test_webhook import SECRET, a_text, webhook_settings
from tests.ward import Ward

pytestmark = pytest.mark.skipif(
    not os.environ.get("ANTT_TEST_DATABASE_URL", "").startswith("postgresql"),
    reason="PostgreSQL drops connections; SQLite's file does not (set ANTT_TEST_DATABASE_URL)",
)


@pytest.fixture(params=["polling", "webhook"])
def settings(
    request: pytest.FixtureRequest, database_url: str, emulator: TelegramEmulator, backend: str
) -> Settings:
    """One process on PostgreSQL, by long polling or by webhook (which claims each chat's
    next update: several processes may run), its pooled connections used a moment ago (so
    not pinged: only a connection idle for seconds is)."""
    if request.param == "polling":
        return Settings(
            telegram_backend=backend,
            bot_token=SecretStr(TOKEN),
            database_url=database_url,
            telegram_api_url=emulator.base_url,
            poll_timeout_seconds=1,
        )
    return webhook_settings(database_url, emulator, backend)


@pytest.fixture
async def lan(emulator: TelegramEmulator, ward: Ward) -> Phone:
    """Nguyễn Thị Lan, already a member of Tổ 12."""
    phone = emulator.phone(user_id=1001, first_name="Lan", last_name="Nguyễn Thị")
    await ward.join(phone)
    return phone


async def server_drops_every_connection(url: str) -> None:
    """What PostgreSQL's restart does to every connection the bot holds in its pool."""
    killer = Database(url)
    async with killer.engine.connect() as connection:
        dropped = await connection.scalar(
            text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        )
    await killer.dispose()
    assert dropped, "the bot held no connection to drop"


async def test_a_tap_handled_just_after_the_connections_were_dropped_is_answered_as_usual(
    bot: BotApp,
    emulator: TelegramEmulator,
    lan: Phone,
    ward: Ward,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Lan's tap is stored; as its handling begins, the server drops every connection the bot
    # holds. Its transaction finds its connection dead, and runs again on a fresh one. (Without
    # that, by polling Lan got the apology and had to tap again; by webhook the tap waited for
    # the chat's next claim, counted as a failure.)
    handle_update = bot.pipeline.handle_update
    drops: list[int | None] = []

    async def dropped_first(chat_ref: str, inbox_id: int | None, received: float) -> bool:
        if not drops:
            drops.append(inbox_id)
            await server_drops_every_connection(database_url)
        return await handle_update(chat_ref, inbox_id, received)

    monkeypatch.setattr(bot.pipeline, "handle_update", dropped_first)
    [ask_what] = await lan.press("📝 Việc tốt")

    assert len(drops) == 1
    assert ask_what.text_plain.startswith("Bước 1/4")
    assert bot.pipeline.stats.failed == 0
    # Handled once: step 1 was asked once, and the form goes on from there.
    await lan.send("Giúp cụ bà ở ngõ 12 qua đường.")
    await lan.press("Hôm nay")
    asked = [call["text"] for call in emulator.calls_to("sendMessage")]
    assert sum(text.startswith("Bước 1/4") for text in asked) == 1
    assert bot.texts("error-internal") not in asked


async def test_a_post_just_after_the_connections_were_dropped_is_stored_once_and_answered_200(
    bot: BotApp, ward: Ward, database_url: str
) -> None:
    if bot.settings.intake != "webhook":
        pytest.skip("a webhook process")
    await server_drops_every_connection(database_url)
    url, secret = str(bot.settings.webhook_url), {SECRET_HEADER: SECRET}
    async with aiohttp.ClientSession() as http:
        for _ in range(2):  # and Telegram's redelivery: stored already
            async with http.post(url, json=a_text(900_020), headers=secret) as response:
                assert response.status == 200
    async with bot.db.read() as session:
        stored = list(
            await session.scalars(select(InboxUpdate).where(InboxUpdate.update_id == 900_020))
        )
    assert len(stored) == 1
