"""Work a handler hands to the pipeline to run after its transaction: heavy, read-only, and
answered with replies of its own (a ward's summary with its files)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from handlers.replies import Reply, Say, SendFile
from handlers.summaries import PeriodError, campaign_named, parse_period, ward_package
from handlers.texts import Texts
from storage.database import Database
from storage.models import Unit


@dataclass(frozen=True)
class JobContext:
    """What a job may use: the database (its own transactions), the texts, the local time."""

    db: Database
    texts: Texts
    now: dt.datetime
    zone: ZoneInfo


Job = Callable[[JobContext, dict[str, str | int]], Awaitable[list[Reply]]]


async def ward_summary(context: JobContext, args: dict[str, str | int]) -> list[Reply]:
    """The digest and the three files of a ward for a period, as the police receive them."""
    try:
        campaign = campaign_named(str(args["campaign"]))
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


JOBS: dict[str, Job] = {"ward-summary": ward_summary}
