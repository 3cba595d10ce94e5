"""One person, either messenger: the member's accounts, linking the other messenger by a code
shown on one and typed on the other, and where notices go ("here", said from the account the
member wants them on). The conversation names no messenger: the catalogue does
(`channel-<name>`)."""

from __future__ import annotations

from chat import actions
from chat.replies import Button, Reply, Say
from handlers.joining import slowed_down
from handlers.menu import LINK_ACCOUNT, NOTIFY_HERE, main_menu
from handlers.turn import Turn
from storage.account_codes import LIFETIME, LINK, issue_code, use_link_code
from storage.accounts import (
    TELEGRAM,
    ZALO,
    account_on,
    accounts_of,
    address_of,
    choose_notices_on,
    link_account,
)
from storage.invites import record_wrong_code
from storage.members import remember
from storage.models import Member
from storage.outbox import ALERT, Notice, enqueue_notices

# The catalogue's name of each messenger storage knows, for the accounts screen.
NAME_KEYS = {TELEGRAM: "channel-telegram", ZALO: "channel-zalo"}


def _channel_name(turn: Turn, channel: str) -> str:
    """The messenger's name from the catalogue, or the channel itself."""
    key = NAME_KEYS.get(channel)
    return turn.texts.label(key) if key is not None else channel


def accounts_screen(turn: Turn, member: Member) -> list[Reply]:
    """Which messengers the member is on, where notices go, and what they can change."""
    address = address_of(member)
    names = ", ".join(_channel_name(turn, a.channel) for a in accounts_of(member))
    text = turn.texts(
        "accounts-screen",
        accounts=names,
        notices=_channel_name(turn, address.channel) if address else "—",
    )
    buttons = [
        [
            Button(
                label=turn.texts("button-link-account"),
                action=actions.MenuChoice(LINK_ACCOUNT).encode(),
            )
        ]
    ]
    if address is not None and address.channel != turn.incoming.channel:
        here = Button(
            label=turn.texts("button-notify-here"), action=actions.MenuChoice(NOTIFY_HERE).encode()
        )
        buttons.append([here])
    return [Say(text=text, buttons=buttons)]


async def link_code(turn: Turn, member: Member) -> list[Reply]:
    """A code to type on the other messenger, valid 10 minutes."""
    issued = await issue_code(turn.session, LINK, member, turn.now)
    minutes = int(LIFETIME.total_seconds() // 60)
    return [Say(text=turn.texts("account-link-code", code=issued.code, minutes=minutes))]


def notify_here(turn: Turn, member: Member) -> list[Reply]:
    """Notices go to the account the member is talking from."""
    choose_notices_on(member, turn.incoming.channel)
    here = _channel_name(turn, turn.incoming.channel)
    return [main_menu(turn.texts, turn.forms, turn.texts("account-notify-here", channel=here))]


async def link_with_code(turn: Turn) -> list[Reply]:
    """A link code typed by an account not yet a member's: it becomes the member's account
    on this messenger; their other account is told. A wrong code counts as a wrong invite
    code (guessing is slowed down)."""
    slow = await slowed_down(turn)
    if slow is not None:
        return slow
    incoming = turn.incoming
    member = await use_link_code(turn.session, incoming.text or "", turn.now)
    if member is None:
        await record_wrong_code(turn.session, incoming.channel, incoming.user_ref, turn.now)
        return [Say(text=turn.texts("account-link-code-unknown"))]
    before = address_of(member)
    await link_account(turn.session, member, turn.account)
    remember(turn.session, member, "linked", turn.now)
    await turn.session.refresh(member, ["unit"])
    here = _channel_name(turn, incoming.channel)
    if before is not None and before.channel != incoming.channel:
        said = Say(text=turn.texts("account-linked-elsewhere", channel=here))
        notice = Notice(
            f"notice:linked:{incoming.channel}:{incoming.update_ref}",
            before.chat_ref,
            said.model_dump(mode="json"),
            member.id,
            priority=ALERT,
            channel=before.channel,
        )
        await enqueue_notices(turn.session, incoming.channel, [notice])
    notices = address_of(member)
    text = turn.texts(
        "account-linked",
        name=member.full_name,
        team=member.unit.name,
        notices=_channel_name(turn, notices.channel) if notices else here,
    )
    return [main_menu(turn.texts, turn.forms, text), *_offer_notices_here(turn, member)]


def _offer_notices_here(turn: Turn, member: Member) -> list[Reply]:
    address = address_of(member)
    if address is None or address.channel == turn.incoming.channel:
        return []
    if account_on(member, turn.incoming.channel) is None:
        return []
    here = Button(
        label=turn.texts("button-notify-here"), action=actions.MenuChoice(NOTIFY_HERE).encode()
    )
    return [Say(text=turn.texts("account-notify-offer"), buttons=[[here]])]
