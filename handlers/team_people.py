"""People in a team, as the officer (or the team's leader) handles them: one member, moving
and removing, join requests, invite links."""

from __future__ import annotations

from chat import actions
from chat.replies import Button, Reply, Say
from handlers.access import TEAM_ROLES, Action, invite_action, may
from handlers.invite_card import invite_card
from handlers.notices import tell_requester
from handlers.turn import Turn
from handlers.unit_views import button, role_label, team_view
from storage.accounts import notice_to, on_bot
from storage.invites import create_invite, usable_invites_of
from storage.join_requests import approve_request, pending_requests_in, reject_request
from storage.members import change_role, member_by_id, move_member, remove_member, rename_member
from storage.models import Invite, JoinRequest, Member, Unit
from storage.outbox import Notice, enqueue_notices
from storage.units import descendants, teams_below, ward_of

LEAVE_REASONS = {
    "moved": "leave-reason-moved",
    "resigned": "leave-reason-resigned",
    "inactive": "leave-reason-inactive",
}
INVITE_DAYS = 7
DEFAULT_TEAM_SIZE = 5


def not_found(turn: Turn) -> list[Reply]:
    """The one answer to a button about something the person may not touch, or that is gone:
    it never says which."""
    return [Say(text=turn.texts("officer-not-found"))]


async def managed_member(turn: Turn, viewer: Member, member_id: int) -> Member | None:
    """The member behind a button, when the viewer may manage them."""
    member = await member_by_id(turn.session, member_id)
    if member is None or member.status != "active":
        return None
    allowed = await may(turn.session, viewer, Action.MANAGE_MEMBERS, member.unit)
    return member if allowed else None


def member_view(turn: Turn, member: Member) -> Say:
    """One member: role, team, phone, date of birth, since when; move or remove."""
    zone = turn.now.tzinfo
    text = turn.texts(
        "officer-member-view",
        name=member.full_name,
        role=role_label(turn, member.role),
        team=member.unit.name,
        phone=member.phone or "—",
        born=f"{member.birth_date:%d/%m/%Y}" if member.birth_date else "—",
        since=f"{member.joined_at.astimezone(zone):%d/%m/%Y}",
    )
    status = "officer-member-on-bot" if on_bot(member) else "officer-member-not-on-bot"
    rows = [
        [
            button(turn.texts.label("officer-move"), actions.ChooseTeam(member.id)),
            button(turn.texts.label("officer-remove"), actions.ChooseReason(member.id)),
        ],
        [
            button(turn.texts.label("officer-change-role"), actions.ChooseRole(member.id)),
            button(turn.texts.label("officer-edit-name"), actions.AskMemberName(member.id)),
        ],
        [button(turn.texts.label("button-back"), actions.TeamPage(member.unit_id))],
    ]
    return Say(text=f"{text}\n{turn.texts(status)}", buttons=rows)


async def choose_new_team(turn: Turn, viewer: Member, member: Member) -> list[Reply]:
    """The other teams of the member's ward, to move them to."""
    ward = await ward_of(turn.session, member.unit)
    teams = await teams_below(turn.session, ward) if ward is not None else []
    rows = [
        [button(team.name, actions.MoveMember(member.id, team.id))]
        for team in teams
        if team.id != member.unit_id
        and await may(turn.session, viewer, Action.MANAGE_MEMBERS, team)
    ]
    rows.append([button(turn.texts.label("button-back"), actions.MemberPage(member.id))])
    return [Say(text=turn.texts("officer-move-where", name=member.full_name), buttons=rows)]


async def move(turn: Turn, viewer: Member, member: Member, team_id: int) -> list[Reply]:
    """Move the member to another team the viewer manages (history kept)."""
    team = await turn.session.get(Unit, team_id)
    if (
        team is None
        or team.kind != "team"
        or not await may(turn.session, viewer, Action.MANAGE_MEMBERS, team)
    ):
        return not_found(turn)
    old_team = member.unit
    await move_member(turn.session, member, team, viewer, turn.now)
    done = Say(text=turn.texts("officer-moved", name=member.full_name, team=team.name))
    return [done, await team_view(turn, viewer, old_team)]


def choose_role(turn: Turn, member: Member) -> list[Reply]:
    """The team roles the member may be given instead of theirs."""
    rows = [
        [button(role_label(turn, role), actions.SetRole(member.id, role))]
        for role in TEAM_ROLES
        if role != member.role
    ]
    rows.append([button(turn.texts.label("button-back"), actions.MemberPage(member.id))])
    text = turn.texts(
        "officer-role-which",
        name=member.full_name,
        team=member.unit.name,
        role=role_label(turn, member.role),
    )
    return [Say(text=text, buttons=rows)]


async def set_role(turn: Turn, viewer: Member, member: Member, role: str) -> list[Reply]:
    """Give a team member another role (those who may invite leaders may); the one who held
    the team's only leader or deputy place steps down to member. Both are told."""
    team = member.unit
    if (
        role not in TEAM_ROLES
        or team.kind != "team"
        or not await may(turn.session, viewer, Action.INVITE_LEADERS, team)
    ):
        return not_found(turn)
    if role == member.role:
        return [member_view(turn, member)]
    stepped_down = await change_role(turn.session, member, role, viewer, turn.now)
    label = role_label(turn, role)
    notices = [
        _told(
            turn, member, f"role:{member.id}", turn.texts("role-given", role=label, team=team.name)
        )
    ]
    notices += [
        _told(
            turn,
            holder,
            f"role:{holder.id}",
            turn.texts("role-stepped-down", name=member.full_name, role=label, team=team.name),
        )
        for holder in stepped_down
    ]
    await enqueue_notices(
        turn.session, turn.incoming.channel, [notice for notice in notices if notice is not None]
    )
    lines = [turn.texts("officer-role-changed", name=member.full_name, role=label, team=team.name)]
    lines += [
        turn.texts("officer-role-stepped-down", name=holder.full_name) for holder in stepped_down
    ]
    return [Say(text="\n".join(lines)), await team_view(turn, viewer, team)]


async def rename(turn: Turn, viewer: Member, member: Member, full_name: str) -> list[Reply]:
    """Correct how the member's name is written in reports: the history keeps the name
    before, and the member is told."""
    before = member.full_name
    if full_name != before:
        await rename_member(turn.session, member, full_name, viewer, turn.now)
        told = turn.texts("name-corrected", name=full_name, by=viewer.full_name)
        notice = _told(turn, member, f"name:{member.id}", told)
        await enqueue_notices(turn.session, turn.incoming.channel, [notice] if notice else [])
    done = Say(text=turn.texts("officer-member-renamed", old=before, new=full_name))
    return [done, member_view(turn, member)]


def _told(turn: Turn, member: Member, key: str, text: str) -> Notice | None:
    """A notice to a member on the bot about their role or name (none for one not on it
    yet)."""
    return notice_to(
        member,
        f"notice:{key}:{turn.incoming.update_ref}",
        Say(text=text).model_dump(mode="json"),
        turn.morning_if_night(),
    )


def choose_reason(turn: Turn, member: Member) -> list[Reply]:
    """Why the member leaves (kept in the history); one tap confirms."""
    rows = [
        [button(turn.texts.label(key), actions.RemoveMember(member.id, code))]
        for code, key in LEAVE_REASONS.items()
    ]
    rows.append([button(turn.texts.label("officer-keep-member"), actions.MemberPage(member.id))])
    text = turn.texts("officer-remove-why", name=member.full_name, team=member.unit.name)
    return [Say(text=text, buttons=rows)]


async def remove(turn: Turn, viewer: Member, member: Member, reason: str) -> list[Reply]:
    """The member leaves the team; their reports and the history stay."""
    if reason not in LEAVE_REASONS:
        return not_found(turn)
    team = member.unit
    await remove_member(turn.session, member, reason, viewer, turn.now)
    done = turn.texts(
        "officer-removed",
        name=member.full_name,
        team=team.name,
        reason=turn.texts.label(LEAVE_REASONS[reason]),
    )
    return [Say(text=done), await team_view(turn, viewer, team)]


async def join_requests(turn: Turn, viewer: Member, unit: Unit) -> list[Reply]:
    """Requests waiting in a ward or a team, each with approve and reject."""
    if not await may(turn.session, viewer, Action.DECIDE_JOINS, unit):
        return not_found(turn)
    below = [unit.id, *(child.id for child in await descendants(turn.session, unit))]
    waiting = await pending_requests_in(turn.session, below)
    if not waiting:
        return [Say(text=turn.texts("officer-no-join-requests"))]
    teams = {team.id: team for team in await teams_below(turn.session, unit)}
    lines = [turn.texts("officer-join-requests-title", unit=unit.name)]
    rows: list[list[Button]] = []
    for number, request in enumerate(waiting, start=1):
        team = teams.get(request.unit_id)
        lines.append(
            turn.texts(
                "officer-join-request-line",
                number=number,
                name=request.full_name,
                phone=request.phone or "—",
                team=team.name if team else "",
                role=role_label(turn, request.role),
            )
        )
        rows.append(
            [
                button(
                    turn.texts.label("officer-approve", number=number),
                    actions.ApproveJoin(request.id),
                ),
                button(
                    turn.texts.label("officer-reject", number=number),
                    actions.RejectJoin(request.id),
                ),
            ]
        )
    return [Say(text="\n".join(lines), buttons=rows)]


async def decide(turn: Turn, viewer: Member, request_id: int, approve: bool) -> list[Reply]:
    """Approve or reject one request; the person is told."""
    request = await turn.session.get(JoinRequest, request_id, with_for_update=True)
    team = await turn.session.get(Unit, request.unit_id) if request is not None else None
    if (
        request is None
        or team is None
        or not await may(turn.session, viewer, Action.DECIDE_JOINS, team)
    ):
        return not_found(turn)
    if request.status != "pending":
        return [Say(text=turn.texts("officer-join-request-done"))]
    if approve:
        await approve_request(turn.session, request, viewer, turn.now)
        await tell_requester(turn, request, "join-request-approved", team)
        text = turn.texts("officer-approved", name=request.full_name, team=team.name)
    else:
        reject_request(request, viewer, turn.now)
        await tell_requester(turn, request, "join-request-rejected", team)
        text = turn.texts("officer-rejected", name=request.full_name, team=team.name)
    return [Say(text=text), await team_view(turn, viewer, team)]


async def new_invite(turn: Turn, viewer: Member, team: Unit, role: str) -> list[Reply]:
    """An invite for one role in a team, shown for each messenger the ward uses; the code is
    shown this once."""
    action = invite_action(role)
    if action is None or team.kind != "team" or not await may(turn.session, viewer, action, team):
        return not_found(turn)
    uses = (team.planned_size or DEFAULT_TEAM_SIZE) if role == "member" else 1
    issued = await create_invite(turn.session, team, role, uses, INVITE_DAYS, turn.now)
    until = issued.invite.expires_at.astimezone(turn.now.tzinfo)
    return invite_card(turn, team.name, role_label(turn, role), uses, until, issued.code)


async def open_invites(turn: Turn, viewer: Member, team: Unit) -> list[Reply]:
    """The team's invites that still work, each with a button to revoke it."""
    if not await may(turn.session, viewer, Action.REVOKE_INVITES, team):
        return not_found(turn)
    invites = await usable_invites_of(turn.session, team.id, turn.now)
    rows = [
        [button(_invite_label(turn, invite), actions.RevokeInvite(invite.id))] for invite in invites
    ]
    rows.append([button(turn.texts.label("button-back"), actions.TeamPage(team.id))])
    key = "officer-open-invites-title" if invites else "officer-no-open-invites"
    return [Say(text=turn.texts(key, team=team.name), buttons=rows)]


def _invite_label(turn: Turn, invite: Invite) -> str:
    until = invite.expires_at.astimezone(turn.now.tzinfo)
    return turn.texts.label(
        "officer-revoke-invite",
        role=role_label(turn, invite.role),
        uses=invite.uses_left,
        day=f"{until:%d/%m}",
    )


async def revoke(turn: Turn, viewer: Member, invite_id: int) -> list[Reply]:
    """Stop one invite from working."""
    invite = await turn.session.get(Invite, invite_id, with_for_update=True)
    team = await turn.session.get(Unit, invite.unit_id) if invite is not None else None
    if (
        invite is None
        or team is None
        or not await may(turn.session, viewer, Action.REVOKE_INVITES, team)
    ):
        return not_found(turn)
    invite.revoked_at = invite.revoked_at or turn.now
    return [Say(text=turn.texts("officer-invite-revoked")), *await open_invites(turn, viewer, team)]
