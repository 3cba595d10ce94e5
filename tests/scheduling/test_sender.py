"""The paced sender through the emulator: a kill halfway, flood waits, server errors, timeouts,
a member who blocked the bot, and Telegram's limits kept."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections import Counter
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select

from bot.backends import TelegramBackend, make_backend
from bot.pacing import Limits
from bot.sender import NoticeSender, utc_now
from bot.telegram_shared import CHANNEL
from chat.replies import Say
from emulator.server import TelegramEmulator
from storage.database import Database
from storage.models import Member, OutboxMessage, Unit
from storage.outbox import ALERT, Notice, claim_notices, enqueue_notices
from tests.conftest import TOKEN
from tests.waiting import eventually

FAST = Limits(per_second=200, chat_interval=0)


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    database = Database(database_url)
    await database.migrate()
    yield database
    await database.dispose()


async def opened(
    backend: str, emulator: TelegramEmulator, request_timeout: float = 30.0
) -> TelegramBackend:
    client = make_backend(backend, TOKEN, emulator.base_url, request_timeout)
    await client.open()
    return client


async def members_with_phones(db: Database, emulator: TelegramEmulator, count: int) -> list[Member]:
    """`count` team members, each with a phone that has opened the bot."""
    async with db.write() as session:
        team = Unit(name="Tổ bảo vệ ANTT số 12", kind="team")
        session.add(team)
        await session.flush()
        people = [
            Member(
                telegram_user_id=5000 + number,
                full_name=f"Thành viên {number}",
                role="member",
                unit_id=team.id,
            )
            for number in range(count)
        ]
        session.add_all(people)
        await session.flush()
    for person in people:
        assert person.telegram_user_id is not None
        emulator.phone(user_id=person.telegram_user_id, first_name=person.full_name)
    return people


async def broadcast(db: Database, people: list[Member], parts: int = 1) -> None:
    """A reminder (in `parts` messages) to everyone, as the scheduler queues it."""
    notices = [
        Notice(
            f"remind:test:{person.id}:{part}",
            str(person.telegram_user_id),
            Say(text=f"Nhắc việc {part + 1}/{parts} cho {person.full_name}").model_dump(
                mode="json"
            ),
            person.id,
        )
        for person in people
        for part in range(parts)
    ]
    async with db.write() as session:
        await enqueue_notices(session, CHANNEL, notices)


def received(emulator: TelegramEmulator) -> Counter[tuple[int, str]]:
    """Each reminder that reached a chat, with how many times it did."""
    return Counter(
        (chat.chat_id, message.text or "")
        for chat in emulator.state.chats.values()
        for message in chat.bot_messages
        if (message.text or "").startswith("Nhắc việc")
    )


def delivered(emulator: TelegramEmulator) -> int:
    return sum(
        len([m for m in chat.bot_messages if (m.text or "").startswith("Nhắc việc")])
        for chat in emulator.state.chats.values()
    )


async def test_a_broadcast_killed_halfway_is_delivered_exactly_once_after_a_restart(
    db: Database, emulator: TelegramEmulator, backend: str
) -> None:
    people = await members_with_phones(db, emulator, 60)
    await broadcast(db, people)
    first_client = await opened(backend, emulator)
    lease = dt.timedelta(seconds=0.5)
    first = NoticeSender(
        db, first_client.channel, Limits(per_second=40, chat_interval=0), lease=lease
    )
    first.start()
    await eventually(lambda: delivered(emulator) >= 20, "the first sender is halfway", 10)
    await first.kill()
    await first_client.close()
    halfway = delivered(emulator)
    assert 20 <= halfway < 60

    second_client = await opened(backend, emulator)
    second = NoticeSender(db, second_client.channel, FAST, lease=lease)
    second.start()
    try:
        await eventually(lambda: delivered(emulator) >= 60, "the rest is delivered", 15)
        await eventually(lambda: not second.busy, "the second sender is idle")
    finally:
        await second.stop()
        await second_client.close()
    per_person = Counter(
        chat.chat_id
        for chat in emulator.state.chats.values()
        for message in chat.bot_messages
        if (message.text or "").startswith("Nhắc việc")
    )
    assert sorted(per_person) == sorted(5000 + number for number in range(60))
    assert set(per_person.values()) == {1}
    async with db.read() as session:
        statuses = Counter((await session.scalars(select(OutboxMessage.status))).all())
    assert statuses == {"sent": 60}


async def test_flood_waits_server_errors_and_timeouts_deliver_everything_once(
    db: Database, emulator: TelegramEmulator, backend: str
) -> None:
    people = await members_with_phones(db, emulator, 12)
    await broadcast(db, people)
    emulator.faults.rate_limit("sendMessage", retry_after=1, times=2)
    emulator.faults.add("sendMessage", 502, times=2)
    emulator.faults.add("sendMessage", status=None, hang=1.5)  # no answer in time
    client = await opened(backend, emulator, request_timeout=0.5)
    sender = NoticeSender(db, client.channel, FAST)
    try:
        assert await sender.drain() == 12
    finally:
        await client.close()
    assert sender.stats.rate_limited == 2
    assert sender.stats.retried >= 3  # two 502s and the timeout
    counts = received(emulator)
    assert len(counts) == 12
    assert set(counts.values()) == {1}


async def test_a_member_who_blocked_the_bot_is_marked_and_the_others_still_get_theirs(
    db: Database, emulator: TelegramEmulator, backend: str
) -> None:
    people = await members_with_phones(db, emulator, 3)
    blocked = people[1]
    assert blocked.telegram_user_id is not None
    emulator.block(blocked.telegram_user_id)
    await broadcast(db, people, parts=2)
    client = await opened(backend, emulator)
    sender = NoticeSender(db, client.channel, FAST)
    try:
        assert await sender.drain() == 4
    finally:
        await client.close()
    assert sender.stats.blocked == 1
    async with db.read() as session:
        marked = await session.get(Member, blocked.id)
        assert marked is not None and marked.blocked_at is not None
        others = [await session.get(Member, person.id) for person in (people[0], people[2])]
        assert all(other is not None and other.blocked_at is None for other in others)
        failed = (
            await session.scalars(select(OutboxMessage).where(OutboxMessage.status == "failed"))
        ).all()
    assert {message.member_id for message in failed} == {blocked.id}
    assert len(failed) == 2  # both parts given up: no retry against a block


async def test_telegram_limits_are_kept_so_no_flood_wait_is_ever_needed(
    db: Database, emulator: TelegramEmulator
) -> None:
    limits = emulator.enforce_flood_limits(per_second=30, chat_interval=1.0)
    people = await members_with_phones(db, emulator, 30)
    await broadcast(db, people, parts=2)  # two messages each: the per-chat second matters
    client = await opened("aiogram", emulator)
    sender = NoticeSender(db, client.channel, Limits(per_second=25, chat_interval=1.0))
    try:
        assert await sender.drain() == 60
    finally:
        await client.close()
    assert limits.refused == 0
    assert sender.stats.rate_limited == 0
    assert set(received(emulator).values()) == {1}


async def test_the_emulator_answers_a_flood_with_429_and_the_sender_waits(
    db: Database, emulator: TelegramEmulator
) -> None:
    """A sender configured too fast for Telegram is told to wait, and still loses nothing."""
    limits = emulator.enforce_flood_limits(per_second=30, chat_interval=1.0)
    people = await members_with_phones(db, emulator, 40)
    await broadcast(db, people)
    client = await opened("aiogram", emulator)
    sender = NoticeSender(db, client.channel, Limits(per_second=500, chat_interval=0))
    try:
        assert await sender.drain() == 40
    finally:
        await client.close()
    assert limits.refused >= 1
    assert sender.stats.rate_limited >= 1
    assert set(received(emulator).values()) == {1}
    assert len(received(emulator)) == 40


async def test_two_senders_at_once_never_send_the_same_notice(
    db: Database, database_url: str, emulator: TelegramEmulator
) -> None:
    """Two bot processes (each its own connections and client) drain one outbox together."""
    people = await members_with_phones(db, emulator, 80)
    await broadcast(db, people)
    other_db = Database(database_url)
    clients = [await opened("aiogram", emulator), await opened("aiogram", emulator)]
    paced = Limits(per_second=20, chat_interval=0)  # batches of 40: each takes some
    senders = [
        NoticeSender(db, clients[0].channel, paced, name="first"),
        NoticeSender(other_db, clients[1].channel, paced, name="second"),
    ]
    try:
        first = asyncio.create_task(senders[0].drain())
        await eventually(lambda: senders[0].stats.sent >= 1, "the first sender is under way")
        counts = [await senders[1].drain(), await first]
    finally:
        for client in clients:
            await client.close()
        await other_db.dispose()
    assert sum(counts) == 80
    assert all(count > 0 for count in counts), counts  # both took part
    assert len(received(emulator)) == 80
    assert set(received(emulator).values()) == {1}


async def test_a_call_out_alert_queued_behind_a_broadcast_is_claimed_first(
    db: Database, emulator: TelegramEmulator
) -> None:
    people = await members_with_phones(db, emulator, 30)
    await broadcast(db, people)
    alert = Notice(
        "callout:1:1:1",
        str(people[-1].telegram_user_id),
        Say(text="🚨 HUY ĐỘNG").model_dump(mode="json"),
        people[-1].id,
        priority=ALERT,
    )
    async with db.write() as session:
        await enqueue_notices(session, CHANNEL, [alert])
    async with db.write() as session:
        first = await claim_notices(
            session, CHANNEL, "sender-a", due_by=utc_now(), held_until=utc_now(), limit=5
        )
    assert [message.key for message in first][:1] == ["callout:1:1:1"]
    assert all(message.key.startswith("remind:") for message in first[1:])


async def test_an_alert_queued_while_a_broadcast_batch_goes_out_does_not_wait_for_the_batch(
    db: Database, emulator: TelegramEmulator
) -> None:
    """The batch of reminders being sent stops at its next message and gives the rest back, so
    the call-out's alert goes next, not after the batch; every reminder still goes, once."""
    people = await members_with_phones(db, emulator, 60)
    await broadcast(db, people)
    client = await opened("aiogram", emulator)
    paced = Limits(per_second=20, chat_interval=0)  # batches of 40: two seconds each
    sender = NoticeSender(db, client.channel, paced)
    assert sender.batch_size == 40
    target = people[-1]  # their reminder is in the second batch
    sender.start()
    try:
        await eventually(lambda: delivered(emulator) >= 5, "the broadcast under way")
        alert = Notice(
            "callout:1:1:1",
            str(target.telegram_user_id),
            Say(text="🚨 HUY ĐỘNG").model_dump(mode="json"),
            target.id,
            priority=ALERT,
        )
        async with db.write() as session:
            await enqueue_notices(session, CHANNEL, [alert])
        sender.wake()  # as the bot does after the confirm's commit
        reminders_before_the_alert: list[int] = []

        def alerted() -> bool:
            chat = emulator.state.chats.get(target.telegram_user_id or 0)
            if chat is None or not any("HUY ĐỘNG" in (m.text or "") for m in chat.bot_messages):
                return False
            reminders_before_the_alert.append(delivered(emulator))
            return True

        await eventually(alerted, "the alert delivered")
        await eventually(lambda: delivered(emulator) >= 60, "the rest of the broadcast", 15)
        await eventually(lambda: not sender.busy, "the sender is idle")
    finally:
        await sender.stop()
        await client.close()
    assert reminders_before_the_alert[0] < 30, reminders_before_the_alert  # not the batch's 40
    assert sender.stats.cut_short >= 1
    assert len(received(emulator)) == 60
    assert set(received(emulator).values()) == {1}
    async with db.read() as session:
        statuses = Counter((await session.scalars(select(OutboxMessage.status))).all())
    assert statuses == {"sent": 61}
