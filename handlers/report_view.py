"""A sent report as the people who may read it see it: its answers, one line each."""

from __future__ import annotations

from handlers.forms.engine import FormContext
from handlers.forms.screens import ScreenPainter
from handlers.forms.spec import FormSpec
from handlers.turn import Turn
from storage.members import members_of_unit
from storage.models import Report


async def report_lines(turn: Turn, form: FormSpec, report: Report) -> list[str]:
    """The report's answers as the summary showed them, one line each, under its heading."""
    roster = await members_of_unit(turn.session, report.team_id)
    context = FormContext(now=turn.now, roster=tuple((m.id, m.full_name) for m in roster))
    painter = ScreenPainter(form, turn.texts, 0, context)
    values = dict(report.payload)
    lines: list[str] = [
        turn.texts("report-heading", number=str(report.id), kind=turn.texts.label(form.title))
    ]
    for spec in form.fields:
        if spec.type == "photo":
            continue
        if spec.asked or spec.name in values:
            lines.append(f"• {turn.texts(spec.label)}: {painter.value_text(spec, values)}")
    if report.attachments:
        lines.append(
            f"• {turn.texts('field-label-photos')}: "
            f"{turn.texts('review-photos', count=len(report.attachments))}"
        )
    return lines
