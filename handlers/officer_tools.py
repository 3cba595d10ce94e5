"""`/quanly`: the officer's tools in the bot (a team leader gets their own team's page).

Every button carries ids (`o:<verb>:<id>…`), so every press is checked against the rule book
again; a press about something the person may not touch gets the same answer as one about
something that does not exist."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from chat import actions
from chat.button_data import MAX_TEAM_SIZE
from chat.replies import Button, Reply, Say, SendFile, Toast
from handlers import reviews, team_people
from handlers.access import Action, may
from handlers.forms.answers import Problem, read_number
from handlers.forms.spec import FieldSpec
from handlers.full_names import read_full_name
from handlers.turn import Turn
from handlers.unit_views import button, group_list, group_view, team_list, team_view, ward_menu
from storage.access_log import log_access
from storage.drafts import discard_draft, draft_of, start_draft
from storage.models import Draft, Member, Unit
from storage.roster import roster_of
from storage.units import add_unit, descendants, units_named, ward_of
from storage.ward_settings import set_auto_approve
from summaries.roster import roster_workbook

FLOW = "officer"
MEMBER_NAME = "member-name"  # the step of a member's full name being corrected
NAME_LENGTH = (2, 100)
QUICK_SIZES = (3, 4, 5)  # a team has 3 to 5 members in Hà Nội
SIZE = FieldSpec(
    name="size", type="number", prompt="", label="", min_value=1, max_value=MAX_TEAM_SIZE
)


async def manage(turn: Turn, viewer: Member) -> list[Reply]:
    """`/quanly`: the ward's menu for its police, the team's page for its leader."""
    unit = viewer.unit
    if unit.kind == "team" and await may(turn.session, viewer, Action.SEE_MEMBERS, unit):
        return [await team_view(turn, viewer, unit)]
    if unit.kind == "commune" and await may(turn.session, viewer, Action.MANAGE_UNITS, unit):
        return [await ward_menu(turn, viewer, unit)]
    if await may(turn.session, viewer, Action.MANAGE_UNITS, unit):
        wards = [u for u in await descendants(turn.session, unit) if u.kind == "commune"]
        rows = [[button(ward.name, actions.WardMenu(ward.id))] for ward in wards]
        return [Say(text=turn.texts("officer-choose-ward", unit=unit.name), buttons=rows)]
    return [Say(text=turn.texts("officer-tools-not-for-you"))]


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
    return await _ask(turn, "new-group", ward, turn.texts("officer-ask-group-name"))


async def _group_page(
    turn: Turn, viewer: Member, group: Unit, press: actions.GroupPage
) -> list[Reply]:
    return [await group_view(turn, group)]


async def _team_page(
    turn: Turn, viewer: Member, team: Unit, press: actions.TeamPage
) -> list[Reply]:
    return [await team_view(turn, viewer, team)]


async def _new_team(turn: Turn, viewer: Member, unit: Unit, press: actions.NewTeam) -> list[Reply]:
    return await _ask(turn, "new-team", unit, turn.texts("officer-ask-team-name"))


async def _rename(turn: Turn, viewer: Member, unit: Unit, press: actions.RenameUnit) -> list[Reply]:
    return await _ask(turn, "rename", unit, turn.texts("officer-ask-rename", name=unit.name))


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
    return await _export_roster(turn, viewer, ward)


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
    return await _ask(turn, "size", team, question, quick)


async def _ask_member_name(
    turn: Turn, viewer: Member, member: Member, press: actions.AskMemberName
) -> list[Reply]:
    """Ask for a member's full name as reports should print it."""
    incoming = turn.incoming
    data = {"member_id": member.id}
    await start_draft(turn.session, incoming.channel, incoming.user_ref, FLOW, MEMBER_NAME, data)
    return [
        Say(text=_or_cancel(turn, turn.texts("officer-ask-member-name", name=member.full_name)))
    ]


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


async def _ask(
    turn: Turn, step: str, unit: Unit, question: str, buttons: list[list[Button]] | None = None
) -> list[Reply]:
    """Ask for a typed answer about `unit` (kept in a draft, so it survives a restart)."""
    incoming = turn.incoming
    await start_draft(
        turn.session, incoming.channel, incoming.user_ref, FLOW, step, {"unit_id": unit.id}
    )
    return [Say(text=_or_cancel(turn, question), buttons=buttons or [])]


def _or_cancel(turn: Turn, text: str) -> str:
    """A question or a hint, and how to stop answering it."""
    stop = turn.texts("officer-or-cancel")
    return f"{text}\n{stop}"


async def _export_roster(turn: Turn, viewer: Member, ward: Unit) -> list[Reply]:
    rows = await roster_of(turn.session, ward)
    await log_access(
        turn.session, "export-roster", turn.now, member=viewer, unit_id=ward.id, subject="xlsx"
    )
    name = f"DanhSach_{turn.today:%d-%m-%Y}.xlsx"
    caption = turn.texts("officer-roster-exported", ward=ward.name, count=len(rows))
    return [SendFile.of(name, roster_workbook(rows), caption=caption)]


async def typed(turn: Turn, viewer: Member, draft: Draft) -> list[Reply]:
    """A name or a number typed for the officer's question in progress."""
    if draft.step == reviews.NOTE_STEP:
        return await reviews.typed_note(turn, viewer, draft)
    if draft.step == MEMBER_NAME:
        return await _typed_member_name(turn, viewer, draft)
    unit = await turn.session.get(Unit, int(draft.data.get("unit_id", 0)))
    text = (turn.incoming.text or "").strip()
    if draft.step == "size" and unit is not None:
        return await _typed_size(turn, viewer, unit, text)
    needed = Action.MANAGE_UNITS
    if unit is None or not await may(turn.session, viewer, needed, unit):
        await discard_draft(turn.session, turn.incoming.channel, turn.incoming.user_ref)
        return team_people.not_found(turn)
    if not NAME_LENGTH[0] <= len(text) <= NAME_LENGTH[1] or text.startswith("/"):
        hint = turn.texts("officer-name-length", min=NAME_LENGTH[0], max=NAME_LENGTH[1])
        return [Say(text=_or_cancel(turn, hint))]
    ward = await ward_of(turn.session, unit)
    same = await _same_name(turn, ward or unit, text, unit if draft.step == "rename" else None)
    if same is not None:
        return [Say(text=_or_cancel(turn, turn.texts("officer-name-taken", name=same.name)))]
    await discard_draft(turn.session, turn.incoming.channel, turn.incoming.user_ref)
    if draft.step == "rename":
        old = unit.name
        unit.name = text
        done = Say(text=turn.texts("officer-renamed", old=old, new=unit.name))
        if unit.kind == "team":
            return [done, await team_view(turn, viewer, unit)]
        return [done, await group_view(turn, unit)]
    if draft.step == "new-group":
        group = await add_unit(turn.session, text, "residential_group", unit)
        return [
            Say(text=turn.texts("officer-group-created", group=group.name)),
            await group_view(turn, group),
        ]
    team = await add_unit(turn.session, text, "team", unit, planned_size=None)
    return [
        Say(text=turn.texts("officer-team-created", team=team.name)),
        await team_view(turn, viewer, team),
    ]


async def _typed_member_name(turn: Turn, viewer: Member, draft: Draft) -> list[Reply]:
    member = await team_people.managed_member(turn, viewer, int(draft.data.get("member_id", 0)))
    if member is None:
        await discard_draft(turn.session, turn.incoming.channel, turn.incoming.user_ref)
        return team_people.not_found(turn)
    name = read_full_name(turn.incoming.text or "")
    if isinstance(name, Problem):
        question = turn.texts("officer-ask-member-name", name=member.full_name)
        return [Say(text=_or_cancel(turn, f"{turn.texts(name.key, **name.args)}\n{question}"))]
    await discard_draft(turn.session, turn.incoming.channel, turn.incoming.user_ref)
    return await team_people.rename(turn, viewer, member, name)


async def _typed_size(turn: Turn, viewer: Member, team: Unit, text: str) -> list[Reply]:
    if not await may(turn.session, viewer, Action.MANAGE_UNITS, team):
        await discard_draft(turn.session, turn.incoming.channel, turn.incoming.user_ref)
        return team_people.not_found(turn)
    value = read_number(SIZE, text)
    if isinstance(value, Problem):
        return [Say(text=_or_cancel(turn, turn.texts(value.key, **value.args)))]
    team.planned_size = value
    await discard_draft(turn.session, turn.incoming.channel, turn.incoming.user_ref)
    return [await team_view(turn, viewer, team)]


async def _same_name(turn: Turn, ward: Unit, name: str, renaming: Unit | None) -> Unit | None:
    """The unit of the ward already called so, however it is spelt: two units of one ward
    with the same name would be confused in lists and rosters."""
    for unit in await units_named(turn.session, name):
        if unit is renaming:
            continue
        their_ward = await ward_of(turn.session, unit)
        if unit.id == ward.id or (their_ward is not None and their_ward.id == ward.id):
            return unit
    return None
