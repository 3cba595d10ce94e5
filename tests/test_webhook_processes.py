"""Two webhook processes sharing PostgreSQL behind one address: any of them may receive any
update, yet one member's updates are handled one at a time in update order, and a process
killed with updates in flight loses none of them to the other, nor handles any twice.

Each "process" is a BotApp of its own (its own database engine, its own aiohttp server on its
own port), behind a round-robin proxy (tests/balancer.py), as nginx would put them."""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import os
import socket
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import cast

import pytest
from pydantic import SecretStr
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from bot.app import BotApp
from bot.pipeline import Conversation
from chat.clock import FixedClock
from chat.replies import Reply
from config.settings import Settings
from emulator.faults import Fault
from emulator.phone import Phone
from emulator.server import TelegramEmulator
from handlers.turn import Turn
from storage.inbox import ChatLock, record_sent_and_look
from storage.models import InboxUpdate, OutboxMessage
from tests.balancer import Balancer
from tests.conftest import TOKEN
from tests.ward import Ward

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("ANTT_TEST_DATABASE_URL", "").startswith("postgresql"),
        reason="several processes share PostgreSQL (set ANTT_TEST_DATABASE_URL)",
    ),
    pytest.mark.parametrize("backend", ["aiogram"]),
]
SECRET = "two-processes_secret"
TAPS = 24
# A stranded update is looked for after this long (production: bot/stranded.AFTER_SECONDS).
STRANDED_AFTER = 1.0
# A reply is held this long by the process sending it (production: bot/pipeline.REPLY_LEASE).
REPLY_LEASE = dt.timedelta(seconds=1)
# How long Telegram holds a reply's sendMessage in the tests of replies held: past the lease.
HOLD = 3.0
# How long Telegram takes an answer in the tests of replies in order: a tap's answer is on its
# way this long, and the next tap's answer, quick, would overtake it.
SLOW = 0.8
PAIRS = 4
NEVER = 3600.0  # a stranded look that never finds a chat: the lanes alone must take it
CANCEL_REPLY = "Không có việc gì đang làm dở"  # the answer to /huy (to /baocaocuatoi: another)


def two_free_ports() -> tuple[int, int]:
    with socket.socket() as one, socket.socket() as two:
        one.bind(("127.0.0.1", 0))
        two.bind(("127.0.0.1", 0))
        return int(one.getsockname()[1]), int(two.getsockname()[1])


@pytest.fixture
def ports() -> tuple[int, int]:
    return two_free_ports()


@pytest.fixture
async def balancer(ports: tuple[int, int]) -> AsyncIterator[Balancer]:
    async with Balancer([f"http://127.0.0.1:{port}/telegram" for port in ports]) as proxy:
        yield proxy


@pytest.fixture
def settings(
    database_url: str,
    emulator: TelegramEmulator,
    backend: str,
    balancer: Balancer,
    ports: tuple[int, int],
) -> Settings:
    """The first process; the second differs only by its port."""
    return Settings(
        telegram_backend=backend,
        bot_token=SecretStr(TOKEN),
        database_url=database_url,
        telegram_api_url=emulator.base_url,
        intake="webhook",
        webhook_url=balancer.url,
        webhook_secret=SecretStr(SECRET),
        webhook_port=ports[0],
        scheduler="off",
    )


@pytest.fixture(params=["rows", "advisory"])
def chat_lock(request: pytest.FixtureRequest) -> ChatLock:
    """Both ways of holding a chat work (bot/app.CHAT_LOCK says which one runs)."""
    return cast(ChatLock, request.param)


def quick(app: BotApp, chat_lock: ChatLock | None = None) -> BotApp:
    if chat_lock is not None:
        app.pipeline.chat_lock = chat_lock
    assert app.stranded is not None
    app.stranded.after = STRANDED_AFTER
    app.stranded.every = STRANDED_AFTER / 4
    app.pipeline.reply_lease = REPLY_LEASE
    return app


@pytest.fixture
async def second(
    bot: BotApp,
    settings: Settings,
    ports: tuple[int, int],
    clock: FixedClock,
    chat_lock: ChatLock,
) -> AsyncIterator[BotApp]:
    """The second process, started after the first."""
    quick(bot, chat_lock)
    app = BotApp(settings.model_copy(update={"webhook_port": ports[1]}), clock=clock)
    quick(app, chat_lock)
    await app.start()
    try:
        yield app
    finally:
        await app.stop()


@pytest.fixture
async def lan(emulator: TelegramEmulator, ward: Ward, second: BotApp) -> Phone:
    """A member, who joined through both processes."""
    phone = emulator.phone(user_id=1001, first_name="Lan", last_name="Nguyễn Thị")
    await ward.join(phone)
    return phone


async def until(check: Callable[[], Awaitable[bool]], what: str, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not await check():
        if time.monotonic() > deadline:
            raise AssertionError(f"still waiting after {seconds} s: {what}")
        await asyncio.sleep(0.05)


async def chat_rows(app: BotApp, chat_id: int) -> list[InboxUpdate]:
    async with app.db.read() as session:
        query = select(InboxUpdate).where(InboxUpdate.chat_ref == str(chat_id))
        return list(await session.scalars(query.order_by(InboxUpdate.update_id)))


async def all_handled(app: BotApp, update_ids: list[int]) -> bool:
    rows = {row.update_id: row for row in await chat_rows(app, 1001)}
    return all(i in rows and rows[i].handled_at is not None for i in update_ids)


def tap_quickly(lan: Phone) -> list[int]:
    """Lan taps away without waiting for answers."""
    words = ("/huy", "/baocaocuatoi")
    return [lan.send_without_waiting(words[n % 2]) for n in range(TAPS)]


def assert_in_update_order(rows: list[InboxUpdate]) -> None:
    """Each handled after the one before it (claimed later), none failed."""
    assert [row.error for row in rows] == [None] * len(rows)
    handled = [row.handled_at for row in rows]
    assert all(h is not None for h in handled)
    assert handled == sorted(handled)  # type: ignore[type-var]
    assert len(set(handled)) == len(handled)


def handled(*apps: BotApp) -> int:
    return sum(app.pipeline.stats.handled for app in apps)


class Watch:
    """When each process's conversation worked on which update (inbox id), slowed a little so
    that two processes on one chat at once could not go unseen; and, in a table written in the
    handling's own transaction, which handlings committed."""

    def __init__(self, *apps: BotApp) -> None:
        self.spans: list[tuple[float, float, int]] = []
        for app in apps:
            app.pipeline.conversation = self._around(app.pipeline.conversation)

    @staticmethod
    async def create(app: BotApp) -> None:
        async with app.db.write() as session:
            await session.execute(text("CREATE TABLE committed_handlings (inbox_id INTEGER)"))

    @staticmethod
    async def committed(app: BotApp) -> list[int]:
        """The inbox id of every handling that committed, one entry each."""
        async with app.db.read() as session:
            found = await session.execute(text("SELECT inbox_id FROM committed_handlings"))
            return sorted(int(row[0]) for row in found)

    def _around(self, inner: Conversation) -> Conversation:
        async def conversation(turn: Turn) -> list[Reply]:
            start = time.perf_counter()
            await asyncio.sleep(0.01)  # a slower conversation: every window wider
            replies = await inner(turn)
            await turn.session.execute(
                text("INSERT INTO committed_handlings VALUES (:id)"),
                {"id": turn.incoming.update_ref},
            )
            self.spans.append((start, time.perf_counter(), turn.incoming.update_ref))
            return replies

        return conversation

    def assert_one_at_a_time_in_order(self, rows: list[InboxUpdate]) -> None:
        """No two spans overlap, and they follow the updates' order (the update ids)."""
        spans = sorted(self.spans)
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans)), "two at once"
        update_of = {row.id: row.update_id for row in rows}
        order = [update_of[inbox_id] for _, _, inbox_id in spans]
        assert order == sorted(order)
        assert len(order) == len(set(order))  # each once


async def test_one_members_quick_taps_across_two_processes_are_handled_in_order(
    emulator: TelegramEmulator, bot: BotApp, second: BotApp, lan: Phone, balancer: Balancer
) -> None:
    watch = Watch(bot, second)
    await watch.create(bot)
    before = handled(bot, second)
    answers = len(lan.messages)
    sent = tap_quickly(lan)
    await until(lambda: all_handled(bot, sent), "every tap handled")
    await bot.pipeline.lanes.idle()
    await second.pipeline.lanes.idle()

    assert all(count > 0 for count in balancer.sent.values())  # both received taps
    assert bot.pipeline.stats.handled > 0 and second.pipeline.stats.handled > 0
    assert handled(bot, second) - before == TAPS  # each once
    rows = await chat_rows(bot, 1001)
    assert_in_update_order(rows)
    watch.assert_one_at_a_time_in_order(rows)
    assert len(watch.spans) == TAPS
    assert len(await watch.committed(bot)) == TAPS
    assert len(lan.messages) == answers + TAPS
    words = [m.text_plain for m in lan.messages[answers:]]
    assert sum("Không có việc gì đang làm dở" in w for w in words) == TAPS // 2


def only_lanes_take_chats(*apps: BotApp) -> None:
    """The stranded look still takes replies, but no chat: a tap left waiting stays so."""
    for app in apps:
        assert app.stranded is not None
        app.stranded.after = NEVER


def answered_to(lan: Phone, answers: int) -> list[bool]:
    """For each answer since `answers`: whether it is the answer to /huy."""
    return [CANCEL_REPLY in message.text_plain for message in lan.messages[answers:]]


async def tap_while_telegram_holds_the_answer(
    emulator: TelegramEmulator, lan: Phone, text: str
) -> None:
    """Lan sends `text`; Telegram holds the answer's sendMessage (HOLD seconds): back once the
    process is sending it."""
    held = emulator.faults.add("sendMessage", status=None, hang=HOLD)
    lan.send_without_waiting(text)

    async def sending() -> bool:
        return held.answered == 1

    await until(sending, "the first process sends the answer")


def answers_beyond(lan: Phone, count: int) -> Callable[[], Awaitable[bool]]:
    async def arrived() -> bool:
        return len(lan.messages) >= count

    return arrived


async def test_a_members_answers_arrive_in_the_order_of_the_taps_across_two_processes(
    emulator: TelegramEmulator, bot: BotApp, second: BotApp, lan: Phone, balancer: Balancer
) -> None:
    """Lan taps /huy, and while its answer is on its way (Telegram slow to take it) taps
    /baocaocuatoi, which reaches the other process: that answer waits for the first."""
    only_lanes_take_chats(bot, second)
    answers = len(lan.messages)
    received = dict(balancer.sent)
    for pair in range(PAIRS):
        slow = emulator.faults.add("sendMessage", status=None, hang=SLOW)
        lan.send_without_waiting("/huy")

        async def on_its_way(fault: Fault = slow) -> bool:
            return fault.answered == 1

        await until(on_its_way, "the answer to /huy on its way")
        lan.send_without_waiting("/baocaocuatoi")
        await until(answers_beyond(lan, answers + 2 * (pair + 1)), "both answered")
    await bot.pipeline.lanes.idle()
    await second.pipeline.lanes.idle()

    assert all(balancer.sent[url] > received[url] for url in received)  # taps to both
    assert answered_to(lan, answers) == [True, False] * PAIRS


async def test_an_answer_recorded_late_does_not_leave_the_next_tap_waiting(
    emulator: TelegramEmulator,
    bot: BotApp,
    second: BotApp,
    lan: Phone,
    balancer: Balancer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The first process has sent Lan's answer but not yet recorded it sent when her next tap
    reaches the other process, which sees an answer still owed and leaves the tap: the first
    takes it once it has recorded the answer."""
    only_lanes_take_chats(bot, second)
    recording = asyncio.Event()
    recorded = asyncio.Event()

    async def late_record(
        session: AsyncSession, ids: list[int], now: dt.datetime, channel: str, chat_ref: str
    ) -> bool:
        recording.set()
        await recorded.wait()
        return await record_sent_and_look(session, ids, now, channel, chat_ref)

    monkeypatch.setattr("bot.pipeline.record_sent_and_look", late_record)
    try:
        await first_answer_recorded_late(emulator, bot, second, lan, balancer, recording, recorded)
    finally:
        recorded.set()  # a process stopping waits for its deliveries to be recorded


async def first_answer_recorded_late(
    emulator: TelegramEmulator,
    bot: BotApp,
    second: BotApp,
    lan: Phone,
    balancer: Balancer,
    recording: asyncio.Event,
    recorded: asyncio.Event,
) -> None:
    answers = len(lan.messages)
    balancer.first = 0  # the first tap reaches the first process
    lan.send_without_waiting("/huy")
    await until(answers_beyond(lan, answers + 1), "the answer to /huy")
    await asyncio.wait_for(recording.wait(), 10)
    balancer.first = 1  # the next reaches the other process
    acknowledged = len(emulator.webhook.log.statuses)
    lan.send_without_waiting("/baocaocuatoi")

    async def stored() -> bool:
        return len(emulator.webhook.log.statuses) > acknowledged

    await until(stored, "the tap stored")
    await second.pipeline.lanes.idle()  # it tried the chat: the answer to /huy read owed
    assert len(lan.messages) == answers + 1
    recorded.set()

    await until(answers_beyond(lan, answers + 2), "the answer to /baocaocuatoi", seconds=5)
    assert answered_to(lan, answers) == [True, False]
    assert emulator.webhook.log.statuses[acknowledged:] == [200]


async def test_answers_a_killed_process_committed_go_before_the_next_taps_answer(
    emulator: TelegramEmulator, bot: BotApp, second: BotApp, lan: Phone, balancer: Balancer
) -> None:
    """The first process commits the answer to Lan's /huy and dies while Telegram has not
    taken it; her next tap reaches the other process, which sends that answer first."""
    only_lanes_take_chats(bot, second)
    balancer.first = 0
    answers = len(lan.messages)
    await tap_while_telegram_holds_the_answer(emulator, lan, "/huy")
    await bot.kill()  # its call is dropped: Telegram never got the answer
    lan.send_without_waiting("/baocaocuatoi")  # to the other process (the first is gone)

    await until(answers_beyond(lan, answers + 2), "both answered", seconds=10)
    await second.pipeline.lanes.idle()
    assert answered_to(lan, answers) == [True, False]
    assert second.stranded is not None and second.stranded.replies == 1


async def test_a_process_killed_with_updates_in_flight_loses_none_and_repeats_none(
    emulator: TelegramEmulator,
    settings: Settings,
    clock: FixedClock,
    bot: BotApp,
    second: BotApp,
    lan: Phone,
) -> None:
    watch = Watch(bot, second)
    await watch.create(bot)
    before = [app.pipeline.stats.handled for app in (bot, second)]
    sent = tap_quickly(lan)
    # Whichever process took the chat keeps it while it has updates: that one is killed.
    at_work: list[BotApp] = []

    async def one_at_work() -> bool:
        at_work[:] = [
            app
            for app, handled_before in zip((bot, second), before, strict=True)
            if app.pipeline.stats.handled - handled_before >= 3
        ]
        return bool(at_work)

    await until(one_at_work, "a process at work on the chat")
    dead = at_work[0]
    alive = second if dead is bot else bot
    await dead.kill()  # mid-update, with taps stored and not handled, and requests unanswered

    await until(lambda: all_handled(alive, sent), "the other process takes everything left")
    await alive.pipeline.lanes.idle()
    rows = await chat_rows(alive, 1001)
    assert_in_update_order(rows)
    taps = sorted(row.id for row in rows if row.update_id in sent)
    assert await watch.committed(alive) == taps  # each tap handled, and once

    # Answers the dead process had committed but not sent go out when it comes back.
    back = BotApp(dead.settings, clock=clock)  # on the dead process's port
    await back.start()
    try:

        async def nothing_owed() -> bool:
            async with back.db.read() as session:
                owed = select(OutboxMessage.id).where(OutboxMessage.status == "pending")
                return (await session.scalars(owed)).first() is None

        await until(nothing_owed, "every answer sent")
    finally:
        await back.stop()


async def test_an_update_a_killed_process_was_handling_goes_to_the_other_within_seconds(
    bot: BotApp, second: BotApp, lan: Phone, balancer: Balancer
) -> None:
    inner = bot.pipeline.conversation
    stuck = asyncio.Event()

    async def hangs(turn: Turn) -> list[Reply]:
        stuck.set()
        await asyncio.Event().wait()  # the process is hung mid-update, holding the chat
        return await inner(turn)

    bot.pipeline.conversation = hangs
    balancer.first = 0  # Telegram's request reaches the first process
    answers = len(lan.messages)
    update_id = lan.send_without_waiting("/huy")
    await asyncio.wait_for(stuck.wait(), 10)
    killed = time.monotonic()
    await bot.kill()  # its transaction rolls back: the claim is undone

    async def answered() -> bool:
        return len(lan.messages) > answers

    await until(answered, "the other process answers", seconds=10)
    assert time.monotonic() - killed < 2 * STRANDED_AFTER + 2
    assert "Không có việc gì đang làm dở" in lan.messages[answers].text_plain
    [row] = [row for row in await chat_rows(second, 1001) if row.update_id == update_id]
    assert row.handled_at is not None and row.error is None
    assert second.stranded is not None and second.stranded.found >= 1


async def test_a_reply_a_killed_process_committed_is_sent_by_the_other_once(
    emulator: TelegramEmulator, bot: BotApp, second: BotApp, lan: Phone, balancer: Balancer
) -> None:
    """The first process handles Lan's tap and commits the answer; Telegram has not taken it
    (the call hangs) when the process dies. The other, still running, sends it within
    seconds, and only once."""
    balancer.first = 0  # Telegram's request reaches the first process
    answers = len(lan.messages)
    await tap_while_telegram_holds_the_answer(emulator, lan, "/huy")
    killed = time.monotonic()
    await bot.kill()  # its call is dropped: Telegram never got the answer

    async def answered() -> bool:
        return len(lan.messages) > answers

    await until(answered, "the other process sends the answer", seconds=10)
    took = time.monotonic() - killed
    assert took < REPLY_LEASE.total_seconds() + 2 * STRANDED_AFTER + 2
    assert second.stranded is not None and second.stranded.replies == 1
    await asyncio.sleep(HOLD)  # past the dead process's call
    await second.pipeline.lanes.idle()
    assert len(lan.messages) == answers + 1
    assert "Không có việc gì đang làm dở" in lan.messages[answers].text_plain


async def test_a_process_starting_while_another_sends_a_reply_does_not_send_it_again(
    emulator: TelegramEmulator,
    settings: Settings,
    clock: FixedClock,
    bot: BotApp,
    second: BotApp,
    lan: Phone,
    balancer: Balancer,
) -> None:
    """Telegram is slow to take the first process's answer (longer than a lease, so it is
    renewed meanwhile); a third process starts and recovers what is owed: not that answer."""
    balancer.first = 0
    answers = len(lan.messages)
    await tap_while_telegram_holds_the_answer(emulator, lan, "/huy")
    third = quick(
        BotApp(settings.model_copy(update={"webhook_port": two_free_ports()[0]}), clock=clock)
    )
    await third.start()
    try:

        async def answered() -> bool:
            return len(lan.messages) > answers

        await until(answered, "the first process's answer arrives", seconds=10)
        await asyncio.sleep(4 * STRANDED_AFTER)  # the others look for lapsed replies meanwhile
        await bot.pipeline.lanes.idle()
        await third.pipeline.lanes.idle()
        assert len(lan.messages) == answers + 1
        assert "Không có việc gì đang làm dở" in lan.messages[answers].text_plain
        assert third.stranded is not None and third.stranded.replies == 0
    finally:
        await third.stop()
