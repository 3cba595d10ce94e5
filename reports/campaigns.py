"""Campaigns (phong trào thi đua): phases, targets and the commendation rule, from TOML files."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from reports.config_files import CONFIG_DIR, ConfigFileError, load_model
from reports.periods import MonthDay
from reports.review import Tier

CAMPAIGNS_DIR = CONFIG_DIR / "campaigns"
ID = r"^[a-z][a-z0-9_-]*$"

Computation = Literal[
    "good_deed_every_month",
    "call_outs_in_time",
    "members_on_patrol",
    "teams_on_patrol",
    "members_guiding_traffic",
    "tips_through_force",
    "police_share",
    "models_acknowledged",
    "teams_fully_staffed",
    "police_yes_no",
]
IncidentKind = Literal["antt", "pccc", "cnch", "traffic", "propaganda"]
PatrolKind = Literal["antt", "atgt", "night"]
FigureKind = Literal["count", "state", "yes_no"]
# Who set an indicator's target: the plan (cited by `seed`), the ward itself (the file's value
# is the ward's default, an officer may change it), or no one (results without a verdict).
TargetSource = Literal["plan", "ward", "none"]

# computation -> the parameters it needs; for a police figure, what it must hold
# ("number" is a count or a state)
NEEDS: dict[str, dict[str, Literal["number", "count", "yes_no"] | None]] = {
    "good_deed_every_month": {},
    "call_outs_in_time": {"incident_kinds": None},
    "members_on_patrol": {},
    "teams_on_patrol": {},
    "members_guiding_traffic": {},
    "tips_through_force": {"figure": "count"},
    "police_share": {"numerator_figure": "number", "denominator_figure": "number"},
    "models_acknowledged": {},
    "teams_fully_staffed": {},
    "police_yes_no": {"figure": "yes_no"},
}
PARAMETERS = (
    "incident_kinds",
    "max_minutes",
    "patrol_kinds",
    "figure",
    "numerator_figure",
    "denominator_figure",
    "min_level",
)
OPTIONAL = {
    "call_outs_in_time": {"max_minutes"},
    "members_on_patrol": {"patrol_kinds"},
    "teams_on_patrol": {"patrol_kinds"},
    "models_acknowledged": {"min_level"},
}


def seed_parts(seed: str) -> tuple[tuple[str, str], ...]:
    """ "003 II.5; 000 II.8" as (("003", "II.5"), ("000", "II.8")): a seed's id, then the
    section of that document."""
    return tuple(
        (part[:3], part[4:].strip()) for part in (item.strip() for item in seed.split(";"))
    )


def _month_day(value: object) -> object:
    """ "MM-DD" as a MonthDay; other values are left for pydantic to reject."""
    if not isinstance(value, str):
        return value
    try:
        month_text, day_text = value.split("-")
        parsed = MonthDay(int(month_text), int(day_text))
        date(2000, parsed.month, parsed.day)
    except ValueError as error:
        raise ValueError(f"expected a day of the year as MM-DD, not {value!r}") from error
    return parsed


YearDay = Annotated[MonthDay, BeforeValidator(_month_day)]


class Frozen(BaseModel):
    """A strict, immutable configuration model."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class PhaseSpec(Frozen):
    """A phase (đợt thi đua) with fixed dates."""

    name: str = Field(min_length=1)
    start: date
    end: date
    theme: str = ""

    @model_validator(mode="after")
    def _in_order(self) -> PhaseSpec:
        if self.end < self.start:
            raise ValueError(f"phase {self.name!r} ends before it starts")
        return self


class RecurringSpec(Frozen):
    """Yearly phases that follow the fixed ones (or stand alone)."""

    every: Literal["year"] = "year"
    start: date
    year_starts: YearDay = MonthDay(1, 1)
    name: str = Field(pattern=r"\{year\}")


class CommendationRule(Frozen):
    """How many collectives and individuals a ward proposes, and how often."""

    per: Literal["phase", "year"]
    collectives: int = Field(ge=0)
    individuals: int = Field(ge=0)
    either: bool = True
    shortlist: int = Field(default=3, ge=1, le=10)
    seed: str
    # Whether the plan itself sets these numbers (the report then says "Theo kế hoạch, …");
    # a rule the ward follows by practice is not printed as the plan's.
    from_plan: bool = False


class PoliceFigureSpec(Frozen):
    """A figure the ward police enter, such as the total number of tips received."""

    id: str = Field(pattern=ID)
    label: str
    kind: FigureKind


class IndicatorSpec(Frozen):
    """A target of the plan and how it is computed from the records."""

    id: str = Field(pattern=ID)
    computation: Computation
    label: str
    short: str
    target: int | None = Field(default=None, ge=0)
    target_source: TargetSource = "plan"
    comparison: Literal["at_least", "more_than"] = "at_least"
    seed: str = Field(pattern=r"^\d{3} \S[^;]*(; \d{3} \S[^;]*)*$")
    note: str = ""
    # When the figure measures less than the plan asks: what it covers, and what the officer
    # adds by hand; the indicator is then never "met", only "met in part".
    covers: str = ""
    by_hand: str = ""
    incident_kinds: tuple[IncidentKind, ...] = ()
    max_minutes: int | None = Field(default=None, ge=0)
    patrol_kinds: tuple[PatrolKind, ...] = ()
    figure: str | None = None
    # A yes/no answer in words, as the report states it ("không có trường hợp tái phạm"),
    # so "Không để xảy ra tái phạm" is never answered by a bare "Không".
    when_met: str = ""
    when_not_met: str = ""
    numerator_figure: str | None = None
    denominator_figure: str | None = None
    # models_acknowledged: the lowest tier of government whose acknowledgement counts
    # ("district": "Công an quận trở lên"); any level when not given.
    min_level: Tier | None = None

    @model_validator(mode="after")
    def _parameters_fit(self) -> IndicatorSpec:
        needed = NEEDS[self.computation]
        allowed = set(needed) | OPTIONAL.get(self.computation, set())
        for name in PARAMETERS:
            given = getattr(self, name) not in (None, ())
            if name in needed and not given:
                raise ValueError(f"indicator {self.id!r}: {self.computation} needs {name}")
            if given and name not in allowed:
                raise ValueError(f"indicator {self.id!r}: {self.computation} takes no {name}")
        if self.measure == "yes_no" and self.target is not None:
            raise ValueError(f"indicator {self.id!r}: a yes/no indicator has no target")
        if self.target_source == "none" and self.target is not None:
            raise ValueError(f"indicator {self.id!r}: target_source is none, yet a target is set")
        if self.measure != "yes_no" and self.target_source != "none" and self.target is None:
            raise ValueError(f"indicator {self.id!r}: target is missing")
        if bool(self.covers.strip()) != bool(self.by_hand.strip()):
            raise ValueError(f"indicator {self.id!r}: covers and by_hand go together")
        if self.measure == "share" and (self.target or 0) > 100:
            raise ValueError(f"indicator {self.id!r}: a share target is at most 100 (%)")
        return self

    @property
    def measure(self) -> Literal["share", "count", "yes_no"]:
        """What kind of figure the indicator is."""
        if self.computation == "police_yes_no":
            return "yes_no"
        if self.computation == "models_acknowledged":
            return "count"
        return "share"

    @property
    def team_level(self) -> bool:
        """Whether the indicator means something for a single team."""
        return self.computation not in {
            "tips_through_force",
            "police_share",
            "models_acknowledged",
            "police_yes_no",
        }

    @property
    def partial(self) -> bool:
        """Whether the figure measures only part of what the plan asks (see `by_hand`)."""
        return bool(self.by_hand)

    @property
    def seeds(self) -> tuple[tuple[str, str], ...]:
        """The documents and sections `seed` points at: (("000", "II.4"), …)."""
        return seed_parts(self.seed)

    def with_ward_target(self, target: int) -> IndicatorSpec:
        """The same indicator with a target the ward set itself."""
        if self.measure == "yes_no":
            raise ValueError(f"indicator {self.id!r}: a yes/no indicator has no target")
        if target < 0 or (self.measure == "share" and target > 100):
            raise ValueError(f"indicator {self.id!r}: target {target} out of range")
        return self.model_copy(update={"target": target, "target_source": "ward"})

    def figures(self) -> dict[str, Literal["number", "count", "yes_no"]]:
        """The police figures this indicator reads, with the kind each must have."""
        return {
            str(getattr(self, name)): kind
            for name, kind in NEEDS[self.computation].items()
            if kind is not None
        }


class Campaign(Frozen):
    """A plan's emulation movement: phases, targets, police figures and the commendation rule."""

    id: str = Field(pattern=ID)
    name: str
    plan: str
    movement: str
    seeds: tuple[str, ...] = Field(min_length=1)
    # Each seed's short reference, as the plan itself is cited ("KH 357/KH-UBND"): printed in
    # official files, so no bracketed note such as "[check]".
    sources: dict[str, Annotated[str, Field(min_length=1, pattern=r"^[^\[\]]+$")]] = Field(
        default_factory=dict
    )
    phases: tuple[PhaseSpec, ...] = ()
    recurring: RecurringSpec | None = None
    report_before: YearDay | None = None
    commendation: CommendationRule
    police_figures: tuple[PoliceFigureSpec, ...] = ()
    # How calendar months map onto phases, rating years and calendar years for every monthly
    # figure (police entries, a good deed every month): see reports/month_rule.py.
    month_rule: Literal["most_days"] = "most_days"
    indicators: tuple[IndicatorSpec, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Campaign:
        if not self.phases and self.recurring is None:
            raise ValueError("a campaign needs phases, a recurring phase, or both")
        for earlier, later in pairwise(self.phases):
            if later.start <= earlier.end:
                raise ValueError(f"phase {later.name!r} starts before {earlier.name!r} ends")
        if self.recurring and self.phases and self.recurring.start <= self.phases[-1].end:
            raise ValueError("the recurring phase starts before the last fixed phase ends")
        for kind, items in (
            ("indicator", [item.id for item in self.indicators]),
            ("police figure", [item.id for item in self.police_figures]),
        ):
            if len(set(items)) != len(items):
                raise ValueError(f"two of the {kind}s have the same id")
        for indicator in self.indicators:
            for seed, _ in indicator.seeds:
                if seed not in self.sources:
                    raise ValueError(f"indicator {indicator.id!r}: no source for seed {seed!r}")
        declared = {figure.id: figure.kind for figure in self.police_figures}
        for indicator in self.indicators:
            for name, kind in indicator.figures().items():
                if name not in declared:
                    raise ValueError(f"indicator {indicator.id!r}: no police figure {name!r}")
                if kind == "number" and declared[name] == "yes_no":
                    raise ValueError(f"indicator {indicator.id!r}: {name!r} is not a number")
                if kind != "number" and declared[name] != kind:
                    raise ValueError(f"indicator {indicator.id!r}: {name!r} must be {kind}")
        return self

    def with_ward_targets(self, targets: Mapping[str, int]) -> Campaign:
        """The campaign with the targets a ward set itself (by indicator id); a plan's target
        is the plan's and is left as it is, an unknown id is ignored."""
        changed = tuple(
            spec.with_ward_target(targets[spec.id])
            if spec.id in targets and spec.target_source != "plan"
            else spec
            for spec in self.indicators
        )
        return (
            self if changed == self.indicators else self.model_copy(update={"indicators": changed})
        )

    def ward_settable(self) -> tuple[IndicatorSpec, ...]:
        """The indicators whose target a ward may set: not the plan's, and not a yes/no."""
        return tuple(
            spec
            for spec in self.indicators
            if spec.target_source != "plan" and spec.measure != "yes_no"
        )


def citation(campaign: Campaign, seed: str) -> str:
    """An indicator's `seed` as the plan is cited: "KH 357/KH-UBND, mục II.4" (several parts
    joined by "; ")."""
    return "; ".join(
        f"{campaign.sources[document]}, mục {section}" for document, section in seed_parts(seed)
    )


def load_campaign(path: Path) -> Campaign:
    """One campaign file."""
    return load_model(path, Campaign)


def load_campaigns(directory: Path = CAMPAIGNS_DIR) -> dict[str, Campaign]:
    """Every campaign in `directory`, keyed by id."""
    campaigns: dict[str, Campaign] = {}
    for path in sorted(directory.glob("*.toml")):
        campaign = load_campaign(path)
        if campaign.id in campaigns:
            raise ConfigFileError(f"{path}: id: {campaign.id!r} is used by another file")
        campaigns[campaign.id] = campaign
    return campaigns
