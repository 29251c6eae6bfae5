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
        assert error.code in {"format", "country", "invalid", "spreadsheet", "several"}
        return None
    number = phone.parse(text)
    return number.e164, number.kind


# Where the library departs from phonenumbers on purpose (each shape is in the table of real
# texts below): a text that holds several numbers, which phonenumbers reads as one number
# with an extension or runs together; letters after the first digit, which it drops or
# dials as letters; and "Psw." (pesawat), the Indonesian word for an extension.
SEVERAL_HINT = re.compile(
    r"[,;&]|\s/\s|\s(?:atau|dan|or|and)\s|\s[\u2013\u2014]\s|\d{6}\s*[-\u2013\u2014/.]\s*[+(]?\d",
    re.IGNORECASE,
)
LETTER_AFTER_A_DIGIT = re.compile(r"\d.*[A-Za-z]", re.DOTALL)
PSW = re.compile(r"\b(?:psw|pes)\b\.?", re.IGNORECASE)
LABEL = re.compile(r"\(\s*[A-Za-z][A-Za-z .]*\)\s*$")


EXTENSION_RANGE = re.compile(
    r"(?<![A-Za-z])(e?xt(?:ension|n)?|psw|pes)(?![A-Za-z])(\.?[\s,:]*)"
    r"(\d{1,6})[ \t]*-[ \t]*\d{1,6}(?!\d)",
    re.IGNORECASE,
)


def rewritten(text: str) -> str:
    """``text`` as the library hands it to phonenumbers: "Psw." and "Pes." as "ext.", a
    range of extensions as its first, no label."""
    text = EXTENSION_RANGE.sub(r"\1\2\3", LABEL.sub("", text))
    return PSW.sub(" ext. ", text)


def agrees_with_phonenumbers(text) -> None:
    """Our reading is phonenumbers' reading, but where the library departs from it on
    purpose: a text it refuses as several numbers has a separator of numbers; one it
    refuses for its letters has a letter after a digit; and "Psw." and a label in
    parentheses are read as phonenumbers reads "ext." and no label."""
    error = error_of(phone.parse, text)
    if error is not None and error.code == "several":
        assert SEVERAL_HINT.search(str(text)), text
    elif error is not None and error.code == "format" and LETTER_AFTER_A_DIGIT.search(str(text)):
        pass
    elif isinstance(text, str):
        assert ours(text) == oracle(rewritten(text))
    else:
        assert ours(text) == oracle(text)


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
    tails = ["", "", " ext. 12", " Psw. 230", " Pes. 101-105", " (WA)", " (Pelayanan)", "O", "O0"]
    return draw(st.sampled_from([text, text.strip(), f" {text} "])) + draw(st.sampled_from(tails))


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
    """Property: on realistic shapes, our result is phonenumbers' result (but where the
    library departs from it on purpose)."""
    agrees_with_phonenumbers(text)


@given(text=st.text(alphabet=st.characters(codec="utf-8"), max_size=30))
def test_agrees_with_phonenumbers_on_any_text(text):
    """Property: on arbitrary text too."""
    agrees_with_phonenumbers(text)


@given(text=st.text("0123456789 +-().", max_size=24))
def test_agrees_with_phonenumbers_on_digit_soup(text):
    """Property: on any mix of digits and the separators of the fast path."""
    agrees_with_phonenumbers(text)


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
    stripped = rewritten(text.strip())
    readings = {oracle("+" + stripped), oracle("0" + stripped)} - {None}
    for alternative in number.alternatives:
        assert alternative != number.e164
        assert alternative in {e164 for e164, _kind in readings}


# Real texts holding several numbers, or a number's extension, each from public material:
# [kpp] the tax offices' (KPP) addresses with the telephone numbers they publish, as listed
#   by a public NPWP validator in a public repository (Direktorat Jenderal Pajak's offices;
#   of its 350 telephone texts, 230 hold more than one number);
# [letterhead] letterheads in public repositories' page templates (a university unit's, an
#   office's in Malang);
# [diy] the Yogyakarta provincial offices' telephone and fax numbers, on a page of a public
#   repository (read after the rules were written: all of its 43 texts read).
# Each with the numbers parse_all reads (as dialled in Indonesia, an extension after "x").
REAL_TEXTS = [
    ("021-8566928,8566929", ["0218566928", "0218566929"]),  # kpp: area code once
    ("021-8090435; 8094122; 8093046", ["0218090435", "0218094122", "0218093046"]),  # kpp
    ("021-5665681,,5665682,5665683", ["0215665681", "0215665682", "0215665683"]),  # kpp
    ("(021) 8575683 \u2013 8575689", ["0218575683", "0218575689"]),  # kpp: an en dash
    ("024-3545421 \u2013 024-3545422", ["0243545421", "0243545422"]),  # kpp
    ("0322 \u2013 316222", ["0322316222"]),  # kpp: one number, an en dash after its area code
    ("021-5843105-5843109", ["0215843105", "0215843109"]),  # kpp: two joined by a dash
    ("021-78843521-23", ["02178843521", "02178843523"]),  # kpp: a range's two ends
    ("(031) 8483906-07", ["0318483906", "0318483907"]),  # kpp
    ("0733-323049/50", ["0733323049", "0733323050"]),  # kpp: a range with a slash
    ("024-7613601-3", ["0247613601", "0247613603"]),  # kpp: phonenumbers read 024-76136013
    ("021-5735206/7-5734726/7", ["0215735206", "0215735207", "0215734726", "0215734727"]),
    ("021-6912512,6912121,,,Ext,110", ["0216912512", "0216912121 x110"]),  # kpp: dial string
    ("0711-357077,ext. 311", ["0711357077 x311"]),  # kpp: one number and its extension
    ("0511-3351112, 3351118, 3351149 dan 3351159",
     ["05113351112", "05113351118", "05113351149", "05113351159"]),  # kpp: "dan"
    ("0717-422979 (Hunting), 421290 (Pelayanan)", ["0717422979", "0717421290"]),  # kpp
    ("031 -8959700; 031-8070618; 031-8070620", ["0318959700", "0318070618", "0318070620"]),
    ("Tlp. (0341) 464318 Psw. 230", ["0341464318 x230"]),  # letterhead: "Psw." (pesawat)
    ("(0274) 562150 Psw. 2903", ["0274562150 x2903"]),  # diy
    ("Telepon (0341) 404424 Pes. 101-105, 0341-404420",
     ["0341404424 x101", "0341404420"]),  # letterhead: "Pes.", a range of extensions
    ("0274 512688, 560293, 512820, 565622",
     ["0274512688", "0274560293", "0274512820", "0274565622"]),  # diy
    ("(0274) 562150, (0274) 512080", ["0274562150", "0274512080"]),  # diy
]  # fmt: skip


def written(number: phone.PhoneNumber) -> str:
    return number.national + (f" x{number.extension}" if number.extension else "")


@pytest.mark.parametrize(("text", "numbers"), REAL_TEXTS)
def test_real_texts_give_every_number(text, numbers):
    """Real texts read as the numbers they hold. phonenumbers read "021-8566928,8566929" as
    one number with the extension 8566929, and "0733-323049/50" as the one number
    0733-32304950; parse now refuses a text of several numbers (code ``several``)."""
    assert [written(number) for number in phone.parse_all(text)] == numbers
    error = error_of(phone.parse, text)
    if len(numbers) > 1:
        assert (error.field, error.code) == ("phone", "several")
        assert not re.search(r"[0-9]{3}", error.message)
    else:
        assert error is None
        assert written(phone.parse(text)) == numbers[0]


@pytest.mark.parametrize(
    ("text", "code", "which"),
    [
        ("7990016 / 7990020 / 7949574-5", "invalid", "number 1 of 4"),  # kpp: no area code
        ("021-,5525787,5525785", "invalid", "number 1 of 3"),  # kpp: an area code alone
        ("0812-3456-7890, 0812-34", "invalid", "number 2 of 2"),
    ],
)
def test_a_number_that_cannot_be_read_is_named(text, code, which):
    """parse_all raises for the first number it cannot read, saying which, never the
    number."""
    error = error_of(phone.parse_all, text)
    assert (error.field, error.code) == ("phone", code)
    assert error.message.startswith(which)
    assert not re.search(r"[0-9]{3}", error.message)


@pytest.mark.parametrize(
    ("text", "misread"),
    [
        ("0812345678O0", "+628123456780"),  # an O for a 0: phonenumbers dropped it
        ("08123456789O", "+628123456789"),
        ("0812-3456-78OO", "+62812345678"),
        ("0812-345-OOO", None),  # three letters: dialled as a keypad's digits
    ],
)
def test_letters_among_the_digits_are_refused(text, misread):
    """A letter among a number's digits (an O or an l typed for a 0 or a 1) is refused:
    phonenumbers drops it and reads another valid number, or dials three letters or more as
    a keypad's digits. A word or a label after the number is not among its digits."""
    if misread is not None:
        assert oracle(text)[0] == misread
    assert error_of(phone.parse, text).code == "format"
    assert phone.parse("0812-3456-7890 (WA)").e164 == "+6281234567890"
    assert phone.parse("WA 0812-3456-7890").e164 == "+6281234567890"
    assert phone.parse("HP: 0812 3456 7890 (Kantor)").e164 == "+6281234567890"


SEPARATORS = [",", ", ", ";", "; ", ",,", " / ", " atau ", " dan ", " & ", " \u2013 "]


@st.composite
def several_numbers(draw):
    """Two to four mobile numbers as people write them, joined as in the real texts."""
    from adminduk_delivery import strategies

    numbers = draw(st.lists(strategies.phone_numbers(), min_size=2, max_size=4))
    texts = []
    for number in numbers:
        national = number.national
        texts.append(
            draw(
                st.sampled_from(
                    [national, f"{national[:4]}-{national[4:8]}-{national[8:]}", number.e164]
                )
            )
        )
    text = texts[0]
    for piece in texts[1:]:
        text += draw(st.sampled_from(SEPARATORS)) + piece
    return text, list(dict.fromkeys(number.e164 for number in numbers))


@given(case=several_numbers())
def test_several_numbers_are_each_read(case):
    """Property: numbers joined by a separator of the real texts read back in order, each
    once; parse refuses the text (code ``several``)."""
    text, numbers = case
    assert [number.e164 for number in phone.parse_all(text)] == numbers
    assert error_of(phone.parse, text).code == "several"


@given(text=written_numbers() | st.text(max_size=30) | st.text("0123456789 +-()./,", max_size=30))
@example(text="081234567890.0")
@example(text="'081234567890")
def test_parse_all_reads_one_number_as_parse_does(text):
    """Property: where parse reads a number, parse_all reads that number alone; where parse
    refuses the text as several numbers, parse_all reads two or more or names the one it
    cannot read; otherwise both raise the same error."""
    error = error_of(phone.parse, text)
    found = error_of(phone.parse_all, text)
    if error is None:
        assert found is None
        assert phone.parse_all(text) == (phone.parse(text),)
    elif error.code == "several":
        if found is None:
            assert len(phone.parse_all(text)) >= 1
        else:
            assert re.match(r"number \d+ of \d+: ", found.message)
    else:
        assert found is not None
        assert (found.code, found.message) == (error.code, error.message)


@pytest.mark.parametrize(
    "text",
    [
        "1" + " " * 20_000 + "x",
        "1" + "a" * 20_000,
        "," * 20_000 + "1",
        "1" + " ," * 10_000 + "1",
        "1" + " " * 20_000 + "(a" + " " * 20_000,
        "1 psw" + "," * 20_000,
        "12345678" + "-1" * 10_000,
        "1" + " \u2013 " * 7_000 + "1",
    ],
    ids=["spaces", "letters", "commas", "spaced commas", "label", "psw", "ranges", "dashes"],
)
def test_long_texts_are_read_in_one_pass(text):
    """Texts of tens of thousands of spaces, letters or separators end in our errors, in one
    pass: expressions that try a run of spaces from each of its places took 200 s on 20,000
    spaces while this reading was written (a slow reading holds the suite up)."""
    assert error_of(phone.parse, text) is not None
    assert error_of(phone.parse_all, text) is not None
