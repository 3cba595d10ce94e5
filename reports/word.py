"""The Word report (Decree 30/2020 layout): letterhead, "BÁO CÁO", sections I–IV, signature."""

from __future__ import annotations

from datetime import date, datetime, time
from fractions import Fraction
from io import BytesIO
from pathlib import Path

from docx.document import Document as DocumentObject

from reports import labels
from reports.campaigns import Campaign
from reports.docx_parts import data_table, open_template, page_numbers
from reports.letterhead import (
    Letterhead,
    place_and_date,
    province_letterhead,
    ward_letterhead,
    write_closing,
    write_letterhead,
)
from reports.make_template import TEMPLATE_PATH
from reports.periods import Period
from reports.stable_zip import restamp
from reports.summary import ProvinceIndicator, ProvinceSummary, WardSummary
from reports.targets import target_with_basis
from reports.turnout_text import part_turnout_texts, sources_text, team_turnout_texts
from reports.word_sections import (
    OfficerNotes,
    indicator_rows,
    paragraph,
    write_assessment,
    write_commendation,
    write_force,
    write_ratings,
    write_so_far,
    write_totals,
    write_turnout,
)

# STT, target, result (a yes/no result is a short sentence), share, target set, verdict.
INDICATOR_WIDTHS_MM = (14, 55, 34, 18, 22, 22)
# The same across wards: pooled figures, and how many wards reached the target.
PROVINCE_INDICATOR_WIDTHS_MM = (14, 57, 30, 16, 20, 28)

__all__ = ["Letterhead", "OfficerNotes", "place_and_date", "province_report", "ward_report"]


def subject_line(period: Period, movement: str) -> str:
    """The report's subject (trích yếu): "Sơ kết đợt 1 phong trào thi đua …"."""
    when = labels.period_label(period)
    if period.kind == "phase":
        name = period.name or labels.PHASE_FALLBACK
        when = name[:1].lower() + name[1:]
    return labels.SUBJECT[period.kind].format(movement=movement, period=when)


def _save(document: DocumentObject, issued_on: date | None, period: Period, title: str) -> bytes:
    """The document as bytes, dated by the report date (or the period's end) and nothing else."""
    when = issued_on or period.end
    properties = document.core_properties
    properties.author = properties.last_modified_by = "antt-bot"
    properties.title = title
    properties.created = properties.modified = datetime.combine(when, time())
    properties.revision = 1
    buffer = BytesIO()
    document.save(buffer)
    return restamp(buffer.getvalue(), when)


def _opening(
    document: DocumentObject,
    head: Letterhead,
    issued_on: date | None,
    period: Period,
    subject: str,
    plan: str,
    body: str,
) -> None:
    """Page numbers, letterhead, "BÁO CÁO", subject and the opening sentence."""
    page_numbers(document)
    write_letterhead(document, head, issued_on, period)
    paragraph(document, "", "ANTT Body")
    paragraph(document, labels.DOCUMENT_KIND, "ANTT Document Kind")
    paragraph(document, subject, "ANTT Subject")
    paragraph(
        document,
        labels.INTRO.format(
            plan=plan, body=body, period=labels.in_sentence(labels.period_label(period))
        ),
    )


def _staffed(summary: WardSummary) -> int:
    """Teams whose members on the period's last day reach their planned size."""
    active = summary.scope.active_members()
    return sum(
        1
        for team in summary.scope.teams
        if team.planned_size is not None
        and sum(1 for member in active if member.unit_id == team.id) >= team.planned_size
    )


def _province_row(number: int, item: ProvinceIndicator, campaign: Campaign) -> list[str]:
    """A target across wards: pooled figures, share, target, and how many wards reached it."""
    spec = item.spec
    pooled = spec.measure == "share" and item.denominator > 0
    figures = f"{labels.count(item.numerator)}/{labels.count(item.denominator)}" if pooled else ""
    share = labels.percent(Fraction(100 * item.numerator, item.denominator)) if pooled else ""
    target = target_with_basis(campaign, spec)
    wards = labels.WARDS_MET.format(met=item.wards_met, known=item.wards_known)
    if not item.wards_known and spec.target_source == "none":
        wards = labels.STATUS_WORDS["no_target"]
    return [str(number), spec.label, figures, share, target, wards]


def ward_report(
    summary: WardSummary,
    issued_on: date | None = None,
    letterhead: Letterhead | None = None,
    notes: OfficerNotes | None = None,
    template: Path = TEMPLATE_PATH,
) -> bytes:
    """The .docx report of a ward's period; without `issued_on` the day and month are dots."""
    head = letterhead or ward_letterhead(summary)
    document = open_template(template)
    subject = subject_line(summary.period, summary.campaign.movement)
    area = labels.area_word(summary.ward.name)
    _opening(
        document,
        head,
        issued_on,
        summary.period,
        subject,
        summary.campaign.plan,
        labels.police_name(summary.ward.name),
    )
    write_so_far(document, summary.period, summary.as_of, summary.scope.judged_months)
    paragraph(document, labels.SECTION_RESULTS, "ANTT Section")
    write_force(document, summary.totals, area, _staffed(summary))
    paragraph(document, labels.SECTION_FIGURES, "ANTT Section")
    write_totals(document, summary.totals)
    paragraph(document, labels.SECTION_INDICATORS, "ANTT Section")
    data_table(
        document,
        labels.INDICATOR_HEADERS,
        indicator_rows(summary.indicators, summary.campaign),
        INDICATOR_WIDTHS_MM,
    )
    scope = summary.scope
    write_turnout(
        document,
        scope.called,
        team_turnout_texts(scope.teams, scope.called),
        sources_text(scope.called, scope.call_outs),
    )
    paragraph(document, labels.SECTION_TEAMS, "ANTT Section")
    ranks = {place.summary.team.id: place.rank for place in summary.ranking}
    rows = [
        [
            str(number),
            labels.short_team_name(team.team.name),
            labels.count(team.tally.members),
            labels.count(team.tally.good_deeds),
            labels.count(team.tally.patrols),
            labels.count(team.tally.call_outs),
            labels.count(team.tally.tips),
            f"{team.met}/{len(team.with_data)}",
            str(ranks[team.team.id]),
        ]
        for number, team in enumerate(summary.teams, start=1)
    ]
    data_table(document, labels.TEAM_HEADERS, rows, (14, 26, 16, 17, 17, 18, 17, 20, 20))
    if summary.ratings is not None:
        write_ratings(document, summary.ratings)
    write_assessment(document, notes or OfficerNotes(), summary.period, area)
    paragraph(document, labels.SECTION_COMMENDATION, "ANTT Section")
    write_commendation(
        document,
        summary.commendation,
        area,
        labels.police_name(summary.ward.name),
        summary.period,
    )
    write_closing(document, head)
    return _save(document, issued_on, summary.period, subject)


def province_report(
    summary: ProvinceSummary,
    issued_on: date | None = None,
    letterhead: Letterhead | None = None,
    notes: OfficerNotes | None = None,
    template: Path = TEMPLATE_PATH,
) -> bytes:
    """The .docx report of a province's period: totals, targets across wards, each ward."""
    head = letterhead or province_letterhead(summary)
    document = open_template(template)
    subject = subject_line(summary.period, summary.campaign.movement)
    area = labels.area_word(summary.province.name)
    _opening(
        document,
        head,
        issued_on,
        summary.period,
        subject,
        summary.campaign.plan,
        labels.police_name(summary.province.name),
    )
    months = summary.wards[0].scope.judged_months if summary.wards else ()
    write_so_far(document, summary.period, summary.as_of, months)
    paragraph(document, labels.SECTION_RESULTS, "ANTT Section")
    staffed = sum(_staffed(ward) for ward in summary.wards)
    write_force(document, summary.totals, area, staffed)
    paragraph(document, labels.SECTION_FIGURES, "ANTT Section")
    write_totals(document, summary.totals)
    paragraph(document, labels.SECTION_INDICATORS, "ANTT Section")
    rows = [
        _province_row(number, item, summary.campaign)
        for number, item in enumerate(summary.indicators, 1)
    ]
    data_table(document, labels.INDICATOR_HEADERS, rows, PROVINCE_INDICATOR_WIDTHS_MM)
    write_turnout(
        document,
        [person for ward in summary.wards for person in ward.scope.called],
        part_turnout_texts(
            [(labels.unbroken_place(ward.ward.name), ward.scope.called) for ward in summary.wards]
        ),
        sources_text(
            [person for ward in summary.wards for person in ward.scope.called],
            [report for ward in summary.wards for report in ward.scope.call_outs],
        ),
    )
    paragraph(document, labels.SECTION_WARDS, "ANTT Section")
    ward_rows = [
        [
            str(number),
            labels.unbroken_place(ward.ward.name),
            labels.count(ward.totals.teams),
            labels.count(ward.totals.members),
            labels.count(ward.totals.good_deeds),
            labels.count(ward.totals.patrols),
            labels.count(ward.totals.tips),
            f"{sum(1 for r in ward.indicators if r.reached)}/"
            f"{sum(1 for r in ward.indicators if r.judged)}",
        ]
        for number, ward in enumerate(summary.wards, start=1)
    ]
    data_table(document, labels.WARD_HEADERS, ward_rows, (14, 50, 15, 18, 17, 17, 17, 17))
    write_assessment(document, notes or OfficerNotes(), summary.period, area)
    write_closing(document, head)
    return _save(document, issued_on, summary.period, subject)
