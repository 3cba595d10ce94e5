"""Hà Nội 357/KH-UBND, Đợt 1 (22/12/2025–30/01/2026): a ward of four teams, worked by hand,
then the city's roll-up over two wards.

Tổ 1 (planned 4): 4 members. Tổ 2 (planned 5): 4. Tổ 3 (planned 4): 4, the last joining on
30/01/2026, the phase's last day. Tổ 4 (planned size unknown): 2. Active on 30/01: 14.
"""

from __future__ import annotations

from datetime import date

import pytest

from reports.campaigns import load_campaigns
from reports.digest import province_digest
from reports.indicators import IndicatorResult
from reports.phases import phase_named
from reports.summary import WardSummary, summarise_province, summarise_ward
from tests.reports.builders import Ward

D = date
JOINED = D(2025, 6, 1)
CAMPAIGN = load_campaigns()["ha-noi-357"]
DOT_1 = phase_named(CAMPAIGN, "Đợt 1")


def team_of(
    w: Ward,
    number: int,
    planned: int | None,
    size: int,
    ward: int | None = None,
    last_joined: date = JOINED,
) -> tuple[int, list[int]]:
    """A team and its members (the last one joining on `last_joined`)."""
    team = w.team(number, planned, ward)
    members = [
        w.member(team, f"Thành viên {number}.{index}", last_joined if index == size else JOINED)
        for index in range(1, size + 1)
    ]
    return team, members


def build() -> Ward:
    w = Ward("Phường Yên Hòa", "Thành phố Hà Nội")
    t1, m1 = team_of(w, 1, 4, 4)
    t2, m2 = team_of(w, 2, 5, 4)
    t3, m3 = team_of(w, 3, 4, 4, last_joined=D(2026, 1, 30))
    t4, m4 = team_of(w, 4, None, 2)
    # Good deeds: the phase is judged on the whole of 12/2025 and 01/2026 (reports/month_rule.py).
    w.report("good_deed", t1, m1[0], D(2025, 12, 22), what="Việc tốt", participants=[m1[0]])
    w.report("good_deed", t1, m1[0], D(2026, 1, 30), what="Việc tốt", participants=[m1[0]])
    w.report("good_deed", t2, m2[0], D(2025, 11, 30), what="Trước đợt", participants=[m2[0]])
    w.report("good_deed", t2, m2[0], D(2026, 1, 15), what="Việc tốt", participants=[m2[0]])
    w.report("good_deed", t3, m3[0], D(2025, 12, 31), what="Việc tốt", participants=[m3[0]])
    w.report("good_deed", t3, m3[0], D(2026, 2, 1), what="Đợt 2", participants=[m3[0]])
    w.report("good_deed", t4, m4[0], D(2025, 12, 25), what="Việc tốt", participants=[m4[0]])
    w.report("good_deed", t4, m4[0], D(2026, 1, 5), what="Việc tốt", participants=[m4[0]])
    # Call-outs: propaganda joined (Tổ 1) and not joined (Tổ 2); ANTT in 25 minutes (Tổ 4).
    w.call_out(t1, m1[1], D(2026, 1, 10), "propaganda", "08:00", "08:40")
    w.call_out(t2, m2[1], D(2026, 1, 12), "propaganda", "08:00", None)
    w.call_out(t4, m4[1], D(2026, 1, 20), "antt", "19:00", "19:25")
    # Traffic: m1[0], m1[1] and m3[0] helped.
    w.report(
        "traffic",
        t1,
        m1[0],
        D(2026, 1, 6),
        place="Ngã tư",
        span="07:00-08:30",
        participants=[m1[0], m1[1]],
    )
    w.report(
        "traffic",
        t3,
        m3[0],
        D(2026, 1, 7),
        place="Cổng trường",
        span="16:30-17:30",
        participants=[m3[0]],
    )
    # Patrols: Tổ 1 at night, Tổ 2 in the daytime, Tổ 4 at night but on 31/01 (outside).
    w.report(
        "patrol",
        t1,
        m1[2],
        D(2026, 1, 2),
        patrol_kind="night",
        span="22:00-24:00",
        area="Khu tập thể",
        participants=[m1[2], m1[3]],
        violations=2,
    )
    w.report(
        "patrol",
        t2,
        m2[2],
        D(2026, 1, 3),
        patrol_kind="antt",
        span="19:00-21:00",
        area="Chợ",
        participants=[m2[2]],
        violations=0,
    )
    w.report(
        "patrol",
        t4,
        m4[0],
        D(2026, 1, 31),
        patrol_kind="night",
        span="22:00-24:00",
        area="Ngõ 1",
        participants=[m4[0]],
        violations=5,
    )
    w.report("tip", t1, m1[0], D(2026, 1, 8), content="BÍ-MẬT Hà Nội", place="ngõ 3", valuable=True)
    w.police(
        D(2025, 12, 22),
        D(2026, 1, 30),
        events_safe=True,
        no_serious_case=True,
        no_reoffending=True,
        weapons_suspects_total=8,
        weapons_suspects_reached=8,
        no_serious_weapons_case=True,
        population_records_total=12000,
    )
    # Another ward's figures must not leak into this one.
    other = w.unit("commune", "Phường Cầu Giấy", w.province_id)
    w.police(D(2025, 12, 22), D(2026, 1, 30), ward=other, population_records_clean=11000)
    t5, m5 = team_of(w, 5, 3, 3, ward=other)
    w.report("good_deed", t5, m5[0], D(2025, 12, 23), what="Việc tốt", participants=[m5[0]])
    w.report("good_deed", t5, m5[0], D(2026, 1, 23), what="Việc tốt", participants=[m5[0]])
    return w


@pytest.fixture
def summary() -> WardSummary:
    w = build()
    return summarise_ward(w.records(), w.ward_id, DOT_1, CAMPAIGN)


def results(summary: WardSummary) -> dict[str, IndicatorResult]:
    return {result.spec.id: result for result in summary.indicators}


def figures(result: IndicatorResult) -> tuple[int | None, int | None, str]:
    return result.numerator, result.denominator, result.status


def test_every_target_figure_by_figure(summary: WardSummary) -> None:
    r = results(summary)
    # Good deeds: Tổ 1 2/2 (22/12 and 30/01, both ends inside), Tổ 2 1/2 (30/11 is November),
    # Tổ 3 1/2 (01/02 is February, Đợt 2's), Tổ 4 2/2 → 6 of 8 team-months = 75%.
    assert figures(r["good-deed-every-month"]) == (6, 8, "not_met")
    assert r["good-deed-every-month"].shortfall == ("Tổ bảo vệ ANTT số 2", "Tổ bảo vệ ANTT số 3")
    # Propaganda call-outs joined: 1 of 2 = 50%.
    assert figures(r["propaganda-joined"]) == (1, 2, "not_met")
    # ANTT call-outs in time: 25 ≤ 30 minutes → 1/1.
    assert figures(r["antt-call-outs-in-time"]) == (1, 1, "met")
    # Traffic: 3 of 14 active members = 21.4%.
    assert figures(r["members-guiding-traffic"]) == (3, 14, "not_met")
    # Staffing: teams with a planned size are Tổ 1, 2, 3; Tổ 2 has 4 of 5 → 2/3.
    assert figures(r["teams-fully-staffed"]) == (2, 3, "not_met")
    assert r["teams-fully-staffed"].shortfall == ("Tổ bảo vệ ANTT số 2",)
    # Night patrols: only Tổ 1 of 4 active teams (Tổ 4's is on 31/01) = 25%.
    assert figures(r["teams-on-night-patrol"]) == (1, 4, "not_met")
    # Police: 8 of 8 weapons suspects reached = 100%; yes/no all yes.
    assert figures(r["weapons-suspects-reached"]) == (8, 8, "met")
    for key in ("events-safe", "no-serious-case", "no-reoffending", "no-serious-weapons-case"):
        assert r[key].status == "met"
    # Clean population records were entered for the other ward only: no data here.
    assert figures(r["population-data-clean"]) == (None, 12000, "no_data")


def test_totals(summary: WardSummary) -> None:
    t = summary.totals
    assert (t.teams, t.members, t.planned_members) == (4, 14, 4 + 5 + 4)
    assert t.good_deeds == 6  # 8 logged, minus 21/12 and 31/01
    assert (t.patrols, t.patrol_turns, t.violations) == (2, 2 + 1, 2 + 0)
    assert (t.call_outs, t.tips, t.valuable_tips, t.traffic) == (3, 1, 1, 2)


def test_the_city_adds_up_its_wards() -> None:
    w = build()
    city = summarise_province(w.records(), w.province_id, DOT_1, CAMPAIGN)
    assert [ward.ward.name for ward in city.wards] == ["Phường Cầu Giấy", "Phường Yên Hòa"]
    assert (city.totals.teams, city.totals.members) == (4 + 1, 14 + 3)
    by_id = {item.spec.id: item for item in city.indicators}
    deeds = by_id["good-deed-every-month"]
    # Yên Hòa 6/8 (not met), Cầu Giấy 2/2 (met) → 1 of 2 wards; pooled 8/10.
    assert (deeds.wards_met, deeds.wards_known, deeds.numerator, deeds.denominator) == (1, 2, 8, 10)
    clean = by_id["population-data-clean"]
    # Each ward has half of the figure: neither has data.
    assert (clean.wards_met, clean.wards_known) == (0, 0)
    staffed = by_id["teams-fully-staffed"]
    # Yên Hòa 2/3, Cầu Giấy 1/1 → pooled 3/4.
    assert (staffed.wards_met, staffed.wards_known, staffed.numerator, staffed.denominator) == (
        1,
        2,
        3,
        4,
    )


def test_the_city_digest() -> None:
    w = build()
    city = summarise_province(w.records(), w.province_id, DOT_1, CAMPAIGN)
    lines = province_digest(city)[0].split("\n")
    assert lines[0] == (
        "<b>Tổng hợp Đợt 1 (22/12/2025 – 30/01/2026) · Thành phố Hà Nội"
        " · 2 xã/phường, 5 tổ, 17 thành viên</b>"
    )
    # Only Yên Hòa answered the yes/no questions: Cầu Giấy is said to have no figures.
    assert "✅ An toàn các sự kiện: 1/1 xã/phường đạt · 1 xã/phường chưa có số liệu" in lines
    assert "⚠️ Việc tốt: 1/2 xã/phường đạt · 8/10 (80%)" in lines
    assert "❔ Dữ liệu dân cư đúng, đủ, sạch, sống: chưa có số liệu" in lines
