"""The workbook the police can forward: summary, per team, every report, call-outs."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import date, datetime, time
from io import BytesIO
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from reports import labels
from reports.call_outs import Turnout, in_time, incident_kind, live_id, response_minutes
from reports.campaigns import Campaign
from reports.coverage import coverage_note
from reports.describe import clean, describe, official
from reports.excel_ratings import rating_sheet
from reports.form_config import on_time_minutes
from reports.indicators import IndicatorResult
from reports.local_time import local
from reports.payload import member_list, moment, text
from reports.records import CalledPerson
from reports.scope import Scope
from reports.stable_zip import restamp
from reports.summary import ProvinceIndicator, ProvinceSummary, WardSummary
from reports.targets import source_of, target_words, verdict

Cell = str | int | float | date | datetime | None
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDDDDD")
DATE_FORMAT = "DD/MM/YYYY"
MOMENT_FORMAT = "DD/MM/YYYY HH:MM"
CELL_TEXT_LIMIT = 2000
# A4 portrait holds about this many character widths between the margins; wider sheets are
# printed landscape. Every sheet fits the page's width, its heading row on every page.
PORTRAIT_WIDTH = 95
# The summary sheet: the information and totals (A–B) above the indicator table (A–G, and a
# ward's notes in H).
SUMMARY_WIDTHS = {"A": 50, "B": 16, "C": 10, "D": 10, "E": 16, "F": 12, "G": 26, "H": 30}
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
RIGHT = Alignment(horizontal="right")
RIGHT_TOP = Alignment(horizontal="right", vertical="top")
INFO = Alignment(horizontal="left", vertical="top", wrap_text=False)
FRACTION = re.compile(r"^\d+/\d+$")
LINE_POINTS = 15  # the height of one line of the default 11 pt font
TEXT_COLUMN_WIDTH = 45  # wider text wraps, so a printed page stays readable


def _write_table(sheet: Worksheet, headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> None:
    """Headers in row 1 (bold, frozen), then rows; dates as real dates; widths to fit."""
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in rows:
        sheet.append(
            [
                clean(official(value), CELL_TEXT_LIMIT) if isinstance(value, str) else value
                for value in row
            ]
        )
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            if isinstance(cell.value, datetime):
                cell.number_format = MOMENT_FORMAT
            elif isinstance(cell.value, date):
                cell.number_format = DATE_FORMAT
            elif isinstance(cell.value, str) and FRACTION.match(cell.value):
                cell.alignment = RIGHT  # 5/6 lines up with the figures beside it
    sheet.freeze_panes = "A2"
    long_text = False
    for index, header in enumerate(headers, start=1):
        values = [row[index - 1] for row in rows if index - 1 < len(row)]
        # A heading wraps between its words; a value is read on one line unless it is long
        # text (names, what was done), which wraps in a column of readable width.
        heading = max((len(word) for word in str(header).split()), default=0)
        widest = max([heading, *(_width(value) for value in values)])
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = min(max(widest + 2, 8), TEXT_COLUMN_WIDTH)
        if widest + 2 > TEXT_COLUMN_WIDTH:
            long_text = True
            for cell in sheet[letter][1:]:
                cell.alignment = WRAP
    if long_text:
        # Rows grow with their wrapped text: every cell of a row reads from its top line.
        for row_cells in sheet.iter_rows(min_row=2):
            for cell in row_cells:
                if not cell.alignment.wrap_text:
                    cell.alignment = RIGHT_TOP if cell.alignment.horizontal else TOP
    _fit_heights(sheet, 1, sheet.max_row if long_text else 1)


def _lines(text: str, width: float) -> int:
    """About how many lines `text` wraps to in a column `width` characters wide."""
    room = max(width - 1, 1)
    return sum(max(math.ceil(len(line) / room), 1) for line in text.split("\n"))


def _fit_heights(sheet: Worksheet, first: int, last: int) -> None:
    """Rows tall enough for their wrapped text (spreadsheet programs do not all do it when
    they open a file). The rows are walked once: `sheet[row]` finds the sheet's last column
    anew over every cell, for each row."""
    for row, cells in enumerate(sheet.iter_rows(min_row=first, max_row=last), start=first):
        lines = max(
            (
                _lines(str(cell.value), sheet.column_dimensions[cell.column_letter].width or 8.43)
                for cell in cells
                if isinstance(cell.value, str) and cell.alignment.wrap_text
            ),
            default=1,
        )
        if lines > 1:
            sheet.row_dimensions[row].height = LINE_POINTS * lines


def _print_setup(sheet: Worksheet) -> None:
    """A4, fitted to the page's width (as many pages down as needed), landscape when the
    columns are wider than a portrait page, the heading row repeated on every page."""
    widths = sum(
        (sheet.column_dimensions[get_column_letter(index)].width or 8.43)
        for index in range(1, sheet.max_column + 1)
    )
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = "landscape" if widths > PORTRAIT_WIDTH else "portrait"
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = "1:1"
    sheet.print_options.horizontalCentered = True


def _width(value: Cell) -> int:
    """Characters a value needs on screen."""
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    return len(str(value)) if value is not None else 0


def _percent(result: IndicatorResult) -> float | None:
    """The share rounded to one decimal, as a number."""
    value = result.percentage
    return None if value is None else round(float(value), 1)


def _pooled(item: ProvinceIndicator) -> bool:
    """Whether the wards' figures add up to one share."""
    return item.spec.measure == "share" and item.denominator > 0


def _indicator_rows(indicators: Sequence[IndicatorResult], campaign: Campaign) -> list[list[Cell]]:
    """One row per indicator; "Căn cứ" cites the plan's own number and section."""
    rows: list[list[Cell]] = []
    for result in indicators:
        spec = result.spec
        target = target_words(spec)
        done: Cell = result.numerator
        if spec.measure == "yes_no":
            done = (
                None
                if result.answer is None
                else labels.yes_no_result(
                    result.answer, spec.when_met, spec.when_not_met, result.judged
                )
            )
        rows.append(
            [
                spec.label,
                done,
                result.denominator,
                _percent(result),
                target,
                verdict(result),
                source_of(campaign, spec),
                coverage_note(result) or None,
            ]
        )
    return rows


def _summary_sheet(sheet: Worksheet, title: str, summary: WardSummary | ProvinceSummary) -> None:
    """Who, when, the totals and the targets."""
    unit = summary.ward if isinstance(summary, WardSummary) else summary.province
    info: list[list[Cell]] = [
        [labels.SUMMARY_INFO[0], unit.name],
        [labels.SUMMARY_INFO[1], labels.period_label(summary.period)],
        [labels.SUMMARY_INFO[2], summary.period.start],
        [labels.SUMMARY_INFO[3], summary.period.end],
        [labels.SUMMARY_INFO[4], summary.campaign.plan],
        [],
        list(labels.TOTALS_HEADERS),
        *([label, getattr(summary.totals, key)] for key, label in labels.TOTAL_ROWS),
    ]
    _write_table(sheet, (title, ""), info)
    # The title reads on one line across the empty cells beside it.
    sheet["A1"].alignment = Alignment(vertical="center")
    sheet["B1"].value = None
    sheet.row_dimensions[1].height = None
    for cell in sheet[len(info) - len(labels.TOTAL_ROWS) + 1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
    for letter, width in SUMMARY_WIDTHS.items():
        sheet.column_dimensions[letter].width = width
    # Who, which period, which plan: one line each, running on over the empty cells beside them
    # (wrapped in the narrow column B they overlapped the rows below).
    for line in range(2, 2 + len(labels.SUMMARY_INFO)):
        sheet.cell(row=line, column=2).alignment = INFO
    rows: list[list[Cell]]
    headers: tuple[str, ...] = labels.SUMMARY_INDICATOR_HEADERS
    if isinstance(summary, WardSummary):
        rows = _indicator_rows(summary.indicators, summary.campaign)
        headers += (labels.SUMMARY_NOTE,)
    else:
        # Pooled figures only for a share (a yes/no has none); the verdict is how many wards.
        rows = [
            [
                item.spec.label,
                item.numerator if _pooled(item) else None,
                item.denominator if _pooled(item) else None,
                round(100 * item.numerator / item.denominator, 1) if _pooled(item) else None,
                target_words(item.spec),
                labels.WARDS_MET.format(met=item.wards_met, known=item.wards_known),
                source_of(summary.campaign, item.spec),
            ]
            for item in summary.indicators
        ]
    start = sheet.max_row + 2
    table: list[list[Cell]] = [list(headers), *rows]
    for offset, row in enumerate(table):
        for column, value in enumerate(row, start=1):
            shown = official(value) if isinstance(value, str) else value
            cell = sheet.cell(row=start + offset, column=column, value=shown)
            cell.alignment = WRAP
            if offset == 0:
                cell.font = HEADER_FONT
                cell.fill = HEADER_FILL
    _fit_heights(sheet, start, start + len(table) - 1)


def _team_rows(wards: Sequence[WardSummary], with_ward: bool) -> list[list[Cell]]:
    """One row per team, each ward's teams in natural order."""
    rows: list[list[Cell]] = []
    for ward in wards:
        ranks = {place.summary.team.id: place.rank for place in ward.ranking}
        for team in ward.teams:
            t = team.tally
            score = None if team.score is None else round(float(team.score), 1)
            row: list[Cell] = [
                team.team.name,
                team.team.planned_size,
                t.members,
                t.good_deeds,
                t.patrols,
                t.violations,
                t.call_outs,
                t.fire_call_outs,
                t.rescue_call_outs,
                t.tips,
                t.valuable_tips,
                t.propaganda,
                t.traffic,
                f"{team.met}/{len(team.with_data)}",
                score,
                ranks.get(team.team.id),
            ]
            rows.append([ward.ward.name, *row] if with_ward else row)
    return rows


def _report_rows(scopes: Sequence[tuple[str, Scope]], with_ward: bool) -> list[list[Cell]]:
    """Every report; a tip shows only that it exists and whether police found it valuable."""
    rows: list[list[Cell]] = []
    for ward_name, scope in scopes:
        teams = {team.id: team.name for team in scope.teams}
        names = {member.id: member.full_name for member in scope.members}
        for report in scope.reports:
            listed = [] if report.kind == "tip" else member_list(report.payload)
            who = ", ".join(names.get(member_id, f"#{member_id}") for member_id in listed)
            row: list[Cell] = [
                report.id,
                report.occurred_on,
                labels.KIND_LABELS.get(report.kind, report.kind),
                teams.get(report.team_id, ""),
                names.get(report.author_id, f"#{report.author_id}"),
                who,
                describe(report, limit=CELL_TEXT_LIMIT),
                report.photo_count,
                local(report.created_at),
            ]
            rows.append([ward_name, *row] if with_ward else row)
    return rows


def _as_heading(label: str) -> str:
    """Giao thông for "giao thông": a cell starts with a capital, an acronym stays as it is."""
    return label[:1].upper() + label[1:]


def _limit_for(summary: WardSummary, kind: str) -> int | None:
    """The minutes a campaign allows for a call-out of this kind, or else the call-out form's
    own rule (every kind of call-out is judged, not only those a target counts)."""
    for spec in summary.campaign.indicators:
        if spec.computation == "call_outs_in_time" and kind in spec.incident_kinds:
            return spec.max_minutes
    return on_time_minutes("call_out")


def _call_out_rows(wards: Sequence[WardSummary], with_ward: bool) -> list[list[Cell]]:
    """Every call-out with its response time in minutes; when some were made live from the
    bot, those called, arrived, declined and silent of each team and its arrivals' median and
    90th percentile too, and a row for each team called of which nobody came (no record)."""
    live = any(ward.scope.called for ward in wards)
    rows: list[list[Cell]] = []
    for ward in wards:
        teams = {team.id: team.name for team in ward.scope.teams}
        called: dict[tuple[int, int], list[CalledPerson]] = {}
        for person in ward.scope.called:
            called.setdefault((person.call_out_id, person.team_id), []).append(person)
        for report in ward.scope.call_outs:
            kind = incident_kind(report)
            limit = _limit_for(ward, kind)
            row: list[Cell] = [
                report.id,
                report.occurred_on,
                teams.get(report.team_id, ""),
                _as_heading(labels.INCIDENT_LABELS.get(kind, kind)),
                moment(report.payload, "mobilised_at"),
                moment(report.payload, "arrived_at"),
                response_minutes(report),
                labels.YES_NO[in_time(report, limit)],
                text(report.payload, "outcome"),
            ]
            if live:
                row += _turnout_cells(called.pop((live_id(report) or 0, report.team_id), []))
                row.append(labels.SOURCE_LIVE if live_id(report) else labels.SOURCE_TYPED)
            rows.append([ward.ward.name, *row] if with_ward else row)
        for people in called.values():  # teams nobody of which came: no record
            first = people[0]
            row = [
                None,
                first.day,
                teams.get(first.team_id, ""),
                _as_heading(labels.INCIDENT_LABELS.get(first.incident_kind, first.incident_kind)),
                first.dispatched_at,
                None,
                None,
                labels.YES_NO[False],
                None,
                *_turnout_cells(people),
                labels.SOURCE_LIVE,
            ]
            rows.append([ward.ward.name, *row] if with_ward else row)
    return rows


def _turnout_cells(people: Sequence[CalledPerson]) -> list[Cell]:
    """Called, arrived, declined, no answer, median and 90th percentile minutes (blank for a
    call-out typed afterwards)."""
    if not people:
        return [None] * 6
    turnout = Turnout.of(people)
    median = turnout.median
    return [
        turnout.called,
        turnout.arrived,
        turnout.declined,
        turnout.no_answer,
        None if median is None else float(median),
        turnout.p90,
    ]


def _save(workbook: Workbook, issued_on: date) -> bytes:
    """The workbook as bytes, dated `issued_on` and nothing else."""
    stamp = datetime.combine(issued_on, time())
    workbook.properties.creator = "antt-bot"
    workbook.properties.lastModifiedBy = "antt-bot"
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    buffer = BytesIO()
    with ZipFile(buffer, "w", ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).write_data()
    return restamp(buffer.getvalue(), issued_on)


def _workbook(
    summary: WardSummary | ProvinceSummary, wards: Sequence[WardSummary], issued_on: date
) -> bytes:
    """Summary, per ward (for a province), per team, every report (for a ward), call-outs."""
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    first.title = labels.SHEET_SUMMARY
    unit = summary.ward if isinstance(summary, WardSummary) else summary.province
    title = f"{labels.SHEET_SUMMARY} {labels.period_label(summary.period)} · {unit.name}"
    _summary_sheet(first, title, summary)
    many = isinstance(summary, ProvinceSummary)
    ward_column = [labels.WARD_HEADERS[1]] if many else []
    if many:
        _write_table(
            workbook.create_sheet(labels.SHEET_WARDS),
            labels.WARD_HEADERS[1:],
            [
                [
                    w.ward.name,
                    w.totals.teams,
                    w.totals.members,
                    w.totals.good_deeds,
                    w.totals.patrols,
                    w.totals.tips,
                    f"{sum(1 for r in w.indicators if r.reached)}/"
                    f"{sum(1 for r in w.indicators if r.judged)}",
                ]
                for w in wards
            ],
        )
    _write_table(
        workbook.create_sheet(labels.SHEET_TEAMS),
        [*ward_column, *labels.TEAM_SHEET_HEADERS],
        _team_rows(wards, many),
    )
    if isinstance(summary, WardSummary):
        # A province's reports are listed in each ward's own workbook and in the CSV export:
        # a city's year would be hundreds of thousands of rows no one reads in Excel.
        _write_table(
            workbook.create_sheet(labels.SHEET_REPORTS),
            labels.REPORT_SHEET_HEADERS,
            _report_rows([(unit.name, summary.scope)], False),
        )
    _write_table(
        workbook.create_sheet(labels.SHEET_CALL_OUTS),
        [
            *ward_column,
            *labels.CALL_OUT_HEADERS,
            *(labels.LIVE_CALL_OUT_HEADERS if any(w.scope.called for w in wards) else ()),
        ],
        _call_out_rows(wards, many),
    )
    ratings = rating_sheet(wards, many)
    if ratings is not None:
        sheet = workbook.create_sheet(ratings.title)
        _write_table(sheet, ratings.headers, ratings.rows)
        for note in ("", *ratings.notes):
            sheet.append([note])
    for sheet in workbook.worksheets:
        _print_setup(sheet)
    return _save(workbook, issued_on)


def ward_workbook(summary: WardSummary, issued_on: date) -> bytes:
    """The .xlsx for one ward."""
    return _workbook(summary, (summary,), issued_on)


def province_workbook(summary: ProvinceSummary, issued_on: date) -> bytes:
    """The .xlsx for a province: its wards, all their teams and call-outs."""
    return _workbook(summary, summary.wards, issued_on)
