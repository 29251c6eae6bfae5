"""Synthetic data: large, reproducible, consistent, without Hypothesis."""

from __future__ import annotations

import random

import attrs
import pytest

from adminduk_delivery import phone, synthetic
from adminduk_delivery.documents import Fulfilment
from adminduk_delivery.errors import ValidationError


@pytest.fixture(scope="module")
def people():
    return synthetic.population(2_000, regency="3216", seed=2020)


def test_same_seed_same_data(people):
    """A seed reproduces the data exactly; another seed gives other data."""
    again = synthetic.population(2_000, regency="3216", seed=2020)
    assert again == people
    assert synthetic.population(2_000, regency="3216", seed=random.Random(2020)) == people
    assert synthetic.population(2_000, regency="3216", seed=2021) != people


def test_data_is_consistent(people):
    """NIKs encode sex and birth date; members share KK and address; postal codes fit."""
    assert len(people.residents) == 2_000
    assert len({r.nik for r in people.residents}) == 2_000
    for house in people.households:
        assert {m.kk_number for m in house.members} == {house.kk_number}
        assert {m.address for m in house.members} == {house.address}
        assert house.address.regency_code == "3216"
        assert house.address.postal_code_matches
        assert house.kk_number.startswith(house.address.district_code)
    assert all(r.nik_consistent for r in people.residents)
    phones = [r.phone for r in people.residents if r.phone is not None]
    assert phones
    assert all(phone.parse(p.e164) == p for p in phones[:200])


@pytest.mark.parametrize(("regency", "seed"), [("3216", 1), ("3275", 2), ("9103", 3), ("1101", 4)])
def test_generated_values_pass_their_own_checks(regency, seed):
    """Households, addresses, residents, phone numbers, requests, documents and shipments are
    built without running their checks (for speed); every one generated is exactly what the
    checks give back, in four regencies of four provinces."""
    generated = synthetic.population(1_500, regency=regency, seed=seed)
    requests = synthetic.requests(generated.residents, seed=seed, delivery_share=0.5)
    handover = synthetic.batch(generated.residents, seed=seed)
    assert {r.fulfilment for r in requests} == set(Fulfilment) - {Fulfilment.SELF_PRINT}
    assert any(d.replaces_card for d in handover.documents)
    addresses = [h.address for h in generated.households]
    phones = [r.phone for r in generated.residents if r.phone is not None]
    assert phones
    values = (*generated.households, *addresses, *generated.residents, *phones, *requests,
              *handover.documents, *handover.shipments)  # fmt: skip
    for value in values:
        assert attrs.evolve(value) == value


def test_name_lists_are_single_spaced():
    """The generated names need no normalising: words of the lists, single-spaced."""
    for name in (*synthetic.FIRST_NAMES, *synthetic.LAST_NAMES):
        assert name
        assert " ".join(name.split()) == name


def test_iter_requests_is_requests_one_at_a_time(people):
    """The stream gives the requests requests gives, and checks its arguments at the call."""
    stream = synthetic.iter_requests(people.residents[:50], seed=3, delivery_share=0.4)
    assert tuple(stream) == synthetic.requests(people.residents[:50], seed=3, delivery_share=0.4)
    with pytest.raises(ValidationError) as info:
        synthetic.iter_requests(people.residents, delivery_share=1.5)
    assert (info.value.field, info.value.code) == ("delivery_share", "range")


def test_requests_and_batches(people):
    """Requests choose delivery or collection; a batch packs one shipment per address."""
    reqs = synthetic.requests(people.residents, seed=1, delivery_share=0.5)
    share = sum(r.fulfilment is Fulfilment.DELIVER for r in reqs) / len(reqs)
    assert 0.4 < share < 0.6
    batch = synthetic.batch(people.residents, seed=1)
    assert len(batch.documents) == 2_000
    assert len(batch.shipments) == len(people.households)
    assert batch.reconcile().balanced
    assert synthetic.batch(people.residents, seed=1) == batch


def test_bad_arguments():
    """Counts, regencies and seeds are checked."""
    with pytest.raises(ValidationError):
        synthetic.population(-1)
    with pytest.raises(ValidationError):
        synthetic.population(10, regency="321620")
    with pytest.raises(ValidationError):
        synthetic.population(10, seed="x")  # type: ignore[arg-type]
