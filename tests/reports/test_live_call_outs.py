"""Call-outs made live from the bot in Hà Nội's Đợt 1 (22/12/2025–30/01/2026, a phase that
starts mid-month), over the ward of tests/reports/test_ha_noi.py.

At 23:10 on 23/12 the ward calls Tổ 1, Tổ 2 and Tổ 3 out to an ANTT incident: in Tổ 1
Thành viên 1.1 is there at 23:22 (12 minutes) and 1.2 declines; in Tổ 2 2.1 never answers and
2.2 is there at 23:55 (45 minutes: late against the plan's 30); in Tổ 3 nobody comes (3.1 says
nothing, 3.2 declines), so Tổ 3 has no record. On 20/12, before the phase, Tổ 1 was called out
too (nobody came): December is judged, but that call-out is not the phase's.

"Có mặt kịp thời khi được huy động" counts everyone called: 1 in time of the 6 called, plus
Tổ 4's call-out typed afterwards (25 minutes, in time): 2/7. Today's rule, a record per team,
read 2/3 (Tổ 1 in time, Tổ 2 late, Tổ 4 in time) and never saw Tổ 3.
"""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO

from docx import Document
from openpyxl import load_workbook

from reports import labels
from reports.digest import province_digest, ward_digest
from reports.excel import ward_workbook
from reports.indicators import IndicatorResult
from reports.summary import WardSummary, summarise_province, summarise_ward
from reports.word import province_report, ward_report
from tests.reports.builders import Ward
from tests.reports.test_ha_noi import CAMPAIGN, DOT_1, build

D = date
ISSUED = D(2026, 2, 2)


def team_id(w: Ward, number: int) -> int:
    return next(unit.id for unit in w.units if unit.name == f"Tổ bảo vệ ANTT số {number}")


def member_id(w: Ward, name: str) -> int:
    return next(member.id for member in w.members if member.full_name == f"Thành viên {name}")


def with_live_call_outs() -> Ward:
    w = build()
    t1, t2, t3 = (team_id(w, number) for number in (1, 2, 3))
    w.live_call_out(D(2025, 12, 20), "antt", "21:00", [(t1, member_id(w, "1.3"), "none", None)])
    w.live_call_out(
        D(2025, 12, 23),
        "antt",
        "23:10",
        [
            (t1, member_id(w, "1.1"), "coming", "23:22"),
            (t1, member_id(w, "1.2"), "declined", None),
            (t2, member_id(w, "2.1"), "none", None),
            (t2, member_id(w, "2.2"), "late", "23:55"),
            (t3, member_id(w, "3.1"), "none", None),
            (t3, member_id(w, "3.2"), "declined", None),
        ],
    )
    return w


def summary() -> WardSummary:
    w = with_live_call_outs()
    return summarise_ward(w.records(), w.ward_id, DOT_1, CAMPAIGN)


def in_time(result: WardSummary) -> IndicatorResult:
    return next(r for r in result.indicators if r.spec.id == "antt-call-outs-in-time")


def test_everyone_called_counts_for_the_target_a_decline_or_silence_against() -> None:
    result = in_time(summary())
    assert (result.numerator, result.denominator) == (2, 7)
    assert result.counted == "called"
    assert result.status == "not_met"
    assert result.shortfall == (
        "Tổ bảo vệ ANTT số 1",
        "Tổ bảo vệ ANTT số 2",
        "Tổ bảo vệ ANTT số 3",
    )


def test_a_team_counts_its_own_people_called() -> None:
    teams = {team.team.name: team for team in summary().teams}

    def own(name: str) -> tuple[int | None, int | None]:
        result = next(r for r in teams[name].indicators if r.spec.id == "antt-call-outs-in-time")
        return result.numerator, result.denominator

    assert own("Tổ bảo vệ ANTT số 1") == (1, 2)
    assert own("Tổ bảo vệ ANTT số 3") == (0, 2)  # nobody came: no record, still counted
    assert own("Tổ bảo vệ ANTT số 4") == (1, 1)  # typed afterwards: as before


def test_the_digest_shows_who_came_of_those_called_and_how_fast() -> None:
    text = "\n".join(ward_digest(summary()))
    assert "Có mặt kịp thời khi huy động: 2/7 lượt người được huy động" in text
    assert (
        "⏱ 1 lần huy động qua bot: có mặt 2/6 người được gọi (từ chối 2, không trả lời 2)"
        " · thời gian có mặt: trung vị 28,5 phút, 90% trong 45 phút"
    ) in text


def test_the_workbook_lists_each_team_called_with_its_times_and_answers() -> None:
    workbook = load_workbook(BytesIO(ward_workbook(summary(), ISSUED)))
    header, *rows = [tuple(row) for row in workbook["Huy động"].iter_rows(values_only=True)]
    assert header == (*labels.CALL_OUT_HEADERS, *labels.LIVE_CALL_OUT_HEADERS)
    live = [(row[2], row[4], row[5], row[6], row[7], *row[9:]) for row in rows if row[9]]
    assert live == [
        (
            "Tổ bảo vệ ANTT số 1",
            datetime(2025, 12, 23, 23, 10),
            datetime(2025, 12, 23, 23, 22),
            12,
            "Có",
            2,
            1,
            1,
            0,
            12,
            12,
            "Trực tiếp trên bot",
        ),
        (
            "Tổ bảo vệ ANTT số 2",
            datetime(2025, 12, 23, 23, 10),
            datetime(2025, 12, 23, 23, 55),
            45,
            "Không",
            2,
            1,
            0,
            1,
            45,
            45,
            "Trực tiếp trên bot",
        ),
        (
            "Tổ bảo vệ ANTT số 3",
            datetime(2025, 12, 23, 23, 10),
            None,
            None,
            "Không",
            2,
            0,
            1,
            1,
            None,
            None,
            "Trực tiếp trên bot",
        ),
    ]
    typed = [row for row in rows if not row[9]]
    assert [row[2] for row in typed] == [
        "Tổ bảo vệ ANTT số 1",
        "Tổ bảo vệ ANTT số 2",
        "Tổ bảo vệ ANTT số 4",
    ]
    assert all(cell is None for row in typed for cell in row[9:15])
    # Told apart: dispatched from the bot, or by phone and reported afterwards.
    assert [row[15] for row in typed] == ["Báo cáo lại"] * 3


def test_the_digest_tells_the_call_outs_from_the_bot_from_those_reported_afterwards() -> None:
    # 23/12 from the bot (three teams, one call-out); Tổ 1, 2 and 4 typed theirs afterwards.
    text = "\n".join(ward_digest(summary()))
    assert "🚨 1 huy động trực tiếp trên bot, 3 báo cáo lại" in text


def test_the_word_report_has_a_paragraph_on_the_call_outs_made_from_the_bot() -> None:
    document = Document(BytesIO(ward_report(summary(), ISSUED)))
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert "Huy động qua bot" in texts
    assert "1 huy động trực tiếp trên bot, 3 báo cáo lại." in texts
    assert (
        "1 lần huy động qua bot: có mặt 2/6 người được gọi (từ chối 2, không trả lời 2)"
        " · thời gian có mặt: trung vị 28,5 phút, 90% trong 45 phút."
    ) in texts
    assert "- Tổ 3: có mặt 0/2 · chưa ai có mặt." in texts
    assert "- Tổ 1: có mặt 1/2 · thời gian có mặt: trung vị 12 phút, 90% trong 12 phút." in texts


def test_the_city_pools_everyone_called() -> None:
    w = with_live_call_outs()
    city = summarise_province(w.records(), w.province_id, DOT_1, CAMPAIGN)
    pooled = next(i for i in city.indicators if i.spec.id == "antt-call-outs-in-time")
    assert (pooled.numerator, pooled.denominator) == (2, 7)
    text = "\n".join(province_digest(city))
    assert "⏱ 1 lần huy động qua bot: có mặt 2/6 người được gọi" in text
    document = Document(BytesIO(province_report(city, ISSUED)))
    texts = [paragraph.text.replace("\xa0", " ") for paragraph in document.paragraphs]
    assert (
        "- Phường Yên Hòa: có mặt 2/6 · thời gian có mặt: trung vị 28,5 phút, 90% trong 45 phút."
    ) in texts
