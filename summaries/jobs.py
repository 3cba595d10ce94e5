"""Work a handler hands to the pipeline to run after its transaction: heavy, read-only, and
answered with replies of its own (a ward's summary with its files)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from chat.replies import Reply, Say, SendFile
from chat.texts import Texts
from reports.campaigns import Campaign
from reports.digest import indicator_line
from reports.periods import month
from reports.summary import summarise_team
from storage.database import Database
from storage.models import Unit
from storage.units import ward_of
from summaries.packages import PeriodError, parse_period, ward_campaign, ward_package
from summaries.record_sets import load_record_set


@dataclass(frozen=True)
class JobContext:
    """What a job may use: the database (its own transactions), the texts, the local time,
    and the campaign the process was started with (a ward's own targets are read in the job)."""

    db: Database
    texts: Texts
    now: dt.datetime
    zone: ZoneInfo
    campaign: Campaign


Job = Callable[[JobContext, dict[str, str | int]], Awaitable[list[Reply]]]


async def ward_summary(context: JobContext, args: dict[str, str | int]) -> list[Reply]:
    """The digest and the three files of a ward for a period, as the police receive them."""
    campaign = context.campaign
    try:
        period = parse_period(str(args["period"]), campaign)
    except PeriodError:
        return [Say(text=context.texts("summary-unavailable"))]
    async with context.db.read() as session:
        ward = await session.get(Unit, int(args["ward_id"]))
        if ward is None:
            return [Say(text=context.texts("summary-unavailable"))]
        package = await ward_package(
            session, ward, campaign, period, context.now.date(), context.zone
        )
    digest: list[Reply] = [Say(text=part) for part in package.digest]
    files: list[Reply] = [SendFile.of(name, data) for name, data in package.files.items()]
    return [*digest, *files]


async def team_summary(context: JobContext, args: dict[str, str | int]) -> list[Reply]:
    """A team's month so far, for its leader: each target, met or not."""
    campaign = context.campaign
    today = context.now.date()
    period = month(today.year, today.month)
    async with context.db.read() as session:
        team = await session.get(Unit, int(args["team_id"]))
        if team is None:
            return [Say(text=context.texts("summary-unavailable"))]
        records = await load_record_set(session, team.id, period.start, today, context.zone)
        ward = await ward_of(session, team)
        if ward is not None:
            campaign = await ward_campaign(session, ward.id, campaign)
    # Not `as_of=today`: the leader's own month so far is a to-do list, so a month without a
    # good deed yet reads "chưa đạt" here (the ward's summaries never count it against a team).
    summary = summarise_team(records, team.id, period, campaign)
    lines: list[str] = [context.texts("team-summary-title", team=team.name, month=f"{today:%m/%Y}")]
    lines += [indicator_line(result, campaign) for result in summary.indicators]
    return [Say(text="\n".join(lines))]


JOBS: dict[str, Job] = {"ward-summary": ward_summary, "team-summary": team_summary}
