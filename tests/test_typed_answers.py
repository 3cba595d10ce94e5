"""A member on a messenger without buttons (Zalo) answers the same conversation by typing: the
list's number, or its words with or without diacritics, several numbers for ticks, 0 to go
back, a phone number where Telegram has a contact button.

The Zalo channel is built beside this work; here the real bot runs against the Telegram
emulator through `NumberedChannel`, Telegram made to behave like such a messenger: every
reply's buttons become a numbered list in its text (`chat.typed_choices.numbered`, as the Zalo
channel renders them), an edit comes as a new message, and there is no phone button. The
phone only types, so `taps` stays 0."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select, update

from bot.app import BotApp
from bot.channel import Channel
from chat.actions import MenuChoice
from chat.clock import FixedClock
from chat.events import Incoming
from chat.replies import Button, Edit, Say, SendFile
from chat.texts import Texts
from chat.typed_choices import numbered
from emulator.phone import Phone
from emulator.server import TelegramEmulator
from storage.models import CallOutPerson, Draft
from storage.outbox import Notice, enqueue_notices
from tests.conftest import MORNING
from tests.waiting import eventually
from tests.ward import Ward


class NumberedChannel:
    """A channel without buttons over a Telegram one: lists in the text, edits sent anew."""

    buttons_as_text = True

    def __init__(self, telegram: Channel, texts: Texts) -> None:
        self.telegram = telegram
        self.name = telegram.name
        self.texts = texts

    def to_incoming(self, inbox_id: int, payload: dict[str, Any]) -> Incoming | None:
        return self.telegram.to_incoming(inbox_id, payload)

    async def deliver(self, chat_ref: str, reply: Say | Edit | SendFile) -> None:
        if isinstance(reply, Say | Edit):
            photo = reply.photo if isinstance(reply, Say) else None
            text = numbered(reply.text, reply.buttons, self.texts)
            reply = Say(text=text, photo=photo, remove_keyboard=True)
        await self.telegram.deliver(chat_ref, reply)

    async def answer_button(self, callback_ref: str, text: str | None) -> None:
        raise AssertionError("nothing is pressed on a messenger without buttons")


@pytest.fixture
def clock() -> FixedClock:
    """Half a minute past nine: a press is timed as received (the clock less the seconds it
    waited in the inbox), which a loaded machine may make a second or two."""
    return FixedClock(MORNING + dt.timedelta(seconds=30))


@pytest.fixture
def backend() -> str:
    """The Telegram backend under the channel is not what is tested: one is enough."""
    return "aiogram"


@pytest.fixture
async def typing_bot(bot: BotApp) -> BotApp:
    channel = NumberedChannel(bot.pipeline.channel, bot.texts)
    bot.pipeline.channel = channel
    bot.sender.channel = channel
    return bot


async def join_by_typing(phone: Phone, ward: Ward) -> None:
    """The invite code, the phone number typed, the name and the consent chosen by number."""
    code = await ward.invite()
    [ask_phone] = await phone.send(f"/start {code}")
    assert "xin gửi số điện thoại" in ask_phone.text_plain
    assert "Chia sẻ số điện thoại" not in str(phone.reply_keyboard)
    await phone.send("0912 345 678", expect=2)
    await phone.send("1")  # the name Telegram's account gives, family name first
    [welcome] = await phone.send("đồng ý")
    assert "Việc tốt" in welcome.text_plain


@pytest.fixture
async def lan(emulator: TelegramEmulator, ward: Ward, typing_bot: BotApp) -> Phone:
    """Nguyễn Thị Lan of Tổ 12, who only types."""
    phone = emulator.phone(user_id=1001, first_name="Lan", last_name="Nguyễn Thị")
    await join_by_typing(phone, ward)
    return phone


async def test_joining_by_typing_the_phone_number(lan: Phone, ward: Ward) -> None:
    [member] = await ward.members()
    assert member.phone == "0912345678"
    assert member.full_name == "Nguyễn Thị Lan"
    assert lan.taps == 0


async def test_a_good_deed_by_typed_answers_four_answers_one_text_one_photo(
    lan: Phone, ward: Ward
) -> None:
    taps, typed = lan.taps, lan.texts_sent
    [ask_what] = await lan.send("viec tot")
    assert ask_what.text_plain.startswith("Bước 1/4")
    [ask_day] = await lan.send("Dọn vệ sinh khu vui chơi của tổ dân phố.")
    assert "1. Hôm nay\n2. Hôm qua\n3. Ngày khác" in ask_day.text_plain
    assert "0. ◀ Quay lại" in ask_day.text_plain
    [ask_who] = await lan.send("hom nay")
    assert "1. ✅ Nguyễn Thị Lan" in ask_who.text_plain
    [ask_photo] = await lan.send("Xong")
    assert ask_photo.text_plain.startswith("Bước 4/4")
    [summary] = await lan.send_photo()
    assert "Kiểm tra lại" in summary.text_plain
    assert "1. ✅ Gửi báo cáo" in summary.text_plain
    [done] = await lan.send("1")
    assert "Đã ghi nhận việc tốt" in done.text_plain
    # 4 answers ("viec tot", "hom nay", "Xong", "1") + 1 text + 1 photo, and no tap
    assert (lan.taps - taps, lan.texts_sent - typed) == (0, 6)
    [report] = await ward.reports()
    assert report.kind == "good_deed"
    assert report.occurred_on == dt.date(2026, 11, 22)
    assert report.payload["what"] == "Dọn vệ sinh khu vui chơi của tổ dân phố."
    assert report.payload["participants"] == [report.author_id]


async def test_numbers_with_and_without_diacritics_and_zero_goes_back(
    lan: Phone, ward: Ward
) -> None:
    await lan.send("1")  # the menu's first line: a good deed
    await lan.send("Giúp cụ bà qua đường.")
    [ask_what] = await lan.send("0")
    assert ask_what.text_plain.startswith("Bước 1/4")
    await lan.send("Giúp hai cụ bà qua đường.")
    [ask_who] = await lan.send("Hôm qua")
    assert ask_who.text_plain.startswith("Bước 3/4")
    [ask_day] = await lan.send("quay lai")
    assert ask_day.text_plain.startswith("Bước 2/4")
    await lan.send("HÔM QUA")
    await lan.send("xong")
    await lan.send("bo qua")
    await lan.send("gui")
    [report] = await ward.reports()
    assert report.occurred_on == dt.date(2026, 11, 21)
    assert report.payload["what"] == "Giúp hai cụ bà qua đường."


async def test_a_number_out_of_range_names_the_valid_ones_and_loses_nothing(
    lan: Phone, ward: Ward
) -> None:
    await lan.send("việc tốt")
    await lan.send("Sửa giúp bóng đèn ngõ 5.")
    [answer] = await lan.send("7")
    assert answer.text_plain == (
        "Không có lựa chọn số 7. Xin đồng chí gõ một trong các số: 1, 2, 3, 4, 0."
    )
    [answer] = await lan.send("1 2")
    assert "chỉ chọn một" in answer.text_plain
    [ask_who] = await lan.send("1")  # the draft is where it was: the day question
    assert ask_who.text_plain.startswith("Bước 3/4")


async def test_several_numbers_tick_several_people_and_show_one_list(
    emulator: TelegramEmulator, lan: Phone, ward: Ward
) -> None:
    duc = await ward.person(emulator.phone(user_id=1002, first_name="Đức"), "member")
    hoa = await ward.person(emulator.phone(user_id=1003, first_name="Hoà"), "member")
    await lan.send("viec tot")
    await lan.send("Trực cùng tổ tại ngõ 12.")
    [ask_who] = await lan.send("hom nay")
    listed = ask_who.text_plain
    assert "1. ✅ Nguyễn Thị Lan" in listed and "2. ⬜ Đức" in listed and "3. ⬜ Hoà" in listed
    assert "Gõ một hoặc nhiều số để đánh dấu" in listed
    [ticked] = await lan.send("2 và 3")  # one list back, not one per tick
    assert "2. ✅ Đức" in ticked.text_plain and "3. ✅ Hoà" in ticked.text_plain
    [ask_photo] = await lan.send("4")  # Xong
    assert ask_photo.text_plain.startswith("Bước 4/4")
    await lan.send("bỏ qua")
    await lan.send("Gửi báo cáo")
    [report] = await ward.reports()
    assert report.payload["participants"] == [report.author_id, duc, hoa]


async def test_a_text_that_names_no_choice_is_an_answer(lan: Phone, ward: Ward) -> None:
    await lan.send("việc tốt")
    [ask_day] = await lan.send("Hôm nay cả tổ đi phát tờ rơi.")  # begins like "Hôm nay"
    assert ask_day.text_plain.startswith("Bước 2/4")
    [ask_day_typed] = await lan.send("ngay khac")
    assert "Gõ ngày theo dạng ngày/tháng" in ask_day_typed.text_plain
    [ask_who] = await lan.send("15/11")
    assert ask_who.text_plain.startswith("Bước 3/4")
    await lan.send("xong")
    await lan.send("bo qua")
    await lan.send("gui")
    [report] = await ward.reports()
    assert report.occurred_on == dt.date(2026, 11, 15)
    assert report.payload["what"] == "Hôm nay cả tổ đi phát tờ rơi."


async def test_a_list_the_conversation_has_moved_on_from_is_stale_as_an_old_button(
    lan: Phone, ward: Ward
) -> None:
    await lan.send("viec tot")
    await lan.send("Trực cùng tổ tại ngõ 12.")
    async with ward.db.write() as session:  # the draft moves on elsewhere (another device)
        await session.execute(update(Draft).values(version=Draft.version + 1))
    [answer] = await lan.send("1")
    assert answer.text_plain.startswith("Nút này đã cũ.")
    async with ward.db.read() as session:
        [draft] = (await session.scalars(select(Draft))).all()
        assert draft.step == "day"  # nothing moved
    assert await ward.reports() == []


async def test_a_notice_with_buttons_is_answered_by_its_number(
    typing_bot: BotApp, lan: Phone, ward: Ward
) -> None:
    reminder = Say(
        text="Nhắc: tháng này đồng chí chưa có báo cáo nào.",
        buttons=[[Button(label="📝 Báo cáo việc tốt", action=MenuChoice("good_deed").encode())]],
    )
    notice = Notice("reminder:test:1", str(lan.chat_id), reminder.model_dump(mode="json"))
    before = len(lan.messages)
    async with ward.db.write() as session:
        await enqueue_notices(session, typing_bot.pipeline.channel.name, [notice])
    typing_bot.sender.wake()
    await eventually(lambda: len(lan.messages) > before, "the reminder arrives")
    assert lan.last.text_plain.endswith("1. 📝 Báo cáo việc tốt\nGõ số hoặc chữ để chọn.")
    [ask_what] = await lan.send("1")
    assert ask_what.text_plain.startswith("Bước 1/4 · Đồng chí đã làm việc tốt gì?")


async def test_a_question_without_buttons_takes_a_typed_number_as_its_answer(
    emulator: TelegramEmulator, typing_bot: BotApp, ward: Ward
) -> None:
    officer = emulator.phone(user_id=2001, first_name="Hùng", last_name="Trần Văn")
    await ward.person(officer, "officer", unit_id=ward.ward_id)
    [page] = await officer.send("/solieu")
    assert "4. Số đối tượng, nghi vấn vi phạm về vũ khí" in page.text_plain
    [ask] = await officer.send("4")
    assert "\n1." not in ask.text_plain  # a number to type, no list
    [page] = await officer.send("3")  # the figure, not the page's third line
    assert "4. Số đối tượng, nghi vấn vi phạm về vũ khí, vật liệu nổ, công cụ hỗ trợ, pháo: 3" in (
        page.text_plain
    )
    [ask_yes_no] = await officer.send("1")
    [answer] = await officer.send("3")
    assert answer.text_plain == "Không có lựa chọn số 3. Xin đồng chí gõ một trong các số: 1, 2."
    [page] = await officer.send("co")
    assert "1. Bảo đảm tuyệt đối an toàn các sự kiện trọng đại trên địa bàn: Có" in page.text_plain
    assert "Có" in ask_yes_no.text_plain


async def test_a_number_question_takes_the_typed_number_and_a_place_is_typed(
    lan: Phone, ward: Ward
) -> None:
    await lan.send("tuyen truyen")
    await lan.send("Phòng chống lừa đảo qua mạng")
    [ask_audience] = await lan.send("hom nay")
    assert "10 · 20 · 50 · 100\n• Huỷ\n• ◀ Quay lại" in ask_audience.text_plain
    [ask_place] = await lan.send("35")  # not the 35th line: the number of people
    assert "1. Huỷ\n0. ◀ Quay lại" in ask_place.text_plain
    await lan.send("Nhà văn hoá tổ 12")
    await lan.send("xong")
    await lan.send("gui")
    [report] = await ward.reports()
    assert report.payload["audience"] == 35
    assert report.payload["place"] == "Nhà văn hoá tổ 12"


async def test_a_call_out_dispatched_and_answered_by_typing(
    emulator: TelegramEmulator, lan: Phone, ward: Ward
) -> None:
    minh = emulator.phone(user_id=1005, first_name="Minh")
    await ward.person(minh, "leader")
    await minh.send("/huydong")
    await minh.send("chay")
    await minh.send("Ngõ 12 Trần Duy Hưng")  # the place typed: no location to share
    await minh.send("bo qua")
    await minh.send("xong")
    [status] = await minh.send("1")  # 🚨 Huy động ngay
    assert "Chưa trả lời: Nguyễn Thị Lan" in status.text_plain
    await eventually(lambda: "HUY ĐỘNG" in lan.last.text_plain, "Lan alerted")
    assert "1. 🏃 Tôi đến ngay\n2. ⏱ Đến muộn\n3. ❌ Không thể" in lan.last.text_plain
    [noted] = await lan.send("1")  # the alert's list, kept when the alert was queued
    assert "đồng chí đang đến (09:00)" in noted.text_plain
    assert "1. 📍 Đã có mặt" in noted.text_plain
    await eventually(
        lambda: "🏃 Đang đến: Nguyễn Thị Lan" in minh.last.text_plain, "the leader sees it"
    )
    [there] = await lan.send("1")
    assert "có mặt lúc 09:00" in there.text_plain
    async with ward.db.read() as session:
        [person] = (await session.scalars(select(CallOutPerson))).all()
    assert person.answer == "coming" and person.arrived_at is not None
    assert lan.taps == minh.taps == 0
