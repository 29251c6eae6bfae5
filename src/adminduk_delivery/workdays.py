"""Working days: Indonesian holidays, cuti bersama, which weekdays count, and deadlines.

Deadlines in delivery programmes are counted in working days (*hari kerja*). A
:class:`WorkCalendar` knows Indonesia's national holidays and, by default, the *cuti bersama*
(collective leave days set each year by joint ministerial decree), both from the
`holidays <https://pypi.org/project/holidays/>`_ package (categories ``public`` and
``government``). Which weekdays count is a setting: Monday to Friday for the Dinas, Monday to
Saturday for couriers in some programmes. Extra closed days (a regional holiday, an election
day) are added by the caller.

>>> import datetime as dt
>>> from adminduk_delivery.workdays import WorkCalendar
>>> dinas = WorkCalendar()
>>> dinas.is_working_day(dt.date(2020, 5, 25))  # Idul Fitri, second day
False
>>> dinas.add_working_days(dt.date(2020, 3, 20), 5)  # a Friday; Nyepi on 25 March
datetime.date(2020, 3, 30)
>>> dinas.working_days_between(dt.date(2020, 3, 20), dt.date(2020, 3, 30))
5
>>> WorkCalendar(weekdays=frozenset(range(6))).add_working_days(dt.date(2020, 3, 20), 5)
datetime.date(2020, 3, 27)
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from typing import Final

import attrs

from ._convert import boolean, date_value, frozenset_of, whole_number
from .errors import InvalidType, ValidationError

__all__ = ["COURIER_WEEK", "OFFICE_WEEK", "WorkCalendar"]

OFFICE_WEEK: Final = frozenset({0, 1, 2, 3, 4})
"""Monday to Friday (``date.weekday()`` numbers), the Dinas's week."""

COURIER_WEEK: Final = frozenset({0, 1, 2, 3, 4, 5})
"""Monday to Saturday, the couriers' week in some programmes."""

_MAX_STEPS: Final = 366 * 20


def _weekdays(value: Iterable[int]) -> frozenset[int]:
    days = frozenset_of(value, int, field="weekdays")
    if not days or not all(not isinstance(d, bool) and 0 <= d <= 6 for d in days):
        raise ValidationError(
            "weekdays are date.weekday() numbers 0 (Monday) to 6 (Sunday), at least one",
            field="weekdays",
            code="range",
        )
    return days


def _closed(value: Iterable[dt.date]) -> frozenset[dt.date]:
    days = frozenset_of(value, dt.date, field="extra_closed")
    if not all(isinstance(d, dt.date) and not isinstance(d, dt.datetime) for d in days):
        raise InvalidType("extra_closed holds dates", field="extra_closed")
    return days


@functools.lru_cache(maxsize=256)
def _holidays(year: int, cuti_bersama: bool) -> dict[dt.date, str]:
    import holidays  # noqa: PLC0415 - loaded on first use, not on import

    categories = ("public", "government") if cuti_bersama else ("public",)
    table = holidays.country_holidays("ID", years=year, categories=categories)
    return {day: str(name) for day, name in sorted(table.items())}


def _date(value: object, field: str) -> dt.date:
    return date_value(value, field=field)


@attrs.frozen(kw_only=True)
class WorkCalendar:
    """Which days count as working days.

    Attributes:
        weekdays: the weekdays that count (``date.weekday()`` numbers; default Monday-Friday).
        cuti_bersama: whether the collective leave days are closed too (default ``True``).
        extra_closed: further closed days: a regional holiday, an election day, a flood.
    """

    weekdays: frozenset[int] = attrs.field(default=OFFICE_WEEK, converter=_weekdays)
    cuti_bersama: bool = attrs.field(default=True, validator=boolean)
    extra_closed: frozenset[dt.date] = attrs.field(default=frozenset(), converter=_closed)

    def holiday_name(self, day: dt.date) -> str | None:
        """The name of the holiday (or extra closed day) on ``day``, if any.

        Args:
            day: the day.

        Returns:
            The holiday's name as the ``holidays`` package gives it, ``"closed"`` for one of
            :attr:`extra_closed`, or ``None`` on a day that is neither.

        Raises:
            InvalidType: ``day`` is not a date (field ``day``).
        """
        day = _date(day, "day")
        if day in self.extra_closed:
            return "closed"
        return _holidays(day.year, self.cuti_bersama).get(day)

    def is_working_day(self, day: dt.date) -> bool:
        """Whether ``day`` is a working day: a counted weekday, not a holiday or closed day.

        Args:
            day: the day.

        Returns:
            ``True`` for a working day.

        Raises:
            InvalidType: ``day`` is not a date (field ``day``).

        >>> WorkCalendar().is_working_day(dt.date(2020, 8, 17))  # Independence Day
        False
        """
        day = _date(day, "day")
        return (
            day.weekday() in self.weekdays
            and day not in self.extra_closed
            and day not in _holidays(day.year, self.cuti_bersama)
        )

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """The ``n``-th working day after ``day`` (before it for negative ``n``; ``day``
        itself for 0). ``day`` need not be a working day.

        Args:
            day: the day to count from.
            n: how many working days, negative to count back.

        Returns:
            The day reached.

        Raises:
            InvalidType: ``day`` is not a date.
            ValidationError: ``n`` is not an integer, or so large that no such day is found
                within 20 years.
        """
        day = _date(day, "day")
        n = whole_number(n, field="n", minimum=-(10**9))
        step = dt.timedelta(days=1 if n >= 0 else -1)
        remaining = abs(n)
        steps = 0
        while remaining:
            try:
                day += step
            except OverflowError:
                raise ValidationError(
                    "no such working day before the year 10000", field="n", code="range"
                ) from None
            steps += 1
            if steps > _MAX_STEPS:
                raise ValidationError(
                    "no such working day within 20 years", field="n", code="range"
                )
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """The number of working days in the half-open range [start, end); negative when
        ``end`` is before ``start``.

        Args:
            start: the first day of the range.
            end: the day after the last.

        Returns:
            The working days counted.

        Raises:
            InvalidType: ``start`` or ``end`` is not a date.
            ValidationError: the range is longer than 20 years (code ``range``).
        """
        start, end = _date(start, "start"), _date(end, "end")
        if end < start:
            return -self.working_days_between(end, start)
        days = (end - start).days
        if days > _MAX_STEPS:
            raise ValidationError("the range is longer than 20 years", field="end", code="range")
        return sum(self.is_working_day(start + dt.timedelta(days=i)) for i in range(days))

    def deadline(self, handed_over: dt.date, working_days: int) -> dt.date:
        """The due date of a service level: ``working_days`` working days after handover.

        Args:
            handed_over: the day of the handover.
            working_days: the service level, in working days.

        Returns:
            The due date, as :meth:`add_working_days` counts it.

        Raises:
            InvalidType, ValidationError: as :meth:`add_working_days`.
        """
        return self.add_working_days(handed_over, working_days)

    def closed_days(self, start: dt.date, end: dt.date) -> list[tuple[dt.date, str]]:
        """Holidays and extra closed days in [start, end), with their names, in order.

        Args:
            start: the first day.
            end: the day after the last.

        Returns:
            ``(day, name)`` pairs.

        Raises:
            InvalidType: a day that is not a date.
            ValidationError: a range longer than 20 years (code ``range``).
        """
        start, end = _date(start, "start"), _date(end, "end")
        if (end - start).days > _MAX_STEPS:
            raise ValidationError("the range is longer than 20 years", field="end", code="range")
        found = []
        day = start
        while day < end:
            name = self.holiday_name(day)
            if name is not None:
                found.append((day, name))
            day += dt.timedelta(days=1)
        return found
