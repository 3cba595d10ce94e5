"""The figures the ward police entered, gathered for one ward over one period.

`/solieu` takes a figure per calendar month; a period reads the entries of the months it is
judged on (reports/month_rule.py): counts add up, a state is read from the last month that has
it, a yes/no must hold in every month. An entry made for the period itself wins. A figure some
months lack is shown with the months it covers and gives no verdict (a "no" in any month is a
"no" whatever the others say): a target is never met on months nobody entered."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from reports.campaigns import Campaign, PoliceFigureSpec
from reports.periods import Period, in_progress
from reports.records import PoliceFigures, RecordSet


@dataclass(frozen=True)
class FigureReading:
    """A police figure over a period: its value, the months whose entries make it (none when
    entered for the period itself) and the ended months still without an entry."""

    spec: PoliceFigureSpec
    value: int | bool
    months: tuple[Period, ...] = ()
    missing: tuple[Period, ...] = ()
    noted: bool = True  # whether the report says what it covers (not for a month's own entry)

    @property
    def complete(self) -> bool:
        """Whether the value speaks for the whole period (so it may give a verdict)."""
        return not self.missing or self.value is False


def _fits(spec: PoliceFigureSpec, value: int | bool) -> bool:
    """Whether a value has the figure's kind (a yes/no is not a number, nor the reverse)."""
    return isinstance(value, bool) == (spec.kind == "yes_no")


def _from_months(
    spec: PoliceFigureSpec,
    entries: Sequence[PoliceFigures],
    months: Sequence[Period],
    as_of: date | None,
) -> FigureReading | None:
    """The figure made of the months' own entries (the last entry of a month wins)."""
    by_month: dict[Period, int | bool] = {}
    for entry in entries:
        for whole in months:
            if (entry.start, entry.end) == (whole.start, whole.end):
                by_month[whole] = entry.values[spec.id]
    known = tuple(whole for whole in months if whole in by_month)
    if not known:
        return None
    last = months[-1]
    # a month not ended yet is not missing: its entry counts when there is one
    missing = tuple(
        whole
        for whole in months
        if whole not in by_month and not (whole == last and in_progress(whole, as_of))
    )
    values = [by_month[whole] for whole in known]
    if spec.kind == "state":
        # the level at the last month entered; complete only if no later month lacks it
        latest = known[-1]
        later = tuple(whole for whole in missing if whole.start > latest.start)
        return FigureReading(spec, values[-1], (latest,), later)
    if spec.kind == "yes_no":
        return FigureReading(spec, all(values), known, missing)
    return FigureReading(spec, sum(int(value) for value in values), known, missing)


def police_readings(
    records: RecordSet,
    ward_id: int,
    period: Period,
    campaign: Campaign,
    months: Sequence[Period] = (),
    as_of: date | None = None,
) -> dict[str, FigureReading]:
    """Each declared figure the police gave for this period, or for some of its `months`
    (whole calendar months begun by `as_of`); a figure never entered is absent, never zero."""
    found: dict[str, FigureReading] = {}
    for spec in campaign.police_figures:
        entries = sorted(
            (
                entry
                for entry in records.police
                if entry.ward_id == ward_id
                and spec.id in entry.values
                and _fits(spec, entry.values[spec.id])
            ),
            key=lambda entry: (entry.start, entry.end),
        )
        exact = [
            entry for entry in entries if (entry.start, entry.end) == (period.start, period.end)
        ]
        if exact:
            value = exact[-1].values[spec.id]
            found[spec.id] = FigureReading(spec, value, noted=period.kind != "month")
        elif months and (reading := _from_months(spec, entries, months, as_of)) is not None:
            found[spec.id] = reading
    return found


def police_values(readings: Mapping[str, FigureReading]) -> dict[str, int | bool]:
    """The values that speak for the whole period: what indicators may judge."""
    return {key: reading.value for key, reading in readings.items() if reading.complete}
