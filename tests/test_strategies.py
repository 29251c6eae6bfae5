"""The strategies as a product: every value valid, options honoured, types registered."""

from __future__ import annotations

import datetime as dt
import importlib
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from adminduk_delivery import address, regions, serialization, strategies, tracking
from adminduk_delivery.address import Address, ParseStatus
from adminduk_delivery.batches import Batch
from adminduk_delivery.documents import Document
from adminduk_delivery.errors import MissingDependency
from adminduk_delivery.nik import Sex
from adminduk_delivery.policy import Policy
from adminduk_delivery.residents import Household, Resident
from adminduk_delivery.routing import Stop
from adminduk_delivery.shipments import Shipment

SERIALIZABLE = [
    strategies.addresses,
    strategies.phone_numbers,
    strategies.residents,
    strategies.households,
    strategies.documents,
    strategies.document_requests,
    strategies.recipients,
    strategies.shipments,
    strategies.batches,
]


@pytest.mark.parametrize("factory", SERIALIZABLE, ids=lambda f: f.__name__)
@settings(max_examples=25)
@given(data=st.data())
def test_every_generated_value_validates_and_round_trips(factory, data):
    """Property: values rebuild from their own fields, serialize and read back equal."""
    value = data.draw(factory())
    fields = {a.name: getattr(value, a.name) for a in value.__attrs_attrs__}
    assert type(value)(**fields) == value  # the constructor's validation accepts it
    back = serialization.from_dict(serialization.to_dict(value), type(value))
    assert back == value


@given(policy=strategies.policies(), stop=strategies.stops(coordinates=True),
       number=strategies.tracking_numbers())  # fmt: skip
def test_other_strategies_give_valid_values(policy, stop, number):
    """Property: policies, stops and tracking numbers are valid on construction."""
    assert isinstance(policy, Policy)
    assert stop.point is not None
    assert tracking.validate_s10(number) == number


@given(r=strategies.residents(ages=(60, 70), as_of=dt.date(2026, 1, 1), sex=Sex.FEMALE,
                              region="3216"))  # fmt: skip
def test_resident_options_are_honoured(r):
    """Property: age range, sex and region hold."""
    assert 60 <= r.age(on=dt.date(2026, 1, 1)) <= 70
    assert r.sex is Sex.FEMALE
    assert r.nik.startswith("3216")
    assert r.nik_consistent


@given(r=strategies.residents(consistent=False))
def test_inconsistent_residents_on_request(r):
    """Property: consistent=False gives register entries that disagree with their NIK."""
    assert not r.nik_consistent


# Jakarta's are "Adm."; Sleman, Yogyakarta and Jayapura have their own level words;
# Palembang's names hold numbers, Padang Pariaman's and Pidie's have earlier spellings, Pidie's
# desa are gampong, Biak Numfor's kampung and Simalungun's nagori.
@pytest.mark.parametrize(
    "region",
    ["3216", "3101", "3174", "3404", "3471", "9171", "1671", "1305", "1107", "9106", "1208"],
)
def test_messy_address_texts_parse_back(region):
    """Property: a messy rendering parses back to the village, RT and RW (unique names)."""

    @given(pair=strategies.messy_address_texts(region=region))
    def check(pair):
        parses_back(*pair, region)

    check()


def parses_back(text, expected, region):
    siblings = regions.children(expected.district_code)
    key = regions.name_key
    unique = sum(key(s.name) == key(expected.village.name) for s in siblings) == 1
    parsed = address.parse(text, regency=region)
    if unique:
        assert parsed.status is ParseStatus.RESOLVED, (text, parsed.warnings)
        assert parsed.address is not None
        assert parsed.address.village_code == expected.village_code
        assert (parsed.address.rt, parsed.address.rw) == (expected.rt, expected.rw)
        assert not [w for w in parsed.warnings if w.startswith(("conflict", "unused"))], text


@pytest.mark.parametrize(
    "build",
    [
        lambda: strategies.niks(region="9999"),
        lambda: strategies.niks(region="3216202001"),
        lambda: strategies.niks(region="9101"),
        lambda: strategies.niks(sex="female"),
        lambda: strategies.region_codes(level="kelurahan"),
        lambda: strategies.region_codes(within="3299"),
        lambda: strategies.residents(ages=(17, 60)),
        lambda: strategies.residents(ages=(60, 17), as_of=dt.date(2026, 1, 1)),
        lambda: strategies.residents(ages=(17,), as_of=dt.date(2026, 1, 1)),
        lambda: strategies.residents(ages=("17", "60"), as_of=dt.date(2026, 1, 1)),
        lambda: strategies.residents(ages=17, as_of=dt.date(2026, 1, 1)),
        lambda: strategies.residents(ages=(17, 60), as_of="2026-01-01"),
        lambda: strategies.recipients(kind="family"),
        lambda: strategies.households(min_size=0),
        lambda: strategies.batches(min_size=5, max_size=2),
        lambda: strategies.invalid_niks(codes={"colour"}),
        lambda: strategies.shipment_histories(start=dt.datetime(2020, 1, 1)),
        lambda: strategies.tracking_numbers(country="XX"),
        lambda: strategies.documents(kind="ktp_el"),
    ],
)
def test_bad_options_raise_invalid_argument(build):
    """Bad options are reported when the strategy is defined (or first drawn)."""
    with pytest.raises(InvalidArgument):
        _define(build)


def _define(build):
    strategy = build()
    strategy.validate()  # what Hypothesis does before the first draw
    return strategy


@pytest.mark.parametrize("cls", [Address, Resident, Household, Document, Shipment, Batch,
                                 Policy, Stop])  # fmt: skip
def test_types_are_registered_with_hypothesis(cls):
    """The hypothesis entry point registers a strategy for every public model."""

    @settings(max_examples=3)
    @given(st.from_type(cls))
    def check(value):
        assert isinstance(value, cls)

    check()


@given(batch=strategies.batches(region="3216", max_size=4),
       shipment=strategies.shipments(region="327509"))  # fmt: skip
def test_shipments_and_batches_in_a_region(batch, shipment):
    """A downstream property about one regency's shipments can restrict them to it."""
    assert all(s.address.village_code.startswith("3216") for s in batch.shipments)
    assert shipment.address.village_code.startswith("327509")


@given(r=strategies.residents(has_address=True, has_phone=True),
       bare=strategies.residents(has_address=False, has_phone=False))  # fmt: skip
def test_residents_with_or_without_address_and_phone(r, bare):
    """Residents can be required to have, or to lack, an address and a phone."""
    assert r.address is not None
    assert r.phone is not None
    assert bare.address is None
    assert bare.phone is None


@settings(max_examples=20)
@given(r=strategies.residents(ages=[17, 18], as_of=dt.date(2026, 1, 1)))
def test_ages_may_be_a_list(r):
    """``ages`` is a pair: a list of two years is accepted as a tuple is."""
    assert r.age(on=dt.date(2026, 1, 1)) in (17, 18)


def test_without_hypothesis_the_import_names_the_extra(monkeypatch):
    """Importing the strategies without Hypothesis raises MissingDependency, which names
    the ``testing`` extra and is still an ImportError."""
    monkeypatch.setitem(sys.modules, "hypothesis", None)  # None: "not installed"
    monkeypatch.delitem(sys.modules, "adminduk_delivery.strategies")
    with pytest.raises(MissingDependency) as caught:
        importlib.import_module("adminduk_delivery.strategies")
    assert caught.value.extra == "testing"
    assert isinstance(caught.value, ImportError)
    assert "adminduk-delivery[testing]" in str(caught.value)


def test_bad_resident_options_are_invalid_arguments():
    """Options follow Hypothesis's API style: a bad one is an InvalidArgument."""
    from hypothesis.errors import InvalidArgument

    with pytest.raises(InvalidArgument):
        strategies.residents(has_phone="yes").example()


@given(doc=strategies.documents(issued_between=(dt.date(2020, 3, 1), dt.date(2020, 3, 20))))
def test_documents_issued_in_a_range(doc):
    """A downstream property about one campaign's documents restricts their issue dates."""
    assert dt.date(2020, 3, 1) <= doc.issue_date <= dt.date(2020, 3, 20)


@pytest.mark.parametrize("bad", [(dt.date(2020, 3, 2), dt.date(2020, 3, 1)), "2020", (None,)])
def test_bad_issue_ranges_are_invalid_arguments(bad):
    """An empty or malformed range is an InvalidArgument."""
    from hypothesis.errors import InvalidArgument

    with pytest.raises(InvalidArgument):
        strategies.documents(issued_between=bad)


def test_a_region_pool_is_one_strategy():
    """Asking twice for the codes of one pool gives the same strategy object: Hypothesis
    labels a sampled_from strategy by looking at every element, which for the villages made
    a batch (an address per shipment) slow to draw and to shrink."""
    assert strategies.region_codes(level="village") is strategies.region_codes(level="village")
    assert strategies.region_codes(level="village", within="3216") is strategies.region_codes(
        level="village", within="3216"
    )


@settings(max_examples=20)
@given(strategies.shipments(region="Kab. Bekasi"))
def test_region_options_take_names_as_the_address_hints_do(shipment):
    assert shipment.address.regency_code == "3216"
    with pytest.raises(InvalidArgument, match="matches 2 regions"):
        strategies.shipments(region="Bekasi")


def _option_cases():
    """Every keyword option of every public strategy, with every bad value of the census
    (but the 160,000-character string, which only tests time)."""
    import inspect

    from .test_census import BAD_VALUES

    for name in strategies.__all__:
        function = getattr(strategies, name)
        if not inspect.isfunction(function):
            continue
        for option, parameter in inspect.signature(function).parameters.items():
            if parameter.kind is parameter.KEYWORD_ONLY:
                for bad, value in BAD_VALUES.items():
                    # (None is most options' default, tested everywhere else)
                    if bad != "giant" and not (value is None and parameter.default is None):
                        yield name, option, bad


@pytest.mark.parametrize(("name", "option", "bad"), list(_option_cases()))
def test_bad_options_meet_only_invalid_argument(name, option, bad):
    """The strategies' census: an option given a bad value either works or raises
    Hypothesis's InvalidArgument, when the strategy is defined, validated or first drawn;
    never a TypeError or AttributeError from inside it."""
    from hypothesis import HealthCheck, Phase
    from hypothesis.errors import Unsatisfiable

    from .test_census import BAD_VALUES

    try:
        strategy = getattr(strategies, name)(**{option: BAD_VALUES[bad]})
        strategy.validate()

        # Drawn once, not shrunk: a bad option that is accepted (numpy's 7 as a batch's
        # min_size) would otherwise be shrunk to its smallest batch, for nothing.
        @settings(
            max_examples=1,
            database=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(strategy)
        def drawn(_value):
            pass

        drawn()
    except (InvalidArgument, Unsatisfiable):
        pass
