"""Dispatching a live call-out (`/huydong`, or "🚨 Huy động" in the ward's menu): kind → place
(typed, or a location shared) → a short note (or skip) → teams (ticks; the whole ward) →
confirm. The draft (`drafts`, flow "callout") keeps every step, so a restart loses nothing. On
confirm, in the same transaction: the call-out, a row for everyone called, and an alert for each
of them in the outbox that jumps the queue and is not held back at night; the confirm screen
becomes the dispatcher's status message.

One team: 5 taps and one text (kind, place typed, skip the note, tick, Xong, confirm)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from chat import actions
from chat.replies import Button, Edit, Reply, Say, Toast
from handlers.access import Action, may
from handlers.call_out_texts import (
    alert_text,
    answer_buttons,
    place_of,
    status_buttons,
    status_text,
)
from handlers.turn import Turn
from storage.accounts import notice_to, on_bot
from storage.call_outs import KIND_LABELS, KINDS, REALERTS, Dispatch, dispatch, recent_places
from storage.drafts import discard_draft, draft_of, move_draft, start_draft
from storage.members import active_members_in
from storage.models import CallOut, CallOutPerson, Draft, Member, Unit
from storage.outbox import ALERT, enqueue_notices
from storage.units import teams_below, ward_of
from storage.ward_settings import realert_minutes

FLOW = "callout"
KIND, PLACE, NOTE, TEAMS, CONFIRM = "kind", "place", "note", "teams", "confirm"
OUTCOME = "outcome"  # the first step of closing (handlers/call_out_close.py)
PLACE_LENGTH = (3, 300)
NOTE_LENGTH = 300


async def dispatchable_teams(turn: Turn, viewer: Member, unit: Unit) -> list[Unit]:
    """The open teams in `unit` the viewer may call out (the rule book decides, team by team)."""
    return [
        team
        for team in await teams_below(turn.session, unit)
        if await may(turn.session, viewer, Action.DISPATCH, team)
    ]


async def start(turn: Turn, viewer: Member, unit: Unit | None = None) -> list[Reply]:
    """The first step: which kind of work. `unit` is the ward (or team) to dispatch from."""
    unit = unit or viewer.unit
    if not await may(turn.session, viewer, Action.DISPATCH, unit):
        return [Say(text=turn.texts("callout-not-for-you"))]
    if not await dispatchable_teams(turn, viewer, unit):
        return [Say(text=turn.texts("callout-pick-a-team"))]
    incoming = turn.incoming
    await start_draft(
        turn.session, incoming.channel, incoming.user_ref, FLOW, KIND, {"unit_id": unit.id}
    )
    kinds = [
        Button(
            label=turn.texts.label(KIND_LABELS[kind]), action=actions.DispatchKind(kind).encode()
        )
        for kind in KINDS
    ]
    rows = [kinds[:3], kinds[3:], [_cancel_button(turn)]]
    return [Say(text=turn.texts("callout-ask-kind"), buttons=rows)]


def _cancel_button(turn: Turn) -> Button:
    return Button(
        label=turn.texts.label("button-cancel"), action=actions.DispatchCancelled().encode()
    )


async def pressed(
    turn: Turn, viewer: Member, press: actions.CallOut, draft: Draft | None
) -> list[Reply]:
    """A step's button of the dispatch in progress; anything else is stale."""
    if isinstance(press, actions.StartDispatch):
        unit = await turn.session.get(Unit, press.unit)
        if unit is None or not await may(turn.session, viewer, Action.DISPATCH, unit):
            return [Toast(text=turn.texts("forged-button"))]
        return await start(turn, viewer, unit)
    if draft is None or draft.flow != FLOW:
        return [Toast(text=turn.texts("stale-button"))]
    if isinstance(press, actions.DispatchCancelled):
        await discard_draft(turn.session, turn.incoming.channel, turn.incoming.user_ref)
        return [Say(text=turn.texts("cancelled"))]
    if isinstance(press, actions.DispatchKind) and draft.step == KIND:
        if press.kind not in KINDS:
            return [Toast(text=turn.texts("forged-button"))]
        move_draft(draft, PLACE, {**draft.data, "kind": press.kind})
        return await _ask_place(turn, viewer, draft)
    if isinstance(press, actions.DispatchRecentPlace) and draft.step == PLACE:
        return await _recent_place(turn, viewer, draft, press)
    if isinstance(press, actions.DispatchNoNote) and draft.step == NOTE:
        return await _ask_teams(turn, viewer, draft, {**draft.data, "note": None})
    if isinstance(press, actions.DispatchTeam | actions.DispatchWholeWard) and draft.step == TEAMS:
        return await _tick(turn, viewer, draft, press)
    if isinstance(press, actions.DispatchTeamsChosen) and draft.step == TEAMS:
        return await _ask_confirm(turn, viewer, draft)
    if isinstance(press, actions.DispatchConfirmed) and draft.step == CONFIRM:
        return await _confirmed(turn, viewer, draft)
    return [Toast(text=turn.texts("stale-button"))]


async def _ward_id(turn: Turn, viewer: Member, draft: Draft) -> int | None:
    unit = await _unit(turn, viewer, draft)
    if unit is None:
        return None
    ward = await ward_of(turn.session, unit)
    return ward.id if ward is not None else unit.id


async def _ask_place(turn: Turn, viewer: Member, draft: Draft) -> list[Reply]:
    """Where: the ward's last 5 places a tap each, or a location shared, or an address typed."""
    ward_id = await _ward_id(turn, viewer, draft)
    places = [] if ward_id is None else await recent_places(turn.session, ward_id)
    rows = [
        [
            Button(
                label=f"🕘 {call_out.place}"[:60],
                action=actions.DispatchRecentPlace(call_out.id).encode(),
            )
        ]
        for call_out in places
    ]
    key = "callout-ask-place-or-recent" if places else "callout-ask-place"
    return [Say(text=turn.texts(key), buttons=[*rows, [_cancel_button(turn)]])]


async def _recent_place(
    turn: Turn, viewer: Member, draft: Draft, press: actions.DispatchRecentPlace
) -> list[Reply]:
    """A recent place of the ward, again (only the ward's own: another's is forged)."""
    earlier = await turn.session.get(CallOut, press.call_out)
    ward_id = await _ward_id(turn, viewer, draft)
    if earlier is None or ward_id is None or earlier.ward_id != ward_id or not earlier.place:
        return [Toast(text=turn.texts("forged-button"))]
    where = {"place": earlier.place, "lat": earlier.latitude, "lon": earlier.longitude}
    move_draft(draft, NOTE, {**draft.data, **where})
    return [_ask_note(turn)]


def _ask_note(turn: Turn) -> Say:
    skip = Button(
        label=turn.texts.label("callout-skip-note"), action=actions.DispatchNoNote().encode()
    )
    return Say(text=turn.texts("callout-ask-note"), buttons=[[skip, _cancel_button(turn)]])


async def typed(turn: Turn, viewer: Member, draft: Draft) -> list[Reply]:
    """The place (typed or shared as a location) or the note."""
    incoming = turn.incoming
    text = (incoming.text or "").strip()
    if draft.step == PLACE:
        if incoming.location is not None:
            where = {"lat": incoming.location.latitude, "lon": incoming.location.longitude}
            move_draft(draft, NOTE, {**draft.data, "place": None, **where})
        elif PLACE_LENGTH[0] <= len(text) <= PLACE_LENGTH[1] and not text.startswith("/"):
            move_draft(draft, NOTE, {**draft.data, "place": text, "lat": None, "lon": None})
        else:
            return [Say(text=turn.texts("callout-place-too-short"))]
        return [_ask_note(turn)]
    if draft.step == NOTE and text and not text.startswith("/"):
        return await _ask_teams(turn, viewer, draft, {**draft.data, "note": text[:NOTE_LENGTH]})
    question = {KIND: "callout-ask-kind", NOTE: "callout-ask-note", TEAMS: "callout-ask-teams"}
    return [Say(text=turn.texts(question.get(draft.step, "callout-ask-teams")))]


async def _unit(turn: Turn, viewer: Member, draft: Draft) -> Unit | None:
    unit = await turn.session.get(Unit, int(draft.data.get("unit_id", 0)))
    if unit is None or not await may(turn.session, viewer, Action.DISPATCH, unit):
        return None
    return unit


async def _ask_teams(turn: Turn, viewer: Member, draft: Draft, data: dict[str, Any]) -> list[Reply]:
    unit = await _unit(turn, viewer, draft)
    if unit is None:
        await discard_draft(turn.session, turn.incoming.channel, turn.incoming.user_ref)
        return [Say(text=turn.texts("callout-not-for-you"))]
    teams = await dispatchable_teams(turn, viewer, unit)
    ticked = [teams[0].id] if len(teams) == 1 else []
    move_draft(draft, TEAMS, {**data, "teams": ticked})
    return [Say(text=turn.texts("callout-ask-teams"), buttons=_team_rows(turn, teams, ticked))]


def _team_rows(turn: Turn, teams: list[Unit], ticked: list[int]) -> list[list[Button]]:
    rows = [
        [
            Button(
                label=f"{'✅' if team.id in ticked else '⬜'} {team.name}",
                action=actions.DispatchTeam(team.id).encode(),
            )
        ]
        for team in teams
    ]
    if len(teams) > 1:
        whole = actions.DispatchWholeWard().encode()
        rows.append([Button(label=turn.texts.label("callout-whole-ward"), action=whole)])
    done = actions.DispatchTeamsChosen().encode()
    rows.append(
        [Button(label=turn.texts.label("callout-teams-done"), action=done), _cancel_button(turn)]
    )
    return rows


async def _tick(
    turn: Turn,
    viewer: Member,
    draft: Draft,
    press: actions.DispatchTeam | actions.DispatchWholeWard,
) -> list[Reply]:
    unit = await _unit(turn, viewer, draft)
    if unit is None:
        return [Toast(text=turn.texts("forged-button"))]
    teams = await dispatchable_teams(turn, viewer, unit)
    ids = [team.id for team in teams]
    ticked = [int(team) for team in draft.data.get("teams", [])]
    if isinstance(press, actions.DispatchWholeWard):
        ticked = ids
    elif press.team not in ids:
        return [Toast(text=turn.texts("forged-button"))]
    elif press.team in ticked:
        ticked.remove(press.team)
    else:
        ticked.append(press.team)
    move_draft(draft, TEAMS, {**draft.data, "teams": ticked}, same_screen=True)
    rows = _team_rows(turn, teams, ticked)
    message_id = turn.incoming.button_message_id
    if message_id is None:
        return [Say(text=turn.texts("callout-ask-teams"), buttons=rows)]
    return [Edit(message_id=message_id, text=turn.texts("callout-ask-teams"), buttons=rows)]


async def _called(
    turn: Turn, viewer: Member, draft: Draft
) -> tuple[Unit, list[Unit], list[Member]] | None:
    """The unit, the teams ticked (still allowed) and everyone in them to alert."""
    unit = await _unit(turn, viewer, draft)
    if unit is None:
        return None
    allowed = {team.id: team for team in await dispatchable_teams(turn, viewer, unit)}
    teams = [allowed[int(t)] for t in draft.data.get("teams", []) if int(t) in allowed]
    people = [
        member
        for member in await active_members_in(turn.session, [team.id for team in teams])
        if on_bot(member) and member.id != viewer.id
    ]
    return unit, teams, people


async def _ask_confirm(turn: Turn, viewer: Member, draft: Draft) -> list[Reply]:
    called = await _called(turn, viewer, draft)
    if called is None:
        return [Toast(text=turn.texts("forged-button"))]
    _, teams, people = called
    if not people:
        return [Toast(text=turn.texts("callout-pick-a-team"))]
    move_draft(draft, CONFIRM, draft.data)
    preview = _preview(draft)
    text = turn.texts(
        "callout-confirm",
        teams=", ".join(team.name for team in teams),
        people=len(people),
        place=place_of(turn, preview),
        kind=turn.texts.label(KIND_LABELS.get(preview.kind, "incident-antt")),
    )
    go = Button(
        label=turn.texts.label("callout-confirm-button"),
        action=actions.DispatchConfirmed().encode(),
    )
    return [Say(text=text, buttons=[[go], [_cancel_button(turn)]])]


def _preview(draft: Draft) -> CallOut:
    data = draft.data
    return CallOut(kind=str(data.get("kind", "antt")), place=data.get("place"))


async def _confirmed(turn: Turn, viewer: Member, draft: Draft) -> list[Reply]:
    called = await _called(turn, viewer, draft)
    if called is None:
        return [Toast(text=turn.texts("forged-button"))]
    unit, teams, people = called
    if not people:
        return [Toast(text=turn.texts("callout-pick-a-team"))]
    data = draft.data
    chosen = Dispatch(
        kind=str(data["kind"]),
        place=data.get("place"),
        latitude=data.get("lat"),
        longitude=data.get("lon"),
        note=data.get("note"),
        team_ids=tuple(team.id for team in teams),
    )
    ward = await ward_of(turn.session, unit)
    ward_id = ward.id if ward is not None else unit.id
    call_out, rows = await dispatch(turn.session, ward_id, viewer, chosen, people, turn.now)
    await discard_draft(turn.session, turn.incoming.channel, turn.incoming.user_ref)
    await alert_people(turn, call_out, viewer, people, turn.now)
    call_out.status_chat_ref = turn.incoming.chat_ref
    call_out.status_message_id = turn.incoming.button_message_id
    names = {member.id: member.full_name for member in people}
    text = status_text(turn, call_out, rows, names, {team.id: team for team in teams})
    buttons = status_buttons(turn, call_out)
    if call_out.status_message_id is None:
        return [Say(text=text, buttons=buttons)]
    return [Edit(message_id=call_out.status_message_id, text=text, buttons=buttons)]


async def alert_people(
    turn: Turn, call_out: CallOut, by: Member, people: list[Member], now: dt.datetime
) -> None:
    """The first alert to everyone at once, day or night, ahead of any reminder; and the two
    alerts again for whoever has not answered by then (skipped when they answer)."""
    every = dt.timedelta(minutes=await realert_minutes(turn.session, call_out.ward_id))
    notices = []
    for member in people:
        for number in range(REALERTS + 1):
            later = every * number
            notices.append(
                notice_to(
                    member,
                    alert_key(call_out, member.id, number),
                    Say(
                        text=alert_text(turn, call_out, by, again=number + 1 if number else 0),
                        buttons=answer_buttons(turn, call_out),
                    ).model_dump(mode="json"),
                    not_before=(now + later) if number else None,
                    priority=ALERT,
                )
            )
    await enqueue_notices(turn.session, turn.incoming.channel, notices)


def alert_key(call_out: CallOut, member_id: int, number: int) -> str:
    """The outbox key of an alert: `callout:<id>:<member>:<n>` (the first is n = 1)."""
    return f"callout:{call_out.id}:{member_id}:{number + 1}"


def later_alert_keys(person: CallOutPerson) -> list[str]:
    """The automatic alerts again still owed to someone (not sent once they answer)."""
    return [
        f"callout:{person.call_out_id}:{person.member_id}:{number + 1}"
        for number in range(1, REALERTS + 1)
    ]


async def dispatch_draft(turn: Turn) -> Draft | None:
    """The person's dispatch in progress, if any."""
    draft = await draft_of(turn.session, turn.incoming.channel, turn.incoming.user_ref)
    return draft if draft is not None and draft.flow == FLOW else None
