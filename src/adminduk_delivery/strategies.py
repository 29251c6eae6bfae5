"""Hypothesis strategies for adminduk-delivery's identifiers and regions.

Needs the ``testing`` extra (``pip install "adminduk-delivery[testing]"``). The strategies
follow Hypothesis's own house style: plural names, keyword-only options, strategies accepted
where a value varies, and :class:`hypothesis.errors.InvalidArgument` for bad options at
definition time.

Every value a strategy here generates is valid (:func:`niks` gives NIKs that
:func:`adminduk_delivery.nik.validate` accepts), except those of the ``invalid_*`` strategies,
which say which rule they break.

>>> from hypothesis import given
>>> from adminduk_delivery import nik, strategies
>>> @given(strategies.niks(region="3216"))
... def test_every_generated_nik_validates(value):
...     assert nik.is_valid(value)
>>> test_every_generated_nik_validates()
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Final, TypeVar

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from . import regions
from .errors import ValidationError
from .nik import Sex

__all__ = [
    "DEFAULT_BIRTH_DATES",
    "invalid_niks",
    "kk_numbers",
    "niks",
    "region_codes",
]

T = TypeVar("T")
Draw = st.DrawFn

DEFAULT_BIRTH_DATES: Final = (dt.date(1930, 1, 1), dt.date(2025, 12, 31))
"""The default range of birth and issue dates. Every date in it decodes back to itself for any
``as_of`` from 2025-12-31 to 2029-12-31 (the two-digit year is resolved to the latest century
not after ``as_of``)."""


def _sexes(sex: Sex | st.SearchStrategy[Sex] | None) -> st.SearchStrategy[Sex]:
    if sex is None:
        return st.sampled_from([Sex.MALE, Sex.FEMALE])
    if isinstance(sex, st.SearchStrategy):
        return sex
    if isinstance(sex, Sex):
        return st.just(sex)
    raise InvalidArgument(f"sex={sex!r} is neither a Sex, a strategy of them, nor None")


def _check_region(region: str | None, *, retired: bool) -> str:
    if region is None:
        return ""
    try:
        found = regions.get(region)
    except ValidationError as exc:
        raise InvalidArgument(f"region={region!r} is not a region code: {exc}") from None
    if found.retired and not retired:
        raise InvalidArgument(f"region={region!r} is retired; pass retired=True to allow it")
    if found.level is regions.RegionLevel.VILLAGE:
        raise InvalidArgument(
            f"region={region!r} is a village; NIKs and KK numbers carry district codes"
        )
    return found.code


def region_codes(
    *,
    level: regions.RegionLevel | str = "district",
    within: str | None = None,
    retired: bool = False,
) -> st.SearchStrategy[str]:
    """Kemendagri codes of one level, compact (``"321620"``).

    Args:
        level: ``"province"``, ``"regency"``, ``"district"`` or ``"village"``.
        within: only codes below this region (e.g. ``"3216"``, Kabupaten Bekasi).
        retired: also draw codes retired since 2015.

    Shrinks towards the smallest code (Aceh's).
    """
    try:
        wanted = regions.RegionLevel(level) if isinstance(level, str) else level
    except ValueError:
        raise InvalidArgument(f"level={level!r} is not a region level") from None
    prefix = ""
    if within is not None:
        try:
            prefix = regions.get(within).code
        except ValidationError as exc:
            raise InvalidArgument(f"within={within!r} is not a region code: {exc}") from None
    pool = [c for c in regions.codes(wanted) if c.startswith(prefix)]
    if retired:
        pool += [c for c in regions.codes(wanted, retired=True) if c.startswith(prefix)]
    if not pool:
        raise InvalidArgument(f"no {wanted.value} codes within {within!r}")
    return st.sampled_from(sorted(pool))


def _dates(dates: st.SearchStrategy[dt.date] | None) -> st.SearchStrategy[dt.date]:
    if dates is None:
        return st.dates(*DEFAULT_BIRTH_DATES)
    if not isinstance(dates, st.SearchStrategy):
        raise InvalidArgument(f"expected a strategy of dates, got {dates!r}")
    return dates


@st.composite
def _numbers(
    draw: Draw,
    districts: st.SearchStrategy[str],
    dates: st.SearchStrategy[dt.date],
    sexes: st.SearchStrategy[Sex] | None,
) -> str:
    district = draw(districts)
    when: dt.date = draw(dates)
    day = when.day
    if sexes is not None and draw(sexes) is Sex.FEMALE:
        day += 40
    serial = draw(st.integers(1, 9999))
    return f"{district}{day:02d}{when.month:02d}{when.year % 100:02d}{serial:04d}"


def niks(
    *,
    region: str | None = None,
    sex: Sex | st.SearchStrategy[Sex] | None = None,
    birth_dates: st.SearchStrategy[dt.date] | None = None,
    retired: bool = False,
) -> st.SearchStrategy[str]:
    """Valid NIKs as compact 16-digit strings.

    Args:
        region: a province, regency or district code; the NIK's district lies within it.
        sex: a :class:`~adminduk_delivery.nik.Sex`, a strategy of them, or ``None`` for both.
        birth_dates: a strategy of birth dates; default :data:`DEFAULT_BIRTH_DATES`.
        retired: also draw districts retired since 2015 (valid under ``regions="historical"``).

    Shrinks towards a man born on 1 January 1930 in Aceh's first district, serial 0001.
    """
    prefix = _check_region(region, retired=retired)
    districts = region_codes(level="district", within=prefix or None, retired=retired)
    return _numbers(districts, _dates(birth_dates), _sexes(sex))


def kk_numbers(
    *,
    region: str | None = None,
    issue_dates: st.SearchStrategy[dt.date] | None = None,
    retired: bool = False,
) -> st.SearchStrategy[str]:
    """Valid KK numbers as compact 16-digit strings.

    Args:
        region: a province, regency or district code; the issuing district lies within it.
        issue_dates: a strategy of issue dates; default :data:`DEFAULT_BIRTH_DATES`.
        retired: also draw districts retired since 2015.

    Shrinks towards a number issued on 1 January 1930 in Aceh's first district, serial 0001.
    """
    prefix = _check_region(region, retired=retired)
    districts = region_codes(level="district", within=prefix or None, retired=retired)
    return _numbers(districts, _dates(issue_dates), None)


_BREAKERS: Final[dict[str, Callable[[str, Draw], str]]] = {}


def _breaker(code: str) -> Callable[[Callable[[str, Draw], str]], None]:
    def register(function: Callable[[str, Draw], str]) -> None:
        _BREAKERS[code] = function

    return register


@_breaker("length")
def _break_length(value: str, draw: Draw) -> str:
    if draw(st.booleans()):
        return value[: draw(st.integers(0, 15))]
    return value + draw(st.text("0123456789", min_size=1, max_size=4))


@_breaker("format")
def _break_format(value: str, draw: Draw) -> str:
    position = draw(st.integers(0, 15))
    bad = draw(st.sampled_from("OolIi\u0663x/,"))
    return value[:position] + bad + value[position + 1 :]


@_breaker("region")
def _break_region(value: str, draw: Draw) -> str:
    district = draw(
        st.from_regex(r"[1-9][0-9][0-9][1-9][0-9][1-9]", fullmatch=True).filter(
            lambda code: not regions.exists(code)
        )
    )
    return district + value[6:]


@_breaker("birth_date")
def _break_birth_date(value: str, draw: Draw) -> str:
    day_month = draw(
        st.sampled_from(["0001", "3201", "4001", "7201", "9901", "0113", "3002", "7102", "3104"])
    )
    return value[:6] + day_month + value[10:]


@_breaker("serial")
def _break_serial(value: str, draw: Draw) -> str:
    return value[:12] + "0000"


def invalid_niks(
    *, codes: frozenset[str] | set[str] | None = None
) -> st.SearchStrategy[tuple[str, str]]:
    """Pairs ``(text, code)``: a NIK-like text that breaks exactly the rule ``code``.

    ``code`` is the :attr:`~adminduk_delivery.errors.ValidationError.code` that
    :func:`adminduk_delivery.nik.validate` raises for it: ``"length"``, ``"format"``,
    ``"region"``, ``"birth_date"`` or ``"serial"``.

    Args:
        codes: only these rules (default: all five).

    Shrinks towards a too-short NIK.
    """
    chosen = sorted(_BREAKERS) if codes is None else sorted(codes)
    unknown = set(chosen) - set(_BREAKERS)
    if unknown or not chosen:
        raise InvalidArgument(f"codes must be a non-empty subset of {sorted(_BREAKERS)}")
    order = ["length", "format", "region", "birth_date", "serial"]
    chosen.sort(key=order.index)

    @st.composite
    def build(draw: Draw) -> tuple[str, str]:
        code = draw(st.sampled_from(chosen))
        return _BREAKERS[code](draw(niks()), draw), code

    return build()
