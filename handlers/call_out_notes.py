"""After a call-out closes, everyone called who answered gets a short message with
"📝 Thêm ghi chú, ảnh": a member adds a note or photos to their own record (their row of the
call-out, and their team's record of it, when it has one). At night the message waits for the
morning; the member may send several texts and photos, each kept at once, then "Xong".

Only the member's own record, only once the call-out is closed; anything else is refused like
every press."""

from __future__ import annotations

from chat import actions
from chat.replies import Button, Reply, Say, Toast
from handlers.call_out_texts import local
from handlers.turn import Turn
from storage.accounts import notice_to, on_bot
from storage.call_out_records import note_on_record
from storage.call_outs import CLOSED, OWN_PHOTOS, add_to_own_record, person_called
from storage.drafts import discard_draft, start_draft
from storage.models import CallOut, CallOutPerson, Draft, Member
from storage.outbox import enqueue_notices

FLOW = "callout-note"
NOTE = "note"


def _add_button(turn: Turn, call_out: CallOut) -> Button:
    return Button(
        label=turn.texts.label("callout-note-add"),
        action=actions.AddToMyRecord(call_out.id).encode(),
    )


def _done_button(turn: Turn, call_out: CallOut) -> Button:
    return Button(
        label=turn.texts.label("callout-note-done"),
        action=actions.MyRecordDone(call_out.id).encode(),
    )


async def invite(turn: Turn, call_out: CallOut, people: list[CallOutPerson]) -> None:
    """Tell everyone called who answered that it is over, with the button to add to their
    record (in the morning, if it closed at night)."""
    answered = [p for p in people if p.answer != "none" or p.arrived_at is not None]
    members = {
        member.id: member
        for member in [await turn.session.get(Member, p.member_id) for p in answered]
        if member is not None and on_bot(member)
    }
    text = turn.texts("callout-note-invite", time=f"{local(turn, call_out.dispatched_at):%H:%M}")
    say = Say(text=text, buttons=[[_add_button(turn, call_out)]]).model_dump(mode="json")
    morning = turn.morning_if_night()
    notices = [
        notice_to(member, f"callout-note-invite:{call_out.id}:{member.id}", say, morning)
        for member in members.values()
    ]
    await enqueue_notices(turn.session, turn.incoming.channel, notices)


async def _own(
    turn: Turn, viewer: Member, call_out_id: int
) -> tuple[CallOut, CallOutPerson] | None:
    call_out = await turn.session.get(CallOut, call_out_id)
    if call_out is None or call_out.status != CLOSED:
        return None
    person = await person_called(turn.session, call_out.id, viewer.id)
    return None if person is None else (call_out, person)


async def pressed(
    turn: Turn, viewer: Member, press: actions.AddToMyRecord | actions.MyRecordDone
) -> list[Reply]:
    """📝 (start adding) or Xong (done)."""
    own = await _own(turn, viewer, press.call_out)
    if own is None:
        return [Toast(text=turn.texts("forged-button"))]
    call_out, _person = own
    incoming = turn.incoming
    if isinstance(press, actions.MyRecordDone):
        await discard_draft(turn.session, incoming.channel, incoming.user_ref)
        return [Say(text=turn.texts("callout-note-finished"))]
    data = {"call_out_id": call_out.id}
    await start_draft(turn.session, incoming.channel, incoming.user_ref, FLOW, NOTE, data)
    time = f"{local(turn, call_out.dispatched_at):%H:%M %d/%m}"
    ask = turn.texts("callout-note-ask", time=time, max=OWN_PHOTOS)
    return [Say(text=ask, buttons=[[_done_button(turn, call_out)]])]


async def typed(turn: Turn, viewer: Member, draft: Draft) -> list[Reply]:
    """A note or photos for the member's own record: kept at once."""
    incoming = turn.incoming
    own = await _own(turn, viewer, int(draft.data.get("call_out_id", 0)))
    if own is None:
        await discard_draft(turn.session, incoming.channel, incoming.user_ref)
        return [Say(text=turn.texts("forged-button"))]
    call_out, person = own
    text = (incoming.text or "").strip()
    note = text if text and not text.startswith("/") else None
    if note is None and not incoming.photos:
        time = f"{local(turn, call_out.dispatched_at):%H:%M %d/%m}"
        ask = turn.texts("callout-note-ask", time=time, max=OWN_PHOTOS)
        return [Say(text=ask, buttons=[[_done_button(turn, call_out)]])]
    before = list(person.photos or [])
    kept = add_to_own_record(person, note, incoming.photos)
    await note_on_record(turn.session, call_out, person, list(person.photos)[len(before) :])
    key = "callout-note-kept" if note or kept else "callout-note-photos-full"
    line = turn.texts(key, total=len(person.photos), max=OWN_PHOTOS)
    return [Say(text=line, buttons=[[_done_button(turn, call_out)]])]
