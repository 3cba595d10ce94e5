"""A person on Zalo talking to the real bot through the Zalo emulator over HTTP: the same
conversation as on Telegram, in plain text, with numbers for buttons."""

from __future__ import annotations

from bot.app import BotApp
from chat.replies import Button, Say
from emulator.zalo import ZaloEmulator
from tests.waiting import eventually
from tests.ward import Ward
from tests.zalo.helpers import inbox_rows, queue_notice


async def test_a_stranger_writes_to_the_zalo_bot_and_gets_the_vietnamese_answer(
    zalo: ZaloEmulator, zalo_ward: Ward
) -> None:
    duc = zalo.phone(1, "Trương Văn Đức")
    [answer] = await duc.send("Xin chào")
    assert "Để dùng trợ lý báo cáo, đồng chí cần mã mời" in answer.text
    assert answer.kind == "text"
    [sent] = zalo.calls("sendMessage")
    assert sent == {"chat_id": duc.chat_id, "text": answer.text}


async def test_an_invite_asks_to_type_the_phone_number_in_plain_text(
    zalo: ZaloEmulator, zalo_ward: Ward
) -> None:
    code = await zalo_ward.invite()
    uyen = zalo.phone(2, "Phạm Thị Ưng Uyên")
    [greeting] = await uyen.send(f"/start {code}")
    # Telegram's <b>…</b> is gone; the phone button is a line asking to type the number.
    assert "trợ lý báo cáo của Tổ bảo vệ ANTT số 12, Phường Yên Hòa" in greeting.text
    assert "<b>" not in greeting.text
    assert greeting.text.endswith(
        "📱 Đồng chí gõ số điện thoại của mình (ví dụ 0912345678) rồi gửi."
    )
    assert not [call for call in zalo.state.refused if call[0].startswith("send")]


async def test_a_reply_with_buttons_arrives_as_a_numbered_list(
    zalo: ZaloEmulator, zalo_bot: BotApp
) -> None:
    son = zalo.phone(3, "Lê Hồng Sơn")
    await son.send("Xin chào")
    choose = Say(
        text="Có <b>việc tốt</b> nào hôm nay? "
        '<i>Xem</i> <a href="https://antt.example.vn/hd">hướng dẫn</a> &amp; hỏi.',
        buttons=[
            [Button(label="📝 Việc tốt", action="m:good")],
            [Button(label="Hôm nay", action="d:0"), Button(label="Hôm qua", action="d:1")],
            [Button(label="◀ Quay lại", action="back")],
        ],
    )
    await queue_notice(zalo_bot.db, "zalo", son.chat_id, "test:buttons", choose)
    zalo_bot.sender.wake()
    await eventually(lambda: len(son.messages) == 2, "the list reaches Sơn")
    assert son.last.text == (
        "Có việc tốt nào hôm nay? Xem hướng dẫn (https://antt.example.vn/hd) & hỏi.\n"
        "\n"
        "1. 📝 Việc tốt\n"
        "2. Hôm nay\n"
        "3. Hôm qua\n"
        "0. ◀ Quay lại\n"
        "Gõ số hoặc chữ để chọn."
    )
    assert son.choices == {"📝 Việc tốt": 1, "Hôm nay": 2, "Hôm qua": 3, "◀ Quay lại": 0}
    await son.choose("Hôm qua")  # what a person types for a button: its number
    assert zalo.calls("sendMessage")[-1]["chat_id"] == son.chat_id


async def test_a_long_digest_is_split_at_line_breaks_under_2000_characters(
    zalo: ZaloEmulator, zalo_bot: BotApp
) -> None:
    officer = zalo.phone(4, "Đặng Quốc Ơn")
    await officer.send("Xin chào")
    lines = [
        f"<b>Tổ bảo vệ ANTT số {n}</b>: 12 việc tốt, 3 tin báo, 1 lượt huy động"
        for n in range(1, 91)
    ]
    digest = "📊 Tổng hợp tuần, Phường Yên Hòa\n" + "\n".join(lines)
    await queue_notice(zalo_bot.db, "zalo", officer.chat_id, "test:digest", Say(text=digest))
    zalo_bot.sender.wake()
    shown = digest.replace("<b>", "").replace("</b>", "")

    def parts() -> list[str]:
        return [message.text for message in officer.messages[1:]]

    await eventually(lambda: "\n".join(parts()) == shown, "the whole digest reaches Ơn")
    assert len(parts()) == 3  # about 5,600 characters
    assert all(len(part) <= 2000 for part in parts())
    assert not zalo.state.refused


async def test_a_redelivered_update_is_stored_and_handled_once(
    zalo: ZaloEmulator, zalo_bot: BotApp
) -> None:
    ung = zalo.phone(5, "Vũ Thị Ưng")
    await ung.send("Xin chào")
    assert await ung.deliver_again(expect=0, settle=0.5) == []
    [row] = await inbox_rows(zalo_bot.db, "zalo")
    assert row.chat_ref == ung.chat_id
    assert len(ung.messages) == 1
    # A second message of the same person is a new row.
    await ung.send("Xin chào lần nữa")
    assert len(await inbox_rows(zalo_bot.db, "zalo")) == 2


async def test_a_sticker_or_what_zalo_cannot_pass_on_gets_an_answer(
    zalo: ZaloEmulator, zalo_ward: Ward
) -> None:
    duc = zalo.phone(6, "Đỗ Minh Đức")
    [answer] = await duc.send_sticker()
    assert "đường link mời" in answer.text
    [answer] = await duc.send_unsupported()
    assert "đường link mời" in answer.text
