"""Yên Hòa 179/KH-UBND: the November 2026 digest of UX.md, and the yearly phase."""

from __future__ import annotations

from datetime import date

from reports.digest import ward_digest
from reports.labels import file_names
from reports.phases import phase_containing
from reports.summary import summarise_ward
from tests.reports.yen_hoa_ward import build, campaign, november


def test_every_target_figure_by_figure() -> None:
    r = {
        result.spec.id: (result.numerator, result.denominator, result.status)
        for result in november().indicators
    }
    assert r == {
        # Tổ 12 (01/11 and 22/11) and Tổ 19 (30/11); Tổ 7's deed is on 31/10 → 2/3.
        "good-deed-every-month": (2, 3, "not_met"),
        # 12 and 30 minutes, both within 30 → 2/2.
        "antt-call-outs-in-time": (2, 2, "met"),
        # No propaganda call-out this month: nothing to divide.
        "propaganda-joined": (0, 0, "no_data"),
        # Patrolled: all 5 of Tổ 12, C and D of Tổ 7 → 7 of 11.
        "members-on-patrol": (7, 11, "not_met"),
        "members-guiding-traffic": (0, 11, "not_met"),
        # Tổ 7 4/4 ✓, Tổ 12 5/5 ✓, Tổ 19 2/3 ✗ → 2/3.
        "teams-fully-staffed": (2, 3, "not_met"),
        # Plan 179 sets no target and a ward sets none for a yes/no: no verdict.
        "no-serious-case": (None, None, "no_target"),
    }


def test_the_digest_reads_like_ux_md() -> None:
    summary = november()
    names = file_names(summary.period, summary.ward.name)
    assert ward_digest(summary, list(names.values())) == [
        "<b>Tổng hợp tháng 11/2026 · Phường Yên Hòa · 3 tổ, 11 thành viên</b>\n"
        "<i>Kế hoạch số 179/KH-UBND ngày 07/5/2026 của UBND phường Yên Hòa</i>\n"
        "⚠️ Việc tốt: 2/3 tổ đạt (67%, chỉ tiêu 100% do phường đặt) · chưa đạt: Tổ 7\n"
        "✅ Có mặt kịp thời khi huy động: 2/2 lần (100%)\n"
        "❔ Tham gia tuyên truyền khi huy động: không có lần huy động nào\n"
        "⚠️ Tham gia tuần tra: 7/11 thành viên (64%, chỉ tiêu 100% do phường đặt)"
        " · chưa đạt: Tổ 7, Tổ 19\n"
        "⚠️ Hỗ trợ phân luồng giao thông: 0/11 thành viên (0%, chỉ tiêu 100% do phường đặt)"
        " · chưa đạt: Tổ 7, Tổ 12, Tổ 19\n"
        "⚠️ Tổ đủ thành viên: 2/3 tổ đạt (67%, chỉ tiêu 100% do phường đặt) · chưa đạt: Tổ 19\n"
        "📊 Không vụ việc nghiêm trọng: không xảy ra vụ việc nghiêm trọng trở lên\n"
        "Nguồn tin: 3 (2 có giá trị) · Tuần tra: 2 lượt · Vi phạm phát hiện: 4\n"
        "PCCC: 0 lượt · CNCH: 0 lượt · Việc tốt: 3\n"
        "📎 TongHop_11-2026_YenHoa.xlsx  📎 BaoCao_11-2026_YenHoa.docx"
        "  📎 BieuDo_11-2026_YenHoa.png"
    ]


def test_the_yearly_phase_and_its_digest() -> None:
    year = phase_containing(campaign(), date(2026, 6, 1))
    assert year is not None
    assert (year.name, year.start, year.end) == ("Năm 2026", date(2026, 1, 1), date(2026, 12, 31))
    w = build()
    summary = summarise_ward(w.records(), w.ward_id, year, campaign())
    # 12 months × 3 teams = 36 team-months; deeds in Oct (Tổ 7) and Nov (Tổ 12, Tổ 19) → 3.
    deeds = summary.indicators[0]
    assert (deeds.numerator, deeds.denominator) == (3, 36)
    text = "\n".join(ward_digest(summary))
    assert text.startswith("<b>Tổng hợp Năm 2026 (01/01/2026 – 31/12/2026) · Phường Yên Hòa")
    assert (
        "3/36 lượt tổ-tháng đạt (8,3%, chỉ tiêu 100% do phường đặt)" not in text
    )  # 8.33 rounds to 8%
    assert "3/36 lượt tổ-tháng đạt (8%, chỉ tiêu 100% do phường đặt)" in text
    # A phase digest names the candidates: no team met every target it had data for; the
    # member in the most reports is G (deeds of 01/11 and 22/11, the patrol of 14/11).
    assert text.endswith("Đề xuất khen thưởng: Trần Thị G (Tổ 12)")
