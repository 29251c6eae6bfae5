"""Residents and households."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from adminduk_delivery import strategies
from adminduk_delivery.errors import ValidationError
from adminduk_delivery.nik import Sex
from adminduk_delivery.residents import Household, Resident, mask_name

from .helpers import KK, NIK_F, NIK_M, home


def siti(**changes):
    base = {"nik": NIK_F, "name": "Siti Aminah", "sex": Sex.FEMALE,
            "birth_date": dt.date(1990, 7, 1), "kk_number": KK}  # fmt: skip
    return Resident(**{**base, **changes})


def test_resident_normalises_and_masks():
    """Separators are removed; the repr hides NIK, KK number, name and phone."""
    r = siti(nik="3216 2041 0790 0003", name="  Siti   Aminah ", phone="0812-3456-7890")
    assert (r.nik, r.name) == (NIK_F, "Siti Aminah")
    assert r.phone is not None
    assert r.phone.e164 == "+6281234567890"
    text = repr(r)
    for secret in (NIK_F, KK, "Siti", "Aminah", "81234567890", "3456"):
        assert secret not in text


def test_nik_consistency_is_reported_not_enforced():
    """A register entry whose NIK disagrees with its sex or birth date is kept and flagged."""
    assert siti().nik_consistent
    assert not siti(sex=Sex.MALE).nik_consistent
    assert not siti(birth_date=dt.date(1990, 7, 2)).nik_consistent


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": " "}, "name"),
        ({"nik": "1"}, "nik"),
        ({"kk_number": "1"}, "kk_number"),
        ({"phone": "12"}, "phone"),
        ({"phone": 812}, "phone"),
        ({"birth_date": "1990-07-01"}, "birth_date"),
    ],
)
def test_resident_validates(changes, field):
    """Each bad field is our error."""
    with pytest.raises(ValidationError) as info:
        siti(**changes)
    assert info.value.field == field


def test_household_rules():
    """Members share the KK number, have distinct NIKs, and the head is a member."""
    budi = siti(nik=NIK_M, name="Budi", sex=Sex.MALE)
    house = Household(kk_number=KK, members=[budi, siti()], address=home(), head_nik=NIK_M)
    assert house.member(NIK_F) == siti()
    assert house.adults(on=dt.date(2026, 1, 1)) == (budi, siti())
    with pytest.raises(ValidationError):
        Household(kk_number=KK, members=[siti(), siti()], address=home())
    with pytest.raises(ValidationError):
        Household(kk_number="3216201503180008", members=[siti()], address=home())
    with pytest.raises(ValidationError):
        Household(kk_number=KK, members=[siti()], address=home(), head_nik=NIK_M)
    with pytest.raises(ValidationError) as info:
        Household(kk_number=KK, members=[siti()], address=home(), head_nik="32162041")
    assert (info.value.field, info.value.code) == ("head_nik", "length")
    with pytest.raises(ValidationError):
        Household(kk_number=KK, members=[], address=home())
    with pytest.raises(ValidationError) as info:
        Household(kk_number=KK, members=5, address=home())  # type: ignore[arg-type]
    assert (info.value.field, info.value.code) == ("members", "type")
    with pytest.raises(ValidationError):
        Household(kk_number=KK, members=["Siti"], address=home())  # type: ignore[list-item]
    assert KK not in repr(house)


def test_mask_name():
    """Initials only."""
    assert mask_name("Siti Aminah") == "S*** A*****"


@given(r=strategies.residents())
def test_generated_residents_are_consistent(r):
    """Property: generated residents' NIKs encode their sex and birth date."""
    assert r.nik_consistent
    assert r.nik not in repr(r)
    assert attrs.evolve(r) == r


@given(h=strategies.households(max_size=4))
def test_generated_households_share_card_and_address(h):
    """Property: members share the KK number; the head is the first member."""
    assert all(m.kk_number == h.kk_number for m in h.members)
    assert all(m.address == h.address for m in h.members)
    assert h.head_nik == h.members[0].nik


@given(strategies.residents())
def test_from_nik_reads_sex_and_birth_date(resident: Resident) -> None:
    as_of = dt.date(2026, 1, 1)
    made = Resident.from_nik(resident.nik, name=resident.name, as_of=as_of)
    assert (made.sex, made.birth_date, made.nik_consistent) == (
        resident.sex,
        resident.birth_date,
        True,
    )
    same = Resident.from_nik(
        resident.nik,
        name=resident.name,
        as_of=as_of,
        sex=resident.sex,
        birth_date=resident.birth_date,
        kk_number=resident.kk_number,
    )
    assert same.kk_number == resident.kk_number


@pytest.mark.parametrize(
    ("given_values", "field"),
    [({"sex": "male"}, "sex"), ({"birth_date": dt.date(1990, 7, 2)}, "birth_date")],
)
def test_from_nik_reports_a_disagreement(given_values: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as info:
        Resident.from_nik(
            "3216204107900003", name="Siti", as_of=dt.date(2026, 1, 1), **given_values
        )  # type: ignore[arg-type]
    assert (info.value.field, info.value.code) == (field, "nik_mismatch")
    assert "3216204107900003" not in str(info.value)


def test_from_nik_accepts_a_placeholder_birth_date_by_its_year() -> None:
    # 1 July is the registry's placeholder for "year only" after 2004.
    placeholder = "3216200107050003"
    made = Resident.from_nik(
        placeholder, name="Adi", as_of=dt.date(2026, 1, 1), birth_date=dt.date(2005, 3, 9)
    )
    assert made.birth_date == dt.date(2005, 3, 9)
    assert not made.nik_consistent


def test_kk_number_is_optional() -> None:
    made = Resident.from_nik("3216204107900003", name="Siti", as_of=dt.date(2026, 1, 1))
    assert made.kk_number is None


@given(
    strategies.residents(),
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)),
)
def test_age_is_relativedelta_years(resident: Resident, on: dt.date) -> None:
    assert resident.age(on=on) == relativedelta(on, resident.birth_date).years


def test_from_nik_takes_the_century_from_a_given_birth_date() -> None:
    made = Resident.from_nik("3216204107900003", name="Siti", birth_date=dt.date(1990, 7, 1))
    assert made.birth_date == dt.date(1990, 7, 1)
    with pytest.raises(ValidationError) as info:
        Resident.from_nik("3216204107900003", name="Siti")
    assert (info.value.field, info.value.code) == ("as_of", "required")
