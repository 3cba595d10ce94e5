"""Several webhook processes on PostgreSQL: a lane records the replies it sent and looks for its
chat's next update in one statement (storage/inbox.record_sent_and_look), one round trip."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select

from storage.database import Database
from storage.inbox import Delivered, claim_update, record_sent_and_look, store_updates
from storage.models import OutboxMessage
from storage.outbox import enqueue

MOMENT = dt.datetime(2026, 11, 30, 13, 5, tzinfo=dt.UTC)  # 20:05 in Hà Nội, the evening peak
UOC, ON = "3001", "3002"  # Đặng Văn Ước's and Trương Thị Ơn's chats


def tap(update_id: int, chat: str, text: str) -> Delivered:
    message = {"message_id": update_id, "chat": {"id": int(chat)}, "text": text}
    return Delivered(update_id, chat, {"update_id": update_id, "message": message})


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    if database_url.startswith("sqlite"):
        pytest.skip("one process on SQLite records its replies alone (no UPDATE inside WITH)")
    database = Database(database_url)
    await database.migrate()
    yield database
    await database.dispose()


async def test_the_record_of_the_replies_also_says_whether_the_chat_has_a_tap_waiting(
    db: Database,
) -> None:
    async with db.write() as session:
        taps = [tap(1, UOC, "/huy"), tap(2, UOC, "/baocaocuatoi"), tap(3, ON, "/huy")]
        first, _, on = await store_updates(session, "telegram", taps)
        await claim_update(session, first.id, MOMENT)
        await claim_update(session, on.id, MOMENT)
        replies = [("reply:1:0", UOC, {"text": "Đã huỷ."}), ("reply:3:0", ON, {"text": "Đã huỷ."})]
        to_uoc, to_on = await enqueue(session, "telegram", replies)

    uoc_waits = await db.statements(
        lambda s: record_sent_and_look(s, [to_uoc.id], MOMENT, "telegram", UOC)
    )
    on_waits = await db.statements(
        lambda s: record_sent_and_look(s, [to_on.id], MOMENT, "telegram", ON)
    )

    assert (uoc_waits, on_waits) == (True, False)  # Ước's second tap waits; Ơn has none
    async with db.read() as session:
        rows = (await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))).all()
    assert [(row.status, row.sent_at, row.attempts) for row in rows] == [("sent", MOMENT, 1)] * 2
