"""Inviting on Zalo: Zalo has no deep links, so an invite is a code to read aloud and type on a
phone (ABCD-EFGH-JKMN), the Zalo bot's link (ANTT_ZALO_BOT_LINK) and a QR code of it; on
Telegram the link as before, with its QR code for printing. The QR codes are decoded with a real
decoder (zxing-cpp)."""

from __future__ import annotations

import io
import logging
import math
import re
import secrets
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pydantic import SecretStr
from typer.testing import CliRunner

from bot.app import BotApp
from chat import actions
from chat.clock import FixedClock
from chat.events import Incoming
from chat.invite_ways import JoiningWays, qr_png
from chat.replies import REPLY, Say, SendFile
from cli.app import app as cli_app
from config.settings import Settings, SettingsError, load_settings
from emulator.server import TelegramEmulator
from emulator.zalo import ZaloEmulator
from emulator.zalo.server import TEST_TOKEN
from handlers.conversation import handle
from handlers.invite_card import invite_card
from handlers.turn import Turn
from storage.database import Database
from storage.invite_codes import ALPHABET, LENGTH, new_code, read_code, shown
from storage.invites import create_invite, find_invite, hash_code
from storage.models import Invite, Member, Unit
from storage.outbox import Notice, enqueue_notices
from storage.units import add_unit
from tests.waiting import eventually
from tests.zalo.helpers import on_both_messengers

ZALO_LINK = "https://zalo.me/1459232241454765289"
WARD = "Phường Đống Đa"
TEAM = "Tổ bảo vệ ANTT số 12"
CODE = re.compile(r"\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\b")
TELEGRAM_LINK = re.compile(r"https://t\.me/antt_demo_bot\?start=([0-9A-Z]+)")


class KeptFiles:
    """Download links as the bot's HTTP server gives them (`bot.downloads` is tested on its
    own), with each file kept here so the test can open what the link would serve."""

    def __init__(self) -> None:
        self.files: dict[str, SendFile] = {}

    async def link_for(self, channel: str, chat_ref: str, file: SendFile) -> str:
        link = f"https://bot.example.vn/files/{len(self.files) + 1}"
        self.files[link] = file
        return link


def decoded(png: bytes) -> str:
    """What a phone's camera reads in a QR code picture."""
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    found = zxingcpp.read_barcode(image)
    assert found is not None, "no QR code in the picture"
    assert found.format == zxingcpp.BarcodeFormat.QRCode
    return str(found.text)


@pytest.fixture
def kept() -> KeptFiles:
    return KeptFiles()


@pytest.fixture
async def zalo() -> AsyncIterator[ZaloEmulator]:
    async with ZaloEmulator() as server:
        yield server


@pytest.fixture
async def both(
    database_url: str,
    emulator: TelegramEmulator,
    zalo: ZaloEmulator,
    clock: FixedClock,
    kept: KeptFiles,
) -> AsyncIterator[BotApp]:
    """One bot on Telegram and Zalo (ANTT_MESSENGERS=telegram,zalo), its Zalo link set."""
    settings = on_both_messengers(database_url, emulator, zalo, zalo_bot_link=ZALO_LINK)
    app = BotApp(settings, clock=clock, links=kept)
    await app.start()
    try:
        yield app
    finally:
        await app.stop()


async def dong_da(db: Database) -> tuple[Unit, Unit]:
    """Phường Đống Đa and its Tổ bảo vệ ANTT số 12 (5 members planned)."""
    async with db.write() as session:
        ward = await add_unit(session, WARD, "commune")
        team = await add_unit(session, TEAM, "team", ward, planned_size=5)
    return ward, team


async def test_an_officer_in_a_ward_on_both_messengers_gets_each_ones_invite_and_qr_codes(
    emulator: TelegramEmulator, zalo: ZaloEmulator, both: BotApp, clock: FixedClock
) -> None:
    ward, _team = await dong_da(both.db)
    officer = emulator.phone(user_id=2001, first_name="Ơn", last_name="Lương Văn")
    async with both.db.write() as session:
        session.add(
            Member(
                telegram_user_id=2001,
                full_name="Lương Văn Ơn",
                role="officer",
                unit_id=ward.id,
                consent_at=clock.now(),
            )
        )
    await officer.send("/quanly")
    await officer.press("👥 Các tổ (1)")
    await officer.press(f"{TEAM} · 0/5")
    invite, zalo_qr, telegram_qr = await officer.press("🔗 Mời tổ viên", expect=3)

    text = invite.text_plain
    assert f"Lời mời vào {TEAM} với vai trò tổ viên, dùng được 5 lần" in text
    [code] = CODE.findall(text)
    assert f"💬 Zalo: mở {ZALO_LINK} (hoặc quét mã QR), rồi gửi cho bot mã mời {code}" in text
    telegram_link = TELEGRAM_LINK.search(text)
    assert telegram_link is not None and telegram_link[1] == code.replace("-", "")

    assert zalo_qr.document is not None and telegram_qr.document is not None
    assert zalo_qr.document.filename == f"Mã QR Zalo - {TEAM}.png"
    assert decoded(zalo_qr.document.data) == ZALO_LINK
    assert zalo_qr.text_plain == f"Mở Zalo, quét mã, gửi mã mời {code} để vào {TEAM}."
    assert decoded(telegram_qr.document.data) == telegram_link[0]

    # Uyên on Zalo types the code as it was read to her: lower case, spaces between groups.
    uyen = zalo.phone(2, "Phạm Thị Ưng Uyên")
    [greeting] = await uyen.send(f"/start {code.lower().replace('-', ' ')}")
    assert f"trợ lý báo cáo của {TEAM}, {WARD}" in greeting.text


async def test_a_zalo_officer_gets_the_invite_in_plain_text_and_the_qr_code_as_a_photo(
    zalo: ZaloEmulator, both: BotApp, clock: FixedClock, kept: KeptFiles
) -> None:
    ward, team = await dong_da(both.db)
    duc = zalo.phone(7, "Đặng Văn Đức")
    pipeline = both.runs["zalo"].pipeline
    # What the Zalo officer's typed choice of "🔗 Mời tổ viên" becomes: the button's press
    # (typed choices are read back by the pipeline: chat/typed_choices.py).
    press = Incoming(
        channel="zalo",
        update_ref=1,
        chat_ref=duc.chat_id,
        user_ref=duc.user_id,
        user_name=duc.display_name,
        button=actions.NewInvite(team.id, "member").encode(),
    )
    async with both.db.write() as session:
        turn = Turn(
            session,
            press,
            pipeline.texts,
            pipeline.forms,
            clock.now(),
            pipeline.campaign,
            joining=pipeline.joining,
        )
        session.add(
            Member(
                zalo_user_id=duc.user_id,
                zalo_chat_id=duc.chat_id,
                full_name="Đặng Văn Đức",
                role="officer",
                unit_id=ward.id,
                consent_at=clock.now(),
            )
        )
        await session.flush()
        replies = await handle(turn)
    [menu] = await duc.send("/quanly")  # Zalo lets a bot write only to who wrote first
    assert f"Quản lý {WARD}" in menu.text
    assert [type(reply).__name__ for reply in replies] == ["Say", "SendFile", "SendFile"]
    async with both.db.write() as session:
        notices = [
            Notice(f"test:invite:{n}", duc.chat_id, REPLY.dump_python(reply))
            for n, reply in enumerate(replies)
        ]
        await enqueue_notices(session, "zalo", notices)
    both.runs["zalo"].sender.wake()
    await eventually(lambda: len(duc.messages) == 4, "the invite reaches Đức")

    invite, zalo_qr, telegram_qr = duc.messages[1:]
    assert invite.kind == "text" and "<b>" not in invite.text and "&" not in invite.text
    [code] = CODE.findall(invite.text)
    assert invite.text.startswith(f"Lời mời vào {TEAM} với vai trò tổ viên")
    assert f"mã mời {code}" in invite.text and ZALO_LINK in invite.text
    assert (zalo_qr.kind, zalo_qr.text) == (
        "photo",
        f"Mở Zalo, quét mã, gửi mã mời {code} để vào {TEAM}.",
    )
    assert zalo_qr.photo is not None
    assert decoded(kept.files[zalo_qr.photo].content()) == ZALO_LINK
    assert telegram_qr.kind == "photo" and telegram_qr.photo is not None
    assert decoded(kept.files[telegram_qr.photo].content()).endswith(code.replace("-", ""))
    assert not [call for call in zalo.state.refused if call[0].startswith("send")]


async def test_a_code_is_found_however_it_is_typed(database_url: str, clock: FixedClock) -> None:
    db = Database(database_url)
    await db.migrate()
    _ward, team = await dong_da(db)
    async with db.write() as session:
        issued = await create_invite(session, team, "member", 5, 7, clock.now())
    code = issued.code
    typings = [
        shown(code),
        shown(code).lower(),
        f"  {code[:4]} {code[4:8]} {code[8:]} ",
        f"{code[:4]}.{code[4:8]}-{code[8:]}".lower(),
        code.replace("0", "O").replace("1", "l"),  # the look-alikes read as digits
    ]
    async with db.read() as session:
        for typed in typings:
            found = await find_invite(session, typed)
            assert found is not None and found.id == issued.invite.id, typed
        wrong = code[:-1] + next(c for c in ALPHABET if c != code[-1])
        assert await find_invite(session, wrong) is None
        assert await find_invite(session, "hôm nay trời đẹp") is None
    await db.dispose()


async def test_an_invite_made_before_the_new_codes_still_works(
    database_url: str, clock: FixedClock
) -> None:
    db = Database(database_url)
    await db.migrate()
    _ward, team = await dong_da(db)
    old = secrets.token_urlsafe(16)  # how codes were made until now: case matters
    async with db.write() as session:
        session.add(
            Invite(
                code_hash=hash_code(old),
                unit_id=team.id,
                role="member",
                uses_left=5,
                expires_at=clock.now().replace(year=2027),
            )
        )
    async with db.read() as session:
        found = await find_invite(session, old)
        assert found is not None and found.unit_id == team.id
        assert await find_invite(session, f" {old} ") is not None
        if old.lower() != old:
            assert await find_invite(session, old.lower()) is None
    await db.dispose()


def test_new_codes_are_twelve_characters_without_look_alikes_and_60_bits() -> None:
    assert set(ALPHABET).isdisjoint("ILOU") and len(set(ALPHABET)) == 32
    assert LENGTH * math.log2(len(ALPHABET)) >= 60
    codes = {new_code() for _ in range(2000)}
    assert len(codes) == 2000
    for code in codes:
        assert len(code) == LENGTH and set(code) <= set(ALPHABET)
        assert re.fullmatch(r"\w{4}-\w{4}-\w{4}", shown(code))
        assert read_code(shown(code).lower()) == code
    assert read_code("ABCD-EFGH-JKM") is None  # a group short
    assert read_code("ABCD-EFGH-JKMU") is None  # U is never in a code


def test_the_qr_code_is_a_png_a_phone_reads_as_the_link() -> None:
    png = qr_png(ZALO_LINK)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.size[0] == image.size[1] >= 250
    assert decoded(png) == ZALO_LINK


def test_the_zalo_bot_link_is_checked_in_one_line() -> None:
    assert load_settings(zalo_bot_link=" https://zalo.me/1459232241454765289 ").zalo_bot_link == (
        ZALO_LINK
    )
    assert load_settings(zalo_bot_link="").zalo_bot_link is None
    with pytest.raises(SettingsError) as refused:
        load_settings(zalo_bot_link="zalo.me/1459232241454765289")
    assert str(refused.value) == (
        "ANTT_ZALO_BOT_LINK is invalid (not an https:// link): expected the link that opens the "
        "Zalo bot, as Zalo Bot Manager shows it, such as https://zalo.me/1234567890123456789 "
        "(invites on Zalo show it and its QR code)"
    )


def test_admin_invite_for_a_ward_on_both_messengers_prints_both_and_writes_the_qr_codes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("ANTT_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'admin.sqlite3'}")
    monkeypatch.setenv("ANTT_BOT_USERNAME", "antt_demo_bot")
    monkeypatch.delenv("ANTT_BOT_TOKEN", raising=False)
    monkeypatch.setenv("ANTT_MESSENGERS", "telegram,zalo")
    monkeypatch.setenv("ANTT_ZALO_BOT_LINK", ZALO_LINK)
    cli = CliRunner()
    assert cli.invoke(cli_app, ["admin", "add-unit", WARD, "--kind", "commune"]).exit_code == 0
    added = cli.invoke(cli_app, ["admin", "add-unit", TEAM, "--kind", "team", "--parent", WARD])
    assert added.exit_code == 0, added.output
    made = cli.invoke(
        cli_app, ["admin", "invite", "--unit", TEAM, "--uses", "5", "--qr-dir", str(tmp_path)]
    )
    assert made.exit_code == 0, made.output
    lines = made.output.splitlines()
    code = lines[-3].removeprefix("code: ")
    assert CODE.fullmatch(code), made.output
    assert lines[1] == f"link: https://t.me/antt_demo_bot?start={code.replace('-', '')}"
    assert lines[2] == (
        f"zalo: open {ZALO_LINK} (or scan its QR code), then send the bot the code {code}"
    )
    assert decoded((tmp_path / "invite-1-zalo.png").read_bytes()) == ZALO_LINK
    telegram_png = (tmp_path / "invite-1-telegram.png").read_bytes()
    assert decoded(telegram_png) == lines[1].removeprefix("link: ")
    assert lines[-2:] == [
        f"qr (telegram): {tmp_path / 'invite-1-telegram.png'}",
        f"qr (zalo): {tmp_path / 'invite-1-zalo.png'}",
    ]
    revoked = cli.invoke(cli_app, ["admin", "revoke-invite", code.lower()])
    assert revoked.exit_code == 0, revoked.output


def test_admin_invite_on_zalo_alone_shows_no_telegram_link(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("ANTT_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'admin.sqlite3'}")
    monkeypatch.delenv("ANTT_BOT_USERNAME", raising=False)
    monkeypatch.delenv("ANTT_BOT_TOKEN", raising=False)
    monkeypatch.delenv("ANTT_ZALO_BOT_LINK", raising=False)
    monkeypatch.setenv("ANTT_MESSENGERS", "zalo")
    cli = CliRunner()
    assert cli.invoke(cli_app, ["admin", "add-unit", WARD, "--kind", "commune"]).exit_code == 0
    made = cli.invoke(cli_app, ["admin", "invite", "--unit", WARD, "--role", "officer"])
    assert made.exit_code == 0, made.output
    assert "t.me" not in made.output and "link:" not in made.output
    assert "set ANTT_ZALO_BOT_LINK to show the bot's link and QR code" in made.output


async def test_a_bot_on_zalo_without_its_link_says_so_in_one_line_and_invites_show_the_code(
    zalo: ZaloEmulator, database_url: str, clock: FixedClock, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings(
        messengers=("zalo",),
        zalo_token=SecretStr(TEST_TOKEN),
        zalo_api_url=zalo.base_url,
        database_url=database_url,
        poll_timeout_seconds=1,
    )
    with caplog.at_level(logging.WARNING, logger="bot.app"):
        app = BotApp(settings, clock=clock)
    await app.start()
    try:
        [said] = [r.getMessage() for r in caplog.records if "ANTT_ZALO_BOT_LINK" in r.getMessage()]
        assert said == (
            "invites on Zalo will show the code without the bot's link or QR code: set "
            "ANTT_ZALO_BOT_LINK to the link Zalo Bot Manager shows"
        )
        assert app.pipeline.joining == JoiningWays(telegram=False, zalo=True, zalo_link=None)
        _ward, team = await dong_da(app.db)
        turn_texts = app.pipeline.texts
        async with app.db.write() as session:
            issued = await create_invite(session, team, "member", 5, 7, clock.now())
            turn = Turn(
                session,
                Incoming("zalo", 1, "c", "u", "Đức"),
                turn_texts,
                app.pipeline.forms,
                clock.now(),
                app.pipeline.campaign,
                joining=app.pipeline.joining,
            )
            [card] = invite_card(turn, TEAM, "tổ viên", 5, clock.now(), issued.code)
        assert isinstance(card, Say)
        assert "tìm bot của phường trên Zalo, rồi gửi cho bot mã mời" in card.text
        assert shown(issued.code) in card.text and "t.me" not in card.text
    finally:
        await app.stop()
