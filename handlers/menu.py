"""The main menu: one button per report kind, and the member's own reports."""

from __future__ import annotations

from handlers import actions
from handlers.forms.spec import FormSpec
from handlers.replies import Button, Say
from handlers.texts import Texts

MY_REPORTS = "mine"


def menu_buttons(texts: Texts, forms: dict[str, FormSpec]) -> list[list[Button]]:
    """Report kinds two to a row, then the member's own reports."""
    kinds = [
        Button(label=texts(form.menu_label), action=actions.menu(kind))
        for kind, form in forms.items()
    ]
    rows = [kinds[index : index + 2] for index in range(0, len(kinds), 2)]
    rows.append([Button(label=texts("menu-my-reports"), action=actions.menu(MY_REPORTS))])
    return rows


def main_menu(texts: Texts, forms: dict[str, FormSpec], text: str | None = None) -> Say:
    """The menu under `text` (by default, "choose what to report")."""
    return Say(text=text or texts("menu-prompt"), buttons=menu_buttons(texts, forms))
