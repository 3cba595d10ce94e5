"""Building blocks of the Word report: the template, tables, and the two-column blocks."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.table import Table, _Cell

from reports.config_files import ConfigFileError
from reports.describe import clean
from reports.make_template import STYLE_NAMES

TABLE_STYLE = "Table Grid"
TEXT_WIDTH_MM = 165


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
    lines = clean(text).split("\n")
    first = cell.paragraphs[0]
    first.text = lines[0]
    first._p.style = style_id
    for line in lines[1:]:
        cell.add_paragraph(line)._p.style = style_id


def style_ids(document: DocumentObject, *names: str) -> dict[str, str]:
    """The ids of these paragraph styles of the template."""
    return {name: document.styles[name].style_id for name in names}


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
    set_widths(table, widths_mm)
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
                cell.add_paragraph(clean(text), style=style)
    set_widths(table, widths_mm)
    return table
