"""The machinery shared by the NIK and KK-number modules.

Both numbers are 16 digits: a 6-digit district code, a 6-digit DDMMYY date and a 4-digit serial.
A NIK adds 40 to the day for women; a KK number's date is its issue date. The public modules
:mod:`adminduk_delivery.nik` and :mod:`adminduk_delivery.kk` wrap one :class:`Scheme` each.
"""

from __future__ import annotations

import datetime as dt
from typing import Final, Literal

from . import regions as _regions
from ._convert import SEPARATORS, cell_digits, day_of, excerpt, integral
from .errors import (
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    InvalidType,
    UnknownRegion,
    ValidationError,
)

RegionCheck = Literal["current", "historical", "none"]
"""How strictly the region digits are checked: against the 2025 codes only (``"current"``),
the 2025 codes or a code retired since 2015 (``"historical"``), or for structure only
(``"none"``)."""

_STRICTNESS: Final = ("current", "historical", "none")
LENGTH: Final = 16
_MAX_SEPARATOR: Final = 5


def _day_months(offset: int) -> tuple[frozenset[str], frozenset[str]]:
    """The ``DDMM`` strings valid in every year, and those valid in leap years only."""
    always: set[str] = set()
    for month in range(1, 13):
        for day in range(1, 32):
            try:
                dt.date(2001, month, day)
            except ValueError:
                continue
            always.add(f"{day + offset:02d}{month:02d}")
    return frozenset(always), frozenset({f"{29 + offset:02d}02"})


class Scheme:
    """One 16-digit identifier: its field name, label and date rule."""

    def __init__(self, *, field: str, label: str, date_part: str, female_offset: bool) -> None:
        self.field = field
        self.label = label
        self.date_part = date_part
        self.female_offset = female_offset
        always, leap = _day_months(0)
        if female_offset:
            always_f, leap_f = _day_months(40)
            always, leap = always | always_f, leap | leap_f
        self._always = always
        self._leap = leap
        self._fast: dict[str, frozenset[str]] = {}

    # -- compact and type ------------------------------------------------------------------

    def compact(self, value: object) -> str:
        """Strip spaces, dots and dashes; accept a ``str``, an ``int`` or a spreadsheet cell
        (see :func:`~adminduk_delivery._convert.cell_digits`)."""
        if type(value) is str and len(value) == LENGTH and value.isdigit():
            return value  # the common, canonical case
        number = integral(value)
        if number is not None and number < 0:
            raise InvalidFormat(f"a {self.label} is not negative", field=self.field)
        text = cell_digits(value, field=self.field, label=f"a {self.label}")
        return text.translate(SEPARATORS)

    # -- validation ------------------------------------------------------------------------

    def check_options(self, as_of: object, regions: object) -> dt.date | None:
        if not isinstance(regions, str) or regions not in _STRICTNESS:
            raise ValidationError(
                f"regions must be one of {', '.join(_STRICTNESS)}, got {excerpt(regions)}",
                field="regions",
                code="option",
            )
        if as_of is None:
            return None
        if isinstance(as_of, dt.datetime):
            return day_of(as_of, field="as_of")
        if isinstance(as_of, dt.date):
            return as_of
        raise InvalidType(f"as_of must be a date, got {type(as_of).__name__}", field="as_of")

    def validate(
        self, value: object, *, as_of: object, regions: object
    ) -> tuple[str, dt.date | None, bool]:
        """Return the canonical number, the resolved date (``None`` without ``as_of``) and
        whether the day carried the +40 offset."""
        if (
            as_of is None
            and type(value) is str
            and len(value) == LENGTH
            and self._fast_answer(value, regions)
        ):
            return value, None, self.female_offset and value[6:8] > "40"
        day_of = self.check_options(as_of, regions)
        number = self.compact(value)
        if len(number) != LENGTH:
            raise InvalidLength(
                f"a {self.label} has {LENGTH} digits, got {len(number)} characters",
                field=self.field,
            )
        if not (number.isascii() and number.isdigit()):
            raise InvalidFormat(f"a {self.label} has only the digits 0-9", field=self.field)
        self._check_region(number, regions)  # type: ignore[arg-type]
        resolved, female = self._check_date(number, day_of)
        if number[12:] == "0000":
            raise InvalidComponent(
                "serial must be 0001-9999, got 0000", field=self.field, code="serial"
            )
        return number, resolved, female

    def validate_dated(
        self, value: object, *, as_of: object, regions: object
    ) -> tuple[str, dt.date, bool]:
        """As :meth:`validate`, but ``as_of`` is required and the date always resolved."""
        if as_of is None:
            raise InvalidType(
                f"as_of is required to resolve the century of the {self.date_part}",
                field="as_of",
            )
        number, resolved, female = self.validate(value, as_of=as_of, regions=regions)
        assert resolved is not None
        return number, resolved, female

    def _check_region(self, number: str, regions: RegionCheck) -> None:
        province, regency, district = number[:2], number[2:4], number[4:6]
        if province < "11":
            raise UnknownRegion(
                f"province digits {province} are never used (codes start at 11)",
                field=self.field,
            )
        if regency == "00":
            raise UnknownRegion("regency digits 00 are never used", field=self.field)
        if district == "00":
            raise UnknownRegion("district digits 00 are never used", field=self.field)
        if regions == "none":
            return
        historical = regions == "historical"
        where = "current or retired" if historical else "current"
        for code, level in (
            (province, "province"),
            (number[:4], "regency"),
            (number[:6], "district"),
        ):
            if not _regions.exists(code, include_retired=historical):
                raise UnknownRegion(
                    f"{level} code {code} is not a {where} Kemendagri code", field=self.field
                )

    def _check_date(self, number: str, as_of: dt.date | None) -> tuple[dt.date | None, bool]:
        day, month, year = int(number[6:8]), int(number[8:10]), int(number[10:12])
        female = self.female_offset and day > 40
        if female:
            day -= 40
        if not 1 <= day <= 31:
            allowed = "01-31 (men) or 41-71 (women)" if self.female_offset else "01-31"
            raise InvalidComponent(
                f"{self.date_part} day must be {allowed}, got {number[6:8]}",
                field=self.field,
                code=self.date_part,
            )
        if not 1 <= month <= 12:
            raise InvalidComponent(
                f"{self.date_part} month must be 01-12, got {number[8:10]}",
                field=self.field,
                code=self.date_part,
            )
        candidates = []
        for century in (2000, 1900):
            try:
                candidates.append(dt.date(century + year, month, day))
            except ValueError:
                continue
        if not candidates:
            raise InvalidComponent(
                f"{self.date_part} {day:02d}-{month:02d} does not exist in 19{year:02d} or "
                f"20{year:02d}",
                field=self.field,
                code=self.date_part,
            )
        if as_of is None:
            return None, female
        for candidate in candidates:
            if candidate <= as_of:
                return candidate, female
        raise InvalidComponent(
            f"{self.date_part} is after as_of in both centuries",
            field=self.field,
            code=self.date_part,
        )

    def _fast_answer(self, value: str, regions: object) -> bool | None:
        """Whether a compact 16-character string is valid without ``as_of``, with set lookups
        only; ``None`` where this path cannot tell (the full checks then decide). It accepts
        exactly what :meth:`validate` accepts."""
        if regions == "none":
            if value[:2] < "11" or value[2:4] == "00" or value[4:6] == "00":
                return False
        else:
            districts = self._fast.get(regions) if type(regions) is str else None
            if districts is None and regions in ("current", "historical"):
                districts = frozenset(_regions.codes(_regions.RegionLevel.DISTRICT))
                if regions == "historical":
                    districts = districts.union(
                        _regions.codes(_regions.RegionLevel.DISTRICT, retired=True)
                    )
                self._fast[regions] = districts
            if districts is None:
                return None
            if value[:6] not in districts:
                return False
        if value[12:] == "0000" or not (value.isascii() and value.isdigit()):
            return False
        day_month = value[6:10]
        if day_month in self._always:
            return True
        return day_month in self._leap and int(value[10:12]) % 4 == 0

    def is_valid(self, value: object, as_of: object, regions: object) -> bool:
        # The fast path answers the common call (a compact string, no as_of).
        if as_of is None and type(value) is str and len(value) == LENGTH:
            answer = self._fast_answer(value, regions)
            if answer is not None:
                return answer
        self.check_options(as_of, regions)  # bad options raise, even here
        try:
            self.validate(value, as_of=as_of, regions=regions)
        except ValidationError:
            return False
        return True

    def format(self, value: object, separator: object) -> str:
        """Validate (structure only) and group the parts with ``separator`` (short text)."""
        if not isinstance(separator, str) or len(separator) > _MAX_SEPARATOR:
            raise InvalidType(
                f"separator is text of at most {_MAX_SEPARATOR} characters", field="separator"
            )
        number = self.validate(value, as_of=None, regions="none")[0]
        return separator.join((number[:6], number[6:12], number[12:]))

    # -- presentation ----------------------------------------------------------------------

    def mask(self, value: object) -> str:
        number = self.compact(value)
        if len(number) != LENGTH or not (number.isascii() and number.isdigit()):
            raise InvalidFormat(
                f"only a {LENGTH}-digit {self.label} can be masked", field=self.field
            )
        return number[:6] + "*" * 10


def known_region(district_code: str) -> _regions.Region | None:
    """The region of a number's district digits, current or retired, or ``None`` where they
    are no known code (a number checked with ``regions="none"``)."""
    try:
        return _regions.get(district_code)
    except UnknownRegion:
        return None


def mask_for_repr(value: str | None) -> str:
    """Repr of a stored number with only the region digits shown: ``'321620**********'``."""
    if value is None:
        return "None"
    return repr(value[:6] + "*" * (len(value) - 6))
