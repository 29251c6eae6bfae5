"""Indonesian phone numbers, as people write them on forms.

:func:`parse` reads ``0812-3456-7890``, ``+62 812 3456 7890``, ``62812...``, ``(021) 8900 1234``,
``+62 (0)812...`` and every other shape that `phonenumbers <https://pypi.org/project/phonenumbers/>`_
(Google's libphonenumber) reads with the default region ``ID``, and returns a
:class:`PhoneNumber` with its E.164 text and whether it is a mobile number (couriers call or
message the resident before a delivery).

phonenumbers is the reference: the result agrees with it (a property test uses it as the
oracle), but where it misreads Indonesian texts: a text that holds several numbers
(``021-8566928,8566929``, whose second number it took for an extension) is refused, and
:func:`parse_all` reads every number of it; letters among the digits (an O typed for a 0,
which it dropped) are refused; "Psw." and "Pes." are read as the extension they are. The
common shapes take a fast path that applies phonenumbers' own Indonesian metadata directly,
several times faster than a full parse; everything else goes through phonenumbers.
phonenumbers is imported on the first parse, not when the package is imported.

>>> from adminduk_delivery import phone
>>> number = phone.parse("0812-3456-7890")
>>> number.e164, number.is_mobile, number.kind
('+6281234567890', True, <PhoneKind.MOBILE: 'mobile'>)
>>> number  # doctest: +NORMALIZE_WHITESPACE
PhoneNumber(e164='+62812******90', kind=<PhoneKind.MOBILE: 'mobile'>, extension=None,
            alternatives=())
>>> phone.parse("(021) 8900 1234").is_mobile
False
>>> phone.is_valid("+65 6123 4567")  # a Singapore number is not an Indonesian one
False
"""

from __future__ import annotations

import enum
import functools
import itertools
import re
from collections.abc import Callable, Iterable
from typing import Any, Final

import attrs

from ._convert import cell_digits, enum_member, slot_setters
from ._convert import text as _text
from .errors import InvalidFormat, InvalidType, ValidationError

__all__ = ["PhoneKind", "PhoneNumber", "is_valid", "mask", "parse", "parse_all"]

_FIELD = "phone"
_COUNTRY_CODE: Final = "62"


class PhoneKind(enum.Enum):
    """The type of a number, as phonenumbers classifies it."""

    MOBILE = "mobile"
    FIXED_LINE = "fixed_line"
    FIXED_LINE_OR_MOBILE = "fixed_line_or_mobile"
    TOLL_FREE = "toll_free"
    PREMIUM_RATE = "premium_rate"
    SHARED_COST = "shared_cost"
    VOIP = "voip"
    PERSONAL_NUMBER = "personal_number"
    PAGER = "pager"
    UAN = "uan"
    VOICEMAIL = "voicemail"


#: The kinds SMS and WhatsApp reach (a module constant: looking the members up on the enum
#: class was most of :attr:`PhoneNumber.is_mobile`'s time).
_MOBILE_KINDS: Final = (PhoneKind.MOBILE, PhoneKind.FIXED_LINE_OR_MOBILE)


def _mask_e164(e164: str) -> str:
    """``+6281234567890`` becomes ``+62812******90``: country, operator prefix, last two."""
    if len(e164) <= 8:
        return e164[:3] + "*" * (len(e164) - 3)
    return e164[:6] + "*" * (len(e164) - 8) + e164[-2:]


def _e164(value: object) -> str:
    return _text(value, field="e164")


def _kind(value: object) -> PhoneKind:
    return enum_member(value, PhoneKind, field="kind")


def _extension(value: object) -> str | None:
    if value is None:
        return None
    value = _text(value, field="extension")
    if not (value.isascii() and value.isdigit() and len(value) <= 20):
        raise InvalidFormat("extension is up to 20 digits", field="extension")
    return value


def _alternatives(values: object) -> tuple[str, ...]:
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise InvalidType("alternatives is a collection of numbers", field="alternatives")
    found = tuple(values)
    if not all(isinstance(v, str) for v in found):
        raise InvalidType("alternatives are numbers in E.164 form", field="alternatives")
    return found


@attrs.frozen(kw_only=True)
class PhoneNumber:
    """A valid Indonesian phone number. The repr masks it.

    Attributes:
        e164: the number in E.164 form, ``+62`` and the national significant number (the
            reading phonenumbers gives).
        kind: mobile, fixed line, toll free, ...
        extension: an extension written after the number (``ext. 12``), if any.
        alternatives: other valid readings of the same text, in E.164 form: ``62823987101``
            is ``+62 823-987-101`` for phonenumbers, and equally ``0628-2398-7101`` with its
            0 dropped. A courier calls this number: ask before choosing.

    :func:`parse` builds it; built directly (or read from JSON), it is checked as
    :func:`parse` would read it.

    Raises:
        ValidationError: ``e164`` or an alternative that is not a valid Indonesian number in
            E.164 form (code ``invalid``), or another kind than the number's (``kind``);
            ``extension`` that is not digits (``format``). Messages never contain the
            number.
        InvalidType: a field of the wrong type.
    """

    e164: str = attrs.field(converter=_e164, repr=lambda value: repr(_mask_e164(value)))
    kind: PhoneKind = attrs.field(converter=_kind)
    extension: str | None = attrs.field(default=None, converter=_extension)
    alternatives: tuple[str, ...] = attrs.field(
        default=(),
        converter=_alternatives,
        repr=lambda values: repr(tuple(_mask_e164(v) for v in values)),
    )

    def __attrs_post_init__(self) -> None:
        reading = _valid_reading(self.e164)
        if reading is None or reading[0] != self.e164:
            message = "e164 is not a valid Indonesian number in E.164 form"
            raise _invalid(message, "invalid", field="e164")
        if reading[1] is not self.kind:
            raise ValidationError("kind is not the number's kind", field="kind", code="kind")
        for alternative in self.alternatives:
            other = _valid_reading(alternative)
            if other is None or other[0] != alternative or alternative == self.e164:
                message = "an alternative is another valid number in E.164 form"
                raise _invalid(message, "invalid", field="alternatives")

    @property
    def ambiguous(self) -> bool:
        """Whether the text reads as more than one valid number (see :attr:`alternatives`)."""
        return bool(self.alternatives)

    @property
    def is_mobile(self) -> bool:
        """Whether SMS and WhatsApp messages can reach it (a mobile number)."""
        return self.kind in _MOBILE_KINDS

    @property
    def national(self) -> str:
        """The number as dialled inside Indonesia: ``081234567890``."""
        return "0" + self.e164[3:]

    @property
    def masked(self) -> str:
        """A form safe for logs and screens: ``+62812******90``."""
        return _mask_e164(self.e164)


_SET_E164, _SET_KIND, _SET_EXTENSION, _SET_ALTERNATIVES = slot_setters(
    PhoneNumber, "e164", "kind", "extension", "alternatives"
)


def _number(e164: str, kind: PhoneKind, extension: str | None = None) -> PhoneNumber:
    """A :class:`PhoneNumber` that :func:`parse` read, built without ``__init__`` (the
    reading is its check; the ordinary constructor was a fifth of a parse)."""
    number = object.__new__(PhoneNumber)
    _SET_E164(number, e164)
    _SET_KIND(number, kind)
    _SET_EXTENSION(number, extension)
    _SET_ALTERNATIVES(number, ())
    return number


# --------------------------------------------------------------------------------------------
# The fast path: phonenumbers' parsing steps for the common shapes, on its own metadata.

_PUNCTUATION: Final = b"+ ().-"
# The fast path's shape: an optional "+" first, then 6 to 40 of ASCII digits and " ().-".
_FAST_MIN_LENGTH: Final = 6
_FAST_MAX_LENGTH: Final = 40
_FAST_SHAPE: Final = re.compile(rf"\+?[0-9 ().\-]{{{_FAST_MIN_LENGTH},{_FAST_MAX_LENGTH}}}")


class _Desc:
    """One number type of the metadata: its possible lengths and its pattern."""

    __slots__ = ("lengths", "pattern")

    def __init__(self, desc: Any) -> None:
        self.lengths = tuple(sorted(desc.possible_length))
        self.pattern = re.compile(desc.national_number_pattern)

    def matches(self, number: str) -> bool:
        return (not self.lengths or len(number) in self.lengths) and bool(
            self.pattern.fullmatch(number)
        )

    def as_regex(self) -> str:
        """A regex that fully matches exactly what :meth:`matches` accepts.

        The pattern comes first, as a lookahead, so that a number fails on its first digits;
        the possible lengths then consume the number, as ranges of ``[0-9]``.
        """
        if not self.lengths:
            return f"(?:{self.pattern.pattern})"
        ranges: list[tuple[int, int]] = []
        for n in self.lengths:
            if ranges and ranges[-1][1] == n - 1:
                ranges[-1] = (ranges[-1][0], n)
            else:
                ranges.append((n, n))
        lengths = "|".join(f"[0-9]{{{lo},{hi}}}" for lo, hi in ranges)
        return f"(?=(?:{self.pattern.pattern})\\Z)(?:{lengths})"


class _FastPath:
    """Indonesian metadata of phonenumbers, prepared for the common shapes."""

    def __init__(self) -> None:
        import phonenumbers  # noqa: PLC0415 - lazy: importing phonenumbers is slow

        metadata = phonenumbers.PhoneMetadata.metadata_for_region("ID")
        assert metadata is not None
        general = metadata.general_desc
        assert general is not None
        assert general.national_number_pattern is not None
        # The fast path assumes what the metadata says today; if a future release changes
        # the national prefix rules, every number takes the phonenumbers path instead.
        self.enabled = (
            metadata.national_prefix_for_parsing == "0"
            and not metadata.national_prefix_transform_rule
            and str(metadata.country_code) == _COUNTRY_CODE
        )
        self.general = re.compile(general.national_number_pattern)
        self.general_lengths = sorted(general.possible_length)
        # phonenumbers keeps a number stripped of its national prefix unless its length is
        # too short, local-only or not a possible length (a too-long one is kept).
        local_only = frozenset(general.possible_length_local_only)
        lengths = self.general_lengths
        self.strippable_lengths = frozenset(
            n
            for n in range(_FAST_MAX_LENGTH + 1)
            if n not in local_only and n >= lengths[0] and (n > lengths[-1] or n in lengths)
        )
        order = [
            ("premium_rate", PhoneKind.PREMIUM_RATE),
            ("toll_free", PhoneKind.TOLL_FREE),
            ("shared_cost", PhoneKind.SHARED_COST),
            ("voip", PhoneKind.VOIP),
            ("personal_number", PhoneKind.PERSONAL_NUMBER),
            ("pager", PhoneKind.PAGER),
            ("uan", PhoneKind.UAN),
            ("voicemail", PhoneKind.VOICEMAIL),
        ]
        self.special = [
            (_Desc(getattr(metadata, name)), kind)
            for name, kind in order
            if getattr(metadata, name) is not None
        ]
        self.fixed_line = _Desc(metadata.fixed_line) if metadata.fixed_line else None
        self.mobile = _Desc(metadata.mobile) if metadata.mobile else None
        self.same_mobile_and_fixed = bool(metadata.same_mobile_and_fixed_line_pattern)
        # phonenumbers tries the types one by one, in this order; one regex with ordered
        # alternatives, each a named group, finds the same first match in a single call.
        ordered = [(desc, kind) for desc, kind in self.special]
        if self.fixed_line is not None:
            ordered.append((self.fixed_line, PhoneKind.FIXED_LINE))
        if self.mobile is not None and not self.same_mobile_and_fixed:
            ordered.append((self.mobile, PhoneKind.MOBILE))
        self.kinds = {f"k{i}": kind for i, (_desc, kind) in enumerate(ordered)}
        alternatives = "|".join(
            f"(?P<k{i}>{desc.as_regex()})" for i, (desc, _kind) in enumerate(ordered)
        )
        self.classify = re.compile(f"(?={_Desc(general).as_regex()}\\Z)(?:{alternatives})")
        self.parse = self._parser()

    def _kind_of_match(self, match: re.Match[str], national: str) -> PhoneKind:
        kind = self.kinds.get(match.lastgroup)  # type: ignore[arg-type]
        if kind is None:  # a capturing group inside a pattern closed last
            name = next(key for key, value in match.groupdict().items() if value is not None)
            kind = self.kinds[name]
        if kind is PhoneKind.FIXED_LINE and (
            self.same_mobile_and_fixed
            or (self.mobile is not None and self.mobile.matches(national))
        ):
            return PhoneKind.FIXED_LINE_OR_MOBILE
        return kind

    def _parser(self) -> Callable[[str], tuple[str, PhoneKind | None] | None]:
        """The function :attr:`parse` is: its steps over local names, as a closure (looking
        up the metadata's attributes on every call was a tenth of a parse)."""
        enabled = self.enabled
        general = self.general.fullmatch
        classify = self.classify.fullmatch
        longest = self.general_lengths[-1]
        strippable = self.strippable_lengths
        kinds = self.kinds
        kind_of_match = self._kind_of_match
        strip_prefix = self._strip_prefix
        fixed_line = PhoneKind.FIXED_LINE
        shape = _FAST_SHAPE.fullmatch
        country = _COUNTRY_CODE

        def parse(text: str) -> tuple[str, PhoneKind | None] | None:
            """``(national significant number, kind)``, kind ``None`` for an invalid number;
            or ``None`` when the shape needs phonenumbers itself.

            The steps are phonenumbers' own for the default region ID: take the country
            code after "+", or "62" without "+" when the rest is the better number; strip the
            national prefix 0 unless only the number with it fits the plan, and only when the
            length stays possible; then the first number type whose lengths and pattern
            match. Any other shape than the fast path's is ``None``.
            """
            if not enabled:
                return None
            if (
                text.isascii()
                and text.isdigit()
                and _FAST_MIN_LENGTH <= len(text) <= _FAST_MAX_LENGTH
            ):
                digits = text  # (digits alone: the shape without the regex)
            elif shape(text):  # ("+" only comes first)
                digits = text.encode().translate(None, _PUNCTUATION).decode()
            else:
                return None
            head = digits[:2]
            if text[0] == "+":
                if head != country:
                    return None  # another country: phonenumbers says which
                national = digits[2:]
            elif head == "00":
                return None  # an international (IDD) prefix
            elif head == country:
                rest = strip_prefix(digits[2:])
                better = not general(digits) and general(rest)
                national = rest if better or len(digits) > longest else digits
            else:
                national = digits
            match = None
            if national[:1] == "0":
                stripped = national[1:]
                # The common case first: the stripped number is a valid one (so it fits the
                # plan).
                match = classify(stripped)
                if match is not None or general(stripped) or not general(national):
                    if len(stripped) in strippable:
                        national = stripped
                    else:
                        match = None
                else:
                    match = None
                if match is None and national is stripped:
                    if len(national) > 17 or national[0] == "0":
                        return None  # phonenumbers' own errors and leading zeros
                    return national, None
            if not 2 <= len(national) <= 17 or national[0] == "0":
                return None  # phonenumbers' errors and Italian-style leading zeros
            if match is None:
                match = classify(national)
                if match is None:
                    return national, None
            kind = kinds.get(match.lastgroup)  # type: ignore[arg-type]
            if kind is None or kind is fixed_line:
                kind = kind_of_match(match, national)
            return national, kind

        return parse

    def _strip_prefix(self, number: str) -> str:
        """Drop the national prefix 0 unless only the number with it matches the plan."""
        if number[:1] != "0":
            return number
        stripped = number[1:]
        if not self.general.fullmatch(stripped) and self.general.fullmatch(number):
            return number
        return stripped


def _prepare(text: str) -> tuple[str, PhoneKind | None] | None:
    """:data:`_fast` on its first call: prepares the metadata (importing phonenumbers), then
    rebinds :data:`_fast` to the prepared function and reads ``text`` with it."""
    global _fast  # noqa: PLW0603 - a lazily prepared function, bound once
    _fast = _FastPath().parse
    return _fast(text)


#: The fast path's reading of a text (see :meth:`_FastPath._parser`), prepared on first use.
_fast: Callable[[str], tuple[str, PhoneKind | None] | None] = _prepare


def _invalid(message: str, code: str, *, field: str = _FIELD) -> ValidationError:
    return ValidationError(message, field=field, code=code)


def _parse_with_phonenumbers(text: str) -> PhoneNumber:
    import phonenumbers  # noqa: PLC0415 - lazy: importing phonenumbers is slow

    try:
        number = phonenumbers.parse(text, "ID")
    except phonenumbers.NumberParseException:
        raise InvalidFormat("is not a phone number", field=_FIELD) from None
    if number.country_code != int(_COUNTRY_CODE):
        raise _invalid("is not an Indonesian (+62) number", "country")
    if not phonenumbers.is_valid_number(number):
        raise _invalid("is not a valid Indonesian number", "invalid")
    kinds: dict[int, PhoneKind] = _phonenumbers_kinds()
    return _number(
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
        kinds[phonenumbers.number_type(number)],
        number.extension or None,
    )


@functools.cache
def _phonenumbers_kinds() -> dict[int, PhoneKind]:
    from phonenumbers import PhoneNumberType  # noqa: PLC0415 - lazy, as above

    return {getattr(PhoneNumberType, kind.name): kind for kind in PhoneKind}


# --------------------------------------------------------------------------------------------
# What phonenumbers misreads in Indonesian texts (each shape in docs/phone-and-tracking.md,
# with its public source): several numbers in one text, whose second phonenumbers takes for an
# extension ("021-8566928,8566929") or runs into the first ("0733-323049/50" is 0733-323049
# and 0733-323050, not one number); letters among the digits, which it drops ("0812345678O0",
# an O typed for a 0) or dials as letters; and "Psw." and "Pes." (pesawat), the Indonesian
# extension.

_EXTENSION_WORD: Final = re.compile(
    r"(?<![A-Za-z])(?:e?xt(?:ension|n)?|psw|pes)(?![A-Za-z])\.?[\s,:]*+(?=\d)", re.IGNORECASE
)
"""An extension's word before its digits ("Psw.", "Pes.": *pesawat*), and the commas of a
dial string after it (",,,Ext,101"): written " ext. " before splitting (see
:func:`_extension_words`), so that its digits stay with their number.

The expressions here start with a character, not with a run of spaces, and their runs are
possessive (``*+``): a run of spaces tried from each of its places made a text of 20,000
spaces take minutes."""

_LIST: Final = re.compile(r"[,;&]|(?<=\s)(?:/|atau|dan|or|and)(?=\s)", re.IGNORECASE)
"""What always separates two numbers: a comma, a semicolon, "&", a spaced "/" and the words
"atau", "dan" ("or", "and")."""

_JOIN: Final = re.compile(r"\s*[-\u2013\u2014/.]\s*[+(]?")
"""What may stand between two numbers, or between a number and the last digits of the end of
its range, as between the groups of one number: a dash, a slash or a dot."""

_JOINED_RUN: Final = re.compile(r"[-.](?<=[0-9]{6}[-.])")
"""A dash or a dot after six digits, in a text of the fast path's shape with its spaces taken
out: where such a text may hold several numbers (see :func:`_pieces`), and goes the slow
way. (Searched from the dash or dot, the search is a third of the time of one that looks
for the digits first.)"""


def _joined_run(text: str) -> bool:
    """Whether :data:`_JOINED_RUN` is in ``text`` (of the fast path's shape) with its spaces
    taken out; the spaces are taken out only where one stands before a dash or a dot."""
    if " -" in text or " ." in text:
        text = text.replace(" ", "")
    return _JOINED_RUN.search(text) is not None


_LONG_RUN: Final = 6
"""Digits in a row from which a group is a number of its own (a subscriber's number has 5 to 8
digits; the groups of one number as people write it have 2 to 5)."""

_SUFFIX: Final = 3
"""The most digits of a range's end written as the last digits only ("7949574-5",
"78843521-23")."""

_AREA_CODE: Final = 4
"""The most digits of an area code written with its 0 (``0651``)."""

_SPACED_DASH: Final = re.compile(r"\s+[\u2013\u2014]\s+[+(]?")
"""An en or em dash with spaces around it: between two numbers, or after an area code."""

_TRAILING_EXTENSION: Final = re.compile(
    r"(?:e?xt(?:ensi[o\u00f3]n?|n)?\.?|x|int|#|\u0434\u043e\u0431|anexo)"
    r"[:.]?[\s,-]*+\d{1,20}#?\s*+$",
    re.IGNORECASE,
)
"""An extension at the end of a number, as phonenumbers reads one."""

_LETTER_AFTER_A_DIGIT: Final = re.compile(r"\d[A-Za-z]")
_LAST_DIGIT: Final = re.compile(r"\d\D*+$")

_LABEL: Final = re.compile(r"\(\s*+[A-Za-z][A-Za-z .]*+\)\s*+$")
"""A word in parentheses after a number, which says what the number is for: "421290
(Pelayanan)", "0812-3456-7890 (WA)"."""

_LETTERS: Final = re.compile(r"[A-Za-z]")
_SPELLED: Final = 3
"""Letters after the first digit from which phonenumbers dials them as a keypad's digits."""
_DIGITS: Final = re.compile(r"\d+")


def _pieces(text: str) -> list[str]:
    """The numbers a text holds, each as written (one for an ordinary number): split at
    :data:`_LIST`, and at a :data:`_JOIN` between a run of :data:`_LONG_RUN` digits or more
    and another such run or a range's end of at most :data:`_SUFFIX` digits that ends the
    piece ("021-5843105-5843109", "021-78843521-23", "021-5735206/7-5734726/7"). An
    extension's word is written " ext. " first, and a piece's :data:`_LABEL` is left out."""
    text = _extension_words(text)
    pieces: list[str] = []
    for chunk in _LIST.split(text):
        groups = [(m.start(), m.end()) for m in _DIGITS.finditer(chunk)]
        joined = [
            _JOIN.fullmatch(chunk, groups[i][1], groups[i + 1][0]) is not None
            for i in range(len(groups) - 1)
        ]
        start, piece_starts, piece_groups = 0, False, 0
        for i, ((before_start, before_end), (after_start, after_end)) in enumerate(
            itertools.pairwise(groups)
        ):
            piece_groups += 1
            before_long = before_end - before_start >= _LONG_RUN or piece_starts
            length = after_end - after_start
            if _SPACED_DASH.fullmatch(chunk, before_end, after_start):
                # Between two numbers, but after an area code alone ("0322 - 316222").
                split = not (
                    piece_groups == 1
                    and chunk[before_start] == "0"
                    and before_end - before_start <= _AREA_CODE
                )
                starts_number = split
            else:
                # A number of its own or its first digits, its 0 ("024-3545421 - 024-..."),
                # or a range's end, which ends the chunk or comes before a number.
                starts_number = chunk[after_start] == "0" and (
                    i + 2 < len(groups) or length >= _LONG_RUN
                )
                if starts_number or length >= _LONG_RUN:
                    fits = before_long
                elif length <= _SUFFIX:
                    fits = before_long and (
                        i + 2 == len(groups)
                        or (joined[i + 1] and groups[i + 2][1] - groups[i + 2][0] >= _LONG_RUN)
                    )
                else:
                    fits = False
                split = joined[i] and fits
            piece_starts = split and not starts_number
            if split:
                pieces.append(chunk[start:before_end])
                start, piece_groups = after_start, 0
        pieces.append(chunk[start:])
    found = [piece for piece in (_LABEL.sub("", p).strip() for p in pieces) if piece]
    return found or [text]


def _extension_words(text: str) -> str:
    """``text`` with each extension's word, and the spaces and commas around it, as
    " ext. "; of a range of extensions ("Pes. 101-105"), the first."""
    parts: list[str] = []
    at = 0
    for match in _EXTENSION_WORD.finditer(text):
        parts += (text[at : match.start()].rstrip(" \t,"), " ext. ")
        at = match.end()
        extensions = _EXTENSION_RANGE.match(text, at)
        if extensions is not None:
            parts.append(extensions.group(1))
            at = extensions.end()
    return "".join(parts) + text[at:] if parts else text


_EXTENSION_RANGE: Final = re.compile(r"(\d{1,6})[ \t]*+-[ \t]*+\d{1,6}(?!\d)")
"""A range of extensions after their word: "101-105"."""


def _several() -> ValidationError:
    return _invalid("holds more than one number (read them with phone.parse_all)", "several")


def _one_number(text: str) -> str:
    """``text`` ready for phonenumbers: its extension's word as " ext. ", no label.

    Raises:
        ValidationError: code ``several`` (more than one number) or ``format`` (letters
            among the digits, which phonenumbers would drop or dial as letters).
    """
    pieces = _pieces(text)
    if len(pieces) > 1:
        raise _several()
    text = pieces[0]
    first = _DIGITS.search(text)
    if first is not None:
        rest = _TRAILING_EXTENSION.sub("", text[first.start() :])
        last = _LAST_DIGIT.search(rest)
        inner = rest if last is None else rest[: last.start()]
        if _LETTERS.search(inner) or _LETTER_AFTER_A_DIGIT.search(rest):
            raise InvalidFormat(
                "has a letter among its digits (an O or an l typed for a 0 or a 1?)",
                field=_FIELD,
            )
        if len(_LETTERS.findall(rest)) >= _SPELLED:
            raise InvalidFormat("has words after its digits: give the number alone", field=_FIELD)
    return text


def parse(text: str) -> PhoneNumber:
    """Read an Indonesian phone number.

    Args:
        text: the number as written: with or without ``+62``/``62``/``0``, with spaces,
            dashes, dots or parentheses, with ``(0)`` after the country code; or a
            spreadsheet cell (an int, a whole float, text ending ``.0``, a leading
            apostrophe), read as :func:`~adminduk_delivery._convert.cell_digits` says. A word
            before the number ("WA 0812..."), a label in parentheses after it ("(WA)") and
            an extension ("ext. 12", "Psw. 12", "Pes. 101-105": the first of a range) may be
            written with it.

    Returns:
        The :class:`PhoneNumber`, as phonenumbers reads it; where the text reads equally as
        another valid number (``62...`` without ``+``: a country code, or a national number
        whose leading 0 was dropped), the other reading is in ``alternatives``.

    Raises:
        ValidationError: field ``phone``; code ``type`` (not a string), ``format`` (not a phone
            number at all, or letters among its digits), ``country`` (another country's
            number), ``invalid`` (not a valid Indonesian number), ``several`` (more than one
            number: see :func:`parse_all`) or ``spreadsheet`` (a cell whose digits a
            spreadsheet lost). Messages never contain the number.
    """
    stripped = text.strip() if type(text) is str else ""
    found = (
        _fast(stripped)
        if ("." not in stripped or stripped[-1] != "0")
        and not (("-" in stripped or "." in stripped) and _joined_run(stripped))
        else None
    )
    if found is not None:
        # The common shape, digits and punctuation, not ending in ".0", no long run of
        # digits joined to more: one number, and no spreadsheet artefact can be in it.
        text = stripped
        number = (
            _number("+62" + found[0], found[1]) if found[1] is not None else _built(text, found)
        )
    else:
        if type(text) is not str or _looks_like_a_cell(text):
            text = cell_digits(text, field=_FIELD, label="a phone number")
        text = _one_number(text.strip())
        number = _read(text)
    if text[:2] != _COUNTRY_CODE:
        return number
    # "62..." without "+": the country code, or a national number whose 0 was dropped? The
    # reading phonenumbers did not choose, when it is valid, is an alternative. For digits
    # alone, the reading that gives the chosen number needs no second look.
    readings: tuple[str, ...] = ("+" + text, "0" + text)
    if text.isdigit():
        if number.e164 == readings[0]:
            readings = readings[1:]
        elif number.e164 == "+62" + text:
            readings = readings[:1]
    others: list[str] = []
    for reading in readings:
        e164 = _valid_e164(reading)
        if e164 is not None and e164 != number.e164 and e164 not in others:
            others.append(e164)
    return attrs.evolve(number, alternatives=tuple(others)) if others else number


def parse_all(text: str) -> tuple[PhoneNumber, ...]:
    """Read every number of a text that may hold several, as offices publish theirs.

    A text holds several numbers where a comma, a semicolon, ``&``, a spaced ``/`` or the
    words ``atau`` and ``dan`` ("or", "and") separate them, or where a dash, a slash or a dot
    joins a run of six digits or more (a subscriber's number) to another such run or to a
    range's end: ``021-5843105-5843109``, ``0733-323049/50``. A number without its area code
    after a fixed-line number takes that number's area code (``021-8566928,8566929``); a
    range's end of one to three digits takes the place of the last digits of the number
    before it (``021-78843521-23`` gives 021-78843521 and 021-78843523; the numbers between
    are not listed). :func:`parse` reads one number and refuses such a text (code
    ``several``).

    Args:
        text: the text, or a spreadsheet cell (a number, or text that
            :func:`~adminduk_delivery._convert.cell_digits` reads: one number).

    Returns:
        The numbers in the order written, each once: one for a text that holds one number
        (read as :func:`parse` reads it, alternatives included).

    Raises:
        ValidationError: field ``phone``, as :func:`parse` raises it for the first number
            that cannot be read, its message saying which (``number 2 of 3: ...``); never
            the number.

    >>> [number.national for number in parse_all("021-8566928, 8566929")]
    ['0218566928', '0218566929']
    >>> [number.national for number in parse_all("0812-3456-7890 atau 0857-1234-5678")]
    ['081234567890', '085712345678']
    >>> [number.national for number in parse_all("0812-3456-7890")]
    ['081234567890']
    """
    pieces = _pieces(cell_digits(text, field=_FIELD, label="a phone number").strip())
    if len(pieces) == 1:
        return (parse(text),)
    numbers: list[PhoneNumber] = []
    for at, piece in enumerate(pieces):
        try:
            number = _piece(piece, numbers[-1] if numbers else None)
        except ValidationError as error:
            message = f"number {at + 1} of {len(pieces)}: {error.message}"
            raise type(error)(message, field=_FIELD, code=error.code) from None
        if number not in numbers:
            numbers.append(number)
    return tuple(numbers)


def _piece(piece: str, before: PhoneNumber | None) -> PhoneNumber:
    """One number of a text that holds several (see :func:`parse_all`); ``before`` is the
    number written before it, whose area code or first digits a short piece takes."""
    tail = _TRAILING_EXTENSION.search(piece)
    extension = "" if tail is None else piece[tail.start() :]
    digits = _SEPARATORS.sub("", piece if tail is None else piece[: tail.start()])
    if before is not None and digits.isascii() and digits.isdigit():
        national = before.e164[3:]
        if len(digits) <= _SUFFIX:
            return parse("0" + national[: -len(digits)] + digits + extension)
        area = _area_code_length(before) if digits[0] != "0" else 0
        if area and len(digits) < len(national):
            return parse("0" + national[:area] + digits + extension)
    return parse(piece)


_SEPARATORS: Final = re.compile(r"[\s().\-\u2013\u2014/]+")


def _area_code_length(number: PhoneNumber) -> int:
    """The length of a fixed-line number's area code (0 for other kinds), as phonenumbers'
    metadata says."""
    if number.kind is not PhoneKind.FIXED_LINE:
        return 0
    import phonenumbers  # noqa: PLC0415 - lazy, as in _parse_with_phonenumbers

    length: int = phonenumbers.length_of_geographical_area_code(phonenumbers.parse(number.e164))
    return length


def _looks_like_a_cell(text: str) -> bool:
    """Whether ``text`` may carry a spreadsheet's artefact (``.0``, an apostrophe, scientific
    notation): only then does it go through :func:`~adminduk_delivery._convert.cell_digits`."""
    if "e" in text or "E" in text or "'" in text or "\u2019" in text:
        return True
    dot = text.rfind(".")
    tail = text[dot + 1 :].strip()
    return dot >= 0 and bool(tail) and not tail.strip("0")


def _valid_e164(text: str) -> str | None:
    """The E.164 form of a valid reading of ``text``, or None (no exception on the way: this
    runs for every "62..." number)."""
    reading = _valid_reading(text)
    return None if reading is None else reading[0]


def _valid_reading(text: str) -> tuple[str, PhoneKind] | None:
    """The E.164 form and kind of a valid reading of ``text``, or None."""
    found = _fast(text)
    if found is not None:
        national, kind = found
        return None if kind is None else ("+62" + national, kind)
    try:
        number = _parse_with_phonenumbers(text)
    except ValidationError:
        return None
    return number.e164, number.kind


def _read(text: str) -> PhoneNumber:
    """The number ``text`` holds."""
    return _built(text, _fast(text))


def _built(text: str, found: tuple[str, PhoneKind | None] | None) -> PhoneNumber:
    """The number ``text`` holds, from what the fast path ``found`` in it."""
    if found is None:
        return _parse_with_phonenumbers(text)
    national, kind = found
    if kind is None:
        raise _invalid("is not a valid Indonesian number", "invalid")
    return _number("+62" + national, kind)


def is_valid(text: object) -> bool:
    """Whether :func:`parse` accepts ``text``; never raises.

    Args:
        text: anything; a phone number as written, or a spreadsheet cell's value.

    Returns:
        ``True`` where :func:`parse` returns, ``False`` where it raises.

    Raises:
        Nothing: every input gives ``True`` or ``False``.

    >>> is_valid("0812-3456-7890"), is_valid("0812"), is_valid(None)
    (True, False, False)
    """
    try:
        parse(text)  # type: ignore[arg-type]
    except ValidationError:
        return False
    return True


def mask(text: str) -> str:
    """The masked E.164 form of a valid number: ``+62812******90``.

    Args:
        text: the number as :func:`parse` reads it.

    Returns:
        ``+62``, the operator or area prefix, ``*`` for the rest but the last two digits.

    Raises:
        ValidationError: as :func:`parse`.

    >>> mask("0812-3456-7890")
    '+62812******90'
    """
    return parse(text).masked
