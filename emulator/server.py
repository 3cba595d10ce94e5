"""TelegramEmulator: a local HTTP stand-in for api.telegram.org that real aiogram can talk to."""

from __future__ import annotations

import socket
import time
from types import TracebackType
from typing import Any, Self

from aiohttp import web

from emulator.client import LocalSession
from emulator.errors import ApiError, not_found, unauthorized
from emulator.faults import Faults
from emulator.limits import FloodLimits
from emulator.methods import lookup
from emulator.models import ApiCall, UserInfo
from emulator.params import read_params
from emulator.phone import Phone
from emulator.state import EmulatorState
from emulator.transcript import TranscriptEntry
from emulator.webhook import WebhookPusher

# Telegram accepts uploads up to 50 MB; aiohttp's default body limit is 1 MiB.
MAX_BODY = 60 * 1024 * 1024


class EmulatorBugError(RuntimeError):
    """A request made the emulator itself fail; raised when the emulator context exits."""


class TelegramEmulator:
    """Emulated Bot API server on 127.0.0.1 plus helpers to drive users and inspect traffic."""

    def __init__(
        self,
        *,
        token: str | None = None,
        bot_username: str = "antt_demo_bot",
        bot_first_name: str = "ANTT Demo",
        strict_html: bool = True,
        callback_query_ttl: float = 15.0,
        phone_timeout: float = 5.0,
        phone_settle: float = 0.05,
        port: int = 0,
        webhook_chat_order: bool = True,
    ) -> None:
        """``token``: accept only this token (others get 401); by default any token works.

        ``port``: listen there (a bot already trying that address); by default a free one.

        ``strict_html`` rejects a bare ``&`` in HTML texts (Telegram itself keeps it as text).
        ``phone_timeout`` / ``phone_settle`` are the defaults of every Phone action.
        ``webhook_chat_order``: a webhook gets one chat's updates one at a time, in order;
        False sends any pending update as soon as a connection is free (see emulator/webhook.py).
        """
        self.token = token
        self.state = EmulatorState(
            bot_username=bot_username,
            bot_first_name=bot_first_name,
            strict_html=strict_html,
            callback_query_ttl=callback_query_ttl,
        )
        if token is not None:
            self.state.bind_token(token)
        self.state.webhook.per_chat_order = webhook_chat_order
        self.faults = Faults()
        self.flood_limits: FloodLimits | None = None
        self.phone_timeout = phone_timeout
        self.phone_settle = phone_settle
        self.port = port
        self._runner: web.AppRunner | None = None
        self._socket: socket.socket | None = None
        self._base_url: str | None = None

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT`` — pass to ``TelegramAPIServer.from_base``."""
        if self._base_url is None:
            raise RuntimeError("TelegramEmulator is not started")
        return self._base_url

    async def start(self) -> None:
        """Listen on 127.0.0.1 (a free port unless one was given)."""
        if self._runner is not None:
            return
        app = web.Application(client_max_size=MAX_BODY)
        app.router.add_get("/bot{token}/{method}", self._handle_method, allow_head=False)
        app.router.add_post("/bot{token}/{method}", self._handle_method)
        app.router.add_get("/file/bot{token}/{file_path:.+}", self._handle_file, allow_head=False)
        # No access log: request URLs contain the bot token.
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", self.port))
            await web.SockSite(runner, sock).start()
        except BaseException:
            sock.close()
            await runner.cleanup()
            raise
        self._runner = runner
        self._socket = sock
        self._base_url = f"http://127.0.0.1:{sock.getsockname()[1]}"

    async def stop(self) -> None:
        """End waiting requests, close connections and the listening socket."""
        self.state.closing.set()
        self.state.updates.close()
        await self.state.webhook.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self._socket is not None:
            self._socket.close()
            self._socket = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()
        if exc is None and self.state.internal_errors:
            first = self.state.internal_errors[0]
            raise EmulatorBugError(
                f"{len(self.state.internal_errors)} request(s) crashed the emulator"
            ) from first

    def session(self) -> LocalSession:
        """A new aiogram session pointed at this emulator: ``Bot(token, session=emu.session())``."""
        return LocalSession(self.base_url)

    def phone(
        self,
        user_id: int,
        first_name: str = "Lan",
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "vi",
    ) -> Phone:
        """Register a user (so the bot may write to them) and return their phone."""
        user = UserInfo(
            id=user_id,
            first_name=first_name,
            last_name=last_name,
            username=username,
            language_code=language_code,
        )
        chat = self.state.register(user)
        return Phone(self.state, chat, timeout=self.phone_timeout, settle=self.phone_settle)

    def enforce_flood_limits(
        self, per_second: int = 30, chat_interval: float = 1.0, group_per_minute: int = 20
    ) -> FloodLimits:
        """Answer 429 with retry_after, as Telegram does, to sends beyond these limits."""
        self.flood_limits = FloodLimits(per_second, chat_interval, group_per_minute)
        return self.flood_limits

    def block(self, user_id: int) -> None:
        """The user blocks the bot: sends to them answer 403."""
        self.state.chat_for_bot(user_id).blocked = True

    def remove_bot_from_group(
        self, group_id: int, by_user_id: int, *, tell_bot: bool = True
    ) -> None:
        """Someone removes the bot from a group: sends there answer 403, as Telegram's do, and
        the bot gets a my_chat_member update, unless `tell_bot` is False (an update it missed:
        Telegram keeps them for 24 hours only)."""
        chat = self.state.chat_for_bot(group_id)
        chat.blocked, chat.blocked_as = True, "bot was kicked from the group chat"
        if not tell_bot:
            return
        by = self.state.chats[by_user_id].user
        bot = self.state.bot.to_api()
        change = {
            "chat": chat.chat_to_api(),
            "from": by.to_api(),
            "date": int(time.time()),
            "old_chat_member": {"user": bot, "status": "member"},
            "new_chat_member": {"user": bot, "status": "kicked", "until_date": 0},
        }
        self.push_update({"my_chat_member": change}, group_id)

    def unblock(self, user_id: int) -> None:
        """The user unblocks the bot."""
        chat = self.state.chats.get(user_id)
        if chat is None:
            raise KeyError(f"unknown user {user_id}")
        chat.blocked = False

    def push_update(self, payload: dict[str, Any], chat_id: int | None = None) -> int:
        """Queue a raw update (without update_id) and return its id."""
        return self.state.updates.push(payload, chat_id).update_id

    def redeliver(self, update_id: int) -> None:
        """Deliver an update again under the same update_id (duplicate delivery)."""
        self.state.updates.redeliver(update_id)

    @property
    def confirmed_offset(self) -> int:
        """Highest update id the bot has confirmed by polling with a larger offset."""
        return self.state.updates.confirmed_id

    def pending_update_ids(self) -> list[int]:
        """Updates not confirmed yet, delivered or not."""
        return self.state.updates.pending_ids()

    @property
    def webhook(self) -> WebhookPusher:
        """The webhook delivery: its settings (`config`) and what it did (`log`)."""
        return self.state.webhook

    @property
    def bot_user(self) -> UserInfo:
        """The bot as getMe describes it."""
        return self.state.bot

    @property
    def calls(self) -> list[ApiCall]:
        """Every request received, in order, as (method, params)."""
        return self.state.calls

    def calls_to(self, method: str) -> list[dict[str, Any]]:
        """Parameters of every call of one method (case-insensitive)."""
        name = method.lower()
        return [call.params for call in self.state.calls if call.method.lower() == name]

    @property
    def transcript(self) -> list[TranscriptEntry]:
        """Everything that happened in all chats, in order."""
        return self.state.transcript.entries

    def format_transcript(
        self, chat_id: int | None = None, *, last: int | None = None, show_time: bool = True
    ) -> str:
        """The transcript as a readable chat log."""
        return self.state.transcript.format(chat_id, last=last, show_time=show_time)

    @property
    def internal_errors(self) -> list[Exception]:
        """Exceptions raised inside the emulator while serving requests (emulator bugs)."""
        return self.state.internal_errors

    async def _handle_method(self, request: web.Request) -> web.Response:
        try:
            self._check_token(request.match_info["token"])
            found = lookup(request.match_info["method"])
            if found is None:
                raise not_found()
            name, handler = found
            params = await read_params(request)
            self.state.calls.append(ApiCall(name, params.values))
            fault = self.faults.take(name)
            if fault is not None:
                if fault.hang:
                    await self.state.sleep(fault.hang)
                error = fault.error()
                if error is not None:
                    raise error
                if fault.hang and request.transport is None:
                    return web.Response(status=499)  # the client gave up: the call is lost
            if self.flood_limits is not None:
                self.flood_limits.check(name, params.values.get("chat_id"))
            result = await handler(self.state, params)
        except ApiError as exc:
            return web.json_response(exc.to_payload(), status=exc.status)
        except ConnectionResetError:
            # The client hung up mid-request (a bot shutting down its long poll): not our bug.
            raise
        except Exception as exc:
            # An emulator bug must surface in the test, not pass for a Telegram error.
            self.state.internal_errors.append(exc)
            body = {"ok": False, "error_code": 500, "description": f"Emulator bug: {exc!r}"}
            return web.json_response(body, status=500)
        return web.json_response({"ok": True, "result": result})

    async def _handle_file(self, request: web.Request) -> web.Response:
        try:
            self._check_token(request.match_info["token"])
        except ApiError as exc:
            return web.json_response(exc.to_payload(), status=exc.status)
        stored = self.state.files.by_path(request.match_info["file_path"])
        if stored is None:
            return web.json_response(not_found().to_payload(), status=404)
        return web.Response(
            body=stored.data, content_type=stored.mime_type or "application/octet-stream"
        )

    def _check_token(self, token: str) -> None:
        if self.token is not None and token != self.token:
            raise unauthorized()
        self.state.bind_token(token)
