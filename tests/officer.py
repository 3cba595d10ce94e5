"""What the ward officer and the members do through the bot in the period tests: join, log a
tip or a good deed, enter police figures month by month with /solieu, and read the digest and
the Word report they receive."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

from docx import Document

from emulator.models import BotMessage
from emulator.phone import Phone
from emulator.server import TelegramEmulator
from tests.conftest import HANOI
from tests.ward import Ward, name_oneself


def at(day: dt.date) -> dt.datetime:
    """09:00 in Hà Nội on `day` (what the tests set the bot's clock to)."""
    return dt.datetime.combine(day, dt.time(9, 0), tzinfo=HANOI)


async def officer_of(emulator: TelegramEmulator, ward: Ward, name: str) -> Phone:
    """The ward's police officer, joined through the bot by an invite to the ward."""
    code = await ward.invite(role="officer", team_id=ward.ward_id)
    officer = emulator.phone(user_id=2001, first_name=name)
    await officer.send(f"/start {code}")
    await officer.share_contact("0900000001", expect=2)
    await name_oneself(officer)
    await officer.press("Đồng ý")
    return officer


async def log_tip(phone: Phone, content: str) -> None:
    await phone.send("/menu")
    await phone.press("ℹ️ Nguồn tin")
    await phone.send(content)
    await phone.send("Ngõ 9 Đằng Hải")
    await phone.press("Hôm nay")
    await phone.press("✅ Gửi báo cáo")


async def log_good_deed(phone: Phone, what: str) -> None:
    await phone.send("/menu")
    await phone.press("📝 Việc tốt")
    await phone.send(what)
    await phone.press("Hôm nay")
    await phone.press("Xong")
    await phone.press("Bỏ qua")
    await phone.press("✅ Gửi báo cáo")


async def enter_count(officer: Phone, menu: BotMessage, label: str, value: int) -> BotMessage:
    """Press the figure's button on a month's /solieu page and type the number."""
    button = next(text for text in menu.button_labels if text.startswith(label))
    await officer.press(button)
    [page] = await officer.send(str(value))
    return page


async def enter_yes(officer: Phone, menu: BotMessage, label: str) -> BotMessage:
    """Press the yes/no figure's button on a month's /solieu page and answer «Có»."""
    button = next(text for text in menu.button_labels if text.startswith(label))
    await officer.press(button)
    [page] = await officer.press("Có")
    return page


async def month_page(officer: Phone, month: dt.date, today: dt.date) -> BotMessage:
    """/solieu, then ◀ back to `month`."""
    [page] = await officer.send("/solieu")
    cursor = today.replace(day=1)
    while cursor > month:
        cursor = (cursor - dt.timedelta(days=1)).replace(day=1)
        [page] = await officer.press(f"◀ {cursor:%m/%Y}")
    assert f"tháng {month:%m/%Y}" in page.text_plain
    return page


def line_of(digest: str, words: str) -> str:
    """The digest's first line holding `words`."""
    return next(row for row in digest.splitlines() if words in row)


def docx_text(files: list[BotMessage]) -> str:
    """The paragraphs and table cells of the Word report among the files received."""
    word = next(m.document for m in files if m.document and m.document.filename.endswith(".docx"))
    assert word is not None
    report = Document(BytesIO(word.data))
    cells = [cell.text for table in report.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in report.paragraphs] + cells)
