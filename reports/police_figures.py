"""The figures the ward police entered, gathered for one ward over one period."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from itertools import pairwise

from reports.campaigns import Campaign, PoliceFigureSpec
from reports.periods import Period
from reports.records import PoliceFigures, RecordSet


def _fits(spec: PoliceFigureSpec, value: int | bool) -> bool:
    """Whether a value has the figure's kind (a yes/no is not a number, nor the reverse)."""
    return isinstance(value, bool) == (spec.kind == "yes_no")


def _tiles(entries: Sequence[PoliceFigures], period: Period) -> bool:
    """Whether the entries cover the period day for day, without gaps or overlaps."""
    if not entries or entries[0].start != period.start or entries[-1].end != period.end:
        return False
    return all(
        later.start == earlier.end + timedelta(days=1) for earlier, later in pairwise(entries)
    )


def _combined(
    spec: PoliceFigureSpec, entries: Sequence[PoliceFigures], period: Period
) -> int | bool | None:
    """Entries for parts of the period combined, or None when they do not say it exactly."""
    if spec.kind == "state":
        closing = [entry for entry in entries if entry.end == period.end]
        return closing[-1].values[spec.id] if closing else None
    if not _tiles(entries, period):
        return None
    values = [entry.values[spec.id] for entry in entries]
    if spec.kind == "yes_no":
        return all(values)
    return sum(int(value) for value in values)


def police_values(
    records: RecordSet, ward_id: int, period: Period, campaign: Campaign
) -> dict[str, int | bool]:
    """Each declared figure the police gave for exactly this period, or can be added up from
    entries for its parts (counts add up, yes/no must hold throughout, a state is read at the
    end); a figure they did not give is absent, never zero."""
    found: dict[str, int | bool] = {}
    for spec in campaign.police_figures:
        entries = sorted(
            (
                entry
                for entry in records.police
                if entry.ward_id == ward_id
                and period.start <= entry.start
                and entry.end <= period.end
                and spec.id in entry.values
                and _fits(spec, entry.values[spec.id])
            ),
            key=lambda entry: (entry.start, entry.end),
        )
        exact = [
            entry for entry in entries if (entry.start, entry.end) == (period.start, period.end)
        ]
        value = exact[-1].values[spec.id] if exact else _combined(spec, entries, period)
        if value is not None:
            found[spec.id] = value
    return found
