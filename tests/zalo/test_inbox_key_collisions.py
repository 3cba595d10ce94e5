"""Zalo has no update id: the inbox key is derived from the message (its time in milliseconds
and 22 bits of a hash of chat and message id), so two messages can share one. A message whose
key another message holds is stored beside it, not dropped as a redelivery; a message
delivered again is still stored once, wherever it was put."""

from __future__ import annotations

import itertools
from typing import Any

from sqlalchemy import select

from bot.zalo.updates import ZALO_KEYS
from storage.database import Database
from storage.inbox import Delivered, store_updates
from storage.models import InboxUpdate

SENT_AT_MS = 1_795_999_000_123  # one millisecond on a busy evening


def text_update(chat_id: str, message_id: str, text: str) -> dict[str, Any]:
    """A text as Zalo delivers it."""
    return {
        "event_name": "message.text.received",
        "message": {
            "message_id": message_id,
            "from": {"id": chat_id, "display_name": "Nguyễn Thị Lan"},
            "chat": {"id": chat_id, "chat_type": "PRIVATE"},
            "date": SENT_AT_MS,
            "text": text,
        },
    }


def two_messages_with_one_key() -> tuple[dict[str, Any], dict[str, Any]]:
    """Two messages sent in the same millisecond from two chats whose keys are equal (found by
    trying message ids: 22 bits of hash collide after a few thousand)."""
    seen: dict[int, dict[str, Any]] = {}
    for number in itertools.count():
        chat = "a1b2c3d4e5f60718" if number % 2 else "9f8e7d6c5b4a3928"
        update = text_update(chat, f"{number:020x}", "1")
        key = ZALO_KEYS.update_id(update)
        assert key is not None
        if key in seen and seen[key]["message"]["chat"]["id"] != chat:
            return seen[key], update
        seen[key] = update
    raise AssertionError("unreachable")


def delivered(update: dict[str, Any]) -> Delivered:
    key, chat = ZALO_KEYS.update_id(update), ZALO_KEYS.chat_ref(update)
    assert key is not None and chat is not None
    return Delivered(key, chat, update)


async def test_two_messages_with_one_key_are_both_stored_and_each_only_once(
    database_url: str,
) -> None:
    lan, tam = two_messages_with_one_key()
    assert ZALO_KEYS.update_id(lan) == ZALO_KEYS.update_id(tam)
    db = Database(database_url)
    await db.migrate()
    same = ZALO_KEYS.same_update
    try:
        async with db.write() as session:
            first = await store_updates(session, "zalo", [delivered(lan)], same)
        async with db.write() as session:
            second = await store_updates(session, "zalo", [delivered(tam)], same)
        async with db.write() as session:  # both delivered again, in one batch
            again = await store_updates(session, "zalo", [delivered(tam), delivered(lan)], same)
        async with db.read() as session:
            rows = (
                await session.execute(select(InboxUpdate.update_id, InboxUpdate.chat_ref))
            ).all()
    finally:
        await db.dispose()
    assert len(first) == 1 and len(second) == 1
    assert again == []
    key = ZALO_KEYS.update_id(lan)
    assert key is not None
    assert sorted(rows) == sorted(
        [(key, lan["message"]["chat"]["id"]), (key + 1, tam["message"]["chat"]["id"])]
    )


async def test_without_the_check_the_second_message_would_be_lost(database_url: str) -> None:
    """What the check prevents: with keys compared alone, the later message is taken for a
    redelivery and never handled."""
    lan, tam = two_messages_with_one_key()
    db = Database(database_url)
    await db.migrate()
    try:
        async with db.write() as session:
            await store_updates(session, "zalo", [delivered(lan)])
        async with db.write() as session:
            lost = await store_updates(session, "zalo", [delivered(tam)])
    finally:
        await db.dispose()
    assert lost == []
