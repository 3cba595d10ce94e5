"""Taps and messages a member needs for a typical report of each kind, counted by the emulator.

Targets (issue 4): a good deed in at most 4 taps plus one text and one photo; a patrol with two
colleagues in at most 7 taps plus one text."""

from __future__ import annotations

import asyncio
import datetime as dt
import tempfile
from pathlib import Path

from pydantic import SecretStr

from bot.app import BotApp
from chat.clock import FixedClock
from config.settings import Settings
from emulator.phone import Phone
from emulator.server import TelegramEmulator
from storage.invites import create_invite
from storage.units import add_unit

# (action, value): "press" a button by its label, "send" a text, "photo", "location".
Step = tuple[str, str]
TYPICAL: dict[str, list[Step]] = {
    "good deed (with a photo)": [
        ("press", "📝 Việc tốt"),
        ("send", "Giúp cụ bà qua đường, đưa cụ về nhà."),
        ("press", "Hôm nay"),
        ("press", "Xong"),
        ("photo", ""),
    ],
    "patrol with two colleagues": [
        ("press", "🚶 Tuần tra"),
        ("press", "Ban đêm"),
        ("press", "2 giờ vừa qua"),
        ("send", "Ngõ 12 và ngõ 14 phố Trung Kính"),
        ("tick", "⬜ Trần Văn Bình"),
        ("tick", "⬜ Lê Văn Hùng"),
        ("press", "Xong"),
    ],
    "call-out": [
        ("press", "🚨 Huy động"),
        ("press", "Cháy (PCCC)"),
        ("press", "1 giờ trước"),
        ("press", "Sau 10 phút"),
        ("send", "Cùng lực lượng PCCC dập tắt đám cháy."),
        ("press", "Xong"),
    ],
    "propaganda": [
        ("press", "📣 Tuyên truyền"),
        ("send", "Phòng chống lừa đảo qua mạng"),
        ("press", "Hôm nay"),
        ("press", "50"),
        ("send", "Nhà văn hoá tổ 12"),
        ("press", "Xong"),
    ],
    "tip (with a location)": [
        ("press", "ℹ️ Nguồn tin"),
        ("send", "Có nhóm người lạ tụ tập ban đêm ở nhà hoang."),
        ("location", ""),
        ("press", "Hôm nay"),
    ],
    "fire / rescue": [
        ("press", "☰ Khác"),
        ("press", "🔥 PCCC, CNCH"),
        ("press", "Cháy (PCCC)"),
        ("press", "Hôm nay"),
        ("send", "Cháy bếp nhà dân ở ngõ 5"),
        ("press", "Dập lửa"),
        ("press", "0"),
        ("press", "Xong"),
    ],
    "traffic guidance": [
        ("press", "☰ Khác"),
        ("press", "🚦 Phân luồng giao thông"),
        ("send", "Cổng trường tiểu học"),
        ("press", "1 giờ vừa qua"),
        ("press", "Xong"),
    ],
    "residence data": [
        ("press", "☰ Khác"),
        ("press", "🏠 Cư trú, dữ liệu dân cư"),
        ("press", "Hôm nay"),
        ("send", "12"),
        ("press", "2"),
    ],
    "weapons campaign": [
        ("press", "☰ Khác"),
        ("press", "🧨 Giao nộp vũ khí, pháo"),
        ("press", "Hôm nay"),
        ("send", "20"),
        ("press", "1"),
    ],
    "reintegration": [
        ("press", "☰ Khác"),
        ("press", "🤝 Giáo dục, cảm hóa"),
        ("send", "N.V.A"),
        ("press", "Hôm nay"),
        ("press", "1"),
        ("send", "Đã đi làm ổn định"),
    ],
    "model": [
        ("press", "☰ Khác"),
        ("press", "🏅 Mô hình, câu lạc bộ"),
        ("send", "Camera an ninh ngõ xóm"),
        ("send", "01/03/2026"),
        ("press", "Bỏ qua"),
    ],
}
TARGETS = {"good deed (with a photo)": (4, 2), "patrol with two colleagues": (7, 1)}


async def play(phone: Phone, steps: list[Step]) -> None:
    """One typical report, ending with the confirmation."""
    await phone.send("/menu")
    for action, value in steps:
        if action == "press":
            await phone.press(value)
        elif action == "tick":
            await phone.press(value, expect=0)
        elif action == "send":
            await phone.send(value)
        elif action == "photo":
            await phone.send_photo()
        else:
            await phone.share_location(21.0067, 105.7983)
    [done] = await phone.press("✅ Gửi báo cáo")
    if "Đã" not in done.text_plain:
        raise AssertionError(f"the report was not confirmed: {done.text_plain}")


async def count_taps() -> dict[str, tuple[int, int]]:
    """(taps, messages) per typical report, from the menu to the confirmation."""
    counts: dict[str, tuple[int, int]] = {}
    with tempfile.TemporaryDirectory(prefix="antt-taps-") as folder:
        async with TelegramEmulator() as emulator:
            settings = Settings(
                bot_token=SecretStr("100000:taps"),
                database_url=f"sqlite+aiosqlite:///{Path(folder) / 'taps.sqlite3'}",
                telegram_api_url=emulator.base_url,
                poll_timeout_seconds=1,
                log_level="WARNING",
            )
            clock = FixedClock(dt.datetime.now(settings.zone).replace(hour=9, minute=0))
            app = BotApp(settings, clock=clock)
            await app.start()
            try:
                async with app.db.write() as session:
                    ward = await add_unit(session, "Phường Yên Hòa", "commune")
                    team = await add_unit(session, "Tổ 12", "team", ward)
                    code = (await create_invite(session, team, "member", 5, 1, clock.now())).code
                names = (("Lan", "Nguyễn Thị"), ("Bình", "Trần Văn"), ("Hùng", "Lê Văn"))
                phones = [
                    emulator.phone(user_id=9000 + index, first_name=first, last_name=last)
                    for index, (first, last) in enumerate(names)
                ]
                for index, phone in enumerate(phones):
                    await phone.send(f"/start {code}")
                    await phone.share_contact(f"09100000{index:02d}", expect=2)
                    await phone.press(f"{names[index][1]} {names[index][0]}")  # family name first
                    await phone.press("Đồng ý")
                lan = phones[0]
                for name, steps in TYPICAL.items():
                    taps, texts = lan.taps, lan.texts_sent
                    await play(lan, steps)
                    # "/menu" only brings the menu back for the next report: not counted.
                    counts[name] = (lan.taps - taps, lan.texts_sent - texts - 1)
            finally:
                await app.stop()
    return counts


def main() -> None:
    print(f"taps per report · {dt.date.today()} · from the menu to the confirmation")
    for name, (taps, messages) in asyncio.run(count_taps()).items():
        target = TARGETS.get(name)
        verdict = ""
        if target is not None:
            ok = taps <= target[0] and messages <= target[1]
            verdict = (
                f"  target ≤{target[0]} taps + {target[1]} message(s): {'met' if ok else 'MISSED'}"
            )
        print(f"  {name:28s} {taps:2d} taps + {messages} message(s){verdict}")
