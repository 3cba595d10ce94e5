"""The roster file (Excel or CSV): columns ward, residential group, team, full name, phone,
role, date of birth. Reading checks every row and names each problem with its row number;
writing gives the same columns back, so an exported roster can be corrected and imported.
openpyxl is loaded only for an Excel file (a CSV import or export starts without it)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from storage.members import normalise_phone
from storage.names import name_key, tidy
from storage.roster import RosterRow

COLUMNS = ("ward", "group", "team", "full_name", "phone", "role", "birth_date")
# The template's headings, and the other spellings accepted (English, no diacritics).
HEADINGS = {
    "ward": ("Phường/xã", "ward", "phuong/xa", "phường", "xã"),
    "group": ("Tổ dân phố/thôn", "residential group", "to dan pho/thon", "tổ dân phố", "thôn"),
    "team": ("Tổ bảo vệ ANTT", "team", "to bao ve antt", "tổ"),
    "full_name": ("Họ và tên", "full name", "ho va ten", "họ tên"),
    "phone": ("Số điện thoại", "phone", "so dien thoai", "điện thoại"),
    "role": ("Vai trò", "role", "vai tro"),
    "birth_date": ("Ngày sinh", "date of birth", "ngay sinh"),
}
REQUIRED = {
    "ward": "roster-missing-ward",
    "team": "roster-missing-team",
    "full_name": "roster-missing-name",
    "phone": "roster-missing-phone",
}
ROLE_WORDS = {
    "tổ viên": "member",
    "thành viên": "member",
    "to vien": "member",
    "member": "member",
    "tổ phó": "deputy",
    "to pho": "deputy",
    "deputy": "deputy",
    "tổ trưởng": "leader",
    "to truong": "leader",
    "leader": "leader",
}
# Why the database refused a row (storage.roster) → what the officer reads.
CONFLICT_KEYS = {
    "unknown-ward": "roster-unknown-ward",
    "phone-elsewhere": "roster-phone-elsewhere",
}
ROLE_IN_FILE = {"member": "Tổ viên", "deputy": "Tổ phó", "leader": "Tổ trưởng"}
ADULT_AGE = 18  # Law 30/2023: members are citizens of 18 or more
NAME_MAX = 200


@dataclass(frozen=True)
class RowProblem:
    """Why one row cannot be imported: a catalogue key, its row number, its values."""

    key: str
    row: int
    args: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class RosterFile:
    """The rows that read well and the problems of those that did not."""

    rows: list[RosterRow]
    problems: list[RowProblem]


def read_roster(name: str, data: bytes, today: dt.date) -> RosterFile:
    """Read and check a roster from an .xlsx or .csv file's bytes."""
    suffix = name.lower().rsplit(".", 1)[-1]
    if suffix == "xlsx":
        try:
            table = _xlsx_rows(data)
        except Exception:  # openpyxl raises many kinds for a file that is not a workbook
            return RosterFile([], [RowProblem("roster-unreadable", 0)])
    elif suffix == "csv":
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return RosterFile([], [RowProblem("roster-not-utf8", 0)])
        table = [list(row) for row in csv.reader(io.StringIO(text))]
    else:
        return RosterFile([], [RowProblem("roster-unknown-format", 0)])
    return check_rows(table, today)


def check_rows(table: list[list[Any]], today: dt.date) -> RosterFile:
    """Rows of cells (the first holds the headings) → checked roster rows and problems."""
    if not table:
        return RosterFile([], [RowProblem("roster-empty", 0)])
    places = _columns(table[0])
    missing = [column for column in REQUIRED if column not in places]
    if missing:
        return RosterFile([], [RowProblem("roster-missing-columns", 0)])
    rows: list[RosterRow] = []
    problems: list[RowProblem] = []
    phones: dict[str, int] = {}
    leaders: dict[tuple[str, str], int] = {}
    for number, cells in enumerate(table[1:], start=2):
        values = {column: cells[i] if i < len(cells) else None for column, i in places.items()}
        if all(_text(value) == "" for value in values.values()):
            continue
        read = _read_row(number, values, today)
        if isinstance(read, RowProblem):
            problems.append(read)
            continue
        if read.phone in phones:
            problems.append(RowProblem("roster-phone-twice", number, {"first": phones[read.phone]}))
            continue
        phones[read.phone] = number
        if read.role == "leader":
            team = (name_key(read.ward), name_key(read.team))
            if team in leaders:
                args = {"first": leaders[team]}
                problems.append(RowProblem("roster-two-leaders", number, args))
                continue
            leaders[team] = number
        rows.append(read)
    if not rows and not problems:
        problems.append(RowProblem("roster-empty", 0))
    return RosterFile(rows, problems)


def _read_row(number: int, values: dict[str, Any], today: dt.date) -> RosterRow | RowProblem:
    for column, key in REQUIRED.items():
        if _text(values.get(column)) == "":
            return RowProblem(key, number)
    name = _text(values["full_name"])
    if len(name) > NAME_MAX or any(ch.isdigit() for ch in name):
        return RowProblem("roster-bad-name", number)
    phone = _phone(values["phone"])
    if phone is None:
        return RowProblem("roster-bad-phone", number)
    role_text = _text(values.get("role")).casefold() or "tổ viên"
    role = ROLE_WORDS.get(role_text)
    if role is None:
        return RowProblem("roster-bad-role", number, {"role": _text(values.get("role"))})
    born = _date(values.get("birth_date"))
    if isinstance(born, RowProblem):
        return RowProblem(born.key, number)
    if born is not None and (born > today or _age(born, today) < ADULT_AGE):
        return RowProblem("roster-too-young", number, {"age": ADULT_AGE})
    return RosterRow(
        row=number,
        ward=_text(values["ward"]),
        group=_text(values.get("group")),
        team=_text(values["team"]),
        full_name=name,
        phone=phone,
        role=role,
        birth_date=born,
    )


def _columns(headings: list[Any]) -> dict[str, int]:
    wanted = {
        spelling.casefold(): column for column, names in HEADINGS.items() for spelling in names
    }
    places: dict[str, int] = {}
    for index, heading in enumerate(headings):
        column = wanted.get(_text(heading).casefold())
        if column is not None and column not in places:
            places[column] = index
    return places


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return tidy(str(value))


def _phone(value: Any) -> str | None:
    text = _text(value)
    # A spreadsheet keeps 0912345678 typed as a number as 912345678.
    if isinstance(value, int | float) and not text.startswith("0"):
        text = "0" + text
    return normalise_phone(text)


def _date(value: Any) -> dt.date | RowProblem | None:
    if value is None or _text(value) == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return RowProblem("roster-bad-date", 0)


def _age(born: dt.date, today: dt.date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _xlsx_rows(data: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    sheet = book.worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    book.close()
    return rows


def _cells(row: RosterRow) -> list[str]:
    born = f"{row.birth_date:%d/%m/%Y}" if row.birth_date else ""
    role = ROLE_IN_FILE.get(row.role, row.role)
    return [row.ward, row.group, row.team, row.full_name, row.phone, role, born]


def _headings() -> list[str]:
    return [HEADINGS[column][0] for column in COLUMNS]


def roster_workbook(rows: list[RosterRow]) -> bytes:
    """The roster as an Excel workbook, phone numbers and dates kept as text."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Danh sách"
    sheet.append(_headings())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(_cells(row))
    for column, width in zip("ABCDEFG", (22, 20, 24, 26, 15, 12, 12), strict=True):
        sheet.column_dimensions[column].width = width
        for cell in sheet[column]:
            cell.number_format = "@"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def roster_csv(rows: list[RosterRow]) -> bytes:
    """The roster as CSV (UTF-8 with BOM, so Excel shows the diacritics)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(_headings())
    for row in rows:
        writer.writerow(_cells(row))
    return out.getvalue().encode("utf-8-sig")


# The template shipped in config/templates/roster.xlsx: one example team.
EXAMPLE = [
    RosterRow(
        2,
        "Phường Yên Hòa",
        "Tổ dân phố 5",
        "Tổ bảo vệ ANTT số 12",
        "Nguyễn Văn An",
        "0912345678",
        "leader",
        dt.date(1975, 3, 14),
    ),
    RosterRow(
        3,
        "Phường Yên Hòa",
        "Tổ dân phố 5",
        "Tổ bảo vệ ANTT số 12",
        "Trần Thị Bình",
        "0987654321",
        "deputy",
        dt.date(1982, 11, 2),
    ),
    RosterRow(
        4,
        "Phường Yên Hòa",
        "Tổ dân phố 5",
        "Tổ bảo vệ ANTT số 12",
        "Lê Văn Cường",
        "0901234567",
        "member",
        None,
    ),
]
