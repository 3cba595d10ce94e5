"""A ward for the scheduler's tests: three teams, their leaders and a member, an officer and the
ward's leadership, each with a phone in the emulator; and a clock the test moves."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from dataclasses import dataclass

from sqlalchemy import func, select

from bot.app import BotApp
from chat.clock import FixedClock
from emulator.models import BotMessage
from emulator.phone import Phone
from emulator.server import TelegramEmulator
from storage.database import Database
from storage.models import Member, OutboxMessage
from storage.reports import add_report
from storage.units import add_unit

PEOPLE = {
    # name: (telegram id, role, team number or None for the ward)
    "Lan": (2001, "leader", 12),
    "Hùng": (2002, "leader", 7),
    "Mai": (2003, "member", 7),
    "Tâm": (2004, "leader", 3),
    "Bình": (2101, "officer", None),
    "Hà": (2102, "leadership", None),
}


@dataclass
class Town:
    """Phường Yên Hòa with Tổ 12, Tổ 7 and Tổ 3."""

    db: Database
    clock: FixedClock
    ward_id: int
    teams: dict[int, int]
    members: dict[str, int]
    phones: dict[str, Phone]

    @classmethod
    async def create(cls, db: Database, emulator: TelegramEmulator, clock: FixedClock) -> Town:
        async with db.write() as session:
            ward = await add_unit(session, "Phường Yên Hòa", "commune")
            teams = {
                number: (await add_unit(session, f"Tổ bảo vệ ANTT số {number}", "team", ward)).id
                for number in (12, 7, 3)
            }
            members: dict[str, int] = {}
            for name, (user_id, role, team) in PEOPLE.items():
                member = Member(
                    telegram_user_id=user_id,
                    full_name=f"Nguyễn Văn {name}",
                    phone=f"09{user_id:08d}",
                    role=role,
                    unit_id=ward.id if team is None else teams[team],
                    consent_at=clock.now(),
                )
                session.add(member)
                await session.flush()
                members[name] = member.id
        phones = {
            name: emulator.phone(user_id=user_id, first_name=name)
            for name, (user_id, _, _) in PEOPLE.items()
        }
        return cls(db, clock, ward.id, teams, members, phones)

    def set_time(self, moment: dt.datetime) -> None:
        self.clock.moment = moment

    async def good_deed(self, team: int, author: str, day: dt.date) -> None:
        """A good deed the team logged on `day` (stored as the form would store it)."""
        async with self.db.write() as session:
            await add_report(
                session,
                kind="good_deed",
                team_id=self.teams[team],
                author_id=self.members[author],
                occurred_on=day,
                payload={"what": "Giúp cụ bà qua đường."},
                photos=[],
                source_update_id=None,
                now=self.clock.now(),
            )

    def received(self, name: str) -> list[BotMessage]:
        return self.phones[name].messages


async def pending_due(db: Database, now: dt.datetime) -> int:
    """Notices that may go out now but have not."""
    async with db.read() as session:
        found = await session.scalar(
            select(func.count())
            .select_from(OutboxMessage)
            .where(
                OutboxMessage.kind == "notice",
                OutboxMessage.status == "pending",
                (OutboxMessage.not_before.is_(None)) | (OutboxMessage.not_before <= now),
            )
        )
    return int(found or 0)


async def tick(app: BotApp, town: Town, moment: dt.datetime) -> None:
    """Move the clock, let the scheduler look, and wait until what is due has been delivered."""
    town.set_time(moment)
    assert app.scheduler is not None
    await app.scheduler.run_pass()
    await settled(app, moment)


async def settled(app: BotApp, moment: dt.datetime, seconds: float = 30.0) -> None:
    """Wait until every notice due at `moment` has been delivered (or given up)."""
    deadline = time.monotonic() + seconds
    while True:
        await app.sender.drain()
        if not app.sender.busy and not await pending_due(app.db, moment):
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"notices due at {moment} still undelivered after {seconds} s")
        await asyncio.sleep(0.02)
