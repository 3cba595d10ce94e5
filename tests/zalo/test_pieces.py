"""The Zalo pieces on their own: the inbox key, the plain text, the split, files as links, and a
token that never shows in an error."""

from __future__ import annotations

import logging

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.zalo.channel import ZaloChannel
from bot.zalo.client import ZaloApiError, ZaloClient, ZaloNetworkError
from bot.zalo.render import calls_for, plain_text, split_text
from bot.zalo.updates import ZALO_KEYS, incoming_of, update_key
from chat.replies import Edit, Say, SendFile
from chat.texts import texts_for
from emulator.zalo import ZaloEmulator

UPDATE = {
    "event_name": "message.text.received",
    "message": {
        "message_id": "16f6366b3f02645a3d15",
        "from": {"id": "e4ea2cd5189df1c3a88c", "display_name": "Trương Thị Ơn"},
        "chat": {"id": "e4ea2cd5189df1c3a88c", "chat_type": "PRIVATE"},
        "date": 1766619597466,
        "text": "/start ma-moi",
    },
}


def test_the_inbox_key_is_the_same_for_the_same_message_in_send_order_and_fits_63_bits() -> None:
    key = ZALO_KEYS.update_id(UPDATE)
    assert key == update_key("e4ea2cd5189df1c3a88c", "16f6366b3f02645a3d15", 1766619597466)
    assert key is not None and 0 <= key < 2**63
    same_time = {**UPDATE, "message": {**UPDATE["message"], "message_id": "16f6366b3f02645a3d16"}}  # type: ignore[dict-item]
    assert ZALO_KEYS.update_id(same_time) != key
    later = {**UPDATE, "message": {**UPDATE["message"], "date": 1766619597467}}  # type: ignore[dict-item]
    later_key = ZALO_KEYS.update_id(later)
    assert later_key is not None and later_key > key
    assert 0 <= update_key("c", "m", 2**62) < 2**63  # far in the future: still 63 bits
    assert 0 <= update_key("c", "m", None) < 2**63
    assert ZALO_KEYS.chat_ref(UPDATE) == "e4ea2cd5189df1c3a88c"
    assert ZALO_KEYS.unwrap({"ok": True, "result": UPDATE}) == UPDATE
    assert ZALO_KEYS.unwrap(UPDATE) == UPDATE
    assert ZALO_KEYS.update_id({"event_name": "message.text.received"}) is None


def test_a_zalo_text_is_read_as_the_conversation_reads_telegram() -> None:
    incoming = incoming_of(7, UPDATE)
    assert incoming is not None
    assert (incoming.channel, incoming.update_ref) == ("zalo", 7)
    assert (incoming.command, incoming.command_args) == ("start", "ma-moi")
    assert incoming.user_name == "Trương Thị Ơn"
    assert incoming.is_private
    photo = {
        "event_name": "message.image.received",
        "message": {**UPDATE["message"], "photo": "https://f.zdn.vn/a.jpg", "caption": "Đèn"},  # type: ignore[dict-item]
    }
    group = {**UPDATE, "message": {**UPDATE["message"], "chat": {"id": "g1", "chat_type": "GROUP"}}}  # type: ignore[dict-item]
    assert incoming_of(9, group) is None
    seen = incoming_of(8, photo)
    assert seen is not None and seen.photos == ("https://f.zdn.vn/a.jpg",) and seen.text == "Đèn"


def test_telegram_html_becomes_plain_text() -> None:
    assert plain_text("<b>Đội</b> &lt;12&gt; <code>A&amp;B</code>") == "Đội <12> A&B"
    assert plain_text('<a href="https://x.vn">x</a> <a href="https://x.vn">https://x.vn</a>') == (
        "x (https://x.vn) https://x.vn"
    )
    assert plain_text("<blockquote>Ưu tiên</blockquote><tg-spoiler>ẩn</tg-spoiler>") == "Ưu tiênẩn"


@given(st.lists(st.text(alphabet="aĐƯơ \n", min_size=0, max_size=300), min_size=1, max_size=40))
def test_a_split_keeps_every_line_and_each_piece_fits(lines: list[str]) -> None:
    text = "\n".join(lines)
    pieces = split_text(text, 500)
    assert all(0 < len(piece) <= 500 for piece in pieces)
    # No character is lost but the line breaks where a piece ends.
    assert "".join(pieces).replace("\n", "") == text.replace("\n", "")


class Links:
    async def link_for(self, channel: str, chat_ref: str, file: SendFile) -> str:
        return f"https://bot.example.vn/tai/{channel}/{chat_ref}/{file.name}"


async def test_files_go_as_links_and_a_chart_as_a_photo_of_its_link() -> None:
    texts = texts_for("vi")
    workbook = SendFile.of("tong-hop.xlsx", b"PK", caption="<b>Tổng hợp</b> tháng 11")
    [call] = await calls_for("c1", workbook, texts, Links())
    assert call.method == "sendMessage"
    assert call.params["text"].startswith(
        "Tổng hợp tháng 11\n\n📎 tong-hop.xlsx: https://bot.example.vn/tai/zalo/c1/tong-hop.xlsx"
    )
    [chart] = await calls_for("c1", SendFile.of("bieu-do.png", b"\x89PNG"), texts, Links())
    assert chart.method == "sendPhoto"
    assert chart.params["photo"] == "https://bot.example.vn/tai/zalo/c1/bieu-do.png"
    [without] = await calls_for("c1", workbook, texts, None)
    assert "Zalo không gửi được tệp" in without.params["text"]


async def test_an_edit_is_a_new_message_and_a_photo_keeps_its_caption() -> None:
    texts = texts_for("vi")
    [edit] = await calls_for("c1", Edit(message_id=5, text="✅ <i>Đã chọn</i>"), texts, None)
    assert (edit.method, edit.params["text"]) == ("sendMessage", "✅ Đã chọn")
    [photo] = await calls_for("c1", Say(text="Ảnh", photo="https://f.zdn.vn/a.jpg"), texts, None)
    assert photo.params == {"chat_id": "c1", "photo": "https://f.zdn.vn/a.jpg", "caption": "Ảnh"}
    # A photo a Telegram member sent is a Telegram file id: the text goes alone.
    [text] = await calls_for("c1", Say(text="Ảnh", photo="AgACAgIAAxkBAAI"), texts, None)
    assert (text.method, text.params["text"]) == ("sendMessage", "Ảnh")


async def test_the_token_is_in_no_error_and_no_log(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    secret = "987654321:never-show-this-token"
    async with ZaloEmulator() as zalo:
        refused = ZaloClient(secret, zalo.base_url)
        with pytest.raises(ZaloApiError) as error:
            await refused.call("getMe")
        await refused.close()
    assert error.value.error_code == 401
    gone = ZaloClient(secret, zalo.base_url, request_timeout=2)
    with pytest.raises(ZaloNetworkError) as lost:
        await gone.call("sendMessage", {"chat_id": "c1", "text": "Xin chào"})
    await gone.close()
    channel_error = None
    client = ZaloClient(secret, zalo.base_url, 2)
    try:
        await ZaloChannel(client, texts_for("vi")).deliver("c1", Say(text="Xin chào"))
    except Exception as failure:  # a DeliveryFailure
        channel_error = failure
    await client.close()
    for shown in (str(error.value), repr(error.value), str(lost.value), repr(channel_error)):
        assert "never-show-this-token" not in shown
    assert "never-show-this-token" not in caplog.text


async def test_the_emulator_refuses_what_zalo_refuses() -> None:
    async with ZaloEmulator() as zalo:
        client = ZaloClient(zalo.token, zalo.base_url)
        person = zalo.phone(1, "Đào Thị Ưng")
        with pytest.raises(ZaloApiError, match="2000"):
            await client.call("sendMessage", {"chat_id": person.chat_id, "text": "Ơ" * 2001})
        with pytest.raises(ZaloApiError, match="reply_markup"):
            await client.call(
                "sendMessage", {"chat_id": person.chat_id, "text": "Ơ", "reply_markup": {}}
            )
        with pytest.raises(ZaloApiError, match="chat not found"):
            await client.call("sendMessage", {"chat_id": "khong-co", "text": "Ơ"})
        with pytest.raises(ZaloApiError) as nothing:
            await client.call("getUpdates", {"timeout": "0"})
        assert nothing.value.error_code == 408
        await client.call("sendChatAction", {"chat_id": person.chat_id, "action": "typing"})
        assert person.actions == ["typing"]
        await client.close()
