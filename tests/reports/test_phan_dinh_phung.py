"""Phan Đình Phùng 2025, Đợt 2 = Q2 (01/04–30/06/2025): three teams worked by hand.

Tổ 1 (planned 3): 3 members. Tổ 2 (planned 4): 3 members, one leaving on 30/06 (so 2 on the
phase's last day). Tổ 3 (planned size unknown): 2 members from 10/05/2025.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from reports.campaigns import load_campaigns
from reports.phases import phase_containing, phase_named
from reports.summary import WardSummary, summarise_team, summarise_ward
from tests.reports.builders import Ward

D = date
CAMPAIGN = load_campaigns()["phan-dinh-phung-2025"]
Q2 = phase_named(CAMPAIGN, "Đợt 2")


def build() -> Ward:
    w = Ward("Phường Phan Đình Phùng", "Tỉnh Thái Nguyên")
    t1, t2, t3 = w.team(1, 3), w.team(2, 4), w.team(3, None)
    a1 = w.member(t1, "Trịnh Văn Khải", D(2024, 1, 1))
    w.member(t1, "Đinh Thị Lan", D(2024, 1, 1))
    w.member(t1, "Tạ Văn Minh", D(2024, 1, 1))
    a2 = w.member(t2, "Cao Văn Nam", D(2024, 1, 1))
    w.member(t2, "La Thị Oanh", D(2024, 1, 1))
    w.member(t2, "Kiều Văn Phong", D(2024, 1, 1), left=D(2025, 6, 30))
    a3 = w.member(t3, "Từ Văn Quang", D(2025, 5, 10))
    w.member(t3, "Âu Thị Rạng", D(2025, 5, 10))
    for day in (D(2025, 4, 1), D(2025, 5, 15), D(2025, 6, 30)):
        w.report("good_deed", t1, a1, day, what="Giúp dân", participants=[a1], photos=1)
    for day in (D(2025, 3, 31), D(2025, 4, 10), D(2025, 7, 1)):
        w.report("good_deed", t2, a2, day, what="Giúp dân", participants=[a2])
    w.report(
        "patrol",
        t1,
        a1,
        D(2025, 6, 30),
        patrol_kind="antt",
        span="20:00-22:00",
        area="Tổ dân phố 1",
        participants=[a1],
        violations=1,
    )
    w.report(
        "patrol",
        t3,
        a3,
        D(2025, 5, 20),
        patrol_kind="atgt",
        span="06:00-07:00",
        area="Đường Phan Đình Phùng",
        participants=[a3],
        violations=0,
    )
    w.report(
        "patrol",
        t2,
        a2,
        D(2025, 7, 1),
        patrol_kind="night",
        span="22:00-23:00",
        area="Chợ",
        participants=[a2],
        violations=0,
    )
    return w


@pytest.fixture
def summary() -> WardSummary:
    w = build()
    return summarise_ward(w.records(), w.ward_id, Q2, CAMPAIGN)


def test_targets(summary: WardSummary) -> None:
    r = {result.spec.id: result for result in summary.indicators}
    # Good deeds: Tổ 1 Apr, May, Jun (01/04 and 30/06 are inside) = 3/3; Tổ 2 only April
    # (31/03 is Q1, 01/07 is Q3) = 1/3; Tổ 3 has members in May and June only, no deed = 0/2.
    # 4 of 8 team-months = 50%.
    deeds = r["good-deed-every-month"]
    assert (deeds.numerator, deeds.denominator, deeds.status) == (4, 8, "not_met")
    # Patrols: Tổ 1 (30/06) and Tổ 3 (20/05) of 3 teams with members; Tổ 2's is 01/07.
    patrols = r["teams-on-patrol"]
    assert (patrols.numerator, patrols.denominator) == (2, 3)
    assert patrols.shortfall == ("Tổ bảo vệ ANTT số 2",)
    # Staffing on 30/06: Tổ 1 3/3 ✓, Tổ 2 2/4 ✗ (one left that day); Tổ 3 has no plan → 1/2.
    staffed = r["teams-fully-staffed"]
    assert (staffed.numerator, staffed.denominator, staffed.percentage) == (1, 2, Fraction(50))


def test_ranking_and_commendation(summary: WardSummary) -> None:
    # Tổ 1 met 3 of 3; Tổ 3 patrol ✓, staffing no data, deeds 0/2 ✗ → 1 of 2, score 50;
    # Tổ 2 patrol ✗, staffing ✗, deeds 1/3 → 0, score (0 + 0 + 1/3) / 3 × 100 = 11.1.
    ranks = [
        (place.rank, place.summary.team.name[-1], place.summary.met) for place in summary.ranking
    ]
    assert ranks == [(1, "1", 3), (2, "3", 1), (3, "2", 0)]
    scores = {team.team.name[-1]: team.score for team in summary.teams}
    assert scores["1"] == 100
    assert scores["3"] == 50
    assert round(float(scores["2"] or 0), 1) == 11.1
    # Only Tổ 1 reached every target it had data for: the one collective candidate.
    collectives = summary.commendation.collectives
    assert [candidate.name for candidate in collectives] == ["Tổ bảo vệ ANTT số 1"]
    assert dict(collectives[0].activity) == {"good_deed": 3, "patrol": 1}
    assert (collectives[0].indicators_met, collectives[0].indicators_known) == (3, 3)
    assert summary.commendation.rule.per == "phase"


def test_totals(summary: WardSummary) -> None:
    t = summary.totals
    assert (t.teams, t.members, t.good_deeds, t.patrols, t.violations, t.photos) == (
        3,
        3 + 2 + 2,
        3 + 1,
        2,
        1,
        3,
    )


def test_q1_and_q3_get_the_boundary_deeds() -> None:
    w = build()
    q1 = phase_containing(CAMPAIGN, D(2025, 3, 31))
    q3 = phase_containing(CAMPAIGN, D(2025, 7, 1))
    assert q1 is not None and q3 is not None
    assert summarise_ward(w.records(), w.ward_id, q1, CAMPAIGN).totals.good_deeds == 1
    assert summarise_ward(w.records(), w.ward_id, q3, CAMPAIGN).totals.good_deeds == 1


def test_one_team_alone() -> None:
    w = build()
    team_id = next(unit.id for unit in w.units if unit.name == "Tổ bảo vệ ANTT số 2")
    team = summarise_team(w.records(), team_id, Q2, CAMPAIGN)
    assert (team.tally.members, team.tally.good_deeds) == (2, 1)
    assert [result.status for result in team.indicators] == ["not_met"] * 3
