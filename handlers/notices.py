"""Notices to people other than the one talking (a join request for the team's leader, the
decision for the person who asked, a one-time code): outbox notices under unique keys, each to
the person's chosen messenger (`storage.accounts.notice_to`), delivered by the paced sender
(bot/sender.py) as soon as the update commits, or the next morning when it is night."""

from __future__ import annotations

from typing import Literal

from sqlalchemy import select

from chat.replies import Say
from handlers.turn import Turn
from storage.accounts import accounts_of, has_account, notice_to
from storage.models import JoinRequest, Member, Unit
from storage.outbox import ALERT, Notice, enqueue_notices
from storage.units import ancestors


async def _approvers(turn: Turn, team: Unit) -> list[Member]:
    """The team's leader and deputy, and the police of the units above, on the bot."""
    above = [unit.id for unit in await ancestors(turn.session, team)]
    query = select(Member).where(
        Member.status == "active",
        has_account(),
        (
            (Member.unit_id == team.id) & Member.role.in_(("leader", "deputy"))
            | (Member.unit_id.in_(above) & (Member.role == "officer"))
        ),
    )
    return list((await turn.session.scalars(query.order_by(Member.id))).all())


async def tell_approvers(turn: Turn, request: JoinRequest, team: Unit) -> None:
    """Tell the team's leader and deputy, and the police above, that someone asks to join."""
    text = turn.texts("join-request-notice", name=request.full_name, team=team.name)
    notices = [
        notice_to(
            approver,
            f"notice:join-request:{request.id}:{approver.id}",
            Say(text=text).model_dump(mode="json"),
            turn.morning_if_night(),
        )
        for approver in await _approvers(turn, team)
    ]
    await enqueue_notices(turn.session, turn.incoming.channel, [n for n in notices if n])


async def tell_requester(turn: Turn, request: JoinRequest, key: str, team: Unit) -> None:
    """Tell the person who asked to join what was decided (on the account they asked from)."""
    accounts = accounts_of(request)
    if not accounts:
        return
    say = Say(text=turn.texts(key, team=team.name))
    notice = Notice(
        f"notice:join-decision:{request.id}",
        accounts[0].chat_ref,
        say.model_dump(mode="json"),
        not_before=turn.morning_if_night(),
        channel=accounts[0].channel,
    )
    await enqueue_notices(turn.session, turn.incoming.channel, [notice])


async def tell_roster_code(
    turn: Turn, member: Member, code: str
) -> Literal["own", "leaders"] | None:
    """Send a roster registration's one-time code where only its person can get it: their own
    account on another messenger ("own"), else the team's leader and deputy and the ward police
    who know them, to read it to them ("leaders"); None when nobody can be written to. Sent at
    once, night or day (the person is waiting for it), before reminders."""
    key = f"notice:roster-code:{turn.incoming.channel}:{turn.incoming.update_ref}"
    own = notice_to(
        member,
        f"{key}:{member.id}",
        Say(text=turn.texts("roster-code-own", code=code)).model_dump(mode="json"),
        priority=ALERT,
    )
    if own is not None:
        await enqueue_notices(turn.session, turn.incoming.channel, [own])
        return "own"
    team = await turn.session.get(Unit, member.unit_id)
    if team is None:
        return None
    text = turn.texts(
        "roster-code-leaders",
        code=code,
        name=member.full_name,
        team=team.name,
        phone=member.phone or "",
    )
    notices = [
        notice_to(
            leader,
            f"{key}:{leader.id}",
            Say(text=text).model_dump(mode="json"),
            priority=ALERT,
        )
        for leader in await _approvers(turn, team)
        if leader.id != member.id
    ]
    queued = [n for n in notices if n is not None]
    if not queued:
        return None
    await enqueue_notices(turn.session, turn.incoming.channel, queued)
    return "leaders"
