"""A mixed ward: Phường Đống Đa with members on Telegram, members on Zalo and one on both
(linked), all reporting through the real bot on both messengers at once; the month's summary
(the digest and the workbook) counts each member once and every report."""

from __future__ import annotations

import re
from io import BytesIO

import aiohttp
from openpyxl import load_workbook

from emulator.phone import Phone
from emulator.server import TelegramEmulator
from emulator.zalo import ZaloEmulator
from emulator.zalo.phone import ZaloPhone
from tests.officer import log_good_deed as good_deed_on_telegram
from tests.waiting import eventually
from tests.ward import Ward
from tests.zalo.people import join_on_zalo
from tests.zalo.people import log_good_deed as good_deed_on_zalo

LINK = re.compile(r"http://127\.0\.0\.1:\d+/\S+")


async def linked_on_zalo(zalo: ZaloEmulator, phone: Phone, number: int) -> ZaloPhone:
    """The Telegram member takes a link code and types it to the Zalo bot."""
    await phone.press("☰ Khác")
    await phone.press("🔗 Liên kết Zalo/Telegram")
    [shown] = await phone.press("🔗 Lấy mã liên kết")
    found = re.search(r"\b(\d{8})\b", shown.text_plain)
    assert found is not None, shown.text_plain
    person = zalo.phone(number, phone.user.display_name)
    await person.send(found.group(1))
    assert any("Đã liên kết" in message.text for message in person.messages), person.transcript()
    return person


async def fetch(link: str) -> bytes:
    async with aiohttp.ClientSession() as session, session.get(link) as response:
        assert response.status == 200, await response.text()
        return await response.read()


async def test_every_member_counts_once_and_every_report_whichever_messenger(
    emulator: TelegramEmulator, zalo: ZaloEmulator, dong_da_ward: Ward
) -> None:
    ward = dong_da_ward
    # On Telegram: Trần Văn Bình and Đặng Thị Hoa; on Zalo: Nguyễn Thị Lan (Tổ 12) and
    # Vũ Thị Ưng (Tổ 7); Hoa links her Zalo account too.
    binh = emulator.phone(user_id=1001, first_name="Bình", last_name="Trần Văn")
    await ward.join(binh, "0910000002")
    hoa = emulator.phone(user_id=1002, first_name="Hoa", last_name="Đặng Thị")
    await ward.join(hoa, "0988000111")
    lan = await join_on_zalo(zalo, ward, 1, "Nguyễn Thị Lan", "0910000001")
    ung = await join_on_zalo(zalo, ward, 2, "Vũ Thị Ưng", "0910000003", team_id=ward.other_team_id)
    hoa_zalo = await linked_on_zalo(zalo, hoa, 3)

    await good_deed_on_telegram(binh, "Giúp cụ Ơn ở ngõ 5 qua đường.")
    await good_deed_on_telegram(hoa, "Nhặt được ví, trả lại người đánh rơi.")
    await good_deed_on_zalo(hoa_zalo, "Dọn rác ở ngõ Văn Chương.")
    await good_deed_on_zalo(lan, "Hướng dẫn cụ bà làm căn cước.")
    await good_deed_on_zalo(ung, "Sửa đèn đường ngõ 7.")

    members = await ward.members()
    assert len(members) == 4  # Hoa once, with both accounts
    [hoa_member] = [m for m in members if m.full_name == "Đặng Thị Hoa"]
    assert (hoa_member.telegram_user_id, hoa_member.zalo_user_id) == (1002, hoa_zalo.user_id)
    reports = await ward.reports()
    assert len(reports) == 5
    assert sum(1 for r in reports if r.author_id == hoa_member.id) == 2

    on = await join_on_zalo(
        zalo, ward, 4, "Đặng Quốc Ơn", "0900000001", role="officer", team_id=ward.ward_id
    )
    await on.send("/baocao")
    before = len(on.messages)
    await on.choose("Tháng này", expect=4, timeout=30)
    await eventually(
        lambda: any(".docx:" in message.text for message in on.messages[before:]),
        "the links reach Ơn",
    )
    texts = [message.text for message in on.messages[before:] if message.kind == "text"]
    whole = "\n".join(texts)
    assert "Tổng hợp tháng 11/2026 · Phường Đống Đa · 2 tổ, 4 thành viên" in whole
    assert "Việc tốt: 2/2 tổ đạt (100%)" in whole
    assert "Việc tốt: 5" in whole

    [link] = [link for line in texts if ".xlsx:" in line for link in LINK.findall(line)]
    workbook = load_workbook(BytesIO(await fetch(link)))
    totals = {row[0]: row[1] for row in workbook["Tổng hợp"].iter_rows(values_only=True)}
    assert (totals["Số thành viên"], totals["Việc tốt"]) == (4, 5)
    teams = {row[0]: row[2:4] for row in workbook["Theo tổ"].iter_rows(values_only=True)}
    assert teams["Tổ bảo vệ ANTT số 12"] == (3, 4)  # Bình, Hoa, Lan; Hoa's two reports
    assert teams["Tổ bảo vệ ANTT số 7"] == (1, 1)
    authors = [str(row[4]) for row in workbook["Báo cáo"].iter_rows(min_row=2, values_only=True)]
    assert sorted(authors) == sorted(
        ["Trần Văn Bình", "Đặng Thị Hoa", "Đặng Thị Hoa", "Nguyễn Thị Lan", "Vũ Thị Ưng"]
    )
