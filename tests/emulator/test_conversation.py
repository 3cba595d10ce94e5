"""Messages, keyboards, presses, toasts and edits between a phone and the real aiogram client."""

import asyncio
from collections.abc import AsyncIterator

import pytest
from aiogram import Bot, Dispatcher, F, Router
from aiogram.filters import CommandObject, CommandStart
from aiogram.types import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    ReplyParameters,
)

from emulator import TelegramEmulator


def _yes_no() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(text="✅ Có", callback_data="answer:yes"),
                InlineKeyboardButton(text="Không", callback_data="answer:no"),
            ],
            [InlineKeyboardButton(text="Hướng dẫn", url="https://example.org/help")],
        ]
    )


async def test_send_message_returns_a_realistic_message(
    emulator: TelegramEmulator, bot: Bot
) -> None:
    phone = emulator.phone(1001)
    first = await bot.send_message(1001, "<b>Chào</b> Lan &amp; Minh", parse_mode="HTML")
    second = await bot.send_message(1001, "Tiếp", reply_markup=_yes_no())
    assert second.message_id == first.message_id + 1
    assert first.text == "Chào Lan & Minh"
    assert first.entities is not None
    assert (first.entities[0].type, first.entities[0].length) == ("bold", 4)
    assert first.from_user is not None
    assert first.from_user.is_bot
    assert second.reply_markup is not None
    assert second.reply_markup.model_dump() == _yes_no().model_dump()

    assert [m.message_id for m in phone.messages] == [first.message_id, second.message_id]
    assert phone.messages[0].text == "<b>Chào</b> Lan &amp; Minh"
    assert phone.messages[0].parse_mode == "HTML"
    assert phone.messages[0].text_plain == "Chào Lan & Minh"
    assert phone.last.buttons == [["✅ Có", "Không"], ["Hướng dẫn"]]
    assert phone.last.button_labels == ["✅ Có", "Không", "Hướng dẫn"]
    assert phone.last.callback_data == {"✅ Có": "answer:yes", "Không": "answer:no"}


async def test_user_and_bot_share_message_ids_and_replies(
    emulator: TelegramEmulator, bot: Bot
) -> None:
    phone = emulator.phone(1001)
    sending = asyncio.create_task(phone.send("báo cáo mới"))
    [update] = await bot.get_updates(timeout=2)
    assert update.message is not None
    reply = await bot.send_message(
        1001,
        "Đã nhận",
        reply_parameters=ReplyParameters(message_id=update.message.message_id),
        disable_notification=True,
    )
    [received] = await sending
    assert reply.message_id == update.message.message_id + 1
    assert reply.reply_to_message is not None
    assert reply.reply_to_message.text == "báo cáo mới"
    assert received.reply_to_message_id == update.message.message_id
    assert received.silent


async def test_press_sends_a_callback_and_the_answer_becomes_a_toast(
    emulator: TelegramEmulator, bot: Bot
) -> None:
    phone = emulator.phone(1001)
    sent = await bot.send_message(1001, "Xác nhận?", reply_markup=_yes_no())

    pressing = asyncio.create_task(phone.press("Có", expect=0))  # unique substring of "✅ Có"
    [update] = await bot.get_updates(timeout=2)
    query = update.callback_query
    assert query is not None
    assert query.data == "answer:yes"
    assert query.from_user.id == 1001
    assert query.message is not None
    assert query.message.message_id == sent.message_id
    assert await bot.answer_callback_query(query.id, text="Đã ghi nhận")
    await pressing

    assert phone.last_toast == "Đã ghi nhận"
    assert not phone.last_toast_alert
    assert phone.taps == 1
    assert phone.texts_sent == 0


async def test_edit_message_text_changes_the_phone_screen(
    emulator: TelegramEmulator, bot: Bot
) -> None:
    phone = emulator.phone(1001)
    sent = await bot.send_message(1001, "Bước 1", reply_markup=_yes_no())
    edited = await bot.edit_message_text(
        "<i>Bước 2</i>", chat_id=1001, message_id=sent.message_id, parse_mode="HTML"
    )
    assert isinstance(edited, Message)
    assert edited.text == "Bước 2"
    assert edited.edit_date is not None
    [message] = phone.messages
    assert message.text == "<i>Bước 2</i>"
    assert message.edited == 1
    # Telegram removes the inline keyboard when an edit omits reply_markup.
    assert message.buttons == []

    await bot.edit_message_reply_markup(
        chat_id=1001, message_id=sent.message_id, reply_markup=_yes_no()
    )
    assert message.edited == 2
    assert message.button_labels == ["✅ Có", "Không", "Hướng dẫn"]
    assert [entry.edited for entry in emulator.transcript] == [False, True, True]


async def test_delete_message_hides_it_from_the_phone(emulator: TelegramEmulator, bot: Bot) -> None:
    phone = emulator.phone(1001)
    sent = await bot.send_message(1001, "tạm")
    assert await bot.delete_message(1001, sent.message_id)
    assert phone.messages == []


async def test_reply_keyboard_contact_button_shares_the_phone_number(
    emulator: TelegramEmulator, bot: Bot
) -> None:
    phone = emulator.phone(1001)
    keyboard = ReplyKeyboardMarkup(
        keyboard=[
            [KeyboardButton(text="📱 Gửi số điện thoại", request_contact=True)],
            [KeyboardButton(text="Bỏ qua")],
        ],
        resize_keyboard=True,
    )
    await bot.send_message(1001, "Cho tôi số điện thoại", reply_markup=keyboard)
    assert phone.last.reply_keyboard[0][0].request_contact
    assert [[b.text for b in row] for row in phone.reply_keyboard] == [
        ["📱 Gửi số điện thoại"],
        ["Bỏ qua"],
    ]

    pressing = asyncio.create_task(phone.press("Gửi số điện thoại"))
    [update] = await bot.get_updates(timeout=2)
    assert update.message is not None
    contact = update.message.contact
    assert contact is not None
    assert (contact.phone_number, contact.user_id) == ("0912345678", 1001)
    await bot.send_message(1001, "Cảm ơn", reply_markup=ReplyKeyboardRemove())
    [thanks] = await pressing
    assert thanks.keyboard_removed
    assert phone.reply_keyboard == []
    assert phone.taps == 1

    sending = asyncio.create_task(phone.share_contact("0987654321", own=False, expect=0))
    [update] = await bot.get_updates(offset=update.update_id + 1, timeout=2)
    await sending
    assert update.message is not None
    assert update.message.contact is not None
    assert update.message.contact.user_id != 1001
    assert phone.texts_sent == 1


async def test_plain_reply_button_sends_its_text(emulator: TelegramEmulator, bot: Bot) -> None:
    phone = emulator.phone(1001)
    keyboard = ReplyKeyboardMarkup(keyboard=[[KeyboardButton(text="Bỏ qua")]])
    await bot.send_message(1001, "Ảnh hiện trường?", reply_markup=keyboard)
    pressing = asyncio.create_task(phone.press("Bỏ qua", expect=0))
    [update] = await bot.get_updates(timeout=2)
    await pressing
    assert update.message is not None
    assert update.message.text == "Bỏ qua"


async def test_location_and_forged_callback(emulator: TelegramEmulator, bot: Bot) -> None:
    phone = emulator.phone(1001)
    await bot.send_message(1001, "Menu", reply_markup=_yes_no())
    acting = asyncio.gather(
        phone.share_location(21.03, 105.85, expect=0),
        phone.press_data("admin:delete_all", expect=0),
    )
    updates = await bot.get_updates(timeout=2)
    if len(updates) < 2:
        updates += await bot.get_updates(offset=updates[-1].update_id + 1, timeout=2)
    await acting
    assert updates[0].message is not None
    assert updates[0].message.location is not None
    assert updates[0].message.location.latitude == pytest.approx(21.03)
    assert updates[1].callback_query is not None
    assert updates[1].callback_query.data == "admin:delete_all"


async def test_press_unknown_label_lists_visible_buttons(
    emulator: TelegramEmulator, bot: Bot
) -> None:
    phone = emulator.phone(1001)
    await bot.send_message(1001, "Chọn loại vụ việc", reply_markup=_yes_no())
    with pytest.raises(AssertionError, match=r"no button 'Trộm cắp'[\s\S]*\[✅ Có\] \[Không\]"):
        await phone.press("Trộm cắp")
    with pytest.raises(AssertionError, match="url button"):
        await phone.press("Hướng dẫn")
    assert phone.taps == 0 + 1  # the URL button was tapped, it just sends nothing


async def test_press_ambiguous_substring_fails(emulator: TelegramEmulator, bot: Bot) -> None:
    phone = emulator.phone(1001)
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(text="Báo cáo ngày", callback_data="d"),
                InlineKeyboardButton(text="Báo cáo tuần", callback_data="w"),
            ]
        ]
    )
    await bot.send_message(1001, "Loại báo cáo", reply_markup=keyboard)
    with pytest.raises(AssertionError, match="ambiguous"):
        await phone.press("Báo cáo")


async def test_phone_times_out_with_the_transcript(emulator: TelegramEmulator) -> None:
    phone = emulator.phone(1001, "Lan")
    with pytest.raises(AssertionError) as failure:
        await phone.send("có ai không?", timeout=0.2)
    text = str(failure.value)
    assert "never fetched the update" in text
    assert "Lan: có ai không?" in text


# A tiny real bot, run by aiogram's own polling loop against the emulator.

router = Router()


@router.message(CommandStart())
async def _start(message: Message, command: CommandObject) -> None:
    await message.answer(
        f"Xin chào <b>{message.chat.first_name}</b>! Mã: {command.args}",
        parse_mode="HTML",
        reply_markup=_yes_no(),
    )


@router.callback_query(F.data.startswith("answer:"))
async def _answer(query: CallbackQuery) -> None:
    assert isinstance(query.message, Message)
    await query.answer("Đã chọn")
    await query.message.edit_text(f"Bạn chọn: {query.data}")
    await query.message.answer("Cảm ơn!")


@pytest.fixture
async def polling(bot: Bot) -> AsyncIterator[None]:
    dispatcher = Dispatcher()
    dispatcher.include_router(router)
    task = asyncio.create_task(
        dispatcher.start_polling(bot, handle_signals=False, polling_timeout=1)
    )
    yield
    await dispatcher.stop_polling()
    await task


@pytest.mark.usefixtures("polling")
async def test_a_real_dispatcher_talks_to_the_phone(emulator: TelegramEmulator) -> None:
    phone = emulator.phone(1001, "Lan")
    [greeting] = await phone.send("/start abc")
    assert greeting.text_plain == "Xin chào Lan! Mã: abc"
    assert greeting.buttons[0] == ["✅ Có", "Không"]

    [thanks] = await phone.press("Không")
    assert thanks.text == "Cảm ơn!"
    assert greeting.text == "Bạn chọn: answer:no"
    assert greeting.edited == 1
    assert phone.last_toast == "Đã chọn"
    assert emulator.confirmed_offset >= 1
    assert [call.method for call in emulator.calls][:1] == ["getMe"]
