"""`make docs-preview`: the files the police forward, written to build/preview/ to be looked at.

A Hà Nội-style city of three wards (about 43 teams each, a year of reports and the police's
figures month by month, generated as bench/summaries.py does with a fixed seed), then, as
`antt-bot export` makes them: one ward's Word report, workbook, chart and digest for "Đợt 2"
and for the rating year, and the city's for "Đợt 2". The Makefile target turns the .docx and
.xlsx into PDF (LibreOffice) and PNG pages (pdftoppm).

    python -m bench.preview [folder]
"""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
from pathlib import Path

from sqlalchemy import select, update

from bench.summaries import CAMPAIGN, SCALE_VERSION, ZONE, Scale, generate
from reports.campaigns import load_campaigns
from reports.periods import Period, rating_year
from reports.phases import phase_named
from reports.rating_rules import load_rating_rules
from reports.telegram_html import plain_text
from storage.database import Database
from storage.models import Unit
from summaries.packages import unit_package

FOLDER = Path("build/preview")
ISSUED_ON = dt.date(2026, 11, 22)
# Real names, long ones among them, so the letterhead and the tables are tried on them.
PROVINCE = "Thành phố Hà Nội"
WARDS = ("Phường Phan Đình Phùng", "Phường Yên Hòa", "Phường Nghĩa Đô")
SCALE = 0.024  # three wards


async def _database(folder: Path) -> str:
    """The generated city in a SQLite file of the folder, made once per data version."""
    path = folder / f"city-v{SCALE_VERSION}.sqlite"
    url = f"sqlite+aiosqlite:///{path}"
    if not path.exists():
        await generate(url, Scale.of(SCALE))
        db = Database(url)
        try:
            async with db.write() as session:
                await session.execute(
                    update(Unit).where(Unit.kind == "province").values(name=PROVINCE)
                )
                wards = (
                    await session.scalars(
                        select(Unit.id).where(Unit.kind == "commune").order_by(Unit.id)
                    )
                ).all()
                for ward_id, name in zip(wards, WARDS, strict=False):
                    await session.execute(update(Unit).where(Unit.id == ward_id).values(name=name))
        finally:
            await db.dispose()
    return url


async def _write(url: str, folder: Path) -> list[Path]:
    """Each unit's package for each period, as files in the folder."""
    campaign = load_campaigns()[CAMPAIGN]
    phase = phase_named(campaign, "Đợt 2")
    year = rating_year(2026, load_rating_rules().year_starts)
    db = Database(url)
    written: list[Path] = []
    try:
        async with db.read() as session:
            province = (await session.scalars(select(Unit).where(Unit.kind == "province"))).one()
            ward = (
                await session.scalars(select(Unit).where(Unit.name == WARDS[0]))
            ).one_or_none() or (
                await session.scalars(select(Unit).where(Unit.kind == "commune").limit(1))
            ).one()
            jobs: list[tuple[Unit, Period]] = [(ward, phase), (ward, year), (province, phase)]
            for unit, period in jobs:
                package = await unit_package(session, unit, campaign, period, ISSUED_ON, ZONE)
                for name, data in package.files.items():
                    path = folder / name
                    path.write_bytes(data)
                    written.append(path)
                stem = Path(next(iter(package.files))).stem.replace("TongHop", "TinNhan")
                digest = folder / f"{stem}.txt"
                digest.write_text("\n\n".join(plain_text(part) for part in package.digest))
                written.append(digest)
    finally:
        await db.dispose()
    return written


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    url = asyncio.run(_database(folder))
    for path in asyncio.run(_write(url, folder)):
        sys.stdout.write(f"wrote {path}\n")


if __name__ == "__main__":
    main()
