"""A member looks back at their reports, opens one with its photos, and corrects or deletes it
within 24 hours; after that it is read-only; every change stays in the audit trail."""

from __future__ import annotations

import datetime as dt

import pytest

from chat.clock import FixedClock
from emulator.phone import Phone
from emulator.server import TelegramEmulator
from storage.reports import changes_of
from tests.ward import Ward


@pytest.fixture
async def lan(emulator: TelegramEmulator, ward: Ward) -> Phone:
    phone = emulator.phone(user_id=1001, first_name="Lan", last_name="Nguyễn Thị")
    await ward.join(phone)
    return phone


async def log_good_deed(phone: Phone, what: str, day: str = "Hôm nay", photo: bool = False) -> None:
    await phone.send("/menu")
    await phone.press("📝 Việc tốt")
    await phone.send(what)
    if day in ("Hôm nay", "Hôm qua"):
        await phone.press(day)
    else:
        await phone.press("Ngày khác")
        await phone.send(day)
    await phone.press("Xong")
    await (phone.send_photo() if photo else phone.press("Bỏ qua"))
    await phone.press("✅ Gửi báo cáo")


async def log_patrol(phone: Phone) -> None:
    await phone.send("/menu")
    await phone.press("🚶 Tuần tra")
    await phone.press("An ninh trật tự")
    await phone.press("1 giờ vừa qua")
    await phone.send("Ngõ 5")
    await phone.press("Xong")
    await phone.press("✅ Gửi báo cáo")


async def test_reports_by_month_and_kind(lan: Phone) -> None:
    [empty] = await lan.send("/baocaocuatoi")
    assert "Tháng 11/2026 đồng chí chưa có báo cáo nào" in empty.text_plain
    await log_good_deed(lan, "Giúp cụ bà qua đường, đưa về tận nhà ở ngõ 12.")
    await log_good_deed(lan, "Trả lại ví cho người đánh rơi ở chợ.", day="28/10")
    await log_patrol(lan)

    [november] = await lan.send("/baocaocuatoi")
    assert "Báo cáo tháng 11/2026 của đồng chí: 2" in november.text_plain
    labels = november.button_labels
    assert any(label.startswith("#") and "22/11 · Tuần tra: Ngõ 5" in label for label in labels)
    assert any(
        "Việc tốt: Giúp cụ bà qua đường" in label and label.endswith("…") for label in labels
    )
    assert {"• Tất cả", "Việc tốt", "Tuần tra", "◀ 10/2026"} <= set(labels)
    assert "12/2026 ▶" not in labels  # no page for a month still to come

    [patrols] = await lan.press("Tuần tra")
    assert "Báo cáo tháng 11/2026 của đồng chí: 1" in patrols.text_plain
    [october] = await lan.press("◀ 10/2026")
    assert "Báo cáo tháng 10/2026 của đồng chí: 1" in october.text_plain
    assert any("28/10 · Việc tốt" in label for label in october.button_labels)


async def test_open_a_report_with_its_photo(lan: Phone, ward: Ward) -> None:
    await log_good_deed(lan, "Sửa bóng đèn ngõ 5.", photo=True)
    [report] = await ward.reports()
    [listing] = await lan.send("/baocaocuatoi")
    assert "Báo cáo tháng 11/2026 của đồng chí: 1" in listing.text_plain
    photo, details = await lan.press(
        f"#{report.id} · 22/11 · Việc tốt: Sửa bóng đèn ngõ 5.", expect=2
    )
    assert photo.photo == report.attachments[0].file_id
    assert f"#{report.id} · Việc tốt" in details.text_plain
    assert "• Việc tốt: Sửa bóng đèn ngõ 5." in details.text_plain
    assert "• Người tham gia: Nguyễn Thị Lan" in details.text_plain
    assert "Đồng chí có thể sửa hoặc xoá đến 09:00 23/11/2026" in details.text_plain
    assert {"✏️ Sửa", "🗑 Xoá", "◀ Danh sách"} <= set(details.button_labels)


async def test_correct_a_report_within_the_day(lan: Phone, ward: Ward) -> None:
    await log_good_deed(lan, "Giúp cụ bà qua đường.")
    [report] = await ward.reports()
    await lan.send("/baocaocuatoi")
    await lan.press(f"#{report.id} · 22/11 · Việc tốt: Giúp cụ bà qua đường.", expect=1)
    [summary] = await lan.press("✏️ Sửa")
    assert f"Đang sửa báo cáo #{report.id}" in summary.text_plain
    await lan.press("✏️ Sửa")
    await lan.press("Việc tốt")
    await lan.send("Giúp hai cụ bà qua đường ở ngã tư.")
    [done] = await lan.press("✅ Gửi báo cáo")
    assert f"Đã sửa báo cáo #{report.id}" in done.text_plain

    [changed] = await ward.reports()
    assert changed.id == report.id
    assert changed.payload["what"] == "Giúp hai cụ bà qua đường ở ngã tư."
    async with ward.db.read() as session:
        [change] = await changes_of(session, report.id)
    assert change.action == "edit"
    assert change.before["payload"]["what"] == "Giúp cụ bà qua đường."
    assert change.after is not None and change.after["payload"]["what"].startswith("Giúp hai")


async def test_delete_a_report_within_the_day(lan: Phone, ward: Ward) -> None:
    await log_good_deed(lan, "Giúp cụ bà qua đường.")
    [report] = await ward.reports()
    await lan.send("/baocaocuatoi")
    await lan.press(f"#{report.id} · 22/11 · Việc tốt: Giúp cụ bà qua đường.")
    [question] = await lan.press("🗑 Xoá")
    assert "Xoá báo cáo" in question.text_plain
    [done] = await lan.press("🗑 Xoá báo cáo")
    assert f"Đã xoá báo cáo #{report.id}" in done.text_plain
    [deleted] = await ward.reports()
    assert deleted.status == "deleted"
    async with ward.db.read() as session:
        [change] = await changes_of(session, report.id)
    assert change.action == "delete" and change.before["payload"]["what"] == "Giúp cụ bà qua đường."
    [listing] = await lan.send("/baocaocuatoi")
    assert "chưa có báo cáo nào" in listing.text_plain


async def test_after_24_hours_a_report_is_read_only(
    lan: Phone, ward: Ward, clock: FixedClock
) -> None:
    await log_good_deed(lan, "Giúp cụ bà qua đường.")
    [report] = await ward.reports()
    [listing] = await lan.send("/baocaocuatoi")
    [details] = await lan.press(f"#{report.id} · 22/11 · Việc tốt: Giúp cụ bà qua đường.")
    edit_data = details.callback_data["✏️ Sửa"]
    delete_data = details.callback_data["🗑 Xoá"]

    clock.moment += dt.timedelta(hours=24, minutes=1)
    for data in (edit_data, delete_data, f"r:dy:{report.id}"):
        [refused] = await lan.press_data(data)
        assert "Đã quá 24 giờ kể từ khi gửi nên không sửa, xoá được nữa" in refused.text_plain
    [details] = await lan.press(
        f"#{report.id} · 22/11 · Việc tốt: Giúp cụ bà qua đường.", message=listing
    )
    assert "chỉ còn để xem" in details.text_plain
    assert "✏️ Sửa" not in details.button_labels
    [unchanged] = await ward.reports()
    assert unchanged.status == "active" and unchanged.payload == report.payload


async def test_an_edit_confirmed_after_the_window_is_refused(
    lan: Phone, ward: Ward, clock: FixedClock
) -> None:
    await log_good_deed(lan, "Giúp cụ bà qua đường.")
    [report] = await ward.reports()
    await lan.send("/baocaocuatoi")
    await lan.press(f"#{report.id} · 22/11 · Việc tốt: Giúp cụ bà qua đường.")
    await lan.press("✏️ Sửa")
    clock.moment += dt.timedelta(hours=25)
    [refused] = await lan.press("✅ Gửi báo cáo")
    assert "không sửa, xoá được nữa" in refused.text_plain


async def test_a_call_out_knows_whether_it_was_on_time(lan: Phone, ward: Ward) -> None:
    for arrived in ("Sau 10 phút", "Giờ khác"):
        await lan.send("/menu")
        await lan.press("🚨 Huy động")
        await lan.press("An ninh trật tự")
        await lan.press("1 giờ trước")
        await lan.press(arrived)
        if arrived == "Giờ khác":
            await lan.send("08:45")
        await lan.send("Giải tán đám đông gây rối")
        await lan.press("Xong")
        await lan.press("✅ Gửi báo cáo")
    quick, slow = await ward.reports()
    assert (quick.payload["response_minutes"], quick.payload["on_time"]) == (10, True)
    assert (slow.payload["response_minutes"], slow.payload["on_time"]) == (45, False)
