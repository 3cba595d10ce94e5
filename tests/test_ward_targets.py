"""Phường Yên Hòa's plan 179 sets no targets: the summary shows its figures without a verdict
until the ward police set the ward's own target from /solieu; then the verdict comes labelled
"phường đặt", and clearing it takes the verdict away again. A plan's own target (Hà Nội 357)
is not the ward's to change."""

from __future__ import annotations

from io import BytesIO

import pytest
from docx import Document
from pydantic import SecretStr

import reports.campaigns
from config.settings import Settings
from emulator.phone import Phone
from emulator.server import TelegramEmulator
from reports.config_files import ConfigFileError
from tests.conftest import TOKEN
from tests.test_ward_summary import officer_of
from tests.waiting import eventually
from tests.ward import Ward


@pytest.fixture
def settings(database_url: str, emulator: TelegramEmulator, backend: str) -> Settings:
    return Settings(
        telegram_backend=backend,
        bot_token=SecretStr(TOKEN),
        database_url=database_url,
        telegram_api_url=emulator.base_url,
        poll_timeout_seconds=1,
        campaign="yen-hoa-179",
    )


@pytest.fixture
async def lan(emulator: TelegramEmulator, ward: Ward) -> Phone:
    phone = emulator.phone(user_id=1001, first_name="Lan")
    await ward.join(phone)
    await phone.press("📝 Việc tốt")
    await phone.send("Giúp cụ bà qua đường.")
    await phone.press("Hôm nay")
    await phone.press("Xong")
    await phone.press("Bỏ qua")
    await phone.press("✅ Gửi báo cáo")
    return phone


async def deeds_line(officer: Phone) -> tuple[str, str]:
    """The digest's good-deed line and the Word report's good-deed row, this month."""
    await officer.send("/baocao")
    _making, digest, *files = await officer.press("Tháng này", expect=5, timeout=20)
    line = next(row for row in digest.text_plain.splitlines() if "Việc tốt:" in row)
    word = next(m.document for m in files if m.document and m.document.filename.endswith(".docx"))
    assert word is not None
    document = Document(BytesIO(word.data))
    table = next(t for t in document.tables if t.rows[0].cells[1].text == "Chỉ tiêu")
    row = next(r for r in table.rows if r.cells[1].text.startswith("Mỗi tổ"))
    return line, " | ".join(cell.text for cell in row.cells[4:])


async def test_the_ward_sets_its_own_target_and_the_report_says_so(
    emulator: TelegramEmulator, ward: Ward, lan: Phone
) -> None:
    officer = await officer_of(emulator, ward)
    line, row = await deeds_line(officer)
    assert line == "📊 Việc tốt: 1/1 tổ (100%) · kế hoạch không đặt chỉ tiêu"
    assert row == "Không đặt | Không đánh giá"

    await officer.send("/solieu")
    [targets] = await officer.press("🎯 Chỉ tiêu phường đặt")
    assert "Chỉ tiêu Phường Yên Hòa tự đặt" in targets.text_plain
    assert "Việc tốt: chưa đặt" in targets.button_labels
    [ask] = await officer.press("Việc tốt: chưa đặt")
    assert "xin gõ một số từ 0 đến 100" in ask.text_plain
    [hint] = await officer.send("cao")
    assert "Xin gõ một con số" in hint.text_plain
    [hint] = await officer.send("120%")
    assert "Xin gõ một số từ 0 đến 100" in hint.text_plain
    [saved] = await officer.send("100")
    assert (
        "Đã lưu chỉ tiêu «Mỗi tổ thực hiện ít nhất 01 việc tốt mỗi tháng»: 100% (phường đặt)"
        in (saved.text_plain)
    )
    assert "Việc tốt: 100% (phường đặt)" in saved.button_labels

    line, row = await deeds_line(officer)
    assert line == "✅ Việc tốt: 1/1 tổ đạt (100%)"
    assert row == "100% (phường đặt) | Đạt"

    await officer.send("/solieu")
    await officer.press("🎯 Chỉ tiêu phường đặt")
    await officer.press("Việc tốt: 100% (phường đặt)")
    [cleared] = await officer.press("Bỏ chỉ tiêu phường đặt")
    assert "Đã bỏ chỉ tiêu phường đặt" in cleared.text_plain
    assert "Việc tốt: chưa đặt" in cleared.button_labels
    line, _row = await deeds_line(officer)
    assert line.startswith("📊 Việc tốt")


async def test_the_plan_is_read_once_when_the_bot_starts(
    emulator: TelegramEmulator, ward: Ward, lan: Phone, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The campaign file is read and checked at start-up, then carried: with the files gone
    from under the running bot, the ward still sets its target and receives its summary."""
    reads: list[str] = []

    def unreadable(path: object) -> reports.campaigns.Campaign:
        reads.append(str(path))
        raise ConfigFileError(f"{path}: cannot be read: moved away")

    monkeypatch.setattr(reports.campaigns, "load_campaign", unreadable)
    officer = await officer_of(emulator, ward)
    await officer.send("/solieu")
    await officer.press("🎯 Chỉ tiêu phường đặt")
    await officer.press("Việc tốt: chưa đặt")
    [saved] = await officer.send("100")
    assert "Việc tốt: 100% (phường đặt)" in saved.button_labels
    [choose] = await officer.send("/baocao")
    assert "theo Yên Hòa 179/KH-UBND" in choose.text_plain
    line, row = await deeds_line(officer)
    assert line == "✅ Việc tốt: 1/1 tổ đạt (100%)"
    assert row == "100% (phường đặt) | Đạt"
    assert reads == []


async def test_a_member_cannot_set_the_wards_targets(
    emulator: TelegramEmulator, ward: Ward, lan: Phone
) -> None:
    assert await lan.press_data("t:l", expect=0) == []
    await eventually(lambda: "dành cho cán bộ" in (lan.last_toast or ""), "the press refused")
    assert await lan.press_data("t:e:good-deed-every-month", expect=0) == []
