"""The officer sets up a ward from the command line: units, invites, a listing."""

from __future__ import annotations

import asyncio
import re
import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.app import app
from emulator.server import TelegramEmulator
from tests.conftest import TOKEN


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> CliRunner:
    monkeypatch.setenv("ANTT_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'admin.sqlite3'}")
    monkeypatch.setenv("ANTT_BOT_USERNAME", "antt_demo_bot")
    monkeypatch.delenv("ANTT_BOT_TOKEN", raising=False)
    return CliRunner()


def test_officer_creates_a_team_and_an_invite(cli: CliRunner) -> None:
    ward = cli.invoke(app, ["admin", "add-unit", "Phường Yên Hòa", "--kind", "commune"])
    assert ward.exit_code == 0, ward.output
    team = cli.invoke(
        app, ["admin", "add-unit", "Tổ 12", "--kind", "team", "--parent", "phường yên hòa"]
    )
    assert "under Phường Yên Hòa" in team.output
    invite = cli.invoke(app, ["admin", "invite", "--unit", "Tổ 12", "--uses", "3", "--days", "7"])
    assert invite.exit_code == 0, invite.output
    link = next(line for line in invite.output.splitlines() if line.startswith("link: "))
    code = invite.output.rsplit("code: ", 1)[1].strip()
    assert link == f"link: https://t.me/antt_demo_bot?start={code.replace('-', '')}"
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", code)

    listing = cli.invoke(app, ["admin", "list"])
    assert "Phường Yên Hòa [commune]" in listing.output
    assert "  2. Tổ 12 [team] · 0 member(s)" in listing.output
    assert "3 use(s) left" in listing.output

    revoked = cli.invoke(app, ["admin", "revoke-invite", code])
    assert revoked.exit_code == 0
    assert "usable invites: 0" in cli.invoke(app, ["admin", "list"]).output


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["admin", "invite", "--unit", "Tổ 99"], "no unit named 'Tổ 99'"),
        (["admin", "invite", "--unit", "42"], "no unit with id 42"),
        (["admin", "add-unit", "X", "--kind", "planet"], "unknown unit kind 'planet'"),
        (["admin", "add-unit", "X", "--kind", "team", "--parent", "Nowhere"], "no unit named"),
        (["admin", "revoke-invite", "nope"], "no invite has this code"),
    ],
)
def test_bad_arguments_get_one_clear_line(
    cli: CliRunner, arguments: list[str], message: str
) -> None:
    result = cli.invoke(app, arguments)
    assert result.exit_code == 2
    assert message in result.output


def test_an_invite_needs_a_known_role_and_positive_limits(cli: CliRunner) -> None:
    cli.invoke(app, ["admin", "add-unit", "Tổ 12", "--kind", "team"])
    for extra, message in (
        (["--role", "boss"], "unknown role 'boss'"),
        (["--uses", "0"], "--uses must be at least 1"),
        (["--days", "0"], "--days must be at least 1"),
    ):
        result = cli.invoke(app, ["admin", "invite", "--unit", "Tổ 12", *extra])
        assert result.exit_code == 2 and message in result.output


def test_an_invite_says_why_telegram_could_not_name_the_bot(
    cli: CliRunner, monkeypatch: pytest.MonkeyPatch, backend: str
) -> None:
    monkeypatch.setenv("ANTT_TELEGRAM_BACKEND", backend)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        address = f"http://127.0.0.1:{sock.getsockname()[1]}"  # nobody listens there
    monkeypatch.delenv("ANTT_BOT_USERNAME")
    monkeypatch.setenv("ANTT_BOT_TOKEN", "123456:TEST-secret-token-value")
    monkeypatch.setenv("ANTT_TELEGRAM_API_URL", address)
    added = cli.invoke(app, ["admin", "add-unit", "Tổ 12 Đông Ngạc", "--kind", "team"])
    assert added.exit_code == 0, added.output
    invite = cli.invoke(app, ["admin", "invite", "--unit", "1"])
    assert invite.exit_code == 0, invite.output
    link = next(line for line in invite.output.splitlines() if line.startswith("link: "))
    assert f"Telegram is not answering at {address}" in link
    assert "set ANTT_BOT_USERNAME" in link
    assert "TEST-secret" not in invite.output

    monkeypatch.delenv("ANTT_BOT_TOKEN")
    invite = cli.invoke(app, ["admin", "invite", "--unit", "1"])
    assert "ANTT_BOT_TOKEN is not set" in invite.output


def invite_asking_telegram(database_url: str, emulator: TelegramEmulator, backend: str) -> str:
    """`admin invite` with no ANTT_BOT_USERNAME: the bot's name is asked from the emulator."""
    environment: dict[str, str | None] = {
        "ANTT_DATABASE_URL": database_url,
        "ANTT_TELEGRAM_BACKEND": backend,
        "ANTT_BOT_TOKEN": TOKEN,
        "ANTT_TELEGRAM_API_URL": emulator.base_url,
        "ANTT_BOT_USERNAME": None,
    }
    runner = CliRunner()
    added = runner.invoke(app, ["admin", "add-unit", "Tổ 12", "--kind", "team"], env=environment)
    assert added.exit_code == 0, added.output
    invite = runner.invoke(app, ["admin", "invite", "--unit", "Tổ 12"], env=environment)
    assert invite.exit_code == 0, invite.output
    return invite.output


async def test_an_invite_link_names_the_bot_as_telegram_does_on_either_backend(
    database_url: str, backend: str
) -> None:
    async with TelegramEmulator(bot_username="yen_hoa_antt_bot") as emulator:
        output = await asyncio.to_thread(invite_asking_telegram, database_url, emulator, backend)
        asked = emulator.calls_to("getMe")
    code = output.rsplit("code: ", 1)[1].strip()
    assert f"link: https://t.me/yen_hoa_antt_bot?start={code.replace('-', '')}" in output
    assert len(asked) == 1


async def test_an_invite_says_telegram_refused_the_token_on_either_backend(
    database_url: str, backend: str
) -> None:
    async with TelegramEmulator(token="654321:ANOTHER-bot-token") as emulator:
        output = await asyncio.to_thread(invite_asking_telegram, database_url, emulator, backend)
    link = next(line for line in output.splitlines() if line.startswith("link: "))
    assert f"Telegram at {emulator.base_url} refused ANTT_BOT_TOKEN" in link
    assert "set ANTT_BOT_USERNAME" in link
    assert "TEST-secret" not in output
