"""A team's Telegram group: `/lienket` in the group links it to the team, so reminders and team
news can go there. Only the team's leader or the ward police may link it."""

from __future__ import annotations

from chat import actions
from chat.replies import Button, Reply, Say, Toast
from handlers import commands
from handlers.access import Action, may
from handlers.lost_groups import group_removed
from handlers.turn import Turn
from storage.accounts import member_of
from storage.models import Member, Unit
from storage.units import link_group, teams_below


async def in_group(turn: Turn) -> list[Reply]:
    """What the bot answers in a group: the link command and its buttons; nothing else."""
    incoming = turn.incoming
    if incoming.bot_removed:
        await group_removed(
            turn.session,
            incoming.channel,
            turn.texts,
            int(incoming.chat_ref),
            f"removed:{incoming.update_ref}",
            turn.morning_if_night(),
        )
        return []  # nothing can be said there any more
    if incoming.command == commands.LINK_GROUP:
        return await _link_asked(turn)
    if incoming.button is not None:
        pressed = actions.decode(incoming.button)
        if not isinstance(pressed, actions.LinkTeam):
            return [Toast(text=turn.texts("forged-button"))]
        return await _team_chosen(turn, pressed.team)
    return []


async def _link_asked(turn: Turn) -> list[Reply]:
    member = await member_of(turn.session, turn.incoming.channel, turn.incoming.user_ref)
    if member is None:
        return [Say(text=turn.texts("group-link-not-allowed"))]
    unit = member.unit
    if unit.kind == "team" and await may(turn.session, member, Action.LINK_GROUP, unit):
        return await _link(turn, unit)
    if unit.kind != "team" and await may(turn.session, member, Action.LINK_GROUP, unit):
        teams = await teams_below(turn.session, unit)
        rows = [
            [Button(label=team.name, action=actions.LinkTeam(team.id).encode())] for team in teams
        ]
        return [Say(text=turn.texts("group-link-choose-team"), buttons=rows)]
    return [Say(text=turn.texts("group-link-not-allowed"))]


async def _team_chosen(turn: Turn, team_id: int) -> list[Reply]:
    member = await member_of(turn.session, turn.incoming.channel, turn.incoming.user_ref)
    team = await turn.session.get(Unit, team_id)
    if not await _may_link(turn, member, team) or team is None:
        return [Toast(text=turn.texts("group-link-not-allowed"))]
    return await _link(turn, team)


async def _may_link(turn: Turn, member: Member | None, team: Unit | None) -> bool:
    if member is None or team is None or team.kind != "team":
        return False
    return await may(turn.session, member, Action.LINK_GROUP, team)


async def _link(turn: Turn, team: Unit) -> list[Reply]:
    chat_id = int(turn.incoming.chat_ref)
    if team.group_chat_id == chat_id:
        return [Say(text=turn.texts("group-already-linked", team=team.name))]
    await link_group(turn.session, team, chat_id)
    return [Say(text=turn.texts("group-linked", team=team.name))]
