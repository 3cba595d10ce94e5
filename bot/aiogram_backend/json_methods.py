"""The two Bot API calls almost every update makes (sendMessage, editMessageText), with the
keyboard given as Telegram's JSON and the answer left as JSON: the bot never reads the message
Telegram sends back, and aiogram's own methods build a pydantic object for every button on the
way out and for every part of the answer on the way back (measured: the larger share of a
reply's cost in aiogram for a keyboard of eleven buttons).

They go as a JSON body (`JSONBodySession`), which the Bot API takes as it takes a form: aiogram
sends every call as a URL-encoded form, which Python's `urllib` encodes byte by byte (a
keyboard's JSON, a Vietnamese text: a few percent of an update's cost)."""

from __future__ import annotations

from typing import Any

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.exceptions import TelegramNetworkError
from aiogram.methods.base import TelegramMethod, TelegramType
from aiohttp import ClientError, ClientTimeout

from bot.telegram_shared import keyboard_of
from chat.replies import Button, Say

# What Telegram answers: the message sent or edited (left as JSON), or True.
Answer = dict[str, Any] | bool


class SendMessageJSON(TelegramMethod[Answer]):
    """sendMessage; `reply_markup` is the keyboard as the Bot API's JSON."""

    __returning__ = Answer
    __api_method__ = "sendMessage"

    chat_id: int
    text: str
    parse_mode: str | None = None
    reply_markup: dict[str, Any] | None = None


class EditMessageTextJSON(TelegramMethod[Answer]):
    """editMessageText; `reply_markup` is the inline keyboard as the Bot API's JSON."""

    __returning__ = Answer
    __api_method__ = "editMessageText"

    chat_id: int
    message_id: int
    text: str
    parse_mode: str | None = None
    reply_markup: dict[str, Any] | None = None


class JSONBodySession(AiohttpSession):
    """aiogram's aiohttp session, sending the methods above as a JSON body; every other call
    (files, getUpdates...) as aiogram sends it."""

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        timeout: int | None = None,  # noqa: ASYNC109 - aiogram's signature
    ) -> TelegramType:
        if not isinstance(method, SendMessageJSON | EditMessageTextJSON):
            return await super().make_request(bot, method, timeout)
        session = await self.create_session()
        url = self.api.api_url(token=bot.token, method=method.__api_method__)
        body = self.json_dumps(method.model_dump(warnings=False, exclude_none=True))
        try:
            async with session.post(
                url,
                data=body,
                headers={"Content-Type": "application/json"},
                timeout=ClientTimeout(total=self.timeout if timeout is None else timeout),
            ) as answer:
                raw_result = await answer.text()
        except TimeoutError as error:
            raise TelegramNetworkError(method=method, message="Request timeout error") from error
        except ClientError as error:
            message = f"{type(error).__name__}: {error}"
            raise TelegramNetworkError(method=method, message=message) from error
        response = self.check_response(bot, method, answer.status, raw_result)
        return response.result  # type: ignore[return-value]


def inline_json(rows: list[list[Button]]) -> dict[str, Any]:
    """Inline buttons whose callback data is the reply's action, as the Bot API spells them."""
    keyboard = [[{"text": b.label, "callback_data": b.action} for b in row] for row in rows]
    return {"inline_keyboard": keyboard}


def markup_json(say: Say) -> dict[str, Any] | None:
    """The keyboard the reply needs, as the Bot API's JSON."""
    keyboard = keyboard_of(say)
    if keyboard is None:
        return None
    if keyboard.inline is not None:
        return inline_json(keyboard.inline)
    if keyboard.contact_label is not None:
        button = {"text": keyboard.contact_label, "request_contact": True}
        return {"keyboard": [[button]], "resize_keyboard": True, "one_time_keyboard": True}
    return {"remove_keyboard": True}
