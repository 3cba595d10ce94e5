"""The bot taking updates by webhook: Telegram (the emulator) POSTs them over real HTTP, the bot
stores each before it answers 200, and the member sees the same bot as by long polling."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator

import aiohttp
import pytest
from pydantic import SecretStr
from sqlalchemy import select, text

import bot.webhook as webhook_module
from bot.app import BotApp
from bot.intake import take_batch
from bot.telegram_shared import ALLOWED_UPDATES
from bot.webhook import SECRET_HEADER
from chat.clock import FixedClock
from config.settings import Settings
from emulator.phone import Phone
from emulator.server import TelegramEmulator
from storage.models import InboxUpdate
from tests.conftest import TOKEN
from tests.waiting import eventually
from tests.ward import Ward

SECRET = "webhook-Secret_0123456789"


def free_port() -> int:
    """A port nobody listens on now (the webhook's URL must name it before it listens)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def webhook_settings(database_url: str, emulator: TelegramEmulator, backend: str) -> Settings:
    port = free_port()
    return Settings(
        telegram_backend=backend,
        bot_token=SecretStr(TOKEN),
        database_url=database_url,
        telegram_api_url=emulator.base_url,
        intake="webhook",
        webhook_url=f"http://127.0.0.1:{port}/telegram",
        webhook_secret=SecretStr(SECRET),
        webhook_port=port,
        webhook_max_body=64 * 1024,
        webhook_max_connections=8,
    )


@pytest.fixture
def settings(database_url: str, emulator: TelegramEmulator, backend: str) -> Settings:
    """The bot of every test here takes its updates by webhook."""
    return webhook_settings(database_url, emulator, backend)


@pytest.fixture
async def lan(emulator: TelegramEmulator, ward: Ward) -> Phone:
    """Nguyễn Thị Lan, already a member of Tổ 12."""
    phone = emulator.phone(user_id=1001, first_name="Lan", last_name="Nguyễn Thị")
    await ward.join(phone)
    return phone


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    """Someone on the internet who found the webhook's address."""
    async with aiohttp.ClientSession() as session:
        yield session


async def inbox(bot: BotApp) -> list[InboxUpdate]:
    async with bot.db.read() as session:
        return list(await session.scalars(select(InboxUpdate).order_by(InboxUpdate.id)))


def a_text(update_id: int, text: str = "/huy") -> dict[str, object]:
    """An update as Telegram would post it: Lan writes `text`."""
    lan = {"id": 1001, "is_bot": False, "first_name": "Lan"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": 1,
            "from": lan,
            "chat": {"id": 1001, "type": "private", "first_name": "Lan"},
            "date": 1795000000,
            "text": text,
        },
    }


async def test_a_member_logs_a_good_deed_over_the_webhook(
    emulator: TelegramEmulator, bot: BotApp, lan: Phone, ward: Ward
) -> None:
    [ask_what] = await lan.press("📝 Việc tốt")
    assert ask_what.text_plain.startswith("Bước 1/4")
    await lan.send("Giúp cụ bà ở ngõ 12 qua đường.")
    await lan.press("Hôm nay")
    await lan.press("Xong")
    [summary] = await lan.press("Bỏ qua")
    assert "Kiểm tra lại" in summary.text_plain
    [confirmation] = await lan.press("✅ Gửi báo cáo")
    [report] = await ward.reports()
    assert f"Đã ghi nhận việc tốt #{report.id}" in confirmation.text_plain

    # Telegram was told where to post, with the secret and the updates polling asks for, and
    # was never polled.
    [hook] = emulator.calls_to("setWebhook")
    assert hook["url"] == bot.settings.webhook_url
    assert hook["secret_token"] == SECRET
    assert hook["allowed_updates"] == ALLOWED_UPDATES
    assert int(hook["max_connections"]) == 8
    assert emulator.calls_to("getUpdates") == []
    assert emulator.calls_to("deleteWebhook") == []
    assert emulator.webhook.log.failures == 0
    # Stored as Telegram sent it, each update once, all handled.
    rows = await inbox(bot)
    assert all(row.handled_at is not None and row.error is None for row in rows)
    sent = emulator.state.updates.get(rows[-1].update_id)
    assert sent is not None and rows[-1].payload == sent.payload


@pytest.mark.parametrize("backend", ["aiogram"])
async def test_a_request_without_the_secret_is_refused_and_not_stored(
    bot: BotApp, http: aiohttp.ClientSession
) -> None:
    url = str(bot.settings.webhook_url)
    body = a_text(900_001)
    async with http.post(url, json=body) as response:
        assert response.status == 401
    async with http.post(url, json=body, headers={SECRET_HEADER: "guess"}) as response:
        assert response.status == 401
    async with http.post(url, json=body, headers={SECRET_HEADER: SECRET + "x"}) as response:
        assert response.status == 401
    async with http.post(url, json=body, headers={SECRET_HEADER: "Secret khác ✓"}) as response:
        assert response.status == 401
    assert await inbox(bot) == []
    assert bot.webhook is not None and bot.webhook.stats.unauthorised == 4


@pytest.mark.parametrize("backend", ["aiogram"])
async def test_malformed_and_oversized_requests_are_refused(
    bot: BotApp, http: aiohttp.ClientSession
) -> None:
    url = str(bot.settings.webhook_url)
    secret = {SECRET_HEADER: SECRET}
    for body in (b"{not json", b"[1, 2]", b'{"message": {}}', b'{"update_id": "7"}', b"\xff"):
        async with http.post(url, data=body, headers=secret) as response:
            assert response.status == 400, body
    huge = json.dumps(a_text(900_002, "x" * 70_000)).encode()
    async with http.post(url, data=huge, headers=secret) as response:
        assert response.status == 413
    assert await inbox(bot) == []
    # A good one still goes through.
    async with http.post(url, json=a_text(900_003), headers=secret) as response:
        assert response.status == 200
    [row] = await inbox(bot)
    assert row.update_id == 900_003


async def test_the_same_update_delivered_twice_is_stored_once_and_handled_once(
    emulator: TelegramEmulator, bot: BotApp, lan: Phone
) -> None:
    [answer] = await lan.send("/huy")
    assert lan.last_update is not None
    update_id = lan.last_update["update_id"]
    before = len(lan.messages)
    emulator.redeliver(update_id)
    update = emulator.state.updates.get(update_id)
    assert update is not None
    await eventually(lambda: update.deliveries == 2, "Telegram delivers the update again")
    await bot.pipeline.lanes.idle()
    assert [row.update_id for row in await inbox(bot)].count(update_id) == 1
    assert len(lan.messages) == before  # no second answer
    assert "Không có việc gì đang làm dở" in answer.text_plain


@pytest.mark.parametrize("backend", ["aiogram"])
async def test_a_post_repeated_by_hand_is_stored_once(
    bot: BotApp, http: aiohttp.ClientSession
) -> None:
    url, secret = str(bot.settings.webhook_url), {SECRET_HEADER: SECRET}
    for _ in range(3):
        async with http.post(url, json=a_text(900_010), headers=secret) as response:
            assert response.status == 200
    await bot.pipeline.lanes.idle()
    [row] = await inbox(bot)
    assert row.handled_at is not None
    assert bot.pipeline.stats.handled == 1


async def test_updates_sent_while_the_bot_is_down_arrive_when_it_is_back(
    emulator: TelegramEmulator,
    settings: Settings,
    clock: FixedClock,
    bot: BotApp,
    lan: Phone,
) -> None:
    before = len(lan.messages)
    await bot.stop()  # the webhook stays set: Telegram keeps what it cannot deliver
    sent = [lan.send_without_waiting("/huy"), lan.send_without_waiting("/baocaocuatoi")]
    await eventually(
        lambda: emulator.webhook.log.failures >= 2, "Telegram tries and fails to deliver"
    )
    config = emulator.webhook.config
    assert config is not None and config.last_error_message == "Connection refused"
    assert sorted(emulator.pending_update_ids()) == sent
    assert len(lan.messages) == before

    back = BotApp(settings, clock=clock)
    await back.start()
    try:
        await eventually(lambda: not emulator.pending_update_ids(), "both are delivered")
        await eventually(lambda: len(lan.messages) == before + 2, "both are answered")
        assert "Không có việc gì đang làm dở" in lan.messages[before].text_plain
        assert "báo cáo" in lan.messages[before + 1].text_plain
        stored = [row.update_id for row in await inbox(back)]
        assert sorted(set(stored) & set(sent)) == sent
    finally:
        await back.stop()


async def test_an_update_the_library_cannot_read_is_kept_and_stops_nothing(
    emulator: TelegramEmulator, bot: BotApp, lan: Phone, backend: str
) -> None:
    poison = lan.send_unreadable()
    [answer] = await lan.send("/huy")
    assert "Không có việc gì đang làm dở" in answer.text_plain
    assert poison not in emulator.pending_update_ids()  # answered 200: not sent again
    [kept] = [row for row in await inbox(bot) if row.update_id == poison]
    library_error = "ValidationError" if backend == "aiogram" else "TypeError"
    assert kept.error == f"unreadable: {library_error}"
    assert kept.handled_at is not None
    assert bot.webhook is not None and bot.webhook.stats.unreadable == 1


async def test_an_update_that_could_not_be_stored_is_answered_500_and_comes_again(
    emulator: TelegramEmulator, bot: BotApp, lan: Phone
) -> None:
    before = len(lan.messages)
    async with bot.db.write() as session:  # the inbox out of reach, as a database fault would
        await session.execute(text("ALTER TABLE inbox RENAME TO inbox_away"))
    update_id = lan.send_without_waiting("/huy")
    await eventually(lambda: 500 in emulator.webhook.log.statuses, "the bot answers 500")
    assert update_id in emulator.pending_update_ids()  # so Telegram keeps it
    assert bot.webhook is not None and bot.webhook.stats.not_stored >= 1
    async with bot.db.write() as session:
        await session.execute(text("ALTER TABLE inbox_away RENAME TO inbox"))
    await eventually(lambda: len(lan.messages) == before + 1, "answered once it is stored")
    assert "Không có việc gì đang làm dở" in lan.messages[before].text_plain
    assert [row.update_id for row in await inbox(bot)].count(update_id) == 1


@pytest.mark.parametrize("backend", ["aiogram"])
async def test_the_webhook_port_answers_health_and_metrics(
    bot: BotApp, http: aiohttp.ClientSession
) -> None:
    base = f"http://127.0.0.1:{bot.settings.webhook_port}"
    async with http.post(
        str(bot.settings.webhook_url), json=a_text(900_020), headers={SECRET_HEADER: SECRET}
    ) as response:
        assert response.status == 200
    await bot.pipeline.lanes.idle()
    async with http.get(f"{base}/healthz") as response:
        assert response.status == 200
    async with http.get(f"{base}/readyz") as response:
        assert (response.status, await response.text()) == (200, "ready\n")
    async with http.get(f"{base}/metrics") as response:
        page = await response.text()
    received = [line for line in page.splitlines() if line.startswith("antt_updates_received")]
    assert received and received[0].endswith(" 1.0")


@pytest.mark.parametrize("backend", ["aiogram"])
async def test_updates_posted_at_once_are_stored_together_each_answered_once_stored(
    bot: BotApp, http: aiohttp.ClientSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Group commit: twenty members' texts posted at the same moment take fewer than twenty
    transactions, and each request's 200 comes after its own update is in the inbox."""
    stores: list[int] = []

    async def counted(*args: object) -> None:
        batch = args[3]
        assert isinstance(batch, list)
        stores.append(len(batch))
        await take_batch(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(webhook_module, "take_batch", counted)
    url, secret = str(bot.settings.webhook_url), {SECRET_HEADER: SECRET}

    async def post(update_id: int) -> int:
        async with http.post(url, json=a_text(update_id), headers=secret) as response:
            stored = [row.update_id for row in await inbox(bot)]
            assert update_id in stored  # answered only once stored
            return response.status

    statuses = await asyncio.gather(*(post(900_100 + n) for n in range(20)))
    assert statuses == [200] * 20
    assert sum(stores) == 20
    assert len(stores) < 20


@pytest.mark.parametrize("backend", ["aiogram"])
async def test_a_tap_while_the_last_answer_is_on_its_way_is_taken_by_the_same_lane(
    emulator: TelegramEmulator, bot: BotApp, lan: Phone
) -> None:
    """Lan taps /huy and, while its answer is on its way (Telegram slow to take it), taps
    /baocaocuatoi: the lane answering her takes the second tap next, in order, without a
    claim of its own that would find it taken already (a transaction that handles nothing)."""
    answers = len(lan.messages)
    empty_before = bot.pipeline.stats.empty_claims
    slow = emulator.faults.add("sendMessage", status=None, hang=0.5)
    lan.send_without_waiting("/huy")
    await eventually(lambda: slow.answered == 1, "the answer to /huy on its way")
    lan.send_without_waiting("/baocaocuatoi")
    await eventually(lambda: len(lan.messages) >= answers + 2, "both taps answered")
    await bot.pipeline.lanes.idle()

    first, second = lan.messages[answers:]
    assert "Không có việc gì đang làm dở" in first.text_plain
    assert "Không có việc gì đang làm dở" not in second.text_plain
    assert bot.pipeline.stats.empty_claims == empty_before
    assert len(await inbox(bot)) >= 2 and all(row.handled_at for row in await inbox(bot))
