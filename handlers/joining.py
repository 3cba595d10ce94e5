"""Joining a team: invite link, own phone number by the contact button, then consent."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from handlers import actions
from handlers.menu import main_menu
from handlers.replies import Button, Reply, Say
from handlers.turn import Turn
from storage.drafts import discard_draft, draft_of, move_draft, start_draft
from storage.invites import InviteProblem, find_invite, problem_with
from storage.members import join_by_invite
from storage.models import Draft, Invite, Member, Unit
from storage.units import ancestors

JOIN_FLOW = "join"
ASK_CONTACT = "contact"
ASK_CONSENT = "consent"


async def start_with_code(turn: Turn, code: str) -> list[Reply]:
    """`/start <code>`: check the invite, then ask for the phone number."""
    invite = await find_invite(turn.session, code)
    problem = problem_with(invite, turn.now)
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


async def continue_join(turn: Turn, draft: Draft) -> list[Reply]:
    """The next answer while joining: the shared contact, or the consent button."""
    if draft.step == ASK_CONTACT:
        return _take_contact(turn, draft)
    pressed = actions.decode(turn.incoming.button or "")
    if pressed is None or pressed.scope != actions.JOIN:
        return [_consent_question(turn, draft)]
    if pressed.action == "yes":
        return await _consent_given(turn, draft)
    await discard_draft(turn.session, turn.incoming.channel, turn.incoming.user_ref)
    return [Say(text=turn.texts("join-declined"))]


def _take_contact(turn: Turn, draft: Draft) -> list[Reply]:
    contact = turn.incoming.contact
    if contact is None or contact.user_ref != turn.incoming.user_ref:
        return [
            Say(
                text=turn.texts("join-need-own-contact"), ask_contact=turn.texts("join-share-phone")
            )
        ]
    move_draft(draft, ASK_CONSENT, {**draft.data, "phone": contact.phone_number})
    return [
        Say(
            text=turn.texts("join-phone-received", phone=contact.phone_number), remove_keyboard=True
        ),
        _consent_question(turn, draft),
    ]


def _consent_question(turn: Turn, draft: Draft) -> Say:
    def button(key: str, action: str) -> Button:
        return Button(
            label=turn.texts(key), action=actions.versioned(actions.JOIN, draft.version, action)
        )

    return Say(
        text=turn.texts("join-consent"),
        buttons=[[button("button-consent-yes", "yes"), button("button-consent-no", "no")]],
    )


async def _consent_given(turn: Turn, draft: Draft) -> list[Reply]:
    invite = await turn.session.get(Invite, draft.data["invite_id"], with_for_update=True)
    problem = problem_with(invite, turn.now)
    await discard_draft(turn.session, turn.incoming.channel, turn.incoming.user_ref)
    if problem is not None or invite is None:
        return [Say(text=_invite_problem_text(turn, problem, invite))]
    member = await join_by_invite(
        turn.session,
        invite,
        turn.telegram_user_id,
        turn.incoming.user_name,
        str(draft.data["phone"]),
        turn.now,
    )
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
