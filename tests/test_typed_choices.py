"""Buttons as a numbered list and the typed answer read back (a messenger without buttons)."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from chat.replies import Button
from chat.texts import texts_for
from chat.typed_choices import (
    OneOnly,
    OutOfRange,
    Presses,
    numbered,
    offered_choices,
    plain_key,
    read_choice,
    read_typed,
)
from chat.typed_phone import read_phone

DAY = [
    [Button(label="Hôm nay", action="f3:today"), Button(label="Hôm qua", action="f3:yesterday")],
    [Button(label="Ngày khác", action="f3:other")],
    [Button(label="◀ Quay lại", action="f3:back"), Button(label="Huỷ", action="f3:cancel")],
]
WHO = [
    [
        Button(label="✅ Nguyễn Thị Lan", action="f4:w:1"),
        Button(label="⬜ Trần Văn Đức", action="f4:w:2"),
    ],
    [Button(label="⬜ Lê Thị Hoà", action="f4:w:3")],
    [Button(label="Xong", action="f4:done")],
    [Button(label="◀ Quay lại", action="f4:back"), Button(label="Huỷ", action="f4:cancel")],
]
HOW_MANY = [
    [Button(label="10", action="f5:n:10"), Button(label="20", action="f5:n:20")],
    [Button(label="50", action="f5:n:50"), Button(label="100", action="f5:n:100")],
    [Button(label="Bỏ qua", action="f5:skip")],
    [Button(label="◀ Quay lại", action="f5:back"), Button(label="Huỷ", action="f5:cancel")],
]


def test_the_list_numbers_buttons_in_reading_order_and_back_is_0_last() -> None:
    text = numbered("Bước 2/4 · Việc tốt làm hôm nào?", DAY)
    assert text == (
        "Bước 2/4 · Việc tốt làm hôm nào?\n\n"
        "1. Hôm nay\n2. Hôm qua\n3. Ngày khác\n4. Huỷ\n0. ◀ Quay lại"
    )


def test_the_hint_says_several_numbers_may_be_typed_for_ticks() -> None:
    texts = texts_for("vi")
    assert numbered("Những ai cùng tham gia?", WHO, texts).endswith(
        "1. ✅ Nguyễn Thị Lan\n2. ⬜ Trần Văn Đức\n3. ⬜ Lê Thị Hoà\n4. Xong\n5. Huỷ\n"
        "0. ◀ Quay lại\n<i>Gõ một hoặc nhiều số để đánh dấu, ví dụ: 1 3 4</i>"
    )


def test_a_label_is_html_escaped_as_the_text_is_html() -> None:
    text = numbered(
        "Chọn", [[Button(label="Tổ <12> & 13", action="x")], [Button(label="Tổ 7", action="y")]]
    )
    assert "1. Tổ &lt;12&gt; &amp; 13\n2. Tổ 7" in text


def test_a_message_without_buttons_is_its_text() -> None:
    assert numbered("Xin chào", []) == "Xin chào"


def test_the_number_the_word_with_or_without_diacritics_and_any_case() -> None:
    offered = offered_choices(DAY)
    for typed in ("1", " 1 ", "1.", "hom nay", "Hôm nay", "HÔM NAY", "hôm  nay!", "１"):
        assert read_choice(typed, offered) == ["f3:today"], typed
    assert read_choice("huy", offered) == ["f3:cancel"]
    assert read_choice("Hủy", offered) == ["f3:cancel"]  # ủ where the label has ỷ


def test_nfd_typed_text_reads_as_nfc() -> None:
    offered = offered_choices(DAY)
    assert read_choice(unicodedata.normalize("NFD", "Ngày khác"), offered) == ["f3:other"]


def test_zero_and_the_words_for_back() -> None:
    offered = offered_choices(DAY)
    for typed in ("0", "quay lại", "quay lai", "Trở lại", "tro ve", "◀ Quay lại"):
        assert read_choice(typed, offered) == ["f3:back"], typed


def test_zero_without_a_back_button_is_out_of_range() -> None:
    offered = offered_choices([[Button(label="Có", action="y"), Button(label="Không", action="n")]])
    assert read_typed("0", offered) == OutOfRange((0,), (1, 2))
    assert read_typed("quay lại", offered) is None


def test_a_number_out_of_range_lists_the_valid_ones() -> None:
    assert read_typed("7", offered_choices(DAY)) == OutOfRange((7,), (1, 2, 3, 4, 0))


def test_several_numbers_tick_several_boxes_in_order_once_each() -> None:
    offered = offered_choices(WHO)
    for typed in ("2 3", "2,3", "2, 3", "2 và 3", "2 va 3", "2;3", "2 + 3", "2 3 2", "２ ３"):
        assert read_choice(typed, offered) == ["f4:w:2", "f4:w:3"], typed
    assert read_choice("2 3 4", offered) == ["f4:w:2", "f4:w:3", "f4:done"]


def test_several_numbers_where_one_is_chosen() -> None:
    assert read_typed("1 2", offered_choices(DAY)) == OneOnly((1, 2, 3, 4, 0))
    # a tick after "Xong" is a second screen's: not a list of ticks
    assert isinstance(read_typed("4 2", offered_choices(WHO)), OneOnly)


def test_a_name_ticks_its_box_without_its_mark() -> None:
    assert read_choice("tran van duc", offered_choices(WHO)) == ["f4:w:2"]
    assert read_choice("Trần Văn Đức", offered_choices(WHO)) == ["f4:w:2"]


def test_a_label_that_begins_another_is_matched_exactly() -> None:
    offered = offered_choices(
        [
            [Button(label="⬜ Tổ 1", action="t1"), Button(label="⬜ Tổ 12", action="t12")],
            [Button(label="Có", action="yes"), Button(label="Có người lạ", action="stranger")],
        ]
    )
    assert read_choice("to 1", offered) == ["t1"]
    assert read_choice("Tổ 12", offered) == ["t12"]
    assert read_choice("có", offered) == ["yes"]
    assert read_choice("co nguoi", offered) == ["stranger"]  # the first words of one label


def test_emoji_and_punctuation_in_labels() -> None:
    offered = offered_choices(
        [[Button(label="✅ Gửi báo cáo", action="send"), Button(label="✏️ Sửa", action="edit")]]
    )
    assert read_choice("gui bao cao", offered) == ["send"]
    assert read_choice("gửi", offered) == ["send"]
    assert read_choice("Sửa", offered) == ["edit"]


def test_text_that_names_no_choice_stays_text() -> None:
    offered = offered_choices(DAY)
    for typed in ("Giúp cụ bà qua đường", "15/11", "19:30", "hom", "", "   ", "🙂", "1-3"):
        assert read_typed(typed, offered) is None, typed


def test_a_number_question_takes_typed_numbers_as_values() -> None:
    offered = offered_choices(HOW_MANY)
    assert all(choice.number is None for choice in offered)
    assert read_choice("20", offered) == ["f5:n:20"]
    for typed in ("1", "4", "7", "0", "35", "khoảng 45 người"):
        assert read_typed(typed, offered) is None, typed  # the conversation reads the number
    assert read_choice("bo qua", offered) == ["f5:skip"]
    assert read_choice("quay lại", offered) == ["f5:back"]
    assert numbered("Bao nhiêu người nghe?", HOW_MANY).endswith(
        "10 · 20 · 50 · 100\n• Bỏ qua\n• Huỷ\n• ◀ Quay lại"
    )


def test_a_typed_phone_number() -> None:
    for typed in (
        "0912 345 678",
        "0912345678",
        "0912.345.678",
        "+84 912345678",
        "+84912345678",
        "84912345678",
        "(+84) 912-345-678",
        "+84 (0) 912 345 678",
        "０９１２３４５６７８",
    ):
        assert read_phone(typed) == "0912345678", typed
    assert read_phone("024 3825 1234") == "02438251234"  # a landline
    for typed in ("912345678", "1234", "Số tôi là 0912345678", "+1 202 555 0100", "0012345678"):
        assert read_phone(typed) is None, typed


LABEL = st.text(
    alphabet=st.sampled_from("aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệ ỳỷỹýỵÀĐƯƠ"),
    min_size=2,
    max_size=20,
) | st.sampled_from(["◀ Quay lại", "Quay lại", "Trở lại", "Hôm nay", "Hôm qua", "Huỷ", "Hủy"])


@given(st.lists(LABEL, min_size=1, max_size=8))
def test_any_list_reads_back_each_number_and_each_label(labels: list[str]) -> None:
    keys = [plain_key(label) for label in labels]
    if any(not key for key in keys) or len(set(keys)) < len(keys):
        return  # unreadable or ambiguous labels are not what a form offers
    buttons = [[Button(label=label, action=f"a{index}")] for index, label in enumerate(labels)]
    offered = offered_choices(buttons)
    for choice in offered:
        assert choice.number is not None
        if choice.number is not None:
            assert read_choice(str(choice.number), offered) == [choice.action]
        for form in ("NFC", "NFD"):
            typed = unicodedata.normalize(form, choice.label.upper())
            assert read_choice(typed, offered) == [choice.action]
        assert read_choice(plain_key(choice.label), offered) == [choice.action]
    shown = numbered("?", buttons)
    for choice in offered:
        bullet = "•" if choice.number is None else f"{choice.number}."
        assert f"{bullet} {choice.label}" in shown


@given(
    st.lists(st.integers(min_value=1, max_value=3), min_size=1, max_size=6),
    st.sampled_from([" ", ",", ", ", " và ", " va ", ";", "  "]),
)
def test_any_numbers_with_any_joiner_tick_in_order_once(numbers: list[int], joiner: str) -> None:
    reading = read_typed(joiner.join(str(n) for n in numbers), offered_choices(WHO))
    assert isinstance(reading, Presses)
    assert [choice.number for choice in reading.choices] == list(dict.fromkeys(numbers))


def test_one_ticked_send_button_does_not_make_a_list_of_ticks() -> None:
    review = [
        [Button(label="✅ Gửi báo cáo", action="send")],
        [Button(label="➕ Địa điểm", action="where")],
        [Button(label="✏️ Sửa", action="edit"), Button(label="Huỷ", action="cancel")],
    ]
    assert read_typed("1 2", offered_choices(review)) == OneOnly((1, 2, 3, 4))
    assert numbered("Kiểm tra lại:", review, texts_for("vi")).endswith(
        "Gõ số hoặc chữ để chọn.</i>"
    )


def test_a_lone_button_is_1_and_another_number_is_the_typed_answer() -> None:
    what = [[Button(label="Huỷ", action="f1:cancel")]]
    assert (
        numbered("Đồng chí đã làm việc tốt gì?", what) == "Đồng chí đã làm việc tốt gì?\n\n1. Huỷ"
    )
    assert read_choice("1", offered_choices(what)) == ["f1:cancel"]
    assert read_choice("huỷ", offered_choices(what)) == ["f1:cancel"]
    day_typed = [
        [Button(label="◀ Quay lại", action="f2:back"), Button(label="Huỷ", action="f2:cancel")]
    ]
    assert numbered("Gõ ngày theo dạng ngày/tháng", day_typed).endswith("1. Huỷ\n0. ◀ Quay lại")
    assert read_choice("0", offered_choices(day_typed)) == ["f2:back"]
    assert read_typed("5", offered_choices(day_typed)) is None
    target = [[Button(label="Xoá chỉ tiêu riêng", action="o:clear")]]
    for typed in ("50", "0", "2 3"):
        assert read_typed(typed, offered_choices(target)) is None, typed
