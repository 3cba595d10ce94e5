"""Broadcast a reminder to 10,000 members through the emulator, which enforces Telegram's
limits (30 messages/s overall, 1/s per chat) and answers 429 when they are broken. Prints the
sustained rate, 429s, duplicates and losses; then the same with the sender killed halfway and a
new one started (as after a crash). ANTT_BENCH_MEMBERS changes the count."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bot.backends import make_backend
from bot.pacing import Limits
from bot.sender import NoticeSender
from bot.telegram_shared import CHANNEL
from chat.replies import Say
from emulator.server import TelegramEmulator
from storage.database import Database
from storage.models import Member, Unit
from storage.outbox import Notice, enqueue_notices

TOKEN = "123456:BENCH-broadcast-token"
CONFIGURED_RATE = 25.0
LEASE_SECONDS = 5.0


@dataclass
class Outcome:
    members: int
    seconds: float
    refused: int
    duplicates: int
    lost: int
    restarted: bool

    @property
    def rate(self) -> float:
        return self.members / self.seconds

    def line(self) -> str:
        share = 100 * self.rate / CONFIGURED_RATE
        label = "killed halfway, restarted" if self.restarted else "one sender"
        return (
            f"{label:>26}: {self.members:,} messages in {self.seconds:.1f} s = "
            f"{self.rate:.2f}/s ({share:.1f}% of {CONFIGURED_RATE:g}/s configured); "
            f"429s {self.refused}, duplicates {self.duplicates}, lost {self.lost}"
        )


async def prepare(db: Database, emulator: TelegramEmulator, count: int) -> None:
    await db.migrate()
    await queue_reminders(db, emulator, count, "Tổ bảo vệ ANTT", "Thành viên")


async def queue_reminders(
    db: Database, emulator: TelegramEmulator, count: int, team_name: str, person: str
) -> None:
    """A good-deed reminder to each of `count` members of one team, queued as the scheduler
    does, and a phone for each (`<person> <n>`, Telegram ids from 100,000)."""
    async with db.write() as session:
        team = Unit(name=team_name, kind="team")
        session.add(team)
        await session.flush()
        people = [
            Member(
                telegram_user_id=100_000 + n,
                full_name=f"{person} {n}",
                role="member",
                unit_id=team.id,
            )
            for n in range(count)
        ]
        session.add_all(people)
        await session.flush()
        notices = [
            Notice(
                f"remind:bench:{member.id}",
                str(member.telegram_user_id),
                Say(text=f"📝 Nhắc việc tốt tháng này cho {member.full_name}").model_dump(
                    mode="json"
                ),
                member.id,
            )
            for member in people
        ]
        await enqueue_notices(session, CHANNEL, notices)
    for n in range(count):
        emulator.phone(user_id=100_000 + n, first_name=f"{person} {n}")


def delivered(emulator: TelegramEmulator) -> Counter[int]:
    return Counter(
        chat.chat_id for chat in emulator.state.chats.values() for _ in chat.bot_messages
    )


async def one_run(count: int, kill_halfway: bool) -> Outcome:
    with tempfile.TemporaryDirectory() as folder:
        db = Database(f"sqlite+aiosqlite:///{Path(folder) / 'broadcast.sqlite3'}")
        async with TelegramEmulator() as emulator:
            limits = emulator.enforce_flood_limits(per_second=30, chat_interval=1.0)
            await prepare(db, emulator, count)
            sender_limits = Limits(per_second=CONFIGURED_RATE, chat_interval=1.0)
            lease = dt.timedelta(seconds=LEASE_SECONDS)
            backend = make_backend("aiogram", TOKEN, emulator.base_url)
            await backend.open()
            started = time.perf_counter()
            sender = NoticeSender(db, backend.channel, sender_limits, lease=lease)
            if kill_halfway:
                sender.start()
                while sender.stats.sent < count // 2:  # noqa: ASYNC110 - polling a counter
                    await asyncio.sleep(0.05)
                await sender.kill()
                await backend.close()
                # A new process: its own client and sender; the dead one's claims lapse.
                backend = make_backend("aiogram", TOKEN, emulator.base_url)
                await backend.open()
                sender = NoticeSender(db, backend.channel, sender_limits, lease=lease)
            while sum(delivered(emulator).values()) < count:
                await sender.drain()
                if sum(delivered(emulator).values()) < count:
                    await asyncio.sleep(0.2)
            seconds = time.perf_counter() - started
            await backend.close()
            got = delivered(emulator)
            await db.dispose()
            return Outcome(
                members=count,
                seconds=seconds,
                refused=limits.refused,
                duplicates=sum(n - 1 for n in got.values() if n > 1),
                lost=count - len(got),
                restarted=kill_halfway,
            )


def main() -> None:
    count = int(os.environ.get("ANTT_BENCH_MEMBERS", "10000"))
    print(f"broadcast: {count:,} members, emulator enforcing 30/s overall and 1/s per chat")
    for kill_halfway in (False, True):
        print(asyncio.run(one_run(count, kill_halfway)).line(), flush=True)
