"""The seam every messenger backend fills: turn stored updates into events, replies into calls."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from chat.events import Incoming
from chat.replies import Edit, Say, SendFile


@dataclass(frozen=True)
class DeliveryFailure(Exception):
    """A reply did not reach the messenger; `permanent` means trying again cannot help,
    `blocked` that the person blocked the bot (or left the group)."""

    reason: str
    permanent: bool = False
    retry_after: float | None = None
    blocked: bool = False


class Channel(Protocol):
    """What the pipeline needs from a messenger backend."""

    name: str
    buttons_as_text: bool
    """The messenger has no buttons (Zalo): the channel shows a reply's buttons as a numbered
    list (`chat.typed_choices.numbered`), and the pipeline reads a typed answer back as the
    press of one (`bot/typed_answers.py`); False for Telegram."""

    def to_incoming(self, inbox_id: int, payload: dict[str, Any]) -> Incoming | None:
        """The event inside a stored update, or None for updates the bot ignores."""

    async def deliver(self, chat_ref: str, reply: Say | Edit | SendFile) -> None:
        """Send or edit one message; raises DeliveryFailure."""

    async def answer_button(self, callback_ref: str, text: str | None) -> None:
        """Stop the pressed button's spinner, with an optional short notice."""


class FileLinks(Protocol):
    """Files for a messenger that cannot send them (Zalo): a short-lived signed download address
    served by the bot's own HTTP server."""

    async def link_for(self, channel: str, chat_ref: str, file: SendFile) -> str:
        """Keep `file` for the person in `chat_ref` and give the address that downloads it."""
