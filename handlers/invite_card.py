"""An invite as its maker gets it: for each messenger the ward uses, what the invited person
needs (Telegram: the link; Zalo: the bot's link and the code to send), and a QR code of each
link to forward or print. The code is shown this once: only its hash is stored."""

from __future__ import annotations

import datetime as dt

from chat.invite_ways import qr_png
from chat.replies import Reply, Say, SendFile
from handlers.turn import Turn
from storage.invite_codes import shown


def invite_card(
    turn: Turn, team: str, role: str, uses: int, until: dt.datetime, code: str
) -> list[Reply]:
    """The message that gives the invite, then a QR code per link."""
    ways, texts = turn.joining, turn.texts
    spoken = shown(code)
    lines = [texts("officer-invite-made", team=team, role=role, uses=uses, day=f"{until:%d/%m/%Y}")]
    pictures: list[Reply] = []
    if ways.zalo:
        if ways.zalo_link:
            lines.append(texts("officer-invite-zalo", link=ways.zalo_link, code=spoken))
            caption = texts("invite-qr-zalo", team=team, code=spoken)
            name = texts.label("invite-qr-zalo-file", team=team)
            pictures.append(SendFile.of(name, qr_png(ways.zalo_link), caption))
        else:
            lines.append(texts("officer-invite-zalo-no-link", code=spoken))
    if ways.telegram:
        link = ways.telegram_link(code)
        if link is not None:
            lines.append(texts("officer-invite-telegram", link=link))
            caption = texts("invite-qr-telegram", team=team)
            name = texts.label("invite-qr-telegram-file", team=team)
            pictures.append(SendFile.of(name, qr_png(link), caption))
        else:
            lines.append(texts("officer-invite-telegram-command", code=code))
    lines.append(texts("officer-invite-keep"))
    return [Say(text="\n".join(lines)), *pictures]
