"""Hải An 2024–2025, Đợt 1 (01/11/2024–03/02/2025): a ward of three teams, worked by hand.

Phường Đằng Hải, under the (since abolished) district Quận Hải An, under Thành phố Hải Phòng.
Members: Tổ 1 a1 b1 c1; Tổ 2 a2 b2, and c2 from 15/12/2024; Tổ 3 a3, and b3 who left on
20/01/2025. On the phase's last day (03/02/2025) 7 members are active: 3 + 3 + 1.
"""

from __future__ import annotations

from datetime import date, datetime
from fractions import Fraction
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from reports import labels
from reports.campaigns import load_campaigns
from reports.describe import describe
from reports.excel import ward_workbook
from reports.indicators import IndicatorResult
from reports.phases import phase_named
from reports.records import ReportRecord
from reports.review import LEVELS
from reports.summary import WardSummary, summarise_ward
from reports.word import ward_report
from tests.reports.builders import Ward

D = date
ROOT = Path(__file__).resolve().parents[2]
JOINED = D(2024, 10, 1)


def build() -> Ward:
    """The ward, its members and its reports, including some just outside Đợt 1."""
    w = Ward("Phường Đằng Hải", "Thành phố Hải Phòng", district="Quận Hải An")
    t1, t2, t3 = w.team(1), w.team(2), w.team(3)
    a1, b1, c1 = (
        w.member(t1, name, JOINED) for name in ("Phạm Văn An", "Bùi Thị Bình", "Vũ Cường")
    )
    a2, b2 = w.member(t2, "Đỗ Văn Dũng", JOINED), w.member(t2, "Hoàng Thị Em", JOINED)
    c2 = w.member(t2, "Ngô Văn Phúc", D(2024, 12, 15))
    a3 = w.member(t3, "Lý Văn Giang", JOINED)
    b3 = w.member(t3, "Mai Thị Hoa", JOINED, left=D(2025, 1, 20))

    # Good deeds. Tổ 1 and Tổ 3 every month (Tổ 1's last one on the phase's last day);
    # Tổ 2 in November and January only: its 04/02/2025 deed belongs to Đợt 2.
    for day in (D(2024, 11, 5), D(2024, 12, 10), D(2025, 1, 15), D(2025, 2, 3)):
        w.report("good_deed", t1, a1, day, what="Dọn vệ sinh ngõ 5", participants=[a1])
    for day in (D(2024, 11, 20), D(2025, 1, 5), D(2025, 2, 4)):
        w.report("good_deed", t2, a2, day, what="Đưa em nhỏ lạc về nhà", participants=[a2])
    for day in (D(2024, 11, 2), D(2024, 12, 2), D(2025, 1, 2), D(2025, 2, 1)):
        w.report("good_deed", t3, a3, day, what="Sửa đèn đường", participants=[a3])

    # Call-outs: ANTT in 30 minutes exactly (in time), in 31 (late), never arrived (late);
    # PCCC and CNCH in time; one more ANTT on 04/02/2025 (Đợt 2).
    w.call_out(t1, b1, D(2024, 11, 10), "antt", "20:00", "20:30", participants=[b1, c1])
    w.call_out(t2, b2, D(2024, 12, 1), "antt", "21:00", "21:31")
    w.call_out(t3, a3, D(2025, 1, 10), "antt", "22:00", None)
    w.call_out(t1, a1, D(2025, 2, 3), "pccc", "10:00", "10:15")
    w.call_out(t3, a3, D(2024, 12, 20), "cnch", "15:00", "15:10")
    w.call_out(t2, a2, D(2025, 2, 4), "antt", "09:00", "09:05")

    # Tips: 4 in the phase (one valuable), 1 the day after.
    w.report(
        "tip", t1, c1, D(2024, 11, 11), content="BÍ-MẬT-1 nhà số 7", place="ngõ 7", valuable=True
    )
    w.report("tip", t1, c1, D(2024, 12, 11), content="BÍ-MẬT-2", place="chợ", valuable=False)
    w.report("tip", t2, b2, D(2025, 1, 11), content="BÍ-MẬT-3", place="bến xe")
    w.report("tip", t3, a3, D(2025, 2, 2), content="BÍ-MẬT-4", place="cầu")
    w.report("tip", t3, a3, D(2025, 2, 4), content="BÍ-MẬT-5", place="cầu")

    # Patrols: Tổ 1 a1+b1 (3 violations), Tổ 2 b2+c2 (1), Tổ 3 b3 alone (she left since);
    # c1's patrol on 04/02/2025 is Đợt 2.
    w.report(
        "patrol",
        t1,
        a1,
        D(2024, 11, 15),
        patrol_kind="antt",
        span="20:00-22:00",
        area="Ngõ 5",
        participants=[a1, b1],
        violations=3,
    )
    w.report(
        "patrol",
        t2,
        b2,
        D(2025, 1, 10),
        patrol_kind="atgt",
        span="06:30-08:00",
        area="Lê Hồng Phong",
        participants=[b2, c2],
        violations=1,
    )
    w.report(
        "patrol",
        t3,
        b3,
        D(2024, 11, 20),
        patrol_kind="night",
        span="22:00-24:00",
        area="Chợ",
        participants=[b3],
        violations=0,
    )
    w.report(
        "patrol",
        t1,
        c1,
        D(2025, 2, 4),
        patrol_kind="antt",
        span="20:00-21:00",
        area="Ngõ 5",
        participants=[c1],
    )

    # Models: Tổ 1's acknowledged by police, Tổ 2's not yet.
    w.report(
        "model",
        t1,
        a1,
        D(2024, 12, 1),
        name="Camera an ninh ngõ 5",
        started_on="2024-12-01",
        recognised_by="Công an quận",
        acknowledged=True,
        acknowledged_level="district_police",
    )
    w.report(
        "model",
        t2,
        a2,
        D(2024, 12, 5),
        name="Tổ tự quản",
        started_on="2024-12-05",
        recognised_by="",
        acknowledged=False,
    )

    # Police: total tips month by month, as /solieu takes them: 11/2024–01/2025 are Đợt 1's
    # months (2 + 1 + 2 = 5), 02/2025 is Đợt 2's; households for the whole phase; yes/no
    # answers, one missing.
    for start, end, total in (
        (D(2024, 11, 1), D(2024, 11, 30), 2),
        (D(2024, 12, 1), D(2024, 12, 31), 1),
        (D(2025, 1, 1), D(2025, 1, 31), 2),
        (D(2025, 2, 1), D(2025, 2, 28), 6),
    ):
        w.police(start, end, tips_total=total)
    w.police(
        D(2024, 11, 1),
        D(2025, 2, 3),
        households_total=1000,
        households_provided=905,
        no_violating_business=True,
        no_weapons_case=True,
        no_reoffending=False,
    )
    return w


@pytest.fixture
def summary() -> WardSummary:
    ward = build()
    campaign = load_campaigns()["hai-an-2024"]
    return summarise_ward(ward.records(), ward.ward_id, phase_named(campaign, "Đợt 1"), campaign)


def results(summary: WardSummary) -> dict[str, IndicatorResult]:
    return {result.spec.id: result for result in summary.indicators}


def test_good_deeds_every_month(summary: WardSummary) -> None:
    # Đợt 1 is judged on 11/2024, 12/2024 and 01/2025 (02/2025 holds more days of Đợt 2, so it
    # is Đợt 2's): 3 months × 3 teams = 9 team-months, the days 01–03/02 not one of them;
    # met: Tổ 1 3 + Tổ 2 2 (Nov, Jan) + Tổ 3 3 = 8 → 8/9 = 88.9% < 100%.
    result = results(summary)["good-deed-every-month"]
    assert (result.numerator, result.denominator) == (8, 9)
    assert result.percentage == Fraction(800, 9)
    assert result.status == "not_met"
    assert result.shortfall == ("Tổ bảo vệ ANTT số 2",)
    assert result.counted == "team_month"


def test_call_outs_in_time(summary: WardSummary) -> None:
    r = results(summary)
    # ANTT: 30 min (in time), 31 min (late), no arrival (late) → 1/3; the 04/02 one is Đợt 2.
    assert (r["antt-call-outs-in-time"].numerator, r["antt-call-outs-in-time"].denominator) == (
        1,
        3,
    )
    assert r["antt-call-outs-in-time"].shortfall == ("Tổ bảo vệ ANTT số 2", "Tổ bảo vệ ANTT số 3")
    # PCCC 15 min and CNCH 10 min → 2/2.
    fire = r["fire-rescue-in-time"]
    assert (fire.numerator, fire.denominator, fire.status) == (2, 2, "met")


def test_tips_reach_police_through_the_force(summary: WardSummary) -> None:
    # Both sides over the same months, 11/2024–01/2025: 3 tips logged through the force (the
    # one of 02/02 is February's, set beside Đợt 2's February total) ÷ 2+1+2 = 5 received by
    # the police = 60% < 80%: not met.
    tips = results(summary)["tips-through-force"]
    assert (tips.numerator, tips.denominator, tips.percentage) == (3, 5, Fraction(60))
    assert tips.status == "not_met"


def test_police_figures(summary: WardSummary) -> None:
    r = results(summary)
    # 905/1000 = 90.5% > 90%: met.
    households = r["households-provided"]
    assert (households.numerator, households.denominator) == (905, 1000)
    assert households.status == "met"
    assert r["no-violating-business"].status == "met"
    assert r["no-weapons-case"].status == "met"
    assert r["no-reoffending"].status == "not_met"
    assert r["no-serious-traffic-accident"].status == "no_data"  # never entered


def test_members_on_patrol(summary: WardSummary) -> None:
    # Active on 03/02/2025: a1 b1 c1, a2 b2 c2, a3 = 7. Patrolled: a1 b1 b2 c2 = 4 → 57.1%.
    # b3 patrolled but has left; c1's patrol is in Đợt 2.
    patrol = results(summary)["members-on-patrol"]
    assert (patrol.numerator, patrol.denominator) == (4, 7)
    assert patrol.shortfall == ("Tổ bảo vệ ANTT số 1", "Tổ bảo vệ ANTT số 2", "Tổ bảo vệ ANTT số 3")


def test_one_model_acknowledged(summary: WardSummary) -> None:
    model = results(summary)["model-acknowledged"]
    assert (model.numerator, model.status) == (1, "met")


def test_ward_totals(summary: WardSummary) -> None:
    t = summary.totals
    assert (t.teams, t.members) == (3, 7)
    assert t.good_deeds == 4 + 2 + 4
    assert (t.tips, t.valuable_tips) == (4, 1)
    assert (t.patrols, t.patrol_turns, t.violations) == (3, 2 + 2 + 1, 3 + 1 + 0)
    assert (t.call_outs, t.fire_call_outs, t.rescue_call_outs) == (5, 1, 1)
    assert (t.models, t.models_acknowledged) == (2, 1)


def test_ranking_and_no_collective_candidate(summary: WardSummary) -> None:
    # Team-level targets: ANTT call-outs, PCCC/CNCH, members on patrol, good deeds.
    # Tổ 1: 1/1 ✓, 1/1 ✓, 2/3 ✗, 4/4 ✓ → 3 met. Tổ 3: 0/1 ✗, 1/1 ✓, 0/1 ✗, 4/4 ✓ → 2.
    # Tổ 2: 0/1 ✗, none (no data), 2/3 ✗, 2/4 ✗ → 0. No team met all it had data for.
    assert [
        (place.rank, place.summary.team.name[-1], place.summary.met) for place in summary.ranking
    ] == [(1, "1", 3), (2, "3", 2), (3, "2", 0)]
    assert summary.commendation.collectives == ()


def test_individual_candidate_and_evidence(summary: WardSummary) -> None:
    # a1 took part in 4 good deeds, the PCCC call-out, the patrol and the model = 7 reports.
    first = summary.commendation.individuals[0]
    assert (first.name, first.total) == ("Phạm Văn An", 7)
    assert dict(first.activity) == {"call_out": 1, "good_deed": 4, "model": 1, "patrol": 1}
    # Evidence: weightiest first (call-out, model), then the latest good deeds; 5 at most.
    assert [(item.kind, item.day) for item in first.evidence] == [
        ("call_out", D(2025, 2, 3)),
        ("model", D(2024, 12, 1)),
        ("good_deed", D(2025, 2, 3)),
        ("good_deed", D(2025, 1, 15)),
        ("good_deed", D(2024, 12, 10)),
    ]
    assert "Mai Thị Hoa" not in {candidate.name for candidate in summary.commendation.individuals}
    assert summary.ratings is None  # a phase is not a rating year


def test_the_deeds_of_04_02_count_in_dot_2() -> None:
    ward = build()
    campaign = load_campaigns()["hai-an-2024"]
    second = summarise_ward(ward.records(), ward.ward_id, phase_named(campaign, "Đợt 2"), campaign)
    assert second.totals.good_deeds == 1
    assert second.totals.tips == 1
    # February is Đợt 2's, judged on the whole month: Tổ 1 (03/02), Tổ 2 (04/02) and Tổ 3
    # (01/02) met it; the other months of Đợt 2 are not met.
    deeds = {result.spec.id: result for result in second.indicators}["good-deed-every-month"]
    # Đợt 2 is judged on 7 months (Feb–Aug) × 3 teams; Tổ 3 still has a3 → 21 team-months.
    assert (deeds.numerator, deeds.denominator) == (3, 21)
    # Police entered the tips total for February only: shown with its months, no verdict. The
    # force logged 2 tips in Đợt 2's months (02/02 and 04/02).
    tips = {result.spec.id: result for result in second.indicators}["tips-through-force"]
    assert (tips.numerator, tips.denominator, tips.status) == (2, None, "no_data")
    (reading,) = tips.readings
    assert reading.value == 6
    assert [f"{whole.start:%m}" for whole in reading.months] == ["02"]
    assert [f"{whole.start:%m}" for whole in reading.missing] == [
        "03",
        "04",
        "05",
        "06",
        "07",
        "08",
    ]


def test_figures_that_do_not_cover_the_period_are_no_data() -> None:
    ward = build()
    ward.police_figures = [f for f in ward.police_figures if f.start != D(2024, 12, 1)]
    campaign = load_campaigns()["hai-an-2024"]
    summary = summarise_ward(ward.records(), ward.ward_id, phase_named(campaign, "Đợt 1"), campaign)
    tips = {result.spec.id: result for result in summary.indicators}["tips-through-force"]
    # December is missing: adding up the other months would understate the total, so there is
    # no verdict; what is known is kept, with the months it covers.
    assert (tips.denominator, tips.status) == (None, "no_data")
    (reading,) = tips.readings
    assert reading.value == 4
    assert [f"{whole.start:%m/%Y}" for whole in reading.months] == ["11/2024", "01/2025"]
    assert [f"{whole.start:%m/%Y}" for whole in reading.missing] == ["12/2024"]


def test_tips_of_the_month_still_running_wait_for_its_police_total() -> None:
    # Asked on 05/03/2025, Đợt 2 is judged on February (ended, police total 6) and March (still
    # running, no police total yet: not missing). The force logged 2 tips in February (02/02,
    # 04/02) and one on 03/03: set beside February's total only, that is 2/6, not 3/6.
    ward = build()
    a3 = next(member for member in ward.members if member.full_name == "Lý Văn Giang")
    ward.report("tip", a3.unit_id, a3.id, D(2025, 3, 3), content="BÍ-MẬT-6", place="Đông Hải")
    campaign = load_campaigns()["hai-an-2024"]
    second = summarise_ward(
        ward.records(),
        ward.ward_id,
        phase_named(campaign, "Đợt 2"),
        campaign,
        as_of=D(2025, 3, 5),
    )
    tips = {result.spec.id: result for result in second.indicators}["tips-through-force"]
    (reading,) = tips.readings
    assert (reading.value, reading.missing) == (6, ())
    assert [f"{whole.start:%m/%Y}" for whole in reading.months] == ["02/2025"]
    assert (tips.numerator, tips.denominator, tips.percentage) == (2, 6, Fraction(100, 3))
    # The March tip is still one of the phase's tips (04/02 and 03/03; 02/02 is before Đợt 2).
    assert second.totals.tips == 2


def test_a_model_reads_which_level_acknowledged_it(summary: WardSummary) -> None:
    # Tổ 1's camera was acknowledged by the district police: the Word report's evidence for
    # Phạm Văn An and the workbook's report row both say so, not a bare "Công an".
    document = Document(BytesIO(ward_report(summary, D(2025, 2, 10))))
    model_line = next(p.text for p in document.paragraphs if "Camera an ninh ngõ 5" in p.text)
    assert model_line.endswith("đã được Công an quận, huyện ghi nhận")
    sheet = load_workbook(BytesIO(ward_workbook(summary, D(2025, 2, 10))))[labels.SHEET_REPORTS]
    models = [row[6] for row in sheet.iter_rows(values_only=True) if row[2] == "Mô hình"]
    assert models == [
        "Camera an ninh ngõ 5; Công an quận; đã được Công an quận, huyện ghi nhận",
        "Tổ tự quản",
    ]


@pytest.mark.parametrize(
    ("level", "words"),
    [
        ("commune_police", "đã được Công an xã, phường ghi nhận"),
        ("province_committee", "đã được UBND tỉnh, thành phố ghi nhận"),
        ("ministry", "đã được Bộ Công an ghi nhận"),
        (None, "đã được Công an ghi nhận"),  # acknowledged before levels were asked
        ("ward_union", "đã được Công an ghi nhận"),  # a code no longer known
    ],
)
def test_each_level_in_words(level: str | None, words: str) -> None:
    payload = {"name": "Đường hoa Ngõ Ông Đình", "acknowledged": True, "acknowledged_level": level}
    record = ReportRecord(9, "model", 1, 1, D(2025, 1, 2), datetime(2025, 1, 2, 8, 0), payload)
    assert describe(record) == f"Đường hoa Ngõ Ông Đình; {words}"


def test_every_level_the_police_can_choose_has_words() -> None:
    # the files name a level as the review card the officer pressed did
    card = (ROOT / "config/locales/vi/review.ftl").read_text(encoding="utf-8").splitlines()
    buttons = dict(line.split(" = ", 1) for line in card if line.startswith("reviewing-level-"))
    assert {
        code: buttons[f"reviewing-level-{code.replace('_', '-')}"] for code in LEVELS
    } == labels.ACKNOWLEDGED_LEVELS
