"""Working days: holidays, cuti bersama, weekdays, extra closed days."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adminduk_delivery.errors import ValidationError
from adminduk_delivery.workdays import COURIER_WEEK, WorkCalendar

DATES = st.dates(dt.date(2019, 1, 1), dt.date(2027, 12, 31))
CALENDARS = st.builds(
    WorkCalendar,
    weekdays=st.frozensets(st.integers(0, 6), min_size=1),
    cuti_bersama=st.booleans(),
    extra_closed=st.frozensets(DATES, max_size=5),
)


def brute_force_between(calendar: WorkCalendar, a: dt.date, b: dt.date) -> int:
    count, day = 0, a
    while day < b:
        count += calendar.is_working_day(day)
        day += dt.timedelta(days=1)
    return count


def test_national_holidays_and_cuti_bersama():
    """Idul Fitri is closed; cuti bersama only when asked for."""
    dinas = WorkCalendar()
    assert not dinas.is_working_day(dt.date(2020, 5, 25))  # Idul Fitri, second day (Monday)
    assert not dinas.is_working_day(dt.date(2020, 8, 21))  # cuti bersama (Friday)
    assert WorkCalendar(cuti_bersama=False).is_working_day(dt.date(2020, 8, 21))
    assert dinas.holiday_name(dt.date(2020, 8, 17)) == "Independence Day"


def test_weekdays_and_extra_closed_days():
    """Saturdays count for couriers; an election day can be closed by the caller."""
    saturday = dt.date(2020, 3, 21)
    assert not WorkCalendar().is_working_day(saturday)
    assert WorkCalendar(weekdays=COURIER_WEEK).is_working_day(saturday)
    election = dt.date(2024, 2, 14)
    assert not WorkCalendar(extra_closed=[election]).is_working_day(election)


def test_deadlines():
    """An SLA counts working days after the handover."""
    dinas = WorkCalendar()
    assert dinas.deadline(dt.date(2020, 3, 20), 5) == dt.date(2020, 3, 30)
    assert dinas.add_working_days(dt.date(2020, 3, 30), -5) == dt.date(2020, 3, 20)
    assert dinas.add_working_days(dt.date(2020, 3, 21), 0) == dt.date(2020, 3, 21)
    closed = dinas.closed_days(dt.date(2020, 3, 20), dt.date(2020, 3, 30))
    assert [name for _d, name in closed] == ["Isra' and Mi'raj", "Day of Silence"]


def test_bad_arguments():
    """Our errors for bad settings and arguments."""
    with pytest.raises(ValidationError):
        WorkCalendar(weekdays=frozenset())
    with pytest.raises(ValidationError):
        WorkCalendar(weekdays=frozenset({7}))
    with pytest.raises(ValidationError):
        WorkCalendar(extra_closed=["2020-01-01"])
    with pytest.raises(ValidationError):
        WorkCalendar().is_working_day(dt.datetime(2020, 1, 1))
    with pytest.raises(ValidationError):
        WorkCalendar().add_working_days(dt.date(2020, 1, 1), 1.5)  # type: ignore[arg-type]


@given(calendar=CALENDARS, a=DATES, span=st.integers(0, 90))
def test_between_agrees_with_a_day_by_day_count(calendar, a, span):
    """Property: working_days_between is the brute-force count over [a, b)."""
    b = a + dt.timedelta(days=span)
    assert calendar.working_days_between(a, b) == brute_force_between(calendar, a, b)
    assert calendar.working_days_between(b, a) == -calendar.working_days_between(a, b)


@given(calendar=CALENDARS, a=DATES, n=st.integers(1, 40))
def test_add_is_the_nth_working_day_after(calendar, a, n):
    """Property: the result is a working day, with exactly n working days in (a, result]."""
    result = calendar.add_working_days(a, n)
    assert calendar.is_working_day(result)
    assert (
        brute_force_between(calendar, a + dt.timedelta(days=1), result + dt.timedelta(days=1)) == n
    )
    assert calendar.add_working_days(result, -n) <= a


@given(day=DATES)
def test_holidays_are_never_working_days(day):
    """Property: a named holiday is closed in every calendar."""
    calendar = WorkCalendar(weekdays=frozenset(range(7)))
    if calendar.holiday_name(day) is not None:
        assert not calendar.is_working_day(day)
