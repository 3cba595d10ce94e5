"""A province's package made ward by ward from the stored counts is the package made from the
whole province's reports at once."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bench.summaries import ISSUED_ON, RATING_YEAR, ZONE, Scale, generate
from reports.digest import province_digest
from reports.month_rule import months_of
from reports.periods import started
from reports.summary import ProvinceSummary
from storage.call_outs import Dispatch, close, dispatch, record_answer, record_arrival
from storage.database import Database
from storage.models import Member, Unit
from storage.police_figures import set_figure
from storage.reports import add_report
from storage.units import add_unit
from summaries.packages import (
    campaign_named,
    parse_period,
    reach,
    render_province,
    summarise_province_by_ward,
    unit_package,
)
from summaries.record_sets import load_record_set


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


async def test_tips_of_a_month_still_running_wait_for_the_police_total_in_stored_counts(
    database_url: str,
) -> None:
    # Hải An's Đợt 2 (04/02–19/08/2025) asked on 05/03/2025: judged on February (the police
    # entered 4 tips) and March, still running (no police total yet). Tổ 1 logged tips on
    # 10/02 (a half-month Đợt 2 starts in: counted from its report), 20/02 and 03/03 (stored
    # half-months): February's two are set beside the 4, not March's.
    db = Database(database_url)
    await db.migrate()
    moment = dt.datetime(2025, 1, 20, 2, 0, tzinfo=dt.UTC)
    async with db.write() as session:
        city = await add_unit(session, "Thành phố Hải Phòng", "province")
        ward = await add_unit(session, "Phường Đằng Hải", "commune", city)
        team = await add_unit(session, "Tổ bảo vệ ANTT số 1", "team", ward, planned_size=4)
        leader = Member(
            full_name="Nguyễn Thị Ánh Dương",
            role="leader",
            unit_id=team.id,
            consent_at=moment,
            joined_at=moment,
        )
        officer = Member(
            full_name="Đặng Văn Ước", role="officer", unit_id=ward.id, consent_at=moment
        )
        session.add_all([leader, officer])
        await session.flush()
        for day in (dt.date(2025, 2, 10), dt.date(2025, 2, 20), dt.date(2025, 3, 3)):
            await add_report(
                session,
                kind="tip",
                team_id=team.id,
                author_id=leader.id,
                occurred_on=day,
                payload={"content": "Người lạ ở ngõ 12", "place": "Đường Đông Hải"},
                photos=[],
                source_update_id=None,
                now=dt.datetime.combine(day, dt.time(3, 0), dt.UTC),
            )
        await set_figure(
            session,
            ward_id=ward.id,
            campaign="hai-an-2024",
            figure="tips_total",
            first_day=dt.date(2025, 2, 1),
            last_day=dt.date(2025, 2, 28),
            value=4,
            member_id=officer.id,
            now=dt.datetime(2025, 3, 1, 2, 0, tzinfo=dt.UTC),
        )
    summaries = await ward_by_ward_and_at_once(
        db, city, "hai-an-2024", "phase:Đợt 2", dt.date(2025, 3, 5)
    )
    for summary in summaries:
        [ward_summary] = summary.wards
        tips = next(
            r for r in ward_summary.indicators if r.spec.computation == "tips_through_force"
        )
        assert (tips.numerator, tips.denominator, tips.status) == (2, 4, "not_met")
        assert [f"{whole.start:%m/%Y}" for whole in tips.readings[0].months] == ["02/2025"]
    await db.dispose()


async def test_a_live_call_out_counts_everyone_called_in_the_province_as_in_its_ward(
    database_url: str,
) -> None:
    # Hà Nội's Đợt 1 (22/12/2025–30/01/2026): on 05/01 at 23:10 the ward calls Tổ 1 (Lan,
    # Tâm) and Tổ 2 (Bình) out; Lan is there at 23:22, Tâm declines, Bình never answers. The
    # close wrote Tổ 1's record only; the city's summary read ward by ward counts 1 in time of
    # the 3 called, as the whole record set does.
    db = Database(database_url)
    await db.migrate()
    joined = dt.datetime(2025, 6, 1, 2, 0, tzinfo=dt.UTC)
    sent = dt.datetime(2026, 1, 5, 23, 10, tzinfo=ZONE)
    async with db.write() as session:
        city = await add_unit(session, "Thành phố Hà Nội", "province")
        ward = await add_unit(session, "Phường Yên Hòa", "commune", city)
        first = await add_unit(session, "Tổ bảo vệ ANTT số 1", "team", ward, planned_size=2)
        second = await add_unit(session, "Tổ bảo vệ ANTT số 2", "team", ward, planned_size=1)
        lan, tam, binh = (
            Member(
                full_name=name, role="member", unit_id=team.id, consent_at=joined, joined_at=joined
            )
            for name, team in (("Lan", first), ("Tâm", first), ("Bình", second))
        )
        officer = Member(full_name="Hùng", role="officer", unit_id=ward.id, consent_at=joined)
        session.add_all([lan, tam, binh, officer])
        await session.flush()
        chosen = Dispatch("antt", "Ngõ 12", None, None, None, (first.id, second.id))
        call_out, people = await dispatch(session, ward.id, officer, chosen, [lan, tam, binh], sent)
        arrived = sent + dt.timedelta(minutes=12)
        record_arrival(people[0], arrived)
        record_answer(people[1], "declined", "sick", sent + dt.timedelta(minutes=1))
        close(call_out, "Đã giải tán", arrived)
        await add_report(
            session,
            kind="call_out",
            team_id=first.id,
            author_id=lan.id,
            occurred_on=sent.date(),
            payload={
                "incident_kind": "antt",
                "mobilised_at": "2026-01-05T23:10",
                "arrived_at": "2026-01-05T23:22",
                "response_minutes": 12,
                "on_time": True,
                "outcome": "Đã giải tán",
                "participants": [lan.id],
                "live": True,
                "call_out_id": call_out.id,
            },
            photos=[],
            source_update_id=None,
            now=arrived,
        )
    by_ward, at_once = await ward_by_ward_and_at_once(
        db, city, "ha-noi-357", "phase:Đợt 1", dt.date(2026, 2, 2)
    )
    for summary in (by_ward, at_once):
        [ward_summary] = summary.wards
        in_time = next(r for r in ward_summary.indicators if r.spec.id == "antt-call-outs-in-time")
        assert (in_time.numerator, in_time.denominator) == (1, 3)
        assert "⏱ 1 lần huy động qua bot: có mặt 1/3 người được gọi" in "\n".join(
            province_digest(summary)
        )
    assert by_ward.indicators == at_once.indicators
    await db.dispose()


async def ward_by_ward_and_at_once(
    db: Database, city: Unit, campaign_id: str, period_text: str, today: dt.date
) -> tuple[ProvinceSummary, ProvinceSummary]:
    """The province's summary made ward by ward from the stored counts, and made at once from
    its whole record set, as of `today`."""
    campaign = campaign_named(campaign_id)
    period = parse_period(period_text, campaign)
    async with db.read() as session:
        by_ward = await summarise_province_by_ward(
            session, city.id, campaign, period, ZONE, as_of=today
        )
        first, last = reach(period, started(months_of(period, campaign), today))
        records = await load_record_set(session, city.id, first, last, ZONE, campaign.id)
    at_once = render_province(records, city.id, city.name, campaign, period, today).summary
    assert isinstance(at_once, ProvinceSummary)
    return by_ward, at_once
