"""What teams and members did, counted once per stretch of days: the figures every summary adds
up. A summary reads these counts, never the reports one by one, so the same counts can come
from reports in memory (a ward) or from counts stored half-month by half-month (a province).

A half-month is the days 1–14 or 15–end of a calendar month: every month, phase and rating year
(15/11–14/11) the plans use is made of whole half-months, save a phase's odd first or last days."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from operator import add, attrgetter
from typing import TypeVar

from reports.participation import participants
from reports.payload import flag, number, text
from reports.periods import Period, majority_months
from reports.records import PATROL_KINDS, REPORT_KINDS, ReportRecord
from reports.review import TIERS, Tier, acknowledged_tier, reaches

HALF_MONTH_SPLIT = 15  # the second half of a month starts on the 15th


@dataclass(frozen=True, slots=True)
class TeamWork:
    """A team's reports over a stretch: how many of each kind, and what they add up to.

    The one list of the figures (TEAM_FIGURES, in this order): the summaries' `Tally`, the
    stored half-month counts (a column each, `storage.models.TEAM_HALF_MONTHS`) and the
    province's roll-up (a sum each, `summaries.record_sets`) are made from it. A new figure is
    a field here, what adds to it in `_report_figures`, and a migration adding its column and
    counting the stored reports again (taking that over from 0009: see the note there)."""

    reports: int = 0
    photos: int = 0
    good_deeds: int = 0
    patrols: int = 0
    patrols_antt: int = 0
    patrols_atgt: int = 0
    patrols_night: int = 0
    patrol_turns: int = 0
    violations: int = 0
    call_outs: int = 0
    # Fire (PCCC) and rescue (CNCH) incidents the team worked at: call-outs of that kind and
    # PCCC/CNCH form reports, one incident counted once (see `fire_rescue_incidents`).
    fire_call_outs: int = 0
    rescue_call_outs: int = 0
    fire_rescue: int = 0
    people_saved: int = 0
    tips: int = 0
    valuable_tips: int = 0
    propaganda: int = 0
    audience: int = 0
    traffic: int = 0
    residence: int = 0
    households_visited: int = 0
    records_corrected: int = 0
    weapons: int = 0
    weapons_items: int = 0
    reintegration: int = 0
    reintegration_visits: int = 0
    models: int = 0
    models_acknowledged: int = 0  # at any level
    # Acknowledged at that tier of government or above (reports.review.TIERS).
    models_acknowledged_district: int = 0
    models_acknowledged_province: int = 0
    models_acknowledged_central: int = 0

    def __add__(self, other: TeamWork) -> TeamWork:
        return TeamWork(*map(add, _team_figures(self), _team_figures(other)))

    def figures(self) -> tuple[int, ...]:
        """Every figure, in the order of TEAM_FIGURES."""
        return _team_figures(self)

    def of_kind(self, kind: str) -> int:
        """How many reports of `kind`."""
        return int(getattr(self, KIND_FIGURE[kind]))

    def kinds(self) -> dict[str, int]:
        """Reports by kind, the kinds with none left out."""
        return {kind: count for kind in REPORT_KINDS if (count := self.of_kind(kind))}

    def patrols_of(self, patrol_kinds: Iterable[str]) -> int:
        """Patrols of the given kinds (every patrol when none is given)."""
        wanted = tuple(patrol_kinds)
        if not wanted:
            return self.patrols
        return sum(int(getattr(self, f"patrols_{kind}")) for kind in set(wanted))

    def models_acknowledged_from(self, tier: Tier | None) -> int:
        """Models acknowledged at `tier` or above (at any level when None)."""
        if tier is None or tier == TIERS[0]:
            return self.models_acknowledged
        return int(getattr(self, f"models_acknowledged_{tier}"))


TEAM_FIGURES: tuple[str, ...] = tuple(item.name for item in fields(TeamWork))
_team_figures: Callable[[TeamWork], tuple[int, ...]] = attrgetter(*TEAM_FIGURES)
# Where a kind's count is kept.
KIND_FIGURE = {
    "good_deed": "good_deeds",
    "patrol": "patrols",
    "call_out": "call_outs",
    "tip": "tips",
    "propaganda": "propaganda",
    "fire_rescue": "fire_rescue",
    "traffic": "traffic",
    "residence": "residence",
    "weapons": "weapons",
    "reintegration": "reintegration",
    "model": "models",
}
NO_TEAM_WORK = TeamWork()


@dataclass(frozen=True, slots=True)
class MemberWork:
    """The reports of one team a member took part in over a stretch: how many of each kind
    (in the order of REPORT_KINDS), and the kinds of patrol among them."""

    by_kind: tuple[int, ...] = (0,) * len(REPORT_KINDS)
    patrol_kinds: frozenset[str] = frozenset()

    def __add__(self, other: MemberWork) -> MemberWork:
        return MemberWork(
            tuple(map(add, self.by_kind, other.by_kind)), self.patrol_kinds | other.patrol_kinds
        )

    @property
    def reports(self) -> int:
        """How many reports."""
        return sum(self.by_kind)

    def of_kind(self, kind: str) -> int:
        """How many reports of `kind`."""
        return self.by_kind[KIND_POSITION[kind]]

    def kinds(self) -> dict[str, int]:
        """Reports by kind, the kinds with none left out."""
        return {
            kind: count for kind, count in zip(REPORT_KINDS, self.by_kind, strict=True) if count
        }

    def took_part_in(self, kind: str, patrol_kinds: Iterable[str] = ()) -> bool:
        """Whether any of the reports is of `kind` (a patrol of one of `patrol_kinds`, if any)."""
        if not self.of_kind(kind):
            return False
        wanted = set(patrol_kinds)
        return kind != "patrol" or not wanted or bool(wanted & self.patrol_kinds)


KIND_POSITION = {kind: position for position, kind in enumerate(REPORT_KINDS)}
NO_MEMBER_WORK = MemberWork()

Key = TypeVar("Key", bound=Hashable)
TeamCounts = dict[tuple[int, Key], TeamWork]
MemberCounts = dict[tuple[int, int, Key], MemberWork]


def count_reports(
    reports: Iterable[ReportRecord], bucket_of: Callable[[date], Key | None]
) -> tuple[TeamCounts[Key], MemberCounts[Key]]:
    """Each report counted into its team's bucket and the buckets of everyone who took part
    (a report whose day has no bucket is left out)."""
    teams: dict[tuple[int, Key], list[int]] = {}
    incidents: dict[tuple[int, Key, date, str], list[int]] = {}
    members: dict[tuple[int, int, Key], tuple[list[int], set[str]]] = {}
    position = {name: index for index, name in enumerate(TEAM_FIGURES)}
    for report in reports:
        bucket = bucket_of(report.occurred_on)
        if bucket is None:
            continue
        figures = teams.get((report.team_id, bucket))
        if figures is None:
            figures = teams[(report.team_id, bucket)] = [0] * len(TEAM_FIGURES)
        for name, value in _report_figures(report).items():
            figures[position[name]] += value
        kind = text(report.payload, "incident_kind")
        if kind in INCIDENT_FIGURE and report.kind in ("call_out", "fire_rescue"):
            key = (report.team_id, bucket, report.occurred_on, kind)
            found = incidents.setdefault(key, [0, 0])
            found[report.kind == "fire_rescue"] += 1
        patrol_kind = text(report.payload, "patrol_kind") if report.kind == "patrol" else ""
        for member_id in participants(report):
            counts = members.get((report.team_id, member_id, bucket))
            if counts is None:
                counts = members[(report.team_id, member_id, bucket)] = (
                    [0] * len(REPORT_KINDS),
                    set(),
                )
            counts[0][KIND_POSITION[report.kind]] += 1
            if patrol_kind in PATROL_KINDS:
                counts[1].add(patrol_kind)
    for (team_id, bucket, _, kind), (call_outs, forms) in incidents.items():
        teams[(team_id, bucket)][position[INCIDENT_FIGURE[kind]]] += fire_rescue_incidents(
            call_outs, forms
        )
    return (
        {key: TeamWork(*values) for key, values in teams.items()},
        {
            key: MemberWork(tuple(by_kind), frozenset(kinds))
            for key, (by_kind, kinds) in members.items()
        },
    )


# The figure counting the incidents of each kind a PCCC/CNCH form or a call-out can be about.
INCIDENT_FIGURE = {"pccc": "fire_call_outs", "cnch": "rescue_call_outs"}


def fire_rescue_incidents(call_outs: int, forms: int) -> int:
    """How many fire (or rescue) incidents a team worked at on one day, from its call-outs and
    its PCCC/CNCH form reports of that kind that day. The forms do not name a call-out, so a
    form and a call-out of the same team, day and kind are taken as one incident: each form
    pairs with one call-out, and what is left over on either side is an incident of its own."""
    return max(call_outs, forms)


def _report_figures(report: ReportRecord) -> dict[str, int]:
    """What one report adds to its team's figures."""
    payload = report.payload
    figures = {"reports": 1, "photos": report.photo_count, KIND_FIGURE[report.kind]: 1}
    if report.kind == "patrol":
        kind = text(payload, "patrol_kind")
        if kind in PATROL_KINDS:
            figures[f"patrols_{kind}"] = 1
        figures["patrol_turns"] = len(participants(report))
        figures["violations"] = number(payload, "violations")
    elif report.kind == "fire_rescue":
        figures["people_saved"] = number(payload, "people_saved")
    elif report.kind == "tip":
        figures["valuable_tips"] = int(flag(payload, "valuable") is True)
    elif report.kind == "propaganda":
        figures["audience"] = number(payload, "audience")
    elif report.kind == "residence":
        figures["households_visited"] = number(payload, "households_visited")
        figures["records_corrected"] = number(payload, "records_corrected")
    elif report.kind == "weapons":
        figures["weapons_items"] = number(payload, "items_handed_in")
    elif report.kind == "reintegration":
        figures["reintegration_visits"] = number(payload, "visits")
    elif report.kind == "model":
        tier = acknowledged_tier(payload)
        if tier is not None:
            figures["models_acknowledged"] = 1
            for above in TIERS[1:]:
                if reaches(tier, above):
                    figures[f"models_acknowledged_{above}"] = 1
    return figures


def team_total(counts: Iterable[TeamWork]) -> TeamWork:
    """Counts added up, figure by figure (in one pass: a province adds hundreds of thousands)."""
    items = list(counts)
    if len(items) == 1:
        return items[0]
    return (
        TeamWork(*map(sum, zip(*map(_team_figures, items), strict=True))) if items else NO_TEAM_WORK
    )


def member_total(counts: Iterable[MemberWork]) -> MemberWork:
    """A member's counts added up, kind by kind."""
    items = list(counts)
    if len(items) == 1:
        return items[0]
    if not items:
        return NO_MEMBER_WORK
    return MemberWork(
        tuple(map(sum, zip(*(item.by_kind for item in items), strict=True))),
        frozenset().union(*(item.patrol_kinds for item in items)),
    )


def half_month_of(day: date) -> date:
    """The first day of the half-month `day` falls in (the 1st or the 15th)."""
    return day.replace(day=1 if day.day < HALF_MONTH_SPLIT else HALF_MONTH_SPLIT)


def half_month_end(first: date) -> date:
    """The last day of the half-month starting on `first`."""
    if first.day == 1:
        return first.replace(day=HALF_MONTH_SPLIT - 1)
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def whole_half_months(period: Period) -> tuple[date, ...]:
    """The half-months lying wholly inside the period, by their first day."""
    found: list[date] = []
    cursor = half_month_of(period.start)
    while cursor <= period.end:
        end = half_month_end(cursor)
        if cursor >= period.start and end <= period.end:
            found.append(cursor)
        cursor = date.fromordinal(end.toordinal() + 1)
    return tuple(found)


def window_finder(months: tuple[Period, ...]) -> Callable[[date], int | None]:
    """The position of a day's month among `months` (whole calendar months, in order), or None
    when the day is in none of them."""
    starts = [window.start for window in months]

    def window_of(day: date) -> int | None:
        if not months or not months[0].start <= day <= months[-1].end:
            return None
        found = bisect_right(starts, day) - 1
        return found if months[found].contains(day) else None

    return window_of


@dataclass(frozen=True, slots=True)
class MemberActivity:
    """What a member took part in among one team's reports over a period, and in which of
    the months it is judged on (positions in `Activity.months`)."""

    total: MemberWork
    months: frozenset[int]

    def __add__(self, other: MemberActivity) -> MemberActivity:
        return MemberActivity(self.total + other.total, self.months | other.months)


@dataclass(frozen=True)
class TeamActivity:
    """What one team did over a period: its counts, the months in which it sent each kind of
    report, what each member took part in, and the tips it logged in each whole month (to set
    beside the police's total of the months they entered)."""

    total: TeamWork
    months_by_kind: Mapping[str, frozenset[int]]  # the kinds of MONTHLY_KINDS only
    members: Mapping[int, MemberActivity]
    tips_by_month: Mapping[int, int] = field(default_factory=dict)  # month's position → tips

    def __add__(self, other: TeamActivity) -> TeamActivity:
        kinds = self.months_by_kind.keys() | other.months_by_kind.keys()
        members = self.members.keys() | other.members.keys()
        return TeamActivity(
            self.total + other.total,
            {
                kind: self.months_by_kind.get(kind, NO_MONTHS)
                | other.months_by_kind.get(kind, NO_MONTHS)
                for kind in sorted(kinds, key=KIND_POSITION.__getitem__)
            },
            {
                member_id: _joined(self.members.get(member_id), other.members.get(member_id))
                for member_id in sorted(members)
            },
            {
                window: self.tips_by_month.get(window, 0) + other.tips_by_month.get(window, 0)
                for window in sorted(self.tips_by_month.keys() | other.tips_by_month.keys())
            },
        )


def _joined(one: MemberActivity | None, other: MemberActivity | None) -> MemberActivity:
    """Two parts of a member's activity as one (either may be missing)."""
    if one is None or other is None:
        found = one or other
        assert found is not None
        return found
    return one + other


def _tips_by_month(counted: Mapping[tuple[int | None, bool], TeamWork]) -> dict[int, int]:
    """The tips of each month (by its position), from a team's counts by (month, inside)."""
    found: dict[int, int] = {}
    for (window, _), work in counted.items():
        if window is not None and work.tips:
            found[window] = found.get(window, 0) + work.tips
    return dict(sorted(found.items()))


NO_MONTHS: frozenset[int] = frozenset()
# The kinds whose months are kept: a plan's only monthly target is the good deed (reading the
# months of every kind from storage doubled the cost of a province's counts, measured).
MONTHLY_KINDS = ("good_deed",)
NO_ACTIVITY = TeamActivity(NO_TEAM_WORK, {}, {})


@dataclass(frozen=True)
class Activity:
    """What every team did over a period: its counts over the period's days, and the months
    (positions in `months`, the whole calendar months it is judged on, see
    reports/month_rule.py) in which each team sent a good deed and each member took part in
    something, those counted over the whole months, days outside the period included. Counted
    from reports, or read from stored counts (see summaries/record_sets.py), or both added up."""

    period: Period
    teams: Mapping[int, TeamActivity]
    months: tuple[Period, ...] = ()

    @classmethod
    def of_reports(
        cls,
        period: Period,
        reports: Iterable[ReportRecord],
        months: tuple[Period, ...] | None = None,
    ) -> Activity:
        """Counted from the reports themselves: those in the period for the counts, those in
        its months for the months (others are left out). Without `months`, the months are
        those a period of a gapless series holds (`majority_months`)."""
        judged = majority_months(period) if months is None else months
        window_of = window_finder(judged)

        def bucket_of(day: date) -> tuple[int | None, bool] | None:
            window, inside = window_of(day), period.contains(day)
            return None if window is None and not inside else (window, inside)

        team_counts, member_counts = count_reports(reports, bucket_of)
        buckets: dict[int, dict[tuple[int | None, bool], TeamWork]] = {}
        for (team_id, bucket), work in team_counts.items():
            buckets.setdefault(team_id, {})[bucket] = work
        members: dict[int, dict[int, dict[tuple[int | None, bool], MemberWork]]] = {}
        for (team_id, member_id, bucket), done in member_counts.items():
            members.setdefault(team_id, {}).setdefault(member_id, {})[bucket] = done
        return cls(
            period,
            {
                team_id: TeamActivity(
                    team_total(work for (_, inside), work in counted.items() if inside),
                    {
                        kind: found
                        for kind in MONTHLY_KINDS
                        if (
                            found := frozenset(
                                window
                                for (window, _), work in counted.items()
                                if window is not None and work.of_kind(kind)
                            )
                        )
                    },
                    {
                        member_id: MemberActivity(
                            member_total(work for (_, inside), work in done.items() if inside),
                            frozenset(window for window, _ in done if window is not None),
                        )
                        for member_id, done in sorted(members.get(team_id, {}).items())
                    },
                    _tips_by_month(counted),
                )
                for team_id, counted in sorted(buckets.items())
            },
            judged,
        )

    def __add__(self, other: Activity) -> Activity:
        """Two parts of one period's activity (stored half-months and the days around them)."""
        assert (self.period, self.months) == (other.period, other.months)
        teams = self.teams.keys() | other.teams.keys()
        return Activity(
            self.period,
            {
                team_id: self.teams[team_id] + other.teams[team_id]
                if team_id in self.teams and team_id in other.teams
                else self.teams.get(team_id) or other.teams[team_id]
                for team_id in sorted(teams)
            },
            self.months,
        )

    def of_team(self, team_id: int) -> TeamActivity:
        """One team's activity (none when it sent nothing)."""
        return self.teams.get(team_id, NO_ACTIVITY)

    def narrowed(self, team_id: int) -> Activity:
        """The same activity for one team only."""
        team = self.teams.get(team_id)
        return Activity(self.period, {team_id: team} if team is not None else {}, self.months)

    def total(self) -> TeamWork:
        """Every team's counts added up."""
        return team_total(team.total for team in self.teams.values())

    def month_tips(self, covered: Iterable[Period] | None = None) -> int:
        """The tips every team logged over the whole months (not the period's days): all the
        months, or only those among `covered` (the months a police total was entered for)."""
        chosen = None if covered is None else {(whole.start, whole.end) for whole in covered}
        wanted = [
            window
            for window, whole in enumerate(self.months)
            if chosen is None or (whole.start, whole.end) in chosen
        ]
        return sum(
            team.tips_by_month.get(window, 0) for team in self.teams.values() for window in wanted
        )

    def months_with(self, team_id: int, kind: str) -> frozenset[int]:
        """The months in which the team sent a report of `kind` (one of MONTHLY_KINDS)."""
        if kind not in MONTHLY_KINDS:
            raise ValueError(f"the months of {kind!r} are not kept: only {MONTHLY_KINDS}")
        return self.of_team(team_id).months_by_kind.get(kind, NO_MONTHS)

    def member_months(self, team_id: int, member_id: int) -> frozenset[int]:
        """The months in which the member took part in one of the team's reports."""
        found = self.of_team(team_id).members.get(member_id)
        return found.months if found is not None else NO_MONTHS

    def member_total(self, team_id: int, member_id: int) -> MemberWork:
        """What the member took part in among the team's reports, over the period."""
        found = self.of_team(team_id).members.get(member_id)
        return found.total if found is not None else NO_MEMBER_WORK

    def members_in(self, kind: str, patrol_kinds: Iterable[str] = ()) -> frozenset[int]:
        """Everyone who took part in a report of `kind` (a patrol of `patrol_kinds`, if any)."""
        wanted = tuple(patrol_kinds)
        return frozenset(
            member_id
            for team in self.teams.values()
            for member_id, done in team.members.items()
            if done.total.took_part_in(kind, wanted)
        )
