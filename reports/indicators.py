"""Indicators: each target of a plan computed from the records, without ever dividing by zero."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from fractions import Fraction
from functools import cached_property
from typing import Literal

from reports.call_outs import person_in_time
from reports.campaigns import Campaign, IndicatorSpec
from reports.periods import in_progress
from reports.police_figures import FigureReading
from reports.records import UnitRecord
from reports.scope import Scope

# met_in_part: the figure measures part of what the plan asks (`by_hand`) and that part reaches
# the target; no_target: the figures are known but no one set a target (no verdict).
Status = Literal["met", "met_in_part", "not_met", "no_data", "no_target"]
# The statuses that are a verdict on a target.
JUDGED: frozenset[Status] = frozenset({"met", "met_in_part", "not_met"})
# The statuses that reach the target on what is measured.
REACHED: frozenset[Status] = frozenset({"met", "met_in_part"})
Counted = Literal["team_month", "team", "member", "call_out", "called", "tip", "figure", "model"]
PoliceValues = Mapping[str, int | bool]


@dataclass(frozen=True)
class IndicatorResult:
    """One target's figures: `numerator` of `denominator` (None when unknown), or a yes/no."""

    spec: IndicatorSpec
    counted: Counted
    numerator: int | None
    denominator: int | None = None
    answer: bool | None = None
    shortfall: tuple[str, ...] = ()
    readings: tuple[FigureReading, ...] = ()  # the police figures it reads, with their months
    pending: int = 0  # teams not judged yet: no good deed so far in the month still running

    # The figures below are worked out once: ranking and scoring ask for them many times.

    @cached_property
    def percentage(self) -> Fraction | None:
        """numerator ÷ denominator × 100, or None when the denominator is unknown or zero."""
        if self.spec.measure != "share" or not self.denominator or self.numerator is None:
            return None
        return Fraction(100 * self.numerator, self.denominator)

    @cached_property
    def value(self) -> Fraction | int | bool | None:
        """The figure the target is about: a share, a count or a yes/no; None when unknown."""
        if self.spec.measure == "yes_no":
            return self.answer
        return self.percentage if self.spec.measure == "share" else self.numerator

    @cached_property
    def met(self) -> bool | None:
        """Whether the target is reached on what is measured; None when there is no data or
        no target to say (see `status` for a target met only in part)."""
        value = self.value
        if value is None or self.spec.target_source == "none":
            return None
        if self.spec.measure == "yes_no":
            return bool(value)
        assert self.spec.target is not None
        if self.spec.comparison == "more_than":
            return value > self.spec.target
        return value >= self.spec.target

    @cached_property
    def status(self) -> Status:
        """met, met_in_part, not_met, no_data or no_target."""
        if self.value is None:
            return "no_data"
        met = self.met
        if met is None:
            return "no_target"
        if not met:
            return "not_met"
        return "met_in_part" if self.spec.partial else "met"

    @property
    def judged(self) -> bool:
        """Whether there is a verdict (Đạt, Đạt một phần, Chưa đạt)."""
        return self.status in JUDGED

    @property
    def reached(self) -> bool:
        """Whether the target is reached on what is measured (in full or in part)."""
        return self.status in REACHED

    @cached_property
    def attainment(self) -> Fraction | None:
        """How much of the target is reached, 0 to 1 (used to score tasks done); None without
        a verdict, so that a figure no one set a target for never counts as a failure."""
        if not self.judged:
            return None
        if self.reached or not self.spec.target or self.spec.measure == "yes_no":
            return Fraction(1 if self.met else 0)
        value = self.percentage if self.spec.measure == "share" else self.numerator
        assert value is not None
        return min(Fraction(1), Fraction(value) / self.spec.target)


Computer = Callable[[IndicatorSpec, Scope, PoliceValues], IndicatorResult]


def _active_teams(scope: Scope) -> tuple[UnitRecord, ...]:
    """Teams with at least one member at some time in the period."""
    start, end = scope.period.start, scope.period.end
    busy = {member.unit_id for member in scope.members if member.active_during(start, end)}
    return tuple(team for team in scope.teams if team.id in busy)


def _good_deeds(spec: IndicatorSpec, scope: Scope, police: PoliceValues) -> IndicatorResult:
    """Team-months with at least one good deed, over the whole calendar months the period is
    judged on (reports/month_rule.py), counting a team only in months it had members. A month
    not yet ended counts a team that has its good deed already and not one that has none yet;
    months not begun are not judged."""
    months = scope.activity.months
    counted = met = pending = 0
    short: list[str] = []
    for team in scope.teams:
        members = scope.members_of(team.id)
        with_deeds = scope.activity.months_with(team.id, "good_deed")
        missed = False
        for number, window in enumerate(months):
            if not any(member.active_during(window.start, window.end) for member in members):
                continue
            if number in with_deeds:
                counted += 1
                met += 1
            elif in_progress(window, scope.as_of):
                pending += 1
            else:
                counted += 1
                missed = True
        if missed:
            short.append(team.name)
    unit: Counted = "team" if len(months) == 1 else "team_month"
    return IndicatorResult(spec, unit, met, counted, shortfall=tuple(short), pending=pending)


def _call_outs(spec: IndicatorSpec, scope: Scope, police: PoliceValues) -> IndicatorResult:
    """Call-outs of the given incident kinds reached in time (or at all, without a limit).
    A call-out typed afterwards counts once per team; one made live from the bot counts every
    member called, so one who declined or never answered counts against (`called`)."""
    called = [person for person in scope.called if person.incident_kind in spec.incident_kinds]
    live = {person.call_out_id for person in called}
    call_outs = [
        times
        for times in scope.call_out_times
        if times.incident_kind in spec.incident_kinds and times.live_id not in live
    ]
    late_teams = {times.team_id for times in call_outs if not times.in_time(spec.max_minutes)}
    late = sum(1 for times in call_outs if not times.in_time(spec.max_minutes))
    missed = [person for person in called if not person_in_time(person, spec.max_minutes)]
    late_teams |= {person.team_id for person in missed}
    return IndicatorResult(
        spec,
        "called" if called else "call_out",
        len(call_outs) - late + len(called) - len(missed),
        len(call_outs) + len(called),
        shortfall=tuple(team.name for team in scope.teams if team.id in late_teams),
    )


def _members_in(
    spec: IndicatorSpec, scope: Scope, kind: str, patrol_kinds: tuple[str, ...]
) -> IndicatorResult:
    """Members (on the period's last day) who took part in a report of `kind`."""
    took_part = scope.activity.members_in(kind, patrol_kinds)
    active = scope.active_members()
    absent = {member.unit_id for member in active if member.id not in took_part}
    return IndicatorResult(
        spec,
        "member",
        sum(1 for member in active if member.id in took_part),
        len(active),
        shortfall=tuple(team.name for team in scope.teams if team.id in absent),
    )


def _members_on_patrol(spec: IndicatorSpec, scope: Scope, police: PoliceValues) -> IndicatorResult:
    """Members who took part in a patrol (of the given kinds)."""
    return _members_in(spec, scope, "patrol", spec.patrol_kinds)


def _members_in_traffic(spec: IndicatorSpec, scope: Scope, police: PoliceValues) -> IndicatorResult:
    """Members who helped guide traffic."""
    return _members_in(spec, scope, "traffic", ())


def _teams_on_patrol(spec: IndicatorSpec, scope: Scope, police: PoliceValues) -> IndicatorResult:
    """Teams (with members in the period) that did a patrol of the given kinds."""
    patrolled = {
        team_id
        for team_id, team in scope.activity.teams.items()
        if team.total.patrols_of(spec.patrol_kinds)
    }
    teams = _active_teams(scope)
    return IndicatorResult(
        spec,
        "team",
        sum(1 for team in teams if team.id in patrolled),
        len(teams),
        shortfall=tuple(team.name for team in teams if team.id not in patrolled),
    )


def _number(police: PoliceValues, key: str | None) -> int | None:
    """A numeric police figure, or None when not given."""
    value = police.get(key or "")
    return None if value is None or isinstance(value, bool) else value


def _tips(
    spec: IndicatorSpec,
    scope: Scope,
    police: PoliceValues,
    reading: FigureReading | None = None,
) -> IndicatorResult:
    """Tips logged through the force ÷ all tips the police received (their figure), both over
    the same whole months: those the police entered their total for (`reading`, month by
    month; a month still running has none yet), else every month the period is judged on."""
    activity = scope.activity
    if not activity.months:
        tips = activity.total().tips
    elif reading is not None and reading.months:
        tips = activity.month_tips(reading.months)
    else:
        tips = activity.month_tips()
    return IndicatorResult(spec, "tip", tips, _number(police, spec.figure))


def _police_share(spec: IndicatorSpec, scope: Scope, police: PoliceValues) -> IndicatorResult:
    """A share made of two police figures."""
    return IndicatorResult(
        spec,
        "figure",
        _number(police, spec.numerator_figure),
        _number(police, spec.denominator_figure),
    )


def _models(spec: IndicatorSpec, scope: Scope, police: PoliceValues) -> IndicatorResult:
    """Models acknowledged at the level the plan asks or above (any level when it names none)."""
    total = scope.activity.total()
    return IndicatorResult(spec, "model", total.models_acknowledged_from(spec.min_level))


def _staffing(spec: IndicatorSpec, scope: Scope, police: PoliceValues) -> IndicatorResult:
    """Teams whose members on the period's last day reach their planned size."""
    planned = [team for team in scope.teams if team.planned_size is not None]
    active = scope.active_members()
    short = tuple(
        team.name
        for team in planned
        if sum(1 for member in active if member.unit_id == team.id) < (team.planned_size or 0)
    )
    return IndicatorResult(spec, "team", len(planned) - len(short), len(planned), shortfall=short)


def _yes_no(spec: IndicatorSpec, scope: Scope, police: PoliceValues) -> IndicatorResult:
    """A yes/no the police answered."""
    value = police.get(spec.figure or "")
    return IndicatorResult(spec, "figure", None, answer=value if isinstance(value, bool) else None)


COMPUTERS: dict[str, Computer] = {
    "good_deed_every_month": _good_deeds,
    "call_outs_in_time": _call_outs,
    "members_on_patrol": _members_on_patrol,
    "teams_on_patrol": _teams_on_patrol,
    "members_guiding_traffic": _members_in_traffic,
    "tips_through_force": _tips,
    "police_share": _police_share,
    "models_acknowledged": _models,
    "teams_fully_staffed": _staffing,
    "police_yes_no": _yes_no,
}


def compute(
    spec: IndicatorSpec,
    scope: Scope,
    police: PoliceValues,
    readings: Mapping[str, FigureReading] | None = None,
) -> IndicatorResult:
    """One indicator over a scope (the tips through the force over the months of the police
    figure's `readings`)."""
    if spec.computation == "tips_through_force":
        return _tips(spec, scope, police, (readings or {}).get(spec.figure or ""))
    return COMPUTERS[spec.computation](spec, scope, police)


def compute_all(
    campaign: Campaign,
    scope: Scope,
    police: PoliceValues,
    *,
    team_level: bool = False,
    readings: Mapping[str, FigureReading] | None = None,
) -> tuple[IndicatorResult, ...]:
    """Every indicator of the campaign (only those that mean something for one team when
    `team_level`), each with the `readings` of the police figures it reads."""
    found = readings or {}
    return tuple(
        replace(
            compute(spec, scope, police, found),
            readings=tuple(found[name] for name in spec.figures() if name in found),
        )
        for spec in campaign.indicators
        if spec.team_level or not team_level
    )
