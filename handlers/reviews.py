"""The ward police review what members send them (`/nguontin`, the ward menu of `/quanly`, the
notice of a new report): a tip is marked valuable or not, with a short outcome; a model is
marked acknowledged and by which level, with the paper that says so. Each decision is kept in
the report (reports/review.py) and the audit trail, counted at once, and told to its author.

Buttons (officer tools' scope, checked against the rule book at every press):
`o:vo:<report>` open a card, `o:vd:<report>:<choice>:<seen>` decide, `o:vn:<report>` write
the note, `o:vs:<report>` skip it, `o:vl:<ward>:<t|m>:<w|d>:<page>` a list."""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from chat import actions
from chat.replies import Edit, Reply, Say
from handlers.access import Action, may
from handlers.review_card import (
    DECIDED_LIST,
    LIST_CODES,
    LIST_KINDS,
    MODEL,
    TIP,
    WAITING_LIST,
    Reviewed,
    button,
    card,
    decision_of,
    list_button,
    reviewable,
    state_of,
)
from handlers.review_notices import tell_author
from handlers.review_queue import ward_queue
from handlers.team_people import not_found
from handlers.turn import Turn
from reports.payload import text
from reports.review import NOTE, NOTE_LENGTH
from storage.access_log import log_access
from storage.drafts import discard_draft, start_draft
from storage.models import Draft, Member, Report, Unit
from storage.reviews import record_review
from storage.units import descendants

FLOW = "officer"  # the note is typed in the officer tools' draft (handlers/officer_tools.FLOW)
NOTE_STEP = "review-note"
PAGE_SIZE = 8
LINE_CHARS = 24


async def _list(turn: Turn, viewer: Member, press: actions.ReviewList) -> list[Reply]:
    ward = await turn.session.get(Unit, press.ward)
    kind = LIST_KINDS.get(press.kind)
    if ward is None or kind is None or press.state not in (WAITING_LIST, DECIDED_LIST):
        return not_found(turn)
    return await review_list(turn, viewer, ward, kind, press.state, press.page)


R = TypeVar("R", bound=actions.AboutReviewed)


def _on_report(
    run: Callable[[Turn, Member, Reviewed, R], Awaitable[list[Reply]]],
) -> Callable[[Turn, Member, R], Awaitable[list[Reply]]]:
    """A button about a report the viewer may review; anything out of reach: not found."""

    async def tool(turn: Turn, viewer: Member, press: R) -> list[Reply]:
        item = await reviewable(turn, viewer, press.report)
        if item is None:
            return not_found(turn)
        return await run(turn, viewer, item, press)

    return tool


async def _open(
    turn: Turn, viewer: Member, item: Reviewed, press: actions.ReviewCard
) -> list[Reply]:
    if item.form.police_only and item.report.author_id != viewer.id:
        await log_access(
            turn.session,
            "open-tip",
            turn.now,
            member=viewer,
            unit_id=item.report.team_id,
            subject=f"report:{item.report.id}",
        )
    return [await card(turn, item)]


async def _decide(
    turn: Turn, viewer: Member, item: Reviewed, press: actions.ReviewDecision
) -> list[Reply]:
    return await decide(turn, viewer, item, press.choice, press.seen)


async def _note(
    turn: Turn, viewer: Member, item: Reviewed, press: actions.ReviewNote
) -> list[Reply]:
    return await ask_note(turn, item)


async def _skip(
    turn: Turn, viewer: Member, item: Reviewed, press: actions.SkipReviewNote
) -> list[Reply]:
    return [Say(text=turn.texts("reviewing-note-skipped", number=str(item.report.id)))]


# The review's buttons (in the officer tools' scope, whose table takes them in).
TOOLS: dict[type[actions.Officer], Callable[[Turn, Member, Any], Awaitable[list[Reply]]]] = {
    actions.ReviewList: _list,
    actions.ReviewCard: _on_report(_open),
    actions.ReviewDecision: _on_report(_decide),
    actions.ReviewNote: _on_report(_note),
    actions.SkipReviewNote: _on_report(_skip),
}


async def decide(turn: Turn, viewer: Member, item: Reviewed, choice: str, seen: str) -> list[Reply]:
    """Store the decision (audit trail, counts), redraw the card, tell the author, ask the note."""
    report = item.report
    change = decision_of(report.kind, choice)
    if change is None:
        return not_found(turn)
    if seen != state_of(report):  # someone decided since this card was drawn
        changed = turn.texts("reviewing-changed-meanwhile", number=str(report.id))
        return [Say(text=changed), await card(turn, item)]
    if not await record_review(turn.session, report, viewer.id, change, turn.now):
        return [Say(text=turn.texts("reviewing-unchanged", number=str(report.id)))]
    await tell_author(turn, item, viewer)
    redrawn = await card(turn, item)
    replies: list[Reply] = []
    message_id = turn.incoming.button_message_id
    if message_id is not None:
        replies.append(Edit(message_id=message_id, text=redrawn.text, buttons=redrawn.buttons))
    else:
        replies.append(redrawn)
    return [*replies, *await ask_note(turn, item)]


async def ask_note(turn: Turn, item: Reviewed) -> list[Reply]:
    """Ask for the outcome of a tip (the paper behind a model's acknowledgement), typed;
    "Bỏ qua" leaves it out."""
    report = item.report
    incoming = turn.incoming
    await start_draft(
        turn.session, incoming.channel, incoming.user_ref, FLOW, NOTE_STEP, {"report_id": report.id}
    )
    key = "reviewing-ask-outcome" if report.kind == TIP else "reviewing-ask-reference"
    skip = [[button(turn.texts.label("reviewing-skip"), actions.SkipReviewNote(report.id))]]
    return [Say(text=turn.texts(key, number=str(report.id), most=NOTE_LENGTH), buttons=skip)]


async def typed_note(turn: Turn, viewer: Member, draft: Draft) -> list[Reply]:
    """The outcome typed after a decision: stored with the decision, never told to the author."""
    incoming = turn.incoming
    report_id = draft.data.get("report_id")
    item = await reviewable(turn, viewer, report_id) if isinstance(report_id, int) else None
    if item is None:
        await discard_draft(turn.session, incoming.channel, incoming.user_ref)
        return not_found(turn)
    note = " ".join((incoming.text or "").split())
    if not note or len(note) > NOTE_LENGTH:
        hint = turn.texts("reviewing-note-length", most=NOTE_LENGTH)
        skip = [
            [button(turn.texts.label("reviewing-skip"), actions.SkipReviewNote(item.report.id))]
        ]
        return [Say(text=hint, buttons=skip)]
    await discard_draft(turn.session, incoming.channel, incoming.user_ref)
    await record_review(turn.session, item.report, viewer.id, {NOTE: note}, turn.now)
    saved = Say(text=turn.texts("reviewing-note-saved", number=str(item.report.id)))
    return [saved, await card(turn, item)]


async def command(turn: Turn, viewer: Member) -> list[Reply]:
    """`/nguontin`: the tips of the officer's ward waiting for review."""
    ward = viewer.unit
    if ward.kind != "commune" or not await may(turn.session, viewer, Action.REVIEW_REPORTS, ward):
        return [Say(text=turn.texts("reviewing-not-for-you"))]
    return await review_list(turn, viewer, ward, TIP, WAITING_LIST, 0)


async def review_list(
    turn: Turn, viewer: Member, ward: Unit, kind: str, state: str, page: int
) -> list[Reply]:
    """A page of the ward's tips or models, waiting or decided, newest first; each opens its
    card. Buttons move between pages, the two lists and the two kinds."""
    if ward.kind != "commune" or not await may(turn.session, viewer, Action.REVIEW_REPORTS, ward):
        return not_found(turn)
    queue = await ward_queue(turn.session, ward, kind)
    shown = queue.waiting if state == WAITING_LIST else queue.decided
    pages = max(1, math.ceil(len(shown) / PAGE_SIZE))
    page = min(page, pages - 1)
    on_page = shown[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    teams = {unit.id: unit.name for unit in await _teams(turn, ward)}
    rows = [
        [button(_line(turn, report, teams), actions.ReviewCard(report.id))] for report in on_page
    ]
    code = LIST_CODES[kind]
    moves = []
    if page > 0:
        label = turn.texts.label("reviewing-previous-page")
        moves.append(button(label, actions.ReviewList(ward.id, code, state, page - 1)))
    if page + 1 < pages:
        label = turn.texts.label("reviewing-next-page")
        moves.append(button(label, actions.ReviewList(ward.id, code, state, page + 1)))
    if moves:
        rows.append(moves)
    rows.append(
        [
            button(
                turn.texts.label("reviewing-waiting", count=len(queue.waiting)),
                actions.ReviewList(ward.id, code, WAITING_LIST, 0),
            ),
            button(
                turn.texts.label("reviewing-decided", count=len(queue.decided)),
                actions.ReviewList(ward.id, code, DECIDED_LIST, 0),
            ),
        ]
    )
    other = MODEL if kind == TIP else TIP
    rows.append(
        [
            list_button(turn, ward, other),
            button(turn.texts.label("button-back"), actions.WardMenu(ward.id)),
        ]
    )
    key = _title_key(kind, state, bool(shown))
    title = turn.texts(key, ward=ward.name, count=len(shown), page=page + 1, pages=pages)
    return [Say(text=title, buttons=rows)]


def _title_key(kind: str, state: str, any_shown: bool) -> str:
    if kind == TIP:
        if state == WAITING_LIST:
            return "reviewing-tips-waiting" if any_shown else "reviewing-tips-waiting-none"
        return "reviewing-tips-decided" if any_shown else "reviewing-tips-decided-none"
    if state == WAITING_LIST:
        return "reviewing-models-waiting" if any_shown else "reviewing-models-waiting-none"
    return "reviewing-models-decided" if any_shown else "reviewing-models-decided-none"


async def _teams(turn: Turn, ward: Unit) -> list[Unit]:
    return [unit for unit in await descendants(turn.session, ward) if unit.kind == "team"]


def _line(turn: Turn, report: Report, teams: dict[int, str]) -> str:
    """#12 · 22/11 · Tổ bảo vệ ANTT số 12 · ✅ · Có người lạ…"""
    words = text(report.payload, "content" if report.kind == TIP else "name")
    if len(words) > LINE_CHARS:
        words = words[: LINE_CHARS - 1].rstrip() + "…"
    mark = {"w": "⏳", "y": "✅", "n": "➖"}.get(state_of(report), "✅")
    return turn.texts.label(
        "reviewing-line",
        number=str(report.id),
        day=f"{report.created_at.astimezone(turn.now.tzinfo):%d/%m}",
        team=teams.get(report.team_id, ""),
        mark=mark,
        summary=words,
    )
