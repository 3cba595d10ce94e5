"""The ward police review what members send them: a tip is marked valuable (or not) with its
outcome, a model acknowledged and by which level; the author is told, the audit trail keeps who
decided, and the summaries count it at once. Only the police of the report's own ward may."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.app import BotApp
from chat.clock import FixedClock
from config.settings import Settings
from emulator.phone import Phone
from emulator.server import TelegramEmulator
from reports.campaigns import IndicatorSpec
from reports.summary import WardSummary
from storage.access_log import access_entries
from storage.database import Database
from storage.models import TEAM_HALF_MONTHS, Member, OutboxMessage, Report, ReportChange, Unit
from storage.reports import add_report
from storage.units import add_unit
from summaries.packages import (
    campaign_named,
    parse_period,
    summarise_province_by_ward,
    ward_package,
)
from tests.waiting import eventually
from tests.ward import Ward

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
REFUSED = "Không tìm thấy mục này, hoặc đồng chí không có quyền"


async def told(phone: Phone, words: str) -> None:
    """Wait for a notice the paced sender delivers to `phone`."""
    await eventually(
        lambda: any(words in message.text_plain for message in phone.messages),
        f"{phone.user.display_name} is told: {words}",
    )


async def send_tip(phone: Phone, content: str) -> None:
    await phone.send("/menu")
    await phone.press("ℹ️ Nguồn tin")
    await phone.send(content)
    await phone.send("Ngõ 9 Đường Trần Duy Hưng")
    await phone.press("Hôm nay")
    await phone.press("✅ Gửi báo cáo")


async def changes(db: Database, report_id: int) -> list[ReportChange]:
    async with db.read() as session:
        query = select(ReportChange).where(ReportChange.report_id == report_id)
        return list((await session.scalars(query.order_by(ReportChange.id))).all())


async def valuable_tips(db: Database, team_id: int) -> int:
    async with db.read() as session:
        rows = await session.scalars(
            select(TEAM_HALF_MONTHS.c.valuable_tips).where(TEAM_HALF_MONTHS.c.team_id == team_id)
        )
        return sum(rows.all())


async def test_an_officer_marks_a_tip_valuable_and_the_ward_counts_it(
    emulator: TelegramEmulator, ward: Ward
) -> None:
    luong = emulator.phone(user_id=1001, first_name="Đặng Thị Lương")
    officer = emulator.phone(user_id=2001, first_name="Trương Văn Đức")
    luong_id = await ward.person(luong, "member")
    officer_id = await ward.person(officer, "officer", ward.ward_id)

    await send_tip(luong, "Có người lạ hay lui tới căn nhà bỏ hoang số 9 lúc nửa đêm.")
    [tip] = await ward.reports()
    assert tip.author_id == luong_id
    await told(officer, "Nguồn tin mới")
    notice = next(m for m in officer.messages if "Nguồn tin mới" in m.text_plain)
    assert "căn nhà bỏ hoang" in notice.text_plain
    assert "Người gửi: Đặng Thị Lương · Tổ bảo vệ ANTT số 12" in notice.text_plain
    assert "Chưa đánh giá" in notice.text_plain
    assert {"✅ Có giá trị", "➖ Không có giá trị"} <= set(notice.button_labels)

    [question] = await officer.press("✅ Có giá trị", notice)
    assert "Kết quả xác minh, xử lý nguồn tin" in question.text_plain
    assert "Bỏ qua" in question.button_labels
    card = officer.message(notice.message_id)
    assert "Đánh giá: có giá trị" in card.text_plain
    assert "đ/c Trương Văn Đức" in card.text_plain
    # Summaries count it at once: the stored half-month counts were redone in the same
    # transaction.
    assert await valuable_tips(ward.db, ward.team_id) == 1

    saved, redrawn = await officer.send("Đã xác minh, phối hợp xử lý hai đối tượng.", expect=2)
    assert "Đã lưu" in saved.text_plain
    assert "Kết quả xác minh, xử lý: Đã xác minh, phối hợp xử lý hai đối tượng." in (
        redrawn.text_plain
    )
    [stored] = await ward.reports()
    assert stored.payload["valuable"] is True
    assert stored.payload["review_note"] == "Đã xác minh, phối hợp xử lý hai đối tượng."
    # The audit trail keeps who decided and when, each step.
    trail = await changes(ward.db, tip.id)
    assert [(c.action, c.member_id, c.after) for c in trail] == [
        ("review", officer_id, {"valuable": True}),
        ("review", officer_id, {"review_note": "Đã xác minh, phối hợp xử lý hai đối tượng."}),
    ]
    assert trail[0].before == {"valuable": None}
    assert trail[0].at is not None

    # The author is told the decision, not the outcome (it may name people).
    await told(luong, "đã được Công an phường Yên Hòa đánh giá có giá trị")
    assert not any("đối tượng" in message.text_plain for message in luong.messages)
    [mine] = await luong.press_data(f"r:o:{tip.id}")
    assert "Đánh giá: có giá trị" in mine.text_plain
    assert "đối tượng" not in mine.text_plain

    # The month's workbook the officer forwards shows it.
    await officer.send("/baocao")
    _making, digest, *files = await officer.press("Tháng này", expect=5, timeout=20)
    assert "1 có giá trị" in digest.text_plain
    workbook = next(
        m.document for m in files if m.document and m.document.filename.endswith(".xlsx")
    )
    assert workbook is not None
    book = load_workbook(BytesIO(workbook.data))
    rows = [row[:2] for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)]
    assert ("Nguồn tin có giá trị", 1) in rows


async def test_the_officer_changes_a_review_skips_the_outcome_and_sees_the_lists(
    emulator: TelegramEmulator, ward: Ward
) -> None:
    luong = emulator.phone(user_id=1001, first_name="Đặng Thị Lương")
    officer = emulator.phone(user_id=2001, first_name="Trương Văn Đức")
    author_id = await ward.person(luong, "member")
    officer_id = await ward.person(officer, "officer", ward.ward_id)
    # Another ward, its own team, officer and tip: never in this ward's lists.
    async with ward.db.write() as session:
        other_ward = await add_unit(session, "Phường Đống Đa", "commune")
        other_team = await add_unit(session, "Tổ bảo vệ ANTT số 1", "team", other_ward)
        ngoc = Member(
            full_name="Ngô Thị Ước", role="member", unit_id=other_team.id, consent_at=_now(ward)
        )
        session.add(ngoc)
        await session.flush()
        await _tip(session, other_team.id, ngoc.id, "Xe máy không biển số đỗ lâu ngày.", ward)
        older = await _tip(session, ward.team_id, author_id, "Tụ tập đánh bạc ở bãi đất.", ward)

    await send_tip(luong, "Có người lạ hay lui tới căn nhà bỏ hoang số 9 lúc nửa đêm.")
    await told(officer, "Nguồn tin mới")
    [menu] = await officer.send("/quanly")
    assert "📥 Nguồn tin chờ đánh giá (2)" in menu.button_labels
    [waiting] = await officer.send("/nguontin")
    assert "Nguồn tin chờ đánh giá" in waiting.text_plain and "Phường Yên Hòa: 2" in (
        waiting.text_plain
    )
    tips = [label for label in waiting.button_labels if label.startswith("#")]
    newest = max(report.id for report in await ward.reports())
    assert [label.split(" · ")[0] for label in tips] == [f"#{newest}", f"#{older}"]
    assert not any("Xe máy" in label for label in waiting.button_labels)

    [card] = await officer.press(tips[1])
    assert "Tụ tập đánh bạc" in card.text_plain
    await officer.press("➖ Không có giá trị", card)
    [skipped] = await officer.press("Bỏ qua")
    assert "Đã lưu đánh giá" in skipped.text_plain
    await told(luong, "không có giá trị")
    # Changed later: the audit trail keeps both decisions.
    await officer.press("✅ Có giá trị", card)
    await officer.press("Bỏ qua")
    trail = await changes(ward.db, older)
    assert [(c.member_id, c.before, c.after) for c in trail] == [
        (officer_id, {"valuable": None}, {"valuable": False}),
        (officer_id, {"valuable": False}, {"valuable": True}),
    ]
    [waiting] = await officer.send("/nguontin")
    assert [label for label in waiting.button_labels if label.startswith("#")] == [
        label for label in tips if label.startswith(f"#{newest}")
    ]
    [decided] = await officer.press("✔️ Đã đánh giá (1)")
    first = next(label for label in decided.button_labels if label.startswith("#"))
    assert first.startswith(f"#{older}")
    # A card drawn before someone decided does not override them silently.
    [stale, current] = await officer.press_data(f"o:vd:{older}:n:w", expect=2)
    assert "vừa được đánh giá khác" in stale.text_plain
    assert "Đánh giá: có giá trị" in current.text_plain
    assert len(await changes(ward.db, older)) == 2
    # The tip opened from the list is logged, without its contents.
    async with ward.db.read() as session:
        entries = await access_entries(session)
    assert ("open-tip", f"report:{older}") in {(e.action, e.subject) for e in entries}
    assert not any("đánh bạc" in (e.subject or "") for e in entries)


async def test_only_the_police_of_the_reports_ward_may_review(
    emulator: TelegramEmulator, ward: Ward
) -> None:
    luong = emulator.phone(user_id=1001, first_name="Đặng Thị Lương")
    leader = emulator.phone(user_id=1002, first_name="Lưu Văn Đông")
    other_officer = emulator.phone(user_id=2002, first_name="Phạm Thị Ơn")
    leadership = emulator.phone(user_id=2003, first_name="Hồ Đức Thắng")
    admin = emulator.phone(user_id=2004, first_name="Quản trị")
    author_id = await ward.person(luong, "member")
    await ward.person(leader, "leader")
    await ward.person(leadership, "leadership", ward.ward_id)
    await ward.person(admin, "admin", ward.ward_id)
    async with ward.db.write() as session:
        other_ward = await add_unit(session, "Phường Đống Đa", "commune")
        tip = await _tip(session, ward.team_id, author_id, "Có người lạ hay lui tới.", ward)
        deed = await add_report(
            session,
            kind="good_deed",
            team_id=ward.team_id,
            author_id=author_id,
            occurred_on=_now(ward).date(),
            payload={"what": "Giúp cụ bà qua đường"},
            photos=[],
            source_update_id=None,
            now=_now(ward),
        )
    await ward.person(other_officer, "officer", other_ward.id)

    for phone in (leader, other_officer, leadership, admin, luong):
        for data in (f"o:vo:{tip}", f"o:vd:{tip}:y:w", f"o:vn:{tip}", f"o:vl:{ward.ward_id}:t:w:0"):
            [refused] = await phone.press_data(data)
            assert REFUSED in refused.text_plain, (phone.user.display_name, data)
    [answer] = await leader.send("/nguontin")
    assert "dành cho cán bộ Công an phường" in answer.text_plain
    [answer] = await other_officer.send("/nguontin")
    assert "không còn nguồn tin nào chờ đánh giá" in answer.text_plain
    # The ward's own officer cannot review a report that is not a tip or a model, nor press a
    # choice that is not one.
    officer = emulator.phone(user_id=2001, first_name="Trương Văn Đức")
    await ward.person(officer, "officer", ward.ward_id)
    for data in (
        f"o:vd:{deed.id}:y:w",
        f"o:vd:{tip}:7:w",
        f"o:vl:{ward.team_id}:t:w:0",
    ):
        [refused] = await officer.press_data(data)
        assert REFUSED in refused.text_plain, data
    # An id no database holds is forged data: the toast every forged press gets.
    answered = len(emulator.calls_to("answerCallbackQuery"))
    await officer.press_data(f"o:vo:{10**12}", expect=0)
    await eventually(
        lambda: len(emulator.calls_to("answerCallbackQuery")) > answered, "the press is answered"
    )
    assert officer.last_toast == "Nút này không hợp lệ."

    [stored, good_deed] = await ward.reports()
    assert "valuable" not in stored.payload and good_deed.payload == {
        "what": "Giúp cụ bà qua đường"
    }
    assert await changes(ward.db, tip) == []
    assert await valuable_tips(ward.db, ward.team_id) == 0


async def test_a_tip_sent_at_night_reaches_the_officer_in_the_morning(
    emulator: TelegramEmulator, ward: Ward, clock: FixedClock
) -> None:
    luong = emulator.phone(user_id=1001, first_name="Đặng Thị Lương")
    officer = emulator.phone(user_id=2001, first_name="Trương Văn Đức")
    await ward.person(luong, "member")
    officer_id = await ward.person(officer, "officer", ward.ward_id)
    clock.moment = dt.datetime(2026, 11, 22, 22, 40, tzinfo=ZONE)
    await send_tip(luong, "Nghi có đối tượng lạ dò xét nhà dân trong ngõ.")
    [tip] = await ward.reports()
    async with ward.db.read() as session:
        [notice] = (
            await session.scalars(
                select(OutboxMessage).where(OutboxMessage.key.startswith("notice:review:"))
            )
        ).all()
    assert notice.key == f"notice:review:{tip.id}:{officer_id}"
    assert notice.chat_ref == str(officer.user_id)
    assert notice.not_before == dt.datetime(2026, 11, 23, 7, 0, tzinfo=ZONE)
    assert notice.status == "pending"
    assert not any("Nguồn tin mới" in message.text_plain for message in officer.messages)


async def test_a_long_list_of_tips_is_paged_newest_first(
    emulator: TelegramEmulator, ward: Ward
) -> None:
    luong = emulator.phone(user_id=1001, first_name="Đặng Thị Lương")
    officer = emulator.phone(user_id=2001, first_name="Trương Văn Đức")
    author_id = await ward.person(luong, "member")
    await ward.person(officer, "officer", ward.ward_id)
    async with ward.db.write() as session:
        ids = [
            await _tip(session, team, author_id, f"Nguồn tin thứ {n} về đối tượng Ương.", ward)
            for n, team in enumerate([ward.team_id, ward.other_team_id] * 5, start=1)
        ]
    [first] = await officer.send("/nguontin")
    assert "Phường Yên Hòa: 10 (trang 1/2)" in first.text_plain
    numbers = [label.split(" · ")[0] for label in first.button_labels if label.startswith("#")]
    assert numbers == [f"#{n}" for n in sorted(ids, reverse=True)[:8]]
    assert "Trang sau ▶" in first.button_labels
    [second] = await officer.press("Trang sau ▶")
    numbers = [label.split(" · ")[0] for label in second.button_labels if label.startswith("#")]
    assert numbers == [f"#{n}" for n in sorted(ids, reverse=True)[8:]]
    assert "◀ Trang trước" in second.button_labels
    assert "trang 2/2" in second.text_plain


def test_a_minimum_level_belongs_to_the_models_indicator_only() -> None:
    base = {"label": "Mô hình", "short": "Mô hình", "target": 1, "seed": "001 IV.2"}
    spec = IndicatorSpec(id="m", computation="models_acknowledged", min_level="district", **base)
    assert spec.min_level == "district"
    assert IndicatorSpec(id="m", computation="models_acknowledged", **base).min_level is None
    with pytest.raises(ValidationError, match="takes no min_level"):
        IndicatorSpec(id="t", computation="teams_on_patrol", min_level="district", **base)
    with pytest.raises(ValidationError):
        IndicatorSpec(id="m", computation="models_acknowledged", min_level="ward", **base)


HAI_AN_DAY = dt.datetime(2025, 3, 10, 9, 0, tzinfo=ZONE)  # Đợt 2: 04/02–19/08/2025


@pytest.fixture
async def hai_an(settings: Settings) -> AsyncIterator[tuple[BotApp, FixedClock]]:
    """The bot serving Hải An's plan, on a morning of its Đợt 2."""
    clock = FixedClock(HAI_AN_DAY)
    app = BotApp(settings.model_copy(update={"campaign": "hai-an-2024"}), clock=clock)
    await app.start()
    try:
        yield app, clock
    finally:
        await app.stop()


async def test_a_model_acknowledged_by_the_district_police_meets_hai_an_iv_2(
    emulator: TelegramEmulator, hai_an: tuple[BotApp, FixedClock]
) -> None:
    app, _clock = hai_an
    async with app.db.write() as session:
        city = await add_unit(session, "Thành phố Hải Phòng", "province")
        ward = await add_unit(session, "Phường Đông Hải 1", "commune", city)
        team = await add_unit(session, "Tổ bảo vệ ANTT số 4", "team", ward, planned_size=4)
    duong = emulator.phone(user_id=3001, first_name="Vũ Thị Dương")
    officer = emulator.phone(user_id=3002, first_name="Đỗ Mạnh Cường")
    async with app.db.write() as session:
        for phone, role, unit in ((duong, "leader", team), (officer, "officer", ward)):
            session.add(
                Member(
                    telegram_user_id=phone.user_id,
                    full_name=phone.user.display_name,
                    role=role,
                    unit_id=unit.id,
                    consent_at=HAI_AN_DAY,
                )
            )

    await duong.send("/menu")
    await duong.press("☰ Khác")
    await duong.press("🏅 Mô hình, câu lạc bộ")
    await duong.send("Camera an ninh Ngõ Đồng Hương")
    await duong.press("Hôm nay")
    await duong.send("Công an quận Hải An")
    await duong.press("✅ Gửi báo cáo")
    await told(officer, "Mô hình mới")
    notice = next(m for m in officer.messages if "Mô hình mới" in m.text_plain)
    assert "Chưa xác nhận" in notice.text_plain

    # First recorded as the ward police's: not enough for "Công an quận trở lên".
    await officer.press("Công an xã, phường", notice)
    await officer.press("Bỏ qua")
    assert await _model_indicator(app.db, ward.id) == (0, "not_met")
    await told(duong, "Công an xã, phường biểu dương")

    await officer.press("Công an quận, huyện", notice)
    [_saved, card] = await officer.send("Giấy khen số 15/GK-CAQ ngày 05/3/2025", expect=2)
    assert "Được Công an quận, huyện biểu dương, ghi nhận" in card.text_plain
    assert "Căn cứ: Giấy khen số 15/GK-CAQ ngày 05/3/2025" in card.text_plain
    await told(duong, "Công an quận, huyện biểu dương")
    assert await _model_indicator(app.db, ward.id) == (1, "met")

    # The phase's digest the officer receives says it is met.
    await officer.send("/baocao")
    _making, digest, *_files = await officer.press("Đợt 2", expect=5, timeout=20)
    line = next(row for row in digest.text_plain.splitlines() if "Mô hình được ghi nhận" in row)
    assert line.startswith("✅")
    # The city's roll-up, read from the stored half-month counts, agrees.
    campaign = campaign_named("hai-an-2024")
    async with app.db.read() as session:
        summary = await summarise_province_by_ward(
            session, city.id, campaign, parse_period("phase:Đợt 2", campaign), ZONE
        )
    [ward_summary] = summary.wards
    model = next(r for r in ward_summary.indicators if r.spec.id == "model-acknowledged")
    assert (model.numerator, model.status) == (1, "met")


async def _model_indicator(db: Database, ward_id: int) -> tuple[int | None, str]:
    """Hải An IV.2 for Đợt 2, from the ward's summary."""
    campaign = campaign_named("hai-an-2024")
    async with db.read() as session:
        ward = await session.get(Unit, ward_id)
        assert ward is not None
        package = await ward_package(
            session,
            ward,
            campaign,
            parse_period("phase:Đợt 2", campaign),
            HAI_AN_DAY.date(),
            ZONE,
        )
    summary = package.summary
    assert isinstance(summary, WardSummary)
    model = next(r for r in summary.indicators if r.spec.id == "model-acknowledged")
    return model.numerator, model.status


def _now(ward: Ward) -> dt.datetime:
    return ward.clock.now()


async def _tip(
    session: AsyncSession, team_id: int, author_id: int, content: str, ward: Ward
) -> int:
    now = _now(ward) - dt.timedelta(hours=1)
    report: Report = await add_report(
        session,
        kind="tip",
        team_id=team_id,
        author_id=author_id,
        occurred_on=now.date(),
        payload={"content": content, "place": {"address": "Ngõ 5"}, "day": f"{now.date()}"},
        photos=[],
        source_update_id=None,
        now=now,
    )
    return report.id
