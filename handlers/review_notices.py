"""Notices of the review: a new tip or model for the police of its ward (the card, with its
buttons), and the decision for the member who sent it. Outbox notices like every notice to
someone else (`handlers/notices.py`): by day at once, at night the next morning."""

from __future__ import annotations

import unicodedata

from sqlalchemy import select

from chat.replies import Say
from handlers.access import Action, may
from handlers.forms.spec import FormSpec
from handlers.review_card import NO, TIP, YES, Reviewed, card, level_label, state_of
from handlers.turn import Turn
from reports.payload import text
from storage.accounts import address_of, has_account, notice_to
from storage.members import member_by_id
from storage.models import Member, Report, Unit
from storage.outbox import enqueue_notices
from storage.units import ward_of

# The kind of unit at the head of a ward's name, written in lower case after "Công an".
UNIT_WORDS = ("Phường ", "Xã ", "Thị trấn ", "Đặc khu ")


def police_name(ward: str) -> str:
    """ "Phường Yên Hòa" as it follows "Công an": "phường Yên Hòa" (NFC or NFD alike)."""
    composed = unicodedata.normalize("NFC", ward)
    if composed.startswith(UNIT_WORDS):
        return composed[0].lower() + composed[1:]
    return ward


async def tell_reviewers(turn: Turn, report: Report, form: FormSpec) -> None:
    """Send the card of a new tip or model to the police of the report's ward."""
    team = await turn.session.get(Unit, report.team_id)
    ward = await ward_of(turn.session, team) if team is not None else None
    if team is None or ward is None:
        return
    query = select(Member).where(
        Member.unit_id == ward.id,
        Member.role == "officer",
        Member.status == "active",
        has_account(),
    )
    officers = [
        officer
        for officer in (await turn.session.scalars(query)).all()
        if await may(turn.session, officer, Action.REVIEW_REPORTS, ward)
    ]
    if not officers:
        return
    lead = turn.texts("reviewing-new-tip" if report.kind == TIP else "reviewing-new-model")
    say = await card(turn, Reviewed(report, form, team, ward), lead=lead)
    notices = [
        notice_to(
            officer,
            f"notice:review:{report.id}:{officer.id}",
            say.model_dump(mode="json"),
            turn.morning_if_night(),
        )
        for officer in officers
    ]
    await enqueue_notices(turn.session, turn.incoming.channel, [n for n in notices if n])


async def tell_author(turn: Turn, item: Reviewed, reviewer: Member) -> None:
    """Tell the member who sent the report what the police decided (never the outcome note: it
    may name people or say what the police do next)."""
    report = item.report
    author = await member_by_id(turn.session, report.author_id)
    if (
        author is None
        or author.id == reviewer.id
        or author.status != "active"
        or address_of(author) is None
    ):
        return
    state = state_of(report)
    zone = turn.now.tzinfo
    common = {
        "number": str(report.id),
        "ward": police_name(item.ward.name),
        "day": f"{report.created_at.astimezone(zone):%d/%m/%Y}",
    }
    if report.kind == TIP:
        key = "reviewing-told-valuable" if state == YES else "reviewing-told-not-valuable"
        said = turn.texts(key, **common)
    elif state == NO:
        said = turn.texts(
            "reviewing-told-not-acknowledged", name=text(report.payload, "name"), **common
        )
    else:
        said = turn.texts(
            "reviewing-told-acknowledged",
            name=text(report.payload, "name"),
            level=level_label(turn, report),
            **common,
        )
    notice = notice_to(
        author,
        f"notice:reviewed:{report.id}:{turn.incoming.update_ref}",
        Say(text=said).model_dump(mode="json"),
        turn.morning_if_night(),
    )
    await enqueue_notices(turn.session, turn.incoming.channel, [notice] if notice else [])
