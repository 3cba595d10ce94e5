"""The letterhead and the closing of a report: who issues it, where and when, who signs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from docx.document import Document as DocumentObject
from docx.shared import Pt

from reports import labels
from reports.docx_parts import CELL_PADDING_MM, keep_together, keep_with_closing, two_columns
from reports.periods import Period
from reports.summary import ProvinceSummary, WardSummary
from reports.text_width import text_mm

NBSP = "\u00a0"
# The letterhead's columns: the issuing body (a long name breaks between its level and its
# name) and the national header, whose place-and-date line must hold on one line.
LETTERHEAD_MM = (68.0, 97.0)
PLACE_DATE_SIZES_PT = (14, 13)  # Decree 30/2020: 13–14 pt italic; 13 when 14 is too wide
LEVEL_WORDS = sorted(
    (prefix.strip().upper() for prefix in labels.PLACE_PREFIXES), key=len, reverse=True
)
POLICE = "CÔNG AN "


def keep_names_whole(line: str) -> str:
    """An issuing body's line that breaks only between "CÔNG AN", the level ("THÀNH PHỐ")
    and the proper name ("HẢI PHÒNG"), never inside one: no-break spaces within each part."""
    head, rest = ("CÔNG AN", line[len(POLICE) :]) if line.startswith(POLICE) else ("", line)
    parts = [head, rest]
    for level in LEVEL_WORDS:
        if rest.startswith(level + " "):
            parts = [head, level, rest[len(level) + 1 :]]
            break
    return " ".join(part.replace(" ", NBSP) for part in parts if part)


def one_line(text: str) -> str:
    """A line that must not wrap: every space a no-break space."""
    return text.replace(" ", NBSP)


@dataclass(frozen=True)
class Letterhead:
    """Who issues the report and who signs it; defaults come from the unit tree."""

    parent_body: str
    body: str
    place: str
    number_suffix: str
    signer_title: str
    recipients: tuple[str, ...]
    signer_name: str = ""


def ward_letterhead(summary: WardSummary) -> Letterhead:
    """Ward police under the province police."""
    ward = summary.ward.name
    parent = labels.police_body(summary.province.name) if summary.province else None
    return Letterhead(
        parent_body=parent or labels.UNKNOWN_PARENT_BODY,
        body=labels.police_body(ward),
        place=labels.place_name(ward),
        number_suffix="BC-CAP",
        signer_title=labels.SIGNER_WARD.format(level=labels.area_word(ward).upper()),
        recipients=tuple(
            line.format(
                province=labels.police_name(summary.province.name) if summary.province else "",
                area=labels.area_word(ward),
            )
            for line in (
                labels.WARD_RECIPIENTS if summary.province else labels.WARD_RECIPIENTS_NO_PROVINCE
            )
        ),
    )


def province_letterhead(summary: ProvinceSummary) -> Letterhead:
    """Province police under the ministry."""
    name = summary.province.name
    return Letterhead(
        parent_body=labels.PROVINCE_PARENT_BODY,
        body=labels.police_body(name),
        place=labels.place_name(name),
        number_suffix="BC-CAT",
        signer_title=labels.SIGNER_PROVINCE,
        recipients=labels.PROVINCE_RECIPIENTS,
    )


def place_and_date(place: str, issued_on: date | None, period: Period) -> str:
    """Yên Hòa, ngày 01 tháng 12 năm 2026 (zero before days under 10 and months 1 and 2)."""
    if issued_on is None:
        dots = labels.DOTS
        return labels.PLACE_DATE.format(place=place, day=dots, month=dots, year=period.end.year)
    month = f"{issued_on.month:02d}" if issued_on.month < 3 else str(issued_on.month)
    return labels.PLACE_DATE.format(
        place=place, day=f"{issued_on.day:02d}", month=month, year=issued_on.year
    )


def write_letterhead(
    document: DocumentObject, head: Letterhead, issued_on: date | None, period: Period
) -> None:
    """Issuing body left, national header right; number left, place and date right."""
    place_date = one_line(place_and_date(head.place, issued_on, period))
    table = two_columns(
        document,
        [
            (
                [
                    (keep_names_whole(head.parent_body), "ANTT Parent Body"),
                    (keep_names_whole(head.body), "ANTT Issuing Body"),
                    (labels.BODY_RULE, "ANTT Rule"),
                ],
                [
                    (labels.NATION, "ANTT Nation"),
                    (labels.MOTTO, "ANTT Motto"),
                    (labels.MOTTO_RULE, "ANTT Rule"),
                ],
            ),
            (
                [(labels.NUMBER_LINE.format(suffix=head.number_suffix), "ANTT Number")],
                [(place_date, "ANTT Place Date")],
            ),
        ],
        LETTERHEAD_MM,
    )
    room = LETTERHEAD_MM[1] - CELL_PADDING_MM
    fitting = [size for size in PLACE_DATE_SIZES_PT if text_mm(place_date, size, "italic") <= room]
    if fitting and fitting[0] != PLACE_DATE_SIZES_PT[0]:
        for run in table.cell(1, 1).paragraphs[0].runs:
            run.font.size = Pt(fitting[0])


def write_closing(document: DocumentObject, head: Letterhead) -> None:
    """Recipients left, signature right, on the same page as the end of the last section."""
    keep_with_closing(document)
    spacer = document.add_paragraph("", style="ANTT Body")
    spacer.paragraph_format.keep_with_next = True
    closing = two_columns(
        document,
        [
            (
                [
                    (labels.RECIPIENTS, "ANTT Recipients Title"),
                    *((line, "ANTT Recipients") for line in head.recipients),
                ],
                [
                    (head.signer_title, "ANTT Signer"),
                    (labels.SIGNATURE_HINT, "ANTT Signer Hint"),
                    ("", "ANTT Signer"),
                    ("", "ANTT Signer"),
                    ("", "ANTT Signer"),
                    (head.signer_name, "ANTT Signer"),
                ],
            )
        ],
        (80, 85),
    )
    keep_together(closing)
