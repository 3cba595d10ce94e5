"""The sections of a report that come from the data, and the officer's own parts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from docx.document import Document as DocumentObject

from reports import labels
from reports.campaigns import Campaign
from reports.commendation import Candidate, Commendation
from reports.coverage import pending, police_covers, police_partial, so_far
from reports.describe import official
from reports.docx_parts import data_table
from reports.indicators import IndicatorResult
from reports.periods import Period
from reports.rating import Rating, Ratings
from reports.rating_text import cap_rule_text, level_text
from reports.records import CalledPerson
from reports.tally import Tally
from reports.targets import target_with_basis
from reports.turnout_text import turnout_text

# Figures always shown in the totals table; the others only when not zero.
CORE_TOTALS = {
    "teams",
    "members",
    "tips",
    "valuable_tips",
    "patrols",
    "violations",
    "fire_call_outs",
    "rescue_call_outs",
}


@dataclass(frozen=True)
class OfficerNotes:
    """What only the officer can write (sections II and III); empty parts stay placeholders."""

    strengths: str = ""
    weaknesses: str = ""
    next_steps: str = ""


def result_text(result: IndicatorResult) -> str:
    """39/42 tổ, Có, 2 mô hình, or Chưa có số liệu; a police figure says its months."""
    if result.status == "no_data":
        words = (
            police_partial(result)
            or pending(result)
            or labels.NO_DATA_FOR.get(result.counted, labels.STATUS_WORDS["no_data"])
        )
        return words[:1].upper() + words[1:]
    covers = police_covers(result)
    return _figures_text(result) + (f" ({covers})" if covers else "")


def write_so_far(
    document: DocumentObject, period: Period, as_of: date | None, months: Sequence[Period]
) -> None:
    """ "Số liệu tính đến ngày …" under the heading, when the period runs past that day."""
    if note := so_far(period, as_of, months):
        paragraph(document, note)


def _figures_text(result: IndicatorResult) -> str:
    """The figures of a result that has data."""
    if result.spec.measure == "yes_no":
        spec = result.spec
        return labels.yes_no_result(
            bool(result.answer), spec.when_met, spec.when_not_met, result.judged
        )
    unit = labels.COUNTED[result.counted]
    if result.spec.measure == "count":
        return f"{labels.count(result.numerator or 0)} {unit}".strip()
    figures = f"{labels.count(result.numerator or 0)}/{labels.count(result.denominator or 0)}"
    return f"{figures} {unit}".strip()


def indicator_rows(indicators: Sequence[IndicatorResult], campaign: Campaign) -> list[list[str]]:
    """Rows of the indicator table: the target says who set it (the plan, cited, or the ward);
    a figure that measures less than the plan asks says what the officer adds."""
    rows = []
    for number, result in enumerate(indicators, start=1):
        spec = result.spec
        share = result.percentage
        missed = result.judged and not result.met
        shown = "" if share is None else labels.percent(share, spec.target if missed else None)
        label = spec.label
        if spec.partial:
            label += f" ({labels.COVERS.format(covers=spec.covers, by_hand=spec.by_hand)})"
        rows.append(
            [
                str(number),
                label,
                result_text(result),
                shown,
                target_with_basis(campaign, spec),
                labels.STATUS_WORDS[result.status],
            ]
        )
    return rows


def write_totals(document: DocumentObject, totals: Tally) -> None:
    """The Hà Nội police's figures, and any other work done."""
    rows = [
        [label, labels.count(getattr(totals, key))]
        for key, label in labels.TOTAL_ROWS
        if key in CORE_TOTALS or getattr(totals, key)
    ]
    data_table(document, labels.TOTALS_HEADERS, rows, (125, 40), text_columns=(0,))


def write_turnout(
    document: DocumentObject,
    called: Sequence[CalledPerson],
    parts: Sequence[str],
    sources: str = "",
) -> None:
    """The call-outs made live from the bot: how many came from the bot and how many were
    reported afterwards, who of those called came and how fast, then part by part, team or
    ward (nothing when there were none)."""
    text = turnout_text(called)
    if not text:
        return
    paragraph(document, labels.SECTION_LIVE_CALL_OUTS, "ANTT Section")
    if sources:
        paragraph(document, f"{sources}.")
    paragraph(document, f"{text}.")
    for line in parts:
        paragraph(document, f"- {line}.")


def paragraph(document: DocumentObject, text: str, style: str = "ANTT Body") -> None:
    """One paragraph of a named style."""
    document.add_paragraph(official(text), style=style)


def officer_part(document: DocumentObject, text: str, what: str, level: str) -> None:
    """The officer's own words, or a clearly marked placeholder for the police of the unit
    making the report (`level`: phường, xã, thành phố, tỉnh)."""
    if text.strip():
        for line in text.strip().split("\n"):
            paragraph(document, line)
    else:
        paragraph(
            document,
            labels.PLACEHOLDER.format(level=level, what=labels.PLACEHOLDER_WHAT[what]),
            "ANTT Placeholder",
        )


def activity_text(activity: Mapping[str, int]) -> str:
    """3 việc tốt, 6 tuần tra."""
    return labels.ACTIVITY_SEPARATOR.join(
        f"{labels.count(n)} {labels.in_sentence(labels.KIND_LABELS.get(kind, kind))}"
        for kind, n in activity.items()
    )


def write_candidate(document: DocumentObject, candidate: Candidate) -> None:
    """A candidate with the reason and the reports that justify it."""
    if candidate.kind == "collective":
        reason = labels.COLLECTIVE_REASON.format(
            met=candidate.indicators_met,
            known=candidate.indicators_known,
            activity=activity_text(candidate.activity),
        )
    else:
        reason = labels.INDIVIDUAL_REASON.format(
            team=candidate.team_name,
            count=candidate.total,
            activity=activity_text(candidate.activity),
        )
    paragraph(document, f"- {labels.number_kept(candidate.name)}: {reason}.")
    for item in candidate.evidence:
        line = labels.EVIDENCE_LINE.format(
            id=item.report_id,
            day=labels.vn_date(item.day),
            kind=labels.KIND_LABELS.get(item.kind, item.kind),
            text=item.text,
        )
        paragraph(document, f"+ {line}", "ANTT Table Text")


def commendation_rule_text(
    commendation: Commendation, area: str, police: str, period: Period
) -> str:
    """The plan's own rule ("Theo kế hoạch, mỗi đợt …") only when the plan states it;
    otherwise a plain proposal that claims no rule."""
    rule = commendation.rule
    per = labels.COMMENDATION_PER[rule.per]
    if not rule.from_plan:
        when = labels.in_sentence(labels.period_label(period))
        return labels.COMMENDATION_PROPOSAL.format(period=when, police=police)
    amounts = labels.COMMENDATION_EITHER if rule.either else labels.COMMENDATION_BOTH
    what = amounts.format(collectives=rule.collectives, individuals=rule.individuals)
    return labels.COMMENDATION_RULE.format(per=per, unit=area, what=what)


def write_commendation(
    document: DocumentObject, commendation: Commendation, area: str, police: str, period: Period
) -> None:
    """Section IV: the rule, then the shortlists (each says when it has no one)."""
    paragraph(document, commendation_rule_text(commendation, area, police, period))
    for kind, title, candidates in (
        ("collective", labels.COLLECTIVE_CANDIDATES, commendation.collectives),
        ("individual", labels.INDIVIDUAL_CANDIDATES, commendation.individuals),
    ):
        paragraph(document, title, "ANTT Section")
        if not candidates:
            paragraph(document, labels.NO_CANDIDATE[kind])
        for candidate in candidates:
            write_candidate(document, candidate)


def rating_rows(ratings: Sequence[Rating], parent: Ratings) -> list[list[str]]:
    """Rows of a rating table: a member's with the team, a team's with its name once."""
    rows = []
    for number, rating in enumerate(ratings, start=1):
        level = level_text(rating, parent.rules)
        score = "" if rating.score is None else labels.percent(rating.score)
        team = [] if rating.subject == "team" else [labels.short_team_name(rating.team_name)]
        rows.append(
            [
                str(number),
                labels.number_kept(rating.name),
                *team,
                str(rating.active_months),
                score,
                level,
            ]
        )
    return rows


# Columns of the rating tables (mm, 165 in all): the level, with its 20% note, needs the room.
TEAM_RATING_WIDTHS = (14, 60, 23, 22, 46)
MEMBER_RATING_WIDTHS = (14, 40, 20, 23, 22, 46)


def write_ratings(document: DocumentObject, ratings: Ratings) -> None:
    """Section I.5: team and member ratings."""
    paragraph(document, labels.SECTION_RATINGS, "ANTT Section")
    paragraph(document, labels.RATING_SOURCE.format(source=ratings.rules.source))
    paragraph(document, cap_rule_text(ratings.rules))
    paragraph(document, labels.RATING_TEAMS, "ANTT Section")
    data_table(
        document,
        labels.TEAM_RATING_HEADERS,
        rating_rows(ratings.teams, ratings),
        TEAM_RATING_WIDTHS,
        text_columns=(1, 4),
    )
    paragraph(document, labels.RATING_MEMBERS, "ANTT Section")
    data_table(
        document,
        labels.RATING_HEADERS,
        rating_rows(ratings.members, ratings),
        MEMBER_RATING_WIDTHS,
        text_columns=(1, 2, 5),
    )


def write_assessment(
    document: DocumentObject, notes: OfficerNotes, period: Period, level: str
) -> None:
    """Sections II and III, for the officer of the unit making the report."""
    paragraph(document, labels.SECTION_ASSESSMENT, "ANTT Section")
    paragraph(document, labels.ASSESSMENT_PARTS[0], "ANTT Section")
    officer_part(document, notes.strengths, "strengths", level)
    paragraph(document, labels.ASSESSMENT_PARTS[1], "ANTT Section")
    officer_part(document, notes.weaknesses, "weaknesses", level)
    paragraph(
        document,
        labels.SECTION_NEXT["phase" if period.kind == "phase" else "other"],
        "ANTT Section",
    )
    officer_part(document, notes.next_steps, "next_steps", level)


def write_force(document: DocumentObject, totals: Tally, area: str, staffed: int | None) -> None:
    """I.1: teams and members."""
    paragraph(document, labels.SECTION_FORCE, "ANTT Section")
    if totals.planned_members and staffed is not None:
        text = labels.FORCE_TEXT.format(
            area=area,
            teams=labels.count(totals.teams),
            members=labels.count(totals.members),
            planned=labels.count(totals.planned_members),
            staffed=labels.count(staffed),
        )
    else:
        text = labels.FORCE_TEXT_NO_PLAN.format(
            area=area, teams=labels.count(totals.teams), members=labels.count(totals.members)
        )
    paragraph(document, text)
