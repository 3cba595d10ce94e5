"""A member logs a good deed: what, when, a photo, a summary to confirm, a report number."""

from __future__ import annotations

import datetime as dt

import pytest

from emulator.phone import Phone
from emulator.server import TelegramEmulator
from tests.waiting import eventually
from tests.ward import Ward


@pytest.fixture
async def lan(emulator: TelegramEmulator, ward: Ward) -> Phone:
    """Nguyễn Thị Lan, already a member of Tổ 12."""
    phone = emulator.phone(user_id=1001, first_name="Lan", last_name="Nguyễn Thị")
    await ward.join(phone)
    return phone


async def test_member_logs_a_good_deed_with_a_photo(lan: Phone, ward: Ward) -> None:
    [ask_what] = await lan.press("📝 Việc tốt")
    assert ask_what.text_plain.startswith("Bước 1/4 · Đồng chí đã làm việc tốt gì?")

    [ask_day] = await lan.send("Giúp cụ bà ở ngõ 12 qua đường, đưa cụ về nhà.")
    assert ask_day.text_plain.startswith("Bước 2/4")
    assert ask_day.button_labels[:3] == ["Hôm nay", "Hôm qua", "Ngày khác"]

    [ask_who] = await lan.press("Hôm nay")
    assert "→ Hôm nay" in ask_day.text_plain  # the pressed message shows the choice
    assert ask_day.button_labels == []
    assert ask_who.text_plain.startswith("Bước 3/4 · Những ai cùng tham gia?")
    assert ask_who.button_labels[0] == "✅ Nguyễn Thị Lan"  # the author is ticked already

    [ask_photo] = await lan.press("Xong")
    assert ask_photo.text_plain.startswith("Bước 4/4")

    [summary] = await lan.send_photo()
    assert "Kiểm tra lại" in summary.text_plain
    assert "Giúp cụ bà ở ngõ 12 qua đường" in summary.text_plain
    assert "22/11/2026" in summary.text_plain
    assert "1 ảnh" in summary.text_plain

    [confirmation] = await lan.press("✅ Gửi báo cáo")
    [report] = await ward.reports()
    assert f"Đã ghi nhận việc tốt #{report.id} của Tổ bảo vệ ANTT số 12" in confirmation.text_plain
    assert "Tháng này tổ đã có 1 việc tốt" in confirmation.text_plain
    assert report.kind == "good_deed"
    assert report.occurred_on == dt.date(2026, 11, 22)
    assert report.payload["what"] == "Giúp cụ bà ở ngõ 12 qua đường, đưa cụ về nhà."
    assert report.payload["participants"] == [report.author_id]
    assert report.team_id == ward.team_id


async def test_a_good_deed_takes_four_taps_one_text_and_one_photo(lan: Phone) -> None:
    taps, texts = lan.taps, lan.texts_sent
    await lan.press("📝 Việc tốt")
    await lan.send("Dọn vệ sinh khu vui chơi của tổ dân phố.")
    await lan.press("Hôm nay")
    await lan.press("Xong")
    await lan.send_photo()
    [done] = await lan.press("✅ Gửi báo cáo")
    assert "Đã ghi nhận việc tốt" in done.text_plain
    assert (lan.taps - taps, lan.texts_sent - texts) == (4, 2)


async def test_yesterday_and_no_photo(lan: Phone, ward: Ward) -> None:
    await lan.press("📝 Việc tốt")
    await lan.send("Nhặt được ví, trả lại người đánh rơi.")
    await lan.press("Hôm qua")
    await lan.press("Xong")
    [summary] = await lan.press("Bỏ qua")
    assert "21/11/2026" in summary.text_plain
    assert "không có ảnh" in summary.text_plain
    await lan.press("✅ Gửi báo cáo")
    [report] = await ward.reports()
    assert report.occurred_on == dt.date(2026, 11, 21)
    assert report.payload == {
        "what": "Nhặt được ví, trả lại người đánh rơi.",
        "day": "2026-11-21",
        "participants": [report.author_id],
    }


async def test_another_day_typed_as_day_and_month(lan: Phone, ward: Ward) -> None:
    await lan.press("📝 Việc tốt")
    await lan.send("Hướng dẫn người dân khai báo tạm trú.")
    [ask] = await lan.press("Ngày khác")
    assert "Gõ ngày theo dạng ngày/tháng" in ask.text_plain
    await lan.send("15/11")
    await lan.press("Xong")
    await lan.press("Bỏ qua")
    await lan.press("✅ Gửi báo cáo")
    [report] = await ward.reports()
    assert report.occurred_on == dt.date(2026, 11, 15)


async def test_a_wrong_date_gets_a_hint_and_keeps_the_answer(lan: Phone) -> None:
    await lan.press("📝 Việc tốt")
    await lan.send("Giúp cụ bà qua đường.")
    [hint] = await lan.send("32/11")
    assert "Không có ngày «32/11» trên lịch" in hint.text_plain
    assert "Bước 2/4" in hint.text_plain
    [hint] = await lan.send("ngày mai")
    assert "Chưa hiểu ngày «ngày mai»" in hint.text_plain
    [hint] = await lan.send("25/11/2026")
    assert "Ngày 25/11/2026 chưa đến" in hint.text_plain
    await lan.press("Hôm nay")
    await lan.press("Xong")
    [summary] = await lan.press("Bỏ qua")
    assert "Giúp cụ bà qua đường." in summary.text_plain


async def test_a_photo_where_text_was_asked(lan: Phone) -> None:
    await lan.press("📝 Việc tốt")
    [hint] = await lan.send_photo()
    assert "Bước này cần gõ chữ" in hint.text_plain
    assert "Bước 1/4" in hint.text_plain
    [ask_day] = await lan.send("Sửa giúp bóng đèn ngõ 5.")
    assert "Bước 2/4" in ask_day.text_plain


async def test_a_photo_with_a_caption_answers_two_questions(lan: Phone, ward: Ward) -> None:
    await lan.press("📝 Việc tốt")
    [ask_day] = await lan.send_photo(caption="Quét dọn sân nhà văn hoá tổ 12.")
    assert "Bước 2/4" in ask_day.text_plain
    await lan.press("Hôm nay")
    [summary] = await lan.press("Xong")  # the photo question was answered by the photo
    assert "1 ảnh" in summary.text_plain


async def test_too_short_text_is_refused(lan: Phone) -> None:
    await lan.press("📝 Việc tốt")
    [hint] = await lan.send("ok")
    assert "ít nhất 5 ký tự" in hint.text_plain


async def test_back_and_edit_from_the_summary(lan: Phone, ward: Ward) -> None:
    await lan.press("📝 Việc tốt")
    await lan.send("Giúp cụ bà qua đường.")
    await lan.press("Hôm nay")
    [ask_day] = await lan.press("◀ Quay lại")
    assert "Bước 2/4" in ask_day.text_plain
    [ask_what] = await lan.press("◀ Quay lại")
    assert "Bước 1/4" in ask_what.text_plain
    await lan.send("Giúp hai cụ bà qua đường.")
    await lan.press("Hôm qua")
    await lan.press("Xong")
    [summary] = await lan.press("Bỏ qua")
    assert "Giúp hai cụ bà qua đường." in summary.text_plain

    [pick] = await lan.press("✏️ Sửa")
    assert "Ngày" in pick.button_labels
    [ask_day] = await lan.press("Ngày")
    [summary] = await lan.press("Hôm nay")
    assert "22/11/2026" in summary.text_plain
    assert "Giúp hai cụ bà qua đường." in summary.text_plain
    await lan.press("✅ Gửi báo cáo")
    [report] = await ward.reports()
    assert report.occurred_on == dt.date(2026, 11, 22)


STEPS_BEFORE_CANCEL = {
    "what": [],
    "day": [("send", "Giúp cụ bà qua đường.")],
    "day typed": [("send", "Giúp cụ bà qua đường."), ("press", "Ngày khác")],
    "participants": [("send", "Giúp cụ bà qua đường."), ("press", "Hôm nay")],
    "photo": [("send", "Giúp cụ bà qua đường."), ("press", "Hôm nay"), ("press", "Xong")],
    "summary": [
        ("send", "Giúp cụ bà qua đường."),
        ("press", "Hôm nay"),
        ("press", "Xong"),
        ("press", "Bỏ qua"),
    ],
    "pick field": [
        ("send", "Giúp cụ bà qua đường."),
        ("press", "Hôm nay"),
        ("press", "Xong"),
        ("press", "Bỏ qua"),
        ("press", "✏️ Sửa"),
    ],
}


@pytest.mark.parametrize("step", list(STEPS_BEFORE_CANCEL))
async def test_cancel_at_every_step_saves_nothing(lan: Phone, ward: Ward, step: str) -> None:
    await lan.press("📝 Việc tốt")
    for action, value in STEPS_BEFORE_CANCEL[step]:
        await (lan.send(value) if action == "send" else lan.press(value))
    [answer] = await lan.send("/huy")
    assert "Đã huỷ, không có gì được lưu" in answer.text_plain
    assert await ward.reports() == []
    [menu] = await lan.send("tiếp")
    assert "📝 Việc tốt" in menu.button_labels


async def test_cancel_button(lan: Phone, ward: Ward) -> None:
    await lan.press("📝 Việc tốt")
    [answer] = await lan.press("Huỷ")
    assert "Đã huỷ" in answer.text_plain
    [answer] = await lan.send("/huy")
    assert "Không có việc gì đang làm dở" in answer.text_plain


async def test_a_stale_button_changes_nothing(lan: Phone, ward: Ward) -> None:
    await lan.press("📝 Việc tốt")
    [ask_day] = await lan.send("Giúp cụ bà qua đường.")
    yesterday = ask_day.callback_data["Hôm qua"]
    await lan.press("Hôm nay")
    await lan.press("◀ Quay lại")
    # A phone may still show the old "Hôm qua" button of an earlier step.
    answers = await lan.press_data(yesterday, expect=0)
    assert answers == []
    await eventually(lambda: "cũ" in (lan.last_toast or ""), "the stale press is answered")
    [ask_who] = await lan.press("Hôm nay")
    assert "Bước 3/4" in ask_who.text_plain


async def test_a_forged_button_is_refused(lan: Phone, ward: Ward) -> None:
    await lan.press("📝 Việc tốt")
    for forged in ("m:admin", "f999:send", "garbage", "j1:yes", "m:good_deed:1"):
        assert await lan.press_data(forged, expect=0) == []
        assert lan.last_toast in (
            "Nút này không hợp lệ.",
            "Nút này đã cũ. Xin trả lời câu hỏi mới nhất ở cuối cuộc trò chuyện.",
        )
    assert await ward.reports() == []
    [ask_day] = await lan.send("Giúp cụ bà qua đường.")
    assert "Bước 2/4" in ask_day.text_plain


async def test_a_press_answered_only_by_a_toast_shows_the_toast_however_slow(
    emulator: TelegramEmulator, lan: Phone
) -> None:
    """Telegram is slow to carry the bot's answer to a forged press: Lan's spinner turns until
    the answer comes, then she reads it (the phone waits for the answer, not a fixed while)."""
    await lan.press("📝 Việc tốt")
    slow = emulator.faults.add("answerCallbackQuery", status=None, hang=0.5)
    assert await lan.press_data("garbage", expect=0) == []
    assert slow.answered == 1
    assert lan.last_toast in (
        "Nút này không hợp lệ.",
        "Nút này đã cũ. Xin trả lời câu hỏi mới nhất ở cuối cuộc trò chuyện.",
    )


async def test_the_menu_while_a_report_is_open_resumes_it(lan: Phone) -> None:
    await lan.press("📝 Việc tốt")
    await lan.send("Giúp cụ bà qua đường.")
    [resumed] = await lan.send("/menu")
    assert "đang làm dở một báo cáo" in resumed.text_plain
    assert "Bước 2/4" in resumed.text_plain


async def test_team_count_in_the_confirmation(
    emulator: TelegramEmulator, lan: Phone, ward: Ward
) -> None:
    binh = emulator.phone(user_id=1002, first_name="Bình")
    await ward.join(binh, "0911111111")
    for phone, what in ((lan, "Giúp cụ bà qua đường."), (binh, "Trả lại ví cho người đánh rơi.")):
        await phone.press("📝 Việc tốt")
        await phone.send(what)
        await phone.press("Hôm nay")
        await phone.press("Xong")
        await phone.press("Bỏ qua")
        [done] = await phone.press("✅ Gửi báo cáo")
    assert "Tháng này tổ đã có 2 việc tốt" in done.text_plain


async def test_user_text_with_html_is_shown_safely(lan: Phone, ward: Ward) -> None:
    await lan.press("📝 Việc tốt")
    await lan.send("Giúp <b>cụ</b> & bà qua đường <script>")
    await lan.press("Hôm nay")
    await lan.press("Xong")
    [summary] = await lan.press("Bỏ qua")
    assert "Giúp <b>cụ</b> & bà qua đường <script>" in summary.text_plain
