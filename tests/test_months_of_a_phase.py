"""Phases that start and end mid-month, as the ward officer sees them: police figures entered
month by month with /solieu count for the phase that holds most of each month's days, a good
deed counts for its whole calendar month, and the yearly phase running now can be asked for."""

from __future__ import annotations

import asyncio
import datetime as dt
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from bot.app import BotApp
from chat.clock import FixedClock
from cli.app import app
from config.settings import Settings
from emulator.server import TelegramEmulator
from reports.periods import calendar_year
from storage.database import Database
from storage.models import Unit
from storage.units import add_unit
from summaries.packages import campaign_named, unit_package
from tests.conftest import HANOI
from tests.officer import (
    at,
    docx_text,
    enter_count,
    enter_yes,
    line_of,
    log_good_deed,
    log_tip,
    month_page,
    officer_of,
)
from tests.ward import Ward, name_oneself


async def ward_of(db: Database, clock: FixedClock, ward: str, team: str) -> Ward:
    """A ward with one team and a team beside it, made as the admin command line does."""
    async with db.write() as session:
        commune = await add_unit(session, ward, "commune")
        first = await add_unit(session, team, "team", commune, planned_size=3)
        other = await add_unit(session, "Tổ bảo vệ ANTT số 7", "team", commune)
    return Ward(db, clock, commune.id, first.id, other.id)


# -- Hải An: Đợt 2 runs 04/02–19/08/2025 and is judged on 02–08/2025 -------------------------


@pytest.fixture
def hai_an(settings: Settings) -> Settings:
    return settings.model_copy(update={"campaign": "hai-an-2024"})


@pytest.mark.parametrize("backend", ["aiogram"], indirect=True)
async def test_hai_an_dot_2_reads_the_tips_total_entered_month_by_month(
    emulator: TelegramEmulator, clock: FixedClock, hai_an: Settings
) -> None:
    clock.moment = at(dt.date(2025, 1, 10))
    app_ = BotApp(hai_an, clock=clock)
    await app_.start()
    try:
        ward = await ward_of(app_.db, clock, "Phường Đằng Hải", "Tổ bảo vệ ANTT số 3")
        hoa = emulator.phone(user_id=1001, first_name="Hoà")
        await ward.join(hoa)
        # 28 tips through the force in Đợt 2: four a month, February to August
        for number in range(2, 9):
            clock.moment = at(dt.date(2025, number, 10))
            for index in range(4):
                await log_tip(hoa, f"Nguồn tin BÍ-MẬT {number}.{index}: người lạ ở ngõ {index}.")
        # the police received 45 tips in those months, entered month by month with /solieu
        today = dt.date(2025, 8, 19)
        clock.moment = at(today)
        officer = await officer_of(emulator, ward, "Thượng úy Đặng")
        received = {2: 5, 3: 6, 4: 7, 5: 6, 6: 7, 7: 7, 8: 7}
        assert sum(received.values()) == 45
        page = await month_page(officer, dt.date(2025, 2, 1), today)
        for number, count in received.items():
            page = await enter_count(officer, page, "Tổng số nguồn tin do Nhân dân", count)
            if number < 8:
                [page] = await officer.press(f"{number + 1:02d}/2025 ▶")

        [choose] = await officer.send("/baocao")
        assert "Đợt 2" in choose.button_labels
        _making, digest, *files = await officer.press("Đợt 2", expect=5, timeout=30)
        tips = line_of(digest.text_plain, "Nguồn tin qua lực lượng")
        # 28/45 = 62,2%, below the plan's 80%
        assert "28/45" in tips and "62%" in tips and "80%" in tips, tips
        assert "⚠️" in tips
        assert "số liệu Công an phường tháng 02–08/2025" in tips
        assert "chưa có số liệu" not in tips
        assert "số liệu Công an phường tháng 02–08/2025" in docx_text(files)
    finally:
        await app_.stop()


@pytest.mark.parametrize("backend", ["aiogram"], indirect=True)
async def test_a_tips_total_missing_months_is_shown_without_a_verdict(
    emulator: TelegramEmulator, clock: FixedClock, hai_an: Settings
) -> None:
    clock.moment = at(dt.date(2025, 3, 5))
    app_ = BotApp(hai_an, clock=clock)
    await app_.start()
    try:
        ward = await ward_of(app_.db, clock, "Phường Đằng Hải", "Tổ bảo vệ ANTT số 3")
        hoa = emulator.phone(user_id=1001, first_name="Hoà")
        await ward.join(hoa)
        await log_tip(hoa, "Nguồn tin BÍ-MẬT: xe lạ đỗ đêm.")
        today = dt.date(2025, 5, 20)
        clock.moment = at(today)
        officer = await officer_of(emulator, ward, "Thượng úy Đặng")
        # February and March entered, April (ended) not; May is still running
        page = await month_page(officer, dt.date(2025, 2, 1), today)
        page = await enter_count(officer, page, "Tổng số nguồn tin do Nhân dân", 1)
        [page] = await officer.press("03/2025 ▶")
        await enter_count(officer, page, "Tổng số nguồn tin do Nhân dân", 1)

        await officer.send("/baocao")
        _making, digest, *_files = await officer.press("Đợt 2", expect=5, timeout=30)
        tips = line_of(digest.text_plain, "Nguồn tin qua lực lượng")
        # 1 of 2 would read 50%, but April is missing: no verdict, what is known is shown
        assert tips.startswith("❔"), tips
        assert "tháng 02–03/2025" in tips and "thiếu tháng 04/2025" in tips, tips
        assert "chưa đủ số liệu để đánh giá" in tips
        assert "Số liệu tính đến ngày 20/05/2025." in digest.text_plain
    finally:
        await app_.stop()


# -- Hà Nội: Đợt 1 runs 22/12/2025–30/01/2026 and is judged on 12/2025 and 01/2026 -----------


@pytest.mark.parametrize("backend", ["aiogram"], indirect=True)
async def test_ha_noi_dot_1_is_judged_on_december_and_january(
    emulator: TelegramEmulator, clock: FixedClock, bot: BotApp, ward: Ward
) -> None:
    clock.moment = at(dt.date(2025, 12, 1))
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await ward.join(lan)
    # a good deed on 05/12, before the phase starts, counts for December
    clock.moment = at(dt.date(2025, 12, 5))
    await log_good_deed(lan, "Dọn rác ngõ 12 Nghĩa Đô.")
    clock.moment = at(dt.date(2026, 1, 10))
    await log_good_deed(lan, "Đưa cụ Ưng về nhà.")
    today = dt.date(2026, 1, 30)
    clock.moment = at(today)
    officer = await officer_of(emulator, ward, "Trung úy Hà")
    page = await month_page(officer, dt.date(2025, 12, 1), today)
    page = await enter_yes(officer, page, "Bảo đảm tuyệt đối an toàn")
    [page] = await officer.press("01/2026 ▶")
    await enter_yes(officer, page, "Bảo đảm tuyệt đối an toàn")

    await officer.send("/baocao")
    _making, digest, *files = await officer.press("Đợt 1", expect=5, timeout=30)
    events = line_of(digest.text_plain, "An toàn các sự kiện")
    assert events.startswith("✅"), events
    assert "số liệu Công an phường tháng 12/2025–01/2026" in events
    deeds = line_of(digest.text_plain, "Việc tốt")
    assert "2/2" in deeds and "100%" in deeds, deeds
    assert "số liệu Công an phường tháng 12/2025–01/2026" in docx_text(files)


# -- The yearly phase running now ------------------------------------------------------------


@pytest.mark.parametrize("backend", ["aiogram"], indirect=True)
async def test_the_officer_asks_for_nam_2026_of_ha_noi_357(
    emulator: TelegramEmulator, bot: BotApp, ward: Ward
) -> None:
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await ward.join(lan)
    await log_good_deed(lan, "Giúp cụ bà qua đường.")
    officer = await officer_of(emulator, ward, "Trung úy Hà")
    [choose] = await officer.send("/baocao")
    assert "Năm 2026" in choose.button_labels
    _making, digest, *files = await officer.press("Năm 2026", expect=5, timeout=30)
    assert "Năm 2026 (01/05/2026 – 31/12/2026) · Phường Yên Hòa" in digest.text_plain
    assert "Số liệu tính đến ngày 22/11/2026." in digest.text_plain
    assert len(files) == 3


@pytest.mark.parametrize("backend", ["aiogram"], indirect=True)
async def test_the_officer_asks_for_nam_2026_of_yen_hoa_179(
    emulator: TelegramEmulator, clock: FixedClock, settings: Settings
) -> None:
    app_ = BotApp(settings.model_copy(update={"campaign": "yen-hoa-179"}), clock=clock)
    await app_.start()
    try:
        ward = await ward_of(app_.db, clock, "Phường Yên Hòa", "Tổ bảo vệ ANTT số 12")
        officer = await officer_of(emulator, ward, "Trung úy Hà")
        [choose] = await officer.send("/baocao")
        assert "Năm 2026" in choose.button_labels
        _making, digest, *_files = await officer.press("Năm 2026", expect=5, timeout=30)
        assert "Năm 2026 (01/01/2026 – 31/12/2026) · Phường Yên Hòa" in digest.text_plain
    finally:
        await app_.stop()


@pytest.mark.parametrize("backend", ["aiogram"], indirect=True)
async def test_nam_2026_exported_from_the_command_line(
    emulator: TelegramEmulator, settings: Settings, ward: Ward, tmp_path: Path
) -> None:
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await ward.join(lan)
    await log_good_deed(lan, "Giúp cụ bà qua đường.")
    for campaign in ("yen-hoa-179", "ha-noi-357"):
        out = tmp_path / campaign
        output = await asyncio.to_thread(export, settings, campaign, "phase:Năm 2026", out)
        names = sorted(path.name for path in out.iterdir())
        assert "BaoCao_Dot-Nam2026_YenHoa.docx" in names, (names, output)
        digest = next(out.glob("TinNhan_*.txt")).read_text(encoding="utf-8")
        assert "Năm 2026" in digest and "Phường Yên Hòa" in digest


def export(settings: Settings, campaign: str, period: str, out: Path) -> str:
    """`antt-bot export` as the officer types it (its own event loop: run off the test's)."""
    env = {"ANTT_DATABASE_URL": settings.database_url, "ANTT_TIMEZONE": "Asia/Ho_Chi_Minh"}
    args = ["export", "--unit", "Phường Yên Hòa", "--campaign", campaign, "--period", period]
    result = CliRunner().invoke(app, [*args, "--format", "docx,txt", "--out", str(out)], env=env)
    assert result.exit_code == 0, result.output
    return result.output


# -- A year still running: only the months begun count, and the report says so ---------------


@pytest.mark.parametrize("backend", ["aiogram"], indirect=True)
async def test_a_year_still_running_judges_only_the_months_begun(
    emulator: TelegramEmulator, bot: BotApp, ward: Ward
) -> None:
    # Tổ 12 did a good deed in November; Tổ 7's only member has none yet this month.
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await ward.join(lan)
    await log_good_deed(lan, "Giúp cụ bà qua đường.")
    code = await ward.invite(team_id=ward.other_team_id)
    minh = emulator.phone(user_id=1002, first_name="Ưng")
    await minh.send(f"/start {code}")
    await minh.share_contact("0912000002", expect=2)
    await name_oneself(minh)
    await minh.press("Đồng ý")
    async with bot.db.read() as session:
        unit = await session.get(Unit, ward.ward_id)
        assert unit is not None
        package = await unit_package(
            session,
            unit,
            campaign_named("yen-hoa-179"),
            calendar_year(2026),
            dt.date(2026, 11, 29),
            HANOI,
        )
    digest = "\n".join(package.digest)
    # Both joined in November: December is not judged yet, and November, still running,
    # counts Tổ 12's deed but not Tổ 7's missing one → 1/1, not 1/4.
    deeds = line_of(digest, "Việc tốt:")
    assert "1/1" in deeds and "100%" in deeds, deeds
    assert "1 tổ chưa có việc tốt trong tháng đang diễn ra (chưa tính)" in deeds
    assert "Số liệu tính đến ngày 29/11/2026." in digest
    assert "Tháng 11/2026 chưa kết thúc" in digest
    word = next(data for name, data in package.files.items() if name.endswith(".docx"))
    report = Document(BytesIO(word))
    assert any("tính đến ngày 29/11/2026" in p.text for p in report.paragraphs)
