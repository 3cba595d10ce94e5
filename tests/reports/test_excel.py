"""The workbook read back with openpyxl: sheets, headers, real dates, minutes, no tip content."""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO

import pytest
from openpyxl import load_workbook
from openpyxl.workbook import Workbook

from reports import labels
from reports.excel import province_workbook, ward_workbook
from reports.summary import summarise_province
from tests.reports import test_ha_noi
from tests.reports.yen_hoa_ward import SECRET, november

ISSUED = date(2026, 12, 1)


@pytest.fixture(scope="module")
def workbook() -> Workbook:
    return load_workbook(BytesIO(ward_workbook(november(), ISSUED)))


def rows(workbook: Workbook, sheet: str) -> list[tuple[object, ...]]:
    return [tuple(row) for row in workbook[sheet].iter_rows(values_only=True)]


def test_sheets_and_frozen_headers(workbook: Workbook) -> None:
    assert workbook.sheetnames == ["Tổng hợp", "Theo tổ", "Báo cáo", "Huy động"]
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet["A1"].font.bold
        assert (sheet.column_dimensions["A"].width or 0) >= 8


def test_summary_sheet(workbook: Workbook) -> None:
    sheet = workbook["Tổng hợp"]
    assert sheet["A1"].value == "Tổng hợp tháng 11/2026 · Phường Yên Hòa"
    assert sheet["B3"].value == "tháng 11/2026"
    assert sheet["B4"].value == datetime(2026, 11, 1)
    assert sheet["B4"].number_format == "DD/MM/YYYY"
    values = {row[0]: row[1] for row in rows(workbook, "Tổng hợp") if row[0]}
    assert values["Số tổ bảo vệ ANTT ở cơ sở"] == 3
    assert values["Nguồn tin có giá trị"] == 2
    deeds = next(
        row
        for row in rows(workbook, "Tổng hợp")
        if row[0] == "Mỗi tổ thực hiện ít nhất 01 việc tốt mỗi tháng"
    )
    # label, met, of, %, target (the ward's own), verdict, the plan's section, no note (the
    # force's own reports, no police figure): 2/3 = 66.7%
    assert deeds == (
        deeds[0],
        2,
        3,
        66.7,
        "100% (phường đặt)",
        "Chưa đạt",
        "KH 179/KH-UBND, mục II.3",
        None,
    )


def test_team_sheet(workbook: Workbook) -> None:
    header, *teams = rows(workbook, "Theo tổ")
    assert header == labels.TEAM_SHEET_HEADERS
    by_name = {row[0]: row for row in teams}
    # Tổ 12: planned 5, 5 members, 2 deeds, 1 patrol, 3 violations, 1 call-out, 2 tips (one
    # valuable, one not yet assessed), 0 propaganda, 0 traffic.
    assert by_name["Tổ bảo vệ ANTT số 12"][:13] == (
        "Tổ bảo vệ ANTT số 12",
        5,
        5,
        2,
        1,
        3,
        1,
        0,
        0,
        2,
        1,
        0,
        0,
    )
    assert [row[0] for row in teams] == [
        "Tổ bảo vệ ANTT số 7",
        "Tổ bảo vệ ANTT số 12",
        "Tổ bảo vệ ANTT số 19",
    ]


def test_every_report_with_real_dates(workbook: Workbook) -> None:
    header, *reports = rows(workbook, "Báo cáo")
    assert header == labels.REPORT_SHEET_HEADERS
    # 3 deeds + 2 call-outs + 2 patrols + 3 tips + 1 reintegration in November; 31/10 is out.
    assert len(reports) == 11
    assert reports[0][1] == datetime(2026, 11, 1)
    assert workbook["Báo cáo"]["B2"].number_format == "DD/MM/YYYY"
    assert reports[0][8] == datetime(2026, 11, 1, 20, 0)
    tips = [row for row in reports if row[2] == "Nguồn tin"]
    assert [row[6] for row in tips] == [
        "Nguồn tin (nội dung chỉ Công an phường xem) – có giá trị",
        "Nguồn tin (nội dung chỉ Công an phường xem) – có giá trị",
        "Nguồn tin (nội dung chỉ Công an phường xem) – chưa đánh giá",
    ]


def test_call_outs_in_minutes(workbook: Workbook) -> None:
    header, *call_outs = rows(workbook, "Huy động")
    assert header == labels.CALL_OUT_HEADERS
    assert [(row[3], row[4], row[5], row[6], row[7]) for row in call_outs] == [
        ("ANTT", datetime(2026, 11, 5, 20, 0), datetime(2026, 11, 5, 20, 12), 12, "Có"),
        ("ANTT", datetime(2026, 11, 9, 8, 0), datetime(2026, 11, 9, 8, 30), 30, "Có"),
    ]


def test_no_tip_content_anywhere(workbook: Workbook) -> None:
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            assert not any(SECRET in str(value) for value in row if value is not None)


def test_the_same_input_gives_the_same_bytes() -> None:
    assert ward_workbook(november(), ISSUED) == ward_workbook(november(), ISSUED)


def test_control_characters_do_not_break_the_file() -> None:
    from tests.reports.yen_hoa_ward import build

    summary = november(build(deed="Việc tốt\x00\x07 có ký tự lạ\x1f"))
    reports = rows(load_workbook(BytesIO(ward_workbook(summary, ISSUED))), "Báo cáo")
    assert "Việc tốt có ký tự lạ" in {row[6] for row in reports}


def test_the_province_workbook_lists_its_wards() -> None:
    w = test_ha_noi.build()
    city = summarise_province(w.records(), w.province_id, test_ha_noi.DOT_1, test_ha_noi.CAMPAIGN)
    book = load_workbook(BytesIO(province_workbook(city, date(2026, 2, 2))))
    # Its reports are listed in each ward's workbook, not again here.
    assert book.sheetnames == ["Tổng hợp", "Theo xã, phường", "Theo tổ", "Huy động"]
    wards = rows(book, "Theo xã, phường")
    assert wards[1][:3] == ("Phường Cầu Giấy", 1, 3)
    assert wards[2][:3] == ("Phường Yên Hòa", 4, 14)
    teams = rows(book, "Theo tổ")
    assert teams[0][0] == "Xã, phường" and len(teams) == 1 + 5
