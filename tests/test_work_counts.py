"""The per-team, per-half-month counts a province's summary reads stay exactly what counting the
active reports gives: after every save, correction (of the day, the photos, who took part) and
deletion, after reports saved at the same moment, after the upgrade that made the tables, and
after `antt-bot admin recount-work`."""

from __future__ import annotations

import asyncio
import datetime as dt
import random
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import column, insert, inspect, select, table, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload
from typer.testing import CliRunner

from cli.app import app
from emulator.server import TelegramEmulator
from reports.records import PATROL_KINDS, REPORT_KINDS, ReportRecord
from reports.work import (
    TEAM_FIGURES,
    MemberCounts,
    MemberWork,
    TeamCounts,
    TeamWork,
    count_reports,
    half_month_of,
)
from storage.database import Database
from storage.models import (
    Attachment,
    MemberHalfMonth,
    Report,
    TeamHalfMonth,
    Unit,
    utcnow,
)
from storage.reports import add_report, change_report, delete_report, report_by_id
from storage.units import add_unit
from storage.utc import UTCDateTime
from storage.work_counts import (
    MEMBER_COLUMNS,
    TEAM_COLUMNS,
    member_work_of,
    patrol_kinds_of,
    patrol_mask,
    recount,
    team_work_of,
)
from tests.ward import Ward

NOVEMBER_FIRST_HALF = dt.date(2026, 11, 1)
NOVEMBER_SECOND_HALF = dt.date(2026, 11, 15)
DECEMBER_FIRST_HALF = dt.date(2026, 12, 1)

Counts = tuple[TeamCounts[dt.date], MemberCounts[dt.date]]


# --- reading the counts back, and counting the reports afresh ------------------------------


async def stored_counts(db: Database) -> Counts:
    """Every row of both tables, read as a summary reads them."""
    async with db.read() as session:
        connection = await session.connection()
        teams = {
            (row[0], row[1]): team_work_of(row)
            for row in await connection.execute(select(*TEAM_COLUMNS))
        }
        members = {
            (row[0], row[1], row[2]): member_work_of(row)
            for row in await connection.execute(select(*MEMBER_COLUMNS))
        }
    return teams, members


async def fresh_counts(db: Database) -> Counts:
    """Every active report read back (through the ORM, not the counting's own query), counted."""
    async with db.read() as session:
        reports = (
            await session.scalars(
                select(Report)
                .where(Report.status == "active")
                .options(selectinload(Report.attachments))
            )
        ).all()
        records = [
            ReportRecord(
                id=report.id,
                kind=report.kind,
                team_id=report.team_id,
                author_id=report.author_id,
                occurred_on=report.occurred_on,
                created_at=report.created_at,
                payload=report.payload,
                photo_count=len(report.attachments),
            )
            for report in reports
        ]
    return count_reports(records, half_month_of)


async def assert_in_step(db: Database) -> Counts:
    """The stored counts are exactly a fresh count of the active reports; they are returned."""
    stored = await stored_counts(db)
    assert stored == await fresh_counts(db)
    return stored


# --- a ward with two teams --------------------------------------------------------------------


@dataclass
class Yard:
    """Phường Yên Hòa: Tổ 12 (Lan the leader, Minh, Hoa) and Tổ 7 (Tuấn)."""

    db: Database
    ward_id: int
    team: int
    other_team: int
    people: dict[str, int]

    @classmethod
    async def create(cls, db: Database) -> Yard:
        async with db.write() as session:
            ward = await add_unit(session, "Phường Yên Hòa", "commune")
            team = await add_unit(session, "Tổ 12", "team", ward)
            other = await add_unit(session, "Tổ 7", "team", ward)
        return await cls.staffed(db, ward.id, team.id, other.id)

    @classmethod
    async def staffed(cls, db: Database, ward_id: int, team: int, other_team: int) -> Yard:
        """The yard's units, given; its people, added column by column (the columns every
        schema since 0001 has: the test of the upgrade writes them at 0005)."""
        members = table(
            "members",
            column("id"),
            column("full_name"),
            column("role"),
            column("unit_id"),
            column("status"),
            column("consent_at", UTCDateTime),
            column("joined_at", UTCDateTime),
        )
        async with db.write() as session:
            people: dict[str, int] = {}
            for name, role, unit_id in (
                ("Lan", "leader", team),
                ("Minh", "member", team),
                ("Hoa", "member", team),
                ("Tuấn", "leader", other_team),
            ):
                now = utcnow()
                values = {"full_name": name, "role": role, "unit_id": unit_id, "status": "active"}
                added = await session.execute(
                    insert(members)
                    .values(**values, consent_at=now, joined_at=now)
                    .returning(members.c.id)
                )
                people[name] = added.scalar_one()
        return cls(db, ward_id, team, other_team, people)

    def team_of(self, name: str) -> int:
        return self.other_team if name == "Tuấn" else self.team

    async def logs(
        self,
        name: str,
        kind: str,
        day: dt.date,
        answers: dict[str, Any] | None = None,
        *,
        photos: int = 0,
        with_: tuple[str, ...] = (),
    ) -> int:
        """`name` logs a report for their team; its id."""
        payload = dict(answers or {})
        if with_:
            payload["participants"] = [self.people[other] for other in (name, *with_)]
        async with self.db.write() as session:
            report = await add_report(
                session,
                kind=kind,
                team_id=self.team_of(name),
                author_id=self.people[name],
                occurred_on=day,
                payload=payload,
                photos=[f"photo-{name}-{n}" for n in range(photos)],
                source_update_id=None,
                now=utcnow(),
            )
            return report.id

    async def corrects(
        self,
        report_id: int,
        *,
        day: dt.date | None = None,
        answers: dict[str, Any] | None = None,
        photos: int | None = None,
    ) -> None:
        """The author corrects a report: its day, its answers or its photos."""
        async with self.db.write() as session:
            report = await report_by_id(session, report_id)
            assert report is not None
            await change_report(
                session,
                report,
                report.author_id,
                occurred_on=day or report.occurred_on,
                payload=report.payload if answers is None else answers,
                photos=(
                    [a.file_id for a in report.attachments]
                    if photos is None
                    else [f"photo-{report_id}-{n}" for n in range(photos)]
                ),
                now=utcnow(),
            )

    async def deletes(self, report_id: int) -> None:
        async with self.db.write() as session:
            report = await report_by_id(session, report_id)
            assert report is not None
            await delete_report(session, report, report.author_id, utcnow())


@pytest.fixture
async def yard(database_url: str) -> AsyncIterator[Yard]:
    db = Database(database_url)
    await db.migrate()
    yield await Yard.create(db)
    await db.dispose()


# --- the tables ---------------------------------------------------------------------------------


def test_the_tables_hold_one_column_per_figure_and_per_kind() -> None:
    team_columns = [column.name for column in inspect(TeamHalfMonth).columns]
    member_columns = [column.name for column in inspect(MemberHalfMonth).columns]
    assert team_columns == ["team_id", "starts_on", *TEAM_FIGURES]
    assert member_columns == ["team_id", "member_id", "starts_on", *REPORT_KINDS, "patrol_kinds"]
    assert [column.name for column in TEAM_COLUMNS] == team_columns
    assert [column.name for column in MEMBER_COLUMNS] == member_columns


def test_patrol_kinds_are_one_bit_each() -> None:
    assert [patrol_mask([kind]) for kind in PATROL_KINDS] == [1, 2, 4]
    for mask in range(1 << len(PATROL_KINDS)):
        assert patrol_mask(patrol_kinds_of(mask)) == mask
    assert patrol_kinds_of(0) == frozenset()
    with pytest.raises(ValueError, match="unknown patrol kind"):
        patrol_mask(["boat"])
    with pytest.raises(ValueError, match="out of range"):
        patrol_kinds_of(8)


def test_rows_read_back_as_the_summaries_count() -> None:
    figures = tuple(range(len(TEAM_FIGURES)))
    assert team_work_of((5, NOVEMBER_FIRST_HALF, *figures)).figures() == figures
    by_kind = tuple(range(len(REPORT_KINDS)))
    done = member_work_of((5, 9, NOVEMBER_FIRST_HALF, *by_kind, patrol_mask(["antt", "night"])))
    assert done == MemberWork(by_kind, frozenset({"antt", "night"}))


# --- kept in step -------------------------------------------------------------------------------


async def test_counts_follow_every_save_correction_and_deletion(yard: Yard) -> None:
    patrol = await yard.logs(
        "Lan",
        "patrol",
        dt.date(2026, 11, 14),
        {"patrol_kind": "night", "violations": 3},
        photos=2,
        with_=("Minh",),
    )
    good_deed = await yard.logs(
        "Minh", "good_deed", dt.date(2026, 11, 14), {"what": "Giúp cụ bà qua đường"}, photos=1
    )
    tip = await yard.logs("Hoa", "tip", dt.date(2026, 11, 20), {"valuable": True})
    await yard.logs("Tuấn", "call_out", dt.date(2026, 11, 14), {"incident_kind": "pccc"})
    teams, members = await assert_in_step(yard.db)
    first_half = teams[(yard.team, NOVEMBER_FIRST_HALF)]
    assert (first_half.reports, first_half.photos, first_half.good_deeds) == (2, 3, 1)
    assert (first_half.patrols_night, first_half.patrol_turns, first_half.violations) == (1, 2, 3)
    assert teams[(yard.team, NOVEMBER_SECOND_HALF)].valuable_tips == 1
    assert teams[(yard.other_team, NOVEMBER_FIRST_HALF)].fire_call_outs == 1
    minh = members[(yard.team, yard.people["Minh"], NOVEMBER_FIRST_HALF)]
    assert minh.kinds() == {"good_deed": 1, "patrol": 1}
    assert minh.patrol_kinds == {"night"}

    # Lan corrects the patrol's day from the 14th to the 15th: it moves to the second half.
    await yard.corrects(patrol, day=dt.date(2026, 11, 15))
    teams, members = await assert_in_step(yard.db)
    assert teams[(yard.team, NOVEMBER_FIRST_HALF)].reports == 1
    assert teams[(yard.team, NOVEMBER_SECOND_HALF)].kinds() == {"patrol": 1, "tip": 1}
    assert members[(yard.team, yard.people["Minh"], NOVEMBER_FIRST_HALF)].patrol_kinds == set()

    # Minh's good deed was really on 2 December: Tổ 12 has nothing left in early November.
    await yard.corrects(good_deed, day=dt.date(2026, 12, 2))
    teams, members = await assert_in_step(yard.db)
    assert (yard.team, NOVEMBER_FIRST_HALF) not in teams
    assert (yard.team, yard.people["Minh"], NOVEMBER_FIRST_HALF) not in members
    assert teams[(yard.team, DECEMBER_FIRST_HALF)].good_deeds == 1

    # More photos on the patrol, none left on the good deed.
    await yard.corrects(patrol, photos=4)
    await yard.corrects(good_deed, photos=0)
    teams, _ = await assert_in_step(yard.db)
    assert teams[(yard.team, NOVEMBER_SECOND_HALF)].photos == 4
    assert teams[(yard.team, DECEMBER_FIRST_HALF)].photos == 0

    # Minh did not go on the patrol after all.
    await yard.corrects(
        patrol,
        answers={"patrol_kind": "night", "violations": 1, "participants": [yard.people["Lan"]]},
    )
    teams, members = await assert_in_step(yard.db)
    assert (yard.team, yard.people["Minh"], NOVEMBER_SECOND_HALF) not in members
    assert teams[(yard.team, NOVEMBER_SECOND_HALF)].patrol_turns == 1

    # Hoa deletes her tip, Lan her patrol: the second half of November is empty again.
    await yard.deletes(tip)
    await yard.deletes(patrol)
    teams, members = await assert_in_step(yard.db)
    assert (yard.team, NOVEMBER_SECOND_HALF) not in teams
    assert sorted(teams) == [
        (yard.team, DECEMBER_FIRST_HALF),
        (yard.other_team, NOVEMBER_FIRST_HALF),
    ]


ANSWERS: dict[str, list[dict[str, Any]]] = {
    "good_deed": [{"what": "Dọn vệ sinh ngõ 5"}],
    "patrol": [
        {"patrol_kind": kind, "violations": violations}
        for kind in PATROL_KINDS
        for violations in (0, 2)
    ],
    "call_out": [{"incident_kind": kind} for kind in ("antt", "pccc", "cnch")],
    "tip": [{"valuable": True}, {"valuable": False}, {}],
    "propaganda": [{"audience": 40}, {"audience": "25"}],
    "fire_rescue": [{"people_saved": 2}],
    "traffic": [{"place": "Ngã tư"}],
    "residence": [{"households_visited": 12, "records_corrected": 3}],
    "weapons": [{"items_handed_in": 1}],
    "reintegration": [{"visits": 2}],
    "model": [{"acknowledged": True}, {}],
}
DAYS = [
    dt.date(2026, 10, 31),
    dt.date(2026, 11, 1),
    dt.date(2026, 11, 14),
    dt.date(2026, 11, 15),
    dt.date(2026, 11, 30),
    dt.date(2026, 12, 1),
]


async def test_any_run_of_saves_corrections_and_deletions_keeps_the_counts_exact(
    yard: Yard,
) -> None:
    rng = random.Random(179)
    names = list(yard.people)
    reports: list[int] = []
    for _ in range(40):
        action = rng.choice(("log", "log", "correct", "delete") if reports else ("log",))
        if action == "log":
            name = rng.choice(names)
            kind = rng.choice(REPORT_KINDS)
            mates = tuple(
                other
                for other in names
                if other != name
                and yard.team_of(other) == yard.team_of(name)
                and rng.random() < 0.5
            )
            reports.append(
                await yard.logs(
                    name,
                    kind,
                    rng.choice(DAYS),
                    rng.choice(ANSWERS[kind]),
                    photos=rng.randint(0, 2),
                    with_=mates,
                )
            )
        elif action == "correct":
            report_id = rng.choice(reports)
            async with yard.db.read() as session:
                report = await report_by_id(session, report_id)
                assert report is not None
                kind = report.kind
            await yard.corrects(
                report_id,
                day=rng.choice(DAYS),
                answers=rng.choice(ANSWERS[kind]),
                photos=rng.randint(0, 3),
            )
        else:
            report_id = reports.pop(rng.randrange(len(reports)))
            await yard.deletes(report_id)
        await assert_in_step(yard.db)


async def test_two_reports_saved_at_the_same_moment_are_both_counted(
    yard: Yard, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Lan and Minh send a report to Tổ 12 at once; each save has stored its report before
    either counts (the worst moment), and on PostgreSQL they run side by side."""
    if database_url.startswith("sqlite"):
        pytest.skip("SQLite lets one transaction write at a time")
    both_stored = asyncio.Barrier(2)

    async def count_when_both_stored(session: AsyncSession, keys: Any) -> None:
        await both_stored.wait()
        await recount(session, keys)

    monkeypatch.setattr("storage.reports.recount", count_when_both_stored)
    day = dt.date(2026, 11, 20)
    await asyncio.wait_for(
        asyncio.gather(
            yard.logs("Lan", "patrol", day, {"patrol_kind": "antt"}, photos=1),
            yard.logs("Minh", "good_deed", day, {"what": "Sửa bóng đèn"}, photos=2),
        ),
        timeout=30,
    )
    teams, members = await assert_in_step(yard.db)
    counted = teams[(yard.team, NOVEMBER_SECOND_HALF)]
    assert (counted.reports, counted.photos, counted.patrols, counted.good_deeds) == (2, 3, 1, 1)
    assert len(members) == 2


# --- in the conversation -----------------------------------------------------------------------


async def test_a_good_deed_logged_corrected_and_deleted_in_the_chat(
    emulator: TelegramEmulator, ward: Ward
) -> None:
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await ward.join(lan)
    await lan.send("/menu")
    await lan.press("📝 Việc tốt")
    await lan.send("Giúp cụ bà qua đường.")
    await lan.press("Ngày khác")
    await lan.send("14/11")
    await lan.press("Xong")
    await lan.send_photo()
    await lan.press("✅ Gửi báo cáo")
    [report] = await ward.reports()
    teams, members = await assert_in_step(ward.db)
    assert teams[(ward.team_id, NOVEMBER_FIRST_HALF)] == TeamWork(reports=1, photos=1, good_deeds=1)
    assert list(members) == [(ward.team_id, report.author_id, NOVEMBER_FIRST_HALF)]

    # It was on the 15th: Lan corrects the day.
    await lan.send("/baocaocuatoi")
    await lan.press(f"#{report.id} · 14/11 · Việc tốt: Giúp cụ bà qua đường.")
    await lan.press("✏️ Sửa")
    await lan.press("✏️ Sửa")
    await lan.press("Ngày")
    await lan.press("Ngày khác")
    await lan.send("15/11")
    [done] = await lan.press("✅ Gửi báo cáo")
    assert f"Đã sửa báo cáo #{report.id}" in done.text_plain
    teams, _ = await assert_in_step(ward.db)
    assert list(teams) == [(ward.team_id, NOVEMBER_SECOND_HALF)]

    # Then deletes it: nothing is counted any more.
    await lan.send("/baocaocuatoi")
    await lan.press(f"#{report.id} · 15/11 · Việc tốt: Giúp cụ bà qua đường.")
    await lan.press("🗑 Xoá")
    await lan.press("🗑 Xoá báo cáo")
    assert await assert_in_step(ward.db) == ({}, {})


# --- the upgrade and the command line -----------------------------------------------------------


async def store_reports_around_the_counts(db: Database) -> Yard:
    """A ward whose reports are written straight to the tables, as before the counts existed
    (schema 0005, whose units had no name key yet: they are written column by column)."""
    async with db.write() as session:
        for unit_id, kind, name, parent in (
            (1, "commune", "Phường Yên Hòa", None),
            (2, "team", "Tổ 12", 1),
            (3, "team", "Tổ 7", 1),
        ):
            values = {"id": unit_id, "kind": kind, "name": name, "parent_id": parent}
            await session.execute(insert(Unit).values(values))
    yard = await Yard.staffed(db, 1, 2, 3)
    lan, hoa = yard.people["Lan"], yard.people["Hoa"]
    stored: list[tuple[str, str, dt.date, dict[str, Any], int, str]] = [
        (
            "Lan",
            "patrol",
            dt.date(2026, 11, 14),
            {"patrol_kind": "atgt", "participants": [lan, hoa]},
            2,
            "active",
        ),
        ("Minh", "good_deed", dt.date(2026, 11, 15), {"what": "Dọn rác"}, 1, "active"),
        ("Hoa", "tip", dt.date(2026, 11, 15), {"valuable": True}, 0, "deleted"),
        ("Tuấn", "propaganda", dt.date(2026, 10, 2), {"audience": 30}, 0, "active"),
    ]
    async with db.write() as session:
        for number, (name, kind, day, payload, photos, status) in enumerate(stored):
            session.add(
                Report(
                    kind=kind,
                    team_id=yard.team_of(name),
                    author_id=yard.people[name],
                    occurred_on=day,
                    payload=payload,
                    status=status,
                    attachments=[
                        Attachment(kind="photo", file_id=f"old-{number}-{n}") for n in range(photos)
                    ],
                )
            )
    return yard


async def test_the_upgrade_counts_the_reports_already_stored(database_url: str) -> None:
    db = Database(database_url)
    await db.migrate("0005")
    yard = await store_reports_around_the_counts(db)
    await db.migrate()
    teams, members = await assert_in_step(db)
    assert sorted(teams) == [
        (yard.team, NOVEMBER_FIRST_HALF),
        (yard.team, NOVEMBER_SECOND_HALF),
        (yard.other_team, dt.date(2026, 10, 1)),
    ]
    assert teams[(yard.team, NOVEMBER_FIRST_HALF)].patrols_atgt == 1
    assert teams[(yard.team, NOVEMBER_SECOND_HALF)].tips == 0  # the deleted tip
    assert members[(yard.team, yard.people["Hoa"], NOVEMBER_FIRST_HALF)].patrol_kinds == {"atgt"}

    # Back to 0005 takes the tables away; up again counts afresh.
    await db.downgrade("0005")
    async with db.engine.connect() as connection:
        tables = await connection.run_sync(lambda sync: inspect(sync).get_table_names())
    assert not {"team_half_months", "member_half_months"} & set(tables)
    await db.migrate()
    assert await assert_in_step(db) == (teams, members)
    await db.dispose()


async def test_recount_work_rebuilds_counts_emptied_by_hand(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = Database(database_url)
    await db.migrate()
    yard = await Yard.create(db)
    await yard.logs("Lan", "patrol", dt.date(2026, 11, 3), {"patrol_kind": "antt"}, with_=("Hoa",))
    await yard.logs("Hoa", "good_deed", dt.date(2026, 11, 16), {"what": "Dọn rác"}, photos=1)
    await yard.logs("Tuấn", "weapons", dt.date(2026, 11, 3), {"items_handed_in": 2})
    expected = await assert_in_step(db)
    async with db.engine.begin() as connection:
        await connection.execute(text("DELETE FROM member_half_months"))
        await connection.execute(text("DELETE FROM team_half_months"))
    assert await stored_counts(db) == ({}, {})

    monkeypatch.setenv("ANTT_DATABASE_URL", database_url)
    monkeypatch.delenv("ANTT_BOT_TOKEN", raising=False)
    result = await asyncio.to_thread(CliRunner().invoke, app, ["admin", "recount-work"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "work counts rebuilt: 3 active report(s) counted", result.stdout
    assert await assert_in_step(db) == expected
    await db.dispose()
