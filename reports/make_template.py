"""Writes config/templates/report.docx, the Word template a ward may restyle.

Run `python -m reports.make_template` to (re)create it. The report is built in code, but with
the page set-up and the named styles of this template: a ward that changes a font, a size or a
margin in Word keeps its change, while the content still comes from the data.

Layout per Decree 30/2020/NĐ-CP, Appendix I: A4; margins top and bottom 20 mm, left 30 mm,
right 15 mm; Times New Roman; body 14 pt, first line indented 1.27 cm, at least 6 pt between
paragraphs, single line spacing.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date, datetime, time
from io import BytesIO
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.styles.style import ParagraphStyle

from reports.config_files import CONFIG_DIR
from reports.labels import TEMPLATE_TITLE
from reports.stable_zip import restamp

TEMPLATE_PATH = CONFIG_DIR / "templates" / "report.docx"
FONT = "Times New Roman"
# The template's own date: fixed, so regenerating it gives the same bytes.
TEMPLATE_DATE = date(2026, 1, 1)

Align = WD_ALIGN_PARAGRAPH


@dataclass(frozen=True)
class StyleSpec:
    """A named paragraph style of the report."""

    name: str
    size: float
    bold: bool = False
    italic: bool = False
    align: WD_ALIGN_PARAGRAPH = Align.CENTER
    indent: bool = False
    after: float = 0
    before: float = 0
    highlight: bool = False
    keep_with_next: bool = False


STYLES = (
    StyleSpec("ANTT Parent Body", 12),
    StyleSpec("ANTT Issuing Body", 12, bold=True),
    StyleSpec("ANTT Nation", 12, bold=True),
    StyleSpec("ANTT Motto", 14, bold=True),
    StyleSpec("ANTT Rule", 13),
    StyleSpec("ANTT Number", 13),
    StyleSpec("ANTT Place Date", 14, italic=True),
    StyleSpec("ANTT Document Kind", 14, bold=True, keep_with_next=True),
    StyleSpec("ANTT Subject", 14, bold=True, after=12, keep_with_next=True),
    StyleSpec(
        "ANTT Section",
        14,
        bold=True,
        before=6,
        align=Align.JUSTIFY,
        indent=True,
        after=6,
        keep_with_next=True,
    ),
    StyleSpec("ANTT Body", 14, align=Align.JUSTIFY, indent=True, after=6),
    StyleSpec(
        "ANTT Placeholder",
        14,
        italic=True,
        align=Align.JUSTIFY,
        indent=True,
        after=6,
        highlight=True,
    ),
    StyleSpec("ANTT Table Header", 13, bold=True),
    StyleSpec("ANTT Table Text", 13, align=Align.LEFT),
    StyleSpec("ANTT Table Number", 13),
    StyleSpec("ANTT Recipients Title", 12, bold=True, italic=True, align=Align.LEFT),
    StyleSpec("ANTT Recipients", 11, align=Align.LEFT),
    StyleSpec("ANTT Signer", 14, bold=True),
    StyleSpec("ANTT Signer Hint", 14, italic=True),
)
STYLE_NAMES = tuple(spec.name for spec in STYLES)


def _set_font(style: ParagraphStyle, size: float) -> None:
    """Times New Roman for every script (Vietnamese is Latin, but Word checks them all)."""
    style.font.name = FONT
    style.font.size = Pt(size)
    r_pr = style.element.get_or_add_rPr()
    fonts = r_pr.get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)


def _add_style(document: DocumentObject, spec: StyleSpec) -> None:
    """One paragraph style from its spec."""
    style = document.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
    assert isinstance(style, ParagraphStyle)
    style.base_style = document.styles["Normal"]
    style.quick_style = True
    _set_font(style, spec.size)
    style.font.bold = spec.bold
    style.font.italic = spec.italic
    if spec.highlight:
        style.font.highlight_color = WD_COLOR_INDEX.YELLOW
    layout = style.paragraph_format
    layout.alignment = spec.align
    layout.first_line_indent = Cm(1.27) if spec.indent else Cm(0)
    layout.space_before = Pt(spec.before)
    layout.space_after = Pt(spec.after)
    layout.line_spacing = 1.0
    layout.keep_with_next = spec.keep_with_next


def build_template() -> bytes:
    """The template as bytes: page set-up, a Times New Roman "Normal" and the report's styles."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    _set_font(normal, 14)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    for spec in STYLES:
        _add_style(document, spec)
    properties = document.core_properties
    properties.author = properties.last_modified_by = "antt-bot"
    properties.title = TEMPLATE_TITLE
    properties.created = properties.modified = datetime.combine(TEMPLATE_DATE, time())
    properties.revision = 1
    buffer = BytesIO()
    document.save(buffer)
    return restamp(buffer.getvalue(), TEMPLATE_DATE)


def main(path: Path = TEMPLATE_PATH) -> None:
    """Write the template file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(build_template())
    sys.stdout.write(f"wrote {path}\n")


if __name__ == "__main__":
    main()
