"""The ward officer exports a month's summary from the command line: the digest and the files
they forward unchanged, made from what members reported through the bot."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
import zipfile
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from docx import Document
from openpyxl import load_workbook
from typer.testing import CliRunner

from cli.app import app
from config.settings import Settings
from emulator.phone import Phone
from emulator.server import TelegramEmulator
from reports.summary import ProvinceSummary, WardSummary
from storage.models import Unit
from storage.units import add_unit
from summaries.packages import campaign_named, parse_period, unit_package
from tests.ward import Ward

ISSUED = dt.date(2026, 11, 30)
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


async def log_good_deed(phone: Phone, what: str) -> None:
    await phone.send("/menu")
    await phone.press("📝 Việc tốt")
    await phone.send(what)
    await phone.press("Hôm nay")
    await phone.press("Xong")
    await phone.press("Bỏ qua")
    await phone.press("✅ Gửi báo cáo")


@pytest.fixture
async def november(emulator: TelegramEmulator, ward: Ward) -> Ward:
    """Tổ 12 logged two good deeds and a tip in November; Tổ 7 logged nothing."""
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await ward.join(lan)
    await log_good_deed(lan, "Giúp cụ bà qua đường.")
    await log_good_deed(lan, "Trả lại ví cho người đánh rơi.")
    await lan.send("/menu")
    await lan.press("ℹ️ Nguồn tin")
    await lan.send("Nội dung bí mật của nguồn tin: có người lạ ở nhà số 9.")
    await lan.send("Ngõ 9")
    await lan.press("Hôm nay")
    await lan.press("✅ Gửi báo cáo")
    return ward


def export(settings: Settings, out: Path, *extra: str) -> str:
    env = {"ANTT_DATABASE_URL": settings.database_url, "ANTT_TIMEZONE": "Asia/Ho_Chi_Minh"}
    result = CliRunner().invoke(
        app,
        [
            "export",
            "--unit",
            "Phường Yên Hòa",
            "--campaign",
            "yen-hoa-179",
            "--out",
            str(out),
            *extra,
        ],
        env=env,
    )
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("backend", ["aiogram"], indirect=True)
async def test_a_month_exported_as_the_police_receive_it(
    november: Ward, settings: Settings, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    formats = ["--format", "xlsx,docx,png,txt,csv"]
    output = await _in_thread(export, settings, out, "--period", "2026-11", *formats)
    names = sorted(path.name for path in out.iterdir())
    assert names == [
        "BaoCao_11-2026_YenHoa.docx",
        "BieuDo_11-2026_YenHoa.png",
        "DanhSach_11-2026_YenHoa.csv",
        "TinNhan_11-2026_YenHoa.txt",
        "TongHop_11-2026_YenHoa.xlsx",
    ]
    assert "TongHop_11-2026_YenHoa.xlsx" in output
    rows = (out / "DanhSach_11-2026_YenHoa.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows[0] == "Số,Loại,Tổ,Ngày,Ảnh"
    assert sorted(row.split(",")[1] for row in rows[1:]) == ["Nguồn tin", "Việc tốt", "Việc tốt"]

    digest = (out / "TinNhan_11-2026_YenHoa.txt").read_text(encoding="utf-8")
    # Plain text to paste anywhere: Telegram's <b>/<i> and its &amp; escapes are gone.
    assert digest.startswith("Tổng hợp tháng 11/2026 · Phường Yên Hòa · 2 tổ, 1 thành viên\n")
    assert "<b>" not in digest and "<i>" not in digest and "&amp;" not in digest
    # Tổ 7 has nobody yet to do one; plan 179 sets no target: the figure without a verdict.
    assert "📊 Việc tốt: 1/1 tổ (100%) · kế hoạch không đặt chỉ tiêu" in digest
    assert "Nguồn tin: 1 (0 có giá trị)" in digest
    assert "Việc tốt: 2" in digest

    workbook = load_workbook(out / "TongHop_11-2026_YenHoa.xlsx")
    values = [str(c.value) for sheet in workbook for row in sheet.iter_rows() for c in row]
    assert any("Tổ bảo vệ ANTT số 12" in value for value in values)
    assert any("Giúp cụ bà qua đường." in value for value in values)

    report = Document(str(out / "BaoCao_11-2026_YenHoa.docx"))
    cells = [cell.text for table in report.tables for row in table.rows for cell in row.cells]
    text = "\n".join([*(p.text for p in report.paragraphs), *cells])
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "BÁO CÁO" in text

    # The tip is counted, never quoted, in anything that leaves the police.
    for path in out.iterdir():
        blobs = [path.read_bytes()]
        if path.suffix in (".xlsx", ".docx"):
            with zipfile.ZipFile(path) as archive:
                blobs = [archive.read(name) for name in archive.namelist()]
        for blob in blobs:
            assert "bí mật".encode() not in blob, path.name


async def _in_thread(function: object, *args: object) -> str:
    """The CLI runs its own event loop; keep it off the test's loop."""
    import asyncio

    return await asyncio.to_thread(function, *args)  # type: ignore[arg-type]


@pytest.mark.parametrize("backend", ["aiogram"], indirect=True)
async def test_a_province_roll_up(november: Ward, settings: Settings, tmp_path: Path) -> None:
    async with november.db.write() as session:
        city = await add_unit(session, "Thành phố Hà Nội", "province")
        ward = await session.get(Unit, november.ward_id)
        assert ward is not None
        ward.parent_id = city.id
    out = tmp_path / "out"
    env = {"ANTT_DATABASE_URL": settings.database_url}
    arguments = ["export", "--unit", "Thành phố Hà Nội", "--campaign", "ha-noi-357"]
    arguments += ["--period", "2026-11", "--out", str(out), "--format", "xlsx,txt"]
    result = await asyncio.to_thread(CliRunner().invoke, app, arguments, None, env)
    assert result.exit_code == 0, result.output
    digest = next(out.glob("TinNhan_*.txt")).read_text(encoding="utf-8")
    assert "Hà Nội" in digest and "11/2026" in digest
    workbook = load_workbook(next(out.glob("TongHop_*.xlsx")))
    values = [str(c.value) for sheet in workbook for row in sheet.iter_rows() for c in row]
    assert any("Yên Hòa" in value for value in values)

    # The city adds up the counts kept as the reports came in; its ward there is the ward's own
    # summary of the reports themselves.
    campaign = campaign_named("ha-noi-357")
    period = parse_period("2026-11", campaign)
    async with november.db.read() as session:
        city_unit = await session.get(Unit, city.id)
        assert city_unit is not None and ward is not None
        province = await unit_package(session, city_unit, campaign, period, ISSUED, ZONE)
        own = await unit_package(session, ward, campaign, period, ISSUED, ZONE)
    assert isinstance(province.summary, ProvinceSummary)
    assert isinstance(own.summary, WardSummary)
    assert province.summary.totals.good_deeds == 2 and province.summary.totals.tips == 1
    assert list(province.summary.wards) == [own.summary.without_reports()]


@pytest.mark.parametrize("backend", ["aiogram"], indirect=True)
async def test_the_city_listing_names_each_reports_ward(
    november: Ward, emulator: TelegramEmulator, settings: Settings, tmp_path: Path
) -> None:
    # Two wards of the city each have a "Tổ bảo vệ ANTT số 12".
    async with november.db.write() as session:
        city = await add_unit(session, "Thành phố Hà Nội", "province")
        yen_hoa = await session.get(Unit, november.ward_id)
        assert yen_hoa is not None
        yen_hoa.parent_id = city.id
        nghia_do = await add_unit(session, "Phường Nghĩa Đô", "commune", city)
        twin = await add_unit(session, "Tổ bảo vệ ANTT số 12", "team", nghia_do, planned_size=4)
    uoc = emulator.phone(user_id=1002, first_name="Ước")
    await november.join(uoc, "0987654321", team_id=twin.id)
    await log_good_deed(uoc, "Dọn cây đổ trên ngõ Đình Nghĩa Đô.")

    out = tmp_path / "out"
    env = {"ANTT_DATABASE_URL": settings.database_url}
    arguments = ["export", "--unit", "Thành phố Hà Nội", "--campaign", "ha-noi-357"]
    arguments += ["--period", "2026-11", "--out", str(out), "--format", "csv,txt"]
    result = await asyncio.to_thread(CliRunner().invoke, app, arguments, None, env)
    assert result.exit_code == 0, result.output
    listing = next(out.glob("DanhSach_*.csv")).read_text(encoding="utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(listing)))
    assert header == ["Số", "Loại", "Xã, phường", "Tổ", "Ngày", "Ảnh"]
    where = sorted((row[2], row[3], row[1]) for row in rows)
    assert where == [
        ("Phường Nghĩa Đô", "Tổ bảo vệ ANTT số 12", "Việc tốt"),
        ("Phường Yên Hòa", "Tổ bảo vệ ANTT số 12", "Nguồn tin"),
        ("Phường Yên Hòa", "Tổ bảo vệ ANTT số 12", "Việc tốt"),
        ("Phường Yên Hòa", "Tổ bảo vệ ANTT số 12", "Việc tốt"),
    ]
    digest = next(out.glob("TinNhan_*.txt")).read_text(encoding="utf-8")
    assert digest.startswith("Tổng hợp tháng 11/2026 · Thành phố Hà Nội · 2 xã/phường")
    assert "<" not in digest


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--period", "2026-13"], "cannot read the period '2026-13'"),
        (["--period", "phase:Đợt 9"], "cannot read the period 'phase:Đợt 9'"),
        (["--period", "2026-11", "--format", "pdf"], "unknown format pdf"),
    ],
)
def test_bad_export_requests_get_one_clear_line(
    tmp_path: Path, extra: list[str], message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANTT_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'x.sqlite3'}")
    result = CliRunner().invoke(
        app, ["export", "--unit", "Phường Yên Hòa", "--campaign", "yen-hoa-179", *extra]
    )
    assert result.exit_code == 2
    assert message in result.output


def test_an_unknown_campaign_lists_the_known_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANTT_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'x.sqlite3'}")
    result = CliRunner().invoke(
        app, ["export", "--unit", "X", "--campaign", "nope", "--period", "2026-11"]
    )
    assert result.exit_code == 2
    assert "no campaign 'nope'" in result.output and "yen-hoa-179" in result.output
