"""Tracking numbers: UPU S10 item identifiers and opaque domestic barcodes.

**UPU S10** identifiers (used on registered, EMS and parcel items) have 13 characters: a
two-letter service indicator, an 8-digit serial, a check digit and the ISO 3166-1 alpha-2
country code of the issuing post (``ID`` for Pos Indonesia), for example ``RR123456785ID``.
The check digit is computed from the serial with the weights 8, 6, 4, 2, 3, 5, 9, 7:
``11 - (sum mod 11)``, where 10 becomes 0 and 11 becomes 5.

**Domestic barcodes** of Pos Indonesia and other couriers are opaque: no public checksum, no
fixed layout. They are accepted by a pattern, which callers can replace with their courier's;
no check digit is invented for them.

>>> from adminduk_delivery import tracking
>>> tracking.s10_check_digit("12345678")
5
>>> tracking.build_s10("RR", 12345678)
'RR123456785ID'
>>> tracking.validate_s10("rr 123 456 785 id")
'RR123456785ID'
>>> tracking.parse("P2403150012345").kind
<TrackingKind.DOMESTIC: 'domestic'>
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator
from typing import Final

import attrs

from ._convert import SEPARATORS, excerpt, integral, whole_number
from .errors import InvalidComponent, InvalidFormat, InvalidLength, InvalidType, ValidationError

__all__ = [
    "DEFAULT_DOMESTIC_PATTERN",
    "S10_WEIGHTS",
    "TrackingKind",
    "TrackingNumber",
    "build_s10",
    "is_valid_s10",
    "parse",
    "s10_check_digit",
    "s10_series",
    "validate_domestic",
    "validate_s10",
]

S10_WEIGHTS: Final = (8, 6, 4, 2, 3, 5, 9, 7)
"""The weights of the S10 check digit, applied to the 8 serial digits left to right."""

DEFAULT_DOMESTIC_PATTERN: Final = re.compile(r"[A-Z0-9]{8,40}")
"""The default shape of a domestic barcode after compacting: 8-40 upper-case letters and
digits. Pass your courier's own pattern where it is stricter."""

_FIELD = "tracking_number"

# ISO 3166-1 alpha-2 codes (officially assigned), the country part of an S10 identifier.
_COUNTRIES: Final = frozenset(
    """AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ
    BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO
    DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU
    GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW
    KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU
    MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW
    PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF
    TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA
    ZM ZW""".split()
)
_S10_SHAPE: Final = re.compile(r"[A-Z]{2}[0-9]{9}[A-Z]{2}")


class TrackingKind(enum.Enum):
    """Which scheme a tracking number follows."""

    S10 = "s10"
    DOMESTIC = "domestic"


@attrs.frozen(kw_only=True)
class TrackingNumber:
    """A validated tracking number.

    Attributes:
        value: the canonical text (upper case, no spaces or dashes).
        kind: S10 or domestic.
    """

    value: str
    kind: TrackingKind

    @property
    def service(self) -> str | None:
        """The S10 service indicator (``"RR"``, ``"EE"``, ...), ``None`` for a domestic code."""
        return self.value[:2] if self.kind is TrackingKind.S10 else None

    @property
    def country(self) -> str | None:
        """The S10 country code of the issuing post, ``None`` for a domestic code."""
        return self.value[-2:] if self.kind is TrackingKind.S10 else None

    def __str__(self) -> str:
        return self.value


def _compact(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidType(
            f"a tracking number is a string, got {type(value).__name__}", field=_FIELD
        )
    return value.translate(SEPARATORS).upper()


def _serial_digits(serial: object) -> str:
    if not isinstance(serial, str):
        number = integral(serial)  # numpy's integers too
        if number is None:
            raise InvalidType(
                f"an S10 serial is 8 digits as str or int, got {type(serial).__name__}",
                field="serial",
            )
        serial = number
    if isinstance(serial, int):
        if not 0 <= serial <= 99_999_999:
            raise InvalidComponent("an S10 serial is 0-99999999", field="serial", code="serial")
        return f"{serial:08d}"
    if len(serial) != 8:
        raise InvalidLength(f"an S10 serial has 8 digits, got {len(serial)}", field="serial")
    if not (serial.isascii() and serial.isdigit()):
        raise InvalidFormat("an S10 serial has only the digits 0-9", field="serial")
    return serial


def s10_check_digit(serial: str) -> int:
    """The S10 check digit of an 8-digit serial.

    Args:
        serial: the eight digits of the serial, as text.

    Returns:
        The check digit, 0-9 (a remainder of 10 gives 0, of 11 gives 5, as the standard says).

    Raises:
        ValidationError: ``serial`` is not 8 ASCII digits (field ``serial``).

    >>> s10_check_digit("47312482")  # the example of the S10 standard
    9
    """
    digits = _serial_digits(serial)
    check = 11 - sum(w * int(d) for w, d in zip(S10_WEIGHTS, digits, strict=True)) % 11
    return {10: 0, 11: 5}.get(check, check)


def validate_s10(value: object) -> str:
    """Check a UPU S10 identifier; return it canonical (upper case, no spaces or dashes).

    Args:
        value: the identifier as written, e.g. ``"rr 123456785 id"``.

    Returns:
        The 13 characters, upper case.

    Raises:
        ValidationError: field ``tracking_number``, code ``type``, ``length``, ``format``,
            ``country`` (not an ISO 3166-1 code) or ``checksum``.

    >>> validate_s10("RR123456784ID")
    Traceback (most recent call last):
    ...
    adminduk_delivery.errors.InvalidComponent: tracking_number: check digit is 4, expected 5
    """
    text = _compact(value)
    if len(text) != 13:
        raise InvalidLength(f"an S10 identifier has 13 characters, got {len(text)}", field=_FIELD)
    if not (text.isascii() and _S10_SHAPE.fullmatch(text)):
        raise InvalidFormat("an S10 identifier is 2 letters, 9 digits and 2 letters", field=_FIELD)
    if text[-2:] not in _COUNTRIES:
        raise InvalidComponent(
            f"{text[-2:]} is not an ISO 3166-1 country code", field=_FIELD, code="country"
        )
    expected = s10_check_digit(text[2:10])
    if int(text[10]) != expected:
        raise InvalidComponent(
            f"check digit is {text[10]}, expected {expected}", field=_FIELD, code="checksum"
        )
    return text


def is_valid_s10(value: object) -> bool:
    """Whether :func:`validate_s10` accepts ``value``; never raises.

    Args:
        value: anything.

    Returns:
        ``True`` where :func:`validate_s10` returns, ``False`` where it raises.

    Raises:
        Nothing: every input gives ``True`` or ``False``.

    >>> is_valid_s10("RR123456785ID"), is_valid_s10("RR123456784ID"), is_valid_s10(None)
    (True, False, False)
    """
    try:
        validate_s10(value)
    except ValidationError:
        return False
    return True


def build_s10(service: str, serial: int | str, country: str = "ID") -> str:
    """Build an S10 identifier from its service indicator, serial and country.

    Args:
        service: two letters, e.g. ``"RR"`` (registered) or ``"EE"`` (EMS).
        serial: 0-99999999, or its 8 digits as text.
        country: the issuing post's ISO 3166-1 alpha-2 code.

    Returns:
        The 13-character identifier, upper case, with its check digit.

    Raises:
        ValidationError: a part is malformed (field ``service``, ``serial`` or ``country``).

    >>> build_s10("ee", "00000001", country="id")
    'EE000000014ID'
    """
    if not isinstance(service, str) or not re.fullmatch(r"[A-Za-z]{2}", service):
        raise InvalidFormat("an S10 service indicator is two letters", field="service")
    if not isinstance(country, str) or country.upper() not in _COUNTRIES:
        raise InvalidComponent(
            "the country is an ISO 3166-1 alpha-2 code", field="country", code="country"
        )
    digits = _serial_digits(serial)
    return f"{service.upper()}{digits}{s10_check_digit(digits)}{country.upper()}"


def s10_series(service: str, first: int, *, country: str = "ID") -> Iterator[str]:
    """S10 identifiers with consecutive serials, from ``first`` to the last serial
    (99,999,999): a range of numbers a post office has allotted to a programme.

    An iterator the caller owns: whoever draws numbers from it (e.g.
    :func:`~adminduk_delivery.batches.pack`) takes only what it uses, and the next draw
    continues after the last number used.

    Args:
        service: two letters, e.g. ``"RR"``.
        first: the first serial, 0-99999999.
        country: the issuing post's ISO 3166-1 alpha-2 code.

    Returns:
        An iterator of S10 identifiers.

    Raises:
        ValidationError: a malformed part (raised on the call, before any number is drawn).

    >>> numbers = s10_series("RR", 1)
    >>> next(numbers), next(numbers)
    ('RR000000014ID', 'RR000000028ID')
    """
    serial = whole_number(first, field="first", maximum=99_999_999)
    build_s10(service, serial, country)  # check the parts now, not on the first draw
    return (build_s10(service, n, country) for n in range(serial, 100_000_000))


def _pattern(value: object) -> re.Pattern[str]:
    if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
        return value
    if not isinstance(value, str):
        raise InvalidType("pattern is a regular expression (text)", field="pattern")
    try:
        return re.compile(value)
    except (re.error, OverflowError, RecursionError):
        raise ValidationError("pattern is not a regular expression", field="pattern") from None


def validate_domestic(value: object, *, pattern: str | re.Pattern[str] | None = None) -> str:
    """Check a domestic barcode against a pattern; return it compact and upper-case.

    Args:
        value: the barcode text.
        pattern: a regular expression the whole compact barcode must match; default
            :data:`DEFAULT_DOMESTIC_PATTERN`.

    Returns:
        The barcode without spaces or dashes, upper case.

    Raises:
        ValidationError: field ``tracking_number``, code ``type`` or ``format``; field
            ``pattern`` for a pattern that is not a regular expression (code ``type`` or
            ``invalid``).

    >>> validate_domestic("p-2403 1500 1234")
    'P240315001234'
    >>> validate_domestic("P240315001234", pattern=r"P\\d{12}")
    'P240315001234'
    """
    text = _compact(value)
    compiled = DEFAULT_DOMESTIC_PATTERN if pattern is None else _pattern(pattern)
    if not compiled.fullmatch(text):
        raise InvalidFormat(
            f"does not match the domestic barcode pattern {excerpt(compiled.pattern)}",
            field=_FIELD,
        )
    return text


def parse(
    value: object, *, domestic_pattern: str | re.Pattern[str] | None = None
) -> TrackingNumber:
    """Read a tracking number: an S10 identifier when it has the S10 shape, else a domestic one.

    A text with the S10 shape (2 letters, 9 digits, 2 letters) must pass the S10 checks: a
    mistyped S10 identifier is an error, not a domestic barcode.

    Args:
        value: the tracking number as written.
        domestic_pattern: the pattern a domestic barcode must match, as for
            :func:`validate_domestic`.

    Returns:
        The :class:`TrackingNumber`, canonical, with its kind (S10 or domestic).

    Raises:
        ValidationError: field ``tracking_number``, as :func:`validate_s10` for the S10
            shape and as :func:`validate_domestic` otherwise; field ``pattern`` for a bad
            ``domestic_pattern``.

    >>> parse("rr-123456785-id")
    TrackingNumber(value='RR123456785ID', kind=<TrackingKind.S10: 's10'>)
    """
    text = _compact(value)
    if _S10_SHAPE.fullmatch(text):
        return TrackingNumber(value=validate_s10(text), kind=TrackingKind.S10)
    return TrackingNumber(
        value=validate_domestic(text, pattern=domestic_pattern), kind=TrackingKind.DOMESTIC
    )
