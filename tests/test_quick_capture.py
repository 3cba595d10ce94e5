"""A member just sends a photo or a sentence: the bot asks which report it is and fills it in."""

from __future__ import annotations

import pytest

from emulator.phone import Phone
from emulator.server import TelegramEmulator
from tests.waiting import eventually
from tests.ward import Ward


@pytest.fixture
async def lan(emulator: TelegramEmulator, ward: Ward) -> Phone:
    phone = emulator.phone(user_id=1001, first_name="Lan")
    await ward.join(phone)
    return phone


async def test_a_sentence_becomes_a_good_deed(lan: Phone, ward: Ward) -> None:
    [question] = await lan.send("Hôm nay giúp cụ bà ở ngõ 7 mang đồ về nhà.")
    assert "Đồng chí muốn báo cáo việc gì?" in question.text_plain
    assert {"📝 Việc tốt", "🚶 Tuần tra", "🔥 PCCC, CNCH", "Huỷ"} <= set(question.button_labels)
    [ask_day] = await lan.press("📝 Việc tốt")
    assert "Bước 2/4 · Việc này diễn ra khi nào?" in ask_day.text_plain
    await lan.press("Hôm nay")
    await lan.press("Xong")
    [summary] = await lan.press("Bỏ qua")
    assert "• Việc tốt: Hôm nay giúp cụ bà ở ngõ 7 mang đồ về nhà." in summary.text_plain
    await lan.press("✅ Gửi báo cáo")
    [report] = await ward.reports()
    assert report.payload["what"] == "Hôm nay giúp cụ bà ở ngõ 7 mang đồ về nhà."


async def test_a_photo_becomes_a_patrol_photo(lan: Phone, ward: Ward) -> None:
    [question] = await lan.send_photo()
    assert "Ảnh này thuộc báo cáo nào?" in question.text_plain
    await lan.press("🚶 Tuần tra")
    await lan.press("An ninh trật tự")
    await lan.press("1 giờ vừa qua")
    await lan.send("Ngõ 3")
    [summary] = await lan.press("Xong")
    assert "• Ảnh: 1 ảnh" in summary.text_plain
    await lan.press("✅ Gửi báo cáo")
    [report] = await ward.reports()
    assert len(report.attachments) == 1


async def test_a_too_short_sentence_is_not_filled_in(lan: Phone) -> None:
    await lan.send("ok")
    [ask_what] = await lan.press("📝 Việc tốt")
    assert "Bước 1/4" in ask_what.text_plain


async def test_capture_can_be_cancelled(lan: Phone, ward: Ward) -> None:
    await lan.send("Giúp cụ bà qua đường.")
    [answer] = await lan.press("Huỷ")
    assert "Đã huỷ" in answer.text_plain
    assert await ward.reports() == []


async def test_the_kind_asked_under_an_older_sentence_does_not_file_the_newer_one(
    lan: Phone, ward: Ward
) -> None:
    """Two sentences sent one after the other: the buttons under the first no longer stand
    for anything (the draft holds the second), so pressing one there files nothing."""
    [first] = await lan.send("Tối qua tuần tra cùng tổ ở ngõ Đông Ứng.")
    [second] = await lan.send("Sáng nay giúp ông Ước dọn mương trước nhà.")
    assert await lan.press("📝 Việc tốt", message=first, expect=0) == []
    await eventually(lambda: "cũ" in (lan.last_toast or ""), "the stale press is answered")
    [ask_day] = await lan.press("📝 Việc tốt", message=second)
    assert "Bước 2/4 · Việc này diễn ra khi nào?" in ask_day.text_plain
    await lan.press("Hôm nay")
    await lan.press("Xong")
    await lan.press("Bỏ qua")
    await lan.press("✅ Gửi báo cáo")
    [report] = await ward.reports()
    assert report.payload["what"] == "Sáng nay giúp ông Ước dọn mương trước nhà."
