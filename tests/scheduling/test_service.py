"""APScheduler really fires the duties in the running bot; the optional weekly summary."""

from __future__ import annotations

import asyncio
import datetime as dt

from apscheduler.triggers.date import DateTrigger
from pydantic import SecretStr

from bot.app import BotApp
from chat.clock import FixedClock, SystemClock
from chat.texts import texts_for
from config.quiet_hours import QuietHours
from config.settings import Settings
from emulator.server import TelegramEmulator
from scheduler.duties import Duty
from scheduler.notices import NoticeWriter
from scheduler.runner import DutyRunner
from scheduler.service import SchedulerService
from storage.database import Database
from storage.schedule import marks
from summaries.packages import campaign_named
from tests.conftest import HANOI, TOKEN
from tests.scheduling.town import Town, settled


async def test_a_duty_fires_at_its_time_and_its_mark_moves(database_url: str) -> None:
    db = Database(database_url)
    await db.migrate()
    clock = SystemClock(HANOI)
    soon = clock.now() + dt.timedelta(seconds=0.5)
    duty = Duty("monthly-digest", "monthly-digest", DateTrigger(run_date=soon, timezone=HANOI))
    writer = NoticeWriter(
        db,
        texts_for("vi"),
        campaign_named("ha-noi-357"),
        QuietHours(dt.time(21), dt.time(7)),
        HANOI,
    )
    service = SchedulerService(DutyRunner(db, [duty], writer, clock, "telegram"), [duty], HANOI)
    fired: list[bool] = []
    try:
        await service.start()
        assert service.leading
        assert service.next_runs() == {"monthly-digest": f"{soon:%Y-%m-%d %H:%M}"}

        async def mark_moved() -> None:
            while True:
                async with db.read() as session:
                    done = (await marks(session))["monthly-digest"]
                if done >= soon:
                    fired.append(True)
                    return
                await asyncio.sleep(0.05)

        await asyncio.wait_for(mark_moved(), 10)
    finally:
        await service.stop()
        await db.dispose()
    assert fired == [True]


async def test_the_weekly_summary_goes_to_team_leaders_only(
    database_url: str, emulator: TelegramEmulator
) -> None:
    settings = Settings(
        bot_token=SecretStr(TOKEN),
        database_url=database_url,
        telegram_api_url=emulator.base_url,
        poll_timeout_seconds=1,
        weekly_summary=True,
        chat_interval_seconds=0,
    )
    clock = FixedClock(dt.datetime(2026, 11, 22, 9, 0, tzinfo=HANOI))  # a Sunday
    app = BotApp(settings, clock=clock)
    await app.db.migrate()
    town = await Town.create(app.db, emulator, clock)
    await app.start()
    try:
        monday = dt.datetime(2026, 11, 23, 8, 0, tzinfo=HANOI)
        clock.moment = monday
        assert app.scheduler is not None
        await app.scheduler.run_pass()
        await settled(app, monday)
    finally:
        await app.stop()
    for leader, team in (("Lan", 12), ("Hùng", 7), ("Tâm", 3)):
        [summary] = town.received(leader)
        assert summary.text_plain.startswith(
            f"Tổ bảo vệ ANTT số {team} · tháng 11/2026 đến hôm nay:"
        )
    assert town.received("Mai") == []  # a member, not a leader
    assert town.received("Bình") == []
