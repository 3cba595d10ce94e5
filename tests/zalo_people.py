"""A person on Zalo, for tests written before the Zalo emulator: each message goes through the
real conversation (`handlers.conversation.handle`) in one write transaction of the running bot,
as the pipeline does, with an `Incoming` of channel "zalo": a typed phone number arrives as a
`Contact(typed=True)` and a numbered choice as the press of its button, as the Zalo channel
reads them. Replies come back as the conversation gives them; notices stay in the outbox."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.app import BotApp
from chat.events import Contact, Incoming
from chat.replies import Reply, Say
from handlers.conversation import handle
from handlers.turn import Turn
from storage.models import InboxUpdate, OutboxMessage, utcnow
from storage.outbox import NOTICES_QUEUED

ZALO = "zalo"
_UPDATES = itertools.count(1)  # Zalo has no update_id: the channel derives one; any will do


def plain(text: str) -> str:
    """A reply's text without its HTML tags."""
    return re.sub(r"<[^>]+>", "", text)


@dataclass
class ZaloPerson:
    """Someone writing to the bot on Zalo from their own account (private chat = account)."""

    bot: BotApp
    user_ref: str
    first_name: str
    last_name: str = ""
    replies: list[Reply] = field(default_factory=list)

    @property
    def texts(self) -> list[str]:
        """The plain texts of the last replies."""
        return [plain(r.text) for r in self.replies if isinstance(r, Say)]

    @property
    def said(self) -> str:
        """All the last replies' texts, one after another."""
        return "\n".join(self.texts)

    @property
    def labels(self) -> list[str]:
        """The choices of the last replies (Zalo shows them as a numbered list)."""
        return [
            button.label
            for reply in self.replies
            if isinstance(reply, Say)
            for row in reply.buttons
            for button in row
        ]

    async def send(self, text: str) -> list[Reply]:
        """A message typed (a "/command" typed is read as the command)."""
        if text.startswith("/"):
            command, _, args = text[1:].partition(" ")
            return await self._handle(command=command, command_args=args.strip())
        return await self._handle(text=text)

    async def type_phone(self, number: str) -> list[Reply]:
        """A phone number typed where the bot asked for one."""
        return await self._handle(text=number, contact=Contact(number, self.user_ref, typed=True))

    async def choose(self, label: str) -> list[Reply]:
        """One of the numbered choices, by its label."""
        for reply in self.replies:
            if not isinstance(reply, Say):
                continue
            for row in reply.buttons:
                for button in row:
                    if button.label == label:
                        return await self._handle(button=button.action, button_label=label)
        raise AssertionError(f"no choice {label!r} among {self.labels}")

    async def _handle(self, **fields: Any) -> list[Reply]:
        bot = self.bot
        async with bot.db.write() as session:
            # Stored first, as the channel does: the update's inbox row (a Zalo-shaped payload).
            stored = InboxUpdate(
                channel=ZALO,
                update_id=next(_UPDATES),
                chat_ref=self.user_ref,
                payload={
                    "event_name": "message.text.received",
                    "message": {
                        "from": {"id": self.user_ref, "display_name": self.first_name},
                        "chat": {"id": self.user_ref, "chat_type": "PRIVATE"},
                        "text": fields.get("text") or fields.get("button_label") or "",
                    },
                },
                handled_at=utcnow(),
            )
            session.add(stored)
            await session.flush()
            replies, queued = await self._converse(session, stored.id, fields)
        if queued:
            bot.sender.wake()  # notices to Telegram accounts go out as after a real update
        self.replies = replies
        return replies

    async def _converse(
        self, session: AsyncSession, inbox_id: int, fields: dict[str, Any]
    ) -> tuple[list[Reply], bool]:
        incoming = Incoming(
            channel=ZALO,
            update_ref=inbox_id,
            chat_ref=self.user_ref,
            user_ref=self.user_ref,
            user_name=f"{self.first_name} {self.last_name}".strip(),
            user_first_name=self.first_name,
            user_last_name=self.last_name,
            **fields,
        )
        bot = self.bot
        turn = Turn(session, incoming, bot.texts, bot.forms, bot.clock.now(), bot.campaign)
        replies = await handle(turn)
        return replies, bool(session.info.get(NOTICES_QUEUED))


async def notices_to(bot: BotApp, channel: str, chat_ref: str) -> list[str]:
    """The plain texts of the notices queued to one chat, oldest first."""
    async with bot.db.read() as session:
        rows = await session.scalars(
            select(OutboxMessage)
            .where(
                OutboxMessage.kind == "notice",
                OutboxMessage.channel == channel,
                OutboxMessage.chat_ref == chat_ref,
            )
            .order_by(OutboxMessage.id)
        )
        return [plain(str(row.payload.get("text", ""))) for row in rows]
