"""Summaries benchmark (issue 6, "Measure"): a Hà Nội-sized year, then the figures the police ask
for, on SQLite and on PostgreSQL.

Scale (ANTT_BENCH_SCALE=1): 1 province, 126 wards, ~43 teams each (~5,400 teams), ~19,500
members, 600,000 reports over the rating year 15/11/2025–14/11/2026, a fixed seed. A smaller
scale keeps each ward the same size and has fewer wards (0.05: 6 wards, ~30,000 reports).
Reports follow the forms in config/forms/ (patrols with participants and a span, call-outs with
mobilised_at/arrived_at/response_minutes/on_time, …), with photos; each ward officer has entered
the campaign's police figures month by month. ANTT_BENCH_DATABASES=sqlite (or postgresql) runs one.

Figures, each run ANTT_BENCH_REPEATS (3) times, the median printed against its target:
- a ward's phase summary: load the records of the ward with most teams + `summarise_ward` for
  "Đợt 2" (< 0.5 s), called as summaries/packages.py calls them;
- the province roll-up: `summarise_province_by_ward` (ward by ward, from the counts stored per
  team and half-month, as `antt-bot export` does for a province), for the rating year (ratings
  included) and for "Đợt 2" (< 5 s);
- the ward's Excel and Word files from that summary (< 2 s);
- the peak resident memory (ru_maxrss) of the measuring process, a fresh one per database that
  does nothing else (< 500 MB).

Data are written with bulk inserts (SQLAlchemy Core, 10,000 rows a statement; COPY on
PostgreSQL); the SQLite file is kept under /tmp, keyed by SCALE_VERSION and the scale, so a second
run skips generation (ANTT_BENCH_FRESH=1 makes it again). PostgreSQL is rebuilt every run in
ANTT_BENCH_PG_URL (default postgresql+asyncpg://postgres@127.0.0.1:5432/antt_bench, a database
of its own: its public schema is dropped first, so never point it at one the tests use). The
figures are measured in a fresh process per database, so its peak memory is the measured work's,
not the generation's."""

from __future__ import annotations

import asyncio
import bisect
import datetime as dt
import itertools
import json
import multiprocessing
import os
import platform
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert, make_url, select, text
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from reports.campaigns import Campaign, load_campaigns
from reports.excel import ward_workbook
from reports.periods import Period, rating_year
from reports.phases import phase_named
from reports.rating_rules import load_rating_rules
from reports.summary import summarise_ward
from reports.word import ward_report
from storage.database import Database
from storage.models import Base, Member, Report, Unit
from storage.names import name_key
from storage.work_counts import rebuild
from summaries.packages import summarise_province_by_ward
from summaries.record_sets import load_record_set

SCALE_VERSION = 3  # bump when the generated data change, so a cached SQLite file is not reused
SEED = 357
WARDS = 126
TEAMS_PER_WARD = (38, 48)  # uniform: ~43 a ward, ~5,400 in the province
YEAR_REPORTS = 600_000
RATING_YEAR = 2026  # 15/11/2025–14/11/2026
CAMPAIGN = "ha-noi-357"
PHASE = "Đợt 2"
ISSUED_ON = dt.date(2026, 11, 22)
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
PG_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/antt_bench"
CHUNK = 10_000
CACHE_DIR = Path(tempfile.gettempdir())  # /tmp

TARGET_WARD_S = 0.5
TARGET_PROVINCE_S = 5.0
TARGET_FILES_S = 2.0
TARGET_MEMORY_MB = 500.0

# The mix of a year's reports (patrols and good deeds most, models and rescues rare).
KIND_WEIGHTS: dict[str, float] = {
    "patrol": 0.32,
    "good_deed": 0.22,
    "traffic": 0.12,
    "propaganda": 0.10,
    "call_out": 0.07,
    "residence": 0.06,
    "tip": 0.04,
    "weapons": 0.03,
    "reintegration": 0.02,
    "fire_rescue": 0.01,
    "model": 0.01,
}
# Share of reports of each kind sent with photos (the rest have none).
PHOTO_SHARE: dict[str, float] = {
    "good_deed": 0.6,
    "patrol": 0.15,
    "call_out": 0.3,
    "propaganda": 0.5,
    "tip": 0.2,
    "fire_rescue": 0.5,
}
DELETED_SHARE = 0.01

SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô")
MIDDLE = ("Văn", "Thị", "Đức", "Minh", "Thu", "Quang", "Hữu", "Ngọc")
GIVEN = ("Bình", "Hùng", "Lan", "Hoa", "Nam", "Tuấn", "Hà", "Dũng", "Mai", "Sơn", "Thảo", "Long")
GOOD_DEEDS = (
    "Giúp cụ bà qua đường, đưa cụ về nhà.",
    "Trả lại ví nhặt được cho người đánh rơi.",
    "Dọn cây đổ sau mưa trên ngõ, thông đường cho xe.",
    "Đưa cháu bé đi lạc về với gia đình.",
    "Hỗ trợ người dân đẩy xe chết máy qua đoạn ngập.",
)
AREAS = (
    "Ngõ 12 và ngõ 14 phố Trung Kính",
    "Khu vực chợ dân sinh",
    "Tuyến đường ven hồ",
    "Khu tập thể, các ngõ nhỏ",
    "Cổng trường tiểu học",
)
PLACES = ("Nhà văn hóa tổ dân phố", "Ngã tư gần chợ", "Đầu ngõ 35", "Sân UBND phường")
OUTCOMES = (
    "Đã bàn giao cho Công an phường xử lý.",
    "Giải tán đám đông, bảo vệ hiện trường.",
    "Hỗ trợ đưa người bị nạn đi cấp cứu.",
)
TOPICS = ("Phòng chống lừa đảo qua mạng", "An toàn PCCC trong khu dân cư", "Luật Căn cước")
TIPS = (
    "Có nhóm thanh niên lạ thường tụ tập về khuya, nghi sử dụng ma túy.",
    "Phát hiện xe máy không biển số để lâu ngày ở đầu ngõ.",
    "Người lạ đến hỏi thăm nhiều nhà, nghi lừa đảo bán hàng.",
)
INCIDENTS = ("Cháy tủ điện đầu ngõ", "Người mắc kẹt trong thang máy", "Cháy bếp nhà dân")
MODELS = ("Camera an ninh tổ dân phố", "Ngõ phố bình yên", "Tổ liên gia an toàn PCCC")


@dataclass(frozen=True)
class Scale:
    """How much to generate: `factor` of Hà Nội, keeping each ward its real size."""

    factor: float
    wards: int
    reports: int

    @classmethod
    def of(cls, factor: float) -> Scale:
        wards = max(1, round(WARDS * factor))
        return cls(factor, wards, round(YEAR_REPORTS * wards / WARDS))


@dataclass(frozen=True)
class TeamPeople:
    """A team and its members: (id, joined on, left on or None)."""

    team_id: int
    members: tuple[tuple[int, dt.date, dt.date | None], ...]


@dataclass
class Plan:
    """The generated tree: rows for `units` and `members`, each team's people."""

    units: list[dict[str, Any]] = field(default_factory=list)
    members: list[dict[str, Any]] = field(default_factory=list)
    teams: list[TeamPeople] = field(default_factory=list)
    police: list[dict[str, Any]] = field(default_factory=list)


def _utc(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """A local (Hà Nội) time as an aware UTC datetime."""
    local = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=ZONE)
    return local.astimezone(dt.UTC)


def _year() -> Period:
    return rating_year(RATING_YEAR, load_rating_rules().year_starts)


def police_figures(ward: int, officer: int, rng: random.Random) -> list[dict[str, Any]]:
    """What a ward officer enters with /solieu: every figure of the campaign for each calendar
    month of the year (a month now and then forgotten)."""
    rows: list[dict[str, Any]] = []
    population = rng.randint(20_000, 60_000)
    suspects = rng.randint(3, 20)
    first = dt.date(2025, 11, 1)
    while first < dt.date(2026, 11, 1):
        following = (first + dt.timedelta(days=32)).replace(day=1)
        if rng.random() < 0.95:
            values: dict[str, int | bool] = {
                "events_safe": rng.random() < 0.97,
                "no_serious_case": rng.random() < 0.9,
                "no_reoffending": rng.random() < 0.95,
                "weapons_suspects_total": suspects,
                "weapons_suspects_reached": suspects - rng.choice((0, 0, 0, 1)),
                "no_serious_weapons_case": rng.random() < 0.98,
                "population_records_total": population,
                "population_records_clean": population - rng.randint(0, population // 50),
            }
            for figure, value in values.items():
                rows.append(
                    {
                        "ward_id": ward,
                        "campaign": CAMPAIGN,
                        "figure": figure,
                        "first_day": first,
                        "last_day": following - dt.timedelta(days=1),
                        "value": {"value": value},
                        "entered_by": officer,
                        "entered_at": _utc(following, 9),
                    }
                )
        first = following
    return rows


def plan_tree(scale: Scale, rng: random.Random) -> Plan:
    """Province → wards → teams → members (leader, deputy, members; some joined during the year,
    a few left), and one police officer per ward, who enters the police's figures each month."""
    year = _year()
    days = (year.end - year.start).days + 1
    plan = Plan()
    created = _utc(dt.date(2023, 1, 1), 8)
    unit_ids = iter(range(1, 10**9))
    member_ids = iter(range(1, 10**9))

    def unit(kind: str, name: str, parent: int | None, planned: int | None) -> int:
        unit_id = next(unit_ids)
        plan.units.append(
            {
                "id": unit_id,
                "kind": kind,
                "name": name,
                "name_key": name_key(name),
                "parent_id": parent,
                "planned_size": planned,
                "created_at": created,
                "closed_at": None,
            }
        )
        return unit_id

    def member(unit_id: int, role: str, joined: dt.date, left: dt.date | None) -> int:
        member_id = next(member_ids)
        joined_at = _utc(joined, 9)
        name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        plan.members.append(
            {
                "id": member_id,
                "telegram_user_id": 100_000_000 + member_id,
                "full_name": name,
                "phone": f"09{member_id:08d}",
                "role": role,
                "unit_id": unit_id,
                "status": "left" if left else "active",
                "consent_at": joined_at,
                "joined_at": joined_at,
                "left_at": _utc(left, 10) if left else None,
                "left_reason": "Chuyển nơi ở" if left else None,
                "invite_id": None,
            }
        )
        return member_id

    province = unit("province", "Thành phố Hà Nội", None, None)
    for ward_number in range(1, scale.wards + 1):
        ward = unit("commune", f"Phường Số {ward_number}", province, None)
        officer = member(ward, "officer", dt.date(2024, 1, 2), None)
        plan.police.extend(police_figures(ward, officer, rng))
        for team_number in range(1, rng.randint(*TEAMS_PER_WARD) + 1):
            planned = rng.choices((3, 4, 5), (0.35, 0.45, 0.20))[0]
            team = unit("team", f"Tổ bảo vệ ANTT số {team_number}", ward, planned)
            people: list[tuple[int, dt.date, dt.date | None]] = []
            current = planned - (1 if rng.random() < 0.3 else 0)
            for index in range(current):
                if rng.random() < 0.12:  # joined during the year
                    joined = year.start + dt.timedelta(days=rng.randrange(days - 60))
                else:
                    joined = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(1000))
                role = ("leader", "deputy")[index] if index < 2 else "member"
                people.append((member(team, role, joined, None), joined, None))
            if rng.random() < 0.05:  # someone who left during the year
                joined = dt.date(2023, 6, 1) + dt.timedelta(days=rng.randrange(500))
                left = year.start + dt.timedelta(days=rng.randrange(30, days))
                people.append((member(team, "member", joined, left), joined, left))
            plan.teams.append(TeamPeople(team, tuple(people)))
    return plan


def _span(rng: random.Random, first_hour: int, last_hour: int, minutes: int) -> str:
    start = rng.randint(first_hour * 60, last_hour * 60)
    end = min(start + minutes, 23 * 60 + 59)
    return f"{start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d}"


def _payload(
    kind: str, day: dt.date, participants: list[int], rng: random.Random
) -> tuple[dict[str, Any], dt.date]:
    """A payload as the form of `kind` saves it (config/forms/*.toml), and the day it counts."""
    iso = day.isoformat()
    if kind == "good_deed":
        payload: dict[str, Any] = {
            "what": rng.choice(GOOD_DEEDS),
            "day": iso,
            "participants": participants[:2],
        }
        if rng.random() < 0.2:
            payload["beneficiary"] = "Cụ bà neo đơn trong tổ dân phố"
        return payload, day
    if kind == "patrol":
        patrol_kind = rng.choices(("antt", "atgt", "night"), (0.4, 0.2, 0.4))[0]
        hours = (20, 22) if patrol_kind == "night" else (7, 17)
        payload = {
            "patrol_kind": patrol_kind,
            "span": _span(rng, *hours, rng.choice((60, 90, 120, 180))),
            "day": iso,
            "area": rng.choice(AREAS),
            "participants": participants,
        }
        if rng.random() < 0.25:
            payload["violations"] = rng.randint(0, 4)
        return payload, day
    if kind == "call_out":
        mobilised = dt.datetime.combine(day, dt.time()) + dt.timedelta(
            minutes=rng.randrange(24 * 60)
        )
        delay = rng.randint(3, 30) if rng.random() < 0.85 else rng.randint(31, 90)
        arrived = mobilised + dt.timedelta(minutes=delay)
        incident = rng.choices(
            ("antt", "pccc", "cnch", "traffic", "propaganda"), (0.5, 0.1, 0.1, 0.15, 0.15)
        )[0]
        return {
            "incident_kind": incident,
            "mobilised_at": mobilised.strftime("%Y-%m-%dT%H:%M"),
            "arrived_at": arrived.strftime("%Y-%m-%dT%H:%M"),
            "outcome": rng.choice(OUTCOMES),
            "participants": participants,
            "response_minutes": delay,
            "on_time": delay <= 30,
        }, day
    if kind == "propaganda":
        return {
            "topic": rng.choice(TOPICS),
            "day": iso,
            "audience": rng.choice((10, 20, 35, 50, 100, 150)),
            "place": rng.choice(PLACES),
            "participants": participants,
        }, day
    if kind == "tip":
        place: dict[str, Any] = (
            {"lat": round(21.0 + rng.random() / 10, 6), "lon": round(105.8 + rng.random() / 10, 6)}
            if rng.random() < 0.5
            else {"address": rng.choice(PLACES)}
        )
        return {"content": rng.choice(TIPS), "place": place, "day": iso}, day
    if kind == "fire_rescue":
        return {
            "incident_kind": rng.choice(("pccc", "cnch")),
            "day": iso,
            "incident": rng.choice(INCIDENTS),
            "role": rng.choice(("extinguish", "evacuate", "rescue", "guard", "other")),
            "people_saved": rng.choice((0, 0, 0, 1, 2)),
            "participants": participants,
        }, day
    if kind == "traffic":
        return {
            "place": rng.choice(PLACES),
            "span": _span(rng, *rng.choice(((6, 8), (16, 18))), rng.choice((30, 60, 90, 120))),
            "day": iso,
            "participants": participants,
        }, day
    if kind == "residence":
        return {
            "day": iso,
            "households_visited": rng.randint(3, 40),
            "records_corrected": rng.choice((0, 0, 1, 2, 5)),
        }, day
    if kind == "weapons":
        return {
            "day": iso,
            "households_reached": rng.randint(5, 60),
            "items_handed_in": rng.choice((0, 0, 0, 1, 2)),
        }, day
    if kind == "reintegration":
        return {
            "person_alias": f"Đối tượng {rng.choice('ABCDEFGH')}",
            "day": iso,
            "visits": rng.choice((1, 1, 2, 3)),
            "outcome": "Đã gặp, động viên tìm việc làm ổn định.",
        }, day
    if kind == "model":
        payload = {"name": rng.choice(MODELS), "started_on": iso}
        if rng.random() < 0.5:
            payload["recognised_by"] = "UBND phường"
        return payload, day
    raise ValueError(kind)


Chunk = tuple[list[dict[str, Any]], list[dict[str, Any]]]


def report_chunks(plan: Plan, scale: Scale, rng: random.Random) -> Iterator[Chunk]:
    """The year's reports (and their photos), CHUNK at a time: busier teams file more,
    weekends a little more than weekdays, authors active on the day."""
    year = _year()
    days = [year.start + dt.timedelta(days=n) for n in range((year.end - year.start).days + 1)]
    day_weights = list(itertools.accumulate(1.3 if day.weekday() >= 5 else 1.0 for day in days))
    team_weights: list[float] = []
    total = 0.0
    for team in plan.teams:
        total += len(team.members) * rng.uniform(0.3, 1.7)
        team_weights.append(total)
    kinds = list(KIND_WEIGHTS)
    kind_weights = list(itertools.accumulate(KIND_WEIGHTS.values()))
    report_id = attachment_id = 0
    reports: list[dict[str, Any]] = []
    photos: list[dict[str, Any]] = []
    for _ in range(scale.reports):
        team = plan.teams[bisect.bisect(team_weights, rng.random() * team_weights[-1])]
        day = days[min(len(days) - 1, bisect.bisect(day_weights, rng.random() * day_weights[-1]))]
        kind = kinds[
            min(len(kinds) - 1, bisect.bisect(kind_weights, rng.random() * kind_weights[-1]))
        ]
        active = [
            m for m, joined, left in team.members if joined <= day and (not left or day < left)
        ]
        if not active:
            continue
        author = rng.choice(active)
        others = [m for m in active if m != author]
        taking_part = [author, *sorted(rng.sample(others, rng.randint(0, len(others))))]
        payload, occurred_on = _payload(kind, day, taking_part, rng)
        report_id += 1
        created = _utc(day, rng.randint(7, 22), rng.randrange(60)) + dt.timedelta(
            days=rng.choice((0, 0, 0, 1))
        )
        deleted = rng.random() < DELETED_SHARE
        reports.append(
            {
                "id": report_id,
                "kind": kind,
                "team_id": team.team_id,
                "author_id": author,
                "occurred_on": occurred_on,
                "occurred_at": None,
                "payload": payload,
                "created_at": created,
                "source_update_id": None,
                "status": "deleted" if deleted else "active",
                "updated_at": created + dt.timedelta(hours=1) if deleted else None,
            }
        )
        if rng.random() < PHOTO_SHARE.get(kind, 0.0):
            for number in range(rng.choice((1, 1, 1, 2, 3))):
                attachment_id += 1
                photos.append(
                    {
                        "id": attachment_id,
                        "report_id": report_id,
                        "kind": "photo",
                        "file_id": f"AgACAgUAAxkBAAIB{report_id:010d}{number}-bench-photo-file-id",
                    }
                )
        if len(reports) >= CHUNK:
            yield reports, photos
            reports, photos = [], []
    if reports:
        yield reports, photos


def _copy_value(value: Any) -> Any:
    """A value as COPY wants it: JSON as text, UTC datetimes naive (the columns have no zone)."""
    if isinstance(value, dict):
        return json.dumps(value)
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


async def _write_rows(
    session: AsyncSession, table_name: str, rows: Sequence[dict[str, Any]], use_copy: bool
) -> None:
    """Rows into a table: one Core executemany, or COPY on PostgreSQL."""
    if not rows:
        return
    table = Base.metadata.tables[table_name]
    if not use_copy:
        for start in range(0, len(rows), CHUNK):
            await session.execute(insert(table), list(rows[start : start + CHUNK]))
        return
    # The columns the rows give; the others take the table's defaults (`phone_typed` false).
    given = set().union(*(row.keys() for row in rows))
    columns = [column.name for column in table.columns if column.name in given]
    connection = await session.connection()
    raw = await connection.get_raw_connection()
    driver: Any = raw.driver_connection
    await driver.copy_records_to_table(
        table_name,
        records=[tuple(_copy_value(row.get(name)) for name in columns) for row in rows],
        columns=columns,
    )


@dataclass(frozen=True)
class Generated:
    """What was written and how long it took."""

    units: int
    teams: int
    members: int
    reports: int
    photos: int
    police: int
    seconds: float


async def generate(url: str, scale: Scale) -> Generated:
    """The schema (migrations), then the tree and the year's reports, in two transactions."""
    started = time.perf_counter()
    db = Database(url)
    try:
        await db.migrate()
        use_copy = not db.is_sqlite
        rng = random.Random(SEED)
        plan = plan_tree(scale, rng)
        async with db.write() as session:
            await _write_rows(session, "units", plan.units, use_copy)
            await _write_rows(session, "members", plan.members, use_copy)
            police = [{"id": number, **row} for number, row in enumerate(plan.police, 1)]
            await _write_rows(session, "police_figures", police, use_copy)
        reports = photos = 0
        async with db.write() as session:
            for chunk_reports, chunk_photos in report_chunks(plan, scale, rng):
                await _write_rows(session, "reports", chunk_reports, use_copy)
                await _write_rows(session, "attachments", chunk_photos, use_copy)
                reports += len(chunk_reports)
                photos += len(chunk_photos)
        async with db.write() as session:
            # The reports were written around storage/reports.py: count them as it would have.
            await (await session.connection()).run_sync(rebuild)
        async with db.engine.begin() as connection:
            if db.is_sqlite:
                await connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            else:
                for table in ("units", "members", "police_figures", "reports", "attachments"):
                    await connection.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                            f"(SELECT max(id) FROM {table}))"
                        )
                    )
        if not db.is_sqlite:
            # What autovacuum would have done over a year of use; SQLite is left as the product
            # leaves it (it never runs ANALYZE).
            async with db.engine.connect() as connection:
                await connection.execution_options(isolation_level="AUTOCOMMIT")
                await connection.exec_driver_sql("ANALYZE")
    finally:
        await db.dispose()
    teams = len(plan.teams)
    return Generated(
        len(plan.units),
        teams,
        len(plan.members),
        reports,
        photos,
        len(plan.police),
        time.perf_counter() - started,
    )


async def reset_postgres(url: str) -> None:
    """An empty public schema (as tests/conftest.py does)."""
    engine = create_async_engine(url)
    async with engine.begin() as connection:
        await connection.execute(text("DROP SCHEMA public CASCADE"))
        await connection.execute(text("CREATE SCHEMA public"))
    await engine.dispose()


async def postgres_answers(url: str) -> bool:
    """Whether the database answers; a missing one is created first when the server answers
    (the benchmark's database is its own, so a fresh machine needs no set-up)."""
    if await _answers(url):
        return True
    name = make_url(url).database
    server = create_async_engine(
        make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT"
    )
    try:
        async with server.connect() as connection:
            await connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception:
        return False
    finally:
        await server.dispose()
    return await _answers(url)


async def _answers(url: str) -> bool:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
        return True
    except Exception:
        return False
    finally:
        await engine.dispose()


# ---------------------------------------------------------------------------------------------
# Measuring (in a fresh process per database)


def rss_mb() -> float:
    """The process's peak resident memory so far (Linux reports kB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


@dataclass
class Measured:
    """Seconds per run of each measured part, reports counted, peak memory after each stage."""

    ward_id: int = 0
    ward_teams: int = 0
    runs: dict[str, list[float]] = field(default_factory=dict)
    reports: dict[str, int] = field(default_factory=dict)
    peak_mb: dict[str, float] = field(default_factory=dict)

    def add(self, name: str, seconds: float) -> None:
        self.runs.setdefault(name, []).append(seconds)

    def totals(self, *names: str) -> list[float]:
        """Each run's named parts added up."""
        return [sum(parts) for parts in zip(*(self.runs[n] for n in names), strict=True)]

    def median(self, *names: str) -> float:
        """The median over runs of the named parts added up run by run."""
        return float(statistics.median(self.totals(*names)))


def _campaign() -> Campaign:
    return load_campaigns()[CAMPAIGN]


async def _busiest_ward(db: Database) -> tuple[int, int, int]:
    """The province's id, and the ward with the most teams (the heaviest ward summary)."""
    async with db.read() as session:
        province_id = await session.scalar(select(Unit.id).where(Unit.kind == "province"))
        teams = func.count(Unit.id)
        busiest = (
            await session.execute(
                select(Unit.parent_id, teams)
                .where(Unit.kind == "team")
                .group_by(Unit.parent_id)
                .order_by(teams.desc(), Unit.parent_id)
                .limit(1)
            )
        ).one()
    return int(province_id or 0), int(busiest[0] or 0), int(busiest[1])


async def _measure(url: str, repeats: int, label: str) -> Measured:
    measured = Measured(peak_mb={"imports": rss_mb()})
    campaign = _campaign()
    phase = phase_named(campaign, PHASE)
    rules = load_rating_rules()
    year = rating_year(RATING_YEAR, rules.year_starts)
    db = Database(url)
    province_id, measured.ward_id, measured.ward_teams = await _busiest_ward(db)

    def say(line: str) -> None:
        print(f"  [{label}] {line}", flush=True)

    for run in range(1, repeats + 1):
        started = time.perf_counter()
        async with db.read() as session:
            records = await load_record_set(
                session, measured.ward_id, phase.start, phase.end, ZONE, campaign.id
            )
        loaded = time.perf_counter()
        summary = summarise_ward(records, measured.ward_id, phase, campaign)
        summarised = time.perf_counter()
        workbook = ward_workbook(summary, ISSUED_ON)
        excel = time.perf_counter()
        document = ward_report(summary, issued_on=ISSUED_ON)
        word = time.perf_counter()
        measured.add("ward load", loaded - started)
        measured.add("ward summarise", summarised - loaded)
        measured.add("excel", excel - summarised)
        measured.add("word", word - excel)
        measured.reports["ward"] = len(summary.scope.reports)
        say(
            f"run {run}: ward {PHASE} load {loaded - started:.3f}s + summarise "
            f"{summarised - loaded:.3f}s ({len(summary.scope.reports)} reports); files: Excel "
            f"{excel - summarised:.3f}s ({len(workbook) // 1024} KB) + Word {word - excel:.3f}s "
            f"({len(document) // 1024} KB)"
        )
        del records, summary
    measured.peak_mb["ward figures"] = rss_mb()
    for name, period in (("province phase", phase), ("province year", year)):
        for run in range(1, repeats + 1):
            started = time.perf_counter()
            async with db.read() as session:
                # The rating rules read once, not once a ward.
                province = await summarise_province_by_ward(
                    session, province_id, campaign, period, ZONE, rules
                )
            done = time.perf_counter()
            measured.add(name, done - started)
            reports = sum(ward.totals.reports for ward in province.wards)
            measured.reports[name] = reports
            say(
                f"run {run}: {name} ({period.start}–{period.end}, {len(province.wards)} wards, "
                f"{reports} reports) summarised ward by ward from the stored counts in "
                f"{done - started:.2f}s"
            )
            del province
        measured.peak_mb[name] = rss_mb()
    await db.dispose()
    return measured


def measure(url: str, repeats: int, label: str) -> Measured:
    """Entry point of the measuring process."""
    return asyncio.run(_measure(url, repeats, label))


def generate_now(url: str, scale: Scale) -> Generated:
    """Entry point of the generating process."""
    return asyncio.run(generate(url, scale))


Result = TypeVar("Result")


def in_fresh_process(function: Callable[..., Result], *arguments: Any) -> Result:
    """`function(*arguments)` in a new interpreter. Generation and measurement each get their
    own, and this one stays small: a child's maxrss starts from its parent's size at fork."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(function, *arguments).result()


# ---------------------------------------------------------------------------------------------
# Printing


def _verdict(value: float, target: float) -> str:
    return "met" if value < target else f"MISSED ({value / target:.1f}× the target)"


def _figure(
    measured: Measured, title: str, parts: tuple[str, ...], target: float, digits: int
) -> str:
    """One figure: the median, its parts' medians (when several), every run, the verdict."""
    total = measured.median(*parts)
    runs = ", ".join(f"{value:.{digits}f}" for value in measured.totals(*parts))
    split = " + ".join(f"{part.split()[-1]} {measured.median(part):.{digits}f}" for part in parts)
    return (
        f"  {title}: {total:.{digits}f}s ({split + '; ' if len(parts) > 1 else ''}runs {runs}) "
        f"target < {target:g}s: {_verdict(total, target)}"
    )


def report_figures(label: str, measured: Measured) -> list[str]:
    """The figures of one database against their targets."""
    peak = max(measured.peak_mb.values())
    stages = ", ".join(f"after {stage} {mb:.0f}" for stage, mb in measured.peak_mb.items())
    reports = measured.reports
    return [
        f"{label}: medians of {len(measured.runs['excel'])} runs",
        _figure(
            measured,
            f"ward {PHASE} summary (ward #{measured.ward_id}, {measured.ward_teams} teams, "
            f"{reports['ward']} reports)",
            ("ward load", "ward summarise"),
            TARGET_WARD_S,
            3,
        ),
        _figure(
            measured,
            f"province {PHASE} roll-up ({reports['province phase']} reports)",
            ("province phase",),
            TARGET_PROVINCE_S,
            2,
        ),
        _figure(
            measured,
            f"province rating-year roll-up with ratings ({reports['province year']} reports)",
            ("province year",),
            TARGET_PROVINCE_S,
            2,
        ),
        _figure(measured, "ward Excel + Word", ("excel", "word"), TARGET_FILES_S, 3),
        f"  peak memory (maxrss of the measuring process): {peak:.0f} MB ({stages} MB) "
        f"target < {TARGET_MEMORY_MB:.0f} MB: {_verdict(peak, TARGET_MEMORY_MB)}",
    ]


def _describe(generated: Generated) -> str:
    return (
        f"{generated.units} units ({generated.teams} teams), {generated.members} members, "
        f"{generated.reports} reports, {generated.photos} photos, {generated.police} police "
        "figures"
    )


async def _count(url: str) -> Generated:
    db = Database(url)
    async with db.read() as session:

        async def count(query: Any) -> int:
            return int(await session.scalar(query) or 0)

        units = await count(select(func.count(Unit.id)))
        teams = await count(select(func.count(Unit.id)).where(Unit.kind == "team"))
        members = await count(select(func.count(Member.id)))
        reports = await count(select(func.count(Report.id)))
        photos = await count(text("SELECT count(*) FROM attachments"))
        police = await count(text("SELECT count(*) FROM police_figures"))
    await db.dispose()
    return Generated(units, teams, members, reports, photos, police, 0.0)


def prepare_sqlite(scale: Scale) -> str:
    """The cached SQLite file for this scale, generated when missing (or ANTT_BENCH_FRESH)."""
    path = CACHE_DIR / f"antt-bench-summaries-v{SCALE_VERSION}-scale{scale.factor:g}.sqlite3"
    url = f"sqlite+aiosqlite:///{path}"
    if path.exists() and not os.environ.get("ANTT_BENCH_FRESH"):
        asyncio.run(Database(url).migrate())  # a newer schema, if any, applied in place
        generated = asyncio.run(_count(url))
        print(f"SQLite: reusing {path}, generated by an earlier run: {_describe(generated)}")
        print("  (delete it or set ANTT_BENCH_FRESH=1 to time the generation again)")
        return url
    partial = path.with_name(path.name + ".partial")
    for stale in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        stale.unlink(missing_ok=True)
    generated = in_fresh_process(generate_now, f"sqlite+aiosqlite:///{partial}", scale)
    os.replace(partial, path)
    print(
        f"SQLite: generated {_describe(generated)} in {generated.seconds:.1f}s "
        f"({generated.reports / generated.seconds:,.0f} reports/s); kept as {path}"
    )
    return url


def prepare_postgres(url: str, scale: Scale) -> bool:
    """The PostgreSQL database, emptied and generated again; False when it does not answer."""
    if not asyncio.run(postgres_answers(url)):
        print(f"PostgreSQL: {url} does not answer; skipped")
        return False
    asyncio.run(reset_postgres(url))
    generated = in_fresh_process(generate_now, url, scale)
    print(
        f"PostgreSQL: generated {_describe(generated)} in {generated.seconds:.1f}s "
        f"({generated.reports / generated.seconds:,.0f} reports/s, COPY); public schema "
        "dropped first"
    )
    return True


def main() -> None:
    factor = float(os.environ.get("ANTT_BENCH_SCALE", "1"))
    repeats = int(os.environ.get("ANTT_BENCH_REPEATS", "3"))
    wanted = os.environ.get("ANTT_BENCH_DATABASES", "sqlite,postgresql").split(",")
    pg_url = os.environ.get("ANTT_BENCH_PG_URL", PG_URL)
    scale = Scale.of(factor)
    print(
        f"summaries benchmark · {dt.date.today()} · {platform.machine()}, "
        f"{os.cpu_count()} cores · Python {platform.python_version()} · scale {factor:g}: "
        f"{scale.wards} wards, {scale.reports:,} reports in rating year {RATING_YEAR} · "
        f"campaign {CAMPAIGN}, seed {SEED}, {repeats} run{'s' if repeats != 1 else ''} each"
    )
    results: list[str] = []
    for name in wanted:
        if name == "sqlite":
            url = prepare_sqlite(scale)
            label = "SQLite"
        elif name == "postgresql":
            if not prepare_postgres(pg_url, scale):
                continue
            url, label = pg_url, "PostgreSQL"
        else:
            raise SystemExit(f"ANTT_BENCH_DATABASES: unknown {name!r} (sqlite, postgresql)")
        measured = in_fresh_process(measure, url, repeats, label)
        lines = report_figures(label, measured)
        print("\n".join(lines), flush=True)
        results.extend(lines)
    print("== summary")
    print("\n".join(results))
