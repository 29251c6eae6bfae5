"""NIK (Nomor Induk Kependudukan), the 16-digit population identification number.

A NIK reads ``PPRRSS DDMMYY NNNN``:

- ``PPRRSS``: the district (kecamatan) where the number was **first registered**: province
  ``PP``, regency ``RR``, district ``SS``. It does not follow the resident when they move, so
  deliveries never route by it: they use the address on the application or the KK.
- ``DDMMYY``: the birth date; women have 40 added to the day (a woman born on the 5th has 45).
- ``NNNN``: a serial, 0001-9999.

The module follows one contract shared with :mod:`adminduk_delivery.kk`:

- :func:`compact` strips spaces, dots and dashes;
- :func:`validate` returns the canonical 16 digits or raises a
  :class:`~adminduk_delivery.errors.ValidationError` whose ``code`` names the failing part
  (``type``, ``length``, ``format``, ``region``, ``birth_date``, ``serial``);
- :func:`is_valid` answers ``True``/``False`` and never raises, whatever it is given;
- :func:`parse` decodes the parts; :func:`mask` hides the personal digits; :func:`format`
  pretty-prints.

>>> from datetime import date
>>> from adminduk_delivery import nik
>>> nik.validate("3216 2041 0790 0003")
'3216204107900003'
>>> info = nik.parse("3216204107900003", as_of=date(2026, 11, 28))
>>> info.sex, info.birth_date, info.region.name
(<Sex.FEMALE: 'female'>, datetime.date(1990, 7, 1), 'Cikarang Pusat')
>>> info
NIKInfo(nik='321620**********', province_code='32', regency_code='3216', ...)
>>> nik.is_valid("3216203207900003"), nik.is_valid(None)
(False, False)
>>> nik.mask("3216204107900003")
'321620**********'

The century of the two-digit year is the latest one that puts the birth date on or before
``as_of``. Without ``as_of``, :func:`validate` and :func:`is_valid` accept a date that exists in
either century (29 February of ``00`` exists in 2000).

Region strictness (the ``regions`` option): ``"historical"`` (the default) accepts the 2025
codes and the codes retired since Permendagri 39/2015, because a NIK keeps the code of its
first registration; ``"current"`` accepts only the 2025 codes; ``"none"`` checks the structure
only (province 11 or above, regency and district never ``00``). Codes retired before 2015 are
not in the data: older NIKs from reorganised regions (for example the former Kalimantan Timur
regencies now in Kalimantan Utara) need ``regions="none"``.
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from . import regions as _regions
from ._convert import date_value
from ._identifiers import RegionCheck, Scheme, known_region, mask_for_repr

__all__ = [
    "NIKInfo",
    "RegionCheck",
    "Sex",
    "birth_date",
    "compact",
    "format",
    "is_valid",
    "mask",
    "parse",
    "sex",
    "validate",
]

_SCHEME = Scheme(field="nik", label="NIK", date_part="birth_date", female_offset=True)


class Sex(enum.Enum):
    """Sex as recorded in the population register (and encoded in the NIK)."""

    FEMALE = "female"
    MALE = "male"


@attrs.frozen(kw_only=True)
class NIKInfo:
    """What a NIK says about its holder. The repr masks the personal digits.

    Attributes:
        nik: the canonical 16-digit NIK.
        province_code, regency_code, district_code: the region of first registration
            (2, 4 and 6 digits).
        region: the district as a :class:`~adminduk_delivery.regions.Region` (retired or not),
            or ``None`` when parsed with ``regions="none"`` and the code is unknown.
        sex: from the day digits (+40 for women).
        birth_date: with the century resolved against ``as_of``.
        serial: 1-9999.
        possible_placeholder_year_only: the date is the one assigned when only the birth year
            was known (31 December for years before 2004, 1 July from 2004). Real people are
            born on those days too: this is a hint, not a verdict.
        possible_placeholder_month_only: the day is the 15th, assigned when only the month and
            year were known. Again a hint.
    """

    nik: str = attrs.field(repr=mask_for_repr)
    province_code: str
    regency_code: str
    district_code: str
    region: _regions.Region | None = attrs.field(repr=False)
    sex: Sex
    birth_date: dt.date
    serial: int
    possible_placeholder_year_only: bool
    possible_placeholder_month_only: bool

    @property
    def possible_placeholder(self) -> bool:
        """Either placeholder hint holds."""
        return self.possible_placeholder_year_only or self.possible_placeholder_month_only

    def age(self, *, on: dt.date) -> int:
        """Age in whole years on the given day.

        Args:
            on: the day.

        Returns:
            The completed years of age (a birthday on 29 February counts on 1 March in
            other years); negative before the birth date.

        Raises:
            InvalidType: ``on`` is not a date (field ``on``).

        >>> parse("3216204107900003", as_of=dt.date(2026, 1, 1)).age(on=dt.date(2026, 7, 1))
        36
        """
        on = date_value(on, field="on")
        born = self.birth_date
        return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def compact(value: object) -> str:
    """Remove spaces, dots and dashes: ``"3216.20.410790.0003"`` becomes ``"3216204107900003"``.

    An ``int`` is accepted (some databases store NIKs as BIGINT), and so are the spreadsheet
    artefacts that lose no digit: a ``float`` holding a whole number below 2^53, text ending
    in ``.0``, Excel's leading apostrophe, spaces around it (see "Values from spreadsheets"
    in the docs). The length and the digits are :func:`validate`'s to check.

    Args:
        value: the NIK as text, an ``int`` or a spreadsheet cell's value.

    Returns:
        The text without separators.

    Raises:
        InvalidType: ``value`` is not text or a number (``None``, a ``bool``, ``bytes``...).
        InvalidFormat: a negative number.
        ValidationError: a number whose digits a spreadsheet has lost (a float at or beyond
            2^53 or with a fraction, or scientific notation such as ``"3.2162E+15"``), code
            ``spreadsheet``.

    >>> compact("3216 20 410790 0003")
    '3216204107900003'
    >>> compact(3216204107900003.0)
    '3216204107900003'
    """
    return _SCHEME.compact(value)


def validate(
    value: object, *, as_of: dt.date | None = None, regions: RegionCheck = "historical"
) -> str:
    """Check a NIK and return it in canonical form (16 digits).

    Args:
        value: the NIK, with or without separators.
        as_of: the day of the check; the birth date must not be after it. Without it, a date
            that exists in either century is accepted.
        regions: ``"historical"``, ``"current"`` or ``"none"`` (see the module docs).

    Returns:
        The 16-digit NIK.

    Raises:
        ValidationError: with ``field="nik"`` and ``code`` one of ``type``, ``length``,
            ``format``, ``spreadsheet`` (see :func:`compact`), ``region``, ``birth_date``,
            ``serial``. The message never contains the NIK itself. A bad option is
            ``field="regions"``, code ``option``, or ``field="as_of"``, code ``type``.

    >>> validate("3216200101900000")
    Traceback (most recent call last):
    ...
    adminduk_delivery.errors.InvalidComponent: nik: serial must be 0001-9999, got 0000
    >>> validate("9916204107900003")
    Traceback (most recent call last):
    ...
    adminduk_delivery.errors.UnknownRegion: nik: province code 99 is not a current or ...
    """
    return _SCHEME.validate(value, as_of=as_of, regions=regions)[0]


def is_valid(
    value: object, *, as_of: dt.date | None = None, regions: RegionCheck = "historical"
) -> bool:
    """Whether :func:`validate` would accept ``value``. Never raises for any ``value``.

    Args:
        value: anything; a NIK as text, an ``int`` or a spreadsheet cell's value.
        as_of: as for :func:`validate`.
        regions: as for :func:`validate`.

    Returns:
        ``True`` where :func:`validate` returns, ``False`` where it raises.

    Raises:
        ValidationError: only for a bad option (``regions`` not one of the three, ``as_of``
            not a date): those are programming errors, not bad data.

    >>> is_valid("3216204107900003"), is_valid("3216204107900000"), is_valid(None)
    (True, False, False)
    """
    return _SCHEME.is_valid(value, as_of, regions)


def parse(value: object, *, as_of: dt.date, regions: RegionCheck = "historical") -> NIKInfo:
    """Validate a NIK and decode its parts.

    Args:
        value: the NIK.
        as_of: the day of the check, used to choose the century of the birth year.
        regions: region strictness, as for :func:`validate`.

    Returns:
        The :class:`NIKInfo`: the region codes, the district's region where the codes
        know it, the sex, the birth date and the serial.

    Raises:
        ValidationError: as :func:`validate`; ``as_of`` is required (code ``type``
            without a date).
    """
    number, born, female = _SCHEME.validate_dated(value, as_of=as_of, regions=regions)
    return NIKInfo(
        nik=number,
        province_code=number[:2],
        regency_code=number[:4],
        district_code=number[:6],
        region=known_region(number[:6]),
        sex=Sex.FEMALE if female else Sex.MALE,
        birth_date=born,
        serial=int(number[12:]),
        possible_placeholder_year_only=(born.month, born.day)
        == ((12, 31) if born.year < 2004 else (7, 1)),
        possible_placeholder_month_only=born.day == 15,
    )


def birth_date(value: object, *, as_of: dt.date) -> dt.date:
    """The birth date encoded in a valid NIK (structure-only region check).

    Args:
        value: the NIK.
        as_of: the day of the check: the century is the one that puts the date on or
            before it.

    Returns:
        The birth date (for a woman, with the 40 taken off the day).

    Raises:
        ValidationError: as :func:`validate` with ``regions="none"``.

    >>> birth_date("3216204107900003", as_of=dt.date(2026, 1, 1))
    datetime.date(1990, 7, 1)
    """
    return parse(value, as_of=as_of, regions="none").birth_date


def sex(value: object) -> Sex:
    """The sex encoded in a valid NIK (structure-only region check).

    Args:
        value: the NIK.

    Returns:
        :attr:`Sex.FEMALE` where 40 was added to the day of birth, else :attr:`Sex.MALE`.

    Raises:
        ValidationError: as :func:`validate` with ``regions="none"``.

    >>> sex("3216200107900003")
    <Sex.MALE: 'male'>
    """
    return Sex.FEMALE if _SCHEME.validate(value, as_of=None, regions="none")[2] else Sex.MALE


def mask(value: object) -> str:
    """Hide the birth-date and serial digits, keeping the length: ``321620**********``.

    Only the shape is checked, so that a number any check refuses can still be logged
    masked.

    Args:
        value: the NIK.

    Returns:
        The six region digits followed by ten ``*``.

    Raises:
        ValidationError: ``value`` is not 16 digits after :func:`compact` (code ``format``),
            or as :func:`compact`.

    >>> mask("3216.20.410790.0003")
    '321620**********'
    """
    return _SCHEME.mask(value)


def format(value: object, *, separator: str = " ") -> str:
    """Validate (structure only) and group the parts: region, date, serial.

    Args:
        value: the NIK.
        separator: what goes between the parts (text, at most 5 characters).

    Returns:
        The grouped NIK.

    Raises:
        ValidationError: as :func:`validate`; a separator that is not short text.

    >>> format("3216204107900003")
    '321620 410790 0003'
    """
    return _SCHEME.format(value, separator)
