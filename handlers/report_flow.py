"""Filling a report form in a draft, and saving the report when the member confirms."""

from __future__ import annotations

import datetime as dt
from typing import Any

from chat.events import Incoming
from chat.replies import Edit, Reply
from handlers.access import may_change_report
from handlers.forms import engine
from handlers.forms.screens import ScreenPainter
from handlers.forms.spec import FormSpec
from handlers.menu import main_menu
from handlers.review_notices import tell_reviewers
from handlers.turn import Turn
from reports.review import REVIEW_KEYS, REVIEWED_KINDS
from storage.call_out_records import CALL_OUT_FORM, REPORTED_AFTERWARDS
from storage.drafts import discard_draft, move_draft, start_draft
from storage.members import members_of_unit
from storage.models import Draft, Member, Report
from storage.reports import add_report, change_report, count_team_reports, report_by_id

FLOW_PREFIX = "form:"


def form_of(turn: Turn, draft: Draft) -> FormSpec | None:
    """The form a draft is filling, if the draft is a form still declared."""
    if not draft.flow.startswith(FLOW_PREFIX):
        return None
    return turn.forms.get(draft.flow.removeprefix(FLOW_PREFIX))


async def form_context(turn: Turn, member: Member, form: FormSpec) -> engine.FormContext:
    """The clock, and the team's roster when the form asks who took part."""
    roster: tuple[tuple[int, str], ...] = ()
    if any(spec.type == "participants" for spec in form.fields):
        team = await members_of_unit(turn.session, member.unit_id)
        roster = tuple((mate.id, mate.full_name) for mate in team)
    return engine.FormContext(now=turn.now, roster=roster, author_id=member.id)


async def start_form(
    turn: Turn, member: Member, kind: str, prefilled: dict[str, Any] | None = None
) -> list[Reply]:
    """Open a new draft of form `kind` at its first question not answered yet."""
    form = turn.forms[kind]
    context = await form_context(turn, member, form)
    state, screen = engine.begin(form, context, prefilled)
    draft = await start_draft(
        turn.session,
        turn.incoming.channel,
        turn.incoming.user_ref,
        FLOW_PREFIX + kind,
        state.step,
        state.to_data(),
    )
    return [ScreenPainter(form, turn.texts, draft.version, context).paint(screen)]


async def resume_form(turn: Turn, member: Member, form: FormSpec, draft: Draft) -> list[Reply]:
    """Show again where the member is, with a note that a report is in progress."""
    context = await form_context(turn, member, form)
    state = engine.FormState.from_draft(draft.step, draft.data)
    screen = engine.screen_of(form, state, context)
    painter = ScreenPainter(form, turn.texts, draft.version, context)
    return [painter.paint(screen, lead=turn.texts("resume-draft"))]


async def answer_form(
    turn: Turn, member: Member, form: FormSpec, draft: Draft, action: str | None
) -> list[Reply]:
    """Take the member's answer (typed, photo, place, or a button of the current step)."""
    context = await form_context(turn, member, form)
    state = engine.FormState.from_draft(draft.step, draft.data)
    answer = engine.Press(action) if action is not None else answer_of(turn.incoming)
    new_state, outcome = engine.advance(form, state, answer, context)
    if isinstance(outcome, engine.Submit):
        return await _submit(turn, member, form, new_state)
    redraw = isinstance(outcome, engine.Ask) and outcome.in_place
    if new_state != state:
        move_draft(draft, new_state.step, new_state.to_data(), same_screen=redraw)
    painted = ScreenPainter(form, turn.texts, draft.version, context).paint(outcome)
    message_id = turn.incoming.button_message_id
    if redraw and message_id is not None:
        return [Edit(message_id=message_id, text=painted.text, buttons=painted.buttons)]
    replies: list[Reply] = []
    if action is not None and new_state != state:
        replies.extend(mark_choice(turn))
    replies.append(painted)
    return replies


def derived(form: FormSpec, values: dict[str, Any]) -> dict[str, Any]:
    """Figures the member is not asked for: a call-out's response time and whether it was on
    time, from its two moments and the minutes the form allows."""
    rule = form.on_time
    if rule is None or rule.start not in values or rule.end not in values:
        return {}
    start = dt.datetime.strptime(values[rule.start], engine.MOMENT_FORMAT)
    end = dt.datetime.strptime(values[rule.end], engine.MOMENT_FORMAT)
    minutes = int((end - start).total_seconds() // 60)
    return {"response_minutes": minutes, "on_time": minutes <= rule.minutes}


async def _submit(
    turn: Turn, member: Member, form: FormSpec, state: engine.FormState
) -> list[Reply]:
    values = state.values
    photo_fields = [spec.name for spec in form.fields if spec.type == "photo"]
    photos = [str(file_id) for name in photo_fields for file_id in values.get(name) or []]
    payload = {name: value for name, value in values.items() if name not in photo_fields}
    payload.update(derived(form, values))
    if form.kind == CALL_OUT_FORM:  # typed afterwards: it came by phone, not from the bot
        payload[REPORTED_AFTERWARDS] = True
    day = dt.date.fromisoformat(str(values[form.occurred_on])[:10])
    if state.report_id is not None:
        return await _change(turn, member, state.report_id, day, payload, photos)
    report = await add_report(
        turn.session,
        kind=form.kind,
        team_id=member.unit_id,
        author_id=member.id,
        occurred_on=day,
        payload=payload,
        photos=photos,
        source_update_id=turn.incoming.update_ref,
        now=turn.now,
    )
    if form.kind in REVIEWED_KINDS:
        await tell_reviewers(turn, report, form)
    await discard_draft(turn.session, turn.incoming.channel, turn.incoming.user_ref)
    first_of_month = turn.today.replace(day=1)
    count = await count_team_reports(
        turn.session, member.unit_id, form.kind, first_of_month, turn.today
    )
    text = turn.texts(form.confirmed, number=str(report.id), team=member.unit.name, count=count)
    confirmation = main_menu(turn.texts, turn.forms, text)
    confirmation.saved_at = f"{turn.now:%H:%M}"
    return [*mark_choice(turn), confirmation]


async def _change(
    turn: Turn,
    member: Member,
    report_id: int,
    day: dt.date,
    payload: dict[str, Any],
    photos: list[str],
) -> list[Reply]:
    """Save an edited report, if the window is still open when the member confirms."""
    await discard_draft(turn.session, turn.incoming.channel, turn.incoming.user_ref)
    report = await report_by_id(turn.session, report_id)
    if report is None or not may_change_report(member, report, turn.now, turn.edit_window):
        hours = int(turn.edit_window.total_seconds() // 3600)
        return [
            *mark_choice(turn),
            main_menu(turn.texts, turn.forms, turn.texts("report-too-late", hours=hours)),
        ]
    # The police's decision is theirs: the author's edit keeps it.
    payload.update({key: report.payload[key] for key in REVIEW_KEYS if key in report.payload})
    await change_report(
        turn.session,
        report,
        member.id,
        occurred_on=day,
        payload=payload,
        photos=photos,
        now=turn.now,
    )
    text = turn.texts("report-changed", number=str(report.id))
    confirmation = main_menu(turn.texts, turn.forms, text)
    confirmation.saved_at = f"{turn.now:%H:%M}"
    return [*mark_choice(turn), confirmation]


async def edit_report(turn: Turn, member: Member, form: FormSpec, report: Report) -> list[Reply]:
    """Open a sent report as a draft at its summary; sending it again saves the changes."""
    context = await form_context(turn, member, form)
    values = {
        key: value
        for key, value in report.payload.items()
        if key not in DERIVED and key not in REVIEW_KEYS
    }
    photo_field = next((spec.name for spec in form.fields if spec.type == "photo"), None)
    if photo_field is not None and report.attachments:
        values[photo_field] = [attachment.file_id for attachment in report.attachments]
    state = engine.FormState(step=engine.REVIEW, values=values, report_id=report.id)
    draft = await start_draft(
        turn.session,
        turn.incoming.channel,
        turn.incoming.user_ref,
        FLOW_PREFIX + form.kind,
        state.step,
        state.to_data(),
    )
    screen = engine.screen_of(form, state, context)
    lead = turn.texts("editing-report", number=str(report.id))
    return [ScreenPainter(form, turn.texts, draft.version, context).paint(screen, lead=lead)]


DERIVED = ("response_minutes", "on_time")


def answer_of(incoming: Incoming) -> engine.Answer:
    """What the person gave, as the form engine sees it."""
    if incoming.photos:
        return engine.Photo(file_ids=incoming.photos, caption=incoming.text)
    if incoming.location is not None:
        return engine.Place(incoming.location.latitude, incoming.location.longitude)
    if incoming.text is not None and incoming.command is None:
        return engine.Typed(incoming.text)
    return engine.Unusable()


def mark_choice(turn: Turn) -> list[Reply]:
    """Show on the pressed message which button was chosen, and take its buttons away."""
    incoming = turn.incoming
    if incoming.button_message_id is None or incoming.button_message_html is None:
        return []
    chosen = turn.texts("chosen", choice=incoming.button_label or "")
    return [
        Edit(
            message_id=incoming.button_message_id, text=f"{incoming.button_message_html}\n{chosen}"
        )
    ]
