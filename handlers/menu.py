"""The main menu (the everyday reports), the "more" menu, and the member's own reports."""

from __future__ import annotations

from chat import actions
from chat.replies import Button, Say
from chat.texts import Texts
from handlers.forms.screens import rows_of
from handlers.forms.spec import FormSpec

MY_REPORTS = "mine"
MORE = "more"
HOME = "home"
ACCOUNTS = "accounts"  # the member's messengers: link the other one, where notices go
LINK_ACCOUNT = "link_account"
NOTIFY_HERE = "notify_here"
MENU_ACTIONS = (MY_REPORTS, MORE, HOME, ACCOUNTS, LINK_ACCOUNT, NOTIFY_HERE)


def menu_buttons(texts: Texts, forms: dict[str, FormSpec]) -> list[list[Button]]:
    """Everyday report kinds two to a row, then "more" and the member's own reports."""
    kinds = [
        Button(label=texts(form.menu_label), action=actions.MenuChoice(kind).encode())
        for kind, form in forms.items()
        if form.menu == "main"
    ]
    others = [
        Button(label=texts("menu-my-reports"), action=actions.MenuChoice(MY_REPORTS).encode())
    ]
    if any(form.menu == "more" for form in forms.values()):
        others.insert(0, Button(label=texts("menu-more"), action=actions.MenuChoice(MORE).encode()))
    return [*rows_of(kinds), others]


def main_menu(texts: Texts, forms: dict[str, FormSpec], text: str | None = None) -> Say:
    """The menu under `text` (by default, "choose what to report")."""
    return Say(text=text or texts("menu-prompt"), buttons=menu_buttons(texts, forms))


def more_menu(texts: Texts, forms: dict[str, FormSpec]) -> Say:
    """The less frequent report kinds, one to a row (their labels are long)."""
    kinds = [
        [Button(label=texts(form.menu_label), action=actions.MenuChoice(kind).encode())]
        for kind, form in forms.items()
        if form.menu == "more"
    ]
    accounts = [Button(label=texts("menu-accounts"), action=actions.MenuChoice(ACCOUNTS).encode())]
    back = [Button(label=texts("button-back"), action=actions.MenuChoice(HOME).encode())]
    return Say(text=texts("more-prompt"), buttons=[*kinds, accounts, back])
