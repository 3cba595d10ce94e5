"""The letterhead and the closing of a report: who issues it, where and when, who signs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from docx.document import Document as DocumentObject

from reports import labels
from reports.docx_parts import two_columns
from reports.periods import Period
from reports.summary import ProvinceSummary, WardSummary


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
                province=summary.province.name if summary.province else "",
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
    two_columns(
        document,
        [
            (
                [
                    (head.parent_body, "ANTT Parent Body"),
                    (head.body, "ANTT Issuing Body"),
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
                [(place_and_date(head.place, issued_on, period), "ANTT Place Date")],
            ),
        ],
        (70, 95),
    )


def write_closing(document: DocumentObject, head: Letterhead) -> None:
    """Recipients left, signature right."""
    document.add_paragraph("", style="ANTT Body")
    two_columns(
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
