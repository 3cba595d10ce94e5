"""`make demo`: a scripted morning played offline, printed as a chat transcript; then the clock
jumps to the next reminder day and the next 1st, and the scheduler does its work.

The emulator stands in for Telegram on 127.0.0.1; the bot is the real one (aiogram's HTTP
client, the real pipeline and an embedded SQLite file in a temporary folder)."""

from __future__ import annotations

import datetime as dt
import html
import re
import tempfile
from pathlib import Path

from pydantic import SecretStr

from bot.app import BotApp
from chat.clock import FixedClock
from cli.invites import invite_command
from cli.listing import list_command
from cli.units import add_unit_command
from config.settings import Settings
from emulator.server import TelegramEmulator
from storage.database import Database
from storage.reports import reports_of_team
from storage.units import find_unit
from summaries.packages import campaign_named, parse_period, ward_package

DEMO_TOKEN = "100000:demo-token-for-the-offline-emulator"  # noqa: S105 - the emulator accepts any
RULE = "─" * 72
TEAM = "Tổ bảo vệ ANTT số 12"
OTHER_TEAM = "Tổ bảo vệ ANTT số 7"


def say(line: str = "") -> None:
    """The demo's output is its transcript."""
    print(line)


async def play_demo() -> int:
    """Play the morning; 0 when every step got the answer it expected."""
    with tempfile.TemporaryDirectory(prefix="antt-demo-") as folder:
        async with TelegramEmulator(bot_username="antt_demo_bot") as emulator:
            settings = Settings(
                bot_token=SecretStr(DEMO_TOKEN),
                database_url=f"sqlite+aiosqlite:///{Path(folder) / 'demo.sqlite3'}",
                telegram_api_url=emulator.base_url,
                bot_username="antt_demo_bot",
                poll_timeout_seconds=1,
            )
            zone = settings.zone
            clock = FixedClock(dt.datetime.now(zone).replace(hour=8, minute=30, second=0))
            return await _morning(settings, clock, emulator)


async def _morning(settings: Settings, clock: FixedClock, emulator: TelegramEmulator) -> int:
    say(RULE)
    say("Buổi sáng ở phường Yên Hòa — trợ lý báo cáo ANTT chạy ngoại tuyến (emulator)")
    say(RULE)
    say("Cán bộ Công an phường tạo tổ và link mời bằng dòng lệnh:")
    for line in (
        await add_unit_command(settings, "Phường Yên Hòa", "commune", None, None),
        await add_unit_command(settings, TEAM, "team", "Phường Yên Hòa", 5),
    ):
        say(f"  $ antt-bot admin add-unit … → {line}")
    invite = await invite_command(settings, TEAM, "member", 5, 7)
    say(f"  $ antt-bot admin invite --unit {TEAM!r} --uses 5 --days 7")
    say("    " + invite.replace("\n", "\n    "))
    code = invite.rsplit("code: ", 1)[1].strip()
    await add_unit_command(settings, OTHER_TEAM, "team", "Phường Yên Hòa", 4)
    other_code = _code(await invite_command(settings, OTHER_TEAM, "leader", 1, 7))
    officer_code = _code(await invite_command(settings, "Phường Yên Hòa", "officer", 1, 7))

    app = BotApp(settings, clock=clock)
    await app.start()
    try:
        lan = emulator.phone(user_id=5001, first_name="Lan", last_name="Nguyễn Thị")
        hung = emulator.phone(user_id=5002, first_name="Hùng", last_name="Trần Văn")
        for phone, number, name in (
            (lan, "0912345678", "Nguyễn Thị Lan"),  # offered family name first: one tap
            (hung, "0987654321", "Trần Văn Hùng"),
        ):
            await phone.send(f"/start {code}")
            await phone.share_contact(number, expect=2)
            await phone.press(name)
            await phone.press("Đồng ý")

        await lan.press("📝 Việc tốt")
        await lan.send("Giúp cụ bà ở ngõ 12 qua đường, đưa cụ về nhà.")
        await lan.press("Hôm nay")
        await lan.press("Xong")
        await lan.send_photo()
        await lan.press("✅ Gửi báo cáo")

        await hung.press("📝 Việc tốt")
        await hung.send("Nhặt được chiếc ví ở chợ,")
        await hung.press("Ngày khác")
        await hung.send("32/11")
        await hung.send("/huy")
        await hung.press("📝 Việc tốt")
        await hung.send("Nhặt được ví ở chợ Trung Hòa, đã trả lại người đánh rơi.")
        await hung.press("Hôm qua")
        await hung.press("Xong")
        await hung.press("Bỏ qua")
        await hung.press("✅ Gửi báo cáo")
        await lan.send("/baocaocuatoi")

        minh = emulator.phone(user_id=5003, first_name="Minh", last_name="Lê Văn")
        officer = emulator.phone(user_id=5101, first_name="Hà", last_name="Trung úy")
        await minh.send(f"/start {other_code}")
        await minh.share_contact("0911111111", expect=2)
        await minh.press("Lê Văn Minh")
        await minh.press("Đồng ý")
        await officer.send(f"/start {officer_code}")
        await officer.share_contact("0900000001", expect=2)
        await officer.send("Đỗ Thu Hà")  # her rank is in her Telegram name: she types her own
        await officer.press("Đồng ý")
        delivered = await _days_later(app, clock)
    finally:
        await app.stop()

    for phone in (lan, hung, minh, officer):
        say()
        say(RULE)
        say(f"Cuộc trò chuyện của {phone.user.display_name}")
        say(RULE)
        say(emulator.format_transcript(chat_id=phone.user_id))
    if delivered < 5:  # Minh's reminder, the officer's digest and its three files
        say(f"the scheduler delivered {delivered} messages; expected at least 5")
        return 1
    return await _closing(settings)


def _code(invite: str) -> str:
    return invite.rsplit("code: ", 1)[1].strip()


async def _days_later(app: BotApp, clock: FixedClock) -> int:
    """Move the clock to the next good-deed reminder and the next 1st of the month: the
    scheduler reminds Tổ 7 (no good deed yet) and sends the officer last month's digest."""
    say()
    today = clock.now()
    first = (today.replace(day=28) + dt.timedelta(days=4)).replace(day=1, hour=8, minute=0)
    reminder = min(
        moment
        for month_start in (today, first)
        for moment in (month_start.replace(day=day, hour=8, minute=0) for day in (20, 27))
        if moment > today
    )
    delivered = 0
    assert app.scheduler is not None
    for moment in sorted({reminder, first}):
        clock.moment = moment
        # Counted from before the pass: the sender's background loop, woken by what the pass
        # queued, may send some of it before `drain()` is called.
        before = app.sender.stats.sent
        await app.scheduler.run_pass()
        await app.sender.drain()
        sent = app.sender.stats.sent - before
        delivered += sent
        say(f"⏰ {moment:%d/%m/%Y %H:%M}: bộ lập lịch gửi {sent} tin nhắn (nhắc việc, tổng hợp).")
    return delivered


async def _closing(settings: Settings) -> int:
    db = Database(settings.database_url)
    try:
        async with db.read() as session:
            team = await find_unit(session, TEAM)
            reports = await reports_of_team(session, team.id)
    finally:
        await db.dispose()
    say()
    say(RULE)
    say("Báo cáo của Tổ bảo vệ ANTT số 12")
    say(RULE)
    for report in reports:
        photos = f" · {len(report.attachments)} ảnh" if report.attachments else ""
        day = f"{report.occurred_on:%d/%m/%Y}"
        say(f"#{report.id} · {day} · Việc tốt: {report.payload['what']}{photos}")
    say()
    say("$ antt-bot admin list")
    say(await list_command(settings))
    say()
    return await _digest(settings, len(reports))


async def _digest(settings: Settings, reports: int) -> int:
    """The month's summary the ward police would receive, with its files."""
    today = dt.datetime.now(settings.zone).date()
    campaign = campaign_named("yen-hoa-179")
    period = parse_period(f"{today:%Y-%m}", campaign)
    say(f"$ antt-bot export --unit 'Phường Yên Hòa' --campaign yen-hoa-179 --period {today:%Y-%m}")
    db = Database(settings.database_url)
    try:
        async with db.read() as session:
            ward = await find_unit(session, "Phường Yên Hòa")
            package = await ward_package(session, ward, campaign, period, today, settings.zone)
    finally:
        await db.dispose()
    for message in package.digest:
        say(html.unescape(re.sub(r"<[^>]+>", "", message)))
    for name, data in package.files.items():
        say(f"  {name}: {len(data):,} bytes")
    return 0 if reports == 2 and len(package.files) == 3 else 1
