"""The ward officer asks the bot for this month's summary and receives the digest and the
files to forward; members cannot."""

from __future__ import annotations

from io import BytesIO

import pytest
from docx import Document

from emulator.phone import Phone
from emulator.server import TelegramEmulator
from tests.waiting import eventually
from tests.ward import Ward, name_oneself


async def officer_of(emulator: TelegramEmulator, ward: Ward) -> Phone:
    code = await ward.invite(role="officer", team_id=ward.ward_id)
    officer = emulator.phone(user_id=2001, first_name="Trung úy Hà")
    await officer.send(f"/start {code}")
    await officer.share_contact("0900000001", expect=2)
    await name_oneself(officer)
    await officer.press("Đồng ý")
    return officer


@pytest.fixture
async def lan(emulator: TelegramEmulator, ward: Ward) -> Phone:
    phone = emulator.phone(user_id=1001, first_name="Lan")
    await ward.join(phone)
    await phone.press("📝 Việc tốt")
    await phone.send("Giúp cụ bà qua đường.")
    await phone.press("Hôm nay")
    await phone.press("Xong")
    await phone.press("Bỏ qua")
    await phone.press("✅ Gửi báo cáo")
    return phone


async def test_the_officer_receives_the_month(
    emulator: TelegramEmulator, ward: Ward, lan: Phone
) -> None:
    officer = await officer_of(emulator, ward)
    [choose] = await officer.send("/baocao")
    assert "Tổng hợp của Phường Yên Hòa theo Hà Nội 357/KH-UBND" in choose.text_plain
    labels = set(choose.button_labels)
    assert {"Tháng này", "Tháng trước", "Năm xếp loại 2026", "Năm xếp loại 2027"} <= labels

    making, digest, *files = await officer.press("Tháng này", expect=5, timeout=20)
    assert "Đang tổng hợp" in making.text_plain
    assert "Tổng hợp tháng 11/2026 · Phường Yên Hòa" in digest.text_plain
    assert "Việc tốt: 1/1 tổ đạt (100%)" in digest.text_plain
    names = sorted(message.document.filename for message in files if message.document)
    assert names == [
        "BaoCao_11-2026_YenHoa.docx",
        "BieuDo_11-2026_YenHoa.png",
        "TongHop_11-2026_YenHoa.xlsx",
    ]
    word = next(m.document for m in files if m.document and m.document.filename.endswith(".docx"))
    assert word is not None
    report = Document(BytesIO(word.data))
    assert any("BÁO CÁO" in paragraph.text for paragraph in report.paragraphs)


async def test_a_member_cannot_ask_for_the_ward_summary(
    emulator: TelegramEmulator, ward: Ward, lan: Phone
) -> None:
    [refused] = await lan.send("/baocao")
    assert "dành cho cán bộ Công an phường" in refused.text_plain
    answers = await lan.press_data("s:2026-11", expect=0)
    assert answers == []
    await eventually(lambda: "dành cho cán bộ" in (lan.last_toast or ""), "the press refused")


async def test_the_officer_enters_the_figures_only_the_police_know(
    emulator: TelegramEmulator, ward: Ward, lan: Phone
) -> None:
    officer = await officer_of(emulator, ward)
    [menu] = await officer.send("/solieu")
    assert "Số liệu Công an phường nhập — tháng 11/2026" in menu.text_plain
    no_case = next(
        label for label in menu.button_labels if label.startswith("Không xảy ra vụ việc")
    )
    assert no_case.endswith(": —")
    [question] = await officer.press(no_case)
    assert question.button_labels == ["Có", "Không"]
    [menu] = await officer.press("Có")
    assert any(
        label.startswith("Không xảy ra vụ việc") and label.endswith(": Có")
        for label in menu.button_labels
    )

    suspects = next(
        label for label in menu.button_labels if label.startswith("Số đối tượng, nghi vấn vi phạm")
    )
    [ask] = await officer.press(suspects)
    assert "Xin gõ một con số" in ask.text_plain
    [hint] = await officer.send("chưa rõ")
    assert "Xin gõ một con số" in hint.text_plain
    [menu] = await officer.send("12")
    assert any(
        label.startswith("Số đối tượng, nghi vấn vi phạm") and label.endswith(": 12")
        for label in menu.button_labels
    )

    await officer.send("/baocao")
    _making, digest, *_files = await officer.press("Tháng này", expect=5, timeout=20)
    line = next(row for row in digest.text_plain.splitlines() if "nghiêm trọng" in row)
    assert "chưa có số liệu" not in line


async def test_a_member_cannot_enter_police_figures(
    emulator: TelegramEmulator, ward: Ward, lan: Phone
) -> None:
    [refused] = await lan.send("/solieu")
    assert "dành cho cán bộ Công an phường" in refused.text_plain
    assert await lan.press_data("p:v:no_serious_case:2026-11:1", expect=0) == []


async def test_the_ward_leadership_reads_the_summary_but_enters_no_figures(
    emulator: TelegramEmulator, ward: Ward, lan: Phone
) -> None:
    code = await ward.invite(role="leadership", team_id=ward.ward_id)
    chair = emulator.phone(user_id=3001, first_name="Chủ tịch Minh")
    await chair.send(f"/start {code}")
    await chair.share_contact("0900000009", expect=2)
    await name_oneself(chair)
    await chair.press("Đồng ý")
    [choose] = await chair.send("/baocao")
    assert "Tháng này" in choose.button_labels
    [refused] = await chair.send("/solieu")
    assert "dành cho cán bộ Công an phường" in refused.text_plain


async def test_a_team_leader_sees_the_team_month(
    emulator: TelegramEmulator, ward: Ward, lan: Phone
) -> None:
    code = await ward.invite(role="leader")
    leader = emulator.phone(user_id=1005, first_name="Tổ trưởng Sơn")
    await leader.send(f"/start {code}")
    await leader.share_contact("0911000005", expect=2)
    await name_oneself(leader)
    await leader.press("Đồng ý")
    [month] = await leader.send("/baocao", timeout=20)
    assert "Tổ bảo vệ ANTT số 12 · tháng 11/2026 đến hôm nay" in month.text_plain
    assert "Việc tốt" in month.text_plain


async def test_fire_and_rescue_reports_count_as_participation_once(
    emulator: TelegramEmulator, ward: Ward, lan: Phone
) -> None:
    # A fire: Lan logs the call-out and, afterwards, the PCCC form about the same fire (same
    # team, same day: one incident). A drowning: only the CNCH form (one rescue).
    await lan.press("🚨 Huy động")
    await lan.press("Cháy (PCCC)")
    await lan.press("1 giờ trước")
    await lan.press("Sau 10 phút")
    await lan.send("Cùng lực lượng PCCC dập tắt đám cháy nhà kho.")
    await lan.press("Xong")
    await lan.press("✅ Gửi báo cáo")
    for kind, what, role, saved in (
        ("Cháy (PCCC)", "Cháy nhà kho ngõ 12 Trung Kính", "Cứu người bị nạn", "2"),
        ("Cứu nạn (CNCH)", "Đuối nước ở hồ Nghĩa Tân", "Cứu người bị nạn", "1"),
    ):
        await lan.press("☰ Khác")
        await lan.press("🔥 PCCC, CNCH")
        await lan.press(kind)
        await lan.press("Hôm nay")
        await lan.send(what)
        await lan.press(role)
        await lan.press(saved)
        await lan.press("Xong")
        await lan.press("✅ Gửi báo cáo")

    officer = await officer_of(emulator, ward)
    await officer.send("/baocao")
    _making, digest, *_files = await officer.press("Tháng này", expect=5, timeout=20)
    assert "PCCC: 1 lượt · CNCH: 1 lượt" in digest.text_plain


async def test_a_plans_own_target_is_not_the_wards_to_change(
    emulator: TelegramEmulator, ward: Ward, lan: Phone
) -> None:
    # Hà Nội 357 sets every target itself: /solieu offers no ward targets, and a made-up press
    # for one is refused.
    officer = await officer_of(emulator, ward)
    [menu] = await officer.send("/solieu")
    assert "🎯 Chỉ tiêu phường đặt" not in menu.button_labels
    assert await officer.press_data("t:e:good-deed-every-month", expect=0) == []
    await eventually(lambda: "không hợp lệ" in (officer.last_toast or ""), "the press refused")
