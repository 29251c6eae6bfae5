"""National scale: regency shares, results that combine in any grouping, pseudonyms."""

from __future__ import annotations

import datetime as dt
import gc
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adminduk_delivery import national
from adminduk_delivery.errors import InvalidType, ValidationError

REGENCIES = ["3216", "3275", "3201", "9103"]
KEY = b"a test key of at least 16 bytes"


@given(st.integers(0, 10**7))
def test_regency_sizes_add_up(total):
    sizes = national.regency_sizes(total, regencies=REGENCIES)
    assert sum(sizes.values()) == total
    assert list(sizes) == sorted(REGENCIES)


def test_every_regency_gets_its_share():
    sizes = national.regency_sizes(514_000)
    assert len(sizes) == 514
    assert sum(sizes.values()) == 514_000
    assert min(sizes.values()) > 0
    for wrong, code in (
        ("321620", "level"),
        ("9101", "level"),
        ("9999", "region"),
        ("Bekasi", "ambiguous"),
        ("Antah Berantah", "not_found"),
    ):
        with pytest.raises(ValidationError) as info:
            national.regency_sizes(10, regencies=[wrong])
        assert (info.value.field, info.value.code) == ("regencies", code)
    assert national.regency_sizes(10, regencies=["32.16"]) == {"3216": 10}
    assert national.regency_sizes(10, regencies=["Kab. Bekasi"]) == {"3216": 10}


@pytest.fixture(scope="module")
def results():
    sizes = national.regency_sizes(2_400, regencies=REGENCIES)
    return [national.regency_campaign(code, n, seed=7) for code, n in sizes.items()]


@settings(max_examples=15, deadline=None)
@given(st.permutations(range(4)), st.integers(1, 3))
def test_results_combine_in_any_grouping(results, order, cut):
    """What a tree reduction relies on: any order, any grouping, one national result."""
    whole = national.combine(results)
    shuffled = [results[i] for i in order]
    grouped = national.combine([national.combine(shuffled[:cut]), national.combine(shuffled[cut:])])
    assert grouped == whole
    assert whole.documents == sum(r.documents for r in results) == whole.summary.total
    assert whole.regencies == 4


def test_a_regency_does_not_depend_on_the_others(results):
    again = national.regency_campaign(results[1].regency, results[1].documents, seed=7)
    assert again == results[1]
    other = national.regency_campaign(results[1].regency, results[1].documents, seed=8)
    assert other != results[1]


def test_pseudonyms_are_keyed_and_stable():
    nik = "3216204107900003"
    one = national.pseudonym(nik, key=KEY)
    assert one == national.pseudonym("3216 2041 0790 0003", key=KEY)
    assert one != national.pseudonym(nik, key=KEY + b"!")
    assert nik not in one
    assert len(one) == 32
    with pytest.raises(ValidationError) as info:
        national.pseudonym(nik, key=b"short")
    assert info.value.code == "key"
    with pytest.raises(ValidationError) as info:
        national.pseudonym("123", key=KEY)
    assert info.value.code == "format"
    assert "123" not in str(info.value)
    with pytest.raises(InvalidType):
        national.pseudonym(nik, key="text")  # type: ignore[arg-type]


def test_export_records_carry_no_nik():
    result = national.regency_campaign("3275", 300, seed=3, export_key=KEY)
    assert len(result.export) == result.documents
    text = repr(result.export)
    assert not re.search(r"\b\d{16}\b", text)
    assert set(result.export[0]) == {
        "owner", "kind", "regency", "district", "village", "state", "bucket", "attempts",
    }  # fmt: skip
    assert {r["regency"] for r in result.export} == {"3275"}


def test_the_same_national_result_for_any_partitioning():
    dask = pytest.importorskip("dask")
    from adminduk_delivery import on_dask

    outcomes = []
    with dask.config.set(scheduler="synchronous"):
        for parts in (1, 2, 4):
            bag = on_dask.regencies(2_400, seed=7, regencies=REGENCIES, npartitions=parts)
            found = on_dask.combined(on_dask.campaigns(bag, seed=7), split_every=2).compute()
            outcomes.append(found)
            rows = on_dask.table(on_dask.campaigns(bag, seed=7)).compute()
            assert sorted(r["regency"] for r in rows) == sorted(REGENCIES)
    assert outcomes[0] == outcomes[1] == outcomes[2]
    assert outcomes[0].summary.as_of == dt.date(2020, 6, 30)


def test_prepared_workers_load_the_data_then_freeze():
    """The worker plugin is a distributed WorkerPlugin; its setup leaves the objects alive
    then frozen and the collector's first threshold raised."""
    distributed = pytest.importorskip("distributed")
    from adminduk_delivery import on_dask

    plugin = on_dask.prepared_workers()
    assert isinstance(plugin, distributed.WorkerPlugin)
    assert plugin.name == "adminduk-delivery-prepared-worker"
    thresholds = gc.get_threshold()
    try:
        plugin.setup(worker=None)
        assert gc.get_freeze_count() > 10_000  # the reference tables among them
        assert gc.get_threshold()[0] >= 10_000
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
