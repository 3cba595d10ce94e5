"""Zalo's webhook (stored before 200, the secret checked first) and both messengers in one bot."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator

import aiohttp
import pytest
from pydantic import SecretStr

from bot.app import BotApp
from chat.clock import FixedClock
from chat.replies import Say
from config.settings import Settings
from emulator.server import TelegramEmulator
from emulator.zalo import ZaloEmulator
from emulator.zalo.server import TEST_TOKEN
from tests.waiting import eventually
from tests.ward import Ward
from tests.zalo.helpers import inbox_rows, on_both_messengers, queue_notice

SECRET = "zalo-webhook-secret-Đ"[:-2]  # letters, digits, - only


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def webhook_settings(database_url: str, zalo: ZaloEmulator) -> Settings:
    """The bot on Zalo taking updates by webhook (Zalo posts to 127.0.0.1)."""
    port = free_port()
    return Settings(
        messengers=("zalo",),
        zalo_token=SecretStr(TEST_TOKEN),
        zalo_api_url=zalo.base_url,
        database_url=database_url,
        zalo_intake="webhook",
        zalo_webhook_url=f"http://127.0.0.1:{port}/zalo",
        zalo_webhook_secret=SecretStr(SECRET),
        zalo_webhook_port=port,
    )


@pytest.fixture
async def webhook_bot(
    database_url: str, zalo: ZaloEmulator, clock: FixedClock
) -> AsyncIterator[BotApp]:
    app = BotApp(webhook_settings(database_url, zalo), clock=clock)
    await app.start()
    try:
        yield app
    finally:
        await app.stop()


async def test_zalo_posts_to_the_webhook_and_the_person_gets_the_answer(
    zalo: ZaloEmulator, webhook_bot: BotApp
) -> None:
    assert zalo.state.webhook.url == webhook_bot.webhook.options.url  # type: ignore[union-attr]
    duc = zalo.phone(1, "Ngô Đức Ưng")
    [answer] = await duc.send("Xin chào")
    assert "đường link mời" in answer.text
    # Posted again (Zalo did not see the 200): stored once, answered once.
    assert await duc.deliver_again(expect=0, settle=0.5) == []
    assert len(await inbox_rows(webhook_bot.db, "zalo")) == 1


async def test_a_webhook_request_without_the_right_secret_gets_401_and_stores_nothing(
    zalo: ZaloEmulator, webhook_bot: BotApp
) -> None:
    assert webhook_bot.webhook is not None
    url = webhook_bot.webhook.options.url
    update = zalo.state.user_update(
        zalo.state.person(9, "Kẻ Lạ Ơi"), "message.text.received", {"text": "Xin chào"}
    )
    async with aiohttp.ClientSession() as session:
        for headers in (
            {},
            {"X-Bot-Api-Secret-Token": "not-our-secret"},
            {"X-Telegram-Bot-Api-Secret-Token": SECRET},
        ):
            async with session.post(
                url, json={"ok": True, "result": update}, headers=headers
            ) as answer:
                assert answer.status == 401
        # The right secret: stored, answered 200.
        headers = {"X-Bot-Api-Secret-Token": SECRET}
        async with session.post(
            url, json={"ok": True, "result": update}, headers=headers
        ) as answer:
            assert answer.status == 200
    [row] = await inbox_rows(webhook_bot.db, "zalo")
    assert row.payload == update
    assert webhook_bot.webhook.stats.unauthorised == 3


async def test_zalo_posts_again_while_the_bot_is_down_and_it_is_answered_after_the_restart(
    database_url: str, zalo: ZaloEmulator, clock: FixedClock
) -> None:
    settings = webhook_settings(database_url, zalo)
    first = BotApp(settings, clock=clock)
    await first.start()
    son = zalo.phone(4, "Lý Văn Sơn")
    await son.send("Xin chào")
    await first.stop()  # the webhook stays set: Zalo keeps trying
    waiting = asyncio.create_task(son.send("Đ", timeout=10))
    await eventually(lambda: len(zalo.pusher.refusals) >= 2, "Zalo finds nobody, twice")
    second = BotApp(settings, clock=clock)
    await second.start()
    try:
        [answer] = await waiting
        assert "đường link mời" in answer.text
        assert len(await inbox_rows(second.db, "zalo")) == 2
    finally:
        await second.stop()


async def test_a_message_sent_while_the_bot_is_down_is_answered_when_it_starts(
    zalo: ZaloEmulator, zalo_settings: Settings, clock: FixedClock
) -> None:
    first = BotApp(zalo_settings, clock=clock)
    await first.start()
    duc = zalo.phone(1, "Trần Đức")
    await duc.send("Xin chào")
    await first.stop()
    waiting = asyncio.create_task(duc.send("Có ai không?", timeout=10))
    await asyncio.sleep(0.3)  # Zalo holds it: nobody polls
    assert not waiting.done()
    second = BotApp(zalo_settings, clock=clock)
    await second.start()
    try:
        [answer] = await waiting
        assert "đường link mời" in answer.text
        assert len(await inbox_rows(second.db, "zalo")) == 2
    finally:
        await second.stop()


@pytest.fixture
async def both(
    database_url: str, emulator: TelegramEmulator, zalo: ZaloEmulator, clock: FixedClock
) -> AsyncIterator[BotApp]:
    """One bot on Telegram and Zalo at once (ANTT_MESSENGERS=telegram,zalo)."""
    app = BotApp(on_both_messengers(database_url, emulator, zalo), clock=clock)
    await app.start()
    try:
        yield app
    finally:
        await app.stop()


async def test_a_telegram_person_and_a_zalo_person_both_get_their_answers(
    emulator: TelegramEmulator, zalo: ZaloEmulator, both: BotApp, clock: FixedClock
) -> None:
    async with Ward.create(both.db, clock) as ward:
        code = await ward.invite()
    lan = emulator.phone(user_id=1001, first_name="Lan", last_name="Đỗ Thị")
    uyen = zalo.phone(2, "Phạm Thị Ưng Uyên")
    [telegram_greeting] = await lan.send(f"/start {code}")
    [zalo_greeting] = await uyen.send(f"/start {code}")
    assert "Tổ bảo vệ ANTT số 12" in telegram_greeting.text_plain
    assert telegram_greeting.reply_keyboard[0][0].request_contact
    assert "Tổ bảo vệ ANTT số 12" in zalo_greeting.text
    assert "gõ số điện thoại" in zalo_greeting.text
    assert [row.chat_ref for row in await inbox_rows(both.db, "telegram")] == ["1001"]
    assert [row.chat_ref for row in await inbox_rows(both.db, "zalo")] == [uyen.chat_id]


async def test_a_scheduled_notice_on_a_zalo_row_goes_out_on_zalo(
    emulator: TelegramEmulator, zalo: ZaloEmulator, both: BotApp
) -> None:
    son = zalo.phone(3, "Lê Hồng Sơn")
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await son.send("Xin chào")
    await lan.send("Xin chào")
    reminder = Say(text="⏰ Nhắc việc: đồng chí chưa báo cáo <b>việc tốt</b> tháng này.")
    await queue_notice(both.db, "zalo", son.chat_id, "reminder:2026-11:zalo", reminder)
    await queue_notice(both.db, "telegram", "1001", "reminder:2026-11:telegram", reminder)
    both.sender.wake()  # the primary's wake reaches every messenger's sender
    await eventually(lambda: len(son.messages) == 2, "the reminder reaches Sơn on Zalo")
    await eventually(lambda: len(lan.messages) == 2, "the reminder reaches Lan on Telegram")
    assert son.last.text == "⏰ Nhắc việc: đồng chí chưa báo cáo việc tốt tháng này."
    assert lan.last.text_plain == son.last.text
