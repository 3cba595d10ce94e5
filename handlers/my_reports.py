"""`/baocaocuatoi`: the member's recent reports, newest first."""

from __future__ import annotations

import html

from handlers.menu import main_menu
from handlers.replies import Reply, Say
from handlers.turn import Turn
from storage.models import Member, Report
from storage.reports import recent_reports_of

RECENT = 10
SUMMARY_CHARS = 60


async def my_reports(turn: Turn, member: Member) -> list[Reply]:
    """A short line per report, then the menu."""
    reports = await recent_reports_of(turn.session, member.id, RECENT)
    if not reports:
        return [main_menu(turn.texts, turn.forms, turn.texts("my-reports-empty"))]
    lines: list[str] = [turn.texts("my-reports-title")]
    lines += [_line(turn, report) for report in reports]
    return [Say(text="\n".join(lines)), main_menu(turn.texts, turn.forms)]


def _line(turn: Turn, report: Report) -> str:
    form = turn.forms.get(report.kind)
    kind = turn.texts(form.title) if form else html.escape(report.kind)
    text_fields = [spec.name for spec in form.fields if spec.type == "text"] if form else []
    summary = next(
        (str(report.payload[name]) for name in text_fields if name in report.payload), ""
    )
    if len(summary) > SUMMARY_CHARS:
        summary = summary[: SUMMARY_CHARS - 1].rstrip() + "…"
    photos = len(report.attachments)
    return turn.texts(
        "my-reports-line",
        number=str(report.id),
        day=report.occurred_on.strftime("%d/%m"),
        kind=kind,
        summary=summary,
        photos=turn.texts("my-reports-photos", count=photos) if photos else "",
    )
