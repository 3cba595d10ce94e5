"""Whom a ward proposes for commendation: one collective *or* one individual where the plan
says so (Hải An: "01 tập thể hoặc 01 cá nhân"), never both, however large the ward."""

from __future__ import annotations

from datetime import date

from reports.campaigns import Campaign, load_campaigns
from reports.commendation import proposed
from reports.digest import ward_digest
from reports.phases import phase_named
from reports.summary import WardSummary, summarise_ward
from tests.reports.builders import Ward

D = date
DEED_DAYS = (D(2024, 11, 5), D(2024, 12, 5), D(2025, 1, 5), D(2025, 2, 2))


def forty_four_teams(campaign: Campaign) -> WardSummary:
    """Phường Đằng Lâm in Hải An's Đợt 1: 44 teams, each doing a good deed every month and a
    patrol with every member, so every team and every member could be proposed."""
    w = Ward("Phường Đằng Lâm", "Thành phố Hải Phòng", district="Quận Hải An")
    for number in range(1, 45):
        team = w.team(number, planned=2)
        lead = w.member(team, f"Nguyễn Văn Đức {number}", D(2024, 1, 1))
        other = w.member(team, f"Lê Thị Ươm {number}", D(2024, 1, 1))
        for day in DEED_DAYS:
            w.report("good_deed", team, lead, day, what="Giúp dân", participants=[lead])
        w.report(
            "patrol", team, lead, D(2024, 11, 20), patrol_kind="antt", participants=[lead, other]
        )
    return summarise_ward(w.records(), w.ward_id, phase_named(campaign, "Đợt 1"), campaign)


def test_a_44_team_ward_proposes_one_collective_or_one_individual() -> None:
    campaign = load_campaigns()["hai-an-2024"]
    assert campaign.commendation.either
    summary = forty_four_teams(campaign)
    assert summary.commendation.collectives and summary.commendation.individuals
    [pick] = proposed(summary.commendation)
    assert pick.kind == "collective"
    line = next(
        row
        for row in "\n".join(ward_digest(summary)).split("\n")
        if row.startswith("Đề xuất khen thưởng")
    )
    assert line == "Đề xuất khen thưởng: Tổ 1"


def test_a_rule_of_both_proposes_both() -> None:
    base = load_campaigns()["hai-an-2024"]
    both = base.model_copy(
        update={"commendation": base.commendation.model_copy(update={"either": False})}
    )
    summary = forty_four_teams(both)
    assert [pick.kind for pick in proposed(summary.commendation)] == ["collective", "individual"]
