"""Requests Telegram would reject are rejected with Telegram's status and description."""

import asyncio

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.types import BufferedInputFile, InlineKeyboardButton, InlineKeyboardMarkup

from emulator import TelegramEmulator

CHAT = 1001


@pytest.fixture
async def chat(emulator: TelegramEmulator) -> int:
    emulator.phone(CHAT)
    return CHAT


async def test_unknown_chat(bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="Bad Request: chat not found"):
        await bot.send_message(999, "xin chào")
    with pytest.raises(TelegramBadRequest, match="Bad Request: chat not found"):
        await bot.send_message("@someone", "xin chào")


@pytest.mark.parametrize("text", ["", "   \n "])
async def test_empty_text(bot: Bot, chat: int, text: str) -> None:
    with pytest.raises(TelegramBadRequest, match="Bad Request: message text is empty"):
        await bot.send_message(chat, text)


async def test_empty_text_after_markup(bot: Bot, chat: int) -> None:
    with pytest.raises(TelegramBadRequest, match="message text is empty"):
        await bot.send_message(chat, "<b> </b>", parse_mode="HTML")


@pytest.mark.parametrize(
    ("text", "parse_mode"),
    [
        ("a" * 4096, None),
        ("😀" * 2048, None),  # 4096 UTF-16 code units
        ("<b>" + "a" * 4096 + "</b>", "HTML"),  # tags do not count
        ("&lt;" * 4096, "HTML"),
    ],
)
async def test_longest_text_is_accepted(
    bot: Bot, chat: int, text: str, parse_mode: str | None
) -> None:
    await bot.send_message(chat, text, parse_mode=parse_mode)


@pytest.mark.parametrize("text", ["a" * 4097, "😀" * 2048 + "a", "ă" * 4097])
async def test_text_too_long(bot: Bot, chat: int, text: str) -> None:
    with pytest.raises(TelegramBadRequest, match="Bad Request: message is too long"):
        await bot.send_message(chat, text)


async def test_caption_too_long(bot: Bot, chat: int, emulator: TelegramEmulator) -> None:
    photo = BufferedInputFile(b"\xff\xd8fake\xff\xd9", filename="a.jpg")
    await bot.send_photo(chat, photo, caption="c" * 1024)
    with pytest.raises(TelegramBadRequest, match="Bad Request: message caption is too long"):
        await bot.send_photo(chat, photo, caption="c" * 1025)
    document = BufferedInputFile(b"x", filename="a.txt")
    with pytest.raises(TelegramBadRequest, match="message caption is too long"):
        await bot.send_document(
            chat, document, caption="<b>" + "c" * 1025 + "</b>", parse_mode="HTML"
        )


@pytest.mark.parametrize("data", ["x" * 65, "đ" * 33, ""])
async def test_callback_data_over_64_bytes(bot: Bot, chat: int, data: str) -> None:
    markup = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="Nút", callback_data=data)]]
    )
    with pytest.raises(TelegramBadRequest, match="Bad Request: BUTTON_DATA_INVALID"):
        await bot.send_message(chat, "menu", reply_markup=markup)


async def test_callback_data_of_64_bytes_is_fine(bot: Bot, chat: int) -> None:
    markup = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="Nút", callback_data="đ" * 32)]]
    )
    await bot.send_message(chat, "menu", reply_markup=markup)


async def test_button_without_action(bot: Bot, chat: int) -> None:
    markup = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="Nút")]])
    with pytest.raises(TelegramBadRequest, match="Text buttons are unallowed"):
        await bot.send_message(chat, "menu", reply_markup=markup)


async def test_invalid_button_url(bot: Bot, chat: int) -> None:
    markup = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="x", url="ftp:x")]])
    with pytest.raises(TelegramBadRequest, match="BUTTON_URL_INVALID"):
        await bot.send_message(chat, "menu", reply_markup=markup)


@pytest.mark.parametrize(
    ("html", "detail"),
    [
        ("<div>x</div>", 'Unsupported start tag "div" at byte offset 0'),
        ("<b>đậm", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("x </b>", "Unexpected end tag at byte offset 2"),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ("a <b", "Unclosed start tag at byte offset 2"),
        ("Lan & Minh", 'Unescaped "&" at byte offset 4'),
        ('<span class="x">y</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
    ],
)
async def test_broken_html(bot: Bot, chat: int, html: str, detail: str) -> None:
    with pytest.raises(TelegramBadRequest) as error:
        await bot.send_message(chat, html, parse_mode="HTML")
    assert error.value.message == f"Bad Request: can't parse entities: {detail}"


async def test_broken_html_is_fine_without_parse_mode(bot: Bot, chat: int) -> None:
    await bot.send_message(chat, "1 < 2 & <div>")


async def test_unsupported_parse_mode(bot: Bot, chat: int) -> None:
    with pytest.raises(TelegramBadRequest, match="unsupported parse_mode"):
        await bot.send_message(chat, "x", parse_mode="XML")


async def test_lenient_html_keeps_a_bare_ampersand() -> None:
    async with TelegramEmulator(strict_html=False) as emu:
        phone = emu.phone(CHAT)
        from aiogram.client.session.aiohttp import AiohttpSession
        from aiogram.client.telegram import TelegramAPIServer

        session = AiohttpSession(api=TelegramAPIServer.from_base(emu.base_url))
        client = Bot("1:x", session=session)
        try:
            sent = await client.send_message(CHAT, "Lan & Minh", parse_mode="HTML")
        finally:
            await client.session.close()
        assert sent.text == "Lan & Minh"
        assert phone.last.text_plain == "Lan & Minh"


async def test_edit_not_modified_and_not_found(bot: Bot, chat: int) -> None:
    markup = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="a", callback_data="a")]]
    )
    sent = await bot.send_message(chat, "<b>x</b>", parse_mode="HTML", reply_markup=markup)
    with pytest.raises(TelegramBadRequest, match="Bad Request: message is not modified: "):
        await bot.edit_message_text(
            "<b>x</b>",
            chat_id=chat,
            message_id=sent.message_id,
            parse_mode="HTML",
            reply_markup=markup,
        )
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_reply_markup(
            chat_id=chat, message_id=sent.message_id, reply_markup=markup
        )
    # Same text, different formatting: modified.
    await bot.edit_message_text("x", chat_id=chat, message_id=sent.message_id, reply_markup=markup)
    with pytest.raises(TelegramBadRequest, match="Bad Request: message to edit not found"):
        await bot.edit_message_text("y", chat_id=chat, message_id=sent.message_id + 50)


async def test_editing_a_photo_text(bot: Bot, chat: int) -> None:
    sent = await bot.send_photo(chat, BufferedInputFile(b"jpg", filename="p.jpg"))
    with pytest.raises(TelegramBadRequest, match="there is no text in the message to edit"):
        await bot.edit_message_text("y", chat_id=chat, message_id=sent.message_id)


async def test_reply_to_missing_message(bot: Bot, chat: int) -> None:
    with pytest.raises(TelegramBadRequest, match="message to be replied not found"):
        await bot.send_message(chat, "x", reply_to_message_id=77)


async def test_answer_unknown_or_repeated_callback(
    emulator: TelegramEmulator, bot: Bot, chat: int
) -> None:
    with pytest.raises(TelegramBadRequest, match="query is too old and response timeout expired"):
        await bot.answer_callback_query("12345")
    phone = emulator.phone(CHAT)
    pressing = asyncio.create_task(phone.press_data("x", expect=0))
    [update] = await bot.get_updates(timeout=2)
    await pressing
    assert update.callback_query is not None
    await bot.answer_callback_query(update.callback_query.id, text="ok", show_alert=True)
    assert phone.last_toast_alert
    with pytest.raises(TelegramBadRequest, match="query ID is invalid"):
        await bot.answer_callback_query(update.callback_query.id)


async def test_blocked_user(emulator: TelegramEmulator, bot: Bot, chat: int) -> None:
    emulator.block(chat)
    with pytest.raises(TelegramForbiddenError, match="Forbidden: bot was blocked by the user"):
        await bot.send_message(chat, "nhắc nhở")
    emulator.unblock(chat)
    await bot.send_message(chat, "nhắc nhở")


async def test_invalid_chat_action(bot: Bot, chat: int) -> None:
    assert await bot.send_chat_action(chat, "typing")
    with pytest.raises(TelegramBadRequest, match="wrong parameter action"):
        await bot.send_chat_action(chat, "dancing")
