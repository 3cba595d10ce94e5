"""The officer's digest on Zalo, through the real bot (on both messengers, with its HTTP server)
and the Zalo emulator: the text in parts under 2,000 characters, the chart as a photo, the Excel
and Word files as signed links that this test fetches and opens as a real workbook and a real
Word file."""

from __future__ import annotations

import datetime as dt
import re
from io import BytesIO

import aiohttp
from docx import Document
from openpyxl import load_workbook

from bot.app import BotApp
from chat.clock import FixedClock
from emulator.zalo import ZaloEmulator
from tests.conftest import HANOI
from tests.waiting import eventually
from tests.ward import Ward
from tests.zalo.people import join_on_zalo, log_good_deed

LINK = re.compile(r"http://127\.0\.0\.1:\d+/\S+")
DIGEST_MORNING = dt.datetime(2026, 12, 1, 8, 0, tzinfo=HANOI)


async def fetch(link: str) -> bytes:
    async with aiohttp.ClientSession() as session, session.get(link) as response:
        assert response.status == 200, await response.text()
        return await response.read()


async def test_the_officer_on_zalo_gets_the_month_as_text_chart_and_links(
    zalo: ZaloEmulator, dong_da_ward: Ward
) -> None:
    ward = dong_da_ward
    lan = await join_on_zalo(zalo, ward, 1, "Nguyễn Thị Lan", "0910000001")
    await log_good_deed(lan, "Giúp cụ Ơn ở ngõ 5 qua đường")
    on = await join_on_zalo(
        zalo, ward, 2, "Đặng Quốc Ơn", "0900000001", role="officer", team_id=ward.ward_id
    )

    [choose] = await on.send("/baocao")
    assert "Tổng hợp của Phường Đống Đa" in choose.text
    before = len(on.messages)
    await on.choose("Tháng này", expect=4, timeout=30)
    arrived = on.messages[before:]
    texts = [message.text for message in arrived if message.kind == "text"]
    assert all(len(text) <= 2000 for text in texts)
    whole = "\n".join(texts)
    assert "Tổng hợp tháng 11/2026 · Phường Đống Đa" in whole
    assert "Việc tốt: 1/1 tổ đạt (100%)" in whole
    [chart] = [message for message in arrived if message.kind == "photo"]
    assert chart.photo is not None
    assert (await fetch(chart.photo)).startswith(b"\x89PNG")  # Zalo fetches the photo's link

    [workbook_link] = [link for line in texts if ".xlsx:" in line for link in LINK.findall(line)]
    [word_link] = [link for line in texts if ".docx:" in line for link in LINK.findall(line)]
    assert "(Đường dẫn tải về dùng được trong 24 giờ.)" in whole
    workbook = load_workbook(BytesIO(await fetch(workbook_link)))
    assert workbook.sheetnames
    cells = [str(cell.value) for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert any("Đống Đa" in cell for cell in cells)
    report = Document(BytesIO(await fetch(word_link)))
    assert any("BÁO CÁO" in paragraph.text for paragraph in report.paragraphs)


async def test_the_monthly_digest_reaches_the_officer_on_zalo_with_its_files_as_links(
    zalo: ZaloEmulator, both_bot: BotApp, dong_da_ward: Ward, clock: FixedClock
) -> None:
    ward = dong_da_ward
    lan = await join_on_zalo(zalo, ward, 1, "Nguyễn Thị Lan", "0910000001")
    await log_good_deed(lan, "Dọn rác ở ngõ 12 cùng bà con")
    on = await join_on_zalo(
        zalo, ward, 2, "Đặng Quốc Ơn", "0900000001", role="officer", team_id=ward.ward_id
    )
    before = len(on.messages)
    clock.moment = DIGEST_MORNING  # the 1st of December, 08:00: November's digest is due
    assert both_bot.scheduler is not None
    await both_bot.scheduler.run_pass()
    await eventually(
        lambda: any(".docx:" in message.text for message in on.messages[before:]),
        "November's digest and its links reach Ơn on Zalo",
        seconds=30,
    )
    arrived = on.messages[before:]
    texts = [message.text for message in arrived if message.kind == "text"]
    whole = "\n".join(texts)
    assert "Tổng hợp tháng 11/2026 · Phường Đống Đa" in whole
    assert all(len(text) <= 2000 for text in texts)
    [workbook_link] = [link for line in texts if ".xlsx:" in line for link in LINK.findall(line)]
    workbook = load_workbook(BytesIO(await fetch(workbook_link)))
    cells = [str(cell.value) for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert any("Đống Đa" in cell for cell in cells)
