"""Files for a messenger that cannot send them (Zalo): kept for the person for 24 hours, handed
out as a signed address, served by the bot's own HTTP server.

`DownloadShelf` is the `bot.channel.FileLinks` a channel's render asks for a link; the file is
kept in the database with the ward of the member behind the chat, and `download_routes` serves
GET <path of ANTT_PUBLIC_URL>/files/<token> on the webhook's port or ANTT_HEALTH_PORT:
- 200 with the file (its Vietnamese name kept: RFC 5987 `filename*`);
- 410 with a short page saying to ask for the report again, once the 24 hours are over;
- 404 for a token we did not sign, or one naming a file that is not there.
Every answer is recorded in the access log (never the token), and expired files are deleted
at start, every hour, and now and then on a link or a download."""

from __future__ import annotations

import asyncio
import datetime as dt
import html
import logging
import mimetypes
import unicodedata
from collections.abc import Awaitable, Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote, urlsplit

from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession

from bot.channel import DeliveryFailure
from bot.download_tokens import FileTicket, TokenSigner
from bot.health import HealthServer
from bot.webhook import WebhookServer
from chat.clock import Clock
from chat.replies import SendFile
from chat.texts import Texts
from config.settings import Settings, SettingsError
from storage.access_log import log_access
from storage.accounts import member_at
from storage.database import Database
from storage.models import Member, SharedFile, Unit
from storage.shared_files import FileToShare, delete_expired, share_file, shared_file
from storage.units import ward_of

log = logging.getLogger(__name__)
LIFETIME = dt.timedelta(hours=24)
# A file asked for again within this time (a delivery retried) gets the link it already has.
REUSE_WINDOW = dt.timedelta(hours=1)
# Expired files are deleted at most this often when a link is made or a file downloaded ...
SWEEP_EVERY = dt.timedelta(minutes=10)
# ... and every hour by the shelf's own task while the bot runs.
SWEEP_SECONDS = 3600.0
ACTOR = "download link"
NAME_LENGTH = 200  # shared_files.name
SUBJECT_LENGTH = 100  # access_log.subject
MEDIA_TYPES = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".png": "image/png",
    ".csv": "text/csv; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".pdf": "application/pdf",
}
# Who is behind a chat: the member a file is kept for (and whose ward it belongs to).
OwnerLookup = Callable[[AsyncSession, str, str], Awaitable[Member | None]]


@dataclass(frozen=True)
class Opened:
    """What a download address gives: the file, or why not."""

    status: Literal[200, 404, 410]
    file: SharedFile | None = None


class DownloadShelf:
    """Keeps files for 24 hours for the person in a chat, hands out signed addresses and opens
    them again (`bot.channel.FileLinks`)."""

    def __init__(
        self,
        db: Database,
        public_url: str,
        secret: str,
        clock: Clock,
        texts: Texts,
        owner: OwnerLookup = member_at,
    ) -> None:
        self.db = db
        self.public_url = public_url.rstrip("/")
        self.signer = TokenSigner(secret)
        self.clock = clock
        self.texts = texts
        self.owner = owner
        self._swept_at: dt.datetime | None = None
        self._task: asyncio.Task[None] | None = None

    @classmethod
    def configured(
        cls,
        settings: Settings,
        db: Database,
        clock: Clock,
        texts: Texts,
        owner: OwnerLookup = member_at,
    ) -> DownloadShelf:
        """The shelf as ANTT_PUBLIC_URL and ANTT_DOWNLOAD_SECRET set it; a SettingsError (one
        line) when either is missing."""
        public_url, secret = settings.require_downloads()
        return cls(db, public_url, secret, clock, texts, owner)

    @property
    def path(self) -> str:
        """The path the links are served under: ANTT_PUBLIC_URL's, then /files/."""
        return urlsplit(self.public_url).path.rstrip("/") + "/files/"

    async def link_for(self, channel: str, chat_ref: str, file: SendFile) -> str:
        """Keep `file` for 24 hours for the member behind `chat_ref`, in their ward, and give
        the address that downloads it."""
        now = self.clock.now()
        expires_at = dt.datetime.fromtimestamp(int((now + LIFETIME).timestamp()), dt.UTC)
        async with self.db.write() as session:
            ticket = await self._keep(session, channel, chat_ref, file, now, expires_at)
        if ticket is None:  # raised here: a frozen exception cannot pass through `async with`
            raise DeliveryFailure("no member behind this chat to keep a file for", permanent=True)
        await self._sweep_now_and_then(now)
        return f"{self.public_url}/files/{self.signer.token(ticket)}"

    async def _keep(
        self,
        session: AsyncSession,
        channel: str,
        chat_ref: str,
        file: SendFile,
        now: dt.datetime,
        expires_at: dt.datetime,
    ) -> FileTicket | None:
        """The file kept in the ward of the member behind the chat; None when nobody is."""
        member = await self.owner(session, channel, chat_ref)
        if member is None:
            return None
        unit = await session.get(Unit, member.unit_id)
        assert unit is not None  # a member's unit is a foreign key
        ward = await ward_of(session, unit) or unit
        kept = await share_file(
            session,
            FileToShare(
                unit_id=ward.id,
                member=member,
                channel=channel,
                chat_ref=chat_ref,
                name=file_name(file.name),
                media_type=media_type(file.name),
                content=file.content(),
            ),
            now,
            expires_at,
            reuse_after=expires_at - REUSE_WINDOW,
        )
        return FileTicket(kept.id, kept.unit_id, int(kept.expires_at.timestamp()))

    async def open(self, token: str) -> Opened:
        """The file a token names while it is valid, recorded in the access log either way."""
        now = self.clock.now()
        ticket = self.signer.read(token)
        async with self.db.write() as session:
            if ticket is None:
                await self._record(session, "download-refused", now, subject="not signed")
                return Opened(404)
            kept = await shared_file(session, ticket.file_id)
            if kept is not None and not _names(ticket, kept):
                kept = None  # not the file this token was made for: never serve it
            if now.timestamp() >= ticket.expires:
                await self._record(session, "download-expired", now, ticket.unit_id, kept)
                return Opened(410)
            if kept is None:
                await self._record(
                    session, "download-refused", now, ticket.unit_id, subject="no such file"
                )
                return Opened(404)
            await self._record(session, "download", now, kept.unit_id, kept)
        await self._sweep_now_and_then(now)
        return Opened(200, kept)

    async def sweep(self) -> int:
        """Delete every expired file now; how many went."""
        now = self.clock.now()
        self._swept_at = now
        async with self.db.write() as session:
            gone = await delete_expired(session, now)
        if gone:
            log.info("deleted %d expired download file(s)", gone)
        return gone

    def start(self) -> None:
        """Delete expired files now and every hour until stopped."""
        if self._task is None:
            self._task = asyncio.create_task(self._sweep_hourly(), name="download-sweep")

    async def stop(self) -> None:
        if self._task is not None:
            task, self._task = self._task, None
            task.cancel()
            with suppress(asyncio.CancelledError):
                await task

    async def _sweep_hourly(self) -> None:
        while True:
            try:
                await self.sweep()
            except Exception as error:  # the database away: try again next hour
                log.warning("expired download files not deleted (%s)", type(error).__name__)
            await asyncio.sleep(SWEEP_SECONDS)

    async def _sweep_now_and_then(self, now: dt.datetime) -> None:
        if self._swept_at is None or now - self._swept_at >= SWEEP_EVERY:
            await self.sweep()

    async def _record(
        self,
        session: AsyncSession,
        action: str,
        now: dt.datetime,
        unit_id: int | None = None,
        kept: SharedFile | None = None,
        subject: str | None = None,
    ) -> None:
        member = None
        if kept is not None and kept.member_id is not None:
            member = await session.get(Member, kept.member_id)
        await log_access(
            session,
            action,
            now,
            member=member,
            actor=ACTOR,
            unit_id=unit_id,
            subject=(subject or (kept.name if kept is not None else None) or "")[:SUBJECT_LENGTH]
            or None,
        )

    def page(self, status: Literal[404, 410]) -> web.Response:
        """The short page a refused address shows, in the bot's language."""
        title_key, body_key = PAGES[status]
        title = html.escape(self.texts.label(title_key))
        body = html.escape(self.texts.label(body_key))
        text = (
            f'<!doctype html>\n<html lang="{self.texts.language}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{title}</title></head>\n<body><h1>{title}</h1>\n<p>{body}</p></body></html>\n"
        )
        return web.Response(
            status=status, text=text, content_type="text/html", charset="utf-8", headers=PRIVATE
        )


# The catalogue's title and sentence of each refusal's page.
PAGES = {
    410: ("download-expired-title", "download-expired"),
    404: ("download-missing-title", "download-missing"),
}
# A file for one person: no cache keeps it, no referrer carries its address on.
PRIVATE = {
    "Cache-Control": "private, no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Robots-Tag": "noindex",
}


def _names(ticket: FileTicket, kept: SharedFile) -> bool:
    """Whether a kept file is the one the ticket was signed for: same ward, same expiry (an id
    reused after the database was restored is another file)."""
    return kept.unit_id == ticket.unit_id and int(kept.expires_at.timestamp()) == ticket.expires


def download_routes(shelf: DownloadShelf) -> list[web.RouteDef]:
    """GET <path>/files/{token}, for the webhook's server or the health server to mount."""

    async def download(request: web.Request) -> web.StreamResponse:
        opened = await shelf.open(request.match_info["token"])
        if opened.file is None:
            return shelf.page(410 if opened.status == 410 else 404)
        kept = opened.file
        headers = {
            **PRIVATE,
            "Content-Type": kept.media_type,
            "Content-Disposition": content_disposition(kept.name),
        }
        return web.Response(body=kept.content, headers=headers)

    return [web.get(shelf.path + "{token}", download, allow_head=False)]


def serve_downloads(
    shelf: DownloadShelf, webhooks: Sequence[WebhookServer], health: HealthServer | None
) -> None:
    """Mount the download route on every HTTP server the bot runs, before they start: each
    messenger's webhook server and the health server (ANTT_HEALTH_PORT), so the reverse proxy
    may send /files/ to whichever it reaches. With none, links could not be opened: a
    SettingsError (one line) instead of links that never open."""
    if not webhooks and health is None:
        raise SettingsError(
            "download links need the bot's HTTP server: set ANTT_HEALTH_PORT (long polling) "
            "or take updates by webhook; the links are served there, under /files/"
        )
    for webhook in webhooks:
        webhook.routes = [*webhook.routes, *download_routes(shelf)]
    if health is not None:
        health.app.add_routes(download_routes(shelf))


def file_name(name: str) -> str:
    """A name safe to keep and to send in a header: NFC, no control characters, no path,
    no quotes; at most 200 characters, the extension kept."""
    clean = "".join(
        ch for ch in unicodedata.normalize("NFC", name) if ch.isprintable() and ch not in '/\\"'
    ).strip()
    clean = clean or "tep"
    if len(clean) > NAME_LENGTH:
        stem, dot, suffix = clean.rpartition(".")
        tail = f".{suffix}" if dot and len(suffix) <= 10 else ""
        clean = (stem if tail else clean)[: NAME_LENGTH - len(tail)] + tail
    return clean


def media_type(name: str) -> str:
    """The media type of a file by its name's extension."""
    suffix = "." + name.rpartition(".")[2].lower() if "." in name else ""
    return MEDIA_TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"


def content_disposition(name: str) -> str:
    """An attachment header keeping the Vietnamese name (RFC 6266 / RFC 5987 `filename*`), with
    the name without diacritics for clients that read only `filename`."""
    return f"attachment; filename=\"{ascii_name(name)}\"; filename*=UTF-8''{quote(name, safe='')}"


def ascii_name(name: str) -> str:
    """ "Báo cáo Đằng Lâm.xlsx" as "Bao cao Dang Lam.xlsx"."""
    folded = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return "".join(ch if 32 <= ord(ch) < 127 and ch not in '"\\' else "_" for ch in plain)
