"""getMe, getUpdates offsets and long polling, redelivery, allowed_updates, webhook conflicts."""

import asyncio

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramConflictError
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from emulator import TelegramEmulator


async def test_get_me_describes_the_bot(bot: Bot) -> None:
    me = await bot.get_me()
    assert me.is_bot
    assert me.username == "antt_demo_bot"
    assert me.id == 123  # the token's numeric prefix, as on Telegram


async def test_bot_username_is_configurable() -> None:
    async with TelegramEmulator(bot_username="other_bot") as emu:
        assert emu.bot_user.username == "other_bot"


async def test_text_reaches_the_bot_with_a_command_entity(
    emulator: TelegramEmulator, bot: Bot
) -> None:
    phone = emulator.phone(1001, first_name="Lan")
    sending = asyncio.create_task(phone.send("/start abc", expect=0))
    updates = await bot.get_updates(timeout=2)
    await sending
    assert len(updates) == 1
    message = updates[0].message
    assert message is not None
    assert message.text == "/start abc"
    assert message.chat.id == 1001
    assert message.chat.type == "private"
    assert message.from_user is not None
    assert message.from_user.first_name == "Lan"
    assert message.from_user.language_code == "vi"
    assert message.entities is not None
    entity = message.entities[0]
    assert (entity.type, entity.offset, entity.length) == ("bot_command", 0, 6)
    assert phone.texts_sent == 1


async def test_offset_confirms_and_drops_older_updates(
    emulator: TelegramEmulator, bot: Bot
) -> None:
    first = emulator.push_update({"message": _message(1, "một")}, chat_id=None)
    second = emulator.push_update({"message": _message(2, "hai")}, chat_id=None)
    assert (first, second) == (1, 2)

    # Without an offset nothing is confirmed: the same updates come back.
    assert [u.update_id for u in await bot.get_updates()] == [1, 2]
    assert [u.update_id for u in await bot.get_updates()] == [1, 2]
    assert emulator.confirmed_offset == 0

    assert [u.update_id for u in await bot.get_updates(offset=2)] == [2]
    assert emulator.confirmed_offset == 1
    assert emulator.pending_update_ids() == [2]

    assert await bot.get_updates(offset=3) == []
    assert emulator.confirmed_offset == 2
    assert emulator.pending_update_ids() == []


async def test_limit_and_negative_offset(emulator: TelegramEmulator, bot: Bot) -> None:
    for n in range(5):
        emulator.push_update({"message": _message(n + 1, str(n))})
    assert [u.update_id for u in await bot.get_updates(limit=2)] == [1, 2]
    assert [u.update_id for u in await bot.get_updates(offset=-2)] == [4, 5]
    assert emulator.pending_update_ids() == [4, 5]


async def test_long_polling_waits_until_an_update_arrives(
    emulator: TelegramEmulator, bot: Bot
) -> None:
    loop = asyncio.get_running_loop()
    started = loop.time()
    assert await bot.get_updates(timeout=1) == []
    assert loop.time() - started >= 0.9

    phone = emulator.phone(1001)
    polling = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.2)
    assert not polling.done()
    started = loop.time()
    await phone.send("xin chào", expect=0)
    updates = await polling
    assert loop.time() - started < 1
    assert [u.message.text for u in updates if u.message] == ["xin chào"]


async def test_update_ids_are_global_across_phones(emulator: TelegramEmulator, bot: Bot) -> None:
    lan, minh = emulator.phone(1001, "Lan"), emulator.phone(1002, "Minh")
    sending = asyncio.gather(lan.send("a", expect=0), minh.send("b", expect=0))
    updates = await bot.get_updates(timeout=2)
    updates += await bot.get_updates(offset=updates[-1].update_id + 1, timeout=2)
    await sending
    assert [u.update_id for u in updates] == [1, 2]
    assert {u.message.chat.id for u in updates if u.message} == {1001, 1002}


async def test_redeliver_repeats_a_confirmed_update(emulator: TelegramEmulator, bot: Bot) -> None:
    phone = emulator.phone(1001)
    sending = asyncio.create_task(phone.send("báo cáo", expect=0))
    [update] = await bot.get_updates(timeout=2)
    await sending
    assert await bot.get_updates(offset=update.update_id + 1) == []

    emulator.redeliver(update.update_id)
    again = await bot.get_updates(offset=update.update_id + 1)
    assert [u.update_id for u in again] == [update.update_id]
    assert again[0].message is not None
    assert again[0].message.message_id == update.message.message_id  # type: ignore[union-attr]
    # Delivered once more, then gone with the next confirmation.
    assert await bot.get_updates(offset=update.update_id + 1) == []


async def test_redeliver_unknown_update_fails(emulator: TelegramEmulator) -> None:
    with pytest.raises(KeyError):
        emulator.redeliver(42)


async def test_allowed_updates_filters_new_updates(emulator: TelegramEmulator, bot: Bot) -> None:
    phone = emulator.phone(1001)
    await bot.get_updates(allowed_updates=["message"])
    message = await bot.send_message(1001, "Menu", reply_markup=_keyboard())
    with pytest.raises(AssertionError, match="allowed_updates"):
        await phone.press("Có", message.message_id, expect=0)
    assert emulator.pending_update_ids() == []


async def test_a_newer_poll_ends_an_older_one_with_conflict(bot: Bot) -> None:
    older = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.1)
    assert await bot.get_updates() == []
    with pytest.raises(TelegramConflictError, match="terminated by other getUpdates"):
        await older


async def test_webhook_blocks_get_updates(emulator: TelegramEmulator, bot: Bot) -> None:
    emulator.push_update({"message": _message(1, "x")})
    assert await bot.set_webhook("https://example.org/hook")
    info = await bot.get_webhook_info()
    assert info.url == "https://example.org/hook"
    assert info.pending_update_count == 1
    with pytest.raises(TelegramConflictError, match="webhook is active"):
        await bot.get_updates()
    assert await bot.delete_webhook(drop_pending_updates=True)
    assert await bot.get_updates() == []
    assert (await bot.get_webhook_info()).url == ""


async def test_stop_ends_a_waiting_poll(bot: Bot, emulator: TelegramEmulator) -> None:
    polling = asyncio.create_task(bot.get_updates(timeout=30))
    await asyncio.sleep(0.1)
    loop = asyncio.get_running_loop()
    started = loop.time()
    await emulator.stop()
    assert await polling == []
    assert loop.time() - started < 2


def _message(message_id: int, text: str) -> dict[str, object]:
    return {
        "message_id": message_id,
        "date": 0,
        "chat": {"id": 5, "type": "private", "first_name": "X"},
        "text": text,
    }


def _keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="Có", callback_data="yes")]]
    )
