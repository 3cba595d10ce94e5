"""Closing a live call-out with an outcome (✅ Kết thúc on the status message): the officer
types what happened, sends photos (or none) and says how many people were helped; then the
call-out closes and its records are written (storage/call_out_records.close_with_records).

The steps are the dispatch draft's (flow "callout"): `outcome` → `outcome_photos` →
`people_helped`, each kept in the draft, so a restart loses nothing. A photo sent where the text
is asked is kept (its caption, if any, is the text); a photo where the number is asked is kept
too; anything unreadable gets the question again with a clear line and changes nothing."""

from __future__ import annotations

import re
from typing import Any

from chat import actions
from chat.replies import Button, Edit, Reply, Say, Toast
from handlers import call_out_notes
from handlers.call_out_answers import may_run, on_time_minutes, status_of, tell_dispatcher, zone_of
from handlers.call_out_dispatch import OUTCOME, dispatch_draft
from handlers.turn import Turn
from storage.call_out_records import close_with_records
from storage.call_outs import CLOSED, Outcome, people_of
from storage.drafts import discard_draft, move_draft
from storage.models import CallOut, Draft, Member

PHOTOS = "outcome_photos"
HELPED = "people_helped"
STEPS = (OUTCOME, PHOTOS, HELPED)
OUTCOME_LENGTH = (3, 2000)
MAX_PHOTOS = 5
MAX_HELPED = 10_000
COUNT = re.compile(r"(\d{1,5})\s*(người)?\.?", re.IGNORECASE)


async def _open_call_out(turn: Turn, viewer: Member, draft: Draft) -> CallOut | str:
    """The call-out being closed, or the catalogue key of why not (the draft is dropped)."""
    call_out = await turn.session.get(CallOut, int(draft.data.get("call_out_id", 0)))
    incoming = turn.incoming
    if call_out is None or not await may_run(turn, viewer, call_out):
        await discard_draft(turn.session, incoming.channel, incoming.user_ref)
        return "forged-button"
    if call_out.status == CLOSED:
        await discard_draft(turn.session, incoming.channel, incoming.user_ref)
        return "callout-closed-already"
    return call_out


def _photos(draft: Draft, new: tuple[str, ...]) -> list[str]:
    kept = [str(photo) for photo in draft.data.get("photos", [])]
    return [*kept, *(photo for photo in new if photo not in kept)][:MAX_PHOTOS]


def _next_button(turn: Turn, call_out: CallOut) -> list[list[Button]]:
    done = actions.OutcomePhotosDone(call_out.id).encode()
    return [[Button(label=turn.texts.label("callout-photos-done"), action=done)]]


def _helped_buttons(turn: Turn, call_out: CallOut) -> list[list[Button]]:
    none = actions.NoOneHelped(call_out.id).encode()
    return [[Button(label=turn.texts.label("callout-no-one-helped"), action=none)]]


async def typed(turn: Turn, viewer: Member, draft: Draft) -> list[Reply]:
    """What the officer sent at one of the closing steps: the text, a photo, the number."""
    found = await _open_call_out(turn, viewer, draft)
    if isinstance(found, str):
        return [Say(text=turn.texts(found))]
    call_out = found
    incoming = turn.incoming
    text = (incoming.text or "").strip()
    photos = _photos(draft, incoming.photos)
    data: dict[str, Any] = {**draft.data, "photos": photos}
    if draft.step == OUTCOME:
        if not OUTCOME_LENGTH[0] <= len(text) <= OUTCOME_LENGTH[1] or text.startswith("/"):
            move_draft(draft, OUTCOME, data, same_screen=True)
            key = "callout-outcome-photo-kept" if incoming.photos else "callout-outcome-too-short"
            return [Say(text=turn.texts(key, photos=len(photos)))]
        move_draft(draft, PHOTOS, {**data, "outcome": text})
        key = "callout-ask-photos-kept" if photos else "callout-ask-photos"
        ask = turn.texts(key, photos=len(photos), max=MAX_PHOTOS)
        return [Say(text=ask, buttons=_next_button(turn, call_out))]
    if draft.step == PHOTOS:
        move_draft(draft, PHOTOS, data, same_screen=True)
        key = "callout-photos-received" if incoming.photos else "callout-photos-only"
        ask = turn.texts(key, photos=len(photos), max=MAX_PHOTOS)
        return [Say(text=ask, buttons=_next_button(turn, call_out))]
    found_count = COUNT.fullmatch(text)
    count = int(found_count.group(1)) if found_count else None
    if count is None or count > MAX_HELPED:
        move_draft(draft, HELPED, data, same_screen=True)
        key = "callout-helped-photo-kept" if incoming.photos else "callout-helped-not-a-number"
        ask = turn.texts(key, photos=len(photos))
        return [Say(text=ask, buttons=_helped_buttons(turn, call_out))]
    return await _close(turn, call_out, draft, data, count)


async def pressed(
    turn: Turn, viewer: Member, press: actions.OutcomePhotosDone | actions.NoOneHelped
) -> list[Reply]:
    """➡️ Tiếp (photos done) or "Không có" (nobody helped)."""
    draft = await dispatch_draft(turn)
    if draft is None or int(draft.data.get("call_out_id", 0)) != press.call_out:
        return [Toast(text=turn.texts("stale-button"))]
    found = await _open_call_out(turn, viewer, draft)
    if isinstance(found, str):
        return [Toast(text=turn.texts(found))]
    if isinstance(press, actions.OutcomePhotosDone) and draft.step == PHOTOS:
        move_draft(draft, HELPED, draft.data)
        ask = turn.texts("callout-ask-helped")
        return [Say(text=ask, buttons=_helped_buttons(turn, found))]
    if isinstance(press, actions.NoOneHelped) and draft.step == HELPED:
        return await _close(turn, found, draft, draft.data, 0)
    return [Toast(text=turn.texts("stale-button"))]


async def _close(
    turn: Turn, call_out: CallOut, draft: Draft, data: dict[str, Any], helped: int
) -> list[Reply]:
    incoming = turn.incoming
    await discard_draft(turn.session, incoming.channel, incoming.user_ref)
    outcome = Outcome(
        text=str(data.get("outcome", "")),
        photos=tuple(str(photo) for photo in data.get("photos", [])),
        people_helped=helped,
    )
    closed = await close_with_records(
        turn.session, call_out, outcome, turn.now, zone_of(turn), on_time_minutes(turn)
    )
    await call_out_notes.invite(turn, call_out, await people_of(turn.session, call_out.id))
    replies: list[Reply] = []
    if call_out.status_message_id is not None and call_out.status_chat_ref == incoming.chat_ref:
        status, buttons = await status_of(turn, call_out)
        replies.append(Edit(message_id=call_out.status_message_id, text=status, buttons=buttons))
    else:
        await tell_dispatcher(turn, call_out)
    done = turn.texts(
        "callout-closed", records=closed.records, arrived=closed.arrived, called=closed.called
    )
    return [*replies, Say(text=done)]
