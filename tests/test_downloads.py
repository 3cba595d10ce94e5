"""A ward officer on a messenger that cannot send files (Zalo) gets the workbook and the Word
report as a download link from the bot's own HTTP server: it opens for 24 hours, one file of
one ward, its Vietnamese name kept, every attempt in the access log. Through real HTTP on
127.0.0.1 with aiohttp's client."""

from __future__ import annotations

import datetime as dt
import logging
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass
from io import BytesIO
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import aiohttp
import pytest
from docx import Document
from multidict import CIMultiDictProxy
from openpyxl import load_workbook
from pydantic import SecretStr
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.app import BotApp
from bot.channel import DeliveryFailure, FileLinks
from bot.download_tokens import FileTicket
from bot.downloads import DownloadShelf, download_routes, serve_downloads
from bot.health import HealthServer, health_routes
from chat.clock import FixedClock
from chat.replies import SendFile
from chat.texts import texts_for
from config.settings import Settings, SettingsError, load_settings
from emulator.server import TelegramEmulator
from storage.access_log import access_entries
from storage.database import Database
from storage.forget import forget_member
from storage.models import Member, SharedFile, Unit
from storage.units import add_unit
from summaries.packages import campaign_named, parse_period, ward_package
from tests.conftest import MORNING
from tests.test_webhook import webhook_settings
from tests.ward import Ward, name_oneself

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
SECRET = "kí-hiệu-bí-mật-để-kí-liên-kết-tải-tệp-0123456789"
WORKBOOK_NAME = "Tổng hợp tháng 11-2026 – Phường Đằng Lâm.xlsx"
REPORT_NAME = "Báo cáo tháng 11-2026 – Phường Đằng Lâm.docx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Wards:
    """Phường Đằng Lâm (officer Đặng Thị Ước, Telegram 2001) and Phường Yên Hòa (officer
    Lương Văn Ơn, 2002), and the shelf serving links on the bot's HTTP server."""

    db: Database
    clock: FixedClock
    shelf: DownloadShelf
    dang_lam: Unit
    yen_hoa: Unit
    uoc: Member
    on: Member

    async def package(self, ward: Unit) -> dict[str, bytes]:
        """The ward's November files, made as /baocao and the digests make them."""
        campaign = campaign_named("ha-noi-357")
        async with self.db.read() as session:
            made = await ward_package(
                session, ward, campaign, parse_period("2026-11", campaign), MORNING.date(), ZONE
            )
        return made.files

    async def log(self) -> list[tuple[str, int | None, int | None, str | None, str]]:
        """The access log: action, member, ward, subject, actor."""
        async with self.db.read() as session:
            return [
                (entry.action, entry.member_id, entry.unit_id, entry.subject, entry.actor)
                for entry in await access_entries(session)
            ]

    async def files_kept(self) -> int:
        async with self.db.read() as session:
            return int(await session.scalar(select(func.count()).select_from(SharedFile)) or 0)


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    database = Database(database_url)
    await database.migrate()
    yield database
    await database.dispose()


@pytest.fixture
async def wards(db: Database, clock: FixedClock) -> AsyncIterator[Wards]:
    async with db.write() as session:
        dang_lam = await add_unit(session, "Phường Đằng Lâm", "commune")
        yen_hoa = await add_unit(session, "Phường Yên Hòa", "commune")
        await add_unit(session, "Tổ bảo vệ ANTT số 12", "team", dang_lam)
        uoc = Member(
            telegram_user_id=2001,
            full_name="Đặng Thị Ước",
            role="officer",
            unit_id=dang_lam.id,
            consent_at=clock.now(),
        )
        on = Member(
            telegram_user_id=2002,
            full_name="Lương Văn Ơn",
            role="officer",
            unit_id=yen_hoa.id,
            consent_at=clock.now(),
        )
        session.add_all([uoc, on])
    port = free_port()
    shelf = DownloadShelf(db, f"http://127.0.0.1:{port}", SECRET, clock, texts_for("vi"))
    server = HealthServer([*health_routes(db), *download_routes(shelf)], "127.0.0.1", port)
    await server.start()
    try:
        yield Wards(db, clock, shelf, dang_lam, yen_hoa, uoc, on)
    finally:
        await server.stop()


async def fetch(link: str) -> tuple[int, CIMultiDictProxy[str], bytes]:
    async with aiohttp.ClientSession() as client, client.get(link) as answer:
        return answer.status, answer.headers, await answer.read()


def signed_parts(link: str) -> list[str]:
    """A link's token as its four parts: file, ward, expiry, signature."""
    return urlsplit(link).path.removeprefix("/files/").split(".")


def relinked(link: str, parts: list[str]) -> str:
    return link.split("/files/")[0] + "/files/" + ".".join(parts)


async def test_the_officer_opens_the_wards_workbook_and_report_from_their_links(
    wards: Wards,
) -> None:
    files = await wards.package(wards.dang_lam)
    [workbook] = [data for name, data in files.items() if name.endswith(".xlsx")]
    [report] = [data for name, data in files.items() if name.endswith(".docx")]
    links: FileLinks = wards.shelf
    workbook_link = await links.link_for("telegram", "2001", SendFile.of(WORKBOOK_NAME, workbook))
    report_link = await links.link_for("telegram", "2001", SendFile.of(REPORT_NAME, report))
    assert workbook_link.startswith(f"{wards.shelf.public_url}/files/")

    status, headers, body = await fetch(workbook_link)
    assert status == 200
    assert headers["Content-Type"] == XLSX
    assert headers["Cache-Control"] == "private, no-store"
    sheets = load_workbook(BytesIO(body))
    cells = [
        str(cell) for sheet in sheets for row in sheet.iter_rows(values_only=True) for cell in row
    ]
    assert any("Đằng Lâm" in cell for cell in cells)

    status, headers, body = await fetch(report_link)
    assert status == 200
    text = "\n".join(paragraph.text for paragraph in Document(BytesIO(body)).paragraphs)
    assert "ĐẰNG LÂM" in text.upper()


async def test_the_downloaded_file_keeps_its_vietnamese_name(wards: Wards) -> None:
    link = await wards.shelf.link_for("telegram", "2001", SendFile.of(WORKBOOK_NAME, b"PK..."))
    async with aiohttp.ClientSession() as client, client.get(link) as answer:
        assert answer.status == 200
        assert answer.content_disposition is not None
        assert answer.content_disposition.type == "attachment"
        assert answer.content_disposition.filename == WORKBOOK_NAME  # filename* (RFC 5987)
        header = answer.headers["Content-Disposition"]
    assert 'filename="Tong hop thang 11-2026 _ Phuong Dang Lam.xlsx"' in header
    assert header.isascii()


async def test_a_name_cannot_break_out_of_its_header(wards: Wards) -> None:
    name = 'Báo cáo "tháng 11"\r\nSet-Cookie: x=1/../Đằng Lâm.docx'
    link = await wards.shelf.link_for("telegram", "2001", SendFile.of(name, b"docx"))
    async with aiohttp.ClientSession() as client, client.get(link) as answer:
        assert "Set-Cookie" not in answer.headers
        assert answer.content_disposition is not None
        assert (
            answer.content_disposition.filename == "Báo cáo tháng 11Set-Cookie: x=1..Đằng Lâm.docx"
        )


async def test_a_link_opens_for_24_hours_then_says_to_ask_again(wards: Wards) -> None:
    link = await wards.shelf.link_for("telegram", "2001", SendFile.of(WORKBOOK_NAME, b"data"))
    wards.clock.moment = MORNING + dt.timedelta(hours=23, minutes=59)
    assert (await fetch(link))[0] == 200

    wards.clock.moment = MORNING + dt.timedelta(hours=24)
    status, headers, body = await fetch(link)
    assert status == 410
    assert headers["Content-Type"].startswith("text/html")
    page = body.decode("utf-8")
    assert "Liên kết đã hết hạn" in page
    assert "yêu cầu lại báo cáo" in page


async def test_expired_files_are_deleted_and_their_links_still_say_expired(
    wards: Wards,
) -> None:
    link = await wards.shelf.link_for("telegram", "2001", SendFile.of(WORKBOOK_NAME, b"data"))
    assert await wards.files_kept() == 1
    wards.clock.moment = MORNING + dt.timedelta(hours=23)
    assert await wards.shelf.sweep() == 0
    wards.clock.moment = MORNING + dt.timedelta(hours=25)
    assert await wards.shelf.sweep() == 1
    assert await wards.files_kept() == 0
    assert (await fetch(link))[0] == 410


async def test_expired_files_go_when_the_next_link_is_made(wards: Wards) -> None:
    await wards.shelf.link_for("telegram", "2001", SendFile.of(WORKBOOK_NAME, b"old"))
    wards.clock.moment = MORNING + dt.timedelta(days=2)
    await wards.shelf.link_for("telegram", "2001", SendFile.of(WORKBOOK_NAME, b"new"))
    async with wards.db.read() as session:
        kept = (await session.scalars(select(SharedFile))).all()
    assert [file.content for file in kept] == [b"new"]


async def test_a_changed_token_opens_nothing(wards: Wards) -> None:
    link = await wards.shelf.link_for("telegram", "2001", SendFile.of(WORKBOOK_NAME, b"data"))
    file_id, ward_id, expires, signature = signed_parts(link)
    flipped = signature[:-1] + ("A" if signature[-1] != "A" else "B")
    for parts in (
        [file_id, ward_id, expires, flipped],
        [file_id, ward_id, str(int(expires) + 86400), signature],  # a longer life
        [file_id, ward_id, expires, signature.lower()],
    ):
        status, _, body = await fetch(relinked(link, parts))
        assert status == 404
        assert "Không tìm thấy tệp" in body.decode("utf-8")
    for broken in ("", "abc", f"{file_id}.{ward_id}.{expires}", link.split("/files/")[1] + "x"):
        assert (await fetch(relinked(link, [broken])))[0] == 404
    assert (await fetch(link))[0] == 200


async def test_a_link_for_ward_a_cannot_be_changed_to_open_ward_bs_file(wards: Wards) -> None:
    link_a = await wards.shelf.link_for("telegram", "2001", SendFile.of(WORKBOOK_NAME, b"A"))
    link_b = await wards.shelf.link_for(
        "telegram", "2002", SendFile.of("Tổng hợp – Phường Yên Hòa.xlsx", b"B")
    )
    id_a, ward_a, expires_a, signature_a = signed_parts(link_a)
    id_b, ward_b, expires_b, signature_b = signed_parts(link_b)
    assert (int(ward_a), int(ward_b)) == (wards.dang_lam.id, wards.yen_hoa.id)
    assert signature_a != signature_b
    for parts in (
        [id_b, ward_a, expires_a, signature_a],  # ward A's signature, ward B's file
        [id_b, ward_b, expires_a, signature_a],
        [id_a, ward_b, expires_a, signature_a],  # A's file claimed as ward B's
        [id_b, ward_a, expires_b, signature_b],
    ):
        assert (await fetch(relinked(link_a, parts)))[0] == 404
    assert (await fetch(link_a))[2] == b"A"
    assert (await fetch(link_b))[2] == b"B"


async def test_a_file_is_kept_with_the_ward_of_the_member_and_signed_for_it(
    wards: Wards,
) -> None:
    """A token signed for the right file but another ward (as a leaked secret could make) is
    still refused: the kept file says which ward it belongs to."""
    link = await wards.shelf.link_for("telegram", "2001", SendFile.of(WORKBOOK_NAME, b"A"))
    file_id, _, expires, _ = signed_parts(link)
    async with wards.db.read() as session:
        kept = await session.get(SharedFile, int(file_id))
        assert kept is not None
        assert (kept.unit_id, kept.member_id, kept.name) == (
            wards.dang_lam.id,
            wards.uoc.id,
            WORKBOOK_NAME,
        )
    other_ward = FileTicket(int(file_id), wards.yen_hoa.id, int(expires))
    forged = relinked(link, [wards.shelf.signer.token(other_ward)])
    assert (await fetch(forged))[0] == 404


async def test_links_are_not_guessable(wards: Wards) -> None:
    first = await wards.shelf.link_for("telegram", "2001", SendFile.of(WORKBOOK_NAME, b"A"))
    second = await wards.shelf.link_for("telegram", "2001", SendFile.of(REPORT_NAME, b"B"))
    signature = signed_parts(first)[3]
    assert len(signature) == 43  # 256 bits of HMAC-SHA256
    # The next file's link cannot be made from the one before: only its id differs in the
    # open, and its signature is another.
    file_id, ward_id, expires, _ = signed_parts(first)
    guessed = relinked(first, [str(int(file_id) + 1), ward_id, expires, signature])
    assert signed_parts(second)[0] == str(int(file_id) + 1)
    assert (await fetch(guessed))[0] == 404
    other_secret = DownloadShelf(
        wards.db, wards.shelf.public_url, "x" * 40, wards.clock, texts_for("vi")
    )
    ticket = FileTicket(int(file_id), int(ward_id), int(expires))
    assert (await fetch(relinked(first, [other_secret.signer.token(ticket)])))[0] == 404


async def test_every_download_and_refusal_is_in_the_access_log_without_the_token(
    wards: Wards, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    link = await wards.shelf.link_for("telegram", "2001", SendFile.of(WORKBOOK_NAME, b"data"))
    token = link.split("/files/")[1]
    await fetch(link)
    await fetch(link[:-1] + ("A" if link[-1] != "A" else "B"))
    wards.clock.moment = MORNING + dt.timedelta(days=1)
    await fetch(link)

    assert await wards.log() == [
        ("download", wards.uoc.id, wards.dang_lam.id, WORKBOOK_NAME, "download link"),
        ("download-refused", None, None, "not signed", "download link"),
        ("download-expired", wards.uoc.id, wards.dang_lam.id, WORKBOOK_NAME, "download link"),
    ]
    signature = token.split(".")[3]
    assert not any(signature in " ".join(map(str, row)) for row in await wards.log())
    assert signature not in caplog.text


async def test_a_forgotten_members_files_go_with_them(wards: Wards) -> None:
    link = await wards.shelf.link_for("telegram", "2001", SendFile.of(WORKBOOK_NAME, b"data"))
    await wards.shelf.link_for("telegram", "2002", SendFile.of(REPORT_NAME, b"other"))
    async with wards.db.write() as session:
        uoc = await session.get(Member, wards.uoc.id)
        assert uoc is not None
        await forget_member(session, uoc, wards.clock.now())
    assert await wards.files_kept() == 1
    assert (await fetch(link))[0] == 404
    assert (await wards.log())[-1][:4] == (
        "download-refused",
        None,
        wards.dang_lam.id,
        "no such file",
    )


async def test_a_delivery_retried_gives_the_same_link_and_keeps_one_file(wards: Wards) -> None:
    file = SendFile.of(WORKBOOK_NAME, b"data")
    first = await wards.shelf.link_for("telegram", "2001", file)
    wards.clock.moment = MORNING + dt.timedelta(minutes=5)
    assert await wards.shelf.link_for("telegram", "2001", file) == first
    assert await wards.files_kept() == 1
    wards.clock.moment = MORNING + dt.timedelta(hours=2)  # asked again later: a fresh 24 hours
    assert await wards.shelf.link_for("telegram", "2001", file) != first


async def test_a_chat_with_nobody_behind_it_gets_no_link(wards: Wards) -> None:
    with pytest.raises(DeliveryFailure) as refused:
        await wards.shelf.link_for("telegram", "9999", SendFile.of(WORKBOOK_NAME, b"data"))
    assert refused.value.permanent
    assert await wards.files_kept() == 0


async def test_the_messenger_says_who_is_behind_its_chat(wards: Wards) -> None:
    """Zalo's accounts are the messenger's own: the shelf is given the lookup."""

    async def zalo_member(session: AsyncSession, channel: str, chat_ref: str) -> Member | None:
        assert channel == "zalo"
        return await session.get(Member, wards.on.id) if chat_ref == "zalo-on" else None

    shelf = DownloadShelf(
        wards.db, wards.shelf.public_url, SECRET, wards.clock, texts_for("vi"), zalo_member
    )
    link = await shelf.link_for("zalo", "zalo-on", SendFile.of("Biểu đồ.png", b"\x89PNG"))
    status, headers, body = await fetch(link)
    assert (status, headers["Content-Type"], body) == (200, "image/png", b"\x89PNG")
    assert (await wards.log())[-1][1:3] == (wards.on.id, wards.yen_hoa.id)


async def test_links_under_a_path_of_the_public_address(
    db: Database, clock: FixedClock, wards: Wards
) -> None:
    port = free_port()
    shelf = DownloadShelf(db, f"http://127.0.0.1:{port}/antt/", SECRET, clock, texts_for("en"))
    server = HealthServer(download_routes(shelf), "127.0.0.1", port)
    await server.start()
    try:
        link = await shelf.link_for("telegram", "2001", SendFile.of(REPORT_NAME, b"docx"))
        assert link.startswith(f"http://127.0.0.1:{port}/antt/files/")
        assert (await fetch(link))[2] == b"docx"
        clock.moment = MORNING + dt.timedelta(days=1)
        assert b"This link has expired" in (await fetch(link))[2]
    finally:
        await server.stop()


def test_download_links_need_an_address_and_a_secret() -> None:
    with pytest.raises(SettingsError, match="ANTT_PUBLIC_URL is not set"):
        Settings(download_secret=SecretStr(SECRET)).require_downloads()
    with pytest.raises(SettingsError, match="ANTT_DOWNLOAD_SECRET is not set"):
        Settings(public_url="https://bot.example.vn").require_downloads()
    configured = Settings(public_url="https://bot.example.vn", download_secret=SecretStr(SECRET))
    assert configured.require_downloads() == ("https://bot.example.vn", SECRET)
    with pytest.raises(SettingsError, match="ANTT_DOWNLOAD_SECRET is invalid"):
        load_settings(download_secret="short")
    with pytest.raises(SettingsError, match="ANTT_PUBLIC_URL is invalid"):
        load_settings(public_url="http://bot.example.vn")


async def test_a_bot_with_no_http_server_refuses_to_make_links(
    db: Database, clock: FixedClock
) -> None:
    shelf = DownloadShelf(db, "https://bot.example.vn", SECRET, clock, texts_for("vi"))
    with pytest.raises(SettingsError, match="download links need the bot's HTTP server"):
        serve_downloads(shelf, [], None)


def test_the_shelf_is_made_from_the_settings(db: Database, clock: FixedClock) -> None:
    settings = Settings(public_url="https://bot.example.vn/", download_secret=SecretStr(SECRET))
    shelf = DownloadShelf.configured(settings, db, clock, texts_for("vi"))
    assert shelf.public_url == "https://bot.example.vn"
    assert shelf.path == "/files/"
    assert "kí-hiệu" not in repr(settings)


@pytest.fixture(params=["polling", "webhook"])
async def serving_bot(
    request: pytest.FixtureRequest,
    settings: Settings,
    database_url: str,
    emulator: TelegramEmulator,
    backend: str,
    clock: FixedClock,
) -> AsyncIterator[tuple[BotApp, DownloadShelf]]:
    """The bot with download links on its own HTTP server: the health port with long polling,
    the webhook's port with the webhook."""
    if request.param == "webhook":
        configured = webhook_settings(database_url, emulator, backend)
        port = configured.webhook_port
    else:
        port = free_port()
        configured = settings.model_copy(update={"health_port": port})
    configured = configured.model_copy(
        update={"public_url": f"http://127.0.0.1:{port}", "download_secret": SecretStr(SECRET)}
    )
    app = BotApp(configured, clock=clock)
    shelf = DownloadShelf.configured(configured, app.db, app.clock, app.texts)
    serve_downloads(shelf, [app.webhook] if app.webhook else [], app.health)
    await app.start()
    shelf.start()
    try:
        yield app, shelf
    finally:
        await shelf.stop()
        await app.stop()


async def test_the_officers_baocao_files_open_from_the_bots_own_server(
    serving_bot: tuple[BotApp, DownloadShelf], emulator: TelegramEmulator, clock: FixedClock
) -> None:
    """The files /baocao makes, as a messenger without files would link them."""
    app, shelf = serving_bot
    async with Ward.create(app.db, clock) as ward:
        code = await ward.invite(role="officer", team_id=ward.ward_id)
        officer = emulator.phone(user_id=2001, first_name="Ước", last_name="Đặng Thị")
        await officer.send(f"/start {code}")
        await officer.share_contact("0900000001", expect=2)
        await name_oneself(officer)
        await officer.press("Đồng ý")
        await officer.send("/baocao")
        _making, _digest, *files = await officer.press("Tháng này", expect=5, timeout=20)
    documents = {m.document.filename: m.document.data for m in files if m.document}
    [xlsx] = [name for name in documents if name.endswith(".xlsx")]
    [docx] = [name for name in documents if name.endswith(".docx")]

    link = await shelf.link_for("telegram", "2001", SendFile.of(xlsx, documents[xlsx]))
    status, _, body = await fetch(link)
    assert status == 200
    assert load_workbook(BytesIO(body)).sheetnames
    link = await shelf.link_for("telegram", "2001", SendFile.of(docx, documents[docx]))
    status, _, body = await fetch(link)
    assert any("BÁO CÁO" in p.text for p in Document(BytesIO(body)).paragraphs)
    base = shelf.public_url
    assert (await fetch(f"{base}/readyz"))[0] == 200  # the same server as the health pages
