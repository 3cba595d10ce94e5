"""The officer's screens of a ward: its menu, its teams and residential groups, one team."""

from __future__ import annotations

from chat import actions
from chat.replies import Button, Say
from handlers.access import Action, may
from handlers.review_queue import queue_buttons
from handlers.turn import Turn
from storage.accounts import on_bot
from storage.invites import usable_invites_of
from storage.join_requests import pending_requests_in
from storage.members import active_members_in
from storage.models import Member, Unit
from storage.units import ancestors, descendants, teams_below, ward_of
from storage.ward_settings import auto_approves

ROLE_LABELS = {
    "member": "role-member",
    "deputy": "role-deputy",
    "leader": "role-leader",
    "officer": "role-officer",
    "leadership": "role-leadership",
    "province": "role-province",
    "admin": "role-admin",
}
# Leaders first, then deputies, then members, each in joining order.
ROLE_ORDER = {"leader": 0, "deputy": 1, "member": 2}


def role_label(turn: Turn, role: str) -> str:
    """The role as people say it (tổ trưởng, tổ phó, tổ viên…)."""
    return turn.texts.label(ROLE_LABELS.get(role, "role-member"))


def button(label: str, data: actions.Officer) -> Button:
    """A button of the officer tools."""
    return Button(label=label, action=data.encode())


async def ward_menu(turn: Turn, viewer: Member, ward: Unit) -> Say:
    """A ward at a glance: teams, members, requests waiting, and where to go from here."""
    below = await descendants(turn.session, ward)
    teams = [unit for unit in below if unit.kind == "team" and unit.closed_at is None]
    groups = [unit for unit in below if unit.kind == "residential_group"]
    members = await active_members_in(turn.session, [unit.id for unit in teams])
    waiting = await pending_requests_in(turn.session, [ward.id, *(unit.id for unit in below)])
    auto = await auto_approves(turn.session, ward.id)
    text = turn.texts(
        "officer-ward-menu",
        ward=ward.name,
        teams=len(teams),
        members=len(members),
        waiting=len(waiting),
    )
    key = "officer-auto-approve-on" if auto else "officer-auto-approve-off"
    rows = [
        [
            button(turn.texts.label("officer-teams", count=len(teams)), actions.TeamList(ward.id)),
            button(
                turn.texts.label("officer-groups", count=len(groups)), actions.GroupList(ward.id)
            ),
        ],
        [
            button(
                turn.texts.label("officer-join-requests", count=len(waiting)),
                actions.JoinRequests(ward.id),
            )
        ],
        [button(turn.texts.label(key), actions.AutoApprove(ward.id, not auto))],
    ]
    if await may(turn.session, viewer, Action.REVIEW_REPORTS, ward):
        rows.append(await queue_buttons(turn, ward))
    if await may(turn.session, viewer, Action.EXPORT_ROSTER, ward):
        rows.append(
            [button(turn.texts.label("officer-export-roster"), actions.ExportRoster(ward.id))]
        )
    if await may(turn.session, viewer, Action.DISPATCH, ward):
        dispatch = actions.StartDispatch(ward.id).encode()
        rows.insert(0, [Button(label=turn.texts.label("callout-start"), action=dispatch)])
        if await may(turn.session, viewer, Action.WARD_SETTINGS, ward):
            change = actions.CallOutSettings(ward.id).encode()
            label = turn.texts.label("callout-settings-button")
            rows.insert(1, [Button(label=label, action=change)])
    return Say(text=text, buttons=rows)


async def team_list(turn: Turn, ward: Unit) -> Say:
    """Every team of the ward with its size against the plan, and a button for a new one."""
    teams = await teams_below(turn.session, ward)
    members = await active_members_in(turn.session, [team.id for team in teams])
    counts: dict[int, int] = {}
    for member in members:
        counts[member.unit_id] = counts.get(member.unit_id, 0) + 1
    rows = [
        [
            button(
                turn.texts.label(
                    "officer-team-line",
                    team=team.name,
                    count=counts.get(team.id, 0),
                    planned=str(team.planned_size or "?"),
                ),
                actions.TeamPage(team.id),
            )
        ]
        for team in teams
    ]
    rows.append(
        [
            button(turn.texts.label("officer-new-team"), actions.NewTeam(ward.id)),
            button(turn.texts.label("button-back"), actions.WardMenu(ward.id)),
        ]
    )
    key = "officer-team-list" if teams else "officer-team-list-empty"
    return Say(text=turn.texts(key, ward=ward.name), buttons=rows)


async def group_list(turn: Turn, ward: Unit) -> Say:
    """The ward's residential groups (thôn, tổ dân phố), and a button for a new one."""
    groups = [
        unit for unit in await descendants(turn.session, ward) if unit.kind == "residential_group"
    ]
    rows = [[button(group.name, actions.GroupPage(group.id))] for group in groups]
    rows.append(
        [
            button(turn.texts.label("officer-new-group"), actions.NewGroup(ward.id)),
            button(turn.texts.label("button-back"), actions.WardMenu(ward.id)),
        ]
    )
    key = "officer-group-list" if groups else "officer-group-list-empty"
    return Say(text=turn.texts(key, ward=ward.name), buttons=rows)


async def group_view(turn: Turn, group: Unit) -> Say:
    """A residential group: its teams, a new team in it, its name."""
    teams = await teams_below(turn.session, group)
    names = ", ".join(team.name for team in teams) or "—"
    rows = [[button(team.name, actions.TeamPage(team.id))] for team in teams]
    rows.append(
        [
            button(turn.texts.label("officer-new-team-here"), actions.NewTeam(group.id)),
            button(turn.texts.label("officer-rename"), actions.RenameUnit(group.id)),
        ]
    )
    ward = await ward_of(turn.session, group)
    if ward is not None:
        rows.append([button(turn.texts.label("button-back"), actions.GroupList(ward.id))])
    return Say(text=turn.texts("officer-group-view", group=group.name, teams=names), buttons=rows)


async def team_view(turn: Turn, viewer: Member, team: Unit) -> Say:
    """One team: who is in it, its plan and group, and what the viewer may do about it."""
    session = turn.session
    members = sorted(
        await active_members_in(session, [team.id]),
        key=lambda m: (ROLE_ORDER.get(m.role, 3), m.id),
    )
    parents = await ancestors(session, team)
    place = " · ".join(unit.name for unit in parents if unit.kind != "province")
    lines = [
        turn.texts(
            "officer-team-view",
            team=team.name,
            place=place,
            count=len(members),
            planned=str(team.planned_size or "?"),
        ),
        turn.texts(
            "officer-team-group-linked" if team.group_chat_id else "officer-team-group-unlinked"
        ),
    ]
    for number, member in enumerate(members, start=1):
        key = "officer-member-line" if on_bot(member) else "officer-member-line-offline"
        lines.append(
            turn.texts(
                key, number=number, name=member.full_name, role=role_label(turn, member.role)
            )
        )
    if not members:
        lines.append(turn.texts("officer-team-no-members"))

    async def allowed(action: Action) -> bool:
        return await may(session, viewer, action, team)

    rows: list[list[Button]] = []
    if await allowed(Action.MANAGE_MEMBERS):
        rows += [
            [
                button(
                    f"{member.full_name} · {role_label(turn, member.role)}",
                    actions.MemberPage(member.id),
                )
            ]
            for member in members
        ]
    invites = []
    if await allowed(Action.INVITE_MEMBERS):
        invites.append(
            button(turn.texts.label("officer-invite-member"), actions.NewInvite(team.id, "member"))
        )
    if await allowed(Action.INVITE_LEADERS):
        invites.append(
            button(turn.texts.label("officer-invite-leader"), actions.NewInvite(team.id, "leader"))
        )
        invites.append(
            button(turn.texts.label("officer-invite-deputy"), actions.NewInvite(team.id, "deputy"))
        )
    if invites:
        rows.append(invites)
    if await allowed(Action.REVOKE_INVITES):
        open_invites = await usable_invites_of(session, team.id, turn.now)
        if open_invites:
            label = turn.texts.label("officer-open-invites", count=len(open_invites))
            rows.append([button(label, actions.OpenInvites(team.id))])
    if await allowed(Action.DECIDE_JOINS):
        waiting = await pending_requests_in(session, [team.id])
        if waiting:
            label = turn.texts.label("officer-join-requests", count=len(waiting))
            rows.append([button(label, actions.JoinRequests(team.id))])
    if await allowed(Action.MANAGE_UNITS):
        rows.append(
            [
                button(turn.texts.label("officer-rename"), actions.RenameUnit(team.id)),
                button(turn.texts.label("officer-planned-size"), actions.PlannedSize(team.id)),
            ]
        )
    if team.group_chat_id and await allowed(Action.LINK_GROUP):
        rows.append(
            [button(turn.texts.label("officer-unlink-group"), actions.UnlinkGroup(team.id))]
        )
    ward = await ward_of(session, team)
    if ward is not None and await may(session, viewer, Action.MANAGE_UNITS, ward):
        rows.append([button(turn.texts.label("officer-back-to-teams"), actions.TeamList(ward.id))])
    return Say(text="\n".join(lines), buttons=rows)
