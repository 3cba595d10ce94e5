"""PtbChannel: replies reach the phone as the aiogram channel renders them; failures are sorted."""

from __future__ import annotations

import asyncio
import datetime as dt
import math

import pytest
from telegram import Bot
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.request import HTTPXRequest
from telegram.warnings import PTBDeprecationWarning

from bot.channel import DeliveryFailure
from bot.ptb_backend.channel import PtbChannel
from bot.ptb_backend.errors import failure_of
from chat.replies import Button, Edit, Say
from emulator import ReplyButton, TelegramEmulator
from tests.conftest import TOKEN

LAN = 1001
CHOICES = [
    [Button(label="Hôm nay", action="day:0"), Button(label="Hôm qua", action="day:1")],
    [Button(label="Hủy", action="cancel")],
]
PHONE_BUTTON = "📱 Gửi số điện thoại"


@pytest.fixture
def channel(ptb_bot: Bot) -> PtbChannel:
    return PtbChannel(ptb_bot)


async def _failure(channel: PtbChannel, chat_ref: str, reply: Say | Edit) -> DeliveryFailure:
    with pytest.raises(DeliveryFailure) as caught:
        await channel.deliver(chat_ref, reply)
    return caught.value


async def test_a_question_with_buttons(emulator: TelegramEmulator, channel: PtbChannel) -> None:
    phone = emulator.phone(LAN)
    await channel.deliver(str(LAN), Say(text="<b>Bước 2/3</b>\nKhi nào?", buttons=CHOICES))
    assert phone.last.text_plain == "Bước 2/3\nKhi nào?"
    assert phone.last.parse_mode == "HTML"
    assert phone.last.buttons == [["Hôm nay", "Hôm qua"], ["Hủy"]]
    assert phone.last.callback_data == {"Hôm nay": "day:0", "Hôm qua": "day:1", "Hủy": "cancel"}


async def test_the_phone_keyboard_and_its_removal(
    emulator: TelegramEmulator, channel: PtbChannel
) -> None:
    phone = emulator.phone(LAN)
    await channel.deliver(str(LAN), Say(text="Số điện thoại?", ask_contact=PHONE_BUTTON))
    assert phone.reply_keyboard == [[ReplyButton(PHONE_BUTTON, request_contact=True)]]
    assert phone.last.one_time_keyboard
    markup = emulator.calls_to("sendMessage")[-1]["reply_markup"]
    assert markup["resize_keyboard"] is True

    await channel.deliver(str(LAN), Say(text="Cảm ơn.", remove_keyboard=True))
    assert phone.reply_keyboard == []
    assert phone.last.keyboard_removed


async def test_buttons_win_over_the_phone_keyboard(
    emulator: TelegramEmulator, channel: PtbChannel
) -> None:
    phone = emulator.phone(LAN)
    await channel.deliver(str(LAN), Say(text="?", buttons=CHOICES, ask_contact=PHONE_BUTTON))
    assert phone.last.buttons == [["Hôm nay", "Hôm qua"], ["Hủy"]]
    assert phone.reply_keyboard == []


async def test_a_photo_with_a_caption_and_buttons(
    emulator: TelegramEmulator, channel: PtbChannel
) -> None:
    phone = emulator.phone(LAN)
    await channel.deliver(
        str(LAN), Say(text="<i>Ảnh</i> hiện trường", photo="https://example.com/a.jpg")
    )
    first = phone.last
    assert first.photo is not None and first.text_plain == "Ảnh hiện trường"
    # A file_id Telegram gave us is sent again as it is.
    await channel.deliver(str(LAN), Say(text="Lại", photo=first.photo, buttons=CHOICES))
    assert phone.last.photo == first.photo
    assert phone.last.buttons == [["Hôm nay", "Hôm qua"], ["Hủy"]]


async def test_an_edit_changes_text_and_buttons(
    emulator: TelegramEmulator, channel: PtbChannel
) -> None:
    phone = emulator.phone(LAN)
    await channel.deliver(str(LAN), Say(text="Khi nào?", buttons=CHOICES))
    asked = phone.last.message_id
    await channel.deliver(
        str(LAN), Edit(message_id=asked, text="Khi nào?\n<b>Hôm qua</b>", buttons=CHOICES[1:])
    )
    assert phone.message(asked).text_plain == "Khi nào?\nHôm qua"
    assert phone.message(asked).buttons == [["Hủy"]]
    await channel.deliver(str(LAN), Edit(message_id=asked, text="Khi nào?\n✔ Hôm qua"))
    assert phone.message(asked).buttons == []
    assert phone.message(asked).edited == 2
    assert len(phone.messages) == 1


async def test_a_pressed_button_is_answered_once(
    emulator: TelegramEmulator, channel: PtbChannel, ptb_bot: Bot
) -> None:
    phone = emulator.phone(LAN)
    await channel.deliver(str(LAN), Say(text="Khi nào?", buttons=CHOICES))
    pressing = asyncio.create_task(phone.press("Hôm qua", expect=0))
    [update] = await ptb_bot.get_updates(timeout=5)
    await pressing
    assert update.callback_query is not None
    await channel.answer_button(update.callback_query.id, "Đã lưu")
    assert phone.last_toast == "Đã lưu"
    with pytest.raises(DeliveryFailure) as caught:
        await channel.answer_button(update.callback_query.id, None)
    assert caught.value.permanent


async def test_a_flood_wait_says_how_long(emulator: TelegramEmulator, channel: PtbChannel) -> None:
    emulator.phone(LAN)
    emulator.faults.add("sendMessage", status=429, retry_after=2)
    failure = await _failure(channel, str(LAN), Say(text="x"))
    assert (failure.permanent, failure.retry_after) == (False, 2.0)
    assert failure.reason.startswith("RetryAfter: ")


def test_a_flood_wait_in_the_old_int_form(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "false")
    with pytest.warns(PTBDeprecationWarning):
        failure = failure_of(RetryAfter(3))
    assert failure.retry_after == 3.0


async def test_a_server_error_is_worth_retrying(
    emulator: TelegramEmulator, channel: PtbChannel
) -> None:
    emulator.phone(LAN)
    emulator.faults.add("sendMessage", status=500)
    failure = await _failure(channel, str(LAN), Say(text="x"))
    assert (failure.permanent, failure.retry_after) == (False, None)
    assert failure.reason.startswith("NetworkError: ")


async def test_an_unknown_chat_is_given_up(emulator: TelegramEmulator, channel: PtbChannel) -> None:
    failure = await _failure(channel, "999", Say(text="x"))
    assert failure.permanent
    assert failure.reason == "BadRequest: Chat not found"


async def test_a_blocked_bot_is_given_up(emulator: TelegramEmulator, channel: PtbChannel) -> None:
    emulator.phone(LAN)
    emulator.block(LAN)
    failure = await _failure(channel, str(LAN), Say(text="x"))
    assert failure.permanent
    assert failure.reason == "Forbidden: Forbidden: bot was blocked by the user"


async def test_editing_a_missing_message_is_given_up(
    emulator: TelegramEmulator, channel: PtbChannel
) -> None:
    emulator.phone(LAN)
    failure = await _failure(channel, str(LAN), Edit(message_id=77, text="x"))
    assert failure.permanent


async def test_a_slow_answer_is_worth_retrying(emulator: TelegramEmulator) -> None:
    emulator.phone(LAN)
    emulator.faults.add("sendMessage", status=None, hang=math.inf)
    bot = Bot(TOKEN, base_url=f"{emulator.base_url}/bot", request=HTTPXRequest(read_timeout=0.2))
    async with bot:
        failure = await _failure(PtbChannel(bot), str(LAN), Say(text="x"))
    assert not failure.permanent
    assert failure.reason.startswith("TimedOut: ")


async def test_an_unreachable_server_is_worth_retrying(
    emulator: TelegramEmulator, channel: PtbChannel
) -> None:
    await emulator.stop()
    failure = await _failure(channel, str(LAN), Say(text="x"))
    assert not failure.permanent
    assert failure.reason.startswith("NetworkError: ")


@pytest.mark.parametrize(
    ("error", "permanent", "retry_after"),
    [
        (RetryAfter(dt.timedelta(seconds=1.5)), False, 1.5),
        (RetryAfter(4), False, 4.0),
        (TimedOut(), False, None),
        (NetworkError("Bad Gateway"), False, None),
        (Conflict("terminated by other getUpdates request"), False, None),
        (InvalidToken(), False, None),
        (ChatMigrated(-100123), False, None),
        (BadRequest("Message is too long"), True, None),
        (Forbidden("bot was blocked by the user"), True, None),
    ],
)
def test_failures_are_sorted(
    error: TelegramError, permanent: bool, retry_after: float | None
) -> None:
    failure = failure_of(error)
    assert (failure.permanent, failure.retry_after) == (permanent, retry_after)
    assert failure.reason.startswith(f"{type(error).__name__}: ")
