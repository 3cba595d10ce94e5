"""`antt-bot admin invite` and `admin revoke-invite`.

An invite's link names the bot: ANTT_BOT_USERNAME when set, else Telegram is asked (getMe)
through the configured backend (ANTT_TELEGRAM_BACKEND), whose library is imported only then."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.links import invite_link
from cli.admin import AdminError, admin_session
from storage.invites import create_invite, revoke_invite
from storage.models import utcnow
from storage.units import UnknownUnit, find_unit

if TYPE_CHECKING:
    from config.settings import Settings


async def invite_command(settings: Settings, unit_ref: str, role: str, uses: int, days: int) -> str:
    """Create an invite; prints the link and the code (shown only this once)."""
    async with admin_session(settings) as session:
        try:
            unit = await find_unit(session, unit_ref)
            issued = await create_invite(session, unit, role, uses, days, utcnow())
        except (UnknownUnit, ValueError) as error:
            raise AdminError(str(error)) from None
        expires = issued.invite.expires_at.astimezone(settings.zone).strftime("%d/%m/%Y %H:%M")
    username, why = settings.bot_username, ""
    if not username:
        username, why = await _username_from_telegram(settings)
    link = (
        invite_link(username, issued.code)
        if username
        else f"(none: {why}; set ANTT_BOT_USERNAME for a link)"
    )
    return "\n".join(
        [
            f"invite for {unit.name} as {role}: {uses} use(s), until {expires}",
            f"link: {link}",
            f"code: {issued.code}",
        ]
    )


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
