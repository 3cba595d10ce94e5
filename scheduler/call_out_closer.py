"""The clock closes a call-out nobody closed: after the ward's auto-close minutes (120 by
default) it ends with what was known then, its records written as the officer's close writes
them (storage/call_out_records.close_with_records), marked as closed automatically; the officer
who called it is told. Each call-out is locked while it closes and closes once (an open one
only), and the officer's notice has a key of its own, so a second pass or a second scheduler
repeats nothing."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession

from chat import actions
from chat.replies import Button, Say
from chat.texts import Texts
from config.quiet_hours import QuietHours
from reports.form_config import on_time_minutes
from storage.accounts import notice_to, on_bot
from storage.call_out_records import close_with_records
from storage.call_outs import KIND_LABELS, OPEN, Outcome, open_call_outs, people_of
from storage.models import CallOut, Member
from storage.outbox import ALERT, Notice
from storage.ward_settings import auto_close_minutes


class CallOutCloser:
    """Closes the call-outs whose time is up and says so to their officers."""

    def __init__(self, texts: Texts, zone: dt.tzinfo, quiet: QuietHours) -> None:
        self.texts = texts
        self.zone = zone
        self.quiet = quiet

    async def close_overdue(self, session: AsyncSession, now: dt.datetime) -> list[Notice]:
        """Close every open call-out older than its ward's minutes; the notices to send."""
        notices: list[Notice] = []
        minutes_of: dict[int, int] = {}
        for found in await open_call_outs(session):
            ward = found.ward_id
            if ward not in minutes_of:
                minutes_of[ward] = await auto_close_minutes(session, ward)
            after = dt.timedelta(minutes=minutes_of[ward])
            if found.dispatched_at + after > now:
                continue
            call_out = await session.get(CallOut, found.id, with_for_update=True)
            if call_out is None or call_out.status != OPEN:
                continue
            notices += await self._close(session, call_out, minutes_of[ward], now)
        return notices

    async def _close(
        self, session: AsyncSession, call_out: CallOut, minutes: int, now: dt.datetime
    ) -> list[Notice]:
        outcome = Outcome(str(self.texts("callout-auto-outcome", minutes=minutes)))
        closed = await close_with_records(
            session,
            call_out,
            outcome,
            now,
            self.zone,
            on_time_minutes("call_out"),
            automatically=True,
        )
        notices = await self._invitations(session, call_out, now)
        officer = await session.get(Member, call_out.dispatched_by)
        if officer is None or not on_bot(officer):
            return notices
        text = self.texts(
            "callout-auto-closed",
            time=f"{call_out.dispatched_at.astimezone(self.zone):%H:%M %d/%m}",
            kind=self.texts.label(KIND_LABELS.get(call_out.kind, "incident-antt")),
            place=call_out.place or self.texts.label("callout-location"),
            minutes=minutes,
            records=closed.records,
            arrived=closed.arrived,
            called=closed.called,
        )
        told = notice_to(
            officer,
            f"callout-auto-closed:{call_out.id}:{officer.id}",
            Say(text=text).model_dump(mode="json"),
            priority=ALERT,
        )
        return notices if told is None else [*notices, told]

    async def _invitations(
        self, session: AsyncSession, call_out: CallOut, now: dt.datetime
    ) -> list[Notice]:
        """As after the officer's close (handlers/call_out_notes.invite): everyone called who
        answered may add a note or photos to their own record; in the morning, if at night."""
        local = now.astimezone(self.zone)
        morning = self.quiet.next_morning(local) if self.quiet.covers(local) else None
        time = f"{call_out.dispatched_at.astimezone(self.zone):%H:%M}"
        add = Button(
            label=self.texts.label("callout-note-add"),
            action=actions.AddToMyRecord(call_out.id).encode(),
        )
        say = Say(text=self.texts("callout-note-invite", time=time), buttons=[[add]])
        notices: list[Notice] = []
        for person in await people_of(session, call_out.id):
            if person.answer == "none" and person.arrived_at is None:
                continue
            member = await session.get(Member, person.member_id)
            if member is None or not on_bot(member):
                continue
            invitation = notice_to(
                member,
                f"callout-note-invite:{call_out.id}:{member.id}",
                say.model_dump(mode="json"),
                morning,
            )
            if invitation is not None:
                notices.append(invitation)
        return notices
