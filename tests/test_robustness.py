"""Nothing stops the bot and nothing waits for a restart: an update the Telegram library cannot
read, a 429 storm on a confirmation, a toast under a transient error, forged button data, and
Telegram not answering at start-up."""

from __future__ import annotations

import asyncio
import logging
import re
import socket
from collections.abc import Awaitable, Callable
from dataclasses import replace

import pytest
from sqlalchemy import select

from bot.app import BotApp
from bot.pipeline import RetryPolicy
from chat.clock import FixedClock
from config.settings import Settings
from emulator.phone import Phone
from emulator.server import TelegramEmulator
from storage.models import Draft, InboxUpdate, Member, Unit
from tests.waiting import eventually
from tests.ward import Ward

# Every wait a thousand times shorter than in production: a flood wait of 1 s is 1 ms.
FAST = RetryPolicy(backoff=(0.001, 0.002, 0.005), rate_limit_scale=0.001, late_after=0.05)
FORGED = "Nút này không hợp lệ."


async def inbox(bot: BotApp) -> list[InboxUpdate]:
    async with bot.db.read() as session:
        return list(await session.scalars(select(InboxUpdate).order_by(InboxUpdate.id)))


async def drafts(bot: BotApp) -> list[tuple[str, str, int, dict[str, object]]]:
    async with bot.db.read() as session:
        rows = await session.scalars(select(Draft).order_by(Draft.id))
        return [(d.user_ref, d.step, d.version, dict(d.data)) for d in rows]


# -- an update the library cannot read --------------------------------------------------------


async def test_an_unreadable_update_between_two_good_ones_is_kept_and_the_bot_goes_on(
    emulator: TelegramEmulator,
    bot: BotApp,
    ward: Ward,
    backend: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    lan = emulator.phone(user_id=1001, first_name="Lan")
    minh = emulator.phone(user_id=1002, first_name="Đức Minh", last_name="Trương")
    await ward.join(lan)
    await ward.join(minh, "0987654321")
    before = len(lan.messages), len(minh.messages)

    # One getUpdates batch: good, unreadable (a poll from an older Bot API server), good.
    lan.send_without_waiting("/baocaocuatoi")
    poison = minh.send_unreadable()
    minh.send_without_waiting("/huy")

    await eventually(lambda: len(lan.messages) > before[0], "Lan's listing")
    await eventually(lambda: len(minh.messages) > before[1], "Minh's answer to /huy")
    assert "chưa có báo cáo nào" in lan.messages[before[0]].text_plain
    assert "Không có việc gì đang làm dở" in minh.messages[before[1]].text_plain
    await eventually(lambda: poison <= emulator.confirmed_offset, "the batch is confirmed")

    [kept] = [row for row in await inbox(bot) if row.update_id == poison]
    assert kept.handled_at is not None
    library_error = "ValidationError" if backend == "aiogram" else "TypeError"
    assert kept.error == f"unreadable: {library_error}"
    assert kept.payload["message"]["poll"]["question"] == "Họp tổ tối nay?"
    assert bot.polling.stats.unreadable == 1
    assert bot.polling.stats.unreadable_by_error == {library_error: 1}
    assert f"update {poison} could not be read ({library_error})" in caplog.text

    # Still polling, and the poison is never handled (no apology, nothing to Minh).
    [again] = await lan.send("/huy")
    assert "Không có việc gì đang làm dở" in again.text_plain
    assert len(minh.messages) == before[1] + 1


# -- a reply Telegram keeps refusing ------------------------------------------------------------


async def good_deed_up_to_sending(lan: Phone) -> None:
    await lan.press("📝 Việc tốt")
    await lan.send("Giúp bà Nguyễn Thị Đào dọn nhà sau trận ngập ở ngõ Ưu Đàm.")
    await lan.press("Hôm nay")
    await lan.press("Xong")
    await lan.press("Bỏ qua")


async def test_a_confirmation_under_a_long_429_storm_is_sent_by_the_running_bot_in_order(
    emulator: TelegramEmulator, bot: BotApp, ward: Ward
) -> None:
    # Each flood wait of 1 s takes 10 ms: nine of them outlast `late_after` (50 ms) for sure.
    bot.pipeline.retry = replace(FAST, rate_limit_scale=0.01)
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await ward.join(lan)
    await good_deed_up_to_sending(lan)
    before = len(lan.messages)

    storm = emulator.faults.storm("sendMessage", retry_after=1)
    await lan.press("✅ Gửi báo cáo", expect=0)
    lan.send_without_waiting("/baocaocuatoi")  # its answer must wait behind the confirmation
    await eventually(lambda: storm.answered > 8, "the bot keeps trying through the storm")
    assert len(lan.messages) == before
    emulator.faults.end(storm)

    await eventually(lambda: len(lan.messages) >= before + 2, "both replies, no restart")
    confirmation, listing = lan.messages[before : before + 2]
    [report] = await ward.reports()
    assert f"Đã ghi nhận việc tốt #{report.id}" in confirmation.text_plain
    assert "(Báo cáo đã được lưu lúc 09:00; tin nhắn này đến chậm" in confirmation.text_plain
    assert "Báo cáo tháng 11/2026 của đồng chí: 1." in listing.text_plain
    assert bot.pipeline.stats.rate_limited > 8
    assert bot.pipeline.stats.late == 1


async def test_a_reply_to_a_chat_that_blocked_the_bot_is_given_up_and_the_next_goes(
    emulator: TelegramEmulator, bot: BotApp, ward: Ward
) -> None:
    bot.pipeline.retry = FAST
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await ward.join(lan)
    emulator.faults.add("sendMessage", 502, times=3)
    [menu] = await lan.send("/huy")
    assert "Không có việc gì đang làm dở" in menu.text_plain
    emulator.faults.add("sendMessage", 400, description="Bad Request: chat not found", times=1)
    await lan.send("/huy", expect=0)
    [again] = await lan.send("/huy")
    assert "Không có việc gì đang làm dở" in again.text_plain
    assert bot.pipeline.stats.given_up == 1
    assert bot.pipeline.stats.retried == 3


# -- a toast under a transient error ------------------------------------------------------------


async def test_a_toast_is_retried_through_transient_errors(
    emulator: TelegramEmulator, bot: BotApp, ward: Ward
) -> None:
    bot.pipeline.retry = FAST
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await ward.join(lan)
    emulator.faults.add("answerCallbackQuery", 502, times=3)
    await lan.press_data("m:khong-co-nut-nay", expect=0)
    await eventually(lambda: lan.last_toast == FORGED, "the toast, after three failures")


async def test_a_toast_telegram_calls_too_old_is_not_tried_again(
    emulator: TelegramEmulator, bot: BotApp, ward: Ward
) -> None:
    bot.pipeline.retry = FAST
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await ward.join(lan)
    too_old = "Bad Request: query is too old and response timeout expired or query ID is invalid"
    emulator.faults.add("answerCallbackQuery", 400, description=too_old)
    answers = len(emulator.calls_to("answerCallbackQuery"))
    await lan.press_data("m:khong-co-nut-nay", expect=0)
    await lan.send("/huy")  # handled after the press, in the same lane
    assert len(emulator.calls_to("answerCallbackQuery")) == answers + 1
    assert lan.last_toast is None


# -- forged button data -------------------------------------------------------------------------


def current(message_data: list[str], pattern: str) -> str:
    """The data of the shown button matching `pattern` (its version is the draft's)."""
    return next(data for data in message_data if re.fullmatch(pattern, data))


def shown_data(phone: Phone) -> list[str]:
    return [
        button.callback_data
        for message in phone.messages
        for row in message.inline_keyboard
        for button in row
        if button.callback_data is not None
    ]


Setup = Callable[[TelegramEmulator, Ward], Awaitable[tuple[Phone, str]]]


async def joining(emulator: TelegramEmulator, ward: Ward) -> tuple[Phone, str]:
    hoa = emulator.phone(user_id=1003, first_name="Hoà", last_name="Phạm")
    await hoa.send(f"/start {await ward.invite()}")
    await hoa.share_contact("0912000111", expect=2)
    return hoa, "j²:yes"


async def in_group(emulator: TelegramEmulator, ward: Ward, data: str) -> tuple[Phone, str]:
    officer = emulator.phone(user_id=1009, first_name="Đại úy Lê")
    await ward.person(officer, "officer", unit_id=ward.ward_id)
    group = officer.in_group(-100777, "Tổ 12 Yên Hòa")
    await group.send("/lienket")
    return group, data


async def capture(emulator: TelegramEmulator, ward: Ward) -> tuple[Phone, str]:
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await ward.join(lan)
    await lan.send("Phát hiện nhóm thanh niên tụ tập ở ngõ Ơn Nghĩa.")
    return lan, "f²:kind:weapons"


async def call_out_moment(emulator: TelegramEmulator, ward: Ward) -> tuple[Phone, str]:
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await ward.join(lan)
    await lan.press("🚨 Huy động")
    await lan.press("Cháy (PCCC)")
    shown = current(shown_data(lan), r"f[0-9]+:ago:30")
    return lan, shown.replace(":30", ":" + "1" * 40)


async def patrol_span(emulator: TelegramEmulator, ward: Ward) -> tuple[Phone, str]:
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await ward.join(lan)
    await lan.press("🚶 Tuần tra")
    await lan.press("Ban đêm")
    shown = current(shown_data(lan), r"f[0-9]+:last:60")
    return lan, shown.replace(":60", ":9223372036854775808")


async def month_of_year_one(emulator: TelegramEmulator, ward: Ward) -> tuple[Phone, str]:
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await ward.join(lan)
    await lan.send("/baocaocuatoi")
    return lan, "r:m:0001-01"


async def group_digit(emulator: TelegramEmulator, ward: Ward) -> tuple[Phone, str]:
    return await in_group(emulator, ward, "g:²")


async def group_huge(emulator: TelegramEmulator, ward: Ward) -> tuple[Phone, str]:
    return await in_group(emulator, ward, "g:99999999999999999999")


@pytest.mark.parametrize(
    "setup",
    [
        joining,
        group_digit,
        group_huge,
        capture,
        call_out_moment,
        patrol_span,
        month_of_year_one,
    ],
)
async def test_forged_button_data_gets_the_refusal_and_changes_nothing(
    emulator: TelegramEmulator, bot: BotApp, ward: Ward, setup: Setup
) -> None:
    phone, data = await setup(emulator, ward)
    async with bot.db.read() as session:
        members_before = len((await session.scalars(select(Member))).all())
    drafts_before = await drafts(bot)
    toasts = len(emulator.calls_to("answerCallbackQuery"))
    messages = len(phone.messages)

    await phone.press_data(data, expect=0)
    await eventually(
        lambda: len(emulator.calls_to("answerCallbackQuery")) > toasts, "the press is answered"
    )
    assert phone.last_toast == FORGED
    assert len(phone.messages) == messages  # no apology, no other answer
    assert not [row.error for row in await inbox(bot) if row.error is not None]
    assert await ward.reports() == []
    assert await drafts(bot) == drafts_before
    async with bot.db.read() as session:
        assert len((await session.scalars(select(Member))).all()) == members_before
        linked = await session.scalars(select(Unit).where(Unit.group_chat_id.is_not(None)))
        assert linked.all() == []


# -- Telegram not answering at start-up ---------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


async def test_the_bot_waits_for_telegram_at_start_and_starts_when_it_answers(
    settings: Settings, clock: FixedClock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    port = free_port()
    address = f"http://127.0.0.1:{port}"
    down = settings.model_copy(update={"telegram_api_url": address})
    app = BotApp(down, clock=clock, retry=FAST)
    starting = asyncio.create_task(app.start())
    try:
        await eventually(
            lambda: f"Telegram is not answering at {address}" in caplog.text, "the one line"
        )
        assert not starting.done()
        async with TelegramEmulator(port=port) as emulator:
            await asyncio.wait_for(starting, 10)
            assert app.username == emulator.bot_user.username
            lan = emulator.phone(user_id=1001, first_name="Lan")
            [hint] = await lan.send("/start")
            assert "đường link mời" in hint.text_plain
            await app.stop()
    finally:
        if not starting.done():
            starting.cancel()
    warnings = [r for r in caplog.records if "Telegram is not answering" in r.getMessage()]
    assert warnings[0].levelno == logging.WARNING
    assert all(r.exc_info is None for r in caplog.records)  # no traceback
    assert f"Telegram answers at {address} again" in caplog.text
