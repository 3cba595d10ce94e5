"""Joining a team: invite link (or the invite code sent as a message), own phone number by the
contact button (or typed, where the messenger has none), the full name as reports print it
(offered from the messenger's name in Vietnamese order, or typed), then consent. Someone the
ward police put on the roster keeps the roster's name and is not asked; when their number was
only typed, from an account new to them, a one-time code sent where only they can get it
(their other account, or the team leader and ward police who know them) proves it first."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession

from chat import button_data, steps
from chat.buttons import Scope
from chat.replies import Button, Reply, Say
from chat.steps import Step
from handlers.forms.answers import Problem
from handlers.full_names import offered_names, read_full_name
from handlers.menu import main_menu
from handlers.notices import tell_approvers, tell_roster_code
from handlers.turn import Turn
from storage.account_codes import DIGITS, LIFETIME, ROSTER, CodeCheck, check_roster_code, issue_code
from storage.accounts import account_on
from storage.drafts import discard_draft, draft_of, move_draft, start_draft
from storage.invites import (
    InviteProblem,
    find_invite,
    problem_with,
    record_wrong_code,
    wrong_codes_since,
)
from storage.join_requests import pending_request_of, request_to_join
from storage.members import (
    claim_registration,
    join_by_invite,
    member_by_id,
    normalise_phone,
    registered_member_by_phone,
)
from storage.models import Draft, Invite, Member, Unit
from storage.units import ancestors, ward_of
from storage.ward_settings import auto_approves

JOIN_FLOW = "join"
ASK_CONTACT = "contact"
ASK_NAME = "name"
ASK_CONSENT = "consent"
ASK_CODE = "code"  # the one-time code of a roster registration claimed by a typed number
# Wrong codes allowed in a window before the person is asked to wait (guessing is slowed down).
WRONG_CODES_ALLOWED = 5
WRONG_CODE_WINDOW = dt.timedelta(minutes=15)


async def slowed_down(turn: Turn) -> list[Reply] | None:
    """Too many wrong codes (invite or link) lately: how long to wait; None when not."""
    incoming = turn.incoming
    since = turn.now - WRONG_CODE_WINDOW
    wrong = await wrong_codes_since(turn.session, incoming.channel, incoming.user_ref, since)
    if len(wrong) < WRONG_CODES_ALLOWED:
        return None
    free_at = wrong[-WRONG_CODES_ALLOWED] + WRONG_CODE_WINDOW
    minutes = max(1, -(-int((free_at - turn.now).total_seconds()) // 60))
    return [Say(text=turn.texts("invite-slow-down", minutes=minutes))]


async def start_with_code(turn: Turn, code: str) -> list[Reply]:
    """`/start <code>` (or the code sent alone): check the invite, then ask for the phone
    number."""
    incoming = turn.incoming
    slow = await slowed_down(turn)
    if slow is not None:
        return slow
    invite = await find_invite(turn.session, code)
    problem = problem_with(invite, turn.now)
    if problem is InviteProblem.UNKNOWN:
        await record_wrong_code(turn.session, incoming.channel, incoming.user_ref, turn.now)
    if problem is not None or invite is None:
        return [Say(text=_invite_problem_text(turn, problem, invite))]
    await start_draft(
        turn.session,
        turn.incoming.channel,
        turn.incoming.user_ref,
        JOIN_FLOW,
        ASK_CONTACT,
        {"invite_id": invite.id},
    )
    team = await turn.session.get(Unit, invite.unit_id)
    assert team is not None
    return [await _greeting(turn.session, turn, team)]


async def start_without_code(turn: Turn) -> list[Reply]:
    """`/start` alone: someone the ward police put on the roster joins by their phone number;
    anyone else is told how to get an invite."""
    await start_draft(
        turn.session, turn.incoming.channel, turn.incoming.user_ref, JOIN_FLOW, ASK_CONTACT, {}
    )
    return [
        Say(text=turn.texts("need-invite-or-phone"), ask_contact=turn.texts("join-share-phone"))
    ]


async def waiting_for_approval(turn: Turn) -> list[Reply] | None:
    """What to say to someone whose join request waits for a decision (None: no request)."""
    request = await pending_request_of(turn.session, turn.incoming.channel, turn.incoming.user_ref)
    if request is None:
        return None
    team = await turn.session.get(Unit, request.unit_id)
    return [Say(text=turn.texts("join-request-waiting", team=team.name if team else ""))]


async def continue_join(turn: Turn, draft: Draft) -> list[Reply]:
    """The next answer while joining: the shared contact, the one-time code, the name, or the
    consent button."""
    if draft.step == ASK_CODE:
        return await _take_roster_code(turn, draft)
    if draft.step == ASK_CONTACT and "invite_id" not in draft.data:
        return await _match_roster(turn, draft)
    if draft.step == ASK_CONTACT:
        return await _take_contact(turn, draft)
    if draft.step == ASK_NAME:
        return _take_name(turn, draft)
    pressed = steps.decode(turn.incoming.button or "")
    if pressed is None or pressed.scope != Scope.JOIN:
        return [_consent_question(turn, draft)]
    if pressed.action == "yes":
        return await _consent_given(turn, draft)
    await discard_draft(turn.session, turn.incoming.channel, turn.incoming.user_ref)
    return [Say(text=turn.texts("join-declined"))]


async def _take_contact(turn: Turn, draft: Draft) -> list[Reply]:
    incoming = turn.incoming
    contact = incoming.contact
    if contact is None or contact.user_ref != incoming.user_ref:
        return [
            Say(
                text=turn.texts("join-need-own-contact"), ask_contact=turn.texts("join-share-phone")
            )
        ]
    registered = await registered_member_by_phone(
        turn.session, contact.phone_number, incoming.channel
    )
    invite = await turn.session.get(Invite, draft.data["invite_id"])
    if registered is not None and invite is not None and registered.unit_id == invite.unit_id:
        # the roster's name, no second member
        return await _on_roster(turn, draft, registered, contact.typed)
    offers = offered_names(incoming.user_first_name, incoming.user_last_name)
    data = {**draft.data, "phone": contact.phone_number, "offers": offers}
    move_draft(draft, ASK_NAME, {**data, "phone_typed": True} if contact.typed else data)
    return [
        Say(
            text=turn.texts("join-phone-received", phone=contact.phone_number), remove_keyboard=True
        ),
        _name_question(turn, draft),
    ]


def _take_name(turn: Turn, draft: Draft) -> list[Reply]:
    """A name button pressed, or a full name typed."""
    offers = [str(offer) for offer in draft.data.get("offers", [])]
    pressed = steps.decode(turn.incoming.button or "")
    name: str | Problem | None = None
    if pressed is not None and pressed.scope == Scope.JOIN:
        number = pressed.action.removeprefix(steps.NAME_OFFER)
        chosen = button_data.number(number, 0, len(offers) - 1)
        if pressed.action.startswith(steps.NAME_OFFER) and chosen is not None:
            name = offers[chosen]
    elif turn.incoming.button is None and (turn.incoming.text or "").strip():
        name = read_full_name(turn.incoming.text or "")
    if not isinstance(name, str):
        return [_name_question(turn, draft, name)]
    move_draft(draft, ASK_CONSENT, {**draft.data, "full_name": name})
    return [_consent_question(turn, draft)]


def _name_question(turn: Turn, draft: Draft, problem: Problem | None = None) -> Say:
    """Which full name reports should print: Telegram's name offered, or typed."""
    offers = [str(offer) for offer in draft.data.get("offers", [])]
    rows = [
        [
            Button(
                label=offer,
                action=Step(Scope.JOIN, draft.version, steps.name_offer(i)).encode(),
            )
        ]
        for i, offer in enumerate(offers)
    ]
    question = turn.texts("join-ask-name" if offers else "join-type-name")
    if problem is None:
        return Say(text=question, buttons=rows)
    return Say(text=f"{turn.texts(problem.key, **problem.args)}\n{question}", buttons=rows)


async def _match_roster(turn: Turn, draft: Draft) -> list[Reply]:
    """The shared number of someone without an invite: are they on the ward's roster?"""
    contact = turn.incoming.contact
    if contact is None or contact.user_ref != turn.incoming.user_ref:
        return [
            Say(text=turn.texts("need-invite-or-phone"), ask_contact=turn.texts("join-share-phone"))
        ]
    registered = await registered_member_by_phone(
        turn.session, contact.phone_number, turn.incoming.channel
    )
    if registered is None:
        await discard_draft(turn.session, turn.incoming.channel, turn.incoming.user_ref)
        return [Say(text=turn.texts("join-phone-not-on-roster"), remove_keyboard=True)]
    return await _on_roster(turn, draft, registered, contact.typed)


async def _on_roster(turn: Turn, draft: Draft, registered: Member, typed: bool) -> list[Reply]:
    """A number on the roster: shared by the contact button it is theirs; typed, a one-time
    code must come back first."""
    if not typed:
        return _found_on_roster(turn, draft, registered)
    slow = await slowed_down(turn)  # wrong codes lately: no new code to pester people with
    if slow is not None:
        return slow
    incoming = turn.incoming
    issued = await issue_code(
        turn.session,
        ROSTER,
        registered,
        turn.now,
        channel=incoming.channel,
        user_ref=incoming.user_ref,
    )
    told = await tell_roster_code(turn, registered, issued.code)
    if told is None:
        await discard_draft(turn.session, incoming.channel, incoming.user_ref)
        return [Say(text=turn.texts("join-code-nobody"))]
    move_draft(
        draft, ASK_CODE, {**draft.data, "member_id": registered.id, "code_id": issued.row.id}
    )
    key = "join-code-sent-own" if told == "own" else "join-code-sent-leaders"
    minutes = int(LIFETIME.total_seconds() // 60)
    return [Say(text=turn.texts(key, name=registered.full_name, minutes=minutes))]


async def _take_roster_code(turn: Turn, draft: Draft) -> list[Reply]:
    """The one-time code typed: right claims the registration (after consent), wrong counts."""
    incoming = turn.incoming
    check = await check_roster_code(
        turn.session,
        int(draft.data["code_id"]),
        incoming.channel,
        incoming.user_ref,
        incoming.text or "",
        turn.now,
    )
    if check is CodeCheck.RIGHT:
        registered = await member_by_id(turn.session, int(draft.data["member_id"]))
        if registered is not None:
            return _found_on_roster(turn, draft, registered)
    if check in (CodeCheck.WRONG, CodeCheck.LOCKED):
        await record_wrong_code(turn.session, incoming.channel, incoming.user_ref, turn.now)
    if check is CodeCheck.WRONG:
        return [Say(text=turn.texts("join-code-wrong", digits=DIGITS[ROSTER]))]
    await discard_draft(turn.session, incoming.channel, incoming.user_ref)
    key = "join-code-locked" if check is CodeCheck.LOCKED else "join-code-expired"
    return [Say(text=turn.texts(key))]


def _found_on_roster(turn: Turn, draft: Draft, registered: Member) -> list[Reply]:
    """Someone on the ward's roster: their consent claims that membership, with its name."""
    move_draft(draft, ASK_CONSENT, {"member_id": registered.id})
    return [
        Say(
            text=turn.texts("join-found-on-roster", name=registered.full_name),
            remove_keyboard=True,
        ),
        _consent_question(turn, draft),
    ]


def _consent_question(turn: Turn, draft: Draft) -> Say:
    def button(key: str, action: str) -> Button:
        return Button(
            label=turn.texts(key), action=Step(Scope.JOIN, draft.version, action).encode()
        )

    name = draft.data.get("full_name")
    return Say(
        text=turn.texts("join-consent-named", name=str(name))
        if name
        else turn.texts("join-consent"),
        buttons=[[button("button-consent-yes", "yes"), button("button-consent-no", "no")]],
    )


async def _consent_given(turn: Turn, draft: Draft) -> list[Reply]:
    await discard_draft(turn.session, turn.incoming.channel, turn.incoming.user_ref)
    if "member_id" in draft.data:
        return await _registered_consents(turn, int(draft.data["member_id"]))
    invite = await turn.session.get(Invite, draft.data["invite_id"], with_for_update=True)
    problem = problem_with(invite, turn.now)
    if problem is not None or invite is None:
        return [Say(text=_invite_problem_text(turn, problem, invite))]
    # A draft begun before the name step existed has none: Telegram's name, as before.
    full_name = str(draft.data.get("full_name") or turn.incoming.user_name)
    team = await turn.session.get(Unit, invite.unit_id)
    ward = await ward_of(turn.session, team) if team is not None else None
    if team is not None and not await auto_approves(turn.session, ward.id if ward else None):
        request = await request_to_join(
            turn.session,
            invite,
            turn.account,
            full_name,
            normalise_phone(str(draft.data["phone"])) or str(draft.data["phone"]),
            turn.now,
            phone_typed=bool(draft.data.get("phone_typed")),
        )
        await tell_approvers(turn, request, team)
        return [Say(text=turn.texts("join-request-sent", team=team.name))]
    member = await join_by_invite(
        turn.session,
        invite,
        turn.account,
        full_name,
        normalise_phone(str(draft.data["phone"])) or str(draft.data["phone"]),
        turn.now,
        phone_typed=bool(draft.data.get("phone_typed")),
    )
    return [main_menu(turn.texts, turn.forms, turn.texts("join-done", team=member.unit.name))]


async def _registered_consents(turn: Turn, member_id: int) -> list[Reply]:
    registered = await member_by_id(turn.session, member_id)
    if (
        registered is None
        or registered.status != "active"
        or account_on(registered, turn.incoming.channel) is not None
    ):
        return [Say(text=turn.texts("need-invite"))]
    member = await claim_registration(turn.session, registered, turn.account, turn.now)
    return [main_menu(turn.texts, turn.forms, turn.texts("join-done", team=member.unit.name))]


async def _greeting(session: AsyncSession, turn: Turn, team: Unit) -> Say:
    parents = await ancestors(session, team)
    if parents:
        text = turn.texts("join-greeting", team=team.name, parent=parents[0].name)
    else:
        text = turn.texts("join-greeting-root", team=team.name)
    return Say(text=text, ask_contact=turn.texts("join-share-phone"))


def _invite_problem_text(turn: Turn, problem: InviteProblem | None, invite: Invite | None) -> str:
    if problem is InviteProblem.EXPIRED and invite is not None:
        local = invite.expires_at.astimezone(turn.now.tzinfo)
        return turn.texts("invite-expired", day=local.strftime("%d/%m/%Y"))
    key = {
        InviteProblem.REVOKED: "invite-revoked",
        InviteProblem.USED_UP: "invite-used-up",
    }.get(problem or InviteProblem.UNKNOWN, "invite-unknown")
    return turn.texts(key)


def already_member(turn: Turn, member: Member) -> list[Reply]:
    """`/start <code>` from someone who has joined already: no second membership."""
    return [main_menu(turn.texts, turn.forms, turn.texts("already-member", team=member.unit.name))]


async def join_draft(turn: Turn) -> Draft | None:
    """The person's joining draft, if they are in the middle of joining."""
    draft = await draft_of(turn.session, turn.incoming.channel, turn.incoming.user_ref)
    return draft if draft is not None and draft.flow == JOIN_FLOW else None
