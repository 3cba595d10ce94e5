"""How a person reaches the bot on each messenger the ward uses: what an invite must show.

Telegram opens the bot with the code inside a deep link (`t.me/<bot>?start=<code>`). Zalo has
no deep links: the person opens the bot by its link or QR code (the one Zalo Bot Manager shows,
`ANTT_ZALO_BOT_LINK`: nothing in Zalo's getMe gives it) and then sends the code."""

from __future__ import annotations

import io
from dataclasses import dataclass

import segno

QR_SCALE = 10  # pixels a module: about 4 cm wide printed at 150 dpi for a short link
QR_BORDER = 4  # the quiet zone the QR standard asks for, in modules


@dataclass(frozen=True)
class JoiningWays:
    """The messengers an invite is for, and what each needs to open the bot."""

    telegram: bool = True
    telegram_bot: str = ""  # the bot's username, once Telegram has said it (getMe)
    zalo: bool = False
    zalo_link: str | None = None  # ANTT_ZALO_BOT_LINK

    def telegram_link(self, code: str) -> str | None:
        """The deep link that opens the bot with `/start <code>`, when the bot's name is known."""
        if not self.telegram or not self.telegram_bot:
            return None
        return telegram_invite_link(self.telegram_bot, code)


TELEGRAM_ONLY = JoiningWays()  # the default: Telegram alone, the bot's name not yet known


def telegram_invite_link(bot_username: str, code: str) -> str:
    """Telegram's deep link that opens the bot with `/start <code>`."""
    return f"https://t.me/{bot_username}?start={code}"


def qr_png(link: str) -> bytes:
    """A QR code of `link` as a PNG, large enough to scan from a phone screen or a printout."""
    buffer = io.BytesIO()
    segno.make(link, error="m", micro=False).save(
        buffer, kind="png", scale=QR_SCALE, border=QR_BORDER
    )
    return buffer.getvalue()
