"""A call-out survives a restart at any moment: the bot dies after the officer's confirm but
before Telegram took the alerts, and every member is still alerted exactly once; it dies after a
member's press was stored but before it was handled, and the answer is counted after restart at
the time the member pressed, not the time the bot came back."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy import select

from bot.aiogram_backend.client import make_bot
from bot.aiogram_backend.polling import Polling
from bot.app import BotApp
from chat.clock import FixedClock
from config.settings import Settings
from emulator.server import TelegramEmulator
from storage.database import Database
from storage.models import InboxUpdate, OutboxMessage
from tests.conftest import TOKEN
from tests.test_call_outs import (
    NIGHT,
    alerts,
    choose_two_teams,
    dispatch_two_teams,
    officer_and_three_members,
    people,
)
from tests.test_reliability import StoreOnly
from tests.waiting import eventually
from tests.ward import Ward

# A killed sender's rows are free again after its lease; short, so the test need not wait 30 s.
LEASE = dt.timedelta(seconds=1)


async def first_alerts_sent(db: Database) -> Counter[str]:
    """How many first alerts (`callout:<id>:<member>:1`) the outbox holds as sent."""
    async with db.read() as session:
        rows = (await session.scalars(select(OutboxMessage))).all()
    return Counter(
        row.status for row in rows if row.key.startswith("callout:") and row.key.endswith(":1")
    )


async def test_killed_after_the_confirm_before_the_alerts_went_out_every_member_is_alerted_once(
    emulator: TelegramEmulator, settings: Settings, clock: FixedClock, bot: BotApp, ward: Ward
) -> None:
    night = await officer_and_three_members(emulator, ward)
    hung, members = night.hung, night.members
    clock.moment = NIGHT
    bot.sender.lease = LEASE
    confirm = await choose_two_teams(hung)

    # Telegram takes no message now: the alerts are tried, refused, and the bot dies.
    outage = emulator.faults.storm("sendMessage", status=500)
    await hung.press("🚨 Huy động ngay", confirm, expect=0)
    await eventually(lambda: outage.answered >= len(members), "the alerts tried and refused")
    await bot.kill()
    emulator.faults.end(outage)
    assert not any(alerts(member) for member in members)
    assert await first_alerts_sent(bot.db) == Counter(pending=len(members))

    clock.moment = NIGHT + dt.timedelta(minutes=1)  # back a minute later: no re-alert due
    restarted = BotApp(settings, clock=clock)
    await restarted.start()
    try:
        await eventually(lambda: all(alerts(m) for m in members), "every member alerted")
        await restarted.sender.drain()  # anything still due would go now
        assert [len(alerts(member)) for member in members] == [1, 1, 1]
        assert "Cán bộ Hùng gọi lúc 23:10" in alerts(members[0])[0]
        assert await first_alerts_sent(restarted.db) == Counter(sent=len(members))
        assert "Chưa trả lời: Lan, Tâm" in hung.message(confirm.message_id).text_plain
    finally:
        await restarted.stop()


async def test_an_answer_pressed_while_the_bot_was_down_counts_at_the_time_it_was_pressed(
    emulator: TelegramEmulator, settings: Settings, clock: FixedClock, bot: BotApp, ward: Ward
) -> None:
    night = await officer_and_three_members(emulator, ward)
    hung, lan, members = night.hung, night.lan, night.members
    clock.moment = NIGHT
    status = await dispatch_two_teams(hung)
    await eventually(lambda: all(alerts(m) for m in members), "every member alerted")
    await bot.kill()

    # 23:10:30 Lan presses "coming": a process stores the press and dies before handling it.
    db = Database(settings.database_url)
    client = make_bot(TOKEN, settings.telegram_api_url)
    dying = StoreOnly()
    polling = Polling(client, db, dying, timeout=1)
    await lan.press("🏃 Tôi đến ngay", expect=0)
    while not dying.stored:
        await polling.poll_once()
    await polling.poll_once()  # confirms the offset: Telegram forgets the update
    await client.session.close()
    # The bot is back at 23:12, 90 s after the press: the stored row is that old.
    down = dt.timedelta(seconds=90)
    async with db.write() as session:
        for row in (await session.scalars(select(InboxUpdate))).all():
            row.received_at -= down
    await db.dispose()
    assert emulator.pending_update_ids() == []
    clock.moment = NIGHT + dt.timedelta(minutes=2)

    restarted = BotApp(settings, clock=clock)
    await restarted.start()
    try:
        await eventually(lambda: "đồng chí đang đến (23:10)" in lan.last.text_plain, "Lan noted")
        await eventually(
            lambda: "Đang đến: Lan" in hung.message(status).text_plain, "the status shows Lan"
        )
        lan_called = (await people(Ward(restarted.db, clock, ward.ward_id, ward.team_id, 0)))["Lan"]
        pressed = (NIGHT + dt.timedelta(seconds=30)).astimezone(dt.UTC)
        assert lan_called.answer == "coming"
        assert lan_called.answered_at is not None
        answered = lan_called.answered_at.replace(tzinfo=dt.UTC)
        assert pressed - dt.timedelta(seconds=10) <= answered <= pressed  # not 23:12
        await restarted.sender.drain()
        assert [len(alerts(member)) for member in members] == [1, 1, 1]  # none twice
    finally:
        await restarted.stop()
