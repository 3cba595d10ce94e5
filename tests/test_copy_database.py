"""A ward that ran on SQLite moves to PostgreSQL (`antt-bot admin copy-database`): every row
arrives with its id, the command says so table by table, and the bot started on the new
database knows the same members and reports and goes on saving new ones.

The target is the PostgreSQL of ANTT_TEST_DATABASE_URL when set (as the province does), else
another SQLite file."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr
from sqlalchemy import select
from typer.testing import CliRunner, Result

from bot.app import BotApp
from chat.clock import FixedClock
from cli.app import app
from config.settings import Settings
from emulator.phone import Phone
from emulator.server import TelegramEmulator
from storage.database import Database
from storage.models import Member, Report
from tests.conftest import TOKEN
from tests.test_my_reports import log_good_deed
from tests.ward import Ward

TIP = "Có người lạ hay lui tới căn nhà bỏ hoang số 9 lúc nửa đêm."


async def send_tip(phone: Phone, content: str) -> None:
    await phone.send("/menu")
    await phone.press("ℹ️ Nguồn tin")
    await phone.send(content)
    await phone.send("Ngõ 9 Đường Trần Duy Hưng")
    await phone.press("Hôm nay")
    await phone.press("✅ Gửi báo cáo")


async def copy_database(*arguments: str) -> Result:
    """`antt-bot admin copy-database …` as the IT officer types it (its own event loop)."""
    command = ["admin", "copy-database", *arguments]
    return await asyncio.to_thread(CliRunner().invoke, app, command)


async def people_and_reports(url: str) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    db = Database(url)
    try:
        async with db.read() as session:
            members = await session.scalars(select(Member).order_by(Member.id))
            reports = await session.scalars(select(Report).order_by(Report.id))
            return (
                [(m.id, m.full_name, m.phone, m.role, m.unit_id) for m in members],
                [(r.id, r.kind, r.author_id, r.payload, r.created_at) for r in reports],
            )
    finally:
        await db.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'ward.sqlite3'}"


@pytest.fixture
async def ward_on_sqlite(
    emulator: TelegramEmulator, sqlite_url: str, clock: FixedClock
) -> AsyncIterator[tuple[Settings, Phone, tuple[str, list[str]]]]:
    """Yên Hòa's ward as the bot kept it on one machine: two members who joined, a tip and a
    good deed; the bot stopped, as the README says to before the copy."""
    settings = Settings(
        bot_token=SecretStr(TOKEN),
        database_url=sqlite_url,
        telegram_api_url=emulator.base_url,
        poll_timeout_seconds=1,
    )
    bot = BotApp(settings, clock=clock)
    await bot.start()
    try:
        async with Ward.create(bot.db, clock) as ward:
            luong = emulator.phone(user_id=1001, first_name="Đặng Thị", last_name="Lương")
            minh = emulator.phone(user_id=1002, first_name="Trương", last_name="Minh")
            await ward.join(luong, "0912345678")
            await ward.join(minh, "0987654321", team_id=ward.other_team_id)
            await send_tip(luong, TIP)
            await log_good_deed(minh, "Đưa cụ bà bị lạc về nhà")
            [listing] = await luong.send("/baocaocuatoi")
    finally:
        await bot.stop()
    yield settings, luong, (listing.text_plain, listing.button_labels)


async def test_a_ward_moves_from_sqlite_to_postgresql_and_goes_on_there(
    ward_on_sqlite: tuple[Settings, Phone, tuple[str, list[str]]],
    sqlite_url: str,
    database_url: str,
    clock: FixedClock,
) -> None:
    settings, luong, listing_on_sqlite = ward_on_sqlite
    members, reports = await people_and_reports(sqlite_url)
    assert len(members) == 2
    assert [kind for _, kind, *_ in reports] == ["tip", "good_deed"]

    copied = await copy_database(
        "--from", sqlite_url.replace("+aiosqlite", ""), "--to", database_url
    )
    assert copied.exit_code == 0, copied.output
    lines = copied.output.splitlines()
    summary = {line.split()[0]: line.split()[1:] for line in lines if line.endswith(")")}
    assert summary["members"][:2] == ["2", "2"]
    assert summary["reports"][:2] == ["2", "2"]
    assert summary["units"][:2] == ["3", "3"]
    assert all(row[2] == "ok" for row in summary.values())
    assert lines[-1].startswith("every row arrived: ")
    assert await people_and_reports(database_url) == (members, reports)

    # The bot on the new database: Lương is known (no joining), her reports are there, and a
    # new report takes the next id (PostgreSQL's sequences were moved past the copied ones).
    moved = BotApp(settings.model_copy(update={"database_url": database_url}), clock=clock)
    await moved.start()
    try:
        [listing] = await luong.send("/baocaocuatoi")
        assert (listing.text_plain, listing.button_labels) == listing_on_sqlite
        assert "1." in listing.text_plain  # one report of hers: the tip
        clock.moment += dt.timedelta(minutes=5)
        await send_tip(luong, "Xe máy không biển số đỗ lâu ngày ở đầu ngõ.")
        _, now = await people_and_reports(database_url)
        assert [row[0] for row in now] == [reports[0][0], reports[1][0], reports[1][0] + 1]
    finally:
        await moved.stop()


async def test_copying_refuses_a_target_that_holds_data_and_a_missing_source(
    ward_on_sqlite: tuple[Settings, Phone, tuple[str, list[str]]], sqlite_url: str, tmp_path: Path
) -> None:
    target = f"sqlite+aiosqlite:///{tmp_path / 'copy.sqlite3'}"
    first = await copy_database("--from", sqlite_url, "--to", target)
    assert first.exit_code == 0, first.output

    again = await copy_database("--from", sqlite_url, "--to", target)
    assert again.exit_code == 2
    refusal = (
        r"antt-bot: --to already holds data \(\w+: [0-9,]+ row\(s\)\); "
        r"copy into an empty database\n"
    )
    assert re.fullmatch(refusal, again.output), again.output

    missing = await copy_database(
        "--from", f"sqlite:///{tmp_path / 'nope.sqlite3'}", "--to", target
    )
    assert missing.exit_code == 2
    assert missing.output == f"antt-bot: --from: no database file at {tmp_path / 'nope.sqlite3'}\n"
    assert not (tmp_path / "nope.sqlite3").exists()
