"""`/baocao`: the ward officer picks a period and receives the digest and the files."""

from __future__ import annotations

import datetime as dt

from chat import actions, button_data
from chat.replies import Button, Later, Reply, Say, Toast
from handlers.access import Action, may
from handlers.turn import Turn
from reports.periods import rating_year_of
from reports.phases import phase_containing
from reports.rating_rules import load_rating_rules
from storage.models import Member, Unit
from summaries.packages import PeriodError, parse_period


async def choose_period(turn: Turn, member: Member) -> list[Reply]:
    """The periods an officer is likely to want, as buttons; a team leader gets the team's
    month at once."""
    ward = await turn.session.get(Unit, member.unit_id)
    if (
        ward is not None
        and ward.kind == "team"
        and await may(turn.session, member, Action.TEAM_SUMMARY, ward)
    ):
        return [Later(job="team-summary", args={"team_id": ward.id})]
    if not await may(turn.session, member, Action.SUMMARY, ward) or ward is None:
        return [Say(text=turn.texts("summary-officers-only"))]
    campaign = turn.campaign
    today = turn.today
    last_month = today.replace(day=1) - dt.timedelta(days=1)
    rows = [
        [
            Button(
                label=turn.texts.label("summary-this-month"),
                action=actions.SummaryPeriod.month(today).encode(),
            ),
            Button(
                label=turn.texts.label("summary-last-month"),
                action=actions.SummaryPeriod.month(last_month).encode(),
            ),
        ]
    ]
    phase = phase_containing(campaign, today)
    if phase is not None and phase.name:
        period = actions.SummaryPeriod.phase(phase.name)
        rows.append([Button(label=phase.name, action=period.encode())])
    # The rating year just ended (the one the yearly report is about) and the current one.
    current = rating_year_of(today, load_rating_rules().year_starts).end.year
    rows.append(
        [
            Button(
                label=turn.texts.label("summary-rating-year", year=str(year)),
                action=actions.SummaryPeriod.rating_year(year).encode(),
            )
            for year in (current - 1, current)
        ]
    )
    text = turn.texts("summary-choose", ward=ward.name, plan=campaign.name)
    return [Say(text=text, buttons=rows)]


async def period_chosen(turn: Turn, member: Member, period: str) -> list[Reply]:
    """Acknowledge at once; the summary and its files follow when they are made."""
    ward = await turn.session.get(Unit, member.unit_id)
    if not await may(turn.session, member, Action.SUMMARY, ward) or ward is None:
        return [Toast(text=turn.texts("summary-officers-only"))]
    try:
        if not button_data.period(period):
            raise PeriodError(period)
        parse_period(period, turn.campaign)
    except PeriodError:
        return [Toast(text=turn.texts("forged-button"))]
    args: dict[str, str | int] = {"ward_id": ward.id, "period": period}
    return [
        Say(text=turn.texts("summary-making")),
        Later(job="ward-summary", args=args),
    ]
