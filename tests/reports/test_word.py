"""The Word report read back with python-docx: Decree 30/2020 header, sections, tables, fonts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocumentObject
from docx.styles.style import ParagraphStyle
from docx.table import Table
from docx.text.paragraph import Paragraph

from reports import labels
from reports.config_files import ConfigFileError
from reports.make_template import TEMPLATE_PATH, build_template
from reports.periods import rating_year
from reports.rating_rules import load_rating_rules
from reports.summary import summarise_province, summarise_ward
from reports.word import OfficerNotes, place_and_date, province_report, ward_report
from tests.reports import test_ha_noi
from tests.reports.yen_hoa_ward import SECRET, build, campaign, november

ISSUED = date(2026, 12, 1)


def read(data: bytes) -> DocumentObject:
    return Document(BytesIO(data))


@pytest.fixture(scope="module")
def report() -> DocumentObject:
    return read(ward_report(november(), ISSUED))


def all_paragraphs(document: DocumentObject) -> Iterator[Paragraph]:
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def plain(text: str) -> str:
    """Text as read aloud: the no-break spaces that hold names together read as spaces."""
    return text.replace("\u00a0", " ")


def texts(document: DocumentObject) -> list[str]:
    return [paragraph.text for paragraph in document.paragraphs]


def table_with(document: DocumentObject, first_header: str, second: str) -> Table:
    return next(
        table
        for table in document.tables
        if [cell.text for cell in table.rows[0].cells][:2] == [first_header, second]
    )


def test_national_header_issuing_body_number_place_and_date(report: DocumentObject) -> None:
    head = report.tables[0]
    assert plain(head.cell(0, 0).text).split("\n")[:2] == [
        "CÔNG AN THÀNH PHỐ HÀ NỘI",
        "CÔNG AN PHƯỜNG YÊN HÒA",
    ]
    assert head.cell(0, 1).text.split("\n")[:2] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert head.cell(1, 0).text == "Số: …/BC-CAP"
    assert plain(head.cell(1, 1).text) == "Yên Hòa, ngày 01 tháng 12 năm 2026"


def test_title_subject_and_sections(report: DocumentObject) -> None:
    lines = texts(report)
    kind = lines.index("BÁO CÁO")
    assert lines[kind + 1] == (
        "Kết quả thực hiện phong trào thi đua “Toàn dân bảo vệ an ninh Tổ quốc” trong lực lượng"
        " tham gia bảo vệ an ninh, trật tự ở cơ sở tháng 11/2026"
    )
    sections = [line for line in lines if line.split(" ")[0] in ("I.", "II.", "III.", "IV.")]
    assert sections == [
        "I. KẾT QUẢ THỰC HIỆN",
        "II. ĐÁNH GIÁ CHUNG",
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
        "IV. ĐỀ XUẤT KHEN THƯỞNG",
    ]
    placeholders = [
        p for p in report.paragraphs if p.style is not None and p.style.name == "ANTT Placeholder"
    ]
    assert len(placeholders) == 3
    assert all(p.text.startswith("[Phần này do cán bộ Công an phường viết") for p in placeholders)
    assert "Toàn phường có 3 tổ bảo vệ ANTT ở cơ sở với 11 thành viên" in "\n".join(lines)


def test_indicator_and_team_tables_come_from_the_data(report: DocumentObject) -> None:
    indicators = table_with(report, "STT", "Chỉ tiêu")
    values = [[cell.text for cell in row.cells] for row in indicators.rows[1:]]
    assert values[0] == [
        "1",
        "Mỗi tổ thực hiện ít nhất 01 việc tốt mỗi tháng",
        "2/3 tổ",
        "67%",
        "100% (phường đặt)",
        "Chưa đạt",
    ]
    assert values[1][2:] == ["2/2 lần", "100%", "100% (phường đặt)", "Đạt"]
    assert values[2][2:] == [
        "Không có lần huy động nào",
        "",
        "100% (phường đặt)",
        "Chưa có số liệu",
    ]
    # No target: what happened, without "Đạt"; never a bare "Có"/"Không" under a negative label.
    assert values[6][2:] == [
        "Không xảy ra vụ việc nghiêm trọng trở lên",
        "",
        "Không đặt",
        "Không đánh giá",
    ]
    teams = table_with(report, "STT", "Tổ")
    rows = [[cell.text for cell in row.cells] for row in teams.rows[1:]]
    # Tổ 7, Tổ 12, Tổ 19: members, deeds, patrols, call-outs, tips, targets met, rank.
    # Team-level targets: deeds, ANTT call-outs, propaganda (no call-out: no data), patrol,
    # traffic, staffing. Tổ 7: ✗ ✓ – ✗ ✗ ✓ = 2/5; Tổ 12: ✓ ✓ – ✓ ✗ ✓ = 4/5;
    # Tổ 19: ✓ – – ✗ ✗ ✗ = 1/4.
    assert rows == [
        ["1", "Tổ 7", "4", "0", "1", "1", "1", "2/5", "2"],
        ["2", "Tổ 12", "5", "2", "1", "1", "2", "4/5", "1"],
        ["3", "Tổ 19", "2", "1", "0", "0", "0", "1/4", "3"],
    ]
    totals = table_with(report, "Nội dung", "Số lượng")
    figures = {row.cells[0].text: row.cells[1].text for row in totals.rows[1:]}
    assert figures["Nguồn tin có giá trị"] == "2"
    assert figures["Vi phạm phát hiện qua tuần tra"] == "4"


def test_recipients_and_signature(report: DocumentObject) -> None:
    closing = report.tables[-1]
    assert closing.cell(0, 0).text.split("\n")[0] == "Nơi nhận:"
    assert "- Lưu: VT." in closing.cell(0, 0).text
    assert closing.cell(0, 1).text.split("\n")[0] == "TRƯỞNG CÔNG AN PHƯỜNG"


def effective(paragraph: Paragraph) -> tuple[str | None, float | None]:
    """The font name and size a paragraph's text is shown in."""
    style = paragraph.style
    name = size = None
    while style is not None and (name is None or size is None):
        assert isinstance(style, ParagraphStyle)
        name = name or style.font.name
        size = size or (style.font.size.pt if style.font.size else None)
        style = style.base_style
    for run in paragraph.runs:
        assert run.font.name in (None, name)
    return name, size


def test_times_new_roman_13_to_14_on_a4(report: DocumentObject) -> None:
    for paragraph in all_paragraphs(report):
        name, size = effective(paragraph)
        assert name == "Times New Roman"
        assert size is not None and 11 <= size <= 14
    body = [
        effective(p)[1]
        for p in report.paragraphs
        if p.style is not None and p.style.name == "ANTT Body"
    ]
    assert set(body) == {14}
    section = report.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(margin.mm) for margin in margins if margin is not None] == [20, 20, 30, 15]


def test_officer_notes_replace_the_placeholders() -> None:
    notes = OfficerNotes(strengths="Các tổ tích cực.", weaknesses="", next_steps="Tăng tuần tra.")
    document = read(ward_report(november(), ISSUED, notes=notes))
    lines = texts(document)
    assert "Các tổ tích cực." in lines and "Tăng tuần tra." in lines
    assert sum(line.startswith("[Phần này do cán bộ") for line in lines) == 1


def test_without_a_date_the_officer_fills_it_in() -> None:
    document = read(ward_report(november()))
    assert plain(document.tables[0].cell(1, 1).text) == "Yên Hòa, ngày … tháng … năm 2026"


def test_dates_in_the_decree_style() -> None:
    period = november().period
    assert (
        place_and_date("Yên Hòa", date(2027, 2, 5), period) == "Yên Hòa, ngày 05 tháng 02 năm 2027"
    )
    assert (
        place_and_date("Yên Hòa", date(2026, 11, 9), period) == "Yên Hòa, ngày 09 tháng 11 năm 2026"
    )


def test_a_rating_year_report_rates_teams_and_members() -> None:
    w = build()
    year = rating_year(2026, load_rating_rules().year_starts)
    summary = summarise_ward(w.records(), w.ward_id, year, campaign())
    document = read(ward_report(summary, date(2026, 11, 9)))
    lines = texts(document)
    assert "5. Kết quả đánh giá, xếp loại" in lines
    assert lines[lines.index("BÁO CÁO") + 1].endswith("năm 2026 (15/11/2025 – 14/11/2026)")
    ratings = table_with(document, "STT", "Tên")
    # Members joined 01/03/2025: a full year; every team was active for 12 whole months.
    assert ratings.rows[1].cells[3].text == "12"
    # The source as it is cited, nothing internal; the cap and its rule for ties, written out.
    assert "Căn cứ: Hướng dẫn số 01/HD-BCA-V05 năm 2026." in lines
    assert not any("[cần kiểm tra]" in line or "[check]" in line for line in lines)
    assert any(
        line.startswith("Số được xếp loại hoàn thành xuất sắc nhiệm vụ không quá 20%")
        and "xét lần lượt: số báo cáo tham gia nhiều hơn, số tháng hoạt động nhiều hơn" in line
        for line in lines
    )


def test_phase_report_subject_and_commendation() -> None:
    from tests.reports import test_phan_dinh_phung as pdp

    w = pdp.build()
    summary = summarise_ward(w.records(), w.ward_id, pdp.Q2, pdp.CAMPAIGN)
    document = read(ward_report(summary, date(2025, 7, 3)))
    lines = texts(document)
    assert lines[lines.index("BÁO CÁO") + 1].startswith("Sơ kết đợt 2 phong trào thi đua")
    assert "III. PHƯƠNG HƯỚNG, NHIỆM VỤ ĐỢT TIẾP THEO" in lines
    # Phan Đình Phùng's plan sets no number of proposals: the report claims none.
    assert not any(line.startswith("Theo kế hoạch") for line in lines)
    assert (
        "Căn cứ kết quả thực hiện đợt 2 (01/04/2025 – 30/06/2025), Công an phường Phan Đình"
        " Phùng đề xuất xem xét khen thưởng các tập thể, cá nhân có thành tích tiêu biểu sau:"
        in lines
    )
    candidate = next(
        plain(line) for line in lines if plain(line).startswith("- Tổ bảo vệ ANTT số 1:")
    )
    assert (
        candidate == "- Tổ bảo vệ ANTT số 1: đạt 3/3 chỉ tiêu; hoạt động: 3 việc tốt; 1 tuần tra."
    )
    evidence = [p.text for p in document.paragraphs if p.text.startswith("+ #")]
    assert evidence[0].startswith("+ #") and "ngày 30/06/2025 – Việc tốt: Giúp dân" in evidence[0]


def test_the_province_report() -> None:
    w = test_ha_noi.build()
    city = summarise_province(w.records(), w.province_id, test_ha_noi.DOT_1, test_ha_noi.CAMPAIGN)
    document = read(province_report(city, date(2026, 2, 2)))
    assert plain(document.tables[0].cell(0, 0).text).split("\n")[:2] == [
        "BỘ CÔNG AN",
        "CÔNG AN THÀNH PHỐ HÀ NỘI",
    ]
    assert plain(document.tables[0].cell(1, 1).text) == "Hà Nội, ngày 02 tháng 02 năm 2026"
    wards = table_with(document, "STT", "Xã, phường")
    assert [plain(row.cells[1].text) for row in wards.rows[1:]] == [
        "Phường Cầu Giấy",
        "Phường Yên Hòa",
    ]
    indicators = table_with(document, "STT", "Chỉ tiêu")
    deeds = next(row for row in indicators.rows if row.cells[1].text.startswith("Mỗi tổ"))
    assert [cell.text for cell in deeds.cells][2:] == [
        "8/10",
        "80%",
        "100% (KH 357/KH-UBND, mục II.7)",
        "1/2 xã/phường đạt",
    ]


def test_no_tip_content_and_same_bytes_every_time() -> None:
    data = ward_report(november(), ISSUED)
    assert data == ward_report(november(), ISSUED)
    document = read(data)
    assert not any(SECRET in paragraph.text for paragraph in all_paragraphs(document))


def test_the_committed_template_is_what_the_script_writes() -> None:
    assert TEMPLATE_PATH.read_bytes() == build_template()


def test_a_template_without_the_styles_is_refused(tmp_path: Path) -> None:
    plain = tmp_path / "plain.docx"
    Document().save(str(plain))
    with pytest.raises(ConfigFileError, match=r"plain\.docx: style 'ANTT Parent Body' is missing"):
        ward_report(november(), ISSUED, template=plain)
    with pytest.raises(ConfigFileError, match="not a Word document"):
        ward_report(november(), ISSUED, template=tmp_path / "missing.docx")


def test_labels_are_in_one_place() -> None:
    assert labels.NATION == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert labels.MOTTO == "Độc lập - Tự do - Hạnh phúc"
