"""`/quanly`: the officer's tools in the bot (a team leader gets their own team's page), and the
names and numbers typed for them.

Every button carries ids (`o:<verb>:<id>…`, `chat/actions.Officer`), so every press is checked
against the rule book again (`handlers/officer_buttons.py`); a press about something the person
may not touch gets the same answer as one about something that does not exist."""

from __future__ import annotations

from chat import actions
from chat.button_data import MAX_TEAM_SIZE
from chat.replies import Button, Reply, Say, SendFile
from handlers import reviews, team_people
from handlers.access import Action, may
from handlers.forms.answers import Problem, read_number
from handlers.forms.spec import FieldSpec
from handlers.full_names import read_full_name
from handlers.turn import Turn
from handlers.unit_views import button, group_view, team_view, ward_menu
from storage.access_log import log_access
from storage.drafts import discard_draft, start_draft
from storage.models import Draft, Member, Unit
from storage.roster import roster_of
from storage.units import add_unit, descendants, units_named, ward_of
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


async def ask(
    turn: Turn, step: str, unit: Unit, question: str, buttons: list[list[Button]] | None = None
) -> list[Reply]:
    """Ask for a typed answer about `unit` (kept in a draft, so it survives a restart)."""
    incoming = turn.incoming
    await start_draft(
        turn.session, incoming.channel, incoming.user_ref, FLOW, step, {"unit_id": unit.id}
    )
    return [Say(text=or_cancel(turn, question), buttons=buttons or [])]


def or_cancel(turn: Turn, text: str) -> str:
    """A question or a hint, and how to stop answering it."""
    stop = turn.texts("officer-or-cancel")
    return f"{text}\n{stop}"


async def export_roster(turn: Turn, viewer: Member, ward: Unit) -> list[Reply]:
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
        return [Say(text=or_cancel(turn, hint))]
    ward = await ward_of(turn.session, unit)
    same = await _same_name(turn, ward or unit, text, unit if draft.step == "rename" else None)
    if same is not None:
        return [Say(text=or_cancel(turn, turn.texts("officer-name-taken", name=same.name)))]
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


async def ask_member_name(turn: Turn, member: Member) -> list[Reply]:
    """Ask for a member's full name as reports should print it."""
    incoming = turn.incoming
    data = {"member_id": member.id}
    await start_draft(turn.session, incoming.channel, incoming.user_ref, FLOW, MEMBER_NAME, data)
    return [Say(text=or_cancel(turn, turn.texts("officer-ask-member-name", name=member.full_name)))]


async def _typed_member_name(turn: Turn, viewer: Member, draft: Draft) -> list[Reply]:
    member = await team_people.managed_member(turn, viewer, int(draft.data.get("member_id", 0)))
    if member is None:
        await discard_draft(turn.session, turn.incoming.channel, turn.incoming.user_ref)
        return team_people.not_found(turn)
    name = read_full_name(turn.incoming.text or "")
    if isinstance(name, Problem):
        question = turn.texts("officer-ask-member-name", name=member.full_name)
        return [Say(text=or_cancel(turn, f"{turn.texts(name.key, **name.args)}\n{question}"))]
    await discard_draft(turn.session, turn.incoming.channel, turn.incoming.user_ref)
    return await team_people.rename(turn, viewer, member, name)


async def _typed_size(turn: Turn, viewer: Member, team: Unit, text: str) -> list[Reply]:
    if not await may(turn.session, viewer, Action.MANAGE_UNITS, team):
        await discard_draft(turn.session, turn.incoming.channel, turn.incoming.user_ref)
        return team_people.not_found(turn)
    value = read_number(SIZE, text)
    if isinstance(value, Problem):
        return [Say(text=or_cancel(turn, turn.texts(value.key, **value.args)))]
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
