"""A province's package made ward by ward from the stored counts is the package made from the
whole province's reports at once."""

from __future__ import annotations

from sqlalchemy import select

from bench.summaries import ISSUED_ON, RATING_YEAR, ZONE, Scale, generate
from handlers.record_sets import load_record_set
from handlers.summaries import (
    campaign_named,
    parse_period,
    reach,
    render_province,
    unit_package,
)
from reports.month_rule import months_of
from reports.summary import ProvinceSummary
from storage.database import Database
from storage.models import Unit


async def test_a_province_summarised_ward_by_ward_equals_one_summarised_at_once(
    database_url: str,
) -> None:
    # Three wards of the benchmark's generated year (4,000 reports).
    await generate(database_url, Scale(0.0, wards=3, reports=4_000))
    db = Database(database_url)
    campaign = campaign_named("ha-noi-357")
    # Đợt 1 (22/12–30/01) has odd days on both sides of its one whole half-month (01–14/01):
    # they are counted from their reports, the rest from the stored counts; it is judged on
    # 12/2025 and 01/2026, whose days outside it (01–21/12, 31/01) count for the months only.
    for text in ("phase:Đợt 1", "phase:Đợt 2", f"rating-year:{RATING_YEAR}", "2026-03"):
        period = parse_period(text, campaign)
        async with db.read() as session:
            city = (await session.scalars(select(Unit).where(Unit.kind == "province"))).one()
            by_ward = await unit_package(session, city, campaign, period, ISSUED_ON, ZONE)
            # the period's days and those of the whole months it is judged on
            first, last = reach(period, months_of(period, campaign))
            records = await load_record_set(session, city.id, first, last, ZONE, campaign.id)
        at_once = render_province(records, city.id, city.name, campaign, period, ISSUED_ON)
        made, expected = by_ward.summary, at_once.summary
        assert isinstance(made, ProvinceSummary) and isinstance(expected, ProvinceSummary)
        assert len(made.wards) == 3
        assert all(ward.scope.reports == () for ward in made.wards)
        assert (made.totals, made.indicators) == (expected.totals, expected.indicators)
        inside = [report for report in records.reports if period.contains(report.occurred_on)]
        assert made.totals.reports == len(inside) > 0
        assert list(made.wards) == [ward.without_reports() for ward in expected.wards]
        assert by_ward.digest == at_once.digest
        assert by_ward.files == at_once.files
    await db.dispose()
