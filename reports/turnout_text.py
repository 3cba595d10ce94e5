"""Live call-outs in words: who of those called came, and how fast (median, 90th percentile)."""

from __future__ import annotations

from collections.abc import Sequence

from reports import labels
from reports.call_outs import Turnout, live_id
from reports.records import CalledPerson, ReportRecord, UnitRecord


def turnout_text(called: Sequence[CalledPerson]) -> str:
    """2 lần huy động qua bot: có mặt 1/3 người được gọi (từ chối 1, không trả lời 1) ·
    thời gian có mặt: trung vị 12 phút, 90% trong 12 phút; "" when there were none."""
    if not called:
        return ""
    turnout = Turnout.of(called)
    head = labels.TURNOUT.format(
        calls=labels.count(len({person.call_out_id for person in called})),
        arrived=labels.count(turnout.arrived),
        called=labels.count(turnout.called),
        declined=labels.count(turnout.declined),
        no_answer=labels.count(turnout.no_answer),
    )
    return f"{head} · {times_text(turnout)}"


def sources_text(called: Sequence[CalledPerson], call_outs: Sequence[ReportRecord]) -> str:
    """2 huy động trực tiếp trên bot, 1 báo cáo lại: the call-outs dispatched from the bot
    (closed, each counted once however many teams it called) and those that came by phone and
    were typed afterwards; "" when none came from the bot (nothing to tell apart)."""
    live = len({person.call_out_id for person in called})
    if not live:
        return ""
    typed = sum(1 for report in call_outs if live_id(report) is None)
    return labels.CALL_OUT_SOURCES.format(live=labels.count(live), typed=labels.count(typed))


def times_text(turnout: Turnout) -> str:
    """thời gian có mặt: trung vị 12 phút, 90% trong 15 phút; or that nobody came."""
    median, p90 = turnout.median, turnout.p90
    if median is None or p90 is None:
        return labels.NOBODY_ARRIVED
    return labels.RESPONSE_TIMES.format(median=labels.minutes(median), p90=labels.count(p90))


def team_turnout_texts(teams: Sequence[UnitRecord], called: Sequence[CalledPerson]) -> list[str]:
    """Per team called: Tổ 12: có mặt 1/2 · thời gian có mặt: trung vị 12 phút, …"""
    return part_turnout_texts(
        [
            (labels.short_team_name(team.name), [p for p in called if p.team_id == team.id])
            for team in teams
        ]
    )


def part_turnout_texts(parts: Sequence[tuple[str, Sequence[CalledPerson]]]) -> list[str]:
    """Per part (a team, a ward) with people called: its name, who came, how fast."""
    lines: list[str] = []
    for name, people in parts:
        if not people:
            continue
        turnout = Turnout.of(people)
        head = labels.PART_TURNOUT.format(
            part=name,
            arrived=labels.count(turnout.arrived),
            called=labels.count(turnout.called),
        )
        lines.append(f"{head} · {times_text(turnout)}")
    return lines
