"""The stored units, members and reports of one unit's subtree, as the pure `reports/` package
reads them. The bridge between storage and the summaries (neither imports the other)."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal
from zoneinfo import ZoneInfo

from sqlalchemy import (
    BindParameter,
    Select,
    String,
    bindparam,
    case,
    distinct,
    func,
    literal,
    select,
    type_coerce,
)
from sqlalchemy.ext.asyncio import AsyncSession

from reports.commendation import EVIDENCE_PER_CANDIDATE, EvidenceWanted, cites
from reports.periods import Period, majority_months
from reports.records import (
    PATROL_KINDS,
    REPORT_KINDS,
    CalledPerson,
    MemberRecord,
    PoliceFigures,
    RecordSet,
    ReportRecord,
    UnitRecord,
)
from reports.scope import Scope, units_under
from reports.unit_tree import UnitTree
from reports.work import (
    KIND_FIGURE,
    MONTHLY_KINDS,
    TEAM_FIGURES,
    Activity,
    MemberActivity,
    MemberWork,
    TeamActivity,
    TeamWork,
    half_month_end,
    whole_half_months,
    window_finder,
)
from storage.call_outs import CLOSED
from storage.models import (
    MEMBER_HALF_MONTHS,
    TEAM_HALF_MONTHS,
    CallOut,
    CallOutPerson,
    Member,
    Report,
    Unit,
)
from storage.plain_rows import collector_paused, stored_day
from storage.police_figures import figures_between
from storage.report_rows import photo_count, report_columns, report_records


async def load_record_set(
    session: AsyncSession,
    unit_id: int,
    first_day: dt.date,
    last_day: dt.date,
    zone: ZoneInfo,
    campaign: str | None = None,
) -> RecordSet:
    """Every unit (the tree is small), the members and the active reports under `unit_id`
    that happened between the two days, and the police's figures for the campaign."""
    tree = UnitTree(await _units(session))
    below = tree.ids_below(unit_id)
    members = await _members(session, below, zone)
    police = await _police(session, below, campaign, first_day, last_day)
    reports = await _reports(session, below, first_day, last_day, zone)
    called = await _called(session, below, first_day, last_day, zone)
    return RecordSet(tree.units, members, reports, police, called)


@dataclass(frozen=True)
class CountedWard:
    """A ward's records without its reports (units, members, police figures) and its scope
    over the period, counted from the stored half-month counts."""

    ward: UnitRecord
    records: RecordSet
    scope: Scope


async def counted_wards(
    session: AsyncSession,
    unit_id: int,
    period: Period,
    zone: ZoneInfo,
    campaign: str | None,
    months: tuple[Period, ...] | None = None,
    as_of: dt.date | None = None,
) -> AsyncIterator[CountedWard]:
    """Each commune/ward under `unit_id` (in name order), counted from storage: the half-months
    lying wholly in the period and in the whole `months` it is judged on (begun by `as_of`;
    reports/month_rule.py) from their stored counts, the days around them from their reports,
    and the call-outs one by one. What a province's summary reads instead of every report; its
    figures are those the ward's own reports give (tests/test_province_by_ward.py). Units,
    members, figures and call-outs are read once, for every ward at a time."""
    judged = majority_months(period) if months is None else months
    reach = Period(
        period.kind,
        min([period.start, *(whole.start for whole in judged)]),
        max([period.end, *(whole.end for whole in judged)]),
    )
    tree = UnitTree(await _units(session))
    below = tree.ids_below(unit_id)
    members: dict[int, list[MemberRecord]] = {}
    for member in await _members(session, below, zone):
        members.setdefault(member.unit_id, []).append(member)
    police: dict[int, list[PoliceFigures]] = {}
    for entry in await _police(session, below, campaign, reach.start, reach.end):
        police.setdefault(entry.ward_id, []).append(entry)
    call_outs: dict[int, list[ReportRecord]] = {}
    for report in await _reports(
        session, below, period.start, period.end, zone, kinds=("call_out",)
    ):
        call_outs.setdefault(report.team_id, []).append(report)
    called: dict[int, list[CalledPerson]] = {}
    for person in await _called(session, below, period.start, period.end, zone):
        called.setdefault(person.team_id, []).append(person)
    halves = _stored_halves(period, reach)
    for ward in tree.under(unit_id, "commune"):
        ward_below = tree.ids_below(ward.id)
        records = RecordSet(
            units=tree.family(ward.id),
            members=tuple(
                sorted(
                    (member for unit in ward_below for member in members.get(unit, ())),
                    key=lambda member: member.id,
                )
            ),
            police=tuple(
                entry for ward_id in sorted(ward_below) for entry in police.get(ward_id, ())
            ),
        )
        teams = units_under(records, ward.id, "team")
        team_ids = {team.id for team in teams}
        with collector_paused():
            activity = await _activity(session, team_ids, period, judged, reach, halves, zone)
        scope = Scope(
            period,
            teams,
            tuple(member for member in records.members if member.unit_id in team_ids),
            (),
            activity,
            tuple(
                sorted(
                    (report for team in teams for report in call_outs.pop(team.id, ())),
                    key=lambda report: (report.occurred_on, report.id),
                )
            ),
            months,
            as_of,
            called=tuple(person for team in teams for person in called.pop(team.id, ())),
        )
        yield CountedWard(ward, records, scope)


async def _activity(
    session: AsyncSession,
    team_ids: set[int],
    period: Period,
    months: tuple[Period, ...],
    reach: Period,
    halves: tuple[dt.date, ...],
    zone: ZoneInfo,
) -> Activity:
    """The teams' activity over the period and its months: added up from the stored counts for
    the whole half-months, counted from the reports for the days before and after them."""
    activity = Activity(period, {}, months)
    if halves:
        activity = await _stored_activity(session, team_ids, period, months, halves)
    for start, end in _gaps(reach, halves):
        reports = await _reports(session, team_ids, start, end, zone)
        activity = activity + Activity.of_reports(period, reports, months)
    return activity


def _stored_halves(period: Period, reach: Period) -> tuple[dt.date, ...]:
    """The whole half-months of the reach whose stored counts can be used: those inside the
    period, and those wholly outside it (they count for the months only); a half-month the
    period starts or ends in is counted from its reports."""
    return tuple(
        half
        for half in whole_half_months(reach)
        if (period.start <= half and half_month_end(half) <= period.end)
        or half_month_end(half) < period.start
        or half > period.end
    )


def _gaps(reach: Period, halves: tuple[dt.date, ...]) -> list[tuple[dt.date, dt.date]]:
    """The stretches of the reach no stored half-month covers (counted from their reports)."""
    found: list[tuple[dt.date, dt.date]] = []
    cursor = reach.start
    for half in halves:
        if cursor < half:
            found.append((cursor, half - dt.timedelta(days=1)))
        cursor = half_month_end(half) + dt.timedelta(days=1)
    if cursor <= reach.end:
        found.append((cursor, reach.end))
    return found


MAX_STORED_MONTHS = 30  # a month is a bit of an integer the database adds up


async def _stored_activity(
    session: AsyncSession,
    team_ids: set[int],
    period: Period,
    months: tuple[Period, ...],
    halves: tuple[dt.date, ...],
) -> Activity:
    """The stored counts of the half-months, added up by the database: per team its figures
    (of the half-months inside the period), per kind the months with one (a bit per month,
    summed once each) and the tips of each month (a column per month); per member the same,
    and the patrol kinds they took part in. A row per team and member comes back, not one per
    half-month."""
    if len(months) > MAX_STORED_MONTHS:
        raise ValueError(f"a period of more than {MAX_STORED_MONTHS} months: {period}")
    window_of = window_finder(months)
    bits: list[tuple[dt.date, int, int]] = []
    for half in halves:
        window = window_of(half)
        # a whole half-month of the reach lies in the period, in one of its months, or both
        inside = int(period.start <= half and half_month_end(half) <= period.end)
        bits.append((half, 0 if window is None else 1 << window, inside))
    team_query, member_query = _stored_queries(tuple(bits))
    values = {"teams": sorted(team_ids), "first": halves[0], "last": halves[-1]}
    connection = await session.connection()  # Core rows: no ORM row handling
    kinds, patrol_kinds = len(REPORT_KINDS), len(PATROL_KINDS)
    members: dict[int, dict[int, MemberActivity]] = {}
    for row in await connection.execute(member_query, values):
        patrols = row[2 + kinds : 2 + kinds + patrol_kinds]
        members.setdefault(row[0], {})[row[1]] = MemberActivity(
            MemberWork(
                tuple(int(count) for count in row[2 : 2 + kinds]),
                frozenset(kind for kind, seen in zip(PATROL_KINDS, patrols, strict=True) if seen),
            ),
            _months(int(row[-1])),
        )
    teams: dict[int, TeamActivity] = {}
    figures, tip_months = len(TEAM_FIGURES), _tip_months(tuple(bits))
    for row in await connection.execute(team_query, values):
        masks = row[1 + figures : 1 + figures + len(MONTHLY_KINDS)]
        tips = row[1 + figures + len(MONTHLY_KINDS) :]
        teams[row[0]] = TeamActivity(
            TeamWork(*(int(value) for value in row[1 : 1 + figures])),
            {
                kind: _months(int(mask))
                for kind, mask in zip(MONTHLY_KINDS, masks, strict=True)
                if mask
            },
            members.get(row[0], {}),
            {window: int(count) for window, count in zip(tip_months, tips, strict=True) if count},
        )
    return Activity(period, teams, months)


@lru_cache(maxsize=16)
def _stored_queries(
    bits: tuple[tuple[dt.date, int, int], ...],
) -> tuple[Select[Any], Select[Any]]:
    """The two statements `_stored_activity` runs for the half-months with these month bits
    and inside flags (1 when the half-month lies in the period, whose counts it adds to; 0 when
    it counts for its month only), made once: the teams and the first and last half-month are
    bound."""
    teams: BindParameter[int] = bindparam("teams", expanding=True)
    month_bit = {half: bit for half, bit, _ in bits}
    # Of the listed half-months, those inside the period and those of each month that has some
    # (whose tips it counts) are each a run of consecutive ones: a test of the first and last
    # is one comparison a row where a CASE over every half-month was one per listed half-month
    # and column (the rating year's roll-up spent most of its time there).
    listed = [half for half, _, _ in bits]
    inside = _between([half for half, _, flag in bits if flag], listed)
    in_month = {
        window: _between([half for half, bit, _ in bits if bit == 1 << window], listed)
        for window in _tip_months(bits)
    }
    team_half, member_half = TEAM_HALF_MONTHS.c, MEMBER_HALF_MONTHS.c
    team = (
        select(
            team_half.team_id,
            *(inside(team_half[name], team_half.starts_on) for name in TEAM_FIGURES),
            *(team_half[KIND_FIGURE[kind]].label(f"months_{kind}") for kind in MONTHLY_KINDS),
            *(
                halves(team_half.tips, team_half.starts_on).label(f"tips_{window}")
                for window, halves in in_month.items()
            ),
            case(month_bit, value=team_half.starts_on, else_=0).label("bit"),
        )
        .where(
            team_half.team_id.in_(teams),
            team_half.starts_on.between(bindparam("first"), bindparam("last")),
            team_half.starts_on.in_(listed),
        )
        .subquery()
    )
    member = (
        select(
            member_half.team_id,
            member_half.member_id,
            *(inside(member_half[kind], member_half.starts_on) for kind in REPORT_KINDS),
            inside(member_half.patrol_kinds, member_half.starts_on).label("patrol_kinds"),
            case(month_bit, value=member_half.starts_on, else_=0).label("bit"),
        )
        .where(
            member_half.team_id.in_(teams),
            member_half.starts_on.between(bindparam("first"), bindparam("last")),
            member_half.starts_on.in_(listed),
        )
        .subquery()
    )
    figures = list(team.c)[1 : 1 + len(TEAM_FIGURES)]
    team_query = (
        select(
            team.c.team_id,
            *(func.sum(column) for column in figures),
            *(
                func.sum(distinct(case((team.c[f"months_{kind}"] > 0, team.c.bit), else_=0)))
                for kind in MONTHLY_KINDS
            ),
            *(func.sum(team.c[f"tips_{window}"]) for window in in_month),
        )
        .group_by(team.c.team_id)
        .order_by(team.c.team_id)
    )
    member_query = (
        select(
            member.c.team_id,
            member.c.member_id,
            *(func.sum(column) for column in list(member.c)[2 : 2 + len(REPORT_KINDS)]),
            *(
                func.max(member.c.patrol_kinds.bitwise_and(1 << bit))
                for bit in range(len(PATROL_KINDS))
            ),
            func.sum(distinct(member.c.bit)),
        )
        .group_by(member.c.team_id, member.c.member_id)
        .order_by(member.c.team_id, member.c.member_id)
    )
    return team_query, member_query


def _between(halves: list[dt.date], listed: list[dt.date]) -> Callable[[Any, Any], Any]:
    """A stored count as it is added up for these half-months: itself on a listed half-month
    from the first of them to the last (they are consecutive among the listed ones), else 0.
    Always 0 when there are none; the count itself when they are all the listed ones (a
    rating year's whole half-months all lie in it)."""
    if not halves:
        return lambda count, starts_on: literal(0)
    if halves == listed:
        return lambda count, starts_on: count
    first, last = halves[0], halves[-1]
    return lambda count, starts_on: count * case((starts_on.between(first, last), 1), else_=0)


def _tip_months(bits: tuple[tuple[dt.date, int, int], ...]) -> tuple[int, ...]:
    """The months (by position) with a stored half-month: the team statement ends with the
    tips of each, in this order."""
    return tuple(sorted({bit.bit_length() - 1 for _, bit, _ in bits if bit}))


@lru_cache(maxsize=8192)
def _months(mask: int) -> frozenset[int]:
    """The months whose bits are set."""
    return frozenset(window for window in range(mask.bit_length()) if mask >> window & 1)


async def evidence_for(
    session: AsyncSession,
    wanted: EvidenceWanted,
    period: Period,
    zone: ZoneInfo,
    enough: int = EVIDENCE_PER_CANDIDATE,
) -> tuple[ReportRecord, ...]:
    """The reports that may be cited for a candidate, weightiest kind first and latest first
    within a kind, until `enough` are found (a member's: those they took part in). Each kind is
    read newest first along the (team, kind, day) index, a page at a time."""
    found: list[ReportRecord] = []
    page = enough if wanted.member_id is None else 4 * enough
    for kind in wanted.kinds:
        offset = 0
        while len(found) < enough:
            batch = await _reports(
                session,
                {wanted.team_id},
                period.start,
                period.end,
                zone,
                kinds=(kind,),
                order="newest",
                page=(page, offset),
                with_photos=False,
            )
            found.extend(report for report in batch if cites(wanted, report))
            if len(batch) < page:
                break
            offset += page
        if len(found) >= enough:
            break
    return tuple(found[:enough])


async def report_rows(
    session: AsyncSession, unit_id: int, first_day: dt.date, last_day: dt.date
) -> list[tuple[int, str, str, str, dt.date, int]]:
    """Every active report under the unit between the two days, as (number, kind, ward's
    name, team's name, day, photos), by number: a listing, nothing a summary needs. Two wards
    may each have a "Tổ bảo vệ ANTT số 1": the ward tells them apart."""
    tree = UnitTree(await _units(session))
    teams = {unit.id: unit.name for unit in tree.units if unit.kind == "team"}
    ward_of = {
        team_id: ward.name
        for ward in tree.under(unit_id, "commune")
        for team_id in tree.ids_below(ward.id)
    }
    below = [unit_id for unit_id in tree.ids_below(unit_id) if unit_id in teams]
    rows = await session.execute(
        select(
            Report.id,
            Report.kind,
            Report.team_id,
            type_coerce(Report.occurred_on, String),
            photo_count(),
        )
        .where(
            Report.team_id.in_(below),
            Report.status == "active",
            Report.occurred_on.between(first_day, last_day),
        )
        .order_by(Report.id)
    )
    return [
        (number, kind, ward_of.get(team_id, ""), teams[team_id], stored_day(day), int(count))
        for number, kind, team_id, day, count in rows
    ]


async def unit_record(session: AsyncSession, unit_id: int) -> UnitRecord:
    """One unit as the summaries read it (NoResultFound when there is none)."""
    row = (
        await session.execute(
            select(Unit.id, Unit.kind, Unit.name, Unit.parent_id, Unit.planned_size).where(
                Unit.id == unit_id
            )
        )
    ).one()
    return UnitRecord(*row)


async def _units(session: AsyncSession) -> tuple[UnitRecord, ...]:
    rows = await session.execute(
        select(Unit.id, Unit.kind, Unit.name, Unit.parent_id, Unit.planned_size).order_by(Unit.id)
    )
    return tuple(UnitRecord(*row) for row in rows)


async def _members(
    session: AsyncSession, below: set[int], zone: ZoneInfo
) -> tuple[MemberRecord, ...]:
    rows = await session.execute(
        select(
            Member.id,
            Member.unit_id,
            Member.full_name,
            Member.role,
            Member.joined_at,
            Member.left_at,
        )
        .where(Member.unit_id.in_(below))
        .order_by(Member.id)
    )
    return tuple(
        MemberRecord(
            id=member_id,
            unit_id=unit_id,
            full_name=full_name,
            role=role,
            joined_on=joined_at.astimezone(zone).date(),
            left_on=left_at.astimezone(zone).date() if left_at else None,
        )
        for member_id, unit_id, full_name, role, joined_at, left_at in rows
    )


async def _police(
    session: AsyncSession,
    below: set[int],
    campaign: str | None,
    first_day: dt.date,
    last_day: dt.date,
) -> tuple[PoliceFigures, ...]:
    """Every ward's figures under the unit: a province's roll-up reads each ward's own."""
    if campaign is None:
        return ()
    entries = await figures_between(session, below, campaign, first_day, last_day)
    stretches: dict[tuple[int, dt.date, dt.date], dict[str, int | bool]] = {}
    for entry in entries:
        stretch = stretches.setdefault((entry.ward_id, entry.first_day, entry.last_day), {})
        stretch[entry.figure] = entry.value["value"]
    return tuple(
        PoliceFigures(ward_id, start, end, values)
        for (ward_id, start, end), values in sorted(stretches.items())
    )


async def _called(
    session: AsyncSession,
    below: set[int],
    first_day: dt.date,
    last_day: dt.date,
    zone: ZoneInfo,
) -> tuple[CalledPerson, ...]:
    """Everyone of the teams below called out live from the bot between the two days (by the
    dispatch's local day), in closed call-outs: those of a team nobody of which came have no
    report, only these rows. Times are local, as a report's answers."""
    start = dt.datetime.combine(first_day, dt.time(), zone)
    end = dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time(), zone)
    rows = await session.execute(
        select(
            CallOutPerson.call_out_id,
            CallOutPerson.team_id,
            CallOutPerson.member_id,
            CallOut.kind,
            CallOut.dispatched_at,
            CallOutPerson.answer,
            CallOutPerson.arrived_at,
        )
        .join(CallOut, CallOut.id == CallOutPerson.call_out_id)
        .where(
            CallOutPerson.team_id.in_(sorted(below)),
            CallOut.status == CLOSED,
            CallOut.dispatched_at >= start,
            CallOut.dispatched_at < end,
        )
        .order_by(CallOut.dispatched_at, CallOutPerson.id)
    )

    def local(moment: dt.datetime) -> dt.datetime:
        return moment.astimezone(zone).replace(tzinfo=None)

    return tuple(
        CalledPerson(
            call_out_id,
            team_id,
            member_id,
            kind,
            local(dispatched_at),
            answer,
            None if arrived_at is None else local(arrived_at),
        )
        for call_out_id, team_id, member_id, kind, dispatched_at, answer, arrived_at in rows
    )


ReportOrder = Literal["number", "newest"]


async def _reports(
    session: AsyncSession,
    below: set[int],
    first_day: dt.date,
    last_day: dt.date,
    zone: ZoneInfo,
    *,
    kinds: tuple[str, ...] | None = None,
    order: ReportOrder = "number",
    page: tuple[int, int] | None = None,
    with_photos: bool = True,
) -> tuple[ReportRecord, ...]:
    """The active reports of the teams below (of `kinds`, if given), by number or newest first,
    a (limit, offset) page of them if asked, as plain columns: building ORM objects for a
    province's year (600,000 reports) cost several times the query. Their photos are counted
    unless not needed (`with_photos`)."""
    query = _report_query(kinds, order, with_photos, page is not None)
    values: dict[str, object] = {"teams": sorted(below), "first": first_day, "last": last_day}
    if page is not None:
        values["limit"], values["offset"] = page
    connection = await session.connection()  # Core rows: the ORM's row handling is not needed
    with collector_paused():
        return tuple(report_records((await connection.execute(query, values)).all(), zone))


@lru_cache(maxsize=32)
def _report_query(
    kinds: tuple[str, ...] | None, order: ReportOrder, with_photos: bool, paged: bool
) -> Select[Any]:
    """The statement `_reports` runs, made once per shape (a province's summary runs it over a
    thousand times): the teams, the days and the page are bound when it runs."""
    query = select(*report_columns(with_photos=with_photos)).where(
        Report.team_id.in_(bindparam("teams", expanding=True)),
        Report.status == "active",
        Report.occurred_on.between(bindparam("first"), bindparam("last")),
    )
    if kinds is not None:
        query = query.where(Report.kind.in_(kinds))
    if order == "number":
        query = query.order_by(Report.id)
    else:
        query = query.order_by(Report.occurred_on.desc(), Report.id)
    if paged:
        query = query.limit(bindparam("limit")).offset(bindparam("offset"))
    return query
