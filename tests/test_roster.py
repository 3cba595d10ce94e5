"""The officer imports a ward's roster from the template (Excel or CSV): every bad row named
with its number and nothing imported until the file is clean; the same file twice changes
nothing; a pre-registered member joins by sharing their phone number on /start."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from cli.app import app
from emulator.server import TelegramEmulator
from storage.models import utcnow
from storage.roster import apply_roster
from summaries.roster import EXAMPLE, read_roster, roster_workbook
from tests.ward import Ward

HEADINGS = [
    "Phường/xã",
    "Tổ dân phố/thôn",
    "Tổ bảo vệ ANTT",
    "Họ và tên",
    "Số điện thoại",
    "Vai trò",
    "Ngày sinh",
]
GOOD = [
    [
        "Phường Yên Hòa",
        "Tổ dân phố 5",
        "Tổ bảo vệ ANTT số 12",
        "Nguyễn Văn An",
        "0912 345 678",
        "Tổ trưởng",
        "14/03/1975",
    ],
    [
        "Phường Yên Hòa",
        "Tổ dân phố 5",
        "Tổ bảo vệ ANTT số 12",
        "Trần Thị Bình",
        "+84987654321",
        "tổ phó",
        "",
    ],
    ["Phường Yên Hòa", "", "Tổ bảo vệ ANTT số 3", "Lê Văn Cường", "0901234567", "", ""],
]


def csv_file(tmp_path: Path, rows: list[list[str]], name: str = "roster.csv") -> Path:
    out = io.StringIO()
    csv.writer(out).writerows([HEADINGS, *rows])
    path = tmp_path / name
    path.write_text(out.getvalue(), encoding="utf-8-sig")
    return path


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> CliRunner:
    monkeypatch.setenv("ANTT_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'admin.sqlite3'}")
    monkeypatch.delenv("ANTT_BOT_TOKEN", raising=False)
    runner = CliRunner()
    assert (
        runner.invoke(app, ["admin", "add-unit", "Phường Yên Hòa", "--kind", "commune"]).exit_code
        == 0
    )
    assert (
        runner.invoke(app, ["admin", "add-unit", "Phường Trung Hòa", "--kind", "commune"]).exit_code
        == 0
    )
    return runner


def test_officer_imports_a_roster_then_the_same_file_again_changes_nothing(
    cli: CliRunner, tmp_path: Path
) -> None:
    path = csv_file(tmp_path, GOOD)
    first = cli.invoke(app, ["admin", "import-roster", str(path)])
    assert first.exit_code == 0, first.output
    assert "3 member(s) added, 0 changed, 0 unchanged; 3 unit(s) created" in first.output
    again = cli.invoke(app, ["admin", "import-roster", str(path)])
    assert again.exit_code == 0, again.output
    assert "already imported: nothing changed" in again.output

    listing = cli.invoke(app, ["admin", "list"]).output
    assert "Tổ dân phố 5 [residential_group]" in listing
    assert "Tổ bảo vệ ANTT số 12 [team] · 2 member(s)" in listing
    assert "Tổ bảo vệ ANTT số 3 [team] · 1 member(s)" in listing

    out = tmp_path / "out.xlsx"
    exported = cli.invoke(
        app, ["admin", "export-roster", "--unit", "Phường Yên Hòa", "--out", str(out)]
    )
    assert exported.exit_code == 0, exported.output
    rows = [list(r) for r in load_workbook(out).worksheets[0].iter_rows(values_only=True)]
    assert rows[1] == [
        "Phường Yên Hòa",
        "Tổ dân phố 5",
        "Tổ bảo vệ ANTT số 12",
        "Nguyễn Văn An",
        "0912345678",
        "Tổ trưởng",
        "14/03/1975",
    ]
    assert rows[2][4] == "0987654321"
    # The export reads back as the same roster: importing it changes nothing.
    back = cli.invoke(app, ["admin", "import-roster", str(out)])
    assert "nothing changed" in back.output, back.output


def test_a_changed_row_moves_the_member_and_keeps_the_rest(cli: CliRunner, tmp_path: Path) -> None:
    cli.invoke(app, ["admin", "import-roster", str(csv_file(tmp_path, GOOD))])
    moved = [row[:] for row in GOOD]
    moved[2][2] = "Tổ bảo vệ ANTT số 12"
    result = cli.invoke(app, ["admin", "import-roster", str(csv_file(tmp_path, moved, "b.csv"))])
    assert "0 member(s) added, 1 changed, 2 unchanged" in result.output, result.output


BAD_ROWS = [
    (["", "", "Tổ 1", "An", "0912000001", "", ""], "Dòng 2: thiếu tên phường, xã"),
    (["Phường Yên Hòa", "", "", "An", "0912000002", "", ""], "Dòng 3: thiếu tên tổ"),
    (["Phường Yên Hòa", "", "Tổ 1", "", "0912000003", "", ""], "Dòng 4: thiếu họ và tên"),
    (["Phường Yên Hòa", "", "Tổ 1", "Bình", "", "", ""], "Dòng 5: thiếu số điện thoại"),
    (["Phường Yên Hòa", "", "Tổ 1", "Cúc", "12345", "", ""], "Dòng 6: số điện thoại không hợp lệ"),
    (
        ["Phường Yên Hòa", "", "Tổ 1", "Dũng", "0912000007", "trưởng phòng", ""],
        "Dòng 7: vai trò «trưởng phòng» không rõ",
    ),
    (
        ["Phường Yên Hòa", "", "Tổ 1", "Em", "0912000008", "", "32/13/1990"],
        "Dòng 8: ngày sinh không đọc được",
    ),
    (
        ["Phường Yên Hòa", "", "Tổ 1", "Giang", "0912000009", "", "01/01/2015"],
        "Dòng 9: chưa đủ 18 tuổi",
    ),
    (["Phường Yên Hòa", "", "Tổ 1", "Khánh", "0912000011", "Tổ trưởng", ""], ""),
    (
        ["Phường Yên Hòa", "", "Tổ 1", "Hà", "0912000011", "", ""],
        "Dòng 11: số điện thoại trùng với dòng 10",
    ),
    (
        ["Phường Yên Hòa", "", "Tổ 1", "Linh", "0912000012", "Tổ trưởng", ""],
        "Dòng 12: tổ đã có tổ trưởng ở dòng 10",
    ),
    (
        ["Phường Yên Hòa", "", "Tổ 1", "M4i", "0912000013", "", ""],
        "Dòng 13: họ và tên không hợp lệ",
    ),
]


def test_every_bad_row_is_named_and_nothing_is_imported(cli: CliRunner, tmp_path: Path) -> None:
    path = csv_file(tmp_path, [row for row, _ in BAD_ROWS])
    result = cli.invoke(app, ["admin", "import-roster", str(path)])
    assert result.exit_code == 2
    for _, line in BAD_ROWS:
        assert line in result.output
    assert "11 problem(s), nothing imported" in result.output
    assert "member(s)" not in cli.invoke(app, ["admin", "list"]).output.replace("0 member(s)", "")


def test_rows_the_database_refuses_are_named_too(cli: CliRunner, tmp_path: Path) -> None:
    cli.invoke(app, ["admin", "import-roster", str(csv_file(tmp_path, GOOD))])
    rows = [
        ["Phường Không Có", "", "Tổ 1", "An", "0912000001", "", ""],
        ["Phường Trung Hòa", "", "Tổ 1", "An", "0912345678", "", ""],
        ["Phường Trung Hòa", "", "Tổ 1", "Bảo", "0912000003", "", ""],
    ]
    result = cli.invoke(app, ["admin", "import-roster", str(csv_file(tmp_path, rows, "c.csv"))])
    assert result.exit_code == 2
    assert "Dòng 2: không có phường, xã tên «Phường Không Có»" in result.output
    assert "Dòng 3: số điện thoại đã thuộc một thành viên của phường, xã khác" in result.output
    assert "Tổ 1 [team]" not in cli.invoke(app, ["admin", "list"]).output


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("roster.pdf", b"%PDF", "Chỉ nhận tệp .xlsx hoặc .csv"),
        ("roster.xlsx", b"not a workbook", "Không đọc được tệp Excel này"),
        ("roster.csv", "Họ và tên\nAn\n".encode(), "Thiếu cột"),
        ("roster.csv", "Họ và tên;Tổ".encode("utf-16"), "không ở dạng UTF-8"),
        ("roster.csv", b"", "Tệp không có dòng nào"),
    ],
)
def test_a_file_that_is_not_a_roster_gets_one_clear_line(
    cli: CliRunner, tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = cli.invoke(app, ["admin", "import-roster", str(path)])
    assert result.exit_code == 2 and message in result.output, result.output


def test_the_shipped_template_is_the_one_the_code_writes_and_reads_clean() -> None:
    template = Path(__file__).resolve().parents[1] / "config" / "templates" / "roster.xlsx"
    checked = read_roster("roster.xlsx", template.read_bytes(), dt.date(2026, 11, 22))
    assert checked.problems == []
    assert checked.rows == EXAMPLE
    assert read_roster("x.xlsx", roster_workbook(EXAMPLE), dt.date(2026, 11, 22)).rows == EXAMPLE


async def test_a_pre_registered_member_joins_by_sharing_their_phone(
    emulator: TelegramEmulator, ward: Ward
) -> None:
    checked = read_roster("r.xlsx", roster_workbook(EXAMPLE), dt.date(2026, 11, 22))
    async with ward.db.write() as session:
        await apply_roster(session, checked.rows, utcnow())
    an = emulator.phone(user_id=1001, first_name="An")
    [hello] = await an.send("/start")
    assert "Nếu Công an phường đã đăng ký số điện thoại" in hello.text_plain
    found, _consent = await an.share_contact("84912345678", expect=2)
    assert "Nguyễn Văn An" in found.text_plain
    [welcome] = await an.press("Đồng ý")
    assert "Đồng chí đã là thành viên Tổ bảo vệ ANTT số 12" in welcome.text_plain
    [member] = [m for m in await ward.members() if m.telegram_user_id == 1001]
    assert (member.full_name, member.role, member.consent_at is not None) == (
        "Nguyễn Văn An",
        "leader",
        True,
    )

    stranger = emulator.phone(user_id=1002, first_name="Khách")
    await stranger.send("/start")
    [answer] = await stranger.share_contact("0933333333")
    assert "chưa có trong danh sách của phường" in answer.text_plain
    assert len([m for m in await ward.members() if m.telegram_user_id]) == 1
