"""What a summary's figures cover, in words: the months of the police's figures, and the day a
summary of a period still running was made ("tính đến ngày …"). Vietnamese, as every word of
the files the police forward (reports/labels.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reports import labels
from reports.indicators import IndicatorResult
from reports.periods import Period, in_progress, month_span
from reports.police_figures import FigureReading

POLICE_MONTHS = "số liệu Công an phường tháng {months}"
POLICE_WHOLE = "số liệu Công an phường nhập cho cả kỳ"
POLICE_PARTIAL = "chưa đủ số liệu để đánh giá · {figures}"
PARTIAL_FIGURE = "{label}: {value} (Công an phường nhập tháng {months}, thiếu tháng {missing})"
PENDING = "{teams} tổ chưa có việc tốt trong tháng đang diễn ra (chưa tính)"
SO_FAR = "Số liệu tính đến ngày {day}."
IN_PROGRESS = (
    " Tháng {month} chưa kết thúc: tổ đã có việc tốt trong tháng được tính là đạt, tổ chưa có"
    " chưa bị tính là không đạt; các tháng sau chưa xét."
)


def month_runs(months: Sequence[Period]) -> str:
    """Months in runs: "02–06/2025", "11/2024, 01/2025", "12/2025–01/2026"."""
    runs: list[list[Period]] = []
    for whole in months:
        if runs and (whole.start - runs[-1][-1].end).days == 1:
            runs[-1].append(whole)
        else:
            runs.append([whole])
    return ", ".join(month_span(tuple(run)) for run in runs)


def _value(reading: FigureReading) -> str:
    """12.000, Có, Không."""
    if isinstance(reading.value, bool):
        return labels.YES_NO[reading.value]
    return labels.count(reading.value)


def police_covers(result: IndicatorResult) -> str:
    """ "số liệu Công an phường tháng 02–08/2025" for a result judged on police figures that
    speak for the whole period, or "" (no police figure, or one that gives no verdict)."""
    readings = [reading for reading in result.readings if reading.complete]
    if not readings or len(readings) != len(result.readings):
        return ""
    if not any(reading.noted for reading in readings):
        return ""  # a month's own entries in the month's report: nothing to add
    months = sorted({whole for reading in readings for whole in reading.months}, key=_start)
    if not months:
        return POLICE_WHOLE
    return POLICE_MONTHS.format(months=month_runs(months))


def police_partial(result: IndicatorResult) -> str:
    """What the police entered for some months only, with the months it covers and lacks, or ""
    when they entered nothing (a result without a verdict shows this instead of "no data")."""
    partial = [reading for reading in result.readings if not reading.complete]
    if not partial:
        return ""
    figures = "; ".join(
        PARTIAL_FIGURE.format(
            label=reading.spec.label,
            value=_value(reading),
            months=month_runs(reading.months),
            missing=month_runs(reading.missing),
        )
        for reading in partial
    )
    return POLICE_PARTIAL.format(figures=figures)


def pending(result: IndicatorResult) -> str:
    """ "2 tổ chưa có việc tốt trong tháng đang diễn ra (chưa tính)", or ""."""
    if not result.pending:
        return ""
    return PENDING.format(teams=labels.count(result.pending))


def coverage_note(result: IndicatorResult) -> str:
    """What a result's figures cover, as a note beside it (the workbook's "Ghi chú"), in the
    words of the Word report: "Số liệu Công an phường tháng 11/2024–01/2025"; without a
    verdict, what the police entered for some months only; "" when there is nothing to say."""
    if result.status == "no_data":
        notes = [police_partial(result) or pending(result)]
    else:
        notes = [police_covers(result), pending(result)]
    words = " · ".join(note for note in notes if note)
    return words[:1].upper() + words[1:]


def so_far(period: Period, as_of: date | None, months: Sequence[Period]) -> str:
    """ "Số liệu tính đến ngày 29/11/2026. Tháng 11/2026 chưa kết thúc: …" when the period runs
    past the summary's day, else ""."""
    if as_of is None or as_of >= period.end:
        return ""
    text = SO_FAR.format(day=labels.vn_date(as_of))
    if months and in_progress(months[-1], as_of):
        text += IN_PROGRESS.format(month=f"{months[-1].start:%m/%Y}")
    return text


def _start(whole: Period) -> date:
    return whole.start
