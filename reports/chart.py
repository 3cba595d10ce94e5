"""The chart (PNG): each team's reports by kind, and how many of its targets it reached."""

from __future__ import annotations

import math
import os
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from reports import labels
from reports.records import REPORT_KINDS
from reports.summary import ProvinceSummary, WardSummary

# One fixed colour per report kind, so every chart reads the same.
COLOURS = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
    "#393b79",
)
STATUS_COLOURS = {"met": "#2ca02c", "not_met": "#d62728", "no_data": "#7f7f7f"}
FONT = "DejaVu Sans"  # ships with matplotlib and has every Vietnamese letter
WIDTH_INCHES = 10.0
ROW_INCHES = 0.38
TOP_INCHES = 0.5
LEGEND_ROW_INCHES = 0.25
LEGEND_COLUMNS = 4
DPI = 100


@dataclass(frozen=True)
class Bar:
    """One row of the chart."""

    label: str
    counts: Counter[str]
    status: str
    status_text: str


def _matplotlib_home() -> None:
    """Keep matplotlib's font cache in a temporary folder unless told otherwise."""
    if "MPLCONFIGDIR" not in os.environ:
        home = Path(tempfile.gettempdir()) / "antt-bot-matplotlib"
        home.mkdir(parents=True, exist_ok=True)
        os.environ["MPLCONFIGDIR"] = str(home)


def _draw(title: str, bars: Sequence[Bar]) -> bytes:
    """Horizontal stacked bars, one per row, with the target status at the right."""
    _matplotlib_home()
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    with rc_context({"font.family": FONT, "font.size": 10}):
        rows = list(reversed(bars))
        present = [
            (kind, colour)
            for kind, colour in zip(REPORT_KINDS, COLOURS, strict=True)
            if any(bar.counts.get(kind, 0) for bar in rows)
        ]
        plot = ROW_INCHES * max(len(rows), 1)
        bottom = 0.75 + LEGEND_ROW_INCHES * math.ceil(len(present) / LEGEND_COLUMNS)
        height = plot + bottom + TOP_INCHES
        figure = Figure(figsize=(WIDTH_INCHES, height), dpi=DPI)
        FigureCanvasAgg(figure)
        axes = figure.add_axes((0.2, bottom / height, 0.66, plot / height))
        positions = list(range(len(rows)))
        left = [0] * len(rows)
        for kind, colour in present:
            values = [bar.counts.get(kind, 0) for bar in rows]
            axes.barh(
                positions,
                values,
                left=left,
                color=colour,
                height=0.7,
                label=labels.KIND_LABELS[kind],
            )
            left = [a + b for a, b in zip(left, values, strict=True)]
        axes.set_yticks(positions, [bar.label for bar in rows])
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        # 1.050, not 1050: thousands grouped with a dot, as in the rest of the report.
        axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: labels.count(int(value))))
        axes.set_xlabel(labels.CHART_X)
        axes.set_title(title)
        axes.set_xlim(0, max(max(left, default=0), 1) * 1.05)
        axes.set_ylim(-0.6, max(len(rows), 1) - 0.4)
        for position, bar in zip(positions, rows, strict=True):
            axes.annotate(
                bar.status_text,
                (1.01, position),
                xycoords=("axes fraction", "data"),
                va="center",
                color=STATUS_COLOURS[bar.status],
            )
        if not rows:
            axes.text(0.5, 0.5, labels.CHART_NO_TEAMS, transform=axes.transAxes, ha="center")
        if present:
            figure.legend(
                loc="lower center",
                bbox_to_anchor=(0.5, 0.1 / height),
                ncol=LEGEND_COLUMNS,
                frameon=False,
                fontsize=9,
            )
        buffer = BytesIO()
        figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def _status(met: int, known: int) -> str:
    """met when every known target is reached, no_data when none is known."""
    return "no_data" if not known else "met" if met == known else "not_met"


def ward_chart(summary: WardSummary) -> bytes:
    """Each team of the ward: its reports by kind and its targets reached."""
    bars = []
    for team in summary.teams:
        counts = Counter(summary.scope.activity.of_team(team.team.id).total.kinds())
        known = len(team.with_data)
        bars.append(
            Bar(
                labels.short_team_name(team.team.name),
                counts,
                _status(team.met, known),
                labels.CHART_STATUS.format(met=team.met, known=known),
            )
        )
    title = labels.CHART_TITLE.format(period=labels.period_label(summary.period))
    return _draw(f"{title} · {summary.ward.name}", bars)


def province_chart(summary: ProvinceSummary) -> bytes:
    """Each ward of the province: its reports by kind and its targets reached."""
    bars = []
    for ward in summary.wards:
        counts = Counter(ward.kinds)
        met = sum(1 for result in ward.indicators if result.reached)
        known = sum(1 for result in ward.indicators if result.judged)
        bars.append(
            Bar(
                ward.ward.name,
                counts,
                _status(met, known),
                labels.CHART_STATUS.format(met=met, known=known),
            )
        )
    title = labels.CHART_TITLE_WARDS.format(period=labels.period_label(summary.period))
    return _draw(f"{title} · {summary.province.name}", bars)
