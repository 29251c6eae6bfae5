"""KK number: the same contract as the NIK, with an issue date and no +40."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from adminduk_delivery import kk, regions, strategies
from adminduk_delivery.errors import ValidationError

from .helpers import (
    AS_OF,
    KK,
    arbitrary_objects,
    check_any_input_meets_our_errors,
    error_of,
    make_number,
)


def test_validate_and_parse():
    """A KK number decodes to its issuing district, issue date and serial."""
    assert kk.validate("3216-20-150318-0007") == KK
    info = kk.parse(KK, as_of=AS_OF)
    assert info.district_code == "321620"
    assert info.region == regions.get("321620")
    assert info.issue_date == dt.date(2018, 3, 15)
    assert info.serial == 7
    assert kk.issue_date(KK, as_of=AS_OF) == dt.date(2018, 3, 15)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("321620150318000", "length"),
        ("32162015031800O7", "format"),
        ("3299201503180007", "region"),
        ("3216204503180007", "issue_date"),  # +40 is for a NIK's women, not KK numbers
        ("3216203104180007", "issue_date"),  # 31 April
        ("3216201503180000", "serial"),
        (None, "type"),
    ],
)
def test_validate_names_the_failing_part(text, code):
    """Each broken rule has its code, with field kk_number."""
    with pytest.raises(ValidationError) as info:
        kk.validate(text)
    assert info.value.code == code
    assert info.value.field == "kk_number"
    assert not kk.is_valid(text)


def test_century_and_strictness_as_for_the_nik():
    """The issue year resolves against as_of; retired districts pass 'historical'."""
    number = make_number("321620", dt.date(2027, 1, 2))
    assert kk.parse(number, as_of=AS_OF).issue_date == dt.date(1927, 1, 2)
    retired = make_number("910101", dt.date(2010, 1, 1))
    assert kk.is_valid(retired)
    assert not kk.is_valid(retired, regions="current")


def test_mask_format_and_repr():
    """Masked like a NIK; the repr never shows the full number."""
    assert kk.mask(KK) == "321620**********"
    assert kk.format(KK) == "321620 150318 0007"
    text = repr(kk.parse(KK, as_of=AS_OF))
    assert KK not in text
    assert "321620**********" in text


@given(value=strategies.kk_numbers(), as_of=st.dates(dt.date(2025, 12, 31), dt.date(2029, 12, 31)))
def test_generated_kk_numbers_validate_and_parse_back(value, as_of):
    """Property: a KK number from real codes validates and parses back to its parts."""
    assert kk.validate(value) == value
    info = kk.parse(value, as_of=as_of)
    assert info.issue_date.strftime("%d%m%y") == value[6:12]
    assert info.serial == int(value[12:])


@given(value=st.text("0123456789", min_size=16, max_size=16))
def test_fast_path_agrees_with_validate(value):
    """Property: is_valid agrees with validate on 16-digit strings."""
    assert kk.is_valid(value) is (error_of(kk.validate, value) is None)


@given(value=arbitrary_objects())
@example(value="0E0")  # scientific notation: compact refuses it too (found by a long run)
def test_arbitrary_input_never_escapes_our_errors(value):
    """Property: compact and validate raise only ValidationError, is_valid never raises,
    and an error never shows the number's date and serial."""
    check_any_input_meets_our_errors(kk, value)


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ("3216201503180007.0", None),
        ("'3216201503180007", None),
        (3216201503180007.0, None),
        ("3.2162E+15", "spreadsheet"),
    ],
)
def test_spreadsheet_cells(cell, code):
    """KK numbers read from spreadsheets follow the NIK's rules: lossless artefacts undone,
    lossy ones refused with code ``spreadsheet``."""
    if code is None:
        assert kk.validate(cell) == "3216201503180007"
    else:
        with pytest.raises(ValidationError) as info:
            kk.validate(cell)
        assert info.value.code == code
