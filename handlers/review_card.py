"""One report under review as the ward police see it (a card): the report, who sent it, the
decision so far with who made it and when, and the buttons to decide. The same card comes as a
notice when the report arrives and from the lists (`handlers/reviews.py`).

Buttons carry the report's id and, for a decision, the state the card showed
(`o:vd:<report>:<choice>:<seen>`): a press made on a card someone has decided since is shown
the new card instead of silently overriding them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chat import actions, button_data
from chat.replies import Button, Say
from chat.texts import Safe
from handlers.access import Action, may
from handlers.forms.spec import FormSpec
from handlers.report_view import report_lines
from handlers.turn import Turn
from reports.payload import flag, text
from reports.review import ACKNOWLEDGED, LEVEL, LEVELS, NOTE, REVIEWED_KINDS, VALUABLE
from storage.members import member_by_id
from storage.models import Member, Report, ReportChange, Unit
from storage.reports import report_by_id
from storage.reviews import reviews_of
from storage.units import ward_of

TIP, MODEL = "tip", "model"
LEVEL_CODES = tuple(LEVELS)  # a level travels in a button as its position here
LEVEL_LABELS = {
    "commune_police": "reviewing-level-commune-police",
    "commune_committee": "reviewing-level-commune-committee",
    "district_police": "reviewing-level-district-police",
    "district_committee": "reviewing-level-district-committee",
    "province_police": "reviewing-level-province-police",
    "province_committee": "reviewing-level-province-committee",
    "ministry": "reviewing-level-ministry",
}
WAITING = "w"  # the state of a report nobody decided yet
YES, NO = "y", "n"
LIST_KINDS = {"t": TIP, "m": MODEL}  # a list's kind in a button
LIST_CODES = {kind: code for code, kind in LIST_KINDS.items()}
WAITING_LIST, DECIDED_LIST = "w", "d"


@dataclass(frozen=True)
class Reviewed:
    """A report the viewer may review, with its form, team and ward."""

    report: Report
    form: FormSpec
    team: Unit
    ward: Unit


async def reviewable(turn: Turn, viewer: Member, report_id: int) -> Reviewed | None:
    """The report behind a button, when it is a tip or a model the viewer may review (the
    police of its own ward); None for anything else, whatever the reason."""
    report = await report_by_id(turn.session, report_id)
    if report is None or report.status != "active" or report.kind not in REVIEWED_KINDS:
        return None
    return await reviewed(turn, viewer, report)


async def reviewed(turn: Turn, viewer: Member, report: Report) -> Reviewed | None:
    """`report` with its form, team and ward, when the viewer may review it."""
    form = turn.forms.get(report.kind)
    team = await turn.session.get(Unit, report.team_id)
    ward = await ward_of(turn.session, team) if team is not None else None
    if form is None or team is None or ward is None:
        return None
    if not await may(turn.session, viewer, Action.REVIEW_REPORTS, ward):
        return None
    return Reviewed(report, form, team, ward)


def state_of(report: Report) -> str:
    """What the police decided, as a button carries it: w (waiting), y or n for a tip; w, n or
    the position of the level that acknowledged a model."""
    if report.kind == TIP:
        valuable = flag(report.payload, VALUABLE)
        return WAITING if valuable is None else YES if valuable else NO
    acknowledged = flag(report.payload, ACKNOWLEDGED)
    if acknowledged is None:
        return WAITING
    if not acknowledged:
        return NO
    level = text(report.payload, LEVEL)
    return str(LEVEL_CODES.index(level)) if level in LEVELS else YES


def decision_of(kind: str, choice: str) -> dict[str, Any] | None:
    """The payload keys a choice writes; None for a choice that is not one of the kind's."""
    if kind == TIP and choice in (YES, NO):
        return {VALUABLE: choice == YES}
    if kind == MODEL and choice == NO:
        return {ACKNOWLEDGED: False, LEVEL: None}
    level = button_data.number(choice, 0, len(LEVEL_CODES) - 1)
    if kind == MODEL and level is not None:
        return {ACKNOWLEDGED: True, LEVEL: LEVEL_CODES[level]}
    return None


def level_label(turn: Turn, report: Report) -> str:
    """Who acknowledged a model, as people say it ("Công an quận, huyện")."""
    key = LEVEL_LABELS.get(text(report.payload, LEVEL), "reviewing-level-unknown")
    return turn.texts.label(key)


def button(label: str, data: actions.Officer) -> Button:
    """A button of the review (officer tools' scope: checked at every press)."""
    return Button(label=label, action=data.encode())


def list_button(turn: Turn, ward: Unit, kind: str) -> Button:
    """Back to the ward's reports of this kind waiting for review."""
    key = "reviewing-list-tips" if kind == TIP else "reviewing-list-models"
    return button(
        turn.texts.label(key), actions.ReviewList(ward.id, LIST_CODES[kind], WAITING_LIST, 0)
    )


async def card(turn: Turn, item: Reviewed, lead: str | None = None) -> Say:
    """The report, who sent it and when, the decision so far, and the buttons to decide."""
    report = item.report
    author = await member_by_id(turn.session, report.author_id)
    zone = turn.now.tzinfo
    heading, *answers = await report_lines(turn, item.form, report)
    sent_by = turn.texts(
        "reviewing-sent-by",
        name=author.full_name if author is not None else "?",
        team=item.team.name,
        time=f"{report.created_at.astimezone(zone):%H:%M %d/%m/%Y}",
    )
    lines = [*([lead] if lead else []), heading, sent_by, *answers]
    lines.append(await _decision_line(turn, report))
    note = text(report.payload, NOTE)
    if note:
        key = "reviewing-tip-note" if report.kind == TIP else "reviewing-model-note"
        lines.append(turn.texts(key, note=note))
    return Say(text="\n".join(lines), buttons=_buttons(turn, item))


def decision_text(turn: Turn, report: Report) -> Safe:
    """What the police decided about a tip or a model, in a few words (also for its author)."""
    state = state_of(report)
    if state == WAITING:
        key = "reviewing-tip-waiting" if report.kind == TIP else "reviewing-model-waiting"
        return turn.texts(key)
    if report.kind == TIP:
        key = "reviewing-tip-valuable" if state == YES else "reviewing-tip-not-valuable"
        return turn.texts(key)
    if state == NO:
        return turn.texts("reviewing-model-not-acknowledged")
    return turn.texts("reviewing-model-acknowledged", level=level_label(turn, report))


async def _decision_line(turn: Turn, report: Report) -> Safe:
    said = decision_text(turn, report)
    if state_of(report) == WAITING:
        return said
    decided = _last_decision(await reviews_of(turn.session, report.id), report.kind)
    if decided is None:
        return said
    officer = await turn.session.get(Member, decided.member_id)
    by = turn.texts(
        "reviewing-decided-by",
        name=officer.full_name if officer is not None else "?",
        time=f"{decided.at.astimezone(turn.now.tzinfo):%H:%M %d/%m/%Y}",
    )
    return Safe(f"{said} {by}")


def _last_decision(changes: list[ReportChange], kind: str) -> ReportChange | None:
    """The latest change that set the decision (a note written later is not one)."""
    key = REVIEWED_KINDS[kind]
    return next((change for change in reversed(changes) if key in (change.after or {})), None)


def _buttons(turn: Turn, item: Reviewed) -> list[list[Button]]:
    report = item.report
    seen = state_of(report)

    def choice(label: str, code: str) -> Button:
        return button(label, actions.ReviewDecision(report.id, code, seen))

    rows: list[list[Button]]
    if report.kind == TIP:
        rows = [
            [
                choice(turn.texts.label("reviewing-mark-valuable"), YES),
                choice(turn.texts.label("reviewing-mark-not-valuable"), NO),
            ]
        ]
    else:
        levels = [
            choice(turn.texts.label(LEVEL_LABELS[code]), str(position))
            for position, code in enumerate(LEVEL_CODES)
        ]
        rows = [levels[start : start + 2] for start in range(0, len(levels), 2)]
        rows.append([choice(turn.texts.label("reviewing-mark-not-acknowledged"), NO)])
    if seen != WAITING:
        key = "reviewing-write-outcome" if report.kind == TIP else "reviewing-write-reference"
        rows.append([button(turn.texts.label(key), actions.ReviewNote(report.id))])
    if report.attachments:
        label = turn.texts.label("reviewing-see-photos", count=len(report.attachments))
        rows.append([Button(label=label, action=actions.OpenReport(report.id).encode())])
    rows.append([list_button(turn, item.ward, report.kind)])
    return rows
