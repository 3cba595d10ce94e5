"""The HTTP surface: tokens, unknown methods, JSON and query params, faults, no token in logs."""

import asyncio
import logging
import math

import aiohttp
import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.types import BotCommand, BotCommandScopeChat

from emulator import TelegramEmulator

TOKEN = "123:ABC"


async def test_unknown_method_is_404(emulator: TelegramEmulator) -> None:
    async with (
        aiohttp.ClientSession() as http,
        http.post(f"{emulator.base_url}/bot{TOKEN}/sendTelepathy") as response,
    ):
        assert response.status == 404
        assert await response.json() == {
            "ok": False,
            "error_code": 404,
            "description": "Not Found",
        }


async def test_fixed_token_rejects_others() -> None:
    async with TelegramEmulator(token="42:RIGHT") as emu:
        session = AiohttpSession(api=TelegramAPIServer.from_base(emu.base_url))
        wrong = Bot("42:WRONG", session=session)
        try:
            with pytest.raises(TelegramUnauthorizedError, match="Unauthorized"):
                await wrong.get_me()
        finally:
            await wrong.session.close()
        async with (
            aiohttp.ClientSession() as http,
            http.get(f"{emu.base_url}/bot42:RIGHT/getMe") as response,
        ):
            body = await response.json()
        assert body["result"]["id"] == 42


async def test_json_body_and_query_parameters(emulator: TelegramEmulator) -> None:
    phone = emulator.phone(1001)
    markup = {"inline_keyboard": [[{"text": "Có", "callback_data": "y"}]]}
    async with aiohttp.ClientSession() as http:
        url = f"{emulator.base_url}/bot{TOKEN}/sendMessage"
        async with http.post(
            url, json={"chat_id": 1001, "text": "json", "reply_markup": markup}
        ) as response:
            assert (await response.json())["ok"]
        async with http.get(url, params={"chat_id": "1001", "text": "query"}) as response:
            assert (await response.json())["result"]["text"] == "query"
    assert [m.text for m in phone.messages] == ["json", "query"]
    assert phone.messages[0].buttons == [["Có"]]
    assert emulator.calls_to("sendMessage")[0]["reply_markup"] == markup


async def test_commands_are_recorded_and_returned(emulator: TelegramEmulator, bot: Bot) -> None:
    commands = [BotCommand(command="start", description="Bắt đầu")]
    assert await bot.set_my_commands(commands)
    assert [c.model_dump() for c in await bot.get_my_commands()] == [commands[0].model_dump()]
    assert await bot.get_my_commands(scope=BotCommandScopeChat(chat_id=5)) == []
    [call] = emulator.calls_to("setMyCommands")
    assert call["commands"] == [{"command": "start", "description": "Bắt đầu"}]
    assert await bot.delete_my_commands()
    assert await bot.get_my_commands() == []


async def test_fault_rate_limit(emulator: TelegramEmulator, bot: Bot) -> None:
    emulator.phone(1001)
    emulator.faults.add("sendMessage", 429, retry_after=7, times=2)
    for _ in range(2):
        with pytest.raises(TelegramRetryAfter) as error:
            await bot.send_message(1001, "x")
        assert error.value.retry_after == 7
        assert "Too Many Requests: retry after 7" in error.value.message
    await bot.send_message(1001, "x")


async def test_a_storm_lasts_until_ended(emulator: TelegramEmulator, bot: Bot) -> None:
    emulator.phone(1001)
    storm = emulator.faults.storm("sendMessage", retry_after=3)
    for _ in range(12):
        with pytest.raises(TelegramRetryAfter):
            await bot.send_message(1001, "x")
    assert storm.answered == 12
    emulator.faults.end(storm)
    await bot.send_message(1001, "x")


async def test_fault_server_error_on_any_method(emulator: TelegramEmulator, bot: Bot) -> None:
    emulator.faults.add("*", 500)
    with pytest.raises(TelegramServerError):
        await bot.get_me()
    await bot.get_me()


async def test_fault_hang_times_out_the_client(emulator: TelegramEmulator, bot: Bot) -> None:
    emulator.faults.add("getMe", hang=math.inf)
    with pytest.raises(TelegramNetworkError, match="timeout"):
        await bot.get_me(request_timeout=1)


async def test_fault_slow_answer_then_normal(emulator: TelegramEmulator, bot: Bot) -> None:
    emulator.faults.add("getMe", None, hang=0.3)
    loop = asyncio.get_running_loop()
    started = loop.time()
    assert (await bot.get_me()).username == "antt_demo_bot"
    assert loop.time() - started >= 0.3


async def test_token_never_reaches_the_logs(
    emulator: TelegramEmulator, bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    emulator.phone(1001)
    await bot.get_me()
    await bot.send_message(1001, "x")
    assert all(TOKEN not in record.getMessage() for record in caplog.records)
