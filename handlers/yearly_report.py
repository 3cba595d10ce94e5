"""The button under a deadline reminder: an officer says the ward's yearly report is sent, and
the reminders for that year stop."""

from __future__ import annotations

from chat import button_data
from chat.replies import Reply, Say, Toast
from handlers.access import Action, may
from handlers.turn import Turn
from storage.models import Member, Unit
from storage.schedule import mark_submitted


async def pressed(turn: Turn, member: Member, action: str) -> list[Reply]:
    """`action` is "<ward id>:<year>"; anything else, or another ward's id, is refused."""
    ward_ref, _, year_ref = action.partition(":")
    ward_id, year = button_data.identifier(ward_ref), button_data.year(year_ref)
    if ward_id is None or year is None:
        return [Toast(text=turn.texts("forged-button"))]
    ward = await turn.session.get(Unit, ward_id)
    if ward is None or not await may(turn.session, member, Action.YEARLY_REPORT, ward):
        return [Toast(text=turn.texts("yearly-report-officers-only"))]
    if not await mark_submitted(turn.session, ward.id, year, member.id, turn.now):
        return [Toast(text=turn.texts("yearly-report-already-marked", year=str(year)))]
    return [Say(text=turn.texts("yearly-report-marked", year=str(year), ward=ward.name))]
