"""Every kind of report, filled end to end from a phone, as a member of Tổ 12 would."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from emulator.phone import Phone
from emulator.server import TelegramEmulator
from storage.models import Report
from tests.waiting import eventually
from tests.ward import Ward


@dataclass
class Team:
    lan: Phone
    binh: Phone
    hung: Phone
    ward: Ward

    async def ids(self) -> dict[str, int]:
        return {member.full_name: member.id for member in await self.ward.members()}

    async def only_report(self) -> Report:
        [report] = await self.ward.reports()
        return report


@pytest.fixture
async def team(emulator: TelegramEmulator, ward: Ward) -> Team:
    """Nguyễn Thị Lan, Trần Văn Bình and Lê Văn Hùng, all members of Tổ 12."""
    names = (("Lan", "Nguyễn Thị"), ("Bình", "Trần Văn"), ("Hùng", "Lê Văn"))
    phones = [
        emulator.phone(user_id=1001 + index, first_name=first, last_name=last)
        for index, (first, last) in enumerate(names)
    ]
    for index, phone in enumerate(phones):
        await ward.join(phone, f"091000000{index}")
    lan, binh, hung = phones
    return Team(lan=lan, binh=binh, hung=hung, ward=ward)


async def test_a_patrol_with_two_colleagues_in_seven_taps_and_one_text(team: Team) -> None:
    lan = team.lan
    taps, texts = lan.taps, lan.texts_sent
    [ask_kind] = await lan.press("🚶 Tuần tra")
    assert ask_kind.button_labels[:3] == ["An ninh trật tự", "An toàn giao thông", "Ban đêm"]
    [ask_span] = await lan.press("Ban đêm")
    assert "Bước 2/4 · Tuần tra lúc nào?" in ask_span.text_plain
    [ask_area] = await lan.press("2 giờ vừa qua")
    assert "khu vực, tuyến đường nào" in ask_area.text_plain
    [ask_who] = await lan.send("Ngõ 12 và ngõ 14 phố Trung Kính")
    assert ask_who.button_labels[:3] == ["✅ Nguyễn Thị Lan", "⬜ Trần Văn Bình", "⬜ Lê Văn Hùng"]
    assert await lan.press("⬜ Trần Văn Bình", expect=0) == []
    await lan.press("⬜ Lê Văn Hùng", expect=0)
    ticked = ["✅ Nguyễn Thị Lan", "✅ Trần Văn Bình", "✅ Lê Văn Hùng"]
    await eventually(lambda: ask_who.button_labels[:3] == ticked, "both ticks shown in place")
    [summary] = await lan.press("Xong")
    assert "• Người tham gia: Nguyễn Thị Lan, Trần Văn Bình, Lê Văn Hùng" in summary.text_plain
    assert "• Thời gian: 07:00–09:00, 22/11/2026" in summary.text_plain
    assert "➕ Vi phạm phát hiện" in summary.button_labels
    [done] = await lan.press("✅ Gửi báo cáo")
    assert "Đã ghi nhận lượt tuần tra" in done.text_plain
    assert (lan.taps - taps, lan.texts_sent - texts) == (7, 1)

    ids = await team.ids()
    report = await team.only_report()
    assert report.kind == "patrol"
    assert str(report.occurred_on) == "2026-11-22"
    assert report.payload == {
        "patrol_kind": "night",
        "span": "07:00-09:00",
        "day": "2026-11-22",
        "area": "Ngõ 12 và ngõ 14 phố Trung Kính",
        "participants": [ids["Nguyễn Thị Lan"], ids["Trần Văn Bình"], ids["Lê Văn Hùng"]],
    }


async def test_a_patrol_with_violations_added_from_the_summary(team: Team) -> None:
    lan = team.lan
    await lan.press("🚶 Tuần tra")
    await lan.press("An toàn giao thông")
    [ask_typed] = await lan.press("Giờ khác")
    assert "Gõ giờ bắt đầu và giờ kết thúc" in ask_typed.text_plain
    [hint] = await lan.send("tối qua")
    assert "Chưa hiểu «tối qua»" in hint.text_plain
    await lan.send("19:00-21:30")
    await lan.send("Đường Láng")
    await lan.press("Xong")
    [ask_count] = await lan.press("➕ Vi phạm phát hiện")
    assert ask_count.button_labels[:4] == ["0", "1", "2", "3"]
    [hint] = await lan.send("nhiều lắm")
    assert "Xin gõ một con số" in hint.text_plain
    [summary] = await lan.send("4 vụ")
    assert "• Vi phạm phát hiện: 4" in summary.text_plain
    await lan.press("➕ Ảnh")
    [first] = await lan.send_photo()
    assert "Đã nhận 1/5 ảnh" in first.text_plain
    [second] = await lan.send_photo()
    assert "Đã nhận 2/5 ảnh" in second.text_plain
    [summary] = await lan.press("Xong")
    assert "• Ảnh: 2 ảnh" in summary.text_plain
    await lan.press("✅ Gửi báo cáo")
    report = await team.only_report()
    assert report.payload["violations"] == 4
    assert report.payload["span"] == "19:00-21:30"
    assert report.payload["day"] == "2026-11-21"  # 21:30 has not come yet today at 09:00
    assert len(report.attachments) == 2


async def test_a_call_out_logged_afterwards(team: Team) -> None:
    lan = team.lan
    await lan.press("🚨 Huy động")
    [ask_when] = await lan.press("Cháy (PCCC)")
    assert ask_when.button_labels[:4] == ["Bây giờ", "30 phút trước", "1 giờ trước", "2 giờ trước"]
    [ask_arrived] = await lan.press("1 giờ trước")
    assert ask_arrived.button_labels[:3] == ["Cùng lúc", "Sau 5 phút", "Sau 10 phút"]
    [hint] = await lan.send("07:30")
    assert "sớm hơn lúc được huy động (08:00 22/11)" in hint.text_plain
    [hint] = await lan.send("10:00 22/11")
    assert "10:00 22/11 chưa đến" in hint.text_plain
    await lan.press("Sau 10 phút")
    await lan.send("Cùng lực lượng PCCC dập tắt đám cháy nhà kho, không có thương vong.")
    [summary] = await lan.press("Xong")
    assert "• Được huy động lúc: 08:00 22/11/2026" in summary.text_plain
    assert "• Có mặt lúc: 08:10 22/11/2026" in summary.text_plain
    await lan.press("✅ Gửi báo cáo")
    report = await team.only_report()
    assert report.payload["incident_kind"] == "pccc"
    assert report.payload["mobilised_at"] == "2026-11-22T08:00"
    assert report.payload["arrived_at"] == "2026-11-22T08:10"


async def test_propaganda_with_a_typed_audience(team: Team) -> None:
    lan = team.lan
    await lan.press("📣 Tuyên truyền")
    await lan.send("Phòng chống lừa đảo qua mạng")
    await lan.press("Hôm nay")
    [hint] = await lan.send("0")
    assert "Xin gõ một số từ 1 đến 100.000" in hint.text_plain
    await lan.send("khoảng 45 người")
    await lan.send("Nhà văn hoá tổ dân phố số 12")
    await lan.press("⬜ Lê Văn Hùng", expect=0)
    await lan.press("Xong")
    await lan.press("✅ Gửi báo cáo")
    report = await team.only_report()
    assert report.payload["audience"] == 45
    assert len(report.payload["participants"]) == 2


async def test_a_tip_with_a_shared_location(team: Team) -> None:
    lan = team.lan
    [ask] = await lan.press("ℹ️ Nguồn tin")
    assert "chỉ Công an phường và đồng chí xem được" in ask.text_plain
    await lan.send("Có nhóm thanh niên tụ tập, nghi sử dụng ma tuý vào ban đêm.")
    [ask_day] = await lan.share_location(21.0067, 105.7983)
    assert "ngày nào" in ask_day.text_plain
    [summary] = await lan.press("Hôm qua")
    assert "📍 vị trí đã gửi" in summary.text_plain
    [done] = await lan.press("✅ Gửi báo cáo")
    assert "Chỉ Công an phường và đồng chí xem được" in done.text_plain
    report = await team.only_report()
    assert report.payload["place"] == {"lat": 21.0067, "lon": 105.7983}


async def test_fire_and_rescue_from_the_more_menu(team: Team) -> None:
    lan = team.lan
    [more] = await lan.press("☰ Khác")
    assert "🔥 PCCC, CNCH" in more.button_labels
    await lan.press("🔥 PCCC, CNCH")
    await lan.press("Cứu nạn (CNCH)")
    await lan.press("Hôm nay")
    await lan.send("Đuối nước ở hồ Nghĩa Tân")
    await lan.press("Cứu người bị nạn")
    await lan.press("1")
    await lan.press("Xong")
    [done] = await lan.press("✅ Gửi báo cáo")
    assert "Đã ghi nhận báo cáo" in done.text_plain
    report = await team.only_report()
    assert report.kind == "fire_rescue"
    assert report.payload["role"] == "rescue"
    assert report.payload["people_saved"] == 1


async def test_traffic_guidance_with_a_typed_span(team: Team) -> None:
    lan = team.lan
    await lan.press("☰ Khác")
    await lan.press("🚦 Phân luồng giao thông")
    await lan.send("Cổng trường tiểu học Yên Hòa")
    await lan.press("Giờ khác")
    await lan.send("6:45 - 7:30")
    await lan.press("Xong")
    await lan.press("✅ Gửi báo cáo")
    report = await team.only_report()
    assert report.payload["span"] == "06:45-07:30"
    assert report.payload["day"] == "2026-11-22"


@pytest.mark.parametrize(
    ("menu_label", "steps", "expected"),
    [
        (
            "🏠 Cư trú, dữ liệu dân cư",
            [("press", "Hôm qua"), ("send", "12"), ("press", "5")],
            {"households_visited": 12, "records_corrected": 5},
        ),
        (
            "🧨 Giao nộp vũ khí, pháo",
            [("press", "Hôm nay"), ("send", "20 hộ"), ("press", "1")],
            {"households_reached": 20, "items_handed_in": 1},
        ),
        (
            "🤝 Giáo dục, cảm hóa",
            [
                ("send", "N.V.A"),
                ("press", "Hôm nay"),
                ("press", "2"),
                ("send", "Đã đi làm ổn định"),
            ],
            {"person_alias": "N.V.A", "visits": 2, "outcome": "Đã đi làm ổn định"},
        ),
        (
            "🏅 Mô hình, câu lạc bộ",
            [("send", "Camera an ninh ngõ xóm"), ("send", "01/03/2026"), ("press", "Bỏ qua")],
            {"name": "Camera an ninh ngõ xóm", "started_on": "2026-03-01"},
        ),
    ],
)
async def test_the_other_reports(
    team: Team, menu_label: str, steps: list[tuple[str, str]], expected: dict[str, object]
) -> None:
    lan = team.lan
    await lan.press("☰ Khác")
    await lan.press(menu_label)
    for action, value in steps:
        await (lan.send(value) if action == "send" else lan.press(value))
    [done] = await lan.press("✅ Gửi báo cáo")
    assert "Đã ghi nhận báo cáo" in done.text_plain
    report = await team.only_report()
    assert {key: report.payload.get(key) for key in expected} == expected


async def test_yes_or_no_and_untick_the_author(team: Team) -> None:
    lan = team.lan
    await lan.press("📝 Việc tốt")
    await lan.send("Dọn rác ở bờ hồ")
    await lan.press("Hôm nay")
    await lan.press("✅ Nguyễn Thị Lan", expect=0)
    [hint] = await lan.press("Xong")
    assert "Xin chọn ít nhất 1 mục" in hint.text_plain
    await lan.press("⬜ Trần Văn Bình", expect=0)
    await lan.press("Xong")
    await lan.press("Bỏ qua")
    await lan.press("✅ Gửi báo cáo")
    ids = await team.ids()
    report = await team.only_report()
    assert report.payload["participants"] == [ids["Trần Văn Bình"]]


async def test_quick_taps_on_ticks_all_count(team: Team) -> None:
    """On a slow line the phone still shows the first drawing of the buttons: every tap on it
    counts, none is refused as out of date."""
    lan = team.lan
    await lan.press("📝 Việc tốt")
    await lan.send("Dọn rác ở bờ hồ")
    [ask_who] = await lan.press("Hôm nay")
    first_drawing = dict(ask_who.callback_data)
    await lan.press_data(first_drawing["⬜ Trần Văn Bình"], expect=0)
    await lan.press_data(first_drawing["⬜ Lê Văn Hùng"], expect=0)
    [ask_photo] = await lan.press_data(first_drawing["Xong"])
    assert "Bước 4/4" in ask_photo.text_plain
    await lan.press("Bỏ qua")
    await lan.press("✅ Gửi báo cáo")
    ids = await team.ids()
    report = await team.only_report()
    assert report.payload["participants"] == [
        ids["Nguyễn Thị Lan"],
        ids["Trần Văn Bình"],
        ids["Lê Văn Hùng"],
    ]
