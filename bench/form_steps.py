"""A form's steps on Telegram and on Zalo (issue 17): what a member does to complete each form.

For every form of config/forms/*.toml, a member of Tổ 12 completes it with its shortest usual
answers, the same answers on both messengers: once on Telegram through the Telegram emulator
(buttons), once on Zalo through the Zalo emulator (a numbered list: the number or the word is
typed), with the real bot (one `BotApp` on both messengers, `ANTT_MESSENGERS=telegram,zalo`).
From the menu to the confirmation ("/menu" only brings the menu back: not counted) it counts
what the person did: on Telegram taps, texts typed and photos; on Zalo answers typed (a
number or a word where Telegram has a button; ticks "3 4 5" are one message), texts and
photos. A place is typed on both (Zalo cannot share a location).

The issue's bound: a good deed on Zalo within 4 answers + 1 text + 1 photo.
`python -m bench form-steps [runs]` prints the table; each completion is timed (median of
`runs`, 3 by default: from the first step sent to the confirmation received, the phones
waiting for each reply and not for quiet after it)."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import re
import statistics
import tempfile
import time
import tomllib
from collections.abc import AsyncIterator, Awaitable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import SecretStr
from sqlalchemy import select

from bot.app import BotApp
from chat.clock import FixedClock
from config.settings import Settings
from emulator.phone import Phone
from emulator.server import TelegramEmulator
from emulator.zalo import ZaloEmulator, ZaloPhone
from emulator.zalo.server import TEST_TOKEN
from storage.database import Database
from storage.invites import create_invite
from storage.models import Report
from storage.units import add_unit

FORMS_DIR = Path(__file__).resolve().parent.parent / "config" / "forms"
SEND = "✅ Gửi báo cáo"
TELEGRAM_TOKEN = "100000:form-steps"


@dataclass(frozen=True)
class Step:
    """One thing the person does: choose a button (`labels[0]`), tick boxes then press the
    last label, type a text, or send a photo."""

    kind: Literal["choose", "ticks", "text", "photo"]
    labels: tuple[str, ...] = ()


def choose(label: str) -> Step:
    return Step("choose", (label,))


def ticks(*boxes: str, then: str) -> Step:
    return Step("ticks", (*boxes, then))


def text(typed: str) -> Step:
    return Step("text", (typed,))


PHOTO = Step("photo")

# The shortest usual answers of each form (by its `kind`), from the menu; "✅ Gửi báo cáo" is
# pressed after the last step. As bench/taps.py, but the tip's place is typed.
FORMS: dict[str, tuple[str, tuple[Step, ...]]] = {
    "good_deed": (
        "good deed (with a photo)",
        (
            choose("📝 Việc tốt"),
            text("Giúp cụ bà qua đường, đưa cụ về nhà."),
            choose("Hôm nay"),
            choose("Xong"),
            PHOTO,
        ),
    ),
    "patrol": (
        "patrol with two colleagues",
        (
            choose("🚶 Tuần tra"),
            choose("Ban đêm"),
            choose("2 giờ vừa qua"),
            text("Ngõ 12 và ngõ 14 phố Trung Kính"),
            ticks("⬜ Trần Văn Bình", "⬜ Lê Văn Hùng", then="Xong"),
        ),
    ),
    "call_out": (
        "call-out",
        (
            choose("🚨 Huy động"),
            choose("Cháy (PCCC)"),
            choose("1 giờ trước"),
            choose("Sau 10 phút"),
            text("Cùng lực lượng PCCC dập tắt đám cháy."),
            choose("Xong"),
        ),
    ),
    "propaganda": (
        "propaganda",
        (
            choose("📣 Tuyên truyền"),
            text("Phòng chống lừa đảo qua mạng"),
            choose("Hôm nay"),
            choose("50"),
            text("Nhà văn hoá tổ 12"),
            choose("Xong"),
        ),
    ),
    "tip": (
        "tip (place typed)",
        (
            choose("ℹ️ Nguồn tin"),
            text("Có nhóm người lạ tụ tập ban đêm ở nhà hoang."),
            text("Nhà hoang cuối ngõ 7 Trung Kính"),
            choose("Hôm nay"),
        ),
    ),
    "fire_rescue": (
        "fire / rescue",
        (
            choose("☰ Khác"),
            choose("🔥 PCCC, CNCH"),
            choose("Cháy (PCCC)"),
            choose("Hôm nay"),
            text("Cháy bếp nhà dân ở ngõ 5"),
            choose("Dập lửa"),
            choose("0"),
            choose("Xong"),
        ),
    ),
    "traffic": (
        "traffic guidance",
        (
            choose("☰ Khác"),
            choose("🚦 Phân luồng giao thông"),
            text("Cổng trường tiểu học"),
            choose("1 giờ vừa qua"),
            choose("Xong"),
        ),
    ),
    "residence": (
        "residence data",
        (
            choose("☰ Khác"),
            choose("🏠 Cư trú, dữ liệu dân cư"),
            choose("Hôm nay"),
            text("12"),
            choose("2"),
        ),
    ),
    "weapons": (
        "weapons campaign",
        (
            choose("☰ Khác"),
            choose("🧨 Giao nộp vũ khí, pháo"),
            choose("Hôm nay"),
            text("20"),
            choose("1"),
        ),
    ),
    "reintegration": (
        "reintegration",
        (
            choose("☰ Khác"),
            choose("🤝 Giáo dục, cảm hóa"),
            text("N.V.A"),
            choose("Hôm nay"),
            choose("1"),
            text("Đã đi làm ổn định"),
        ),
    ),
    "model": (
        "model",
        (
            choose("☰ Khác"),
            choose("🏅 Mô hình, câu lạc bộ"),
            text("Camera an ninh ngõ xóm"),
            text("01/03/2026"),
            choose("Bỏ qua"),
        ),
    ),
}
GOOD_DEED = "good_deed"
# Issue 17: a good deed on Zalo within 4 answers + 1 text + 1 photo.
GOOD_DEED_BOUND = (4, 1, 1)


def form_kinds(folder: Path = FORMS_DIR) -> list[str]:
    """The forms' kinds, in menu order (file order)."""
    return [
        tomllib.loads(path.read_text(encoding="utf-8"))["kind"]
        for path in sorted(folder.glob("*.toml"))
    ]


@dataclass(frozen=True)
class Count:
    """What a person did to complete one form: `answers` are taps on Telegram, typed answers
    on Zalo; `seconds` from the first step to the confirmation."""

    answers: int
    texts: int
    photos: int
    seconds: float

    @property
    def actions(self) -> int:
        return self.answers + self.texts + self.photos

    @property
    def messages(self) -> int:
        """What a Zalo person sends that is not a photo: answers and texts."""
        return self.answers + self.texts

    def within(self, bound: tuple[int, int, int]) -> bool:
        answers, texts, photos = bound
        return self.answers <= answers and self.texts <= texts and self.photos <= photos


@dataclass
class Members:
    """The two people who complete the forms, both of Tổ 12 with Bình and Hùng: Lan on
    Telegram, Uyên on Zalo."""

    telegram: Phone
    zalo: ZaloPhone
    db: Database


@contextlib.asynccontextmanager
async def running_ward(
    database_url: str | None = None, *, settle: float = 0.0, teammates: bool = True
) -> AsyncIterator[Members]:
    """The bot on both messengers against both emulators, Tổ 12 of Phường Yên Hòa with
    members on Telegram (Lan, and Bình and Hùng to tick with `teammates`) and one on Zalo
    (Uyên), joined by invite. `settle`: how long a phone waits for quiet after the replies it
    expects (0: it goes on at once, as a quick person would)."""
    with tempfile.TemporaryDirectory(prefix="antt-form-steps-") as folder:
        url = database_url or f"sqlite+aiosqlite:///{Path(folder) / 'steps.sqlite3'}"
        async with (
            TelegramEmulator(phone_settle=settle) as telegram,
            ZaloEmulator(phone_settle=settle) as zalo,
        ):
            settings = Settings(
                messengers=("telegram", "zalo"),
                bot_token=SecretStr(TELEGRAM_TOKEN),
                telegram_api_url=telegram.base_url,
                zalo_token=SecretStr(TEST_TOKEN),
                zalo_api_url=zalo.base_url,
                database_url=url,
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
                    code = (await create_invite(session, team, "member", 10, 1, clock.now())).code
                names = [("Lan", "Nguyễn Thị"), ("Bình", "Trần Văn"), ("Hùng", "Lê Văn")]
                names = names if teammates else names[:1]
                phones = []
                for index, (first, last) in enumerate(names):
                    phone = telegram.phone(user_id=9000 + index, first_name=first, last_name=last)
                    await phone.send(f"/start {code}")
                    await phone.share_contact(f"09100000{index:02d}", expect=2)
                    await phone.press(f"{last} {first}")  # family name first
                    await phone.press("Đồng ý")
                    phones.append(phone)
                uyen = zalo.phone(1, "Phạm Thị Uyên")
                await uyen.send(code)
                await uyen.send("0977111222")
                await uyen.send("Phạm Thị Uyên")
                await zalo_choose(uyen, "Đồng ý")
                yield Members(telegram=phones[0], zalo=uyen, db=app.db)
            finally:
                await app.stop()


async def on_telegram(phone: Phone, steps: Sequence[Step]) -> Count:
    """One form completed on Telegram: buttons pressed, texts and photos sent."""
    await phone.send("/menu")
    taps = phone.taps
    texts = photos = 0
    started = time.perf_counter()
    for step in steps:
        if step.kind == "choose":
            await phone.press(step.labels[0])
        elif step.kind == "ticks":
            for box in step.labels[:-1]:
                await phone.press(box, expect=0)
            await phone.press(step.labels[-1])
        elif step.kind == "text":
            texts += 1
            await phone.send(step.labels[0])
        else:
            photos += 1
            await phone.send_photo()
    [done] = await phone.press(SEND)
    seconds = time.perf_counter() - started
    if "Đã" not in done.text_plain:
        raise AssertionError(f"the report was not confirmed on Telegram: {done.text_plain}")
    return Count(phone.taps - taps, texts, photos, seconds)


_NUMBERED = re.compile(r"^(\d+)\. (.+)$")


def typed_for(phone: ZaloPhone, label: str) -> str:
    """What a person types for the choice `label` of the newest message: its number where
    the list numbers it, else the words themselves (a number question's value, "Bỏ qua")."""
    for line in phone.last.text.split("\n"):
        match = _NUMBERED.match(line)
        if match is not None and match.group(2) == label:
            return match.group(1)
    return label


async def zalo_choose(phone: ZaloPhone, label: str) -> None:
    await phone.send(typed_for(phone, label))


async def on_zalo(phone: ZaloPhone, steps: Sequence[Step]) -> Count:
    """One form completed on Zalo: every choice typed (its number), ticks and the button
    after them in one message ("3 4 5"), texts and photos sent."""
    await phone.send("/menu")
    answers = texts = photos = 0
    started = time.perf_counter()
    for step in steps:
        if step.kind == "choose":
            answers += 1
            await zalo_choose(phone, step.labels[0])
        elif step.kind == "ticks":
            answers += 1
            await phone.send(" ".join(typed_for(phone, label) for label in step.labels))
        elif step.kind == "text":
            texts += 1
            await phone.send(step.labels[0])
        else:
            photos += 1
            await phone.send_photo()
    answers += 1
    await zalo_choose(phone, SEND)
    [*_, done] = phone.messages
    seconds = time.perf_counter() - started
    if "Đã" not in done.text:
        raise AssertionError(f"the report was not confirmed on Zalo: {done.text}")
    return Count(answers, texts, photos, seconds)


@dataclass(frozen=True)
class FormSteps:
    """One form on both messengers: the counts of the first run, the median time of all."""

    kind: str
    name: str
    telegram: Count
    zalo: Count

    @property
    def ratio(self) -> float:
        """Zalo's actions over Telegram's (answers + texts + photos each)."""
        return self.zalo.actions / self.telegram.actions


def _summary(counts: list[Count]) -> Count:
    first = counts[0]
    if any(
        (c.answers, c.texts, c.photos) != (first.answers, first.texts, first.photos) for c in counts
    ):
        raise AssertionError(f"the same form counted differently across runs: {counts}")
    return Count(
        first.answers, first.texts, first.photos, statistics.median(c.seconds for c in counts)
    )


async def reports_of(db: Database, kind: str) -> list[Report]:
    """The stored reports of `kind`, oldest first."""
    async with db.read() as session:
        return list(
            await session.scalars(select(Report).where(Report.kind == kind).order_by(Report.id))
        )


async def checked(
    db: Database, kind: str, steps: Sequence[Step], completing: Awaitable[Count]
) -> Count:
    """A completion, checked against what the bot stored: one report more, of this kind, with
    the author and everyone ticked among its participants."""
    before = len(await reports_of(db, kind))
    count = await completing
    stored = await reports_of(db, kind)
    if len(stored) != before + 1:
        raise AssertionError(f"{kind}: {len(stored) - before} report(s) stored, expected 1")
    ticked = sum(len(step.labels) - 1 for step in steps if step.kind == "ticks")
    participants = stored[-1].payload.get("participants")
    if participants is not None and len(participants) != 1 + ticked:
        raise AssertionError(f"{kind}: participants {participants}, expected {1 + ticked}")
    return count


async def measure(
    kinds: Sequence[str] | None = None, runs: int = 3, database_url: str | None = None
) -> list[FormSteps]:
    """Each form of `kinds` (every form by default) completed `runs` times on each messenger."""
    chosen = list(kinds) if kinds is not None else form_kinds()
    missing = [kind for kind in chosen if kind not in FORMS]
    if missing:
        raise AssertionError(f"no usual answers written for the form(s) {missing}")
    results: list[FormSteps] = []
    ticking = any(step.kind == "ticks" for kind in chosen for step in FORMS[kind][1])
    async with running_ward(database_url, teammates=ticking) as members:
        for kind in chosen:
            name, steps = FORMS[kind]
            db = members.db
            telegram = [
                await checked(db, kind, steps, on_telegram(members.telegram, steps))
                for _ in range(runs)
            ]
            zalo = [
                await checked(db, kind, steps, on_zalo(members.zalo, steps)) for _ in range(runs)
            ]
            results.append(FormSteps(kind, name, _summary(telegram), _summary(zalo)))
    return results


def table(results: Sequence[FormSteps]) -> list[str]:
    """The figures as the lines `main` prints: Telegram's taps + texts + photos, Zalo's
    messages (answers typed + texts) + photos, Zalo's actions over Telegram's, the median
    milliseconds of a completion on each."""
    lines = [
        f"  {'form':28s} {'Telegram':>19s}  {'Zalo':>22s}  {'ratio':>5s}  "
        f"{'ms Tg':>5s}  {'ms Zalo':>7s}",
        f"  {'':28s} {'taps+texts+photos':>19s}  {'msgs (answ+texts)+photos':>22s}",
    ]
    for result in results:
        t, z = result.telegram, result.zalo
        verdict = ""
        if result.kind == GOOD_DEED:
            met = z.within(GOOD_DEED_BOUND)
            verdict = "  Zalo ≤ 4 answers + 1 text + 1 photo: " + ("met" if met else "MISSED")
        telegram = f"{t.answers} + {t.texts} + {t.photos} = {t.actions}"
        zalo = f"{z.messages} ({z.answers}+{z.texts}) + {z.photos} = {z.actions}"
        lines.append(
            f"  {result.name:28s} {telegram:>19s}  {zalo:>22s}  {result.ratio:5.2f}  "
            f"{t.seconds * 1000:5.0f}  {z.seconds * 1000:7.0f}{verdict}"
        )
    return lines


def main(runs: int = 3) -> None:
    print(
        f"a form's steps on Telegram and on Zalo · {dt.date.today()} · from the menu to the "
        f"confirmation; time: median of {runs}"
    )
    for line in table(asyncio.run(measure(runs=runs))):
        print(line)
