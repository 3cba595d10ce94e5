"""A province is summarised ward by ward, each from its own records: the same summary as each
ward summarised from the whole province's records, and a ward may drop its reports."""

from __future__ import annotations

from reports.chart import province_chart
from reports.digest import province_digest
from reports.excel import province_workbook
from reports.scope import ward_record_sets
from reports.summary import roll_up, summarise_province, summarise_ward
from reports.word import province_report
from tests.reports import test_ha_noi

ISSUED = test_ha_noi.D(2026, 2, 2)


def test_each_ward_reads_only_its_own_records() -> None:
    w = test_ha_noi.build()
    records = w.records()
    split = dict(ward_record_sets(records, w.province_id))
    assert [ward.name for ward in split] == ["Phường Cầu Giấy", "Phường Yên Hòa"]
    for ward, own in split.items():
        alone = summarise_ward(own, ward.id, test_ha_noi.DOT_1, test_ha_noi.CAMPAIGN)
        among_all = summarise_ward(records, ward.id, test_ha_noi.DOT_1, test_ha_noi.CAMPAIGN)
        assert alone == among_all
    assert sum(len(own.reports) for own in split.values()) == len(records.reports)


def test_a_province_of_wards_without_their_reports_gives_the_same_files() -> None:
    w = test_ha_noi.build()
    whole = summarise_province(w.records(), w.province_id, test_ha_noi.DOT_1, test_ha_noi.CAMPAIGN)
    slim = roll_up(
        whole.province,
        whole.campaign,
        whole.period,
        [ward.without_reports() for ward in whole.wards],
    )
    assert all(ward.scope.reports == () for ward in slim.wards)
    assert any(ward.scope.reports for ward in whole.wards)
    assert (slim.totals, slim.indicators) == (whole.totals, whole.indicators)
    assert province_digest(slim) == province_digest(whole)
    assert province_workbook(slim, ISSUED) == province_workbook(whole, ISSUED)
    assert province_report(slim, ISSUED) == province_report(whole, ISSUED)
    assert province_chart(slim) == province_chart(whole)
