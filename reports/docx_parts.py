"""Building blocks of the Word report: the template, tables, and the two-column blocks."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from reports.config_files import ConfigFileError
from reports.describe import clean, official
from reports.make_template import FONT, STYLE_NAMES
from reports.text_width import longest_word_mm

TABLE_STYLE = "Table Grid"
TEXT_WIDTH_MM = 165
# Word's default left and right cell margins (0.19 cm each), and a little room for rounding.
CELL_PADDING_MM = 2 * 1.9 + 1.0
TABLE_SIZE_PT = 13  # the table styles' size (ANTT Table Header/Text/Number)
PAGE_NUMBER_SIZE_PT = 13


def open_template(path: Path) -> DocumentObject:
    """The template with its body emptied; a missing file or style is one clear error."""
    try:
        document = Document(str(path))
    except Exception as error:
        raise ConfigFileError(f"{path}: not a Word document: {type(error).__name__}") from error
    names = {style.name for style in document.styles}
    missing = [name for name in (*STYLE_NAMES, TABLE_STYLE) if name not in names]
    if missing:
        raise ConfigFileError(f"{path}: style {missing[0]!r} is missing")
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document


def write_cell(cell: _Cell, text: str, style_id: str) -> None:
    """A cell holding lines of text, one paragraph each, in the style with this id.

    The id is looked up once per table: python-docx's `paragraph.style = name` scans every
    style of the template twice per paragraph, which made a ward's report take ~2 s."""
    lines = clean(official(text)).split("\n")
    first = cell.paragraphs[0]
    first.text = lines[0]
    first._p.style = style_id
    for line in lines[1:]:
        cell.add_paragraph(line)._p.style = style_id


def style_ids(document: DocumentObject, *names: str) -> dict[str, str]:
    """The ids of these paragraph styles of the template."""
    return {name: document.styles[name].style_id for name in names}


def fit_widths(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths_mm: Sequence[float],
    text_columns: Sequence[int],
) -> list[float]:
    """Column widths in which no word has to be split: a column too narrow for its longest
    word (a heading in bold, a figure such as 37.262/37.764) takes the room from the text
    columns, which wrap between words; the table keeps its total width."""
    needs = [
        CELL_PADDING_MM
        + max(
            [
                longest_word_mm(header, TABLE_SIZE_PT, "bold"),
                *(longest_word_mm(row[column], TABLE_SIZE_PT) for row in rows),
            ]
        )
        for column, header in enumerate(headers)
    ]
    widths = list(widths_mm)
    for column, need in enumerate(needs):
        missing = need - widths[column]
        if missing <= 0:
            continue
        widths[column] = need
        donors = sorted(
            (c for c in text_columns if c != column), key=lambda c: widths[c], reverse=True
        )
        for donor in donors:
            spare = max(widths[donor] - needs[donor], 0.0)
            taken = min(spare, missing)
            widths[donor] -= taken
            missing -= taken
            if missing <= 0:
                break
    return [round(width, 1) for width in widths]


def _row_property(row_element: CT_Row, name: str) -> None:
    """Set an on/off property of a table row (w:cantSplit, w:tblHeader)."""
    properties = row_element.get_or_add_trPr()
    if properties.find(qn(name)) is None:
        properties.append(OxmlElement(name))


def keep_rows_whole(table: Table, header_rows: int = 1) -> None:
    """No row broken across pages; the heading row repeated on each page the table runs to."""
    for index, row in enumerate(table.rows):
        _row_property(row._tr, "w:cantSplit")
        if index < header_rows:
            _row_property(row._tr, "w:tblHeader")


def keep_together(table: Table) -> None:
    """The whole table on one page, with what follows it (Word's keep-with-next on every
    paragraph of every row, rows never split)."""
    keep_rows_whole(table, header_rows=0)
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True
                paragraph.paragraph_format.keep_together = True


# How many paragraphs (or table rows) at the end of the last section travel with the closing.
CLOSING_COMPANIONS = 2


def keep_with_closing(document: DocumentObject) -> None:
    """The last lines of the body kept on the page of what follows (the signature block): no
    "Nơi nhận" and signature alone on a page."""
    kept = 0
    for element in reversed(list(document.element.body)):
        if kept >= CLOSING_COMPANIONS:
            return
        if element.tag == qn("w:p"):
            Paragraph(element, document._body).paragraph_format.keep_with_next = True
            kept += 1
        elif element.tag == qn("w:tbl"):
            last = Table(element, document._body).rows[-1]
            _row_property(last._tr, "w:cantSplit")
            for cell in last.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True
            kept += 1


def _field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A Word field (PAGE, …) as begin / instruction / separate / result / end runs."""
    for kind, text in (("begin", None), (None, instruction), ("separate", None)):
        run = paragraph.add_run()
        if kind is not None:
            mark = OxmlElement("w:fldChar")
            mark.set(qn("w:fldCharType"), kind)
            run._r.append(mark)
        else:
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = f" {text} "
            run._r.append(code)
    paragraph.add_run(shown)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)


def page_numbers(document: DocumentObject) -> None:
    """Decree 30/2020: page numbers centred in the top margin, from the second page on (the
    first page's header is left empty: "different first page")."""
    for section in document.sections:
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False
        header = section.header
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
        paragraph.text = ""
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _field(paragraph, "PAGE", "2")
        for run in paragraph.runs:
            run.font.name = FONT
            run.font.size = Pt(PAGE_NUMBER_SIZE_PT)


def set_widths(table: Table, widths_mm: Sequence[float]) -> None:
    """Fixed column widths (Word honours the cells' widths, LibreOffice the grid's)."""
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def data_table(
    document: DocumentObject,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths_mm: Sequence[float],
    text_columns: Sequence[int] = (1,),
) -> Table:
    """A bordered table: a header row, then rows; `text_columns` align left, others centre."""
    table: Table = document.add_table(rows=1 + len(rows), cols=len(headers))
    table.style = document.styles[TABLE_STYLE]
    ids = style_ids(document, "ANTT Table Header", "ANTT Table Text", "ANTT Table Number")
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        write_cell(cell, header, ids["ANTT Table Header"])
    for row_cells, values in zip(table.rows[1:], rows, strict=True):
        for index, (cell, value) in enumerate(zip(row_cells.cells, values, strict=True)):
            style = "ANTT Table Text" if index in text_columns else "ANTT Table Number"
            write_cell(cell, value, ids[style])
    set_widths(table, fit_widths(headers, rows, widths_mm, text_columns))
    keep_rows_whole(table)
    return table


def two_columns(
    document: DocumentObject,
    rows: Sequence[tuple[Sequence[tuple[str, str]], Sequence[tuple[str, str]]]],
    widths_mm: tuple[float, float],
) -> Table:
    """A borderless table whose cells hold (text, style) paragraphs: letterhead, signature."""
    table: Table = document.add_table(rows=len(rows), cols=2)
    for row, (left, right) in zip(table.rows, rows, strict=True):
        for cell, lines in zip(row.cells, (left, right), strict=True):
            if not lines:
                continue
            write_cell(cell, lines[0][0], style_ids(document, lines[0][1])[lines[0][1]])
            for text, style in lines[1:]:
                cell.add_paragraph(clean(official(text)), style=style)
    set_widths(table, widths_mm)
    return table
