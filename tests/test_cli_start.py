"""The ward police type `antt-bot admin list` and get their answer at once: a command that does
not talk to Telegram starts without a messenger library, and without the libraries of files it
does not write (charts, Word, Excel), nor Alembic when the schema has nothing to migrate.

Each command runs as the officer runs it: a fresh interpreter (`python -X importtime -m main`),
whose import log lists every module it loaded. How fast that is, is measured in `make bench`
(bench/cli.py), not here."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.types import NullType

from cli.invites import invite_command
from cli.roster_files import import_roster_command
from cli.units import add_unit_command
from config.settings import Settings
from emulator.server import TelegramEmulator
from storage.database import Database, alembic_config
from storage.models import Base
from storage.schema_revision import newest_revision
from storage.unit_listing import INVITES, MEMBERS, UNITS
from summaries.roster import EXAMPLE, roster_csv
from tests.conftest import TOKEN

ROOT = Path(__file__).resolve().parents[1]
MESSENGERS = {"aiogram", "telegram", "aiohttp", "httpx"}
FILE_WRITERS = {"matplotlib", "docx", "openpyxl"}
WARD = EXAMPLE[0].ward  # Phường Yên Hòa, whose roster is the template's example team


def command_line(
    database_url: str, *arguments: str, settings: dict[str, str] | None = None
) -> tuple[str, set[str]]:
    """What `antt-bot …` printed, and the modules it imported (`packages` gives their
    top-level packages)."""
    environment = {
        **os.environ,
        "ANTT_DATABASE_URL": database_url,
        "ANTT_BOT_USERNAME": "antt_demo_bot",
        "PYTHONPATH": str(ROOT),
        **(settings or {}),
    }
    done = subprocess.run(  # noqa: S603 - this interpreter, our own arguments
        [sys.executable, "-X", "importtime", "-m", "main", *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    log = [line for line in done.stderr.splitlines() if line.startswith("import time:")]
    errors = "\n".join(line for line in done.stderr.splitlines() if line not in log)
    assert done.returncode == 0, done.stdout + errors
    imported = {line.rsplit("|", 1)[1].strip() for line in log[1:]}
    return done.stdout, imported


def packages(modules: set[str]) -> set[str]:
    """The top-level packages of these modules."""
    return {module.split(".")[0] for module in modules}


@pytest.fixture
async def ward_url(database_url: str, tmp_path: Path) -> str:
    """A ward with the template's team imported from CSV and an invite, set up as the officer
    does; the schema is at the newest revision."""
    settings = Settings(database_url=database_url, bot_username="antt_demo_bot")
    await add_unit_command(settings, WARD, "commune", None, None)
    roster = tmp_path / "roster.csv"
    roster.write_bytes(roster_csv(EXAMPLE))
    await import_roster_command(settings, roster)
    await invite_command(settings, EXAMPLE[0].team, "member", 3, 7)
    return database_url


async def test_the_unit_listing_loads_no_messenger_no_file_writer_no_alembic_and_no_orm_model(
    ward_url: str,
) -> None:
    revoked = await invite_command(
        Settings(database_url=ward_url, bot_username="antt_demo_bot"), WARD, "officer", 1, 7
    )
    await _in_thread(ward_url, "admin", "revoke-invite", revoked.rsplit("code: ", 1)[1])
    output, imported = await _in_thread(ward_url, "admin", "list")
    assert f"{EXAMPLE[0].team} [team] · {len(EXAMPLE)} member(s)" in output
    assert "usable invites: 1" in output  # the revoked officer's invite is not listed
    assert packages(imported) & (MESSENGERS | FILE_WRITERS | {"alembic"}) == set()
    assert "storage.models" not in imported


def test_the_listing_reads_only_columns_the_models_declare_with_their_types() -> None:
    for lexical in (UNITS, MEMBERS, INVITES):
        declared = Base.metadata.tables[lexical.name]
        for listed in lexical.c:
            assert listed.name in declared.c, f"{lexical.name}.{listed.name}"
            if not isinstance(listed.type, NullType):
                assert isinstance(declared.c[listed.name].type, type(listed.type))


@pytest.mark.parametrize(
    "arguments",
    [
        ["admin", "add-unit", "Tổ bảo vệ ANTT số 13", "--kind", "team", "--parent", WARD],
        ["admin", "forget-member", EXAMPLE[2].phone],
        ["admin", "recount-work"],
        ["admin", "export-roster", "--unit", WARD, "--out", "{folder}/roster.csv"],
        ["admin", "import-roster", "{folder}/roster.csv"],
        ["admin", "roster-template", "{folder}/template.csv"],
    ],
    ids=lambda arguments: arguments[1],
)
async def test_admin_commands_that_do_not_talk_to_telegram_load_no_messenger(
    ward_url: str, tmp_path: Path, arguments: list[str]
) -> None:
    (tmp_path / "roster.csv").write_bytes(roster_csv(EXAMPLE))
    filled = [argument.replace("{folder}", str(tmp_path)) for argument in arguments]
    _, imported = await _in_thread(ward_url, *filled)
    assert packages(imported) & (MESSENGERS | FILE_WRITERS) == set()


async def test_revoking_an_invite_loads_no_messenger(database_url: str) -> None:
    settings = Settings(database_url=database_url, bot_username="antt_demo_bot")
    await add_unit_command(settings, "Tổ bảo vệ ANTT số 12", "team", None, None)
    code = (await invite_command(settings, "1", "member", 1, 7)).rsplit("code: ", 1)[1]
    output, imported = await _in_thread(database_url, "admin", "revoke-invite", code)
    assert output.startswith("invite 1 revoked")
    assert packages(imported) & (MESSENGERS | FILE_WRITERS) == set()


async def test_an_invite_with_the_bot_named_in_the_settings_loads_no_messenger(
    ward_url: str,
) -> None:
    output, imported = await _in_thread(ward_url, "admin", "invite", "--unit", WARD)
    assert "link: https://t.me/antt_demo_bot?start=" in output
    assert packages(imported) & (MESSENGERS | FILE_WRITERS) == set()


@pytest.mark.parametrize(("backend", "library"), [("aiogram", "aiogram"), ("ptb", "telegram")])
async def test_an_invite_asks_telegram_through_the_configured_backend_only(
    ward_url: str, emulator: TelegramEmulator, backend: str, library: str
) -> None:
    asking = {
        "ANTT_BOT_USERNAME": "",
        "ANTT_BOT_TOKEN": TOKEN,
        "ANTT_TELEGRAM_API_URL": emulator.base_url,
        "ANTT_TELEGRAM_BACKEND": backend,
    }
    output, imported = await _in_thread(
        ward_url, "admin", "invite", "--unit", WARD, settings=asking
    )
    assert f"link: https://t.me/{emulator.bot_user.username}?start=" in output
    assert packages(imported) & {"aiogram", "telegram"} == {library}


async def test_a_database_behind_the_code_is_migrated_first(database_url: str) -> None:
    db = Database(database_url)
    try:
        await db.migrate("0008")
        output, imported = await _in_thread(database_url, "admin", "list")
        async with db.read() as session:
            stored = await session.scalar(text("SELECT version_num FROM alembic_version"))
    finally:
        await db.dispose()
    assert output.startswith("no units yet")
    assert "alembic" in packages(imported)
    assert stored == newest_revision()


def test_the_newest_revision_is_read_from_the_files_as_alembic_reads_it() -> None:
    assert newest_revision() == ScriptDirectory.from_config(alembic_config()).get_current_head()


async def _in_thread(
    database_url: str, *arguments: str, settings: dict[str, str] | None = None
) -> tuple[str, set[str]]:
    """The command line beside the test's event loop (the emulator and PostgreSQL's reset
    run on that loop)."""
    return await asyncio.to_thread(
        lambda: command_line(database_url, *arguments, settings=settings)
    )
