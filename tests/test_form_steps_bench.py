"""The form-steps bench's counting (bench/form_steps.py, issue 17), for the good deed only: a
member completes it once on Telegram and once on Zalo through the emulators with the real bot,
and on Zalo it stays within 4 answers + 1 text + 1 photo."""

from __future__ import annotations

from bench.form_steps import FORMS, GOOD_DEED, GOOD_DEED_BOUND, Count, form_kinds, measure


def test_every_form_has_its_usual_answers_in_the_bench() -> None:
    kinds = form_kinds()
    assert len(kinds) == 11
    assert sorted(FORMS) == sorted(kinds)


def test_one_answer_too_many_misses_the_bound() -> None:
    assert Count(4, 1, 1, 0.0).within(GOOD_DEED_BOUND)
    assert not Count(5, 1, 1, 0.0).within(GOOD_DEED_BOUND)
    assert not Count(4, 2, 1, 0.0).within(GOOD_DEED_BOUND)
    assert not Count(4, 1, 2, 0.0).within(GOOD_DEED_BOUND)


async def test_a_good_deed_on_zalo_stays_within_four_answers_a_text_and_a_photo(
    database_url: str,
) -> None:
    [good_deed] = await measure([GOOD_DEED], runs=1, database_url=database_url)
    # "1" (Việc tốt), the text, "1" (Hôm nay), "5" (Xong), the photo, "1" (Gửi báo cáo)
    zalo = good_deed.zalo
    assert zalo.within(GOOD_DEED_BOUND), f"the good deed on Zalo took {zalo}"
    assert zalo.messages + zalo.photos == 6
    # The same answers on Telegram: buttons instead of numbers, within issue 4's target.
    telegram = good_deed.telegram
    assert telegram.within(GOOD_DEED_BOUND), f"the good deed on Telegram took {telegram}"
