"""The tree of units (province, district, commune, residential group, team), walked by id."""

from __future__ import annotations

import re
from collections.abc import Sequence

from reports.records import UnitRecord


def natural_key(name: str) -> tuple[tuple[int, int | str], ...]:
    """Order "Tổ 2" before "Tổ 10"."""
    parts = re.split(r"(\d+)", name.casefold())
    return tuple((1, int(part)) if part.isdecimal() else (0, part) for part in parts if part)


class UnitTree:
    """Units with each one's children listed once, for walking up and down many times."""

    def __init__(self, units: Sequence[UnitRecord]) -> None:
        self.units = tuple(units)
        self._by_id = {unit.id: unit for unit in self.units}
        self._children: dict[int | None, list[UnitRecord]] = {}
        for unit in self.units:
            self._children.setdefault(unit.parent_id, []).append(unit)

    def unit(self, unit_id: int) -> UnitRecord:
        """The unit with this id (KeyError when there is none)."""
        if unit_id not in self._by_id:
            raise KeyError(f"no unit {unit_id}")
        return self._by_id[unit_id]

    def ids_below(self, unit_id: int) -> set[int]:
        """The unit's id and the ids of every unit below it."""
        found, waiting = {unit_id}, [unit_id]
        while waiting:
            for child in self._children.get(waiting.pop(), []):
                if child.id not in found:
                    found.add(child.id)
                    waiting.append(child.id)
        return found

    def under(self, unit_id: int, kind: str) -> tuple[UnitRecord, ...]:
        """Units of `kind` anywhere below `unit_id` (or the unit itself), in natural name
        order (KeyError when there is no such unit)."""
        self.unit(unit_id)
        found = [self._by_id[i] for i in self.ids_below(unit_id) if self._by_id[i].kind == kind]
        return tuple(sorted(found, key=lambda unit: (natural_key(unit.name), unit.id)))

    def family(self, unit_id: int) -> tuple[UnitRecord, ...]:
        """The unit, the units below it and those above it, by id: all a summary of it reads."""
        ids = self.ids_below(unit_id)
        parent = self._by_id[unit_id].parent_id if unit_id in self._by_id else None
        while parent is not None and parent in self._by_id and parent not in ids:
            ids.add(parent)
            parent = self._by_id[parent].parent_id
        return tuple(self._by_id[i] for i in sorted(ids) if i in self._by_id)
