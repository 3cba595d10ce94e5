"""A call-out to 10 teams × 5 members, through the running bot and the emulator, which enforces
Telegram's limits (30 messages/s overall, 1/s per chat) and answers 429 when they are broken.
Times from the officer's press of "🚨 Huy động ngay" to the last member's alert arriving, (a) with
nothing else to send and (b) while a 10,000-member reminder broadcast is being sent. Prints each
run, the median and the 429s; the issue's target is every member within 3 s, zero 429.
`python -m bench call-outs [runs]` (default 3); ANTT_BENCH_MEMBERS for a smaller broadcast."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from pydantic import SecretStr

from bench.broadcast import queue_reminders
from bot.app import BotApp
from config.settings import Settings
from emulator.phone import Phone
from emulator.server import TelegramEmulator
from storage.database import Database
from storage.models import Member
from storage.units import add_unit

TOKEN = "123456:BENCH-call-outs-token"
TEAMS = 10
PER_TEAM = 5
TARGET_SECONDS = 3.0
BROADCAST_SENT_FIRST = 100  # the broadcast is well under way when the officer confirms
CONFIGURED_RATE = 25.0  # the bot's default limit (ANTT_SEND_PER_SECOND)


@dataclass
class Outcome:
    seconds: float  # confirm → the last member's alert
    first: float  # confirm → the first member's alert
    refused: int  # 429s the emulator answered during the run
    duplicates: int
    lost: int
    broadcast_sent: int  # reminders delivered while the alerts went out


async def ward_with_teams(db: Database, emulator: TelegramEmulator) -> tuple[Phone, list[Phone]]:
    """Phường Yên Hòa: its officer and 10 teams of 5 members, all on the bot."""
    now = dt.datetime.now(dt.UTC)
    members: list[Phone] = []
    async with db.write() as session:
        ward = await add_unit(session, "Phường Yên Hòa", "commune")
        officer = Member(
            telegram_user_id=2001,
            full_name="Hùng",
            role="officer",
            unit_id=ward.id,
            consent_at=now,
        )
        session.add(officer)
        for t in range(TEAMS):
            team = await add_unit(session, f"Tổ bảo vệ ANTT số {t + 1}", "team", ward)
            for m in range(PER_TEAM):
                user_id = 10_000 + t * 100 + m
                session.add(
                    Member(
                        telegram_user_id=user_id,
                        full_name=f"Thành viên {t + 1}.{m + 1}",
                        role="member",
                        unit_id=team.id,
                        consent_at=now,
                    )
                )
                members.append(emulator.phone(user_id=user_id, first_name=f"TV {t + 1}.{m + 1}"))
    return emulator.phone(user_id=2001, first_name="Hùng"), members


async def queue_broadcast(db: Database, emulator: TelegramEmulator, count: int) -> None:
    """A reminder to `count` members of another ward's team, queued as the scheduler does."""
    await queue_reminders(db, emulator, count, "Tổ bảo vệ ANTT (nhắc việc)", "Người nhận")


def alerts(phone: Phone) -> int:
    return sum(1 for m in phone.messages if "HUY ĐỘNG" in m.text_plain)


async def confirm_screen(hung: Phone) -> int:
    """The officer's steps up to the confirm screen (not timed): the whole ward, ANTT."""
    await hung.send("/huydong")
    await hung.press("An ninh trật tự")
    await hung.send("Ngõ 12 Trần Duy Hưng")
    [teams] = await hung.press("Bỏ qua")
    await hung.press("🏘 Cả phường", teams, expect=0)
    deadline = time.monotonic() + 30
    while "✅ Tổ bảo vệ ANTT số 1" not in hung.message(teams.message_id).button_labels:
        if time.monotonic() > deadline:
            raise SystemExit("the whole ward was never ticked")
        await asyncio.sleep(0.01)
    [confirm] = await hung.press("Xong", teams)
    assert f"({TEAMS * PER_TEAM} người)" in confirm.text_plain, confirm.text_plain
    return confirm.message_id


async def one_run(broadcast: int, offset: float = 0.0) -> Outcome:
    """One call-out; with a broadcast, confirmed `offset` (0–1) of a batch's time after the
    broadcast's first sends."""
    with tempfile.TemporaryDirectory() as folder:
        async with TelegramEmulator(phone_timeout=30) as emulator:
            limits = emulator.enforce_flood_limits(per_second=30, chat_interval=1.0)
            settings = Settings(
                telegram_backend="aiogram",
                bot_token=SecretStr(TOKEN),
                database_url=f"sqlite+aiosqlite:///{Path(folder) / 'call_outs.sqlite3'}",
                telegram_api_url=emulator.base_url,
                poll_timeout_seconds=1,
                scheduler="off",
            )
            app = BotApp(settings)
            await app.start()
            try:
                hung, members = await ward_with_teams(app.db, emulator)
                confirm = await confirm_screen(hung)
                if broadcast:
                    await queue_broadcast(app.db, emulator, broadcast)
                    app.sender.wake()
                    while app.sender.stats.sent < BROADCAST_SENT_FIRST:  # noqa: ASYNC110
                        await asyncio.sleep(0.01)
                    # Not always at a batch's start: each run confirms at another point of it.
                    await asyncio.sleep(offset * app.sender.batch_size / CONFIGURED_RATE)
                refused_before = limits.refused
                sent_before = app.sender.stats.sent
                started = time.perf_counter()
                first = 0.0
                await hung.press("🚨 Huy động ngay", confirm, expect=0)
                while True:
                    counts = [alerts(member) for member in members]
                    if not first and any(counts):
                        first = time.perf_counter() - started
                    if all(counts):
                        break
                    if time.perf_counter() - started > 120:
                        break
                    await asyncio.sleep(0.005)
                seconds = time.perf_counter() - started
                await asyncio.sleep(1.0)  # anything sent twice would show by now
                counts = [alerts(member) for member in members]
                alerted = app.sender.stats.sent - sent_before
                return Outcome(
                    seconds=seconds,
                    first=first,
                    refused=limits.refused - refused_before,
                    duplicates=sum(n - 1 for n in counts if n > 1),
                    lost=sum(1 for n in counts if n == 0),
                    broadcast_sent=max(0, alerted - len(members)) if broadcast else 0,
                )
            finally:
                await app.stop()


def report(label: str, outcomes: list[Outcome]) -> None:
    median = statistics.median(o.seconds for o in outcomes)
    runs = ", ".join(f"{o.seconds:.2f}" for o in outcomes)
    verdict = (
        "met" if median <= TARGET_SECONDS and not any(o.refused for o in outcomes) else ("MISSED")
    )
    print(
        f"{label:>34}: last alert {median:.2f} s median (runs {runs}); first "
        f"{statistics.median(o.first for o in outcomes):.2f} s; 429s "
        f"{sum(o.refused for o in outcomes)}, duplicates {sum(o.duplicates for o in outcomes)}, "
        f"lost {sum(o.lost for o in outcomes)}; target ≤ {TARGET_SECONDS:g} s, 0 429: {verdict}",
        flush=True,
    )


def main(runs: int | None = None) -> None:
    runs = runs or 3
    count = int(os.environ.get("ANTT_BENCH_MEMBERS", "10000"))
    print(
        f"call-outs: {TEAMS} teams × {PER_TEAM} members, emulator enforcing 30/s overall and "
        f"1/s per chat; {runs} runs each",
        flush=True,
    )
    alone = [asyncio.run(one_run(0)) for _ in range(runs)]
    report("alone", alone)
    during = [asyncio.run(one_run(count, (n + 0.5) / runs)) for n in range(runs)]
    report(f"during a {count:,}-member broadcast", during)
