"""The transcript reads like the chat on a phone screen."""

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any

from aiogram import Bot
from aiogram.types import BufferedInputFile, InlineKeyboardButton, InlineKeyboardMarkup

from emulator import BotMessage, TelegramEmulator


async def _serve_one(bot: Bot, offset: int | None = None) -> int:
    """Receive one update and answer it the way a simple bot would; return the next offset."""
    [update] = await bot.get_updates(offset=offset, timeout=2)
    if update.message is not None and update.message.text == "/start":
        await bot.send_message(
            update.message.chat.id,
            "Xin chào <b>Lan</b>!\nChọn việc cần làm:",
            parse_mode="HTML",
            reply_markup=InlineKeyboardMarkup(
                inline_keyboard=[
                    [
                        InlineKeyboardButton(text="Báo cáo", callback_data="report"),
                        InlineKeyboardButton(text="Trợ giúp", callback_data="help"),
                    ]
                ]
            ),
        )
    elif update.callback_query is not None:
        query = update.callback_query
        await bot.answer_callback_query(query.id, text="Đang mở")
        assert query.message is not None
        await bot.edit_message_text(
            "Báo cáo: gửi ảnh", chat_id=query.from_user.id, message_id=query.message.message_id
        )
    elif update.message is not None and update.message.photo:
        await bot.send_document(
            update.message.chat.id, BufferedInputFile(b"pdf", filename="bien_ban.pdf")
        )
    return update.update_id + 1


async def test_format_transcript(emulator: TelegramEmulator, bot: Bot) -> None:
    phone = emulator.phone(1001, first_name="Lan", last_name="Nguyễn")
    actions: list[Callable[[], Coroutine[Any, Any, list[BotMessage]]]] = [
        lambda: phone.send("/start"),
        lambda: phone.press("Báo cáo", expect=0),
        lambda: phone.send_photo(),
    ]
    offset = None
    for action in actions:
        acting = asyncio.create_task(action())
        offset = await _serve_one(bot, offset)
        await acting

    assert emulator.format_transcript(show_time=False) == "\n".join(
        [
            "Lan Nguyễn: /start",
            "Bot: Xin chào Lan!",
            "     Chọn việc cần làm:",
            "     [Báo cáo] [Trợ giúp]",
            "Lan Nguyễn: [bấm: Báo cáo]",
            "Bot: [thông báo: Đang mở]",
            "Bot (đã sửa): Báo cáo: gửi ảnh",
            "Lan Nguyễn: [ảnh]",
            "Bot: [tệp bien_ban.pdf]",
        ]
    )
    kinds = [(entry.who, entry.kind) for entry in emulator.transcript]
    assert kinds[:2] == [("Lan Nguyễn", "text"), ("Bot", "text")]
    assert emulator.transcript[1].buttons == (("Báo cáo", "Trợ giúp"),)
    assert phone.transcript(show_time=False) == emulator.format_transcript(1001, show_time=False)


async def test_transcript_of_several_chats_names_the_recipient(
    emulator: TelegramEmulator, bot: Bot
) -> None:
    emulator.phone(1001, first_name="Lan")
    emulator.phone(1002, first_name="Minh")
    await bot.send_message(1001, "a")
    await bot.send_message(1002, "b")
    lines = emulator.format_transcript().splitlines()
    assert lines[0].endswith("Bot → Lan: a")
    assert lines[1].endswith("Bot → Minh: b")
    assert emulator.format_transcript(1002, show_time=False) == "Bot: b"
