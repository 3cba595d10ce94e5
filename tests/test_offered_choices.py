"""The numbered list a chat on a messenger without buttons sees last, kept in storage."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from chat.replies import Button, Say
from storage.database import Database
from storage.models import OfferedChoice
from storage.offered_choices import remember_screen, shown
from storage.outbox import Notice, enqueue, enqueue_notices, skip_pending

ZALO = "zalo"
NOW = dt.datetime(2026, 11, 22, 2, 0, tzinfo=dt.UTC)


def say(text: str, *labels: str, ask_contact: str | None = None) -> dict[str, Any]:
    buttons = [[Button(label=label, action=f"a:{label}")] for label in labels]
    return Say(text=text, buttons=buttons, ask_contact=ask_contact).model_dump(mode="json")


async def test_the_newest_message_of_a_chat_sets_its_list(database_url: str) -> None:
    db = Database(database_url)
    await db.migrate()
    async with db.write() as session:
        day, other = await enqueue(
            session,
            ZALO,
            [
                ("reply:1:0", "501", say("Hôm nào?", "Hôm nay", "Hôm qua")),
                ("reply:1:1", "502", say("Bạn khác", "Có")),
            ],
        )
        await remember_screen(session, day, NOW)
        await remember_screen(session, other, NOW)
    async with db.read() as session:
        seen = await shown(session, ZALO, "501", NOW)
        assert seen is not None
        assert seen.outbox_id == day.id
        assert [[b["label"] for b in row] for row in seen.buttons] == [["Hôm nay"], ["Hôm qua"]]
        assert not seen.ask_contact
        assert await shown(session, ZALO, "503", NOW) is None
        assert await shown(session, "telegram", "501", NOW) is None
    async with db.write() as session:
        [phone] = await enqueue(session, ZALO, [("reply:2:0", "501", say("Số?", ask_contact="x"))])
        await remember_screen(session, phone, NOW)
    async with db.read() as session:
        seen = await shown(session, ZALO, "501", NOW)
        assert seen is not None and seen.ask_contact and seen.buttons == []
    async with db.write() as session:  # a question to type the answer to: no list
        [typed] = await enqueue(session, ZALO, [("reply:3:0", "501", say("Gõ số vụ:"))])
        await remember_screen(session, typed, NOW)
    async with db.read() as session:
        assert await shown(session, ZALO, "501", NOW) is None
        rows = (await session.scalars(select(OfferedChoice))).all()
        assert sorted(row.chat_ref for row in rows) == ["501", "502"]  # the older ones gone
    await db.dispose()


async def test_notices_count_for_chats_with_a_list_from_when_they_go_out(
    database_url: str,
) -> None:
    db = Database(database_url)
    await db.migrate()
    morning = NOW + dt.timedelta(hours=5)
    async with db.write() as session:
        [first] = await enqueue(session, ZALO, [("reply:1:0", "501", say("Menu", "Việc tốt"))])
        await remember_screen(session, first, NOW)
        await enqueue_notices(
            session,
            ZALO,
            [
                Notice("callout:1:7:1", "501", say("Huy động!", "Đang đến", "Không đến được")),
                Notice("callout:1:7:2", "501", say("Nhắc lại", "Đang đến"), not_before=morning),
                Notice("reminder:1", "777", say("Nhắc báo cáo", "Báo cáo ngay")),
                Notice("digest:1", "501", say("Tổng hợp tuần")),  # no buttons: list kept
            ],
        )
        await enqueue_notices(session, "telegram", [Notice("r:2", "501", say("Nhắc", "Có"))])
    async with db.read() as session:
        now_seen = await shown(session, ZALO, "501", NOW)
        assert now_seen is not None
        assert [row[0]["label"] for row in now_seen.buttons] == ["Đang đến", "Không đến được"]
        later_seen = await shown(session, ZALO, "501", morning)
        assert later_seen is not None and len(later_seen.buttons) == 1
        # a chat that never had a list is not one of this messenger's: nothing kept
        assert await shown(session, ZALO, "777", NOW) is None
        assert await shown(session, "telegram", "501", NOW) is None
    async with db.write() as session:
        await skip_pending(session, ["callout:1:7:2"], NOW)  # answered: the second alert is off
    async with db.read() as session:
        later_seen = await shown(session, ZALO, "501", morning)
        assert later_seen is not None and len(later_seen.buttons) == 2
    await db.dispose()
