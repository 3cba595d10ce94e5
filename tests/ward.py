"""A ward set up in storage for tests: units, invites, and members joined through the bot."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from chat.clock import FixedClock
from emulator.phone import Phone
from storage.database import Database
from storage.invites import create_invite, revoke_invite
from storage.models import Member, Report, Unit
from storage.units import add_unit


@dataclass
class Ward:
    """Phường Yên Hòa → Tổ bảo vệ ANTT số 12 (and Tổ 7 beside it)."""

    db: Database
    clock: FixedClock
    ward_id: int
    team_id: int
    other_team_id: int

    @classmethod
    @asynccontextmanager
    async def create(cls, db: Database, clock: FixedClock) -> AsyncIterator[Ward]:
        async with db.write() as session:
            ward = await add_unit(session, "Phường Yên Hòa", "commune")
            team = await add_unit(session, "Tổ bảo vệ ANTT số 12", "team", ward, planned_size=5)
            other = await add_unit(session, "Tổ bảo vệ ANTT số 7", "team", ward)
        yield cls(db, clock, ward.id, team.id, other.id)

    async def invite(
        self, role: str = "member", uses: int = 5, days: int = 7, team_id: int | None = None
    ) -> str:
        """A fresh invite code to the team, as `antt-bot admin invite` makes."""
        async with self.db.write() as session:
            team = await session.get(Unit, team_id or self.team_id)
            assert team is not None
            issued = await create_invite(session, team, role, uses, days, self.clock.now())
        return issued.code

    async def expired_invite(self) -> str:
        """An invite that expired yesterday."""
        async with self.db.write() as session:
            team = await session.get(Unit, self.team_id)
            assert team is not None
            issued = await create_invite(
                session, team, "member", 5, 1, self.clock.now() - dt.timedelta(days=2)
            )
        return issued.code

    async def revoke(self, code: str) -> None:
        async with self.db.write() as session:
            await revoke_invite(session, code, self.clock.now())

    async def members(self) -> list[Member]:
        async with self.db.read() as session:
            return list((await session.scalars(select(Member).order_by(Member.id))).all())

    async def reports(self) -> list[Report]:
        async with self.db.read() as session:
            query = select(Report).order_by(Report.id).options(selectinload(Report.attachments))
            return list((await session.scalars(query)).all())

    async def person(
        self, phone: Phone, role: str, unit_id: int | None = None, number: str | None = None
    ) -> int:
        """Someone already on the bot with `role` in a unit (the team by default), as the
        joining conversation or the admin command line leaves them; their member id."""
        async with self.db.write() as session:
            member = Member(
                telegram_user_id=phone.user_id,
                full_name=phone.user.display_name,
                phone=number,
                role=role,
                unit_id=unit_id or self.team_id,
                consent_at=self.clock.now(),
            )
            session.add(member)
            await session.flush()
            return member.id

    async def join(
        self, phone: Phone, number: str = "0912345678", team_id: int | None = None
    ) -> None:
        """The whole joining conversation (to Tổ 12 unless told), for tests that start from a
        member."""
        code = await self.invite(team_id=team_id)
        await phone.send(f"/start {code}")
        await phone.share_contact(number, expect=2)
        await name_oneself(phone)
        await phone.press("Đồng ý")


async def name_oneself(phone: Phone) -> None:
    """Answer the joining question about one's full name: the first name offered from
    Telegram's, or, for a Telegram name of one word ("Lan"), "Nguyễn Lan" typed."""
    question = phone.last
    if question.button_labels:
        await phone.press(question.button_labels[0])
    else:
        await phone.send(f"Nguyễn {phone.user.display_name}")
