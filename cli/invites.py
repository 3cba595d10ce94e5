"""`antt-bot admin invite` and `admin revoke-invite`.

An invite shows what each messenger of ANTT_MESSENGERS needs. Telegram: the link, which names
the bot: ANTT_BOT_USERNAME when set, else Telegram is asked (getMe) through the configured
backend (ANTT_TELEGRAM_BACKEND), whose library is imported only then. Zalo: the bot's link
(ANTT_ZALO_BOT_LINK) and the code to send it, in groups easy to read aloud."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from bot.links import invite_link
from chat.invite_ways import qr_png
from cli.admin import AdminError, admin_session
from storage.invite_codes import shown
from storage.invites import create_invite, revoke_invite
from storage.models import utcnow
from storage.units import UnknownUnit, find_unit

if TYPE_CHECKING:
    from config.settings import Settings


async def invite_command(
    settings: Settings, unit_ref: str, role: str, uses: int, days: int, qr_dir: Path | None = None
) -> str:
    """Create an invite; prints what each messenger needs and the code (shown only this once),
    and with `qr_dir` writes a QR code PNG of each link there."""
    async with admin_session(settings) as session:
        try:
            unit = await find_unit(session, unit_ref)
            issued = await create_invite(session, unit, role, uses, days, utcnow())
        except (UnknownUnit, ValueError) as error:
            raise AdminError(str(error)) from None
        expires = issued.invite.expires_at.astimezone(settings.zone).strftime("%d/%m/%Y %H:%M")
    lines = [f"invite for {unit.name} as {role}: {uses} use(s), until {expires}"]
    links: dict[str, str] = {}
    if "telegram" in settings.messengers:
        username, why = settings.bot_username, ""
        if not username:
            username, why = await _username_from_telegram(settings)
        if username:
            links["telegram"] = invite_link(username, issued.code)
            lines.append(f"link: {links['telegram']}")
        else:
            lines.append(f"link: (none: {why}; set ANTT_BOT_USERNAME for a link)")
    if "zalo" in settings.messengers:
        if settings.zalo_bot_link:
            links["zalo"] = settings.zalo_bot_link
            lines.append(
                f"zalo: open {settings.zalo_bot_link} (or scan its QR code), "
                f"then send the bot the code {shown(issued.code)}"
            )
        else:
            lines.append(
                f"zalo: send the bot the code {shown(issued.code)} "
                "(set ANTT_ZALO_BOT_LINK to show the bot's link and QR code)"
            )
    lines.append(f"code: {shown(issued.code)}")
    if qr_dir is not None:
        lines += _write_qr_codes(qr_dir, f"invite-{issued.invite.id}", links)
    return "\n".join(lines)


def _write_qr_codes(folder: Path, stem: str, links: dict[str, str]) -> list[str]:
    """A PNG per link, `<stem>-<messenger>.png`; the lines that say where. A folder that cannot
    be written is a line too: the invite exists and its code must still be printed."""
    written = []
    for messenger, link in links.items():
        path = folder / f"{stem}-{messenger}.png"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path.write_bytes(qr_png(link))
        except OSError as error:
            written.append(f"qr ({messenger}): not written to {path} ({error.strerror})")
        else:
            written.append(f"qr ({messenger}): {path}")
    return written


async def revoke_command(settings: Settings, code: str) -> str:
    """Revoke an invite by its code."""
    async with admin_session(settings) as session:
        try:
            invite = await revoke_invite(session, code, utcnow())
        except LookupError as error:
            raise AdminError(str(error)) from None
        return f"invite {invite.id} revoked"


async def _username_from_telegram(settings: Settings) -> tuple[str, str]:
    """The bot's username from Telegram (getMe), or "" and why it could not be asked."""
    if settings.bot_token is None:
        return "", "ANTT_BOT_TOKEN is not set, so the bot's name could not be asked from Telegram"
    from bot.backends import make_backend

    address = settings.telegram_api_url
    backend = make_backend(
        settings.telegram_backend,
        settings.bot_token.get_secret_value(),
        address,
        settings.telegram_timeout_seconds,
    )
    try:
        return await backend.open(), ""
    except Exception as error:  # the reason's type only: a message could quote the token
        kind = type(error).__name__
        if backend.refused(error):
            return "", f"Telegram at {address} refused ANTT_BOT_TOKEN when asked for the bot's name"
        if backend.unreachable(error):
            return "", f"Telegram is not answering at {address} ({kind}): the bot's name is unknown"
        return "", f"asking Telegram at {address} for the bot's name failed ({kind})"
    finally:
        await backend.close()
