"""The button under a deadline reminder: an officer says the ward's yearly report is sent, and
the reminders for that year stop."""

from __future__ import annotations

from chat.actions import YearlyReportSent
from chat.replies import Reply, Say, Toast
from handlers.access import Action, may
from handlers.turn import Turn
from storage.models import Member, Unit
from storage.schedule import mark_submitted


async def pressed(turn: Turn, member: Member, press: YearlyReportSent) -> list[Reply]:
    """Marked for a ward the member may mark it for; another ward's id is refused."""
    year = press.year
    ward = await turn.session.get(Unit, press.ward)
    if ward is None or not await may(turn.session, member, Action.YEARLY_REPORT, ward):
        return [Toast(text=turn.texts("yearly-report-officers-only"))]
    if not await mark_submitted(turn.session, ward.id, year, member.id, turn.now):
        return [Toast(text=turn.texts("yearly-report-already-marked", year=str(year)))]
    return [Say(text=turn.texts("yearly-report-marked", year=str(year), ward=ward.name))]
