"""The ward police officer sets the ward up in the bot (/quanly): teams, planned sizes, invite
links, members moved or removed, join requests; a team leader manages their own team."""

from __future__ import annotations

import io
import re
import unicodedata

from openpyxl import load_workbook
from sqlalchemy import select

from emulator.phone import Phone
from emulator.server import TelegramEmulator
from storage.access_log import access_entries
from storage.members import history_of
from storage.models import Member, OutboxMessage, Unit
from tests.waiting import eventually
from tests.ward import Ward, name_oneself

LINK = re.compile(r"https://t\.me/antt_demo_bot\?start=(\S+)")


async def unit_named(ward: Ward, name: str) -> Unit:
    async with ward.db.read() as session:
        found = (await session.scalars(select(Unit).where(Unit.name == name))).first()
    assert found is not None, name
    return found


async def member(ward: Ward, member_id: int) -> Member:
    async with ward.db.read() as session:
        found = await session.get(Member, member_id)
    assert found is not None
    return found


async def test_officer_creates_a_team_sets_its_size_and_invites_its_leader(
    emulator: TelegramEmulator, ward: Ward
) -> None:
    officer = emulator.phone(user_id=2001, first_name="Hùng")
    await ward.person(officer, "officer", ward.ward_id)

    [menu] = await officer.send("/quanly")
    assert "Quản lý Phường Yên Hòa" in menu.text_plain
    assert "2 tổ · 0 thành viên · 0 yêu cầu chờ duyệt" in menu.text_plain
    [teams] = await officer.press("👥 Các tổ (2)")
    assert "Tổ bảo vệ ANTT số 7 · 0/?" in teams.button_labels
    [question] = await officer.press("➕ Thêm tổ")
    assert "Tên tổ mới là gì?" in question.text_plain

    created, page = await officer.send("Tổ bảo vệ ANTT số 3", expect=2)
    assert "Đã tạo Tổ bảo vệ ANTT số 3" in created.text_plain
    assert "Thành viên: 0/? dự kiến" in page.text_plain
    await officer.press("🔢 Số thành viên dự kiến")
    [page] = await officer.press("4")
    assert "Thành viên: 0/4 dự kiến" in page.text_plain

    invite, _qr = await officer.press("🔗 Mời tổ trưởng", expect=2)
    assert "vai trò tổ trưởng, dùng được 1 lần, hết hạn ngày 29/11/2026" in invite.text_plain
    found = LINK.search(invite.text_plain)
    assert found is not None
    minh = emulator.phone(user_id=2002, first_name="Minh")
    await minh.send(f"/start {found[1]}")
    await minh.share_contact("0987000111", expect=2)
    await name_oneself(minh)
    [welcome] = await minh.press("Đồng ý")
    assert "Tổ bảo vệ ANTT số 3" in welcome.text_plain
    team = await unit_named(ward, "Tổ bảo vệ ANTT số 3")
    joined = [m for m in await ward.members() if m.telegram_user_id == 2002]
    assert [(m.role, m.unit_id) for m in joined] == [("leader", team.id)]
    assert team.planned_size == 4
    assert team.parent_id == ward.ward_id


async def test_a_bad_or_taken_name_keeps_the_question(
    emulator: TelegramEmulator, ward: Ward
) -> None:
    officer = emulator.phone(user_id=2001, first_name="Hùng")
    await ward.person(officer, "officer", ward.ward_id)
    await officer.send("/quanly")
    await officer.press("👥 Các tổ (2)")
    await officer.press("➕ Thêm tổ")

    [hint] = await officer.send("A")
    assert "Tên cần từ 2 đến 100 ký tự" in hint.text_plain
    [hint] = await officer.send("tổ bảo vệ antt số 7")
    assert "Phường đã có một đơn vị tên" in hint.text_plain
    created, _ = await officer.send("Tổ bảo vệ ANTT số 8", expect=2)
    assert "Đã tạo" in created.text_plain


async def test_officer_renames_a_team(emulator: TelegramEmulator, ward: Ward) -> None:
    officer = emulator.phone(user_id=2001, first_name="Hùng")
    await ward.person(officer, "officer", ward.ward_id)
    await officer.send("/quanly")
    await officer.press("👥 Các tổ (2)")
    await officer.press("Tổ bảo vệ ANTT số 7 · 0/?")
    await officer.press("✏️ Đổi tên")
    renamed, page = await officer.send("Tổ bảo vệ ANTT số 7A", expect=2)
    assert "Tổ bảo vệ ANTT số 7A" in page.text_plain
    assert "thành «Tổ bảo vệ ANTT số 7A»" in renamed.text_plain
    assert (await unit_named(ward, "Tổ bảo vệ ANTT số 7A")).id == ward.other_team_id


async def test_officer_moves_then_removes_a_member_and_history_is_kept(
    emulator: TelegramEmulator, ward: Ward
) -> None:
    officer = emulator.phone(user_id=2001, first_name="Hùng")
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await ward.person(officer, "officer", ward.ward_id)
    lan_id = await ward.person(lan, "member", number="0912345678")

    await officer.send("/quanly")
    await officer.press("👥 Các tổ (2)")
    [page] = await officer.press("Tổ bảo vệ ANTT số 12 · 1/5")
    assert "1. Lan — tổ viên" in page.text_plain
    [card] = await officer.press("Lan · tổ viên")
    assert "Điện thoại: 0912345678" in card.text_plain
    await officer.press("🔀 Chuyển tổ")
    moved, _ = await officer.press("Tổ bảo vệ ANTT số 7", expect=2)
    assert "Đã chuyển Lan sang Tổ bảo vệ ANTT số 7" in moved.text_plain
    assert (await member(ward, lan_id)).unit_id == ward.other_team_id

    await officer.send("/quanly")
    await officer.press("👥 Các tổ (2)")
    await officer.press("Tổ bảo vệ ANTT số 7 · 1/?")
    await officer.press("Lan · tổ viên")
    [why] = await officer.press("🚪 Cho thôi tham gia")
    assert "thôi tham gia Tổ bảo vệ ANTT số 7 vì lý do gì" in why.text_plain
    removed, _ = await officer.press("Xin thôi", expect=2)
    assert "lý do: Xin thôi" in removed.text_plain

    gone = await member(ward, lan_id)
    assert (gone.status, gone.left_reason) == ("left", "resigned")
    async with ward.db.read() as session:
        history = await history_of(session, lan_id)
    assert [(h.event, h.unit_id, h.reason) for h in history] == [
        ("moved", ward.other_team_id, None),
        ("left", ward.other_team_id, "resigned"),
    ]
    [answer] = await lan.send("/menu")
    assert "cần mã mời" in answer.text_plain
    # Lan comes back later with a new invite: a new membership, the old one kept as history.
    await lan.send(f"/start {await ward.invite()}")
    await lan.share_contact("0912345678", expect=2)
    await name_oneself(lan)
    [welcome] = await lan.press("Đồng ý")
    assert "Tổ bảo vệ ANTT số 12" in welcome.text_plain
    assert (await member(ward, lan_id)).telegram_user_id is None


async def test_officer_makes_a_member_the_leader_and_the_old_leader_steps_down(
    emulator: TelegramEmulator, ward: Ward
) -> None:
    officer = emulator.phone(user_id=2001, first_name="Hùng")
    tam = emulator.phone(user_id=1000, first_name="Tâm")
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await ward.person(officer, "officer", ward.ward_id)
    tam_id = await ward.person(tam, "leader")
    lan_id = await ward.person(lan, "member")

    # Tâm, still leader, cannot hand the role on himself, even with a forged button.
    [refused] = await tam.press_data(f"o:rs:{lan_id}:leader")
    assert "Không tìm thấy mục này, hoặc đồng chí không có quyền" in refused.text_plain

    await officer.send("/quanly")
    await officer.press("👥 Các tổ (2)")
    await officer.press("Tổ bảo vệ ANTT số 12 · 2/5")
    await officer.press("Lan · tổ viên")
    [which] = await officer.press("🎖 Đổi vai trò")
    assert "Giao vai trò mới cho Lan (Tổ bảo vệ ANTT số 12; hiện là tổ viên)" in which.text_plain
    assert which.button_labels == ["tổ phó", "tổ trưởng", "◀ Quay lại"]
    done, page = await officer.press("tổ trưởng", expect=2)
    assert "Đã giao Lan vai trò tổ trưởng của Tổ bảo vệ ANTT số 12" in done.text_plain
    assert "Tâm trở thành tổ viên" in done.text_plain
    assert "Lan — tổ trưởng" in page.text_plain and "Tâm — tổ viên" in page.text_plain

    assert ((await member(ward, lan_id)).role, (await member(ward, tam_id)).role) == (
        "leader",
        "member",
    )
    await eventually(
        lambda: "Đồng chí được giao vai trò tổ trưởng" in lan.last.text_plain, "Lan is told"
    )
    await eventually(lambda: "Từ nay Lan là tổ trưởng" in tam.last.text_plain, "Tâm is told")
    async with ward.db.read() as session:
        assert [(h.event, h.role) for h in await history_of(session, lan_id)] == [
            ("role", "leader")
        ]
        assert [(h.event, h.role) for h in await history_of(session, tam_id)] == [
            ("role", "member")
        ]
    # Lan now runs the team: /quanly opens its page for her; Tâm's is a member's answer.
    [her_page] = await lan.send("/quanly")
    assert "Tổ bảo vệ ANTT số 12" in her_page.text_plain
    [his] = await tam.send("/quanly")
    assert "Chức năng quản lý dành cho" in his.text_plain
    # A role that is not a team's is refused, whoever presses it.
    [forged] = await officer.press_data(f"o:rs:{lan_id}:officer")
    assert "Không tìm thấy mục này, hoặc đồng chí không có quyền" in forged.text_plain
    assert (await member(ward, lan_id)).role == "leader"


async def test_officer_corrects_a_members_name_and_the_member_is_told(
    emulator: TelegramEmulator, ward: Ward
) -> None:
    officer = emulator.phone(user_id=2001, first_name="Phạm Văn Hùng")
    tam = emulator.phone(user_id=1000, first_name="Tâm")
    await ward.person(officer, "officer", ward.ward_id)
    await ward.person(tam, "leader")
    lan = emulator.phone(user_id=1001, first_name="Lan", last_name="Nguyễn Thị")
    await lan.send(f"/start {await ward.invite()}")
    await lan.share_contact("0912345678", expect=2)
    await lan.press("Lan Nguyễn Thị")  # Telegram's order, tapped by mistake
    await lan.press("Đồng ý")
    [lan_id] = [m.id for m in await ward.members() if m.telegram_user_id == 1001]

    # Only who may manage members corrects names: the leader's forged button is refused.
    [refused] = await tam.press_data(f"o:nm:{lan_id}")
    assert "Không tìm thấy mục này, hoặc đồng chí không có quyền" in refused.text_plain

    await officer.send("/quanly")
    await officer.press("👥 Các tổ (2)")
    await officer.press("Tổ bảo vệ ANTT số 12 · 2/5")
    await officer.press("Lan Nguyễn Thị · tổ viên")
    [question] = await officer.press("✏️ Sửa họ tên")
    assert "Họ và tên đúng của «Lan Nguyễn Thị»" in question.text_plain
    [again] = await officer.send("Lan")
    assert "Xin ghi cả họ và tên (ít nhất hai chữ)" in again.text_plain
    done, card = await officer.send(unicodedata.normalize("NFD", "nguyễn thị lan"), expect=2)
    assert "Đã sửa họ tên «Lan Nguyễn Thị» thành Nguyễn Thị Lan" in done.text_plain
    assert "👤 Nguyễn Thị Lan — tổ viên" in card.text_plain

    assert (await member(ward, lan_id)).full_name == "Nguyễn Thị Lan"
    async with ward.db.read() as session:
        history = await history_of(session, lan_id)
    assert [(h.event, h.reason) for h in history] == [
        ("joined", None),
        ("renamed", "Lan Nguyễn Thị"),
    ]
    assert history[-1].by_member_id is not None
    await told(lan, "Họ và tên của đồng chí trong báo cáo đã được sửa thành Nguyễn Thị Lan")
    assert "người sửa: Phạm Văn Hùng" in lan.last.text_plain


async def test_join_requests_wait_for_approval_when_the_ward_turns_auto_approve_off(
    emulator: TelegramEmulator, ward: Ward
) -> None:
    officer = emulator.phone(user_id=2001, first_name="Hùng")
    leader = emulator.phone(user_id=1000, first_name="Tâm")
    await ward.person(officer, "officer", ward.ward_id)
    await ward.person(leader, "leader")
    await officer.send("/quanly")
    [menu] = await officer.press("✅ Tự động duyệt: Bật (bấm để tắt)")
    assert "⏸ Tự động duyệt: Tắt (bấm để bật)" in menu.button_labels

    binh = emulator.phone(user_id=1002, first_name="Bình", last_name="Trần Thị")
    await binh.send(f"/start {await ward.invite()}")
    await binh.share_contact("0911222333", expect=2)
    await binh.press("Trần Thị Bình")  # the request carries the name she chose
    [sent] = await binh.press("Đồng ý")
    assert "Đã gửi yêu cầu tham gia Tổ bảo vệ ANTT số 12" in sent.text_plain
    await told(officer, "xin tham gia")
    await told(leader, "xin tham gia")
    [waiting] = await binh.send("Xin chào")
    assert "đang chờ duyệt" in waiting.text_plain
    assert [m.telegram_user_id for m in await ward.members()] == [2001, 1000]

    [menu] = await officer.send("/quanly")
    assert "1 yêu cầu chờ duyệt" in menu.text_plain
    [requests] = await officer.press("📨 Yêu cầu tham gia (1)")
    assert "1. Trần Thị Bình · 0911222333 · Tổ bảo vệ ANTT số 12 · tổ viên" in requests.text_plain
    approved, _ = await officer.press("✅ Duyệt 1", expect=2)
    assert "Đã duyệt Trần Thị Bình vào Tổ bảo vệ ANTT số 12" in approved.text_plain
    [again] = await officer.press("✅ Duyệt 1", requests)
    assert "đã được xử lý rồi" in again.text_plain

    joined = [m for m in await ward.members() if m.telegram_user_id == 1002]
    assert [(m.full_name, m.role, m.unit_id, m.consent_at is not None) for m in joined] == [
        ("Trần Thị Bình", "member", ward.team_id, True)
    ]
    async with ward.db.read() as session:
        keys = set((await session.scalars(select(OutboxMessage.key))).all())
    assert any(key.startswith("notice:join-decision:") for key in keys)
    assert sum(key.startswith("notice:join-request:") for key in keys) == 2  # leader, officer
    # The decision reaches Bình by the paced sender, within a second or so.
    await eventually(lambda: "đã được duyệt vào" in binh.last.text_plain, "Bình hears the decision")
    [menu] = await binh.send("/menu")
    assert "📝 Việc tốt" in menu.button_labels


async def test_a_leader_rejects_a_request_of_their_own_team(
    emulator: TelegramEmulator, ward: Ward
) -> None:
    leader = emulator.phone(user_id=1000, first_name="Tâm")
    await ward.person(leader, "leader")
    async with ward.db.write() as session:
        from storage.ward_settings import set_auto_approve

        await set_auto_approve(session, ward.ward_id, False, None, ward.clock.now())
    binh = emulator.phone(user_id=1002, first_name="Bình")
    await binh.send(f"/start {await ward.invite()}")
    await binh.share_contact("0911222333", expect=2)
    await name_oneself(binh)
    await binh.press("Đồng ý")
    await told(leader, "xin tham gia")

    [page] = await leader.send("/quanly")
    await leader.press("📨 Yêu cầu tham gia (1)", page)
    rejected, _ = await leader.press("❌ Từ chối 1", expect=2)
    assert "Đã từ chối yêu cầu của Nguyễn Bình" in rejected.text_plain
    await told(binh, "chưa được chấp nhận")
    [answer] = await binh.send("Xin chào")
    assert "cần mã mời" in answer.text_plain


async def test_a_leader_manages_only_their_team_and_invites_members_only(
    emulator: TelegramEmulator, ward: Ward
) -> None:
    leader = emulator.phone(user_id=1000, first_name="Tâm")
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await ward.person(leader, "leader")
    await ward.person(lan, "member")
    [page] = await leader.send("/quanly")
    assert "Tổ bảo vệ ANTT số 12 · Phường Yên Hòa" in page.text_plain
    assert "1. Tâm — tổ trưởng" in page.text_plain
    assert "2. Lan — tổ viên" in page.text_plain
    assert page.button_labels == ["🔗 Mời tổ viên"]
    invite, _qr = await leader.press("🔗 Mời tổ viên", expect=2)
    assert "vai trò tổ viên, dùng được 5 lần" in invite.text_plain


async def test_officer_revokes_an_open_invite(emulator: TelegramEmulator, ward: Ward) -> None:
    officer = emulator.phone(user_id=2001, first_name="Hùng")
    await ward.person(officer, "officer", ward.ward_id)
    await officer.send("/quanly")
    await officer.press("👥 Các tổ (2)")
    await officer.press("Tổ bảo vệ ANTT số 12 · 0/5")
    invite, _qr = await officer.press("🔗 Mời tổ viên", expect=2)
    found = LINK.search(invite.text_plain)
    assert found is not None

    await officer.press("Tổ bảo vệ ANTT số 12 · 0/5")
    [listing] = await officer.press("🎟 Link mời đang dùng được (1)")
    [label] = [b for b in listing.button_labels if b.startswith("🚫 Thu hồi")]
    assert label == "🚫 Thu hồi: tổ viên · còn 5 lượt · đến 29/11"
    done, _ = await officer.press(label, expect=2)
    assert "Đã thu hồi link mời" in done.text_plain
    stranger = emulator.phone(user_id=1005, first_name="Khách")
    [answer] = await stranger.send(f"/start {found[1]}")
    assert "đã bị thu hồi" in answer.text_plain


async def test_officer_exports_the_roster_and_the_export_is_logged(
    emulator: TelegramEmulator, ward: Ward
) -> None:
    officer = emulator.phone(user_id=2001, first_name="Hùng")
    lan = emulator.phone(user_id=1001, first_name="Lan")
    await ward.person(officer, "officer", ward.ward_id)
    await ward.person(lan, "leader", number="0912345678")
    await officer.send("/quanly")
    [sent] = await officer.press("📤 Xuất danh sách thành viên")
    assert sent.document is not None
    assert "1 người" in sent.text_plain
    sheet = load_workbook(io.BytesIO(sent.document.data)).worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][:5] == [
        "Phường/xã",
        "Tổ dân phố/thôn",
        "Tổ bảo vệ ANTT",
        "Họ và tên",
        "Số điện thoại",
    ]
    assert rows[1][2:6] == ["Tổ bảo vệ ANTT số 12", "Lan", "0912345678", "Tổ trưởng"]
    async with ward.db.read() as session:
        [entry] = await access_entries(session)
    assert (entry.action, entry.unit_id, entry.subject) == ("export-roster", ward.ward_id, "xlsx")
    assert entry.member_id is not None


async def told(phone: Phone, words: str) -> None:
    """Wait for a notice the paced sender delivers to `phone` (it comes apart from replies)."""
    await eventually(
        lambda: any(words in message.text_plain for message in phone.messages),
        f"{phone.user.display_name} is told: {words}",
    )
