"""A whole year of a ward, simulated in seconds: the clock jumps through every day, the
scheduler looks, the sender delivers through the emulator, and every message is counted."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from collections.abc import AsyncIterator

import pytest
from pydantic import SecretStr
from sqlalchemy import select

from bot.app import BotApp
from chat.clock import FixedClock
from config.settings import Settings
from emulator.server import TelegramEmulator
from storage.models import OutboxMessage
from tests.conftest import HANOI, TOKEN
from tests.scheduling.town import Town, tick

START = dt.datetime(2025, 12, 1, 9, 0, tzinfo=HANOI)
END = dt.datetime(2026, 11, 30, 23, 0, tzinfo=HANOI)
DOWN = (dt.date(2026, 3, 19), dt.date(2026, 4, 1))  # the bot is off; back on 01/04 at 10:30
NIGHT_RETURN = dt.datetime(2026, 9, 1, 22, 30, tzinfo=HANOI)  # off all of 01/09 until 22:30


@pytest.fixture
async def year_bot(
    database_url: str, emulator: TelegramEmulator
) -> AsyncIterator[tuple[BotApp, Town]]:
    settings = Settings(
        telegram_backend="aiogram",
        bot_token=SecretStr(TOKEN),
        database_url=database_url,
        telegram_api_url=emulator.base_url,
        poll_timeout_seconds=1,
        campaign="ha-noi-357",
        send_per_second=30,
        chat_interval_seconds=0,
    )
    clock = FixedClock(START)
    app = BotApp(settings, clock=clock)
    await app.db.migrate()
    town = await Town.create(app.db, emulator, clock)
    await app.start()
    try:
        yield app, town
    finally:
        await app.stop()


def days() -> list[dt.date]:
    day, found = START.date(), []
    while day <= END.date():
        found.append(day)
        day += dt.timedelta(days=1)
    return found


def reminder_days(messages: list[str]) -> list[str]:
    """The good-deed reminders among a person's messages."""
    return [text for text in messages if "chưa có việc tốt" in text]


async def test_a_year_of_reminders_and_digests_each_once_to_the_right_people(
    year_bot: tuple[BotApp, Town], emulator: TelegramEmulator
) -> None:
    app, town = year_bot
    when: dict[int, dt.datetime] = {}  # message id in the outbox → simulated time it went out
    for day in days():
        if DOWN[0] <= day < DOWN[1] or day == NIGHT_RETURN.date():
            # The bot is off. Teams still do their good deeds (and tell the bot later).
            continue
        morning = dt.datetime.combine(day, dt.time(8), HANOI)
        if day == DOWN[1]:
            morning = morning.replace(hour=10, minute=30)  # back at 10:30 on 01/04
        if day == NIGHT_RETURN.date() + dt.timedelta(days=1):
            await tick(app, town, NIGHT_RETURN)  # back at 22:30 on 01/09, at night
            morning = morning.replace(hour=7)
        await tick(app, town, morning)
        town.set_time(dt.datetime.combine(day, dt.time(12), HANOI))
        if day.day == 5:
            await town.good_deed(12, "Lan", day)  # Tổ 12: every month on the 5th
        if day.day == 22 and day.month % 2 == 0:
            await town.good_deed(7, "Hùng", day)  # Tổ 7: on the 22nd of even months
        if day == dt.date(2026, 6, 21):
            emulator.block(PEOPLE_ID["Mai"])  # Mai blocks the bot
        if day == dt.date(2026, 11, 5):
            deadline = [m for m in town.received("Bình") if "Báo cáo năm" in m.text_plain]
            [marked] = await town.phones["Bình"].press("✅ Đã gửi báo cáo năm", deadline[-1])
            assert "không nhắc nữa" in marked.text_plain
        await tick(app, town, dt.datetime.combine(day, dt.time(22, 30), HANOI))
        async with app.db.read() as session:
            for message in await session.scalars(
                select(OutboxMessage).where(OutboxMessage.kind == "notice")
            ):
                if message.sent_at is not None and message.id not in when:
                    when[message.id] = message.sent_at.astimezone(HANOI)

    texts = {
        name: [
            m.text_plain or (m.document.filename if m.document else "") for m in town.received(name)
        ]
        for name in town.phones
    }

    # Tổ 12 did its good deed early every month: never reminded.
    assert reminder_days(texts["Lan"]) == []
    # Tổ 7: reminded on the 20th every month; on the 27th only in odd months (no deed yet).
    # March's two reminders fell while the bot was off and were dropped, not sent late.
    hung = reminder_dates(town, "Hùng")
    expected_20 = [d for d in month_days(20) if d.month != 3]
    expected_27 = [d for d in month_days(27) if d.month % 2 == 1 and d.month != 3]
    assert hung == sorted(expected_20 + expected_27)
    # Tổ 3 never did one: both reminders every month but March.
    assert reminder_dates(town, "Tâm") == sorted(
        d for d in month_days(20) + month_days(27) if d.month != 3
    )
    # Mai blocked the bot on 21/06: nothing reached her after that, and the police were told.
    assert max(reminder_dates(town, "Mai")) < dt.date(2026, 6, 21)

    # The officer: one digest per month on the 1st (April's at 10:30 when the bot came back,
    # September's the next morning at 07:00, not at 22:30), and one per phase.
    files = Counter(t for t in texts["Bình"] if t.endswith(".xlsx"))
    drafts = files.pop("TongHop_XepLoai-2026_YenHoa.xlsx")  # the yearly draft, see below
    assert all(count == 1 for count in files.values()), files
    months = sorted(re.findall(r"_(\d{2})-(\d{4})_", " ".join(files)), key=lambda m: (m[1], m[0]))
    assert months == [(f"{m:02d}", f"{y}") for y, m in month_range((2025, 12), (2026, 10))]
    assert {"TongHop_Dot1-2026_YenHoa.xlsx", "TongHop_Dot2-2026_YenHoa.xlsx"} <= set(files)
    assert drafts == 2
    blocked_notice = [t for t in texts["Bình"] if "đã chặn bot" in t]
    assert blocked_notice and "Nguyễn Văn Mai" in blocked_notice[0]

    # The yearly deadline: reminders on 01/11 and 05/11 to the officer and the leadership, then
    # none once Bình marked the report sent.
    for name in ("Bình", "Hà"):
        notices = [t for t in texts[name] if "Báo cáo năm" in t and "trước ngày" in t]
        assert len(notices) == 2, (name, notices)
    assert not any("Báo cáo năm" in t and "trước ngày" in t for t in texts["Lan"])

    # Nothing at night, nothing twice.
    night = [
        (message_id, moment)
        for message_id, moment in when.items()
        if moment.time() >= dt.time(21) or moment.time() < dt.time(7)
    ]
    assert night == []
    sent_texts: Counter[tuple[object, object]] = Counter(
        (call["chat_id"], call.get("text") or call.get("caption") or "")
        for call in emulator.calls_to("sendMessage")
    )
    assert [key for key, count in sent_texts.items() if count > 1] == []


PEOPLE_ID = {"Mai": 2003}


def month_days(day: int) -> list[dt.date]:
    return [
        dt.date(year, month, day)
        for year, month in month_range((2025, 12), (2026, 11))
        if START.date() <= dt.date(year, month, day) <= END.date()
    ]


def month_range(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    year, month = first
    found = []
    while (year, month) <= last:
        found.append((year, month))
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return found


def reminder_dates(town: Town, name: str) -> list[dt.date]:
    """The days a person was reminded, read off each reminder: "trong tháng 11/2026 … còn 11
    ngày" was sent on 20/11."""
    found = []
    for message in town.received(name):
        text = message.text_plain
        if "chưa có việc tốt" not in text:
            continue
        said = re.search(r"tháng (\d{2}/\d{4}).*còn (\d+) ngày", text)
        assert said is not None, text
        month_text, days_left = said.groups()
        month, year = (int(part) for part in month_text.split("/"))
        last = calendar.monthrange(year, month)[1]
        found.append(dt.date(year, month, last - int(days_left) + 1))
    return found
