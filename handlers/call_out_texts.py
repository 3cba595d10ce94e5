"""What a live call-out looks like: the alert a member gets, and the dispatcher's status message
(called, coming, there with the minutes since dispatch, cannot come and why, no answer; per
team), with its buttons."""

from __future__ import annotations

import datetime as dt

from chat import actions
from chat.replies import Button
from chat.texts import Safe
from handlers.turn import Turn
from storage.call_out_records import minutes_between
from storage.call_outs import CLOSED, KIND_LABELS
from storage.models import CallOut, CallOutPerson, Member, Unit

REASON_LABELS = {
    "far": "callout-reason-far",
    "sick": "callout-reason-sick",
    "transport": "callout-reason-transport",
    "other": "callout-reason-other",
}
ANSWER_LABELS = {
    "coming": "callout-coming",
    "late": "callout-late",
    "declined": "callout-declined",
}


def local(turn: Turn, moment: dt.datetime) -> dt.datetime:
    """A stored (UTC) moment in the ward's time."""
    zone = turn.now.tzinfo
    return moment.astimezone(zone) if zone is not None else moment


def map_link(call_out: CallOut) -> str | None:
    """A map pin as a link (every phone opens it; one message, so one alert row)."""
    if call_out.latitude is None or call_out.longitude is None:
        return None
    return f"https://maps.google.com/?q={call_out.latitude:.6f},{call_out.longitude:.6f}"


def place_of(turn: Turn, call_out: CallOut) -> str:
    """Where: the address typed, or "the location shared"."""
    return call_out.place or turn.texts.label("callout-location")


def alert_text(turn: Turn, call_out: CallOut, by: Member, again: int = 0) -> Safe:
    """What every member called reads: what, where (a map link), who called and when."""
    lines: list[str] = [] if not again else [turn.texts("callout-alert-again", number=again)]
    lines.append(
        turn.texts(
            "callout-alert",
            kind=turn.texts.label(KIND_LABELS.get(call_out.kind, "incident-antt")),
            place=place_of(turn, call_out),
            by=by.full_name,
            time=f"{local(turn, call_out.dispatched_at):%H:%M}",
        )
    )
    if call_out.note:
        lines.append(turn.texts("callout-alert-note", note=call_out.note))
    link = map_link(call_out)
    if link is not None:
        lines.append(turn.texts("callout-alert-map", link=link))
    return Safe("\n".join(lines))


def answer_buttons(turn: Turn, call_out: CallOut) -> list[list[Button]]:
    """🏃 Tôi đến ngay · ⏱ Đến muộn · ❌ Không thể."""
    return [
        [
            Button(
                label=turn.texts.label(label),
                action=actions.AnswerCallOut(call_out.id, answer).encode(),
            )
            for answer, label in ANSWER_LABELS.items()
        ]
    ]


def reason_buttons(turn: Turn, call_out: CallOut) -> list[list[Button]]:
    """The short list of reasons, one tap each."""
    return [
        [
            Button(
                label=turn.texts.label(label),
                action=actions.DeclineReason(call_out.id, reason).encode(),
            )
        ]
        for reason, label in REASON_LABELS.items()
    ]


def arrived_button(turn: Turn, call_out: CallOut) -> list[list[Button]]:
    """📍 Đã có mặt."""
    return [
        [
            Button(
                label=turn.texts.label("callout-arrived"),
                action=actions.ArrivedAtCallOut(call_out.id).encode(),
            )
        ]
    ]


def status_text(
    turn: Turn,
    call_out: CallOut,
    people: list[CallOutPerson],
    names: dict[int, str],
    teams: dict[int, Unit],
) -> Safe:
    """The dispatcher's one message: per team, who is there (minutes), coming, late, cannot
    come (why) and silent; and how it ended, once closed."""
    lines: list[str] = [
        turn.texts(
            "callout-status-head",
            time=f"{local(turn, call_out.dispatched_at):%H:%M}",
            kind=turn.texts.label(KIND_LABELS.get(call_out.kind, "incident-antt")),
            place=place_of(turn, call_out),
        )
    ]
    for team_id in dict.fromkeys(person.team_id for person in people):
        members = [person for person in people if person.team_id == team_id]
        team = teams.get(team_id)
        lines.append("")
        lines.append(
            turn.texts("callout-status-team", team=team.name if team else "?", called=len(members))
        )
        arrived = [
            f"{names[p.member_id]} ({minutes_between(call_out.dispatched_at, p.arrived_at)}′"
            f"{', 📍' if p.latitude is not None else ''})"
            for p in members
            if p.arrived_at is not None
        ]
        coming = [names[p.member_id] for p in members if p.answer == "coming" and not p.arrived_at]
        late = [names[p.member_id] for p in members if p.answer == "late" and not p.arrived_at]
        declined = [
            f"{names[p.member_id]} ({turn.texts.label(REASON_LABELS[p.reason])})"
            if p.reason in REASON_LABELS
            else names[p.member_id]
            for p in members
            if p.answer == "declined"
        ]
        silent = [names[p.member_id] for p in members if p.answer == "none"]
        for key, found in (
            ("callout-status-arrived", arrived),
            ("callout-status-coming", coming),
            ("callout-status-late", late),
            ("callout-status-declined", declined),
            ("callout-status-silent", silent),
        ):
            if found:
                lines.append(turn.texts(key, people=", ".join(found)))
    if call_out.status == CLOSED and call_out.closed_at is not None:
        lines.append("")
        lines.append(
            turn.texts(
                "callout-status-closed",
                time=f"{local(turn, call_out.closed_at):%H:%M}",
                outcome=call_out.outcome or "",
            )
        )
        photos = len(call_out.outcome_photos or [])
        if call_out.people_helped or photos:
            helped = call_out.people_helped or 0
            lines.append(turn.texts("callout-status-closed-details", helped=helped, photos=photos))
    return Safe("\n".join(lines))


def status_buttons(turn: Turn, call_out: CallOut) -> list[list[Button]]:
    """🔔 alert the silent again · ➕ add a team · ✅ close; none once closed."""
    if call_out.status == CLOSED:
        return []
    return [
        [
            Button(
                label=turn.texts.label("callout-alert-silent"),
                action=actions.AlertAgain(call_out.id).encode(),
            )
        ],
        [
            Button(
                label=turn.texts.label("callout-add-team"),
                action=actions.AddTeamList(call_out.id).encode(),
            )
        ],
        [
            Button(
                label=turn.texts.label("callout-close"),
                action=actions.CloseCallOut(call_out.id).encode(),
            )
        ],
    ]
