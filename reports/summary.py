"""Summaries of a team, a ward (commune) and a province over a month, phase or year."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from reports.campaigns import Campaign, IndicatorSpec
from reports.commendation import Commendation, shortlist
from reports.indicators import IndicatorResult, compute_all
from reports.month_rule import months_of
from reports.periods import Period
from reports.police_figures import FigureReading, police_readings, police_values
from reports.ranking import RankedTeam, rank_teams
from reports.rating import Ratings, rate
from reports.rating_rules import RatingRules, load_rating_rules
from reports.records import RecordSet, UnitRecord
from reports.scope import (
    Scope,
    ancestor_of_kind,
    scope_of,
    unit_by_id,
    ward_record_sets,
)
from reports.tally import Tally
from reports.team_summary import TeamSummary, summarise_team_scope


@dataclass(frozen=True)
class WardSummary:
    """A ward's period: totals, targets, each team, the ranking, candidates and ratings."""

    ward: UnitRecord
    province: UnitRecord | None
    campaign: Campaign
    period: Period
    scope: Scope
    police: Mapping[str, int | bool]
    totals: Tally
    indicators: tuple[IndicatorResult, ...]
    teams: tuple[TeamSummary, ...]
    ranking: tuple[RankedTeam, ...]
    commendation: Commendation
    ratings: Ratings | None
    kinds: Mapping[str, int]
    as_of: date | None = None  # the day the summary was made: later months are not judged
    readings: Mapping[str, FigureReading] = field(default_factory=dict)

    @property
    def so_far(self) -> date | None:
        """The summary's day when the period runs past it ("tính đến ngày …"), else None."""
        return self.as_of if self.as_of is not None and self.as_of < self.period.end else None

    def without_reports(self) -> WardSummary:
        """The same summary with its scope's reports dropped (what a province keeps of each
        ward: everything but the reports, and `kinds` counts them)."""
        return replace(self, scope=self.scope.counted_only())


@dataclass(frozen=True)
class ProvinceIndicator:
    """One target across wards: how many wards with a verdict reached it (on what is
    measured), and the pooled figures."""

    spec: IndicatorSpec
    wards_met: int
    wards_known: int
    wards_total: int
    numerator: int
    denominator: int


@dataclass(frozen=True)
class ProvinceSummary:
    """A province's period: each ward's summary, the totals and the targets across wards."""

    province: UnitRecord
    campaign: Campaign
    period: Period
    wards: tuple[WardSummary, ...]
    totals: Tally
    indicators: tuple[ProvinceIndicator, ...]
    as_of: date | None = None

    @property
    def so_far(self) -> date | None:
        """The summary's day when the period runs past it ("tính đến ngày …"), else None."""
        return self.as_of if self.as_of is not None and self.as_of < self.period.end else None


def summarise_team(
    records: RecordSet,
    team_id: int,
    period: Period,
    campaign: Campaign,
    as_of: date | None = None,
) -> TeamSummary:
    """One team over a period (its team-level targets only), as of a day."""
    scope = scope_of(records, team_id, period, months_of(period, campaign), as_of)
    return summarise_team_scope(campaign, scope, unit_by_id(records, team_id))


def summarise_ward(
    records: RecordSet,
    ward_id: int,
    period: Period,
    campaign: Campaign,
    rules: RatingRules | None = None,
    scope: Scope | None = None,
    as_of: date | None = None,
) -> WardSummary:
    """A ward (or any unit whose teams are to be added up) over a period, as of a day (later
    months are not judged); ratings are made when the period is a rating year, with `rules` or
    the configured ones. The scope is the records' unless one already counted is given (see
    summaries/record_sets.counted_wards, which counts it over the same months and day)."""
    ward = unit_by_id(records, ward_id)
    if scope is None:
        scope = scope_of(records, ward_id, period, months_of(period, campaign), as_of)
    readings = police_readings(records, ward_id, period, campaign, scope.judged_months, scope.as_of)
    police = police_values(readings)
    teams = tuple(summarise_team_scope(campaign, scope, team) for team in scope.teams)
    totals = sum((team.tally for team in teams), Tally())
    ranking = rank_teams(teams)
    ratings = None
    if period.kind == "rating_year":
        ratings = rate(rules or load_rating_rules(), scope, teams)
    return WardSummary(
        ward=ward,
        province=ancestor_of_kind(records, ward_id, "province"),
        campaign=campaign,
        period=period,
        scope=scope,
        police=police,
        totals=totals,
        indicators=compute_all(campaign, scope, police, readings=readings),
        teams=teams,
        ranking=ranking,
        commendation=shortlist(campaign.commendation, ranking, scope),
        ratings=ratings,
        kinds=scope.activity.total().kinds(),
        as_of=scope.as_of,
        readings=readings,
    )


def _across(spec: IndicatorSpec, wards: tuple[WardSummary, ...]) -> ProvinceIndicator:
    """One indicator added up over the wards that had data for it."""
    results = [result for ward in wards for result in ward.indicators if result.spec.id == spec.id]
    known = [result for result in results if result.judged]
    return ProvinceIndicator(
        spec,
        sum(1 for result in known if result.reached),
        len(known),
        len(wards),
        sum(result.numerator or 0 for result in known),
        sum(result.denominator or 0 for result in known),
    )


def roll_up(
    province: UnitRecord,
    campaign: Campaign,
    period: Period,
    wards: Sequence[WardSummary],
    as_of: date | None = None,
) -> ProvinceSummary:
    """A province's summary from its wards' summaries (with or without their reports)."""
    return ProvinceSummary(
        province=province,
        campaign=campaign,
        period=period,
        wards=tuple(wards),
        totals=sum((ward.totals for ward in wards), Tally()),
        indicators=tuple(_across(spec, tuple(wards)) for spec in campaign.indicators),
        as_of=as_of,
    )


def summarise_province(
    records: RecordSet,
    province_id: int,
    period: Period,
    campaign: Campaign,
    rules: RatingRules | None = None,
    as_of: date | None = None,
) -> ProvinceSummary:
    """Every commune/ward under a province, and the targets across them; each ward is
    summarised from its own records."""
    if rules is None and period.kind == "rating_year":
        rules = load_rating_rules()
    wards = [
        summarise_ward(ward_records, ward.id, period, campaign, rules, as_of=as_of)
        for ward, ward_records in ward_record_sets(records, province_id)
    ]
    return roll_up(unit_by_id(records, province_id), campaign, period, wards, as_of)
