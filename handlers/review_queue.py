"""The reports of a ward its police review (tips, models): those waiting for a decision and
those decided, the newest sent first."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from chat import actions
from chat.replies import Button
from handlers.review_card import LIST_CODES, MODEL, TIP, WAITING_LIST, button
from handlers.turn import Turn
from reports.review import decision
from storage.models import Report, Unit
from storage.reviews import reports_of_teams
from storage.units import descendants


@dataclass(frozen=True)
class Queue:
    """A ward's reports of one kind, split by whether the police decided yet."""

    waiting: list[Report]
    decided: list[Report]


async def ward_queue(session: AsyncSession, ward: Unit, kind: str) -> Queue:
    """Every active report of `kind` from the ward's teams (closed teams included)."""
    teams = [unit.id for unit in await descendants(session, ward) if unit.kind == "team"]
    reports = await reports_of_teams(session, teams, kind)
    return Queue(
        waiting=[report for report in reports if decision(kind, report.payload) is None],
        decided=[report for report in reports if decision(kind, report.payload) is not None],
    )


async def queue_buttons(turn: Turn, ward: Unit) -> list[Button]:
    """The ward menu's way to the tips and models waiting for review, with how many wait."""
    found = []
    for kind, key in ((TIP, "reviewing-menu-tips"), (MODEL, "reviewing-menu-models")):
        waiting = len((await ward_queue(turn.session, ward, kind)).waiting)
        data = actions.ReviewList(ward.id, LIST_CODES[kind], WAITING_LIST, 0)
        found.append(button(turn.texts.label(key, count=waiting), data))
    return found
