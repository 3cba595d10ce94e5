"""Every form on Zalo, through the real bot and the Zalo emulator: Nguyễn Thị Lan of Tổ bảo vệ
ANTT số 12, Phường Đống Đa, answers each numbered list by typing its number (or the word), types
the rest, and the report is stored as the Telegram form tests store it (tests/test_forms.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.app import BotApp
from chat.clock import FixedClock
from emulator.zalo import ZaloEmulator
from emulator.zalo.phone import ZaloPhone
from handlers.forms.spec import load_forms
from tests.ward import Ward
from tests.zalo.people import dong_da, join_on_zalo

MORE = "☰ Khác"
# Each form: the menu path, then the answers ("choose" a listed label by its number, "type" the
# word of a listed label without its diacritics, "send" a text or a number, "photo" with a
# caption), and what the stored report holds.
FORMS: dict[str, tuple[list[str], list[tuple[str, str]], dict[str, object]]] = {
    "good_deed": (
        ["📝 Việc tốt"],
        [
            ("send", "Giúp cụ Ơn ở ngõ 5 qua đường"),
            ("type", "hom nay"),
            ("choose", "Xong"),
            ("photo", "Cụ Ơn đã sang đường an toàn"),
        ],
        {"day": "2026-11-22"},
    ),
    "patrol": (
        ["🚶 Tuần tra"],
        [
            ("choose", "Ban đêm"),
            ("choose", "2 giờ vừa qua"),
            ("send", "Ngõ 12 phố Đặng Tiến Đông"),
            ("choose", "Xong"),
        ],
        {"patrol_kind": "night", "span": "07:00-09:00", "area": "Ngõ 12 phố Đặng Tiến Đông"},
    ),
    "call_out": (
        ["🚨 Huy động"],
        [
            ("choose", "Cháy (PCCC)"),
            ("choose", "1 giờ trước"),
            ("choose", "Sau 10 phút"),
            ("send", "Cùng lực lượng PCCC dập tắt đám cháy nhà kho."),
            ("choose", "Xong"),
        ],
        {
            "incident_kind": "pccc",
            "mobilised_at": "2026-11-22T08:00",
            "arrived_at": "2026-11-22T08:10",
        },
    ),
    "propaganda": (
        ["📣 Tuyên truyền"],
        [
            ("send", "Phòng chống lừa đảo qua mạng"),
            ("choose", "Hôm nay"),
            ("send", "khoảng 45 người"),
            ("send", "Nhà văn hoá tổ dân phố số 12"),
            ("choose", "Xong"),
        ],
        {"audience": 45},
    ),
    "tip": (
        ["ℹ️ Nguồn tin"],
        [
            ("send", "Có nhóm thanh niên tụ tập, nghi sử dụng ma tuý vào ban đêm."),
            ("send", "Ngõ 9 Đằng Hải"),
            ("choose", "Hôm qua"),
        ],
        {"place": {"address": "Ngõ 9 Đằng Hải"}},
    ),
    "fire_rescue": (
        [MORE, "🔥 PCCC, CNCH"],
        [
            ("choose", "Cứu nạn (CNCH)"),
            ("choose", "Hôm nay"),
            ("send", "Đuối nước ở hồ Văn Chương"),
            ("choose", "Cứu người bị nạn"),
            ("send", "1"),
            ("choose", "Xong"),
        ],
        {"role": "rescue", "people_saved": 1},
    ),
    "traffic": (
        [MORE, "🚦 Phân luồng giao thông"],
        [
            ("send", "Cổng trường tiểu học Đống Đa"),
            ("choose", "Giờ khác"),
            ("send", "6:45 - 7:30"),
            ("choose", "Xong"),
        ],
        {"span": "06:45-07:30", "day": "2026-11-22"},
    ),
    "residence": (
        [MORE, "🏠 Cư trú, dữ liệu dân cư"],
        [("choose", "Hôm qua"), ("send", "12 hộ"), ("send", "5")],
        {"households_visited": 12, "records_corrected": 5},
    ),
    "weapons": (
        [MORE, "🧨 Giao nộp vũ khí, pháo"],
        [("choose", "Hôm nay"), ("send", "20 hộ"), ("send", "1")],
        {"households_reached": 20, "items_handed_in": 1},
    ),
    "reintegration": (
        [MORE, "🤝 Giáo dục, cảm hóa"],
        [
            ("send", "N.V.A"),
            ("choose", "Hôm nay"),
            ("send", "2"),
            ("send", "Đã đi làm ổn định"),
        ],
        {"person_alias": "N.V.A", "visits": 2, "outcome": "Đã đi làm ổn định"},
    ),
    "model": (
        [MORE, "🏅 Mô hình, câu lạc bộ"],
        [("send", "Camera an ninh ngõ xóm"), ("send", "01/03/2026"), ("choose", "Bỏ qua")],
        {"name": "Camera an ninh ngõ xóm", "started_on": "2026-03-01"},
    ),
}


@pytest.fixture
async def ward(zalo_bot: BotApp, clock: FixedClock) -> AsyncIterator[Ward]:
    async with dong_da(zalo_bot.db, clock) as created:
        yield created


async def answer(person: ZaloPhone, how: str, value: str) -> None:
    if how == "choose":
        await person.choose(value)
    elif how == "photo":
        await person.send_photo(caption=value)
    else:
        await person.send(value)


def test_the_table_covers_every_form() -> None:
    assert sorted(FORMS) == sorted(load_forms())


@pytest.mark.parametrize("kind", sorted(FORMS))
async def test_a_zalo_member_completes_the_form_by_typing(
    zalo: ZaloEmulator, ward: Ward, kind: str
) -> None:
    menu_path, answers, expected = FORMS[kind]
    lan = await join_on_zalo(zalo, ward, 1, "Nguyễn Thị Lan", "0910000001")
    for label in menu_path:
        await lan.choose(label)
    for how, value in answers:
        await answer(lan, how, value)
    [done] = await lan.choose("✅ Gửi báo cáo")
    assert done.text.startswith("Đã "), lan.transcript(last=6)
    assert "📝 Việc tốt" in lan.choices  # back at the menu

    [report] = await ward.reports()
    assert report.kind == kind
    assert {key: report.payload.get(key) for key in expected} == expected
    assert len(report.attachments) == (1 if kind == "good_deed" else 0)
    [member] = await ward.members()
    assert (report.author_id, report.team_id) == (member.id, ward.team_id)
