"""What the summaries read from storage: a province's roll-up carries each ward's police figures."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from storage.database import Database
from storage.models import Member, utcnow
from storage.police_figures import set_figure
from storage.units import add_unit
from summaries.record_sets import load_record_set

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
NOVEMBER = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))


async def test_a_province_reads_every_wards_police_figures(database_url: str) -> None:
    db = Database(database_url)
    await db.migrate()
    async with db.write() as session:
        city = await add_unit(session, "Thành phố Hà Nội", "province")
        wards = [await add_unit(session, name, "commune", city) for name in ("Yên Hòa", "Cầu Giấy")]
        officer = Member(full_name="Hà", role="officer", unit_id=wards[0].id, consent_at=utcnow())
        session.add(officer)
        await session.flush()
        for ward, value in zip(wards, (True, False), strict=True):
            await set_figure(
                session,
                ward_id=ward.id,
                campaign="ha-noi-357",
                figure="no_serious_case",
                first_day=NOVEMBER[0],
                last_day=NOVEMBER[1],
                value=value,
                member_id=officer.id,
                now=utcnow(),
            )
    async with db.read() as session:
        province = await load_record_set(session, city.id, *NOVEMBER, ZONE, "ha-noi-357")
        one_ward = await load_record_set(session, wards[1].id, *NOVEMBER, ZONE, "ha-noi-357")
    assert sorted((p.ward_id, p.values["no_serious_case"]) for p in province.police) == [
        (wards[0].id, True),
        (wards[1].id, False),
    ]
    assert [(p.ward_id, p.values["no_serious_case"]) for p in one_ward.police] == [
        (wards[1].id, False)
    ]
    await db.dispose()
