"""How a phone action waits for the bot: expected count, quiet period, delivery, edits."""

import asyncio

import pytest
from aiogram import Bot
from aiogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
)

from emulator import TelegramEmulator

CHAT = 1001


async def test_a_burst_of_replies_is_returned_together(
    emulator: TelegramEmulator, bot: Bot
) -> None:
    phone = emulator.phone(CHAT)

    async def reply_twice() -> None:
        await bot.get_updates(timeout=2)
        await bot.send_message(CHAT, "một")
        await asyncio.sleep(0.05)
        await bot.send_message(CHAT, "hai")

    serving = asyncio.create_task(reply_twice())
    replies = await phone.send("xin chào", settle=0.3)
    await serving
    assert [m.text for m in replies] == ["một", "hai"]


async def test_expect_waits_for_that_many_messages(emulator: TelegramEmulator, bot: Bot) -> None:
    phone = emulator.phone(CHAT)

    async def reply_slowly() -> None:
        await bot.get_updates(timeout=2)
        for text in ("một", "hai", "ba"):
            await asyncio.sleep(0.1)
            await bot.send_message(CHAT, text)

    serving = asyncio.create_task(reply_slowly())
    replies = await phone.send("?", expect=3, settle=0.01)
    await serving
    assert [m.text for m in replies] == ["một", "hai", "ba"]


async def test_edits_are_applied_but_not_counted_as_new(
    emulator: TelegramEmulator, bot: Bot
) -> None:
    phone = emulator.phone(CHAT)
    markup = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="Tiếp", callback_data="next")]]
    )
    sent = await bot.send_message(CHAT, "Bước 1", reply_markup=markup)

    async def edit_on_press() -> None:
        [update] = await bot.get_updates(timeout=2)
        assert update.callback_query is not None
        await bot.answer_callback_query(update.callback_query.id)
        await bot.edit_message_text("Bước 2", chat_id=CHAT, message_id=sent.message_id)

    serving = asyncio.create_task(edit_on_press())
    assert await phone.press("Tiếp", expect=0, settle=0.2) == []
    await serving
    assert phone.last.text == "Bước 2"
    assert phone.last.edited == 1
    assert phone.last_toast is None


async def test_expect_one_fails_when_the_bot_only_edits(
    emulator: TelegramEmulator, bot: Bot
) -> None:
    phone = emulator.phone(CHAT)
    sent = await bot.send_message(CHAT, "Bước 1")

    async def edit_only() -> None:
        await bot.get_updates(timeout=2)
        await bot.edit_message_text("Bước 2", chat_id=CHAT, message_id=sent.message_id)

    serving = asyncio.create_task(edit_only())
    with pytest.raises(
        AssertionError, match=r"got 0 new message\(s\)[\s\S]*Bot \(đã sửa\): Bước 2"
    ):
        await phone.send("tiếp", timeout=0.5)
    await serving


async def test_expect_zero_waits_until_the_bot_fetched_the_update(
    emulator: TelegramEmulator, bot: Bot
) -> None:
    phone = emulator.phone(CHAT)
    sending = asyncio.create_task(phone.send("im lặng", expect=0))
    await asyncio.sleep(0.1)
    assert not sending.done()
    await bot.get_updates(timeout=2)
    assert await sending == []


async def test_one_time_keyboard_hides_after_a_press(emulator: TelegramEmulator, bot: Bot) -> None:
    phone = emulator.phone(CHAT)
    keyboard = ReplyKeyboardMarkup(
        keyboard=[[KeyboardButton(text="Đồng ý")]], one_time_keyboard=True
    )
    await bot.send_message(CHAT, "Xác nhận?", reply_markup=keyboard)
    pressing = asyncio.create_task(phone.press("Đồng ý", expect=0))
    await bot.get_updates(timeout=2)
    await pressing
    assert phone.reply_keyboard == []
    with pytest.raises(AssertionError, match="reply keyboard: \\(none\\)"):
        await phone.press("Đồng ý")


async def test_message_lookup(emulator: TelegramEmulator, bot: Bot) -> None:
    phone = emulator.phone(CHAT)
    with pytest.raises(AssertionError, match="no messages from the bot"):
        _ = phone.last
    sent = await bot.send_message(CHAT, "x")
    assert phone.message(sent.message_id) is phone.last
    with pytest.raises(AssertionError, match="no bot message #99"):
        phone.message(99)
