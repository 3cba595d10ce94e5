"""Vietnamese names are found however a phone or a keyboard spells them: capitals with
diacritics (SQLite's lower() folds ASCII only), NFC or NFD, old- or new-style tone marks, extra
spaces; on SQLite and PostgreSQL alike. A second unit of the same name under one parent is
refused, naming the one already there."""

from __future__ import annotations

import asyncio
import datetime as dt
import unicodedata
from pathlib import Path

from sqlalchemy import select
from typer.testing import CliRunner

from cli.app import app
from emulator.server import TelegramEmulator
from storage.models import Unit, utcnow
from storage.names import name_key
from storage.roster import apply_roster, check_roster
from summaries.roster import check_rows
from tests.ward import Ward


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def cli(database_url: str, *arguments: str) -> tuple[int, str]:
    env = {"ANTT_DATABASE_URL": database_url, "ANTT_BOT_USERNAME": "antt_demo_bot"}
    result = CliRunner().invoke(app, list(arguments), env=env)
    return result.exit_code, result.output


async def run(database_url: str, *arguments: str) -> tuple[int, str]:
    """The command line in a thread of its own (it runs its own event loop)."""
    return await asyncio.to_thread(cli, database_url, *arguments)


def test_one_key_for_every_spelling_of_a_name() -> None:
    same = [
        "Phường Đằng Lâm",
        nfd("phường đằng lâm"),
        "PHƯỜNG  ĐẰNG LÂM ",
        "Phường Ðằng Lâm",  # an Icelandic eth, as some keyboards give for Đ
    ]
    assert {name_key(name) for name in same} == {name_key("Phường Đằng Lâm")}
    assert name_key("Phường Yên Hoà") == name_key("phường yên hòa")  # tone on a or o
    assert name_key("Thuỷ") == name_key("Thủy")
    assert name_key("Tổ 1") != name_key("Tố 1") != name_key("To 1")
    assert name_key("Đô") != name_key("Do")


async def test_a_ward_with_capital_diacritics_takes_teams_however_it_is_typed(
    database_url: str,
) -> None:
    code, output = await run(
        database_url, "admin", "add-unit", "Phường Đằng Lâm", "--kind", "commune"
    )
    assert code == 0, output
    code, output = await run(
        database_url,
        "admin",
        "add-unit",
        "Tổ 12",
        "--kind",
        "team",
        "--parent",
        "Phường Đằng Lâm",
    )
    assert code == 0, output
    assert "under Phường Đằng Lâm" in output
    for parent, team in ((nfd("PHƯỜNG ĐẰNG LÂM"), "Tổ 13"), (nfd("phường đằng lâm"), "Tổ 14")):
        code, output = await run(
            database_url, "admin", "add-unit", nfd(team), "--kind", "team", "--parent", parent
        )
        assert code == 0, output
        assert f"{team} [team] under Phường Đằng Lâm" in output  # kept in NFC
    code, output = await run(database_url, "admin", "invite", "--unit", nfd("tổ 12"))
    assert code == 0, output
    assert "invite for Tổ 12 as member" in output


async def test_a_second_unit_of_the_same_name_is_refused_naming_the_first(
    database_url: str,
) -> None:
    await run(database_url, "admin", "add-unit", "Phường Nghĩa Đô", "--kind", "commune")
    code, output = await run(
        database_url, "admin", "add-unit", "Phường Phan Đình Phùng", "--kind", "commune"
    )
    assert (code, output.strip()) == (0, "unit 2: Phường Phan Đình Phùng [commune]")
    team = ["Tổ bảo vệ ANTT số 1", "--kind", "team", "--parent"]
    code, output = await run(database_url, "admin", "add-unit", *team, "Phường Nghĩa Đô")
    assert code == 0, output

    code, output = await run(
        database_url, "admin", "add-unit", nfd("tổ bảo vệ  antt số 1"), *team[1:], "1"
    )
    assert code == 2
    assert output.strip() == (
        "antt-bot: a unit named 'Tổ bảo vệ ANTT số 1' exists already under Phường Nghĩa Đô "
        "(id 1): unit 3 [team]"
    )
    code, output = await run(
        database_url, "admin", "add-unit", "PHƯỜNG NGHĨA ĐÔ", "--kind", "commune"
    )
    assert code == 2
    assert "'Phường Nghĩa Đô' exists already at the top level: unit 1 [commune]" in output

    # The same team name in another ward is another team; asked for by name, both are offered.
    code, output = await run(
        database_url, "admin", "add-unit", *team, nfd("phường phan đình phùng")
    )
    assert code == 0, output
    code, output = await run(database_url, "admin", "invite", "--unit", "Tổ bảo vệ ANTT số 1")
    assert code == 2
    assert "2 units are named" in output
    assert "ids 3 in Phường Nghĩa Đô, 4 in Phường Phan Đình Phùng" in output
    listing = (await run(database_url, "admin", "list"))[1]
    assert listing.count("Tổ bảo vệ ANTT số 1 [team]") == 2


async def test_a_ward_exported_by_its_name_in_any_case(database_url: str, tmp_path: Path) -> None:
    await run(database_url, "admin", "add-unit", "Phường Nghĩa Đô", "--kind", "commune")
    await run(
        database_url, "admin", "add-unit", "Tổ 3", "--kind", "team", "--parent", "Phường Nghĩa Đô"
    )
    for spelling in ("phường nghĩa đô", nfd("PHƯỜNG NGHĨA ĐÔ")):
        out = tmp_path / spelling
        code, output = await run(
            database_url,
            "export",
            "--unit",
            spelling,
            "--campaign",
            "ha-noi-357",
            "--period",
            "2026-11",
            "--format",
            "txt",
            "--out",
            str(out),
        )
        assert code == 0, output
        [digest] = list(out.iterdir())
        assert "Phường Nghĩa Đô" in digest.read_text(encoding="utf-8")


async def test_an_officer_cannot_make_a_second_team_of_a_name_spelt_otherwise(
    emulator: TelegramEmulator, ward: Ward
) -> None:
    officer = emulator.phone(user_id=2001, first_name="Hùng")
    await ward.person(officer, "officer", ward.ward_id)
    await officer.send("/quanly")
    await officer.press("🏘 Tổ dân phố (0)")
    await officer.press("➕ Thêm tổ dân phố")
    await officer.send("Tổ dân phố Đông Hoà", expect=2)

    await officer.send("/quanly")
    await officer.press("👥 Các tổ (2)")
    await officer.press("➕ Thêm tổ")
    [refused] = await officer.send(nfd("TỔ BẢO VỆ ANTT SỐ 7"))
    assert "Phường đã có một đơn vị tên «Tổ bảo vệ ANTT số 7»" in refused.text_plain
    [refused] = await officer.send(nfd("tổ dân phố  đông hòa"))
    assert "«Tổ dân phố Đông Hoà»" in refused.text_plain
    created, _page = await officer.send(nfd("Tổ bảo vệ ANTT số 8"), expect=2)
    assert "Đã tạo Tổ bảo vệ ANTT số 8" in created.text_plain
    async with ward.db.read() as session:
        names = (await session.scalars(select(Unit.name).order_by(Unit.id))).all()
    assert names[-1] == "Tổ bảo vệ ANTT số 8"  # kept in NFC
    assert len(names) == len(set(names)) == 5


async def test_a_roster_typed_in_capitals_and_nfd_fills_the_ward_it_names(ward: Ward) -> None:
    table = [
        ["Phường/xã", "Tổ dân phố/thôn", "Tổ bảo vệ ANTT", "Họ và tên", "Số điện thoại", "Vai trò"],
        [
            nfd("PHƯỜNG YÊN HÒA"),
            "",
            nfd("tổ bảo vệ antt số 12"),
            nfd("Nguyễn Văn  An"),
            "0912345678",
        ],
        ["phường yên hoà", "", "TỔ BẢO VỆ ANTT SỐ 7", "Đỗ Thị Hằng", "0987654321", "Tổ trưởng"],
    ]
    checked = check_rows(table, dt.date(2026, 11, 22))
    assert checked.problems == []
    async with ward.db.write() as session:
        assert await check_roster(session, checked.rows) == []
        result = await apply_roster(session, checked.rows, utcnow())
    assert result.units_created == 0
    members = {m.full_name: m.unit_id for m in await ward.members()}
    assert members == {"Nguyễn Văn An": ward.team_id, "Đỗ Thị Hằng": ward.other_team_id}


async def test_a_name_or_id_in_other_digits_is_a_name_not_a_crash(database_url: str) -> None:
    """ "²" passes str.isdigit() but not int(), twenty digits overflow the database: each is
    looked up as a name ("no unit named …"), and a team named with them is listed like any
    other."""
    code, output = await run(
        database_url, "admin", "add-unit", "Phường Ô Chợ Dừa", "--kind", "commune"
    )
    assert code == 0, output
    for team in ("Tổ ²", "Tổ 12", "Tổ 7"):
        code, output = await run(
            database_url,
            "admin",
            "add-unit",
            team,
            "--kind",
            "team",
            "--parent",
            "Phường Ô Chợ Dừa",
        )
        assert code == 0, output
    for ref in ("²", "99999999999999999999"):
        code, output = await run(database_url, "admin", "invite", "--unit", ref)
        assert code != 0 and "no unit named" in output, output
    code, output = await run(database_url, "admin", "list")
    assert code == 0, output
    assert "Tổ ²" in output and "Tổ 12" in output
