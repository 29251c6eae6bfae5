"""Phone numbers: parsed as phonenumbers parses them, faster for the common shapes."""

from __future__ import annotations

import re

import phonenumbers
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from adminduk_delivery import phone
from adminduk_delivery._convert import cell_digits
from adminduk_delivery.errors import ValidationError
from adminduk_delivery.phone import PhoneKind

from .helpers import arbitrary_objects, error_of

OPERATOR_PREFIXES = [
    "811",
    "812",
    "813",
    "821",
    "822",
    "823",
    "852",
    "853",
    "851",
    "855",
    "856",
    "857",
    "858",
    "814",
    "815",
    "816",
    "817",
    "818",
    "819",
    "859",
    "877",
    "878",
    "895",
    "896",
    "897",
    "898",
    "899",
    "881",
    "882",
    "888",
]
AREA_CODES = ["21", "22", "24", "31", "61", "274", "361", "411", "251", "264"]


def oracle(text: str) -> tuple[str, PhoneKind] | None:
    """What phonenumbers itself says: (E.164, type) of a valid +62 number, or None. A
    spreadsheet cell is first read as the library reads one (a lossless ".0" or apostrophe
    undone; a lossy cell is no number)."""
    try:
        text = cell_digits(text, field="phone", label="a phone number").strip()
    except ValidationError:
        return None
    try:
        number = phonenumbers.parse(text, "ID")
    except phonenumbers.NumberParseException:
        return None
    if number.country_code != 62 or not phonenumbers.is_valid_number(number):
        return None
    kinds = {getattr(phonenumbers.PhoneNumberType, k.name): k for k in PhoneKind}
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return e164, kinds[phonenumbers.number_type(number)]


def ours(text: str) -> tuple[str, PhoneKind] | None:
    error = error_of(phone.parse, text)
    if error is not None:
        assert error.field == "phone"
        assert error.code in {"format", "country", "invalid", "spreadsheet"}
        return None
    number = phone.parse(text)
    return number.e164, number.kind


@st.composite
def written_numbers(draw):
    """Numbers as people write them: prefixes, operator or area codes, separators."""
    prefix = draw(
        st.sampled_from(
            [
                "",
                "0",
                "0",
                "+62",
                "+62 ",
                "62",
                "+62 (0)",
                "+620",
                "0062",
                "+65 ",
                "00",
                "(0",
                "+",
                "6",
                "620",
            ]
        )
    )
    head = draw(st.sampled_from(OPERATOR_PREFIXES + AREA_CODES + ["800", "809", "1500", "0"]))
    body = draw(st.text("0123456789", min_size=0, max_size=12))
    digits = head + body
    pieces, i = [], 0
    while i < len(digits):
        step = draw(st.integers(1, 5))
        pieces.append(digits[i : i + step])
        i += step
    separators = st.sampled_from(["", "", " ", "-", ".", " - ", ") ", "(", "  "])
    text = prefix + "".join(piece + draw(separators) for piece in pieces)
    return draw(st.sampled_from([text, text.strip(), f" {text} ", text + " ext. 12"]))


@pytest.mark.parametrize(
    ("text", "e164", "mobile"),
    [
        ("0812-3456-7890", "+6281234567890", True),
        ("+62 812 3456 7890", "+6281234567890", True),
        ("6281234567890", "+6281234567890", True),
        ("(021) 8900 1234", "+622189001234", False),
        ("+62 (0)812 3456 7890", "+6281234567890", True),
        ("0812.3456.7890", "+6281234567890", True),
        ("".join(chr(ord(c) + 0xFEE0) for c in "081234567890"), "+6281234567890", True),
    ],
)
def test_common_shapes(text, e164, mobile):
    """The shapes found on forms and spreadsheets parse to E.164."""
    number = phone.parse(text)
    assert number.e164 == e164
    assert number.is_mobile is mobile
    assert number.national == "0" + e164[3:]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("+65 6123 4567", "country"),
        ("0812", "invalid"),
        ("not a number", "format"),
        ("", "format"),
        ("0812-3456-7890-1234-5678", "format"),
        (None, "type"),
        (b"081234567890", "type"),
        (True, "type"),
        ("8.12346E+10", "spreadsheet"),
        (8.123456789012e20, "spreadsheet"),
    ],
)
def test_errors(text, code):
    """Other countries, impossible numbers and non-numbers each have their code."""
    with pytest.raises(ValidationError) as info:
        phone.parse(text)
    assert info.value.code == code
    assert not phone.is_valid(text)


def test_masking():
    """The repr and the masked form hide all but the operator prefix and last two digits."""
    number = phone.parse("0812-3456-7890")
    assert number.masked == "+62812******90"
    assert phone.mask("0812-3456-7890") == "+62812******90"
    assert "34567" not in repr(number)
    assert "81234567890" not in repr(number)


@given(text=written_numbers())
@example(text="(021) 8900 1234 ext. 12")
@example(text="62823987101")
def test_a_number_built_directly_is_the_number_parse_reads(text):
    """Property: a PhoneNumber built from a parsed number's fields (as JSON gives them back)
    equals it; the constructor checks what parse would read."""
    if error_of(phone.parse, text) is not None:
        return
    number = phone.parse(text)
    fields = {
        "e164": number.e164,
        "kind": number.kind.value,
        "extension": number.extension,
        "alternatives": list(number.alternatives),
    }
    assert phone.PhoneNumber(**fields) == number


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"e164": "abc"}, "e164", "invalid"),
        ({"e164": "081234567890"}, "e164", "invalid"),  # not E.164
        ({"e164": "+62812"}, "e164", "invalid"),  # too short to be a number
        ({"e164": "+6512345678"}, "e164", "invalid"),  # another country
        ({"e164": 6281234567890}, "e164", "type"),
        ({"kind": "fixed_line"}, "kind", "kind"),
        ({"kind": "cellular"}, "kind", "choice"),
        ({"extension": "ext 12"}, "extension", "format"),
        ({"alternatives": ["+6281234567890"]}, "alternatives", "invalid"),  # itself
        ({"alternatives": ["+62812"]}, "alternatives", "invalid"),
        ({"alternatives": "+6281234567891"}, "alternatives", "type"),
    ],
)
def test_a_number_built_directly_is_checked(changes, field, code):
    fields = {"e164": "+6281234567890", "kind": PhoneKind.MOBILE, **changes}
    with pytest.raises(ValidationError) as info:
        phone.PhoneNumber(**fields)
    assert (info.value.field, info.value.code) == (field, code)
    assert "81234567890" not in str(info.value)


def test_extensions_are_kept():
    """An extension written after a number is kept apart (phonenumbers' reading)."""
    number = phone.parse("(021) 8900 1234 ext. 12")
    assert number.e164 == "+622189001234"
    assert number.extension == "12"


@given(text=written_numbers())
@example(text="0812-3456-7890")
@example(text="+62 (0)812 3456 7890")
@example(text="62 0812 3456 7890")
@example(text="6221 8900 1234")
@example(text="00812345678")
def test_agrees_with_phonenumbers_on_written_numbers(text):
    """Property: on realistic shapes, our result is phonenumbers' result."""
    assert ours(text) == oracle(text)


@given(text=st.text(alphabet=st.characters(codec="utf-8"), max_size=30))
def test_agrees_with_phonenumbers_on_any_text(text):
    """Property: on arbitrary text too."""
    assert ours(text) == oracle(text)


@given(text=st.text("0123456789 +-().", max_size=24))
def test_agrees_with_phonenumbers_on_digit_soup(text):
    """Property: on any mix of digits and the separators of the fast path."""
    assert ours(text) == oracle(text)


@given(value=arbitrary_objects())
def test_arbitrary_objects_raise_only_our_errors(value):
    """Property: nothing but ValidationError escapes; is_valid never raises."""
    error_of(phone.parse, value)
    assert isinstance(phone.is_valid(value), bool)


@given(text=written_numbers())
def test_errors_never_echo_the_number(text):
    """Property: a rejection's message contains no run of the input's digits."""
    error = error_of(phone.parse, text)
    if error is not None:
        assert not re.search(r"[0-9]{3}", error.message)


@pytest.mark.parametrize(
    "cell",
    ["081234567890.0", "'081234567890", "\u2019081234567890", 81234567890, 6281234567890.0,
     "+6281234567890.0", "\u00a00812 3456 7890 "],
)  # fmt: skip
def test_spreadsheet_cells_keep_the_number(cell):
    """Finding 5 of the real-input issue: "081234567890.0" used to be read as another valid
    number (the ".0" taken as a digit); a spreadsheet's lossless artefacts are undone."""
    assert phone.parse(cell).e164 == "+6281234567890"


def test_a_dropped_zero_or_a_country_code_is_flagged():
    """Finding 7 of the real-input issue: "62823987101" is a 0628 number with its 0 dropped
    for phonenumbers, and equally +62 823...: both readings are given, never one silently."""
    number = phone.parse("62823987101")
    assert (number.e164, number.kind) == oracle("62823987101")
    assert number.ambiguous
    assert number.alternatives == ("+62823987101",)
    assert "62823987101" not in repr(number)
    assert not phone.parse("6281234567890").ambiguous
    assert not phone.parse("+62823987101").ambiguous


@given(text=written_numbers())
def test_alternatives_are_other_valid_readings(text):
    """Property: every alternative is a valid Indonesian number that phonenumbers gives for
    the text read with a "+" or a "0" in front, and differs from the chosen reading."""
    error = error_of(phone.parse, text)
    if error is not None:
        return
    number = phone.parse(text)
    stripped = text.strip()
    readings = {oracle("+" + stripped), oracle("0" + stripped)} - {None}
    for alternative in number.alternatives:
        assert alternative != number.e164
        assert alternative in {e164 for e164, _kind in readings}
