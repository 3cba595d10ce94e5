"""The chart: a PNG drawn without a display, the same bytes for the same data."""

from __future__ import annotations

from io import BytesIO

from PIL import Image

from reports.chart import province_chart, ward_chart
from reports.summary import summarise_province
from tests.reports import test_ha_noi
from tests.reports.yen_hoa_ward import november

PNG = b"\x89PNG\r\n\x1a\n"


def test_one_bar_per_team_drawn_the_same_every_time() -> None:
    data = ward_chart(november())
    assert data.startswith(PNG)
    assert data == ward_chart(november())
    with Image.open(BytesIO(data)) as image:
        # 10 inches at 100 dpi; 3 rows of 0.38 in + 0.5 in title + 0.75 in axis + 2 legend rows
        assert (image.width, image.height) == (1000, round(100 * (3 * 0.38 + 0.5 + 0.75 + 0.5)))
    assert b"Software" not in data  # no version or time stamped in the file


def test_more_teams_make_a_taller_chart_and_a_province_chart_has_wards() -> None:
    w = test_ha_noi.build()
    city = summarise_province(w.records(), w.province_id, test_ha_noi.DOT_1, test_ha_noi.CAMPAIGN)
    with Image.open(BytesIO(province_chart(city))) as image:
        two_wards = image.height
    with Image.open(BytesIO(ward_chart(city.wards[1]))) as image:
        four_teams = image.height
    assert two_wards < four_teams
