"""Nomor KK, the 16-digit number of a Kartu Keluarga (household card).

A KK number reads ``PPRRSS DDMMYY NNNN``: the district (kecamatan) that issued it, the issue
date (no +40 offset, unlike the NIK) and a serial 0001-9999.

A KK number is **not a person key**: a household gets a new KK, with a new number, when it
splits, moves or loses its head. Link people by NIK; use the KK number to group the members of
one household at one moment (who may receive a document at the door, which shipments share an
address).

The contract is the one of :mod:`adminduk_delivery.nik`: :func:`compact`, :func:`validate`
(``code`` one of ``type``, ``length``, ``format``, ``region``, ``issue_date``, ``serial``),
:func:`is_valid` (never raises), :func:`parse`, :func:`mask`, :func:`format`. The century of the
issue year and the ``regions`` strictness work as for the NIK.

>>> from datetime import date
>>> from adminduk_delivery import kk
>>> kk.validate("3216-20-150318-0007")
'3216201503180007'
>>> info = kk.parse("3216201503180007", as_of=date(2026, 11, 28))
>>> info.issue_date, info.region.name, info.serial
(datetime.date(2018, 3, 15), 'Cikarang Pusat', 7)
>>> info
KKInfo(kk_number='321620**********', province_code='32', ...)
>>> kk.is_valid("3216204503180007")  # day 45 is a NIK's, never a KK number's
False
"""

from __future__ import annotations

import datetime as dt

import attrs

from . import regions as _regions
from ._identifiers import RegionCheck, Scheme, known_region, mask_for_repr

__all__ = [
    "KKInfo",
    "RegionCheck",
    "compact",
    "format",
    "is_valid",
    "issue_date",
    "mask",
    "parse",
    "validate",
]

_SCHEME = Scheme(field="kk_number", label="KK number", date_part="issue_date", female_offset=False)


@attrs.frozen(kw_only=True)
class KKInfo:
    """What a KK number says. The repr masks the issue-date and serial digits.

    Attributes:
        kk_number: the canonical 16-digit number.
        province_code, regency_code, district_code: the issuing district (2, 4, 6 digits).
        region: the district as a :class:`~adminduk_delivery.regions.Region`, or ``None`` when
            parsed with ``regions="none"`` and the code is unknown.
        issue_date: with the century resolved against ``as_of``.
        serial: 1-9999.
    """

    kk_number: str = attrs.field(repr=mask_for_repr)
    province_code: str
    regency_code: str
    district_code: str
    region: _regions.Region | None = attrs.field(repr=False)
    issue_date: dt.date
    serial: int


def compact(value: object) -> str:
    """Remove spaces, dots and dashes: ``"3216-20-150318-0007"`` becomes
    ``"3216201503180007"``, with the same spreadsheet rules as :func:`nik.compact
    <adminduk_delivery.nik.compact>`.

    Args:
        value: the KK number as text, an ``int`` or a spreadsheet cell's value.

    Returns:
        The text without separators.

    Raises:
        InvalidType: ``value`` is not text or a number (``None``, a ``bool``, ``bytes``...).
        InvalidFormat: a negative number.
        ValidationError: a number whose digits a spreadsheet has lost, code ``spreadsheet``.

    >>> compact("3216-20-150318-0007")
    '3216201503180007'
    """
    return _SCHEME.compact(value)


def validate(
    value: object, *, as_of: dt.date | None = None, regions: RegionCheck = "historical"
) -> str:
    """Check a KK number and return it in canonical form (16 digits).

    Args:
        value: the KK number, with or without separators.
        as_of: the day of the check; the issue date must not be after it. Without it, a date
            that exists in either century is accepted.
        regions: ``"historical"``, ``"current"`` or ``"none"``.

    Returns:
        The 16-digit KK number.

    Raises:
        ValidationError: with ``field="kk_number"`` and ``code`` one of ``type``, ``length``,
            ``format``, ``spreadsheet`` (see :func:`compact`), ``region``, ``issue_date``,
            ``serial``; never echoing the number. A bad option is ``field="regions"``, code
            ``option``, or ``field="as_of"``, code ``type``.

    >>> validate("3216203202180007")
    Traceback (most recent call last):
    ...
    adminduk_delivery.errors.InvalidComponent: kk_number: issue_date day must be 01-31, got 32
    """
    return _SCHEME.validate(value, as_of=as_of, regions=regions)[0]


def is_valid(
    value: object, *, as_of: dt.date | None = None, regions: RegionCheck = "historical"
) -> bool:
    """Whether :func:`validate` would accept ``value``. Never raises for any ``value``.

    Args:
        value: anything; a KK number as text, an ``int`` or a spreadsheet cell's value.
        as_of: as for :func:`validate`.
        regions: as for :func:`validate`.

    Returns:
        ``True`` where :func:`validate` returns, ``False`` where it raises.

    Raises:
        ValidationError: only for a bad option (``regions``, ``as_of``).

    >>> is_valid("3216201503180007"), is_valid("3216203202180007")
    (True, False)
    """
    return _SCHEME.is_valid(value, as_of, regions)


def parse(value: object, *, as_of: dt.date, regions: RegionCheck = "historical") -> KKInfo:
    """Validate a KK number and decode its parts.

    Args:
        value: the KK number.
        as_of: the day of the check, used to choose the century of the issue year.
        regions: region strictness, as for :func:`validate`.

    Returns:
        The :class:`KKInfo`: the region codes, the district's region where the codes know
        it, the issue date and the serial.

    Raises:
        ValidationError: as :func:`validate`, and ``InvalidType`` without ``as_of``.
    """
    number, issued, _ = _SCHEME.validate_dated(value, as_of=as_of, regions=regions)
    return KKInfo(
        kk_number=number,
        province_code=number[:2],
        regency_code=number[:4],
        district_code=number[:6],
        region=known_region(number[:6]),
        issue_date=issued,
        serial=int(number[12:]),
    )


def issue_date(value: object, *, as_of: dt.date) -> dt.date:
    """The issue date encoded in a valid KK number (structure-only region check).

    Args:
        value: the KK number.
        as_of: the day of the check: the century is the one that puts the date on or
            before it.

    Returns:
        The issue date.

    Raises:
        ValidationError: as :func:`validate` with ``regions="none"``.

    >>> issue_date("3216201503180007", as_of=dt.date(2026, 1, 1))
    datetime.date(2018, 3, 15)
    """
    return parse(value, as_of=as_of, regions="none").issue_date


def mask(value: object) -> str:
    """Hide the issue-date and serial digits, keeping the length: ``321620**********``.

    Only the shape is checked, so that a number any check refuses can still be logged
    masked.

    Args:
        value: the KK number.

    Returns:
        The six region digits followed by ten ``*``.

    Raises:
        ValidationError: ``value`` is not 16 digits after :func:`compact` (code ``format``),
            or as :func:`compact`.

    >>> mask("3216-20-150318-0007")
    '321620**********'
    """
    return _SCHEME.mask(value)


def format(value: object, *, separator: str = " ") -> str:
    """Validate (structure only) and group the parts: district, issue date, serial.

    Args:
        value: the KK number.
        separator: what goes between the parts (text, at most 5 characters).

    Returns:
        The grouped number.

    Raises:
        ValidationError: as :func:`validate`; a separator that is not short text.

    >>> format("3216201503180007")
    '321620 150318 0007'
    """
    return _SCHEME.format(value, separator)
