"""What every backend's polling does with a batch: store it in the inbox, then hand it on.

The offset may be confirmed to the messenger only after `take_batch` returns."""

from __future__ import annotations

from typing import Protocol

from storage.database import Database
from storage.inbox import Delivered, Stored, store_updates


class Dispatcher(Protocol):
    """Whoever handles updates once they are safely stored (the pipeline, in production)."""

    def dispatch(self, stored: list[Stored]) -> None: ...


async def take_batch(
    db: Database, dispatcher: Dispatcher, channel: str, batch: list[Delivered]
) -> None:
    """Store the batch (redeliveries are skipped), then dispatch what is new."""
    if not batch:
        return
    async with db.write() as session:
        stored = await store_updates(session, channel, batch)
    dispatcher.dispatch(stored)
