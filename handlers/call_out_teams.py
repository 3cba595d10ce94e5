""" "➕ Thêm tổ" on the status message of an open call-out: the teams of the ward the officer may
call out and has not called yet, a tap each; a team added is alerted at once like the first
ones (day or night, ahead of any reminder, again after the ward's minutes while silent), and
the status message shows it. Only the dispatcher or the ward's police, only while it is open."""

from __future__ import annotations

from chat import actions
from chat.replies import Button, Edit, Reply, Say, Toast
from handlers.call_out_answers import may_run, status_of, tell_dispatcher
from handlers.call_out_dispatch import alert_people, dispatchable_teams
from handlers.turn import Turn
from storage.accounts import on_bot
from storage.call_outs import CLOSED, add_people, people_of
from storage.members import active_members_in
from storage.models import CallOut, Member, Unit


async def pressed(
    turn: Turn, viewer: Member, press: actions.AddTeamList | actions.AddTeam
) -> list[Reply]:
    """The teams left to add, or one added."""
    call_out = await turn.session.get(CallOut, press.call_out)
    if call_out is None or not await may_run(turn, viewer, call_out):
        return [Toast(text=turn.texts("forged-button"))]
    if call_out.status == CLOSED:
        return [Toast(text=turn.texts("callout-closed-already"))]
    left = await _teams_left(turn, viewer, call_out)
    if isinstance(press, actions.AddTeamList):
        if not left:
            return [Toast(text=turn.texts("callout-no-team-left"))]
        rows = [
            [Button(label=team.name, action=actions.AddTeam(call_out.id, team.id).encode())]
            for team in left
        ]
        return [Say(text=turn.texts("callout-ask-add-team"), buttons=rows)]
    team = next((team for team in left if team.id == press.team), None)
    if team is None:
        return [Toast(text=turn.texts("callout-team-called-already"))]
    people = [
        member
        for member in await active_members_in(turn.session, [team.id])
        if on_bot(member) and member.id != viewer.id
    ]
    if not people:
        return [Toast(text=turn.texts("callout-pick-a-team"))]
    by = await turn.session.get(Member, call_out.dispatched_by)
    assert by is not None
    await add_people(turn.session, call_out, people, turn.now)
    await alert_people(turn, call_out, by, people, turn.now)
    done = turn.texts("callout-team-added", team=team.name, people=len(people))
    replies: list[Reply] = []
    message_id = turn.incoming.button_message_id
    if message_id is not None:
        replies.append(Edit(message_id=message_id, text=done))
    else:
        replies.append(Say(text=done))
    if call_out.status_chat_ref == turn.incoming.chat_ref and call_out.status_message_id:
        text, buttons = await status_of(turn, call_out)
        replies.append(Edit(message_id=call_out.status_message_id, text=text, buttons=buttons))
    else:
        await tell_dispatcher(turn, call_out)
    return replies


async def _teams_left(turn: Turn, viewer: Member, call_out: CallOut) -> list[Unit]:
    """The ward's teams the viewer may call out that are not in the call-out yet."""
    ward = await turn.session.get(Unit, call_out.ward_id)
    if ward is None:
        return []
    called = {person.team_id for person in await people_of(turn.session, call_out.id)}
    return [team for team in await dispatchable_teams(turn, viewer, ward) if team.id not in called]
