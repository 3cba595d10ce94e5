"""Notices to people other than the one talking (a join request for the team's leader, the
decision for the person who asked): outbox notices under unique keys, delivered by the paced
sender (bot/sender.py) as soon as the update commits, or the next morning when it is night."""

from __future__ import annotations

from sqlalchemy import select

from chat.replies import Say
from handlers.turn import Turn
from storage.models import JoinRequest, Member, Unit
from storage.outbox import Notice, enqueue_notices
from storage.units import ancestors


async def tell_approvers(turn: Turn, request: JoinRequest, team: Unit) -> None:
    """Tell the team's leader and deputy, and the police above, that someone asks to join."""
    above = [unit.id for unit in await ancestors(turn.session, team)]
    query = select(Member).where(
        Member.status == "active",
        Member.telegram_user_id.is_not(None),
        (
            (Member.unit_id == team.id) & Member.role.in_(("leader", "deputy"))
            | (Member.unit_id.in_(above) & (Member.role == "officer"))
        ),
    )
    approvers = (await turn.session.scalars(query)).all()
    text = turn.texts("join-request-notice", name=request.full_name, team=team.name)
    notices = [
        Notice(
            f"notice:join-request:{request.id}:{approver.id}",
            str(approver.telegram_user_id),
            Say(text=text).model_dump(mode="json"),
            approver.id,
            turn.morning_if_night(),
        )
        for approver in approvers
    ]
    await enqueue_notices(turn.session, turn.incoming.channel, notices)


async def tell_requester(turn: Turn, request: JoinRequest, key: str, team: Unit) -> None:
    """Tell the person who asked to join what was decided."""
    if request.telegram_user_id is None:
        return
    say = Say(text=turn.texts(key, team=team.name))
    notice = Notice(
        f"notice:join-decision:{request.id}",
        str(request.telegram_user_id),
        say.model_dump(mode="json"),
        not_before=turn.morning_if_night(),
    )
    await enqueue_notices(turn.session, turn.incoming.channel, [notice])
