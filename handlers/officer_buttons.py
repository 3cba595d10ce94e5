"""What each button of the officer tools does (`/quanly`, and the review's buttons from
`handlers/reviews.py`): one table, button -> handler. A button about a member finds them among
those the viewer may manage; one about a unit checks the unit's kind and asks the rule book
first; anything else, and a button the table does not know, is refused."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from chat import actions
from chat.replies import Reply, Say, Toast
from handlers import reviews, team_people
from handlers.access import Action, may
from handlers.officer_tools import FLOW, QUICK_SIZES, ask, ask_member_name, export_roster
from handlers.turn import Turn
from handlers.unit_views import button, group_list, group_view, team_list, team_view, ward_menu
from storage.drafts import discard_draft, draft_of
from storage.models import Member, Unit
from storage.ward_settings import set_auto_approve


async def pressed(turn: Turn, viewer: Member, press: actions.Officer) -> list[Reply]:
    """One button of the officer tools, checked against the rule book."""
    tool = TOOLS.get(type(press))
    if tool is None:
        return [Toast(text=turn.texts("forged-button"))]
    draft = await draft_of(turn.session, turn.incoming.channel, turn.incoming.user_ref)
    if draft is not None and draft.flow == FLOW:  # a button answers instead of typing
        await discard_draft(turn.session, turn.incoming.channel, turn.incoming.user_ref)
    return await tool(turn, viewer, press)


Tool = Callable[[Turn, Member, Any], Awaitable[list[Reply]]]
M = TypeVar("M", bound=actions.AboutMember)
U = TypeVar("U", bound=actions.AboutUnit)


def _on_member(run: Callable[[Turn, Member, Member, M], Awaitable[list[Reply]]]) -> Tool:
    """A button about a member the viewer may manage (anyone else: not found)."""

    async def tool(turn: Turn, viewer: Member, press: M) -> list[Reply]:
        member = await team_people.managed_member(turn, viewer, press.member)
        if member is None:
            return team_people.not_found(turn)
        return await run(turn, viewer, member, press)

    return tool


def _on_unit(
    fits: Callable[[Unit], bool],
    needs: Action | None,
    run: Callable[[Turn, Member, Unit, U], Awaitable[list[Reply]]],
) -> Tool:
    """A button about a unit of the kinds it `fits`, when the rule book allows what it `needs`
    there (None: `run` asks it)."""

    async def tool(turn: Turn, viewer: Member, press: U) -> list[Reply]:
        unit = await turn.session.get(Unit, press.unit)
        if unit is None:
            return team_people.not_found(turn)
        if not fits(unit) or (
            needs is not None and not await may(turn.session, viewer, needs, unit)
        ):
            return team_people.not_found(turn)
        return await run(turn, viewer, unit, press)

    return tool


def _ward(unit: Unit) -> bool:
    return unit.kind == "commune"


def _team(unit: Unit) -> bool:
    return unit.kind == "team"


def _group(unit: Unit) -> bool:
    return unit.kind == "residential_group"


def _in_ward(unit: Unit) -> bool:
    return unit.kind in ("commune", "residential_group")


def _not_ward(unit: Unit) -> bool:
    return unit.kind != "commune"


def _any(unit: Unit) -> bool:
    return True


def _linked_team(unit: Unit) -> bool:
    return unit.kind == "team" and bool(unit.group_chat_id)


async def _member_page(
    turn: Turn, viewer: Member, member: Member, press: actions.MemberPage
) -> list[Reply]:
    return [team_people.member_view(turn, member)]


async def _choose_team(
    turn: Turn, viewer: Member, member: Member, press: actions.ChooseTeam
) -> list[Reply]:
    return await team_people.choose_new_team(turn, viewer, member)


async def _move(
    turn: Turn, viewer: Member, member: Member, press: actions.MoveMember
) -> list[Reply]:
    return await team_people.move(turn, viewer, member, press.team)


async def _choose_reason(
    turn: Turn, viewer: Member, member: Member, press: actions.ChooseReason
) -> list[Reply]:
    return team_people.choose_reason(turn, member)


async def _remove(
    turn: Turn, viewer: Member, member: Member, press: actions.RemoveMember
) -> list[Reply]:
    return await team_people.remove(turn, viewer, member, press.reason)


async def _choose_role(
    turn: Turn, viewer: Member, member: Member, press: actions.ChooseRole
) -> list[Reply]:
    return team_people.choose_role(turn, member)


async def _set_role(
    turn: Turn, viewer: Member, member: Member, press: actions.SetRole
) -> list[Reply]:
    return await team_people.set_role(turn, viewer, member, press.role)


async def _approve(turn: Turn, viewer: Member, press: actions.ApproveJoin) -> list[Reply]:
    return await team_people.decide(turn, viewer, press.request, approve=True)


async def _reject(turn: Turn, viewer: Member, press: actions.RejectJoin) -> list[Reply]:
    return await team_people.decide(turn, viewer, press.request, approve=False)


async def _revoke(turn: Turn, viewer: Member, press: actions.RevokeInvite) -> list[Reply]:
    return await team_people.revoke(turn, viewer, press.invite)


async def _ward_menu(
    turn: Turn, viewer: Member, ward: Unit, press: actions.WardMenu
) -> list[Reply]:
    return [await ward_menu(turn, viewer, ward)]


async def _team_list(
    turn: Turn, viewer: Member, ward: Unit, press: actions.TeamList
) -> list[Reply]:
    return [await team_list(turn, ward)]


async def _group_list(
    turn: Turn, viewer: Member, ward: Unit, press: actions.GroupList
) -> list[Reply]:
    return [await group_list(turn, ward)]


async def _new_group(
    turn: Turn, viewer: Member, ward: Unit, press: actions.NewGroup
) -> list[Reply]:
    return await ask(turn, "new-group", ward, turn.texts("officer-ask-group-name"))


async def _group_page(
    turn: Turn, viewer: Member, group: Unit, press: actions.GroupPage
) -> list[Reply]:
    return [await group_view(turn, group)]


async def _team_page(
    turn: Turn, viewer: Member, team: Unit, press: actions.TeamPage
) -> list[Reply]:
    return [await team_view(turn, viewer, team)]


async def _new_team(turn: Turn, viewer: Member, unit: Unit, press: actions.NewTeam) -> list[Reply]:
    return await ask(turn, "new-team", unit, turn.texts("officer-ask-team-name"))


async def _rename(turn: Turn, viewer: Member, unit: Unit, press: actions.RenameUnit) -> list[Reply]:
    return await ask(turn, "rename", unit, turn.texts("officer-ask-rename", name=unit.name))


async def _invite(turn: Turn, viewer: Member, team: Unit, press: actions.NewInvite) -> list[Reply]:
    return await team_people.new_invite(turn, viewer, team, press.role)


async def _open_invites(
    turn: Turn, viewer: Member, team: Unit, press: actions.OpenInvites
) -> list[Reply]:
    return await team_people.open_invites(turn, viewer, team)


async def _join_requests(
    turn: Turn, viewer: Member, unit: Unit, press: actions.JoinRequests
) -> list[Reply]:
    return await team_people.join_requests(turn, viewer, unit)


async def _auto_approve(
    turn: Turn, viewer: Member, ward: Unit, press: actions.AutoApprove
) -> list[Reply]:
    await set_auto_approve(turn.session, ward.id, press.on, viewer, turn.now)
    return [await ward_menu(turn, viewer, ward)]


async def _export(
    turn: Turn, viewer: Member, ward: Unit, press: actions.ExportRoster
) -> list[Reply]:
    return await export_roster(turn, viewer, ward)


async def _unlink(
    turn: Turn, viewer: Member, team: Unit, press: actions.UnlinkGroup
) -> list[Reply]:
    team.group_chat_id = None
    return [Say(text=turn.texts("officer-group-unlinked", team=team.name))]


async def _planned_size(
    turn: Turn, viewer: Member, team: Unit, press: actions.PlannedSize
) -> list[Reply]:
    if press.size is not None:
        team.planned_size = press.size
        return [await team_view(turn, viewer, team)]
    question = turn.texts("officer-ask-size", team=team.name, planned=str(team.planned_size or "?"))
    quick = [[button(str(n), actions.PlannedSize(team.id, n)) for n in QUICK_SIZES]]
    return await ask(turn, "size", team, question, quick)


async def _ask_member_name(
    turn: Turn, viewer: Member, member: Member, press: actions.AskMemberName
) -> list[Reply]:
    return await ask_member_name(turn, member)


# Every button of the officer tools and what it does: the unit's kinds, what the rule book must
# allow there (None: the handler asks), and the handler.
TOOLS: dict[type[actions.Officer], Tool] = {
    actions.MemberPage: _on_member(_member_page),
    actions.ChooseTeam: _on_member(_choose_team),
    actions.MoveMember: _on_member(_move),
    actions.ChooseReason: _on_member(_choose_reason),
    actions.RemoveMember: _on_member(_remove),
    actions.ChooseRole: _on_member(_choose_role),
    actions.SetRole: _on_member(_set_role),
    actions.AskMemberName: _on_member(_ask_member_name),
    actions.ApproveJoin: _approve,
    actions.RejectJoin: _reject,
    actions.RevokeInvite: _revoke,
    actions.WardMenu: _on_unit(_ward, Action.MANAGE_UNITS, _ward_menu),
    actions.TeamList: _on_unit(_ward, Action.MANAGE_UNITS, _team_list),
    actions.GroupList: _on_unit(_ward, Action.MANAGE_UNITS, _group_list),
    actions.NewGroup: _on_unit(_ward, Action.MANAGE_UNITS, _new_group),
    actions.GroupPage: _on_unit(_group, Action.MANAGE_UNITS, _group_page),
    actions.TeamPage: _on_unit(_team, Action.SEE_MEMBERS, _team_page),
    actions.NewTeam: _on_unit(_in_ward, Action.MANAGE_UNITS, _new_team),
    actions.RenameUnit: _on_unit(_not_ward, Action.MANAGE_UNITS, _rename),
    actions.PlannedSize: _on_unit(_team, Action.MANAGE_UNITS, _planned_size),
    actions.NewInvite: _on_unit(_team, None, _invite),
    actions.OpenInvites: _on_unit(_team, None, _open_invites),
    actions.JoinRequests: _on_unit(_any, None, _join_requests),
    actions.AutoApprove: _on_unit(_ward, Action.WARD_SETTINGS, _auto_approve),
    actions.ExportRoster: _on_unit(_ward, Action.EXPORT_ROSTER, _export),
    actions.UnlinkGroup: _on_unit(_linked_team, Action.LINK_GROUP, _unlink),
    **reviews.TOOLS,
}
