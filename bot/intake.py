"""What every way of receiving updates does with them (long polling and the webhook alike, for
every messenger): read each update as the messenger sent it, store it in the inbox under the
key the messenger's `UpdateKeys` give it, then hand it on.

Polling may confirm the offset, and the webhook answer 200, only after `take_batch` returns."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any, Protocol

from bot.telegram_shared import CHANNEL, chat_ref_of
from storage.database import Database
from storage.inbox import Delivered, SameUpdate, Stored, store_updates

log = logging.getLogger(__name__)
_CHAT_REF = re.compile(r"-?[0-9]{1,20}|-")


class Dispatcher(Protocol):
    """Whoever handles updates once they are safely stored (the pipeline, in production)."""

    def dispatch(self, stored: list[Stored]) -> None: ...


class UpdateKeys(Protocol):
    """What a messenger's update is stored under: its channel, its id (unique in the channel,
    the same when the update is delivered again) and its chat."""

    @property
    def channel(self) -> str: ...

    @property
    def token_setting(self) -> str:
        """The setting holding the messenger's token, named when the token is refused."""

    def unwrap(self, body: dict[str, Any]) -> Any:
        """The update inside a webhook request's body (Telegram posts the update itself)."""

    def update_id(self, raw: dict[str, Any]) -> int | None:
        """The update's inbox key; None when it has none it could be stored under."""

    def chat_ref(self, raw: dict[str, Any]) -> str | None:
        """The chat the update belongs to; None when that cannot be read."""

    @property
    def same_update(self) -> SameUpdate | None:
        """For a key derived from the update (Zalo): whether a stored payload and a delivered
        one are the same update, so a taken key is told apart as a redelivery or a collision;
        None when the key is the messenger's own unique id (Telegram's `update_id`)."""


class TelegramKeys:
    """Telegram's own `update_id`, and the chat of a message, a press or a membership change."""

    channel = CHANNEL
    token_setting = "ANTT_BOT_TOKEN"  # noqa: S105 (a variable name)

    def unwrap(self, body: dict[str, Any]) -> Any:
        return body

    def update_id(self, raw: dict[str, Any]) -> int | None:
        update_id = raw.get("update_id")
        if not isinstance(update_id, int) or isinstance(update_id, bool):
            return None
        return update_id

    def chat_ref(self, raw: dict[str, Any]) -> str | None:
        chat_ref = chat_ref_of(raw)
        return chat_ref if _CHAT_REF.fullmatch(chat_ref) is not None else None

    same_update = None  # update_id is Telegram's own: a taken one is always a redelivery


TELEGRAM_KEYS = TelegramKeys()


class UpdateReader(Protocol):
    """One library's reading of a single update."""

    def unreadable(self, payload: dict[str, Any]) -> str | None:
        """The type of the error the library raises reading this update; None if it can."""


@dataclass
class IntakeStats:
    """What the logs and, later, the metrics read."""

    updates: int = 0  # stored for handling
    unreadable: int = 0  # kept as failed inbox rows (or, without an update id, dropped)
    unreadable_by_error: dict[str, int] = field(default_factory=dict)

    def count_unreadable(self, error: str) -> None:
        self.unreadable += 1
        self.unreadable_by_error[error] = self.unreadable_by_error.get(error, 0) + 1


def read_update(
    raw: Any, reader: UpdateReader, stats: IntakeStats, keys: UpdateKeys = TELEGRAM_KEYS
) -> Delivered | None:
    """One update as the messenger sent it: readable, or kept with the type of its error; None
    when it has no update id to be stored (or confirmed) under."""
    update_id = keys.update_id(raw) if isinstance(raw, dict) else None
    if update_id is None:
        stats.count_unreadable("no update_id")
        log.warning("an update without an update_id was skipped")
        return None
    error = reader.unreadable(raw)
    chat_ref = "-"
    if error is None:
        try:
            chat_ref = keys.chat_ref(raw) or ""
        except Exception as failure:
            error = type(failure).__name__
        if not chat_ref:
            chat_ref, error = "-", error or "chat id"
    if error is None:
        stats.updates += 1
        return Delivered(update_id, chat_ref, raw)
    stats.count_unreadable(error)
    log.warning(
        "update %d could not be read (%s): kept as failed in the inbox, not handled "
        "(%d unreadable so far)",
        update_id,
        error,
        stats.unreadable,
    )
    return Delivered(update_id, chat_ref, raw, unreadable=f"unreadable: {error}")


async def take_batch(
    db: Database, dispatcher: Dispatcher, keys: UpdateKeys, batch: list[Delivered]
) -> None:
    """Store the batch (redeliveries are skipped; once more on a connection the database
    dropped), then dispatch what is new. One insert (a key taken by another update: one more
    each), committed as it runs: nothing else needs to commit with it."""
    if not batch:
        return
    stored = await db.statements(
        lambda session: store_updates(session, keys.channel, batch, keys.same_update)
    )
    dispatcher.dispatch(stored)
