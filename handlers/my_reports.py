"""`/baocaocuatoi`: the member's reports month by month, each opened with its photos, and
changed or deleted while the edit window is open."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable

from chat import actions
from chat.replies import Button, Reply, Say, Toast
from handlers.access import may_change_report, may_read_report
from handlers.forms.screens import rows_of
from handlers.forms.spec import FormSpec
from handlers.menu import HOME, main_menu
from handlers.months import month_bounds
from handlers.report_flow import edit_report
from handlers.report_view import report_lines
from handlers.review_card import decision_text
from handlers.turn import Turn
from reports.review import REVIEWED_KINDS
from storage.access_log import log_access
from storage.models import Member, Report
from storage.reports import delete_report, report_by_id, reports_of_author_between

PAGE_LIMIT = 30
SUMMARY_CHARS = 28


async def my_reports(
    turn: Turn, member: Member, month: dt.date | None = None, kind: str | None = None
) -> list[Reply]:
    """One month of the member's reports as buttons, with month and kind filters."""
    month = (month or turn.today).replace(day=1)
    first, last = month_bounds(month)
    reports = await reports_of_author_between(turn.session, member.id, first, last)
    kinds = list(dict.fromkeys(report.kind for report in reports))
    shown = [report for report in reports if kind is None or report.kind == kind]
    label = f"{month:%m/%Y}"
    if shown:
        text = turn.texts("my-reports-month", month=label, count=len(shown))
    else:
        text = turn.texts("my-reports-month-empty", month=label)
    rows = [[_line_button(turn, report)] for report in shown[:PAGE_LIMIT]]
    if len(kinds) > 1:
        rows += rows_of(_kind_filters(turn, month, kinds, kind), 3)
    rows.append(_month_moves(turn, month))
    return [Say(text=text, buttons=rows)]


def _line_button(turn: Turn, report: Report) -> Button:
    form = turn.forms.get(report.kind)
    summary = _summary(form, report)
    if len(summary) > SUMMARY_CHARS:
        summary = summary[: SUMMARY_CHARS - 1].rstrip() + "…"
    kind = turn.texts.label(form.title) if form else report.kind
    label = turn.texts.label(
        "report-line",
        number=str(report.id),
        day=f"{report.occurred_on:%d/%m}",
        kind=kind,
        summary=summary,
    )
    return Button(label=label, action=actions.OpenReport(report.id).encode())


def _summary(form: FormSpec | None, report: Report) -> str:
    if form is None:
        return ""
    texts = (
        str(report.payload[f.name])
        for f in form.fields
        if f.type == "text" and f.name in report.payload
    )
    return next(texts, "")


def _kind_filters(
    turn: Turn, month: dt.date, kinds: list[str], current: str | None
) -> list[Button]:
    def mark(label: str, on: bool) -> str:
        return f"• {label}" if on else label

    buttons = [
        Button(
            label=mark(turn.texts.label("my-reports-all-kinds"), current is None),
            action=actions.ReportMonth(month).encode(),
        )
    ]
    for kind in kinds:
        form = turn.forms.get(kind)
        title = turn.texts.label(form.title) if form else kind
        buttons.append(
            Button(
                label=mark(title, kind == current),
                action=actions.ReportMonth(month, kind).encode(),
            )
        )
    return buttons


def _month_moves(turn: Turn, month: dt.date) -> list[Button]:
    previous = (month - dt.timedelta(days=1)).replace(day=1)
    moves = [
        Button(
            label=turn.texts.label("my-reports-previous", month=f"{previous:%m/%Y}"),
            action=actions.ReportMonth(previous).encode(),
        )
    ]
    following = (month + dt.timedelta(days=32)).replace(day=1)
    if following <= turn.today:
        moves.append(
            Button(
                label=turn.texts.label("my-reports-next", month=f"{following:%m/%Y}"),
                action=actions.ReportMonth(following).encode(),
            )
        )
    moves.append(
        Button(label=turn.texts.label("menu-home"), action=actions.MenuChoice(HOME).encode())
    )
    return moves


async def pressed(turn: Turn, member: Member, press: actions.MyReports) -> list[Reply]:
    """A button of the member's reports: a month page, open, edit, delete (checked each time)."""
    if isinstance(press, actions.ReportMonth):
        if press.month > turn.today or (press.kind is not None and press.kind not in turn.forms):
            return [Toast(text=turn.texts("forged-button"))]
        return await my_reports(turn, member, press.month, press.kind)
    use = USES.get(type(press))
    if use is None or not isinstance(press, actions.AboutReport):
        return [Toast(text=turn.texts("forged-button"))]
    report = await report_by_id(turn.session, press.report)
    form = turn.forms.get(report.kind) if report is not None else None
    if report is None or form is None or report.status != "active":
        return [Say(text=turn.texts("report-not-found"))]
    if not await may_read_report(turn.session, member, report, police_only=form.police_only):
        return [Say(text=turn.texts("report-not-found"))]
    opening = isinstance(press, actions.OpenReport)
    if not opening and not may_change_report(member, report, turn.now, turn.edit_window):
        return [Say(text=turn.texts("report-too-late", hours=_hours(turn)))]
    return await use(turn, member, form, report)


async def _open(turn: Turn, member: Member, form: FormSpec, report: Report) -> list[Reply]:
    if form.police_only and report.author_id != member.id:
        await log_access(
            turn.session,
            "open-tip",
            turn.now,
            member=member,
            unit_id=report.team_id,
            subject=f"report:{report.id}",
        )
    return await open_report(turn, member, form, report)


async def _ask_delete(turn: Turn, member: Member, form: FormSpec, report: Report) -> list[Reply]:
    return [_delete_question(turn, report)]


async def _delete(turn: Turn, member: Member, form: FormSpec, report: Report) -> list[Reply]:
    await delete_report(turn.session, report, member.id, turn.now)
    return [main_menu(turn.texts, turn.forms, turn.texts("report-deleted", number=str(report.id)))]


# What a button about one report does, once the member may read it (and, but to open it, still
# change it).
USES: dict[
    type[actions.MyReports],
    Callable[[Turn, Member, FormSpec, Report], Awaitable[list[Reply]]],
] = {
    actions.OpenReport: _open,
    actions.DeleteReport: _ask_delete,
    actions.DeleteConfirmed: _delete,
    actions.EditReport: edit_report,
}


def _hours(turn: Turn) -> int:
    return int(turn.edit_window.total_seconds() // 3600)


async def open_report(turn: Turn, member: Member, form: FormSpec, report: Report) -> list[Reply]:
    """The whole report as the summary showed it, its photos, and what may still be done."""
    lines = await report_lines(turn, form, report)
    zone = turn.now.tzinfo
    lines.append(
        turn.texts("report-sent-at", time=f"{report.created_at.astimezone(zone):%H:%M %d/%m/%Y}")
    )
    if report.updated_at is not None:
        lines.append(
            turn.texts(
                "report-edited-at", time=f"{report.updated_at.astimezone(zone):%H:%M %d/%m/%Y}"
            )
        )
    if report.kind in REVIEWED_KINDS:
        lines.append(decision_text(turn, report))
    buttons: list[list[Button]] = []
    if may_change_report(member, report, turn.now, turn.edit_window):
        until = (report.created_at + turn.edit_window).astimezone(zone)
        lines.append(turn.texts("report-editable-until", time=f"{until:%H:%M %d/%m/%Y}"))
        buttons.append(
            [
                Button(
                    label=turn.texts.label("button-edit"),
                    action=actions.EditReport(report.id).encode(),
                ),
                Button(
                    label=turn.texts.label("button-delete"),
                    action=actions.DeleteReport(report.id).encode(),
                ),
            ]
        )
    elif report.author_id == member.id:
        lines.append(turn.texts("report-read-only", hours=_hours(turn)))
    call_out_id = report.payload.get("call_out_id") if report.payload.get("live") else None
    called = {entry.get("member") for entry in report.payload.get("people", [])}
    if isinstance(call_out_id, int) and member.id in called:  # a live call-out's record
        add = actions.AddToMyRecord(call_out_id).encode()
        buttons.append([Button(label=turn.texts.label("callout-note-add"), action=add)])
    back = actions.ReportMonth(report.occurred_on.replace(day=1))
    buttons.append([Button(label=turn.texts.label("button-back-to-list"), action=back.encode())])
    photos: list[Reply] = [
        Say(
            text=turn.texts(
                "photo-caption", number=str(report.id), index=index, count=len(report.attachments)
            ),
            photo=attachment.file_id,
        )
        for index, attachment in enumerate(report.attachments, start=1)
    ]
    return [*photos, Say(text="\n".join(lines), buttons=buttons)]


def _delete_question(turn: Turn, report: Report) -> Say:
    return Say(
        text=turn.texts("delete-confirm", number=str(report.id)),
        buttons=[
            [
                Button(
                    label=turn.texts.label("button-delete-yes"),
                    action=actions.DeleteConfirmed(report.id).encode(),
                ),
                Button(
                    label=turn.texts.label("button-delete-no"),
                    action=actions.OpenReport(report.id).encode(),
                ),
            ]
        ],
    )
