"""A live call-out after dispatch: the members' answers (coming, late, cannot and why, there),
each at the moment it was pressed; the dispatcher's status message kept up to date; alerting
the silent again; closing with an outcome, which writes the call-out reports (one per team
that got there: storage/call_out_records.py).

A press is checked like every press: the call-out must exist and be open, and the one pressing
must be among those called (an answer) or its dispatcher or the ward's police (the status);
anything else gets "Nút này không hợp lệ." and changes nothing.

The moment of a press: Telegram's callback_query carries no time, so it is the moment the
update reached the bot (its inbox row's `received_at`, stored before it is handled), on the
conversation's clock: `turn.now` less the time the update waited. Answers given while the bot
was down keep their order and a fair time."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from chat import actions
from chat.replies import Edit, Reply, Say, Toast
from handlers.access import Action, may
from handlers.call_out_dispatch import FLOW, OUTCOME, later_alert_keys
from handlers.call_out_texts import (
    REASON_LABELS,
    alert_text,
    answer_buttons,
    arrived_button,
    local,
    reason_buttons,
    status_buttons,
    status_text,
)
from handlers.turn import Turn
from storage.accounts import channel_of_chat, notice_to, on_bot
from storage.call_out_records import CALL_OUT_FORM, minutes_between
from storage.call_outs import (
    CLOSED,
    REALERTS,
    open_call_out_of,
    people_of,
    person_called,
    record_answer,
    record_arrival,
    record_location,
)
from storage.drafts import start_draft
from storage.models import CallOut, CallOutPerson, InboxUpdate, Member, Unit, utcnow
from storage.outbox import ALERT, Notice, enqueue_notices, skip_pending

ANSWERS = ("coming", "late", "declined")
OUTCOME_LENGTH = (3, 2000)


async def pressed_time(turn: Turn) -> dt.datetime:
    """When the person pressed: when the update arrived, on the conversation's clock."""
    row = await turn.session.get(InboxUpdate, turn.incoming.update_ref)
    if row is None:
        return turn.now
    waited = max(0, int((utcnow() - row.received_at).total_seconds()))  # whole seconds
    return turn.now - dt.timedelta(seconds=waited)


async def pressed(turn: Turn, viewer: Member, press: actions.AboutCallOut) -> list[Reply]:
    """A member's answer, or the dispatcher's status buttons."""
    call_out = await turn.session.get(CallOut, press.call_out)
    if call_out is None:
        return [Toast(text=turn.texts("forged-button"))]
    if isinstance(press, actions.AlertAgain | actions.CloseCallOut):
        if not await may_run(turn, viewer, call_out):
            return [Toast(text=turn.texts("forged-button"))]
        if call_out.status == CLOSED:
            return [Toast(text=turn.texts("callout-closed-already"))]
        if isinstance(press, actions.AlertAgain):
            return await _alert_again(turn, call_out)
        data = {"call_out_id": call_out.id}
        incoming = turn.incoming
        await start_draft(turn.session, incoming.channel, incoming.user_ref, FLOW, OUTCOME, data)
        return [Say(text=turn.texts("callout-ask-outcome"))]
    person = await person_called(turn.session, call_out.id, viewer.id)
    if person is None:
        return [Toast(text=turn.texts("forged-button"))]
    if call_out.status == CLOSED:
        return [Toast(text=turn.texts("callout-closed-already"))]
    return await _answered(turn, call_out, person, press)


async def may_run(turn: Turn, viewer: Member, call_out: CallOut) -> bool:
    """The dispatcher, or the police of the call-out's ward."""
    if viewer.id == call_out.dispatched_by:
        return viewer.status == "active"
    ward = await turn.session.get(Unit, call_out.ward_id)
    return viewer.role == "officer" and await may(turn.session, viewer, Action.DISPATCH, ward)


async def _answered(
    turn: Turn, call_out: CallOut, person: CallOutPerson, press: actions.AboutCallOut
) -> list[Reply]:
    at = await pressed_time(turn)
    by = await turn.session.get(Member, call_out.dispatched_by)
    assert by is not None
    alert = alert_text(turn, call_out, by)
    if isinstance(press, actions.AnswerCallOut):
        if press.answer not in ANSWERS:
            return [Toast(text=turn.texts("forged-button"))]
        record_answer(person, press.answer, None, at)
        time = f"{local(turn, at):%H:%M}"
        if press.answer == "declined":
            line, buttons = turn.texts("callout-ask-reason"), reason_buttons(turn, call_out)
        else:
            key = "callout-answer-coming" if press.answer == "coming" else "callout-answer-late"
            line, buttons = turn.texts(key, time=time), arrived_button(turn, call_out)
    elif isinstance(press, actions.DeclineReason):
        if press.reason not in REASON_LABELS or person.answer != "declined":
            return [Toast(text=turn.texts("forged-button"))]
        person.reason = press.reason
        reason = turn.texts.label(REASON_LABELS[press.reason])
        line, buttons = turn.texts("callout-answer-declined", reason=reason), []
    elif isinstance(press, actions.ArrivedAtCallOut):
        record_arrival(person, at)
        arrived = person.arrived_at or at
        line = turn.texts(
            "callout-answer-arrived",
            time=f"{local(turn, arrived):%H:%M}",
            minutes=minutes_between(call_out.dispatched_at, arrived),
        )
        buttons = []
    else:
        return [Toast(text=turn.texts("forged-button"))]
    await skip_pending(turn.session, later_alert_keys(person), turn.now)
    await tell_dispatcher(turn, call_out)
    text = f"{alert}\n\n{line}"
    message_id = turn.incoming.button_message_id
    if message_id is None:
        return [Say(text=text, buttons=buttons)]
    return [Edit(message_id=message_id, text=text, buttons=buttons)]


async def location_shared(turn: Turn, viewer: Member) -> list[Reply] | None:
    """A location (live or not) shared by a member called to an open call-out: recorded on
    their row with the moment it arrived; None when they are not called to one."""
    location = turn.incoming.location
    found = await open_call_out_of(turn.session, viewer.id)
    if location is None or found is None:
        return None
    call_out, person = found
    at = await pressed_time(turn)
    record_location(person, location.latitude, location.longitude, location.live, at)
    await tell_dispatcher(turn, call_out)
    what = turn.texts.label("callout-location-live" if location.live else "callout-location-once")
    if person.arrived_at is not None:
        return [Say(text=turn.texts("callout-location-at-arrival", what=what))]
    line = turn.texts("callout-location-received", what=what)
    return [Say(text=line, buttons=arrived_button(turn, call_out))]


async def status_of(turn: Turn, call_out: CallOut) -> tuple[str, Any]:
    """The status message's text and buttons as they are now."""
    people = await people_of(turn.session, call_out.id)
    ids = [person.member_id for person in people]
    members = (await turn.session.scalars(select(Member).where(Member.id.in_(ids)))).all()
    names = {member.id: member.full_name for member in members}
    team_ids = {person.team_id for person in people}
    teams = (await turn.session.scalars(select(Unit).where(Unit.id.in_(team_ids)))).all()
    text = status_text(turn, call_out, people, names, {team.id: team for team in teams})
    return text, status_buttons(turn, call_out)


async def tell_dispatcher(turn: Turn, call_out: CallOut) -> None:
    """Edit the dispatcher's status message (an outbox notice: it is in another chat), ahead of
    reminders, day or night."""
    if call_out.status_chat_ref is None or call_out.status_message_id is None:
        return
    await turn.session.flush()
    text, buttons = await status_of(turn, call_out)
    edit = Edit(message_id=call_out.status_message_id, text=text, buttons=buttons)
    # The status message is in the dispatcher's chat, on their messenger, not the answerer's.
    dispatcher = await turn.session.get(Member, call_out.dispatched_by)
    channel = None if dispatcher is None else channel_of_chat(dispatcher, call_out.status_chat_ref)
    notice = Notice(
        f"callout-status:{call_out.id}:{turn.incoming.update_ref}",
        call_out.status_chat_ref,
        edit.model_dump(mode="json"),
        call_out.dispatched_by,
        priority=ALERT,
        channel=channel,
    )
    await enqueue_notices(turn.session, turn.incoming.channel, [notice])


async def _alert_again(turn: Turn, call_out: CallOut) -> list[Reply]:
    """🔔: everyone still silent gets the alert again, now."""
    by = await turn.session.get(Member, call_out.dispatched_by)
    assert by is not None
    silent = [p for p in await people_of(turn.session, call_out.id) if p.answer == "none"]
    members = {
        member.id: member
        for member in (
            await turn.session.scalars(
                select(Member).where(Member.id.in_([p.member_id for p in silent]))
            )
        ).all()
    }
    notices = []
    for person in silent:
        member = members.get(person.member_id)
        if member is None or not on_bot(member):
            continue
        person.alerts_sent += 1
        person.last_alert_at = turn.now
        number = REALERTS + person.alerts_sent  # after the automatic ones' numbers
        say = Say(
            text=alert_text(turn, call_out, by, again=person.alerts_sent),
            buttons=answer_buttons(turn, call_out),
        )
        notices.append(
            notice_to(
                member,
                f"callout:{call_out.id}:{member.id}:{number}",
                say.model_dump(mode="json"),
                priority=ALERT,
            )
        )
    await enqueue_notices(turn.session, turn.incoming.channel, notices)
    replies: list[Reply] = [Toast(text=turn.texts("callout-realerted", count=len(notices)))]
    message_id = turn.incoming.button_message_id
    if message_id is not None:
        text, buttons = await status_of(turn, call_out)
        replies.append(Edit(message_id=message_id, text=text, buttons=buttons))
    return replies


def zone_of(turn: Turn) -> dt.tzinfo:
    """The ward's time zone (the conversation's clock is in it)."""
    return turn.now.tzinfo or dt.UTC


def on_time_minutes(turn: Turn) -> int | None:
    """The call-out form's rule: arriving within this many minutes is on time."""
    form = turn.forms.get(CALL_OUT_FORM)
    return form.on_time.minutes if form is not None and form.on_time is not None else None
