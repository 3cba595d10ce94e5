"""One team over a period: what it did and which of its targets it reached."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property

from reports.campaigns import Campaign
from reports.indicators import IndicatorResult, compute_all
from reports.records import UnitRecord
from reports.scope import Scope
from reports.tally import Tally, tally


@dataclass(frozen=True)
class TeamSummary:
    """A team's counts and its team-level indicators."""

    team: UnitRecord
    tally: Tally
    indicators: tuple[IndicatorResult, ...]

    # Worked out once: the ranking compares them many times.
    @cached_property
    def with_data(self) -> tuple[IndicatorResult, ...]:
        """The indicators with a verdict: there was data, and a target to judge it by."""
        return tuple(result for result in self.indicators if result.judged)

    @cached_property
    def met(self) -> int:
        """How many indicators it reached on what is measured (in full or in part)."""
        return sum(1 for result in self.indicators if result.reached)

    @cached_property
    def lowest(self) -> Fraction | None:
        """The share (0–100) of the task done least, among the indicators with a verdict."""
        values = [result.attainment for result in self.with_data]
        known = [value for value in values if value is not None]
        return 100 * min(known) if known else None

    @cached_property
    def score(self) -> Fraction | None:
        """Share of tasks done, 0–100: the mean attainment of the indicators with data."""
        known = [result.attainment for result in self.with_data]
        values = [value for value in known if value is not None]
        if not values:
            return None
        return 100 * sum(values, Fraction(0)) / len(values)


def summarise_team_scope(campaign: Campaign, scope: Scope, team: UnitRecord) -> TeamSummary:
    """A team's summary from a wider scope."""
    own = scope.for_team(team)
    return TeamSummary(team, tally(own), compute_all(campaign, own, {}, team_level=True))
