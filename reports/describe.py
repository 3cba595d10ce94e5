"""A one-line account of a report for files and digests; a tip's content never appears."""

from __future__ import annotations

import re
from collections.abc import Mapping

from reports.call_outs import incident_kind
from reports.form_config import choice_label
from reports.labels import (
    ACKNOWLEDGED_LEVELS,
    DESCRIBE,
    INCIDENT_LABELS,
    PATROL_LABELS,
    TIP_HIDDEN,
    TIP_VALUABLE,
)
from reports.payload import flag, number, text
from reports.records import ReportRecord
from reports.review import ACKNOWLEDGED, LEVEL

# Characters XML 1.0 (Word, Excel) cannot hold; they are dropped rather than crash a file.
UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# Notes the project keeps for itself beside a figure or a source ("[check]", "[cần kiểm tra]"):
# never printed in a file the police sign.
INTERNAL_MARK = re.compile(r"\s*\[\s*(?:check|cần kiểm tra|cần xác minh|todo)\s*\]", re.IGNORECASE)


def official(value: str) -> str:
    """Text fit for an official file: internal review marks removed."""
    return INTERNAL_MARK.sub("", value)


def clean(value: str, limit: int | None = None) -> str:
    """Text without control characters, cut to `limit` characters with an ellipsis."""
    tidy = UNSAFE.sub("", value)
    if limit is not None and len(tidy) > limit:
        return tidy[: max(limit - 1, 0)].rstrip() + "…"
    return tidy


def _join(*parts: str) -> str:
    """The non-empty parts, separated by "; "."""
    return "; ".join(part for part in parts if part)


def _acknowledged(payload: Mapping[str, object]) -> str:
    """đã được Công an quận, huyện ghi nhận; the bare "Công an" when no known level was kept;
    nothing while the model is not acknowledged."""
    if flag(payload, ACKNOWLEDGED) is not True:
        return ""
    level = ACKNOWLEDGED_LEVELS.get(text(payload, LEVEL))
    return DESCRIBE["acknowledged_by"].format(level=level) if level else DESCRIBE["acknowledged"]


def describe(report: ReportRecord, limit: int | None = 300) -> str:
    """What the report says, in one line, safe to show beyond the police."""
    p = report.payload
    kind = report.kind
    if kind == "tip":
        return f"{TIP_HIDDEN} – {TIP_VALUABLE[flag(p, 'valuable')]}"
    if kind == "reintegration":
        # the person is sensitive: only the number of visits leaves the police
        line = DESCRIBE["visits"].format(count=number(p, "visits"))
    elif kind == "good_deed":
        line = text(p, "what")
    elif kind == "patrol":
        violations = number(p, "violations")
        line = _join(
            PATROL_LABELS.get(text(p, "patrol_kind"), ""),
            text(p, "span"),
            text(p, "area"),
            DESCRIBE["violations"].format(count=violations) if violations else "",
        )
    elif kind == "call_out":
        line = _join(
            DESCRIBE["incident"].format(kind=INCIDENT_LABELS.get(incident_kind(report), "")),
            text(p, "outcome"),
        )
    elif kind == "propaganda":
        line = _join(
            text(p, "topic"),
            DESCRIBE["audience"].format(count=number(p, "audience")),
            text(p, "place"),
        )
    elif kind == "fire_rescue":
        saved = number(p, "people_saved")
        line = _join(
            text(p, "incident"),
            choice_label(kind, "role", text(p, "role")) if text(p, "role") else "",
            DESCRIBE["saved"].format(count=saved) if saved else "",
            text(p, "property_note"),
        )
    elif kind == "traffic":
        line = _join(text(p, "place"), text(p, "span"))
    elif kind == "residence":
        line = DESCRIBE["residence"].format(
            households=number(p, "households_visited"), records=number(p, "records_corrected")
        )
    elif kind == "weapons":
        line = DESCRIBE["weapons"].format(
            items=number(p, "items_handed_in"), households=number(p, "households_reached")
        )
    elif kind == "model":
        line = _join(text(p, "name"), text(p, "recognised_by"), _acknowledged(p))
    else:
        line = ""
    return clean(" ".join(line.split()), limit)
