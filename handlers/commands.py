"""The slash commands the bot answers, with their catalogue descriptions."""

from __future__ import annotations

START = "start"
CANCEL = "huy"
MY_REPORTS = "baocaocuatoi"
MENU = "menu"
HELP = "trogiup"
SUMMARY = "baocao"
FIGURES = "solieu"
MANAGE = "quanly"  # officer tools: teams, members, invites, join requests
REVIEW = "nguontin"  # the ward police: tips (and models) waiting for review
DISPATCH = "huydong"  # the ward police or a team leader: a live call-out
LINK_GROUP = "lienket"  # in a team's Telegram group: link it to the team
ACCOUNTS = "taikhoan"  # the member's messengers: link the other one, where notices go

# Shown in Telegram's command menu, in this order.
COMMANDS: tuple[tuple[str, str], ...] = (
    (MENU, "command-menu"),
    (MY_REPORTS, "command-my-reports"),
    (CANCEL, "command-cancel"),
    (SUMMARY, "command-summary"),
    (FIGURES, "command-figures"),
    (MANAGE, "command-manage"),
    (REVIEW, "command-review"),
    (DISPATCH, "command-dispatch"),
    (ACCOUNTS, "command-accounts"),
    (HELP, "command-help"),
    (START, "command-start"),
)
