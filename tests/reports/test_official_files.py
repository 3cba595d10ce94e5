"""The files the ward police sign and forward unchanged, read as the officer and the city read
them: Decree 30/2020 layout in the Word XML (page numbers, the closing kept with the last
section, names never broken, the date on one line, no word split in a cell), nothing untrue or
internal, words a police officer writes, and a workbook that prints."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from zipfile import ZipFile

import pytest
from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from reports import chart, labels
from reports.campaigns import Campaign, load_campaigns
from reports.describe import describe
from reports.digest import province_digest, ward_digest
from reports.excel import PORTRAIT_WIDTH, province_workbook, ward_workbook
from reports.letterhead import LETTERHEAD_MM
from reports.periods import Period, rating_year
from reports.phases import phase_containing, phase_named
from reports.rating_rules import load_rating_rules
from reports.summary import ProvinceSummary, WardSummary, summarise_province, summarise_ward
from reports.telegram_html import plain_text
from reports.text_width import longest_word_mm, text_mm
from reports.word import province_report, ward_report
from reports.word_sections import activity_text
from tests.reports import test_ha_noi, test_hai_an, yen_hoa_ward
from tests.reports import test_phan_dinh_phung as pdp
from tests.reports.builders import Ward

ISSUED = date(2026, 11, 22)
NBSP = "\u00a0"
PADDING_MM = 2 * 1.9  # Word's cell margins
CAMPAIGNS = load_campaigns()
A4 = 9  # the paper size number of A4 in a spreadsheet's page set-up


@dataclass(frozen=True)
class Plan:
    """A plan's ward, worked by hand in its own test module, and the phase it was built for."""

    campaign: str
    build: Callable[[], Ward]
    phase: Callable[[Campaign], Period]

    def summary(self, period: Period | None = None) -> WardSummary:
        ward = self.build()
        campaign = CAMPAIGNS[self.campaign]
        return summarise_ward(
            ward.records(), ward.ward_id, period or self.phase(campaign), campaign
        )

    def city(self) -> ProvinceSummary:
        ward = self.build()
        campaign = CAMPAIGNS[self.campaign]
        return summarise_province(ward.records(), ward.province_id, self.phase(campaign), campaign)


def year_2026(campaign: Campaign) -> Period:
    """Yên Hòa's only phase, the calendar year."""
    phase = phase_containing(campaign, date(2026, 11, 15))
    assert phase is not None
    return phase


PLANS = {
    "hai-an-2024": Plan("hai-an-2024", test_hai_an.build, lambda c: phase_named(c, "Đợt 1")),
    "ha-noi-357": Plan("ha-noi-357", test_ha_noi.build, lambda c: phase_named(c, "Đợt 1")),
    "phan-dinh-phung-2025": Plan("phan-dinh-phung-2025", pdp.build, lambda c: pdp.Q2),
    "yen-hoa-179": Plan("yen-hoa-179", yen_hoa_ward.build, year_2026),
}


def read(data: bytes) -> DocumentObject:
    return Document(BytesIO(data))


def lines_of(document: DocumentObject) -> list[str]:
    return [paragraph.text for paragraph in document.paragraphs]


def every_paragraph(document: DocumentObject) -> Iterator[Paragraph]:
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def column_widths_mm(table: Table) -> list[float]:
    return [
        column.w.mm if column.w is not None else 0.0 for column in table._tbl.tblGrid.gridCol_lst
    ]


def file_text(data: bytes) -> str:
    """Everything inside a .docx or .xlsx, as text."""
    with ZipFile(BytesIO(data)) as archive:
        return "\n".join(
            archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
        )


# --- Layout (Decree 30/2020) -------------------------------------------------------------


@pytest.fixture(scope="module")
def ward_document() -> DocumentObject:
    return read(ward_report(PLANS["phan-dinh-phung-2025"].summary(), ISSUED))


@pytest.fixture(scope="module")
def city_document() -> DocumentObject:
    return read(province_report(PLANS["ha-noi-357"].city(), ISSUED))


@pytest.mark.parametrize("which", ["ward_document", "city_document"])
def test_page_numbers_from_the_second_page(which: str, request: pytest.FixtureRequest) -> None:
    document: DocumentObject = request.getfixturevalue(which)
    section = document.sections[0]
    # "Different first page": page 1 has its own, empty header; the others show PAGE.
    assert section._sectPr.find(qn("w:titlePg")) is not None
    fields = [code.text.strip() for code in section.header._element.iter(qn("w:instrText"))]
    assert fields == ["PAGE"]
    assert not list(section.first_page_header._element.iter(qn("w:instrText")))
    assert section.header.paragraphs[0].alignment is not None  # centred, not left to chance


@pytest.mark.parametrize("which", ["ward_document", "city_document"])
def test_the_closing_block_stays_with_the_last_section(
    which: str, request: pytest.FixtureRequest
) -> None:
    document: DocumentObject = request.getfixturevalue(which)
    body = list(document.element.body)
    closing = document.tables[-1]
    assert closing.cell(0, 0).paragraphs[0].text == "Nơi nhận:"
    # Every line of "Nơi nhận" and the signature keeps with the next, rows never split …
    for row in closing.rows:
        assert row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None
        for cell in row.cells:
            assert all(p.paragraph_format.keep_with_next for p in cell.paragraphs)
    # … and the two paragraphs before it (the last section's end, the spacer) go with it.
    where = body.index(closing._tbl)
    before = [Paragraph(element, document._body) for element in body[where - 2 : where]]
    assert [p.paragraph_format.keep_with_next for p in before] == [True, True]


@pytest.mark.parametrize(
    ("plan", "names"),
    [
        ("hai-an-2024", ("HẢI PHÒNG", "ĐẰNG HẢI")),
        ("phan-dinh-phung-2025", ("THÁI NGUYÊN", "PHAN ĐÌNH PHÙNG")),
        ("ha-noi-357", ("HÀ NỘI", "YÊN HÒA")),
    ],
)
def test_no_proper_name_is_split_in_the_issuing_body(plan: str, names: tuple[str, str]) -> None:
    document = read(ward_report(PLANS[plan].summary(), ISSUED))
    head = document.tables[0]
    column = column_widths_mm(head)[0]
    lines = head.cell(0, 0).paragraphs[:2]
    for paragraph, name, face in zip(lines, names, ("regular", "bold"), strict=True):
        text = paragraph.text
        # The proper name is one unbreakable piece; breaks only before the level and the name.
        assert name.replace(" ", NBSP) in text, text
        pieces = text.split(" ")
        assert pieces[0] == f"CÔNG{NBSP}AN" and pieces[-1] == name.replace(" ", NBSP)
        size = paragraph.style.font.size.pt if paragraph.style and paragraph.style.font.size else 0
        assert size in (12, 13)
        # Each piece fits the column, so the only breaks are the ones allowed.
        widest = max(text_mm(piece, size, face) for piece in pieces)  # type: ignore[arg-type]
        assert widest + PADDING_MM <= column, pieces
    assert column_widths_mm(head) == pytest.approx(LETTERHEAD_MM, abs=0.1)


@pytest.mark.parametrize("plan", sorted(PLANS))
def test_the_place_and_date_line_is_one_unbroken_line(plan: str) -> None:
    for issued in (ISSUED, None):
        document = read(ward_report(PLANS[plan].summary(), issued))
        head = document.tables[0]
        cell = head.cell(1, 1)
        assert len(cell.paragraphs) == 1
        line = cell.paragraphs[0]
        assert not list(line._p.iter(qn("w:br")))
        assert " " not in line.text and ", ngày" in line.text.replace(NBSP, " ")
        sizes = {run.font.size.pt for run in line.runs if run.font.size is not None}
        style_size = line.style.font.size.pt if line.style and line.style.font.size else 14
        size = sizes.pop() if sizes else style_size
        assert size in (13, 14)
        assert text_mm(line.text, size, "italic") + PADDING_MM <= column_widths_mm(head)[1]


def data_tables(document: DocumentObject) -> list[Table]:
    return [
        table
        for table in document.tables
        if table.style is not None and table.style.name == "Table Grid"
    ]


@pytest.fixture(scope="module")
def rating_document() -> DocumentObject:
    """Yên Hòa's rating year 2026: its teams and members rated."""
    ward = yen_hoa_ward.build()
    year = rating_year(2026, load_rating_rules().year_starts)
    summary = summarise_ward(ward.records(), ward.ward_id, year, CAMPAIGNS["yen-hoa-179"])
    return read(ward_report(summary, date(2026, 11, 9)))


@pytest.mark.parametrize("which", ["ward_document", "city_document", "rating_document"])
def test_table_cells_never_split_a_word(which: str, request: pytest.FixtureRequest) -> None:
    document: DocumentObject = request.getfixturevalue(which)
    tables = data_tables(document)
    assert len(tables) >= 3
    for table in tables:
        widths = column_widths_mm(table)
        assert sum(widths) == pytest.approx(165, abs=0.5)
        for index, row in enumerate(table.rows):
            face = "bold" if index == 0 else "regular"
            for cell, width in zip(row.cells, widths, strict=True):
                need = longest_word_mm(cell.text, 13, face) + PADDING_MM  # type: ignore[arg-type]
                assert need <= width, (cell.text, need, width)
        # The heading row repeats on every page the table runs to.
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # type: ignore[union-attr]


def test_a_team_rating_names_the_team_once(rating_document: DocumentObject) -> None:
    lines = lines_of(rating_document)
    teams_at = lines.index(labels.RATING_TEAMS)
    teams, members = rating_tables(rating_document)
    assert teams_at < lines.index(labels.RATING_MEMBERS)
    headers = [cell.text for cell in teams.rows[0].cells]
    assert headers == ["STT", "Tổ", "Số tháng hoạt động", "Tỷ lệ nhiệm vụ", "Xếp loại"]
    names = sorted(plain(row.cells[1].text) for row in teams.rows[1:])
    assert names == ["Tổ bảo vệ ANTT số 12", "Tổ bảo vệ ANTT số 19", "Tổ bảo vệ ANTT số 7"]
    for row in teams.rows[1:]:
        # the team is written once: no other cell of its row names it again
        assert not any("Tổ" in cell.text for cell in row.cells[2:])
    # a member's row still says which team the member is in
    assert [cell.text for cell in members.rows[0].cells][:3] == ["STT", "Tên", "Tổ"]
    assert all(row.cells[2].text.startswith("Tổ ") for row in members.rows[1:])


def rating_tables(document: DocumentObject) -> tuple[Table, Table]:
    """The team and the member rating tables, in that order."""
    found = [t for t in data_tables(document) if t.cell(0, len(t.columns) - 1).text == "Xếp loại"]
    assert len(found) == 2
    return found[0], found[1]


def plain(text: str) -> str:
    return text.replace(NBSP, " ")


def test_a_wards_name_is_kept_whole_in_the_city_table(city_document: DocumentObject) -> None:
    wards = next(t for t in data_tables(city_document) if t.cell(0, 1).text == "Xã, phường")
    assert [row.cells[1].text for row in wards.rows[1:]] == [
        f"Phường Cầu{NBSP}Giấy",
        f"Phường Yên{NBSP}Hòa",
    ]


# --- Nothing untrue or internal ----------------------------------------------------------


@pytest.mark.parametrize("plan", sorted(PLANS))
def test_the_commendation_rule_is_printed_only_when_the_plan_states_it(plan: str) -> None:
    lines = lines_of(read(ward_report(PLANS[plan].summary(), ISSUED)))
    section = lines[lines.index("IV. ĐỀ XUẤT KHEN THƯỞNG") + 1]
    if plan == "hai-an-2024":  # "mỗi phường đề xuất … 01 tập thể hoặc 01 cá nhân" [seed 001]
        assert section == (
            "Theo kế hoạch, mỗi đợt thi đua phường đề xuất khen thưởng 01 tập thể hoặc 01 cá nhân."
        )
    else:
        assert not any("Theo kế hoạch" in line for line in lines)
        assert section.startswith("Căn cứ kết quả thực hiện ")
        assert "đề xuất xem xét khen thưởng các tập thể, cá nhân" in section


def test_a_list_of_people_is_never_preceded_by_there_is_no_one() -> None:
    # Hải An Đợt 1: no team qualifies, members do.
    summary = PLANS["hai-an-2024"].summary()
    assert not summary.commendation.collectives and summary.commendation.individuals
    lines = lines_of(read(ward_report(summary, ISSUED)))
    collective = lines.index(labels.COLLECTIVE_CANDIDATES)
    individual = lines.index(labels.INDIVIDUAL_CANDIDATES)
    assert lines[collective + 1] == "Chưa có tập thể đủ điều kiện đề xuất trong kỳ."
    assert lines[individual + 1].startswith("- ")
    assert not any("cá nhân đủ điều kiện" in line for line in lines[: individual + 1])


MARKS = ("[check]", "[cần kiểm tra]", "kiểm tra]", "check]")


@pytest.mark.parametrize("plan", sorted(PLANS))
def test_no_internal_mark_reaches_a_file(plan: str) -> None:
    ward = PLANS[plan].build()
    campaign = CAMPAIGNS[plan]
    year_end = max(report.occurred_on for report in ward.records().reports)
    rules = load_rating_rules()
    year = rating_year(year_end.year, rules.year_starts)
    if year.start > year_end:
        year = rating_year(year_end.year - 1, rules.year_starts)
    for period in (PLANS[plan].phase(campaign), year):
        summary = summarise_ward(ward.records(), ward.ward_id, period, campaign)
        sent = [
            file_text(ward_report(summary, ISSUED)),
            file_text(ward_workbook(summary, ISSUED)),
            "\n".join(ward_digest(summary)),
        ]
        for text in sent:
            assert not any(mark in text.lower() for mark in MARKS), period
    # The rating report still names its source, without the project's note.
    assert rules.source.startswith("Hướng dẫn số 01/HD-BCA-V05")


def test_a_city_report_asks_the_city_police_and_charts_its_wards(
    city_document: DocumentObject, monkeypatch: pytest.MonkeyPatch
) -> None:
    placeholders = [
        p.text for p in city_document.paragraphs if p.style and p.style.name == "ANTT Placeholder"
    ]
    assert len(placeholders) == 3
    assert all(
        text.startswith("[Phần này do cán bộ Công an thành phố viết") for text in placeholders
    )
    assert not any("Công an phường" in text for text in placeholders)

    titles: list[str] = []

    def draw(title: str, bars: object) -> bytes:
        titles.append(title)
        return b""

    monkeypatch.setattr(chart, "_draw", draw)
    city = PLANS["ha-noi-357"].city()
    chart.province_chart(city)
    chart.ward_chart(city.wards[0])
    assert titles[0].startswith("Hoạt động theo xã, phường · Đợt 1")
    assert titles[1].startswith("Hoạt động theo tổ · Đợt 1")


# --- Words a police officer writes --------------------------------------------------------


def test_rescue_roles_are_the_buttons_the_member_pressed() -> None:
    w = yen_hoa_ward.build()
    team = w.team(21)
    member = w.member(team, "Đỗ Thị Ngọc Ánh", date(2026, 1, 5))
    roles = {"extinguish": "Dập lửa", "guard": "Bảo vệ hiện trường", "evacuate": "Sơ tán người"}
    for role in roles:
        w.report(
            "fire_rescue",
            team,
            member,
            date(2026, 11, 20),
            incident_kind="pccc",
            incident="Cháy bếp nhà dân ở ngõ 12",
            role=role,
            people_saved=1,
        )
    fire = [report for report in w.records().reports if report.kind == "fire_rescue"]
    lines = [describe(report) for report in fire]
    for line, (role, words) in zip(lines, roles.items(), strict=True):
        assert words in line and role not in line
    workbook = load_workbook(BytesIO(ward_workbook(yen_hoa_ward.november(w), ISSUED)))
    contents = [str(row[6]) for row in workbook["Báo cáo"].iter_rows(values_only=True)]
    assert any("Dập lửa" in text for text in contents)
    assert not any(role in text for text in contents for role in roles)


def test_acronyms_stay_upper_case_inside_a_sentence() -> None:
    assert activity_text({"fire_rescue": 2, "good_deed": 1, "patrol": 3}) == (
        "2 PCCC, CNCH; 1 việc tốt; 3 tuần tra"
    )
    assert labels.in_sentence("Đợt 1 (22/12/2025 – 30/01/2026)").startswith("đợt 1")


@pytest.mark.parametrize(
    ("plan", "expected"),
    [
        ("ha-noi-357", "Đạt: không có trường hợp tái phạm"),
        ("hai-an-2024", "Không đạt: có trường hợp tái phạm"),
    ],
)
def test_a_yes_no_target_is_never_answered_with_a_bare_no(plan: str, expected: str) -> None:
    summary = PLANS[plan].summary()
    document = read(ward_report(summary, ISSUED))
    indicators = next(t for t in data_tables(document) if t.cell(0, 1).text == "Chỉ tiêu")
    row = next(r for r in indicators.rows if "tái phạm" in r.cells[1].text)
    assert row.cells[2].text.startswith(expected)
    book = load_workbook(BytesIO(ward_workbook(summary, ISSUED)))
    sheet_rows = list(book[labels.SHEET_SUMMARY].iter_rows(values_only=True))
    assert any(r[0] and "tái phạm" in str(r[0]) and r[1] == expected for r in sheet_rows)


def test_the_digest_as_plain_text() -> None:
    assert plain_text("<b>Tổng hợp · A &amp; B</b>\n<i>&lt;KH&gt;</i>") == "Tổng hợp · A & B\n<KH>"
    digest = "\n".join(plain_text(part) for part in ward_digest(yen_hoa_ward.november()))
    assert "<b>" not in digest and "<i>" not in digest and "&amp;" not in digest
    city = "\n".join(plain_text(part) for part in province_digest(PLANS["ha-noi-357"].city()))
    assert city.startswith("Tổng hợp Đợt 1") and "<" not in city


# --- The workbook prints ------------------------------------------------------------------


def books() -> Iterator[tuple[str, Workbook]]:
    yield "ward", load_workbook(BytesIO(ward_workbook(yen_hoa_ward.november(), ISSUED)))
    city = PLANS["ha-noi-357"].city()
    yield "city", load_workbook(BytesIO(province_workbook(city, ISSUED)))


def test_every_sheet_prints_on_a4_fitted_to_the_width_with_its_headings() -> None:
    for name, book in books():
        for sheet in book.worksheets:
            where = f"{name}/{sheet.title}"
            setup = sheet.page_setup
            assert (setup.paperSize, setup.fitToWidth, setup.fitToHeight) == (A4, 1, 0), where
            fit = sheet.sheet_properties.pageSetUpPr
            assert fit is not None and fit.fitToPage, where
            assert sheet.print_title_rows == "$1:$1", where
            widths = sum(
                float(sheet.column_dimensions[get_column_letter(column)].width or 8.43)
                for column in range(1, sheet.max_column + 1)
            )
            expected = "landscape" if widths > PORTRAIT_WIDTH else "portrait"
            assert setup.orientation == expected, where


def test_who_and_when_read_on_one_line_each_above_the_figures() -> None:
    """The unit, the period and the plan run on over the empty cells beside them: wrapped in
    their narrow column they overlapped the rows below when printed."""
    for name, book in books():
        sheet = book[labels.SHEET_SUMMARY]
        for row, label in enumerate(labels.SUMMARY_INFO, start=2):
            value = sheet.cell(row=row, column=2)
            assert sheet.cell(row=row, column=1).value == label, name
            assert not value.alignment.wrap_text, f"{name}: {label}"
            assert value.alignment.horizontal == "left", f"{name}: {label}"
            assert all(sheet.cell(row=row, column=c).value is None for c in range(3, 8)), name


def test_indicator_columns_are_wide_enough_for_their_headings() -> None:
    for _, book in books():
        sheet = book[labels.SHEET_SUMMARY]
        heading_row = next(
            row for row in sheet.iter_rows() if row[0].value == labels.SUMMARY_INDICATOR_HEADERS[0]
        )
        height = sheet.row_dimensions[int(heading_row[0].row or 0)].height or 15
        for cell in heading_row:
            if cell.value is None:
                continue
            heading = str(cell.value)
            width = float(sheet.column_dimensions[get_column_letter(cell.column)].width or 8.43)
            # Read on one line, or wrapped between words in a row tall enough for the lines.
            on_one_line = width >= len(heading) + 1
            words_fit = width >= max(len(word) for word in heading.split()) + 1
            lines = -(-len(heading) // int(width - 1))
            wrapped = bool(cell.alignment.wrap_text) and words_fit and height >= 15 * lines
            assert on_one_line or wrapped, (heading, width, height)


def indicator_notes(summary: WardSummary) -> dict[str, object]:
    """The workbook's indicator rows: each label with its "Ghi chú"."""
    sheet = load_workbook(BytesIO(ward_workbook(summary, ISSUED)))[labels.SHEET_SUMMARY]
    rows = list(sheet.iter_rows(values_only=True))
    header = next(i for i, row in enumerate(rows) if row[:2] == ("Chỉ tiêu", "Đạt"))
    assert rows[header][7] == "Ghi chú"
    return {str(row[0]): row[7] for row in rows[header + 1 : header + 1 + len(summary.indicators)]}


def test_the_workbook_says_which_months_a_police_figure_covers() -> None:
    hai_an = indicator_notes(PLANS["hai-an-2024"].summary())
    assert (
        hai_an["Nguồn tin do Nhân dân cung cấp cho Công an phường thông qua lực lượng"]
        == "Số liệu Công an phường tháng 11/2024–01/2025"
    )
    assert (
        hai_an["Vận động Nhân dân cung cấp thông tin về nhân khẩu cho Công an phường"]
        == "Số liệu Công an phường nhập cho cả kỳ"
    )
    assert hai_an["Mỗi tổ thực hiện ít nhất 01 việc tốt mỗi tháng"] is None  # the force's own
    # Yên Hòa's year: the police entered November only, the figure waits for the other months.
    yen_hoa = indicator_notes(PLANS["yen-hoa-179"].summary())
    assert [note for label, note in yen_hoa.items() if "nghiêm trọng" in label] == [
        "Chưa đủ số liệu để đánh giá · Không xảy ra vụ việc nghiêm trọng, rất nghiêm trọng, đặc"
        " biệt nghiêm trọng: Có (Công an phường nhập tháng 11/2026, thiếu tháng 01–10/2026,"
        " 12/2026)"
    ]


@pytest.mark.parametrize("plan", list(PLANS))
def test_the_workbook_and_the_word_report_give_the_same_months(plan: str) -> None:
    summary = PLANS[plan].summary()
    notes = indicator_notes(summary)
    document = read(ward_report(summary, ISSUED))
    table = next(t for t in data_tables(document) if t.cell(0, 1).text == "Chỉ tiêu")
    for row in table.rows[1:]:
        result = row.cells[2].text
        if "(số liệu Công an phường" in result:
            months = result[result.index("(số liệu") + 1 : -1]
            label = next(label for label in notes if row.cells[1].text.startswith(label))
            assert notes[label] == months[:1].upper() + months[1:], (label, result)


def test_in_time_is_said_for_every_kind_of_call_out() -> None:
    w = yen_hoa_ward.build()
    team = w.team(23)
    member = w.member(team, "Nguyễn Văn Ước", date(2026, 1, 5))
    # Yên Hòa's targets count ANTT call-outs only; a fire and a traffic call-out are judged too.
    w.call_out(team, member, date(2026, 11, 12), "pccc", "21:00", "21:10")
    w.call_out(team, member, date(2026, 11, 13), "traffic", "07:00", "07:55")
    book = load_workbook(BytesIO(ward_workbook(yen_hoa_ward.november(w), ISSUED)))
    header, *rows = list(book[labels.SHEET_CALL_OUTS].iter_rows(values_only=True))
    in_time = header.index("Kịp thời")
    by_kind = {(row[3], row[6]): row[in_time] for row in rows}
    assert by_kind[("PCCC", 10)] == "Có"
    assert by_kind[("Giao thông", 55)] == "Không"
    assert all(row[in_time] in ("Có", "Không") for row in rows)
    assert all(isinstance(row[1], datetime | date) for row in rows)


def test_the_city_summary_puts_each_figure_under_its_heading() -> None:
    city = PLANS["ha-noi-357"].city()
    sheet = load_workbook(BytesIO(province_workbook(city, ISSUED)))[labels.SHEET_SUMMARY]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows.index(labels.SUMMARY_INDICATOR_HEADERS)
    by_label = {row[0]: row for row in rows[header + 1 :]}
    events = by_label[
        "Bảo đảm tuyệt đối an toàn các sự kiện chính trị, kinh tế, văn hóa, xã hội quan trọng"
    ]
    # A yes/no has no pooled figure; the target is stated; the verdict counts the wards.
    assert events[1:6] == (None, None, None, "Có", "1/1 xã/phường đạt")
    deeds = by_label["Mỗi tổ thực hiện ít nhất 01 việc tốt trong một tháng thi đua"]
    assert deeds[1:6] == (8, 10, 80.0, "100%", "1/2 xã/phường đạt")


def test_a_ward_without_teams_still_gets_its_report() -> None:
    # A new ward (no team yet, nothing reported): every table is a heading row alone.
    w = Ward("Phường Đằng Lâm", "Thành phố Hải Phòng")
    campaign = CAMPAIGNS["yen-hoa-179"]
    summary = summarise_ward(w.records(), w.ward_id, year_2026(campaign), campaign)
    document = read(ward_report(summary, ISSUED))
    teams = next(t for t in data_tables(document) if t.cell(0, 1).text == "Tổ")
    assert len(teams.rows) == 1


def test_the_recipients_name_the_city_police_as_a_sentence_does() -> None:
    document = read(ward_report(PLANS["ha-noi-357"].summary(), ISSUED))
    recipients = [p.text for p in document.tables[-1].cell(0, 0).paragraphs]
    assert recipients == [
        "Nơi nhận:",
        "- Công an thành phố Hà Nội (PV01);",
        "- Lãnh đạo UBND phường;",
        "- Lưu: VT.",
    ]
