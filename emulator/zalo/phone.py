"""ZaloPhone: one person writing to the bot on Zalo, driven from tests (the Telegram emulator's
`Phone`, for a messenger with no buttons: a choice is a typed number)."""

from __future__ import annotations

import asyncio
import re
from typing import Any, NoReturn

from emulator.transcript import PHOTO
from emulator.zalo.state import STICKER, UNSUPPORTED, ZaloBotMessage, ZaloChat, ZaloState

TEXT = "message.text.received"
IMAGE = "message.image.received"
STICKER_EVENT = "message.sticker.received"
UNSUPPORTED_EVENT = "message.unsupported.received"
# A choice of a numbered list, as the bot writes them under a message: "2. Hôm nay".
_CHOICE = re.compile(r"^(\d+)\. (.+)$")


class ZaloPhone:
    """Acts as one person; every action returns the bot's new messages in this chat.

    An action waits until ``expect`` new bot messages arrived (with ``expect=0``: until the bot
    took the update), then until the chat has been quiet for ``settle`` seconds; it fails with
    the recent transcript after ``timeout`` seconds."""

    def __init__(self, state: ZaloState, chat: ZaloChat, *, timeout: float, settle: float) -> None:
        self._state = state
        self._chat = chat
        self.timeout = timeout
        self.settle = settle
        self.texts_sent = 0
        """Messages typed or attached: texts, photos, stickers."""
        self.last_update: dict[str, Any] | None = None
        """The last update this phone sent, as the bot receives it."""

    @property
    def user_id(self) -> str:
        """The person's Zalo id, which is also the chat's id."""
        return self._chat.user_id

    @property
    def chat_id(self) -> str:
        return self._chat.chat_id

    @property
    def display_name(self) -> str:
        return self._chat.display_name

    @property
    def messages(self) -> list[ZaloBotMessage]:
        """What the bot sent in this chat, oldest first."""
        return list(self._chat.bot_messages)

    @property
    def last(self) -> ZaloBotMessage:
        """The newest bot message."""
        if not self._chat.bot_messages:
            raise AssertionError(f"{self.display_name} has no messages from the bot")
        return self._chat.bot_messages[-1]

    @property
    def choices(self) -> dict[str, int]:
        """The numbered list near the end of the newest message that has one: label → number
        (the lines after it, such as a hint how to answer, are passed over)."""
        for message in reversed(self._chat.bot_messages):
            found: dict[str, int] = {}
            for line in reversed(message.text.split("\n")):
                match = _CHOICE.match(line)
                if match is not None:
                    found[match.group(2)] = int(match.group(1))
                elif found:
                    break
            if found:
                return dict(sorted(found.items(), key=lambda item: item[1]))
        return {}

    async def choose(
        self,
        label: str,
        *,
        expect: int = 1,
        settle: float | None = None,
        timeout: float | None = None,  # noqa: ASYNC109 - an assertion deadline, not a cancel
    ) -> list[ZaloBotMessage]:
        """Type the number of the choice `label` in the newest numbered list (what a person
        does where Telegram shows a button)."""
        choices = self.choices
        if label not in choices:
            raise AssertionError(
                f"{self.display_name}: no choice {label!r} in {list(choices)}.\n"
                f"Recent transcript:\n{self.transcript(last=8)}"
            )
        return await self.send(str(choices[label]), expect=expect, settle=settle, timeout=timeout)

    @property
    def actions(self) -> list[str]:
        """The chat actions the bot showed ("typing")."""
        return list(self._chat.actions)

    def transcript(self, *, last: int | None = None, show_time: bool = False) -> str:
        """This chat as a readable log."""
        return self._state.transcript.format(self._chat.number, last=last, show_time=show_time)

    async def send(
        self,
        text: str,
        *,
        expect: int = 1,
        settle: float | None = None,
        timeout: float | None = None,  # noqa: ASYNC109 - an assertion deadline, not a cancel
    ) -> list[ZaloBotMessage]:
        """Type and send a text (a number to choose from a list, too)."""
        self.texts_sent += 1
        return await self._deliver(TEXT, {"text": text}, text, expect, settle, timeout)

    async def send_photo(
        self,
        url: str = "https://photo-stal-1.zdn.vn/antt/anh-hien-truong.jpg",
        caption: str | None = None,
        *,
        expect: int = 1,
        settle: float | None = None,
        timeout: float | None = None,  # noqa: ASYNC109 - an assertion deadline, not a cancel
    ) -> list[ZaloBotMessage]:
        """Send a photo; Zalo gives the bot its address."""
        content: dict[str, Any] = {"photo": url}
        if caption:
            content["caption"] = caption
        self.texts_sent += 1
        marker = f"{PHOTO} {caption}" if caption else PHOTO
        return await self._deliver(IMAGE, content, marker, expect, settle, timeout)

    async def send_sticker(
        self,
        *,
        expect: int = 1,
        settle: float | None = None,
        timeout: float | None = None,  # noqa: ASYNC109 - an assertion deadline, not a cancel
    ) -> list[ZaloBotMessage]:
        """Send a sticker."""
        self.texts_sent += 1
        content = {"sticker": "0e078a2fb66a5f34067b", "url": "https://zalo-api.zadn.vn/s.png"}
        return await self._deliver(STICKER_EVENT, content, STICKER, expect, settle, timeout)

    async def send_unsupported(
        self,
        *,
        expect: int = 1,
        settle: float | None = None,
        timeout: float | None = None,  # noqa: ASYNC109 - an assertion deadline, not a cancel
    ) -> list[ZaloBotMessage]:
        """Send what Zalo does not pass on to bots (a voice message, a file): the bot gets an
        event with no content."""
        self.texts_sent += 1
        return await self._deliver(UNSUPPORTED_EVENT, {}, UNSUPPORTED, expect, settle, timeout)

    async def deliver_again(
        self,
        update: dict[str, Any] | None = None,
        *,
        expect: int = 0,
        settle: float | None = None,
        timeout: float | None = None,  # noqa: ASYNC109 - an assertion deadline, not a cancel
    ) -> list[ZaloBotMessage]:
        """Zalo delivering an update a second time (the last one by default), as after a lost
        answer."""
        again = update or self.last_update
        if again is None:
            raise AssertionError(f"{self.display_name} sent nothing to deliver again")
        return await self._wait_for(again, "[gửi lại]", expect, settle, timeout)

    async def _deliver(
        self,
        event: str,
        content: dict[str, Any],
        marker: str,
        expect: int,
        settle: float | None,
        timeout: float | None,  # noqa: ASYNC109 - an assertion deadline, not a cancel
    ) -> list[ZaloBotMessage]:
        update = self._state.user_update(self._chat, event, content)
        self.last_update = update
        self._state.transcript.user_said(self._chat.number, event.split(".")[1], marker)
        return await self._wait_for(update, marker, expect, settle, timeout)

    async def _wait_for(
        self,
        update: dict[str, Any],
        action: str,
        expect: int,
        settle: float | None,
        timeout: float | None,  # noqa: ASYNC109 - an assertion deadline, not a cancel
    ) -> list[ZaloBotMessage]:
        settle = self.settle if settle is None else settle
        timeout = self.timeout if timeout is None else timeout
        before = len(self._chat.bot_messages)
        taken_before = sum(1 for taken in self._state.delivered if taken is update)
        self._state.push(update)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            now = loop.time()
            arrived = len(self._chat.bot_messages) - before
            taken = sum(1 for t in self._state.delivered if t is update) > taken_before
            if arrived >= expect and (expect > 0 or taken):
                quiet_left = settle - (now - self._chat.last_activity)
                if quiet_left <= 0 or now >= deadline:
                    return self._chat.bot_messages[before:]
                await self._state.wakeup.wait(min(quiet_left, deadline - now))
                continue
            if now >= deadline:
                detail = f"got {arrived} new message(s)"
                if not taken:
                    detail += "; the bot never took the update (is it polling?)"
                self._fail(action, expect, timeout, detail)
            await self._state.wakeup.wait(deadline - now)

    def _fail(self, action: str, expect: int, timeout: float, detail: str) -> NoReturn:
        raise AssertionError(
            f"{self.display_name}: after {action!r} expected {expect} new bot message(s) "
            f"within {timeout}s: {detail}.\nRecent transcript:\n{self.transcript(last=15)}"
        )
