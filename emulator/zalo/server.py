"""ZaloEmulator: a local stand-in for bot-api.zaloplatforms.com on 127.0.0.1.

As Zalo documents it: POST /bot<TOKEN>/<method> with a JSON body, answered
`{"ok": true, "result": …}` or `{"ok": false, "error_code": …, "description": …}`; getUpdates
takes no offset and answers one update, or 408 when none came within its timeout; an update it
answered counts as delivered. Where Zalo documents nothing (its error codes beyond 401 and 408,
what it does with a keyboard), the emulator is strict: a `reply_markup` is refused (400), so a
bot that tries to send buttons fails here before it fails in Zalo."""

from __future__ import annotations

import asyncio
import json
import socket
from types import TracebackType
from typing import Any, Self

from aiohttp import web

from emulator.zalo.phone import ZaloPhone
from emulator.zalo.state import TEXT_LIMIT, ZaloBotMessage, ZaloChat, ZaloState
from emulator.zalo.webhook import ZaloPusher

Json = dict[str, Any]
# The token the emulator accepts unless told another.
TEST_TOKEN = "1234567890:zalo-test-token"  # noqa: S105 (a test token)


class ZaloApiError(Exception):
    """A refusal, answered as Zalo answers one."""

    def __init__(self, error_code: int, description: str) -> None:
        super().__init__(description)
        self.error_code = error_code
        self.description = description


class ZaloEmulator:
    """Emulated Zalo Bot API plus helpers to drive people and read what the bot said."""

    def __init__(
        self,
        *,
        token: str = TEST_TOKEN,
        phone_timeout: float = 5.0,
        phone_settle: float = 0.05,
    ) -> None:
        self.token = token
        self.state = ZaloState()
        self.pusher = ZaloPusher(self.state)
        self.phone_timeout = phone_timeout
        self.phone_settle = phone_settle
        self._runner: web.AppRunner | None = None
        self._base_url: str | None = None
        self._polls = 0

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT``: the bot's ANTT_ZALO_API_URL."""
        if self._base_url is None:
            raise RuntimeError("ZaloEmulator is not started")
        return self._base_url

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._handle)
        # A poll whose bot went away is cancelled, so it takes no update with it.
        runner = web.AppRunner(app, access_log=None, handler_cancellation=True)
        await runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        site = web.SockSite(runner, sock)
        await site.start()
        self._runner = runner
        self._base_url = f"http://127.0.0.1:{port}"

    async def stop(self) -> None:
        await self.pusher.stop()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # -- driving -------------------------------------------------------------------------

    def phone(self, number: int, display_name: str = "Lan") -> ZaloPhone:
        """Person `number` with the Zalo name `display_name`, in a private chat with the bot."""
        chat = self.state.person(number, display_name)
        return ZaloPhone(self.state, chat, timeout=self.phone_timeout, settle=self.phone_settle)

    def transcript(self, *, show_time: bool = False) -> str:
        """Every chat, as a readable log."""
        return self.state.transcript.format(show_time=show_time)

    def calls(self, method: str) -> list[Json]:
        """The bodies of the bot's calls of `method`, oldest first."""
        return [params for name, params in self.state.calls if name == method]

    # -- the API -------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        try:
            if request.match_info["token"] != self.token:
                raise ZaloApiError(401, "Unauthorized")
            try:
                raw = await request.read()
                params = json.loads(raw) if raw else {}
            except ValueError:
                raise ZaloApiError(400, "Bad Request: body is not JSON") from None
            if not isinstance(params, dict):
                raise ZaloApiError(400, "Bad Request: body is not a JSON object")
            self.state.calls.append((method, params))
            result = await self._call(method, params)
        except ZaloApiError as error:
            self.state.refused.append((method, error.error_code, error.description))
            body: Json = {
                "ok": False,
                "error_code": error.error_code,
                "description": error.description,
            }
            return web.json_response(body)
        return web.json_response({"ok": True, "result": result})

    async def _call(self, method: str, params: Json) -> Any:
        handler = {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "sendMessage": self._send_message,
            "sendPhoto": self._send_photo,
            "sendSticker": self._send_sticker,
            "sendChatAction": self._send_chat_action,
        }.get(method)
        if handler is None:
            raise ZaloApiError(404, f"Not Found: method {method} does not exist")
        return await handler(params)

    async def _get_me(self, params: Json) -> Json:
        return {
            "id": "1459232241454765289",
            "account_name": self.state.bot_name,
            "account_type": "BASIC",
            "can_join_groups": False,
        }

    async def _get_updates(self, params: Json) -> Json:
        if self.state.webhook.url:
            raise ZaloApiError(
                400, "Bad Request: getUpdates is not available while a webhook is set"
            )
        try:
            timeout = float(params.get("timeout", 30))
        except (TypeError, ValueError):
            raise ZaloApiError(400, "Bad Request: timeout must be a number") from None
        self._polls += 1
        self.state.wakeup.notify()
        try:
            async with asyncio.timeout(max(timeout, 0.0)):
                update = await self.state.pending.get()
        except TimeoutError:
            raise ZaloApiError(408, "Request timeout") from None
        self.state.taken(update)
        return update

    async def _set_webhook(self, params: Json) -> Json:
        url, secret = params.get("url"), params.get("secret_token")
        if not isinstance(url, str) or not url.startswith(("https://", "http://127.0.0.1")):
            raise ZaloApiError(400, "Bad Request: url must be an HTTPS URL")
        if not isinstance(secret, str) or not 8 <= len(secret) <= 256:
            raise ZaloApiError(400, "Bad Request: secret_token must be 8 to 256 characters")
        self.state.webhook.url, self.state.webhook.secret = url, secret
        self.state.webhook.updated_at = self.state.now_ms()
        self.pusher.start()
        return {"url": url, "updated_at": self.state.webhook.updated_at}

    async def _delete_webhook(self, params: Json) -> Json:
        await self.pusher.stop()
        self.state.webhook.url, self.state.webhook.secret = "", ""
        self.state.webhook.updated_at = self.state.now_ms()
        return {"url": "", "updated_at": self.state.webhook.updated_at}

    async def _get_webhook_info(self, params: Json) -> Json:
        return {"url": self.state.webhook.url, "updated_at": self.state.webhook.updated_at}

    def _chat(self, params: Json) -> ZaloChat:
        if "reply_markup" in params:
            raise ZaloApiError(400, "Bad Request: reply_markup is not supported")
        chat = self.state.chats.get(str(params.get("chat_id", "")))
        if chat is None:
            # A person's chat id is known only once they wrote to the bot.
            raise ZaloApiError(400, "Bad Request: chat not found")
        return chat

    def _text(self, value: Any, name: str, *, required: bool) -> str:
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not 1 <= len(value) <= TEXT_LIMIT:
            raise ZaloApiError(400, f"Bad Request: {name} must be 1 to {TEXT_LIMIT} characters")
        return value

    def _sent(self, chat: ZaloChat, kind: str, **fields: Any) -> Json:
        message = ZaloBotMessage(
            self.state.next_message_id(), chat.chat_id, kind, date=self.state.now_ms(), **fields
        )
        self.state.bot_said(chat, message)
        return {"message_id": message.message_id, "date": message.date}

    async def _send_message(self, params: Json) -> Json:
        chat = self._chat(params)
        text = self._text(params.get("text"), "text", required=True)
        return self._sent(chat, "text", text=text)

    async def _send_photo(self, params: Json) -> Json:
        chat = self._chat(params)
        photo = params.get("photo")
        if not isinstance(photo, str) or not photo.startswith(("http://", "https://")):
            raise ZaloApiError(400, "Bad Request: photo must be an image URL")
        caption = self._text(params.get("caption"), "caption", required=False)
        return self._sent(chat, "photo", text=caption, photo=photo)

    async def _send_sticker(self, params: Json) -> Json:
        chat = self._chat(params)
        sticker = params.get("sticker")
        if not isinstance(sticker, str) or not sticker:
            raise ZaloApiError(400, "Bad Request: sticker is required")
        return self._sent(chat, "sticker", sticker=sticker)

    async def _send_chat_action(self, params: Json) -> None:
        chat = self._chat(params)
        action = params.get("action")
        if action not in ("typing", "upload_photo"):
            raise ZaloApiError(400, "Bad Request: action must be typing or upload_photo")
        chat.actions.append(str(action))
        return None
