"""make_bot and open_bot: the right URLs, the calls start-up needs, and no token in any log."""

from __future__ import annotations

import asyncio
import logging
import traceback

import pytest
from telegram import Bot, BotCommand
from telegram.error import InvalidToken

from bot.ptb_backend.channel import PtbChannel
from bot.ptb_backend.client import NOISY, REFUSED, make_bot, open_bot
from chat.replies import Say
from emulator import TelegramEmulator
from tests.conftest import TOKEN

SECRET = TOKEN.split(":")[1]


async def test_urls_follow_the_configured_server(emulator: TelegramEmulator) -> None:
    bot = make_bot(TOKEN, f"{emulator.base_url}/")
    assert bot.base_url == f"{emulator.base_url}/bot{TOKEN}"
    assert bot.base_file_url == f"{emulator.base_url}/file/bot{TOKEN}"
    me = await open_bot(bot)
    assert (me.username, bot.username) == ("antt_demo_bot", "antt_demo_bot")
    await bot.shutdown()


async def test_what_start_up_does(emulator: TelegramEmulator, ptb_bot: Bot) -> None:
    me = await ptb_bot.get_me()
    assert me.username == "antt_demo_bot"
    assert await ptb_bot.delete_webhook(drop_pending_updates=False)
    commands = [BotCommand("baocao", "Báo cáo"), BotCommand("huy", "Hủy")]
    assert await ptb_bot.set_my_commands(commands, language_code="en")
    assert await ptb_bot.get_my_commands(language_code="en") == tuple(commands)
    assert emulator.calls_to("setMyCommands")[0]["language_code"] == "en"


async def test_files_come_from_the_file_url(emulator: TelegramEmulator, ptb_bot: Bot) -> None:
    phone = emulator.phone(1001)
    await PtbChannel(ptb_bot).deliver("1001", Say(text="Ảnh", photo="https://example.com/a.jpg"))
    assert phone.last.photo is not None
    photo = await ptb_bot.get_file(phone.last.photo)
    assert (await photo.download_as_bytearray()).startswith(b"\xff\xd8")


async def test_a_refused_token_is_not_quoted() -> None:
    async with TelegramEmulator(token="42:another-bot") as emulator:
        bot = make_bot(TOKEN, emulator.base_url)
        with pytest.raises(InvalidToken) as caught:
            await open_bot(bot)
    assert str(caught.value) == REFUSED
    assert SECRET not in "".join(traceback.format_exception(caught.value))


async def test_the_token_never_reaches_a_log_line(
    emulator: TelegramEmulator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    phone = emulator.phone(1001)
    bot = make_bot(TOKEN, emulator.base_url)
    await open_bot(bot)
    await PtbChannel(bot).deliver("1001", Say(text="<b>Xin chào</b>"))
    sending = asyncio.create_task(phone.send("Chào", expect=0))
    await bot.get_updates(timeout=5)
    await sending
    await bot.shutdown()
    assert SECRET not in caplog.text
    assert "Xin chào" not in caplog.text
    assert all(logging.getLogger(name).getEffectiveLevel() >= logging.WARNING for name in NOISY)
