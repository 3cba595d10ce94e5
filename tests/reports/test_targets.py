"""Who set each target, said in every file: a plan's target cites the plan by its own number
and section, a ward's own target is labelled as the ward's, a plan with no target shows the
results without "Đạt/Chưa đạt", and a figure that measures less than the plan asks never reads
as met (Hà Nội 357 II.3, II.5, II.7)."""

from __future__ import annotations

import re
from datetime import date
from io import BytesIO

import pytest
from docx import Document
from openpyxl import load_workbook

from reports.campaigns import Campaign, load_campaigns
from reports.digest import ward_digest
from reports.excel import ward_workbook
from reports.periods import month, rating_year
from reports.rating_rules import load_rating_rules
from reports.summary import WardSummary, summarise_ward
from reports.word import ward_report
from tests.reports import test_ha_noi, test_phan_dinh_phung, yen_hoa_ward
from tests.reports.builders import Ward

D = date
VERDICTS = {"Đạt", "Chưa đạt"}


def word_indicators(summary: WardSummary) -> list[list[str]]:
    """The rows of the Word report's indicator table (without its heading)."""
    document = Document(BytesIO(ward_report(summary, D(2026, 12, 1))))
    table = next(t for t in document.tables if t.rows[0].cells[1].text == "Chỉ tiêu")
    return [[cell.text for cell in row.cells] for row in table.rows[1:]]


def workbook_indicators(summary: WardSummary) -> list[tuple[object, ...]]:
    """The indicator rows of the workbook's summary sheet (label … Căn cứ)."""
    sheet = load_workbook(BytesIO(ward_workbook(summary, D(2026, 12, 1))))["Tổng hợp"]
    found: list[tuple[object, ...]] = [tuple(row) for row in sheet.iter_rows(values_only=True)]
    start = next(i for i, row in enumerate(found) if row[:2] == ("Chỉ tiêu", "Đạt"))
    return found[start + 1 : start + 1 + len(summary.indicators)]


def digest_lines(summary: WardSummary) -> list[str]:
    return "\n".join(ward_digest(summary)).split("\n")[2 : 2 + len(summary.indicators)]


def test_yen_hoa_plan_sets_no_target_so_no_verdict_anywhere() -> None:
    w = yen_hoa_ward.build()
    summary = summarise_ward(w.records(), w.ward_id, month(2026, 11), yen_hoa_ward.as_filed())
    assert {result.status for result in summary.indicators} == {"no_target", "no_data"}
    for line in digest_lines(summary):
        assert not line.startswith(("✅", "⚠️", "☑️")), line
        assert "chỉ tiêu" not in line.split("·")[0] and " đạt" not in line, line
    assert "📊 Việc tốt: 2/3 tổ (67%) · kế hoạch không đặt chỉ tiêu" in digest_lines(summary)
    for row in word_indicators(summary):
        assert row[4] == "Không đặt" and row[5] in ("Không đánh giá", "Chưa có số liệu"), row
    for cells in workbook_indicators(summary):
        assert cells[4] == "Không đặt" and cells[5] not in VERDICTS, cells
    # No target is not a failure: no team is scored or ranked down on it.
    assert all(team.score is None and not team.with_data for team in summary.teams)


def test_yen_hoa_target_the_ward_set_is_labelled_as_the_wards() -> None:
    summary = yen_hoa_ward.november()  # the ward set 100% itself
    assert "⚠️ Việc tốt: 2/3 tổ đạt (67%, chỉ tiêu 100% do phường đặt) · chưa đạt: Tổ 7" in (
        digest_lines(summary)
    )
    assert word_indicators(summary)[0][4:] == ["100% (phường đặt)", "Chưa đạt"]
    assert workbook_indicators(summary)[0][4:] == (
        "100% (phường đặt)",
        "Chưa đạt",
        "KH 179/KH-UBND, mục II.3",
        None,  # no note: the teams' own reports, no police figure
    )


def test_a_target_a_plan_does_not_set_cannot_be_taken_as_the_plans() -> None:
    campaign = load_campaigns()["ha-noi-357"]
    # Hà Nội's targets are the plan's: a ward's number does not replace them.
    assert campaign.with_ward_targets({"good-deed-every-month": 50}) == campaign
    assert campaign.ward_settable() == ()
    base = load_campaigns()["yen-hoa-179"].model_dump()
    base["indicators"][0]["target"] = 100  # a target without saying who set it
    with pytest.raises(ValueError, match="target_source is none"):
        Campaign.model_validate(base)


def test_phan_dinh_phung_targets_are_the_wards_own() -> None:
    w = test_phan_dinh_phung.build()
    campaign = test_phan_dinh_phung.CAMPAIGN
    summary = summarise_ward(w.records(), w.ward_id, test_phan_dinh_phung.Q2, campaign)
    assert {spec.target_source for spec in campaign.indicators} == {"ward"}
    targets = [row[4] for row in word_indicators(summary)]
    assert targets == ["100% (phường đặt)"] * 3
    for line in digest_lines(summary):
        if "chỉ tiêu" in line:
            assert "chỉ tiêu 100% do phường đặt" in line
    # The officer changes it: the new figure is the ward's, and so is the verdict.
    lowered = campaign.with_ward_targets({"good-deed-every-month": 50})
    again = summarise_ward(w.records(), w.ward_id, test_phan_dinh_phung.Q2, lowered)
    deeds = next(r for r in again.indicators if r.spec.id == "good-deed-every-month")
    assert (deeds.spec.target, deeds.spec.target_source) == (50, "ward")


@pytest.mark.parametrize(
    ("campaign_id", "expected"),
    [
        ("ha-noi-357", "KH 357/KH-UBND, mục II.4"),
        ("hai-an-2024", "KH-BCĐ 799 quận Hải An 11/2024, mục IV.1"),
        ("yen-hoa-179", "KH 179/KH-UBND, mục II.5"),
        ("phan-dinh-phung-2025", "KH-BCĐ phường Phan Đình Phùng năm 2025, mục II.4"),
    ],
)
def test_can_cu_cites_the_plan_by_its_own_number_and_section(
    campaign_id: str, expected: str
) -> None:
    campaign = load_campaigns()[campaign_id]
    w = test_ha_noi.build()
    summary = summarise_ward(w.records(), w.ward_id, month(2026, 1), campaign)
    cited = [row[6] for row in workbook_indicators(summary)]
    assert expected in cited
    for text in cited:
        assert isinstance(text, str) and ", mục " in text
        assert not re.match(r"^\d{3} ", text) and "[" not in text


def partial_ward() -> Ward:
    """A Hà Nội team in March 2026 that does everything the bot can see: a good deed, both
    members guiding traffic, the one propaganda call-out joined."""
    w = Ward("Phường Nghĩa Đô", "Thành phố Hà Nội")
    team = w.team("Ơn", 2)
    lan = w.member(team, "Nguyễn Thị Lan", D(2025, 1, 1))
    hung = w.member(team, "Đỗ Văn Hùng", D(2025, 1, 1))
    w.report("good_deed", team, lan, D(2026, 3, 8), what="Giúp cụ bà", participants=[lan])
    w.report("traffic", team, lan, D(2026, 3, 9), place="Cổng trường", participants=[lan, hung])
    w.call_out(team, lan, D(2026, 3, 10), "propaganda", "08:00", "08:20", [lan, hung])
    return w


def test_a_figure_that_measures_less_than_the_plan_asks_never_reads_as_met() -> None:
    w = partial_ward()
    summary = summarise_ward(w.records(), w.ward_id, month(2026, 3), test_ha_noi.CAMPAIGN)
    by_id = {result.spec.id: result for result in summary.indicators}
    for key in ("good-deed-every-month", "members-guiding-traffic", "propaganda-joined"):
        assert by_id[key].status == "met_in_part", key
    lines = digest_lines(summary)
    deeds = next(line for line in lines if "Việc tốt" in line)
    assert deeds.startswith("☑️ ")
    assert "cán bộ bổ sung: 100% thành viên gương mẫu chấp hành" in deeds
    traffic = next(line for line in lines if "phân luồng" in line)
    assert "dữ liệu phương tiện, giấy phép lái xe" in traffic
    rows = {row[1].split(" (")[0]: row for row in word_indicators(summary)}
    for label in (
        "Mỗi tổ thực hiện ít nhất 01 việc tốt trong một tháng thi đua",
        "Thành viên hỗ trợ hướng dẫn, phân luồng giao thông giờ cao điểm",
    ):
        assert rows[label][5] == "Đạt phần do hệ thống đo"
        assert "cán bộ bổ sung:" in rows[label][1]
    verdicts = {row[0]: row[5] for row in workbook_indicators(summary)}
    assert verdicts["Mỗi tổ thực hiện ít nhất 01 việc tốt trong một tháng thi đua"] == (
        "Đạt phần do hệ thống đo; cán bộ bổ sung: 100% thành viên gương mẫu chấp hành đúng các"
        " quy định pháp luật"
    )


def test_a_team_with_no_target_to_judge_is_not_rated_down() -> None:
    w = yen_hoa_ward.build()
    rules_year = rating_year(2026, load_rating_rules().year_starts)
    summary = summarise_ward(w.records(), w.ward_id, rules_year, yen_hoa_ward.as_filed())
    assert summary.ratings is not None
    assert {r.reason for r in summary.ratings.teams} <= {"no_target", "too_short"}
    assert all(r.level is None for r in summary.ratings.teams)
