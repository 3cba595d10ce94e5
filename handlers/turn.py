"""Everything one handled update can see: the event, the open transaction, texts and the clock."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from chat.events import Incoming
from chat.invite_ways import TELEGRAM_ONLY, JoiningWays
from chat.texts import Texts
from config.quiet_hours import DEFAULT_QUIET_HOURS, QuietHours
from handlers.forms.spec import FormSpec
from reports.campaigns import Campaign
from storage.accounts import Account


@dataclass(frozen=True)
class Turn:
    """One update being handled inside one database transaction."""

    session: AsyncSession
    incoming: Incoming
    texts: Texts
    forms: dict[str, FormSpec]
    now: dt.datetime
    campaign: Campaign  # ANTT_CAMPAIGN's, read at start-up; a ward may set some targets itself
    edit_window: dt.timedelta = dt.timedelta(hours=24)
    bot_username: str = ""  # for invite links; known once the bot has asked Telegram
    quiet_hours: QuietHours = DEFAULT_QUIET_HOURS
    joining: JoiningWays = TELEGRAM_ONLY  # what an invite shows, for each messenger in use

    def morning_if_night(self) -> dt.datetime | None:
        """When a notice to someone else may go out: None (now) by day, the next morning
        during quiet hours."""
        if self.quiet_hours.covers(self.now):
            return self.quiet_hours.next_morning(self.now)
        return None

    @property
    def today(self) -> dt.date:
        """The local day (the clock is in the ward's time zone)."""
        return self.now.date()

    @property
    def account(self) -> Account:
        """The account the person is talking from (its messenger, user and private chat)."""
        incoming = self.incoming
        return Account(incoming.channel, incoming.user_ref, incoming.chat_ref)
