"""NIK: the compact / validate / is_valid / parse / mask / format contract."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from adminduk_delivery import kk, nik, regions, strategies
from adminduk_delivery.errors import ValidationError
from adminduk_delivery.nik import Sex

from .helpers import (
    AS_OF,
    NIK_F,
    NIK_M,
    arbitrary_objects,
    check_any_input_meets_our_errors,
    error_of,
    make_number,
)

ASCII_DIGITS_16 = st.text("0123456789", min_size=16, max_size=16)


# -- examples --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "3216204107900003",
        "3216 2041 0790 0003",
        "3216.20.410790.0003",
        "3216-20-410790-0003",
        " 3216204107900003\n",
        3216204107900003,
    ],
)
def test_validate_accepts_common_spellings(text):
    """Spaces, dots, dashes and an int are accepted and canonicalised."""
    assert nik.validate(text) == NIK_F


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("321620410790000", "length"),
        ("32162041079000031", "length"),
        ("", "length"),
        ("32162041079O0003", "format"),
        ("".join(chr(ord(c) + 0xFEE0) for c in NIK_F), "format"),  # full-width digits
        ("321620410790000٣", "format"),  # Arabic-Indic digit
        ("1016204107900003", "region"),
        ("3200204107900003", "region"),
        ("3216004107900003", "region"),
        ("9916204107900003", "region"),
        ("3299204107900003", "region"),
        ("3216994107900003", "region"),
        ("3216200007900003", "birth_date"),
        ("3216203207900003", "birth_date"),
        ("3216204007900003", "birth_date"),
        ("3216207207900003", "birth_date"),
        ("3216200113900003", "birth_date"),
        ("3216203002900003", "birth_date"),
        ("3216202902010003", "birth_date"),  # 29 Feb in neither 1901 nor 2001
        ("3216204107900000", "serial"),
        (None, "type"),
        (9.116204107900003e15, "spreadsheet"),  # beyond 2^53: the last digit is gone
        ("9.1162E+15", "spreadsheet"),
        ("3,2162E+15", "spreadsheet"),
        (3216204107900003.5, "spreadsheet"),
        (float("nan"), "spreadsheet"),
        (b"3216204107900003", "type"),
    ],
)
def test_validate_names_the_failing_part(text, code):
    """Each broken rule raises a ValidationError whose code names the part."""
    with pytest.raises(ValidationError) as info:
        nik.validate(text)
    assert info.value.code == code
    assert info.value.field == "nik"
    assert not nik.is_valid(text)


def test_leap_day_of_year_00_exists_in_2000():
    """29 Feb 00 is valid without as_of (2000 was a leap year)."""
    assert nik.is_valid("3216202902000003")
    born = nik.parse("3216202902000003", as_of=AS_OF).birth_date
    assert born == dt.date(2000, 2, 29)
    with pytest.raises(ValidationError) as info:
        nik.validate("3216202902000003", as_of=dt.date(2000, 2, 28))
    assert info.value.code == "birth_date"


def test_century_is_the_latest_not_after_as_of():
    """A two-digit year resolves to the latest date that is not after as_of."""
    number = make_number("321620", dt.date(2020, 5, 17))
    assert nik.parse(number, as_of=dt.date(2026, 1, 1)).birth_date == dt.date(2020, 5, 17)
    assert nik.parse(number, as_of=dt.date(2020, 5, 16)).birth_date == dt.date(1920, 5, 17)
    assert nik.parse(number, as_of=dt.date(2020, 5, 17)).birth_date == dt.date(2020, 5, 17)


def test_as_of_before_both_centuries_is_rejected():
    """A birth date after as_of in both centuries is a birth_date error."""
    with pytest.raises(ValidationError) as info:
        nik.validate(make_number("321620", dt.date(1990, 1, 1)), as_of=dt.date(1900, 1, 1))
    assert info.value.code == "birth_date"


def test_as_of_accepts_datetimes():
    """A datetime is taken as its date."""
    info = nik.parse(NIK_F, as_of=dt.datetime(2026, 1, 1, 8, 0, tzinfo=dt.UTC))
    assert info.birth_date == dt.date(1990, 7, 1)


def test_parse_decodes_every_part():
    """Region, sex, birth date and serial come out of the digits."""
    info = nik.parse(NIK_F, as_of=AS_OF)
    assert (info.province_code, info.regency_code, info.district_code) == ("32", "3216", "321620")
    assert info.region == regions.get("321620")
    assert info.sex is Sex.FEMALE
    assert info.birth_date == dt.date(1990, 7, 1)
    assert info.serial == 3
    assert info.age(on=dt.date(2026, 6, 30)) == 35
    assert info.age(on=dt.date(2026, 7, 1)) == 36
    assert nik.parse(NIK_M, as_of=AS_OF).sex is Sex.MALE


def test_parse_requires_as_of():
    """Without as_of the century cannot be resolved."""
    with pytest.raises(ValidationError) as info:
        nik.parse(NIK_F, as_of=None)  # type: ignore[arg-type]
    assert info.value.field == "as_of"


def test_placeholder_birth_dates_are_flagged():
    """31 Dec before 2004, 1 Jul from 2004 and the 15th are possible placeholders."""

    def flags(when):
        info = nik.parse(make_number("321620", when), as_of=AS_OF)
        return info.possible_placeholder_year_only, info.possible_placeholder_month_only

    assert flags(dt.date(1970, 12, 31)) == (True, False)
    assert flags(dt.date(2010, 12, 31)) == (False, False)
    assert flags(dt.date(2010, 7, 1)) == (True, False)
    assert flags(dt.date(1970, 7, 1)) == (False, False)
    assert flags(dt.date(1970, 3, 15)) == (False, True)
    assert flags(dt.date(1970, 3, 14)) == (False, False)


def test_region_strictness():
    """Retired codes pass 'historical' but not 'current'; 'none' checks structure only."""
    retired = make_number("910101", dt.date(1980, 1, 1))
    assert regions.get("910101").retired
    assert nik.is_valid(retired)
    assert nik.is_valid(retired, regions="historical")
    assert not nik.is_valid(retired, regions="current")
    assert nik.parse(retired, as_of=AS_OF).region.retired
    unknown = make_number("649999", dt.date(1980, 1, 1))
    assert not nik.is_valid(unknown)
    assert nik.is_valid(unknown, regions="none")
    assert nik.parse(unknown, as_of=AS_OF, regions="none").region is None
    for structural in ("1016204107900003", "3200204107900003", "3216004107900003"):
        assert not nik.is_valid(structural, regions="none")


def test_bad_options_raise():
    """A bad regions option or as_of is a programming error, even for is_valid."""
    with pytest.raises(ValidationError) as info:
        nik.is_valid(NIK_F, regions="strict")  # type: ignore[arg-type]
    assert info.value.field == "regions"
    with pytest.raises(ValidationError) as info:
        nik.validate(NIK_F, as_of="2026-01-01")  # type: ignore[arg-type]
    assert info.value.field == "as_of"


def test_mask_format_and_extractors():
    """mask hides the personal digits, format groups the parts."""
    assert nik.mask("3216 2041 0790 0003") == "321620**********"
    assert nik.format(NIK_F) == "321620 410790 0003"
    assert nik.format(NIK_F, separator=".") == "321620.410790.0003"
    assert nik.sex(NIK_F) is Sex.FEMALE
    assert nik.birth_date(NIK_F, as_of=AS_OF) == dt.date(1990, 7, 1)
    with pytest.raises(ValidationError):
        nik.mask("12345")


def test_repr_masks_the_nik():
    """The repr of a parsed NIK shows only the region digits."""
    text = repr(nik.parse(NIK_F, as_of=AS_OF))
    assert NIK_F not in text
    assert "4107900003" not in text
    assert "321620**********" in text


# -- properties ------------------------------------------------------------------------------


@given(
    value=strategies.niks(),
    as_of=st.dates(dt.date(2025, 12, 31), dt.date(2029, 12, 31)),
)
def test_generated_niks_validate_and_parse_back(value, as_of):
    """Property: a NIK built from real codes validates and parses back to its parts."""
    assert nik.validate(value) == value
    assert nik.is_valid(value)
    info = nik.parse(value, as_of=as_of)
    day = int(value[6:8])
    assert info.sex is (Sex.FEMALE if day > 40 else Sex.MALE)
    assert info.birth_date.strftime("%d%m%y") == f"{day % 40:02d}{value[8:12]}"
    assert info.district_code == value[:6]
    assert info.serial == int(value[12:])
    assert info.region is not None
    assert info.region.code == value[:6]


@given(
    value=strategies.niks(sex=Sex.FEMALE, region="3216"),
    birth=st.dates(dt.date(1930, 1, 1), dt.date(2025, 12, 31)),
)
def test_strategy_options_are_honoured(value, birth):
    """Property: the region and sex options of niks() hold."""
    info = nik.parse(value, as_of=dt.date(2026, 1, 1))
    assert info.regency_code == "3216"
    assert info.sex is Sex.FEMALE


@given(value=strategies.niks(), position=st.integers(0, 15), digit=st.sampled_from("0123456789"))
def test_single_digit_change_is_rejected_or_decodes_differently(value, position, digit):
    """Property: one changed digit is either rejected or parses to different parts."""
    changed = value[:position] + digit + value[position + 1 :]
    if changed == value:
        return
    if not nik.is_valid(changed):
        return
    as_of = dt.date(2026, 1, 1)
    before, after = nik.parse(value, as_of=as_of), nik.parse(changed, as_of=as_of)
    parts = lambda i: (i.district_code, i.sex, i.birth_date, i.serial)  # noqa: E731
    assert parts(before) != parts(after)


@given(value=arbitrary_objects())
@example(value="3216204107900003")
@example(value="0E0")
def test_arbitrary_input_never_escapes_our_errors(value):
    """Property: compact and validate raise only ValidationError, is_valid never raises,
    and an error never shows the number's date and serial."""
    check_any_input_meets_our_errors(nik, value)


@pytest.mark.parametrize("module", [nik, kk])
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("3216.20.410790.0003", "3216204107900003"),
        ("3216-20-410790-0003", "3216204107900003"),
        (" 3216 20 410790 0003 ", "3216204107900003"),
        (3216204107900003, "3216204107900003"),
        (3216204107900003.0, "3216204107900003"),
        ("'3216204107900003", "3216204107900003"),
        ("3216204107900003.0", "3216204107900003"),
        ("12", "12"),
        (-3216204107900003, "format"),
        (3216204107900003.5, "spreadsheet"),
        (9171014107900003.0, "spreadsheet"),
        ("3.2162E+15", "spreadsheet"),
        ("0E0", "spreadsheet"),
        (None, "type"),
        (True, "type"),
        (b"3216204107900003", "type"),
    ],
)
def test_compact_undoes_what_loses_nothing_and_refuses_the_rest(module, value, expected):
    """compact strips separators and spreadsheet artefacts that lose nothing; a negative
    number, a lossy float, scientific notation and a non-number are refused with their
    codes (as its docstring says)."""
    error = error_of(module.compact, value)
    if expected.isdigit():
        assert error is None
        assert module.compact(value) == expected
    else:
        assert error is not None
        assert error.code == expected


@given(value=ASCII_DIGITS_16)
def test_fast_path_agrees_with_validate(value):
    """Property: is_valid (with its fast path) agrees with validate on 16-digit strings."""
    for strictness in ("historical", "current", "none"):
        expected = error_of(nik.validate, value, regions=strictness) is None
        assert nik.is_valid(value, regions=strictness) is expected


@given(value=strategies.niks(retired=True), position=st.integers(6, 15), digit=st.integers(0, 9))
def test_fast_path_agrees_near_valid_numbers(value, position, digit):
    """Property: the same agreement, on numbers one digit away from valid ones."""
    changed = value[:position] + str(digit) + value[position + 1 :]
    assert nik.is_valid(changed) is (error_of(nik.validate, changed) is None)


@given(pair=strategies.invalid_niks())
def test_invalid_niks_break_the_rule_they_name(pair):
    """Property: each invalid NIK fails validate with the code it was built to break."""
    text, code = pair
    with pytest.raises(ValidationError) as info:
        nik.validate(text)
    assert info.value.code == code


@given(pair=strategies.invalid_niks(), as_of=st.none() | st.dates())
def test_errors_never_echo_the_number(pair, as_of):
    """Property: no error message contains the personal digits of the input."""
    text, _code = pair
    with pytest.raises(ValidationError) as info:
        nik.validate(text, as_of=as_of)
    message = str(info.value)
    if len(text) >= 10:  # shorter fragments can appear by chance (e.g. "16 digits")
        assert text not in message
        assert text[6:] not in message


@pytest.mark.parametrize(
    "cell",
    [
        "3216204107900003.0",
        "'3216204107900003",
        "\u2019" + "3216204107900003",
        " 3216204107900003\u00a0",
        "\u00a0'3216 2041 0790 0003 ",
        3216204107900003,
        3216204107900003.0,
        "3216204107900003.00",
    ],
)
def test_spreadsheet_cells_give_the_nik(cell):
    """Finding 5 of the real-input issue: what a spreadsheet does to a NIK without losing a
    digit (an int, a float below 2^53, ".0", Excel's apostrophe, no-break spaces) is undone."""
    assert nik.validate(cell) == NIK_F
    assert nik.is_valid(cell)


def test_lossy_cells_never_become_another_nik():
    """A float beyond 2^53 or scientific notation is refused with its own code and a message
    that says what to do, never read as a different valid NIK."""
    papua = "9171014107900003"
    with pytest.raises(ValidationError) as info:
        nik.validate(float(papua))
    assert info.value.code == "spreadsheet"
    assert "as text" in info.value.message
    assert papua not in str(info.value)
