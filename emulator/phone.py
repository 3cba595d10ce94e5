"""Phone: one Telegram user in a private chat with the bot, driven from tests."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NoReturn

from emulator.chats import ChatLog, GroupInfo
from emulator.finder import InlineTarget, describe_screen, find_button
from emulator.html_entities import utf16_len
from emulator.models import BotMessage, ReplyButton, UserInfo
from emulator.state import EmulatorState
from emulator.transcript import (
    CONTACT,
    PHOTO,
    document_marker,
    forged_press_marker,
    location_marker,
    press_marker,
)

# Where a request_location button "is": the centre of Hanoi.
DEFAULT_LOCATION = (21.0285, 105.8542)
# A contact that is not the user's own carries somebody else's user id.
OTHER_CONTACT_OFFSET = 1_000_000_000


@dataclass(frozen=True)
class _Wait:
    expect: int
    settle: float
    timeout: float


class Phone:
    """Acts as one user; every action returns the bot's new messages in this chat.

    An action waits until ``expect`` new bot messages arrived (with ``expect=0``: until the bot
    fetched the update), then until the chat has been quiet for ``settle`` seconds; it fails
    with the recent transcript after ``timeout`` seconds. Edits change ``messages`` in place.
    """

    def __init__(
        self,
        state: EmulatorState,
        chat: ChatLog,
        *,
        timeout: float,
        settle: float,
        sender: UserInfo | None = None,
    ) -> None:
        self._state = state
        self._chat = chat
        self._sender = sender
        self.timeout = timeout
        self.settle = settle
        self.phone_number = "0912345678"
        """What a request_contact button shares."""
        self.taps = 0
        """Button presses (inline, reply keyboard, forged callbacks)."""
        self.texts_sent = 0
        """Messages typed or attached: texts, photos, documents, contacts, locations."""
        self.last_update: dict[str, Any] | None = None
        """The last update this phone queued, as the bot receives it."""
        self.last_file_id: str | None = None
        """file_id of the last photo (largest size) or document this phone sent."""

    @property
    def user(self) -> UserInfo:
        """The user behind this phone."""
        return self._sender or self._chat.user

    @property
    def user_id(self) -> int:
        """User id, equal to the private chat id."""
        return self._chat.user.id

    @property
    def chat_id(self) -> int:
        """Private chat id, or the group's id for a phone speaking in a group."""
        return self._chat.chat_id

    def in_group(self, group_id: int, title: str = "Nhóm") -> Phone:
        """This user speaking in a group chat the bot is in (created on first use)."""
        chat = self._state.register_group(GroupInfo(group_id, title))
        return Phone(self._state, chat, timeout=self.timeout, settle=self.settle, sender=self.user)

    @property
    def messages(self) -> list[BotMessage]:
        """Bot messages in this chat, oldest first, in their current (edited) state."""
        return [message for message in self._chat.bot_messages if not message.deleted]

    @property
    def last(self) -> BotMessage:
        """The newest bot message."""
        messages = self.messages
        if not messages:
            raise AssertionError(f"{self.user.display_name} has no messages from the bot")
        return messages[-1]

    @property
    def last_toast(self) -> str | None:
        """Text of the last answerCallbackQuery for this user's presses."""
        return self._chat.toasts[-1].text if self._chat.toasts else None

    @property
    def last_toast_alert(self) -> bool:
        """True when the last answerCallbackQuery asked for an alert dialog."""
        return self._chat.toasts[-1].show_alert if self._chat.toasts else False

    @property
    def reply_keyboard(self) -> list[list[ReplyButton]]:
        """Reply keyboard shown under the input field; empty when there is none."""
        return self._chat.reply_keyboard

    def transcript(self, *, last: int | None = None, show_time: bool = True) -> str:
        """This chat as a readable log."""
        return self._state.transcript.format(self.chat_id, last=last, show_time=show_time)

    async def send(
        self,
        text: str,
        *,
        expect: int = 1,
        settle: float | None = None,
        timeout: float | None = None,  # noqa: ASYNC109 - an assertion deadline, not a cancel
    ) -> list[BotMessage]:
        """Type and send a text; "/cmd args" carries a bot_command entity like Telegram adds."""
        self.texts_sent += 1
        return await self._send_text(text, self._wait(expect, settle, timeout))

    def send_without_waiting(self, text: str) -> int:
        """Type and send a text, not waiting for an answer (several make one getUpdates
        batch); the update's id."""
        self.texts_sent += 1
        message = self._state.user_message(self._chat, _typed(text), self._sender)
        self._state.transcript.user_said(self.chat_id, "text", text)
        return self._state.updates.push({"message": message}, self.chat_id).update_id

    def send_unreadable(self) -> int:
        """Send what a Telegram library cannot read, not waiting: a poll as an older
        self-hosted Bot API server sends it (no options, no counts). aiogram answers such a
        batch with ClientDecodeError, python-telegram-bot with TypeError. The update's id."""
        poll = {"id": f"poll-{self.chat_id}", "question": "Họp tổ tối nay?"}
        message = self._state.user_message(self._chat, {"poll": poll}, self._sender)
        self._state.transcript.user_said(self.chat_id, "poll", "📊 Họp tổ tối nay?")
        return self._state.updates.push({"message": message}, self.chat_id).update_id

    async def send_photo(
        self,
        caption: str | None = None,
        *,
        data: bytes | None = None,
        expect: int = 1,
        settle: float | None = None,
        timeout: float | None = None,  # noqa: ASYNC109 - an assertion deadline, not a cancel
    ) -> list[BotMessage]:
        """Send a photo with a fresh file_id; downloadable through getFile."""
        sizes = self._state.files.add_photo(data)
        self.last_file_id = sizes[-1].file_id
        content: dict[str, Any] = {"photo": [size.photo_size() for size in sizes]}
        if caption:
            content["caption"] = caption
        self.texts_sent += 1
        marker = f"{PHOTO} {caption}" if caption else PHOTO
        return await self._message(content, "photo", marker, self._wait(expect, settle, timeout))

    async def send_document(
        self,
        name: str,
        data: bytes,
        *,
        caption: str | None = None,
        mime_type: str | None = None,
        expect: int = 1,
        settle: float | None = None,
        timeout: float | None = None,  # noqa: ASYNC109 - an assertion deadline, not a cancel
    ) -> list[BotMessage]:
        """Send a file."""
        stored = self._state.files.add_document(data, name, mime_type)
        self.last_file_id = stored.file_id
        content: dict[str, Any] = {"document": stored.document()}
        if caption:
            content["caption"] = caption
        self.texts_sent += 1
        marker = f"{document_marker(name)} {caption}" if caption else document_marker(name)
        return await self._message(content, "document", marker, self._wait(expect, settle, timeout))

    async def share_contact(
        self,
        phone_number: str | None = None,
        *,
        own: bool = True,
        expect: int = 1,
        settle: float | None = None,
        timeout: float | None = None,  # noqa: ASYNC109 - an assertion deadline, not a cancel
    ) -> list[BotMessage]:
        """Send a contact: one's own (user_id = own id) or somebody else's."""
        self.texts_sent += 1
        return await self._contact(phone_number, own, self._wait(expect, settle, timeout))

    async def share_location(
        self,
        latitude: float,
        longitude: float,
        *,
        expect: int = 1,
        settle: float | None = None,
        timeout: float | None = None,  # noqa: ASYNC109 - an assertion deadline, not a cancel
        live_period: int | None = None,
    ) -> list[BotMessage]:
        """Send a location; with `live_period` (seconds) a live one, as Telegram's "Share My
        Live Location"."""
        self.texts_sent += 1
        wait = self._wait(expect, settle, timeout)
        return await self._location(latitude, longitude, wait, live_period)

    async def press(
        self,
        label: str,
        message: BotMessage | int | None = None,
        *,
        expect: int = 1,
        settle: float | None = None,
        timeout: float | None = None,  # noqa: ASYNC109 - an assertion deadline, not a cancel
    ) -> list[BotMessage]:
        """Tap a button by its label: inline (callback), or reply keyboard (text or contact).

        ``message`` (a BotMessage or message id) limits the search to that message's buttons.
        """
        wait = self._wait(expect, settle, timeout)
        scope = self._resolve(message)
        target = find_button(label, self.messages, self._chat.reply_keyboard, scope)
        self.taps += 1
        if isinstance(target, InlineTarget):
            button = target.button
            if button.callback_data is None:
                raise AssertionError(
                    f"button {button.text!r} is a {button.kind} button; it sends nothing to the bot"
                )
            return await self._callback(
                target.message, button.callback_data, press_marker(button.text), wait
            )
        reply = target.button
        if self._chat.reply_keyboard_one_time:
            self._chat.reply_keyboard = []
        if reply.request_contact:
            return await self._contact(None, True, wait)
        if reply.request_location:
            return await self._location(*DEFAULT_LOCATION, wait)
        return await self._send_text(reply.text, wait)

    async def press_data(
        self,
        data: str,
        message: BotMessage | int | None = None,
        *,
        expect: int = 1,
        settle: float | None = None,
        timeout: float | None = None,  # noqa: ASYNC109 - an assertion deadline, not a cancel
    ) -> list[BotMessage]:
        """Send a callback with arbitrary data, as a tampered client could."""
        source = self._resolve(message)
        if source is None:
            # The message a forged press claims to come from: the newest one with buttons.
            candidates = [m for m in self.messages if m.inline_keyboard] or self.messages
            source = candidates[-1] if candidates else None
        self.taps += 1
        return await self._callback(
            source, data, forged_press_marker(data), self._wait(expect, settle, timeout)
        )

    def message(self, message_id: int) -> BotMessage:
        """A bot message of this chat by id."""
        found = self._chat.bot_message(message_id)
        if found is None:
            raise AssertionError(f"no bot message #{message_id} in chat {self.chat_id}")
        return found

    def _resolve(self, message: BotMessage | int | None) -> BotMessage | None:
        return self.message(message) if isinstance(message, int) else message

    def _wait(self, expect: int, settle: float | None, timeout: float | None) -> _Wait:
        if expect < 0:
            raise ValueError("expect must be >= 0")
        return _Wait(
            expect,
            self.settle if settle is None else settle,
            self.timeout if timeout is None else timeout,
        )

    async def _send_text(self, text: str, wait: _Wait) -> list[BotMessage]:
        return await self._message(_typed(text), "text", text, wait)

    async def _contact(self, phone_number: str | None, own: bool, wait: _Wait) -> list[BotMessage]:
        contact: dict[str, Any] = {
            "phone_number": phone_number or self.phone_number,
            "first_name": self.user.first_name if own else "Người quen",
            "user_id": self.user_id if own else self.user_id + OTHER_CONTACT_OFFSET,
        }
        if own and self.user.last_name:
            contact["last_name"] = self.user.last_name
        return await self._message({"contact": contact}, "contact", CONTACT, wait)

    async def _location(
        self, latitude: float, longitude: float, wait: _Wait, live_period: int | None = None
    ) -> list[BotMessage]:
        shared: dict[str, Any] = {"latitude": latitude, "longitude": longitude}
        if live_period is not None:
            shared["live_period"] = live_period
        content = {"location": shared}
        marker = location_marker(latitude, longitude)
        return await self._message(content, "location", marker, wait)

    async def _message(
        self, content: dict[str, Any], kind: str, marker: str, wait: _Wait
    ) -> list[BotMessage]:
        message = self._state.user_message(self._chat, content, self._sender)
        self._state.transcript.user_said(self.chat_id, kind, marker)
        return await self._deliver({"message": message}, marker, wait)

    async def _callback(
        self, message: BotMessage | None, data: str, marker: str, wait: _Wait
    ) -> list[BotMessage]:
        record = self._state.new_callback(self._chat)
        query: dict[str, Any] = {
            "id": record.query_id,
            "from": self.user.to_api(),
            # Stable per chat, as Telegram's chat_instance is.
            "chat_instance": str(self.chat_id * 1_000_003 % 10**18),
            "data": data,
        }
        if message is not None:
            query["message"] = self._state.message_to_api(self._chat, message)
        self._state.transcript.user_said(self.chat_id, "press", marker)
        return await self._deliver({"callback_query": query}, marker, wait, lambda: record.answered)

    async def _deliver(
        self,
        payload: dict[str, Any],
        action: str,
        wait: _Wait,
        answered: Callable[[], bool] | None = None,
    ) -> list[BotMessage]:
        """Deliver an update and wait for `wait.expect` messages, then `wait.settle` seconds of
        quiet. A press expecting no message (its toast is all it gets) waits for the bot to
        answer it too, as a person waits for the spinner to stop; a press left unanswered
        returns at the deadline without failing (what the test then sees is its to judge)."""
        before = len(self._chat.bot_messages)
        errors_before = len(self._state.internal_errors)
        update = self._state.updates.push(payload, self.chat_id)
        self.last_update = update.payload
        loop = asyncio.get_running_loop()
        deadline = loop.time() + wait.timeout
        while True:
            now = loop.time()
            reason = self._state.updates.dropped.get(update.update_id)
            if reason is not None:
                self._fail(action, wait, f"the bot never gets this update: {reason}")
            if len(self._state.internal_errors) > errors_before:
                error = self._state.internal_errors[-1]
                self._fail(action, wait, f"the emulator crashed on a request: {error!r}")
            arrived = len(self._chat.bot_messages) - before
            delivered = self._state.updates.was_delivered(update.update_id)
            if arrived >= wait.expect and (wait.expect > 0 or delivered):
                spinning = wait.expect == 0 and answered is not None and not answered()
                quiet_left = wait.settle - (now - self._chat.last_activity)
                if (quiet_left <= 0 and not spinning) or now >= deadline:
                    return [m for m in self._chat.bot_messages[before:] if not m.deleted]
                pause = deadline - now if spinning else min(quiet_left, deadline - now)
                await self._state.wakeup.wait(max(pause, 0.0))
                continue
            if now >= deadline:
                detail = f"got {arrived} new message(s)"
                if not delivered:
                    detail += "; the bot never fetched the update (is it polling?)"
                self._fail(action, wait, detail)
            await self._state.wakeup.wait(deadline - now)

    def _fail(self, action: str, wait: _Wait, detail: str) -> NoReturn:
        raise AssertionError(
            f"{self.user.display_name}: after {action!r} expected {wait.expect} new bot "
            f"message(s) within {wait.timeout}s: {detail}.\n"
            f"{describe_screen(self.messages, self._chat.reply_keyboard)}\n"
            f"Recent transcript:\n{self.transcript(last=15, show_time=False)}"
        )


def _typed(text: str) -> dict[str, Any]:
    """A typed text as Telegram sends it: "/cmd args" carries a bot_command entity."""
    content: dict[str, Any] = {"text": text}
    if text.startswith("/") and len(text) > 1:
        command = text.split(maxsplit=1)[0]
        content["entities"] = [{"type": "bot_command", "offset": 0, "length": utf16_len(command)}]
    return content
