"""Hypothesis strategies for adminduk-delivery's identifiers, regions and models.

Needs the ``testing`` extra (``pip install "adminduk-delivery[testing]"``); without it,
importing this module raises :class:`~adminduk_delivery.errors.MissingDependency` (an
``ImportError`` too) that names the extra. The strategies
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
import functools
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Final, NamedTuple, TypeVar

import attrs

from .errors import AdmindukError, MissingDependency, ValidationError

try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ImportError as exc:  # the testing extra
    raise MissingDependency(
        "adminduk_delivery.strategies needs Hypothesis: pip install 'adminduk-delivery[testing]'",
        extra="testing",
    ) from exc

from . import regions
from ._consistency import (
    FIRST_NAMES,
    LAST_NAMES,
    OPERATOR_PREFIXES,
    STREETS,
    kk_number_for,
    nik_for,
    years_before,
)
from ._convert import date_value, excerpt, flag, whole_number
from ._region_words import ROMAN, spelled
from .address import RT_RW_SHAPES, Address
from .batches import Batch, TrackedEvent
from .couriers import NOTE_SHAPES, Note
from .documents import CollectionPoint, Document, DocumentKind, DocumentRequest, Fulfilment
from .nik import Sex
from .phone import PhoneNumber
from .phone import parse as _parse_phone
from .policy import AfterFailure, FeeKind, FeeRule, Policy, RecipientRule, ReturnTo
from .residents import Household, Resident
from .shipments import (
    TRANSITIONS,
    FailureReason,
    Proof,
    Recipient,
    RecipientKind,
    Shipment,
    ShipmentEvent,
    ShipmentStatus,
)
from .workdays import COURIER_WEEK, OFFICE_WEEK, WorkCalendar

if TYPE_CHECKING:
    from .routing import Stop

__all__ = [
    "DEFAULT_BIRTH_DATES",
    "DEFAULT_ISSUE_DATES",
    "FormRow",
    "addresses",
    "batches",
    "courier_notes",
    "document_requests",
    "documents",
    "form_rows",
    "households",
    "invalid_niks",
    "kk_numbers",
    "messy_address_texts",
    "niks",
    "phone_numbers",
    "policies",
    "recipients",
    "region_codes",
    "residents",
    "shipment_histories",
    "shipments",
    "stops",
    "tracking_numbers",
]

T = TypeVar("T")
Draw = st.DrawFn

DEFAULT_BIRTH_DATES: Final = (dt.date(1930, 1, 1), dt.date(2025, 12, 31))
"""The default range of birth and issue dates. Every date in it decodes back to itself for any
``as_of`` from 2025-12-31 to 2029-12-31 (the two-digit year is resolved to the latest century
not after ``as_of``)."""

DEFAULT_ISSUE_DATES: Final = (dt.date(2015, 1, 1), dt.date(2026, 12, 31))
"""The default range of document issue dates of :func:`documents`."""

# The largest sizes the strategies take: a household of 100 members, a history of 1,000
# events, a batch of 10,000 documents are far past what a test draws in reasonable time.
_MOST_MEMBERS: Final = 100
_MOST_EVENTS: Final = 1_000
_MOST_DOCUMENTS: Final = 10_000


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
        found = regions.resolve(region)  # a code or a name, as address.parse's hints
    except AdmindukError as exc:
        raise InvalidArgument(f"region={region!r} is not one region: {exc}") from None
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

    Returns:
        A strategy of compact codes.

    Raises:
        InvalidArgument: ``level`` is not a level, ``within`` is not a region code, no
            code of the level lies within it, or ``retired`` is not a ``bool``.

    Shrinks towards the smallest code (Aceh's).
    """
    retired = _flag(retired, "retired")
    wanted = _level(level)
    prefix = ""
    if within is not None:
        try:
            prefix = regions.get(within).code
        except ValidationError as exc:
            raise InvalidArgument(f"within={within!r} is not a region code: {exc}") from None
    if not _code_pool(wanted, prefix, retired):
        raise InvalidArgument(f"no {wanted.value} codes within {within!r}")
    return _code_strategy(wanted, prefix, retired)


@functools.lru_cache(maxsize=1024)
def _code_strategy(
    level: regions.RegionLevel, prefix: str, retired: bool
) -> st.SearchStrategy[str]:
    # One strategy per pool, built once: Hypothesis labels a sampled_from strategy by looking
    # at every element, which for the 80,000-odd villages took longer than the draw itself
    # each time a composite strategy (an address per shipment of a batch) asked for one.
    return st.sampled_from(_code_pool(level, prefix, retired))


@functools.lru_cache(maxsize=1024)
def _code_pool(level: regions.RegionLevel, prefix: str, retired: bool) -> tuple[str, ...]:
    pool = [c for c in regions.codes(level) if c.startswith(prefix)]
    if retired:
        pool += [c for c in regions.codes(level, retired=True) if c.startswith(prefix)]
    return tuple(sorted(pool))


def _level(value: object) -> regions.RegionLevel:
    """A region level option (a RegionLevel or its value), else InvalidArgument."""
    if isinstance(value, regions.RegionLevel):
        return value
    if isinstance(value, str):
        try:
            return regions.RegionLevel(value)
        except ValueError:
            pass
    raise InvalidArgument(f"level={excerpt(value)} is not a region level")


def _flag(value: object, name: str) -> bool:
    """An option that is ``True`` or ``False`` (as the library's own options are checked),
    else Hypothesis's InvalidArgument."""
    try:
        return flag(value, field=name)
    except ValidationError as exc:
        raise InvalidArgument(str(exc)) from None


def _size(value: object, name: str, *, most: int) -> int:
    """A size option: a whole number from 0 to ``most`` (as the library's own options are
    checked), else InvalidArgument."""
    try:
        return whole_number(value, field=name, maximum=most)
    except ValidationError as exc:
        raise InvalidArgument(str(exc)) from None


def _strategy_or_none(value: object, name: str) -> None:
    """An option that is a strategy or ``None``, else InvalidArgument."""
    if value is not None and not isinstance(value, st.SearchStrategy):
        raise InvalidArgument(f"{name} is a strategy or None, got {excerpt(value)}")


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
    serial = draw(st.integers(1, 9999))
    if sexes is None:
        return kk_number_for(district, when, serial)
    return nik_for(district, when, draw(sexes), serial)


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

    Returns:
        A strategy of NIKs that :func:`adminduk_delivery.nik.validate` accepts.

    Raises:
        InvalidArgument: ``region`` is not one known region (a code or a name), is retired,
            or is a village;
            ``sex`` is neither a ``Sex``, a strategy of them, nor ``None``; ``retired`` is not
            a ``bool``; ``birth_dates`` is not a strategy.

    Shrinks towards a man born on 1 January 1930 in Aceh's first district, serial 0001.
    """
    prefix = _check_region(region, retired=_flag(retired, "retired"))
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

    Returns:
        A strategy of KK numbers that :func:`adminduk_delivery.kk.validate` accepts.

    Raises:
        InvalidArgument: ``region`` is not one known region (a code or a name), is retired,
            or is a village; ``retired`` is not a ``bool``; ``issue_dates`` is not a
            strategy.

    Shrinks towards a number issued on 1 January 1930 in Aceh's first district, serial 0001.
    """
    prefix = _check_region(region, retired=_flag(retired, "retired"))
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

    Returns:
        A strategy of ``(text, code)`` pairs.

    Raises:
        InvalidArgument: ``codes`` is not a set of strings, is empty, or names a rule that
            is not one of the five.

    Shrinks towards a too-short NIK.
    """
    if codes is not None and (
        not isinstance(codes, set | frozenset) or not all(isinstance(c, str) for c in codes)
    ):
        raise InvalidArgument(f"codes is a set of rule codes, got {excerpt(codes)}")
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


# --------------------------------------------------------------------------------------------
# Models

WIB: Final = dt.timezone(dt.timedelta(hours=7), "WIB")
"""Western Indonesia Time, the zone of the generated timestamps."""


@st.composite
def _address(draw: Draw, villages: st.SearchStrategy[str]) -> Address:
    village = draw(villages)
    with_postal = draw(st.booleans())
    return Address(
        village_code=village,
        street=draw(st.sampled_from(("", *STREETS))),
        house_number=draw(st.sampled_from(("", "1", "7", "12", "12A", "45"))),
        rt=draw(st.none() | st.integers(1, 30)),
        rw=draw(st.none() | st.integers(1, 15)),
        postal_code=regions.postal_code(village) if with_postal else None,
    )


def addresses(*, region: str | None = None) -> st.SearchStrategy[Address]:
    """Valid addresses; the postal code, when present, is the village's own.

    Args:
        region: a region code the village lies in (e.g. ``"3216"``, Kabupaten Bekasi).

    Returns:
        A strategy of :class:`~adminduk_delivery.address.Address`.

    Raises:
        InvalidArgument: ``region`` is not a region code.

    Shrinks towards the first village of the region, without street, number, RT or RW.
    """
    villages = region_codes(level="village", within=region)
    return _address(villages)


@st.composite
def _phone(draw: Draw) -> PhoneNumber:
    operator = draw(st.sampled_from(OPERATOR_PREFIXES))
    rest = draw(st.text("0123456789", min_size=7, max_size=8))
    return _parse_phone(f"0{operator}{rest}")


def phone_numbers() -> st.SearchStrategy[PhoneNumber]:
    """Valid Indonesian mobile numbers. Shrinks towards ``+62811 0000000``.

    Returns:
        A strategy of :class:`~adminduk_delivery.phone.PhoneNumber`, each with a mobile
        operator's prefix.

    Raises:
        Nothing: the strategy takes no options.
    """
    return _phone()


@st.composite
def _resident(
    draw: Draw,
    *,
    region: str,
    kk_number: str | None,
    address: Address | None,
    sexes: st.SearchStrategy[Sex],
    dates: st.SearchStrategy[dt.date],
    consistent: bool = True,
    has_address: bool | None = None,
    has_phone: bool | None = None,
) -> Resident:
    parts = _resident_parts(region)
    sex = draw(sexes)
    born = draw(dates)
    district = draw(parts.districts)
    nik = nik_for(district, born, sex, draw(_SERIALS))
    if not consistent:
        recorded = draw(st.sampled_from(["sex", "birth_date"]))
        if recorded == "sex":
            sex = Sex.MALE if sex is Sex.FEMALE else Sex.FEMALE
        else:
            born = born + dt.timedelta(days=draw(st.integers(1, 27)))
    return Resident(
        nik=nik,
        name=draw(parts.names),
        sex=sex,
        birth_date=born,
        kk_number=kk_number or draw(parts.kk_numbers),
        address=address
        if address is not None
        else _maybe(draw, parts.addresses, parts.some_address, has_address),
        phone=_maybe(draw, parts.phones, parts.some_phone, has_phone),
        disabled=draw(st.booleans()),
    )


_SERIALS: Final = st.integers(1, 9999)


def _maybe(
    draw: Draw,
    values: st.SearchStrategy[T | None],
    present: st.SearchStrategy[T],
    required: bool | None,
) -> T | None:
    """A value of ``values`` (whose ``None`` means absent) when ``required`` is None, one of
    ``present`` when True (drawn directly: filtering out ``None`` would discard most early
    examples), always absent when False."""
    if required is False:
        return None
    if required:
        return draw(present)
    return draw(values)


@attrs.frozen
class _ResidentParts:
    districts: st.SearchStrategy[str]
    kk_numbers: st.SearchStrategy[str]
    addresses: st.SearchStrategy[Address | None]
    some_address: st.SearchStrategy[Address]
    phones: st.SearchStrategy[PhoneNumber | None]
    some_phone: st.SearchStrategy[PhoneNumber]
    names: st.SearchStrategy[str]


@functools.lru_cache(maxsize=256)
def _resident_parts(region: str) -> _ResidentParts:
    """The sub-strategies of a resident, built once per region (strategies are immutable)."""
    within = region or None
    return _ResidentParts(
        districts=region_codes(level="district", within=within),
        kk_numbers=kk_numbers(region=within),
        addresses=st.none() | addresses(region=within),
        some_address=addresses(region=within),
        phones=st.none() | phone_numbers(),
        some_phone=phone_numbers(),
        names=st.builds(
            lambda first, last: " ".join([first, *last]),
            st.sampled_from(FIRST_NAMES),
            st.lists(st.sampled_from(LAST_NAMES), max_size=2),
        ),
    )


def residents(
    *,
    region: str | None = None,
    sex: Sex | st.SearchStrategy[Sex] | None = None,
    birth_dates: st.SearchStrategy[dt.date] | None = None,
    ages: tuple[int, int] | None = None,
    as_of: dt.date | None = None,
    consistent: bool = True,
    has_address: bool | None = None,
    has_phone: bool | None = None,
) -> st.SearchStrategy[Resident]:
    """Residents whose NIK encodes their recorded sex and birth date.

    Args:
        region: a province, regency or district code for the NIK, KK number and address.
        sex: a :class:`~adminduk_delivery.nik.Sex`, a strategy of them, or ``None`` for both.
        birth_dates: a strategy of birth dates; default :data:`DEFAULT_BIRTH_DATES`.
        ages: ``(youngest, oldest)`` in whole years on ``as_of`` (needs ``as_of``; not with
            ``birth_dates``).
        as_of: the day ``ages`` are counted on.
        consistent: ``False`` makes the recorded sex or birth date differ from the NIK on
            purpose (``nik_consistent`` is then false), for testing how a system copes with
            register errors.
        has_address: ``True`` for residents who always have an address, ``False`` for
            never, ``None`` (the default) for either.
        has_phone: likewise for the phone number.

    Returns:
        A strategy of :class:`~adminduk_delivery.residents.Resident`.

    Raises:
        InvalidArgument: a bad ``region`` (as :func:`niks`), ``sex`` or ``birth_dates``; an
            ``as_of`` that is not a date; ``ages`` that are not a ``(youngest, oldest)`` pair
            of years within 0-120, or come without ``as_of`` or with ``birth_dates``; a
            ``consistent`` that is not a ``bool``; a ``has_address`` or ``has_phone`` that is
            not ``True``, ``False`` or ``None``.

    Shrinks towards a man born on 1 January 1930 with a one-word name and no address.
    """
    prefix = _check_region(region, retired=False)
    if as_of is not None:
        try:
            date_value(as_of, field="as_of")
        except ValidationError as exc:
            raise InvalidArgument(str(exc)) from None
    if ages is not None:
        if birth_dates is not None:
            raise InvalidArgument("give ages or birth_dates, not both")
        if as_of is None:
            raise InvalidArgument("ages needs as_of, the day the ages are counted on")
        if (
            not isinstance(ages, tuple | list)
            or len(ages) != 2
            or not all(isinstance(a, int) and not isinstance(a, bool) for a in ages)
        ):
            raise InvalidArgument(f"ages={ages!r} is not a (youngest, oldest) pair of years")
        youngest, oldest = ages
        if not 0 <= youngest <= oldest <= 120:
            raise InvalidArgument(f"need 0 <= youngest <= oldest <= 120, got {ages}")
        latest = years_before(as_of, youngest)
        earliest = years_before(as_of, oldest + 1) + dt.timedelta(days=1)
        birth_dates = st.dates(earliest, latest)
    return _resident(
        region=prefix,
        kk_number=None,
        address=None,
        sexes=_sexes(sex),
        dates=_dates(birth_dates),
        consistent=_flag(consistent, "consistent"),
        has_address=_option(has_address, "has_address"),
        has_phone=_option(has_phone, "has_phone"),
    )


def _option(value: object, name: str) -> bool | None:
    if value is not None and not isinstance(value, bool):
        raise InvalidArgument(f"{name} is True, False or None, got {value!r}")
    return value


@st.composite
def _household(draw: Draw, region: str, min_size: int, max_size: int) -> Household:
    kk_number = draw(kk_numbers(region=region or None))
    address = draw(addresses(region=kk_number[:6]))
    size = draw(st.integers(min_size, max_size))
    members: list[Resident] = []
    seen: set[str] = set()
    for _ in range(size):
        member = draw(
            _resident(
                region=region,
                kk_number=kk_number,
                address=address,
                sexes=_sexes(None),
                dates=_dates(None),
            ).filter(lambda r: r.nik not in seen)
        )
        seen.add(member.nik)
        members.append(member)
    return Household(kk_number=kk_number, members=members, address=address, head_nik=members[0].nik)


def households(
    *, region: str | None = None, min_size: int = 1, max_size: int = 6
) -> st.SearchStrategy[Household]:
    """Households whose members share the KK number and the address; the first is the head.

    Args:
        region: a province, regency or district code for the KK number and the address.
        min_size, max_size: how many members (from 1 to 100).

    Returns:
        A strategy of :class:`~adminduk_delivery.residents.Household`, members with
        different NIKs.

    Raises:
        InvalidArgument: ``region`` is not one known region (a code or a name), is retired,
            or is a village; sizes that are not whole numbers with
            ``1 <= min_size <= max_size <= 100``.

    Shrinks towards a household of ``min_size`` members.
    """
    min_size = _size(min_size, "min_size", most=_MOST_MEMBERS)
    max_size = _size(max_size, "max_size", most=_MOST_MEMBERS)
    if not 1 <= min_size <= max_size:
        raise InvalidArgument(f"need 1 <= min_size <= max_size, got {min_size}, {max_size}")
    return _household(_check_region(region, retired=False), min_size, max_size)


@st.composite
def _document(
    draw: Draw,
    kinds: st.SearchStrategy[DocumentKind],
    owners: st.SearchStrategy[str],
    issued: tuple[dt.date, dt.date],
) -> Document:
    kind = draw(kinds)
    return Document(
        id=f"DOC-{draw(st.integers(1, 10**6)):07d}",
        kind=kind,
        owner_nik=draw(owners),
        issue_date=draw(st.dates(*issued)),
        replaces_card=kind.properties.is_card and draw(st.booleans()),
    )


def documents(
    *,
    kind: DocumentKind | st.SearchStrategy[DocumentKind] | None = None,
    owners: st.SearchStrategy[str] | None = None,
    issued_between: tuple[dt.date, dt.date] = DEFAULT_ISSUE_DATES,
) -> st.SearchStrategy[Document]:
    """Documents with ids ``DOC-nnnnnnn``; only cards may be replacements.

    Args:
        kind: a kind, a strategy of kinds, or ``None`` for any.
        owners: a strategy of owner NIKs; default :func:`niks`.
        issued_between: ``(first, last)`` issue dates; default 2015 to 2026.

    Returns:
        A strategy of :class:`~adminduk_delivery.documents.Document`.

    Raises:
        InvalidArgument: ``kind`` is not a kind or a strategy of them, ``owners`` is not a
            strategy, or ``issued_between`` is not a ``(first, last)`` pair of dates in
            order.

    Shrinks towards a KTP-el issued on the first day of ``issued_between``.
    """
    pair = issued_between if isinstance(issued_between, tuple) else ()
    first, last = pair if len(pair) == 2 else (None, None)
    if not (isinstance(first, dt.date) and isinstance(last, dt.date) and first <= last):
        raise InvalidArgument(f"issued_between={issued_between!r} is not a (first, last) pair")
    _strategy_or_none(owners, "owners")
    if kind is None:
        kinds: st.SearchStrategy[DocumentKind] = st.sampled_from(list(DocumentKind))
    elif isinstance(kind, DocumentKind):
        kinds = st.just(kind)
    elif isinstance(kind, st.SearchStrategy):
        kinds = kind
    else:
        raise InvalidArgument(f"kind={kind!r} is not a DocumentKind or a strategy of them")
    return _document(kinds, owners if owners is not None else niks(), (first, last))


@st.composite
def _request(draw: Draw, region: str) -> DocumentRequest:
    kind = draw(st.sampled_from(list(DocumentKind)))
    requested_on = draw(st.dates(dt.date(2019, 1, 1), dt.date(2026, 12, 31)))
    choices = [Fulfilment.DELIVER, Fulfilment.COLLECT]
    if kind.self_printable_on(requested_on):
        choices.append(Fulfilment.SELF_PRINT)
    fulfilment = draw(st.sampled_from(choices))
    return DocumentRequest(
        id=f"REQ-{draw(st.integers(1, 10**6)):07d}",
        nik=draw(niks(region=region or None)),
        kind=kind,
        fulfilment=fulfilment,
        requested_on=requested_on,
        address=draw(addresses(region=region or None))
        if fulfilment is Fulfilment.DELIVER
        else None,
        collect_at=draw(st.sampled_from(list(CollectionPoint)))
        if fulfilment is Fulfilment.COLLECT
        else None,
    )


def document_requests(*, region: str | None = None) -> st.SearchStrategy[DocumentRequest]:
    """Requests whose fulfilment fits: deliveries have an address, collections a place, and
    only self-printable kinds are self-printed (after July 2020).

    Args:
        region: a province, regency or district code for the NIK and the address.

    Returns:
        A strategy of :class:`~adminduk_delivery.documents.DocumentRequest`.

    Raises:
        InvalidArgument: ``region`` is not one known region (a code or a name), is retired,
            or is a village.

    Shrinks towards a KTP-el delivery requested on 1 January 2019.
    """
    return _request(_check_region(region, retired=False))


def recipients(*, kind: RecipientKind | None = None) -> st.SearchStrategy[Recipient]:
    """Recipients with a kind, sometimes a NIK and a name, and a set of proofs.

    Args:
        kind: only recipients of this kind; any kind without it.

    Returns:
        A strategy of :class:`~adminduk_delivery.shipments.Recipient`.

    Raises:
        InvalidArgument: ``kind`` is neither a ``RecipientKind`` nor ``None``.
    """
    if kind is not None and not isinstance(kind, RecipientKind):
        raise InvalidArgument(f"kind={kind!r} is neither a RecipientKind nor None")
    kinds = st.sampled_from(list(RecipientKind)) if kind is None else st.just(kind)
    return st.builds(
        Recipient,
        kind=kinds,
        nik=st.none() | niks(),
        name=st.none() | st.sampled_from(FIRST_NAMES),
        proofs=st.frozensets(st.sampled_from(list(Proof))),
    )


def _event_for(draw: Draw, status: ShipmentStatus, at: dt.datetime) -> ShipmentEvent:
    reason = None
    if status is ShipmentStatus.WITHDRAWN:
        reason = draw(st.sampled_from([r for r in FailureReason if r.properties.withdrawal]))
    elif status.properties.needs_reason:
        reason = draw(st.sampled_from(list(FailureReason)))
    recipient = None
    if status.properties.needs_recipient:
        recipient = draw(recipients())
    return ShipmentEvent(
        status=status,
        at=at,
        reason=reason,
        recipient=recipient,
        office=draw(st.none() | st.sampled_from(["17500", "17520", "17530"])),
    )


@st.composite
def _history(draw: Draw, start: dt.datetime, max_size: int) -> tuple[ShipmentEvent, ...]:
    status = ShipmentStatus.CREATED
    at = start
    events: list[ShipmentEvent] = []
    while len(events) < max_size and not status.is_terminal and draw(st.booleans()):
        order = list(ShipmentStatus)
        status = draw(st.sampled_from(sorted(TRANSITIONS[status], key=order.index)))
        # At least a minute apart: two equal events would be one (apply drops a duplicate).
        at = at + dt.timedelta(minutes=draw(st.integers(1, 3 * 24 * 60)))
        events.append(_event_for(draw, status, at))
    return tuple(events)


def shipment_histories(
    *, start: dt.datetime | None = None, max_size: int = 12
) -> st.SearchStrategy[tuple[ShipmentEvent, ...]]:
    """Legal event sequences from ``created``: a random walk over the transition table,
    with timestamps at least a minute apart (so no two events are equal).

    Args:
        start: the time before the first event (timezone-aware); default 20 March 2020, 08:00
            WIB (the Bekasi handover).
        max_size: the most events (up to 1,000).

    Returns:
        A strategy of event tuples that a :class:`~adminduk_delivery.shipments.Shipment`
        accepts as its history.

    Raises:
        InvalidArgument: ``start`` is not a datetime with a time zone, or ``max_size`` is
            not a whole number from 0 to 1,000.

    Shrinks towards the empty history.
    """
    begin = dt.datetime(2020, 3, 20, 8, 0, tzinfo=WIB) if start is None else start
    if not isinstance(begin, dt.datetime):
        raise InvalidArgument(f"start is a datetime, got {excerpt(begin)}")
    if begin.tzinfo is None:
        raise InvalidArgument("start must be timezone-aware")
    return _history(begin, _size(max_size, "max_size", most=_MOST_EVENTS))


@st.composite
def _shipment(
    draw: Draw, docs: st.SearchStrategy[list[Document]], with_history: bool, region: str
) -> Shipment:
    from .tracking import build_s10  # noqa: PLC0415 - tiny module, kept local for clarity

    contents = draw(docs)
    return Shipment(
        tracking_number=build_s10("RR", draw(st.integers(0, 99_999_999))),
        documents=contents,
        address=draw(addresses(region=region or None)),
        service=draw(st.sampled_from(["", "PKH", "EMS"])),
        events=draw(shipment_histories()) if with_history else (),
    )


def shipments(
    *,
    documents_of: st.SearchStrategy[list[Document]] | None = None,
    history: bool = True,
    region: str | None = None,
) -> st.SearchStrategy[Shipment]:
    """Shipments with an S10 tracking number, one to three documents and a legal history.

    Args:
        documents_of: a strategy of document lists (unique ids) to put inside.
        history: whether to add a legal event history.
        region: a province, regency or district code (``"3216"``, ``"32.16"``) the
            addresses lie in.

    Returns:
        A strategy of :class:`~adminduk_delivery.shipments.Shipment`.

    Raises:
        InvalidArgument: ``region`` is not one known region (a code or a name), is retired,
            or is a village; ``documents_of`` is not a strategy; ``history`` is not a
            ``bool``.
    """
    _strategy_or_none(documents_of, "documents_of")
    docs = documents_of or st.lists(documents(), min_size=1, max_size=3, unique_by=lambda d: d.id)
    return _shipment(docs, _flag(history, "history"), _check_region(region, retired=False))


@st.composite
def _batch(draw: Draw, min_size: int, max_size: int, region: str) -> Batch:
    docs = draw(
        st.lists(documents(), min_size=min_size, max_size=max_size, unique_by=lambda d: d.id)
    )
    numbers = draw(
        st.lists(st.integers(0, 99_999_999), min_size=len(docs), max_size=len(docs), unique=True)
    )
    from .tracking import build_s10  # noqa: PLC0415 - as above

    groups: list[list[Document]] = []
    for doc in docs:
        joins_previous: bool = draw(st.booleans())
        if groups and joins_previous:
            groups[-1].append(doc)
        else:
            groups.append([doc])
    built = [
        Shipment(
            tracking_number=build_s10("RR", numbers[i]),
            documents=group,
            address=draw(addresses(region=region or None)),
        )
        for i, group in enumerate(groups)
    ]
    batch = Batch(id=f"BATCH-{draw(st.integers(1, 999)):03d}", documents=docs, shipments=built)
    events = [
        TrackedEvent(tracking_number=s.tracking_number, event=e)
        for s in built
        for e in draw(shipment_histories())
    ]
    return batch.fold(events)


def batches(
    *, min_size: int = 0, max_size: int = 8, region: str | None = None
) -> st.SearchStrategy[Batch]:
    """Batches of documents packed into shipments (neighbouring documents share one), with
    legal histories folded in. Every document is in exactly one shipment.

    Args:
        min_size, max_size: how many documents (up to 10,000).
        region: the region the shipments' addresses lie in (as :func:`shipments`).

    Returns:
        A strategy of :class:`~adminduk_delivery.batches.Batch`.

    Raises:
        InvalidArgument: ``region`` is not one known region (a code or a name), is retired,
            or is a village; sizes that are not whole numbers with
            ``0 <= min_size <= max_size <= 10,000``.
    """
    min_size = _size(min_size, "min_size", most=_MOST_DOCUMENTS)
    max_size = _size(max_size, "max_size", most=_MOST_DOCUMENTS)
    if not min_size <= max_size:
        raise InvalidArgument(f"need 0 <= min_size <= max_size, got {min_size}, {max_size}")
    return _batch(min_size, max_size, _check_region(region, retired=False))


@st.composite
def _policy(draw: Draw, region: str) -> Policy:
    fee_kind = draw(st.sampled_from(list(FeeKind)))
    area = region or draw(region_codes(level="regency"))
    below = [r.code for r in regions.children(area)] if len(area) < 10 else []
    return Policy(
        name=f"programme {draw(st.integers(1, 99))}",
        area=(area,),
        deliverable_kinds=draw(st.frozensets(st.sampled_from(list(DocumentKind)))),
        required_address_fields=draw(st.frozensets(st.sampled_from(["house_number", "rt", "rw"]))),
        require_phone=draw(st.booleans()),
        recipients=draw(st.sampled_from(list(RecipientRule))),
        min_recipient_age=draw(st.integers(15, 21)),
        village_official_fallback=draw(st.booleans()),
        village_office_areas=draw(
            st.lists(st.sampled_from(below), max_size=2) if below else st.just([])
        ),
        required_proofs=draw(st.frozensets(st.sampled_from(list(Proof)), max_size=2)),
        max_attempts=draw(st.integers(1, 3)),
        after_failure=draw(st.sampled_from(list(AfterFailure))),
        hold_working_days=draw(st.integers(0, 14)),
        return_to=draw(st.sampled_from(list(ReturnTo))),
        fee=FeeRule(
            kind=fee_kind,
            amount=0 if fee_kind is FeeKind.FREE else draw(st.integers(1_000, 50_000)),
        ),
        sla_working_days=draw(st.integers(1, 30)),
        calendar=WorkCalendar(
            weekdays=draw(st.sampled_from([OFFICE_WEEK, COURIER_WEEK])),
            cuti_bersama=draw(st.booleans()),
        ),
    )


def policies(*, region: str | None = None) -> st.SearchStrategy[Policy]:
    """Valid policies: any mix of rules, an area of one regency (or ``region``), with up to
    two village-office areas among the regions one level below it.

    Args:
        region: the programme's area; a random regency without it.

    Returns:
        A strategy of :class:`~adminduk_delivery.policy.Policy`.

    Raises:
        InvalidArgument: ``region`` is not one known region (a code or a name), is retired,
            or is a village.

    Shrinks towards a free programme for Aceh's first regency that delivers nothing.
    """
    return _policy(_check_region(region, retired=False))


def tracking_numbers(*, country: str = "ID") -> st.SearchStrategy[str]:
    """Valid UPU S10 identifiers of the given post. Shrinks towards ``AA000000005ID``.

    Args:
        country: the issuing post's ISO 3166-1 alpha-2 code.

    Returns:
        A strategy of 13-character identifiers that
        :func:`adminduk_delivery.tracking.validate_s10` accepts.

    Raises:
        InvalidArgument: ``country`` is not an ISO 3166-1 alpha-2 code.
    """
    from .tracking import build_s10  # noqa: PLC0415 - tiny module

    try:
        build_s10("AA", 0, country)
    except ValidationError as exc:
        raise InvalidArgument(f"country={country!r}: {exc}") from None
    letters = st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=2)
    return st.builds(build_s10, letters, st.integers(0, 99_999_999), st.just(country))


# The parts of a courier's note as couriers write them, with what each means: the phrases of
# the sources of couriers.NOTE_SHAPES, and the causes and roles FailureReason and
# RecipientKind name, in the words Pos statuses and courier apps use for them.
_NOTE_CAUSES: Final[tuple[tuple[str, FailureReason], ...]] = (
    ("RUMAH KOSONG", FailureReason.RECIPIENT_ABSENT),
    ("TIDAK DITEMPAT", FailureReason.RECIPIENT_ABSENT),
    ("YANG BERSANGKUTAN TIDAK DITEMPAT", FailureReason.RECIPIENT_ABSENT),
    ("penerima tidak di tempat", FailureReason.RECIPIENT_ABSENT),
    ("Rumah Kosong / Tidak Ada Orang di Tempat", FailureReason.RECIPIENT_ABSENT),
    ("ALAMAT TIDAK DITEMUKAN", FailureReason.ADDRESS_NOT_FOUND),
    ("RUMAH/ALAMAT BELUM DIKETEMUKAN", FailureReason.ADDRESS_NOT_FOUND),
    ("YANG BERSANGKUTAN TIDAK DIKENAL", FailureReason.ADDRESS_NOT_FOUND),
    ("ALAMAT TIDAK DITEMUKAN / KURANG JELAS", FailureReason.ADDRESS_NOT_FOUND),
    ("alamat kurang lengkap", FailureReason.ADDRESS_INCOMPLETE),
    ("KIRIMAN DITOLAK YANG BERSANGKUTAN", FailureReason.REFUSED),
    ("PENERIMA MENOLAK", FailureReason.REFUSED),
    ("NO HP TIDAK BISA DIHUBUNGI", FailureReason.PHONE_UNREACHABLE),
    ("nomor telepon tidak aktif", FailureReason.PHONE_UNREACHABLE),
    ("PENERIMA PINDAH ALAMAT", FailureReason.MOVED),
    ("sudah pindah rumah", FailureReason.MOVED),
    ("penerima meninggal dunia", FailureReason.DECEASED),
    ("bukan penerima yang berhak", FailureReason.RECIPIENT_NOT_ELIGIBLE),
    ("KTP lama tidak diserahkan", FailureReason.OLD_CARD_NOT_SURRENDERED),
    ("akses jalan terputus", FailureReason.AREA_INACCESSIBLE),
    ("lokasi digusur", FailureReason.AREA_CLEARED),
    ("banjir", FailureReason.FORCE_MAJEURE),
    ("salah kirim", FailureReason.MISROUTED),
    ("dokumen rusak", FailureReason.DAMAGED),
)
_NOTE_REMARKS: Final[tuple[tuple[str, FailureReason], ...]] = (
    ("Addressee Absent", FailureReason.RECIPIENT_ABSENT),
    ("Door Locked", FailureReason.RECIPIENT_ABSENT),
    ("Missed Delivery", FailureReason.RECIPIENT_ABSENT),
    ("Office closed", FailureReason.RECIPIENT_ABSENT),
    ("Addressee moved", FailureReason.MOVED),
    ("Addressee Left without instructions", FailureReason.MOVED),
    ("Insufficient Address", FailureReason.ADDRESS_INCOMPLETE),
    ("Wrong or missing address zip code", FailureReason.ADDRESS_INCOMPLETE),
    ("Addressee cannot be located", FailureReason.ADDRESS_NOT_FOUND),
    ("No such person in the address", FailureReason.ADDRESS_NOT_FOUND),
    ("Refused", FailureReason.REFUSED),
    ("Damaged", FailureReason.DAMAGED),
    ("Unclaimed", FailureReason.UNCLAIMED),
    ("Deceased", FailureReason.DECEASED),
    ("Force majeure - item not delivered", FailureReason.FORCE_MAJEURE),
    ("Missent", FailureReason.MISROUTED),
)
_NOTE_FAILURES: Final = (
    "TIDAK BERHASIL", "BELUM BERHASIL", "GAGAL", "GAGAL ANTAR", "Antar gagal", "Antar Ulang",
)  # fmt: skip
_NOTE_RECEIPTS: Final[tuple[tuple[str, RecipientKind], ...]] = (
    ("DITERIMA YANG BERSANGKUTAN", RecipientKind.OWNER),
    ("DITERIMA ORANG SERUMAH", RecipientKind.HOUSEHOLD_MEMBER),
    ("DITERIMA KELUARGA", RecipientKind.HOUSEHOLD_MEMBER),
    ("DITERIMA SATPAM/SECURITY", RecipientKind.OTHER),
    ("DITERIMA SATPAM KANTOR", RecipientKind.OTHER),
)
_NOTE_ROLES: Final[tuple[tuple[str, RecipientKind], ...]] = (
    ("YBS", RecipientKind.OWNER),
    ("yang bersangkutan", RecipientKind.OWNER),
    ("Pemilik", RecipientKind.OWNER),
    ("Diri sendiri", RecipientKind.OWNER),
    ("ibu YBS", RecipientKind.OWNER),
    ("Keluarga Serumah", RecipientKind.HOUSEHOLD_MEMBER),
    ("istri", RecipientKind.HOUSEHOLD_MEMBER),
    ("suami", RecipientKind.HOUSEHOLD_MEMBER),
    ("anak", RecipientKind.HOUSEHOLD_MEMBER),
    ("orang tua", RecipientKind.HOUSEHOLD_MEMBER),
    ("istri YBS", RecipientKind.HOUSEHOLD_MEMBER),
    ("ibu dari YBS", RecipientKind.HOUSEHOLD_MEMBER),
    ("ketua RT", RecipientKind.VILLAGE_OFFICIAL),
    ("Ibu RT", RecipientKind.VILLAGE_OFFICIAL),
    ("Pak RW", RecipientKind.VILLAGE_OFFICIAL),
    ("kepala desa", RecipientKind.VILLAGE_OFFICIAL),
    ("Bu Kades", RecipientKind.VILLAGE_OFFICIAL),
    ("Sekretaris Desa", RecipientKind.VILLAGE_OFFICIAL),
    ("Pak Sekdes", RecipientKind.VILLAGE_OFFICIAL),
    ("Kadus", RecipientKind.VILLAGE_OFFICIAL),
    ("Pak Satpam", RecipientKind.OTHER),
    ("sekretaris", RecipientKind.OTHER),
    ("Security", RecipientKind.OTHER),
    ("satpam", RecipientKind.OTHER),
    ("tetangga", RecipientKind.OTHER),
    ("ibu kos", RecipientKind.OTHER),
    ("Rekan kerja/pegawai", RecipientKind.OTHER),
)
_NOTE_TITLES: Final = ("Bpk.", "Bapak", "Pak", "Ibu", "Bu", "Sdr.", "Sdri.")
_NOTE_ABSENCES: Final = (
    "penerima tidak di tempat", "penerima tidak di rumah", "RUMAH KOSONG", "YBS TIDAK DITEMPAT",
    "tidak ada orang di rumah",
)  # fmt: skip
_NOTE_SHORT: Final = {
    "tidak": "tdk", "yang": "yg", "belum": "blm", "orang": "org", "rumah": "rmh",
    "bapak": "bpk", "alamat": "almt", "karena": "krn", "penerima": "pnrm",
}  # fmt: skip
_NOTE_SHORT_WORDS: Final = re.compile(r"\b(?:" + "|".join(_NOTE_SHORT) + r")\b", re.I)


def _person(draw: Draw) -> str:
    first, last = draw(st.sampled_from(FIRST_NAMES)), draw(st.sampled_from(LAST_NAMES))
    # Balinese names open with titles of relation words ("Anak Agung"): still a name.
    return draw(st.sampled_from((first, f"{first} {last}", f"Anak Agung {first}")))


@st.composite
def _courier_note(draw: Draw) -> tuple[str, Note]:
    shape = draw(st.sampled_from(NOTE_SHAPES))
    cause, reason = draw(st.sampled_from(_NOTE_CAUSES))
    remark, remarked = draw(st.sampled_from(_NOTE_REMARKS))
    receipt, received_by = draw(st.sampled_from(_NOTE_RECEIPTS))
    role, kind = draw(st.sampled_from(_NOTE_ROLES))
    when = draw(st.datetimes(dt.datetime(2020, 1, 1), dt.datetime(2026, 12, 31)))
    city = regions.get(draw(region_codes(level="regency"))).name
    text = shape.template.format(
        reason=cause,
        remark=remark,
        failure=draw(st.sampled_from(_NOTE_FAILURES)),
        receipt=receipt,
        role=role,
        title=draw(st.sampled_from(_NOTE_TITLES)),
        name=_person(draw),
        absence=draw(st.sampled_from(_NOTE_ABSENCES)),
        when=when.strftime("%d-%m-%Y %H:%M"),
        city=city.upper(),
        tracking=f"P{draw(st.integers(0, 10**13 - 1)):013d}",
        courier=f"{_person(draw)} ({draw(st.integers(0, 10**9 - 1)):09d})",
    )
    if draw(st.booleans()):  # couriers' short forms: "tdk ada org dirumah"
        text = _NOTE_SHORT_WORDS.sub(lambda m: _NOTE_SHORT[m.group().lower()], text)
    meaning = {
        "failure": Note(failed=True, reason=remarked if "{remark}" in shape.template else reason),
        "receipt": Note(recipient=received_by),
        "role": Note(recipient=kind),
        "person": Note(),
    }[shape.means]
    return _case(draw, text), meaning


def courier_notes() -> st.SearchStrategy[tuple[str, Note]]:
    """``(text, note)``: a courier's note written in every shape of
    :data:`~adminduk_delivery.couriers.NOTE_SHAPES` (failures and their causes, posts' English
    non-delivery remarks, receipt
    statuses, receivers named by title and name, by role, in brackets, an item left with
    someone while nobody was in), in the words of Pos statuses and courier apps, their short
    forms (*tdk*, *yg*, *org*, *bpk*), in upper or lower case; ``note`` is what it says.
    :func:`adminduk_delivery.couriers.read_note` should read every text as its note.

    Returns:
        A strategy of ``(text, note)`` pairs.

    Raises:
        Nothing: the strategy takes no options.

    Shrinks towards the first shape's note with the first cause.
    """
    return _courier_note()


@st.composite
def _messy(draw: Draw, region: str) -> tuple[str, Address]:
    address = draw(addresses(region=region or None))
    return _write_address(draw, address), address


_ROMAN_NUMERALS: Final = {n: r for r, n in ROMAN.items()}
_NUMBER_WORD_VALUES: Final = {spelled(n, "-"): n for n in range(1, 100)}
"""A number's word as the registry writes it ("Dua-puluh-enam", lower-cased) to its value."""


_ABBREVIATED: Final = {
    word: tuple(f"{a.capitalize()}." for a, w in regions.ABBREVIATIONS.items() if w == word)
    for word in regions.ABBREVIATIONS.values()
}
"""A word of a name to its abbreviations as written ("Kepulauan": "Kep.")."""


def _word_shapes(word: str) -> tuple[str, ...]:
    """The ways people write a word of a region's name that one key reads alike
    (:func:`~adminduk_delivery.regions.name_key`): a number in digits, Roman numerals or
    words, a word abbreviated or in full."""
    folded = word.casefold().rstrip(".")
    number = _NUMBER_WORD_VALUES.get(folded) or ROMAN.get(folded)
    if number is None and folded.isdigit() and 0 < int(folded) < 100:
        number = int(folded)
    if number is not None:
        shapes = [str(number), spelled(number, "-").capitalize()]
        return (*shapes, *([_ROMAN_NUMERALS[number].upper()] if number in _ROMAN_NUMERALS else []))
    if folded in regions.ABBREVIATIONS:
        return (word, regions.ABBREVIATIONS[folded].capitalize())
    if folded in _ABBREVIATED:
        return (word, *_ABBREVIATED[folded])
    return (word,)


def _renumbered(draw: Draw, name: str) -> str:
    """The name with its numbers and abbreviations written another way, as people write
    them: "Dua-puluh-enam Ilir" as "26 Ilir", "Banyuasin I" as "Banyuasin 1" or "Banyuasin
    Satu", "Sungai Putih" as "Sei. Putih"."""
    return " ".join(draw(st.sampled_from(_word_shapes(word))) for word in name.split(" "))


def _write_names(draw: Draw, address: Address, text: str) -> str:
    """The village's and district's names as people may write them: an earlier spelling or
    former name (:attr:`~adminduk_delivery.regions.Region.former_names`), numbers in digits,
    Roman numerals or words, words abbreviated or in full."""
    _province, _regency, district, village = address.path
    village_label = "Kel. " if village.kind == "kelurahan" else "Desa "  # as to_text writes
    for label, region in (("Kec. ", district), (village_label, village)):
        written = region.name
        if region.former_names:
            written = draw(st.sampled_from((region.name, *region.former_names)))
        if any(len(_word_shapes(word)) > 1 for word in written.split(" ")):
            written = _renumbered(draw, written)
        text = text.replace(f"{label}{region.name},", f"{label}{written},", 1)
    return text


_LABEL_DESA: Final = re.compile(r"(?:^|(?<=, ))Desa ")
_LABEL_KEL: Final = re.compile(r"(?:^|(?<=, ))Kel\. ")


def _write_address(draw: Draw, address: Address) -> str:
    text = _write_names(draw, address, address.to_text())
    # The levels' own names where they have one (regions.LOCAL_LEVEL_NAMES): "Kampung X,
    # Distrik Y" in Papua, "Gampong X" in Aceh, "Kalurahan X, Kapanewon Y" in Yogyakarta.
    village_word = regions.get(address.village_code).level_name
    district_word = regions.get(address.district_code).level_name
    if village_word not in ("Desa", "Kelurahan") and draw(st.booleans()):
        text = _LABEL_DESA.sub(lambda _: f"{village_word} ", text, count=1)
    if draw(st.integers(0, 4)) == 0:  # the field label copied with it, as the KTP-el prints
        text = draw(st.sampled_from(["Alamat: ", "ALAMAT : ", "Alamat Lengkap: "])) + text
    if draw(st.booleans()):  # Jakarta's: "Kota Adm. Jakarta Selatan", "Kab. Kepulauan Seribu"
        text = text.replace("Administrasi ", draw(st.sampled_from(["Adm. ", "ADM ", ""])))
    if draw(st.booleans()):
        text = text.replace("Kabupaten ", draw(st.sampled_from(["Kab. ", "KAB ", "kab "])))
    if draw(st.booleans()):
        # The label only: "Desa Adat Ayapo" and "Desa Baru" are villages' own names.
        # "Kel/Desa" is the KTP-el's field label, copied with the village's name.
        desa = draw(st.sampled_from(["Ds. ", "DESA ", "Kel/Desa ", ""]))
        kel = draw(st.sampled_from(["Kelurahan ", "KEL ", "KEL/DESA ", ""]))
        text = _LABEL_DESA.sub(lambda _: desa, text, count=1)
        text = _LABEL_KEL.sub(lambda _: kel, text, count=1)
    if draw(st.booleans()):
        text = text.replace("Kec. ", draw(st.sampled_from(["Kecamatan ", "kec ", ""])))
    elif district_word != "Kecamatan" and draw(st.booleans()):
        text = text.replace("Kec. ", f"{district_word} ")
        if village_word not in ("Desa", "Kelurahan"):
            text = _LABEL_DESA.sub(lambda _: f"{village_word} ", text, count=1)
    if address.rt and address.rw:
        shape = draw(st.sampled_from(RT_RW_SHAPES))
        text = text.replace(
            f"RT {address.rt}/RW {address.rw}", shape.write(int(address.rt), int(address.rw))
        )
    return _case(draw, text)


def _case(draw: Draw, text: str) -> str:
    case = draw(st.sampled_from(["as is", "lower", "upper"]))
    if case == "lower":
        return text.lower()
    if case == "upper":
        return text.upper()
    return text


def messy_address_texts(*, region: str | None = None) -> st.SearchStrategy[tuple[str, Address]]:
    """``(text, address)``: an address written the way forms write it (abbreviated or missing
    prefixes, every RT/RW shape of :data:`~adminduk_delivery.address.RT_RW_SHAPES`, village
    and district names in a former name or earlier spelling, with their numbers in digits,
    Roman numerals or words and their words abbreviated or in full, a desa as a kampung,
    gampong, nagari or nagori where it is one, upper or lower case). Parsing the text with
    the region as a hint should give back the address's village, RT and RW whenever the
    village's name is unique in its district.

    Args:
        region: a province, regency or district code the village lies in.

    Returns:
        A strategy of ``(text, address)`` pairs.

    Raises:
        InvalidArgument: ``region`` is not one known region (a code or a name), is retired,
            or is a village.

    Shrinks towards the plain rendering of the first village of the region.
    """
    return _messy(_check_region(region, retired=False))


@st.composite
def _stop(draw: Draw, region: str, with_coordinates: bool) -> Stop:
    from .routing import Stop  # noqa: PLC0415 - routing is only needed here

    village = draw(region_codes(level="village", within=region or None))
    lat = lon = None
    if with_coordinates:
        centre = regions.point(village) or (-6.3, 107.15)
        lat = centre[0] + draw(st.floats(-0.01, 0.01, allow_nan=False))
        lon = centre[1] + draw(st.floats(-0.01, 0.01, allow_nan=False))
    return Stop(
        id=f"STOP-{draw(st.integers(1, 10**6)):07d}",
        village_code=village,
        rt=str(draw(st.integers(1, 30))),
        rw=str(draw(st.integers(1, 20))),
        street=draw(st.sampled_from(STREETS)),
        house_number=str(draw(st.integers(1, 200))),
        items=draw(st.integers(1, 4)),
        lat=lat,
        lon=lon,
    )


def stops(*, region: str | None = None, coordinates: bool = False) -> st.SearchStrategy[Stop]:
    """Routing stops in a region, with coordinates near their village's point when asked.

    Args:
        region: a province, regency or district code the stops' villages lie in.
        coordinates: give each stop a latitude and longitude within about a kilometre of
            its village's point.

    Returns:
        A strategy of :class:`~adminduk_delivery.routing.Stop`.

    Raises:
        InvalidArgument: ``region`` is not one known region (a code or a name), is retired,
            or is a village; ``coordinates`` is not a ``bool``.

    Shrinks towards one item at the first village of the region, RW 1, RT 1.
    """
    return _stop(_check_region(region, retired=False), _flag(coordinates, "coordinates"))


class FormRow(NamedTuple):
    """A generated form row (:func:`form_rows`) and what it says.

    Attributes:
        row: the row as a form or a CSV export gives it (column name -> cell).
        resident: the resident the row was written from.
        kinds: the documents requested, in the row's order.
        fulfilment: delivery, collection or self-printing.
        collect_at: the collection point of a collection.
    """

    row: dict[str, object]
    resident: Resident
    kinds: tuple[DocumentKind, ...]
    fulfilment: Fulfilment
    collect_at: CollectionPoint | None


def _spelling(draw: Draw, words: tuple[str, ...]) -> str:
    return _case(draw, draw(st.sampled_from(words)))


def _write_nik(draw: Draw, nik: str) -> object:
    shape = draw(st.sampled_from(["plain", "spaced", "dotted", "apostrophe", "int", "point zero"]))
    if shape == "spaced":
        return f"{nik[:4]} {nik[4:8]} {nik[8:12]} {nik[12:]}"
    if shape == "dotted":
        return f"{nik[:2]}.{nik[2:4]}.{nik[4:6]}.{nik[6:12]}.{nik[12:]}"
    if shape == "apostrophe":
        return "'" + nik
    if shape == "int":
        return int(nik)
    if shape == "point zero":
        return nik + ".0"
    return nik


def _write_phone(draw: Draw, phone: PhoneNumber) -> str:
    national = phone.national
    shapes = ["national", "dashed", "plus", "plus spaced", "apostrophe", "labelled", "and another"]
    shape = draw(st.sampled_from(shapes))
    if shape == "labelled":  # a label in parentheses after the number ("0812... (WA)")
        return f"{national} ({draw(st.sampled_from(['WA', 'HP', 'Rumah', 'Kantor']))})"
    if shape == "and another":  # a second number, of which the intake keeps the first
        separator = draw(st.sampled_from([", ", " / ", "; ", " atau ", " dan "]))
        return national + separator + draw(_phone()).national
    if shape == "dashed":
        return f"{national[:4]}-{national[4:8]}-{national[8:]}"
    if shape == "plus":
        return phone.e164
    if shape == "plus spaced":
        return f"+62 {national[1:4]} {national[4:8]} {national[8:]}"
    if shape == "apostrophe":
        return "'" + national
    return national


def _header(draw: Draw, field: str) -> str:
    spaced = field.replace("_", " ")
    variants = [field, field.upper(), spaced.title()]
    if field == "no_kk":
        variants.append("No. KK")
    return draw(st.sampled_from(variants))


class _FormWords(NamedTuple):
    """A form's own words for :func:`form_rows`: per field, the texts of each meaning, and
    the vocabularies they make (to leave out a built-in spelling they give another
    meaning)."""

    texts: dict[str, dict[object, tuple[str, ...]]]
    tables: dict[str, Mapping[str, object]]


def _form_words(words: Mapping[str, Mapping[str, object]]) -> _FormWords:
    from . import intake  # noqa: PLC0415 - intake imports python-dateutil's parser

    try:
        tables: dict[str, Mapping[str, object]] = dict(intake.vocabularies(words))
    except AdmindukError as exc:
        raise InvalidArgument(f"words: {exc}") from None
    texts: dict[str, dict[object, tuple[str, ...]]] = {}
    for field, given in words.items():  # checked by vocabularies
        if field == "disabilitas" or not isinstance(given, Mapping):
            continue  # the rows do not hold disabilitas
        by_meaning: dict[object, list[str]] = {}
        for text in given:
            by_meaning.setdefault(tables[field][intake.word_key(text)], []).append(text)
        texts[field] = {m: tuple(t) for m, t in by_meaning.items()}
    return _FormWords(texts=texts, tables=tables)


_NO_FORM_WORDS: Final = _FormWords(texts={}, tables={})
_SEPARATES: Final = re.compile(r"[,;\n]")
_JOINS: Final = re.compile(r"[+&/]|\b(?:dan|and)\b", re.IGNORECASE)


def _form_word(
    draw: Draw, own: _FormWords, field: str, value: object, built_in: tuple[str, ...]
) -> str:
    """A spelling of ``value`` for ``field``: the form's own text or a built-in one that
    still means it, in any case."""
    from . import intake  # noqa: PLC0415 - intake imports python-dateutil's parser

    table = own.tables.get(field)
    spellings = [*own.texts.get(field, {}).get(value, ())]
    spellings += [w for w in built_in if table is None or table.get(intake.word_key(w)) is value]
    return _case(draw, draw(st.sampled_from(spellings or list(built_in))))


@st.composite
def _form_row(draw: Draw, region: str, as_of: dt.date, own: _FormWords) -> FormRow:
    from . import intake  # noqa: PLC0415 - intake imports python-dateutil's parser

    # Self-printing on HVS paper began on 1 July 2020: before it, no row can choose it.
    choices = [
        f
        for f in Fulfilment
        if f is not Fulfilment.SELF_PRINT or any(k.self_printable_on(as_of) for k in DocumentKind)
    ]
    fulfilment = draw(st.sampled_from(choices))
    resident = draw(
        residents(
            region=region or None,
            birth_dates=st.dates(DEFAULT_BIRTH_DATES[0], min(DEFAULT_BIRTH_DATES[1], as_of)),
            has_address=True if fulfilment is Fulfilment.DELIVER else None,
        )
    )
    pool = [
        k
        for k in DocumentKind
        if fulfilment is not Fulfilment.SELF_PRINT or k.self_printable_on(as_of)
    ]
    kinds = tuple(draw(st.lists(st.sampled_from(pool), min_size=1, max_size=2, unique=True)))
    names = [_form_word(draw, own, "dokumen", k, intake.DOCUMENT_WORDS[k]) for k in kinds]
    if len(names) > 1 and any(_SEPARATES.search(n) for n in names):
        kinds, names = kinds[:1], names[:1]  # a form's option with a comma stands alone
    joiners = [", ", "; "]
    if not any(_JOINS.search(n) for n in names):
        joiners += [" dan ", " + ", " & "]
    cells: dict[str, object] = {
        "nik": _write_nik(draw, resident.nik),
        "nama": _case(draw, resident.name),
        "dokumen": draw(st.sampled_from(joiners)).join(names),
        "layanan": _form_word(
            draw, own, "layanan", fulfilment, intake.FULFILMENT_WORDS[fulfilment]
        ),
    }
    point = None
    if fulfilment is Fulfilment.COLLECT:
        point = draw(st.sampled_from(list(CollectionPoint)))
        cells["tempat_ambil"] = _form_word(
            draw, own, "tempat_ambil", point, intake.COLLECTION_POINT_WORDS[point]
        )
    if resident.address is not None and (fulfilment is Fulfilment.DELIVER or draw(st.booleans())):
        cells["alamat"] = _write_address(draw, resident.address)
    if resident.phone is not None and draw(st.booleans()):
        cells["telepon"] = _write_phone(draw, resident.phone)
    if draw(st.booleans()):
        shapes = [
            shape
            for shape in intake.DATE_SHAPES
            if "yy" not in shape.name.replace("yyyy", "")
            or as_of.year - resident.birth_date.year < 99
        ]
        cells["tanggal_lahir"] = draw(st.sampled_from(shapes)).write(resident.birth_date)
    if draw(st.booleans()):
        cells["jenis_kelamin"] = _form_word(
            draw, own, "jenis_kelamin", resident.sex, intake.SEX_WORDS[resident.sex]
        )
    if resident.kk_number is not None and draw(st.booleans()):
        cells["no_kk"] = _write_nik(draw, resident.kk_number)
    row = {_header(draw, field): value for field, value in cells.items()}
    return FormRow(row=row, resident=resident, kinds=kinds, fulfilment=fulfilment, collect_at=point)


def form_rows(
    *,
    region: str | None = None,
    as_of: dt.date = dt.date(2026, 1, 1),
    words: Mapping[str, Mapping[str, object]] | None = None,
) -> st.SearchStrategy[FormRow]:
    """Rows of a request form, written the way operators and spreadsheets write them, for
    :func:`adminduk_delivery.intake.read_rows`.

    Every shape the intake reads appears: NIKs and KK numbers plain, spaced, dotted, with an
    apostrophe, as integers and as ``.0`` text; phone numbers national, dashed, with ``+62``,
    with a label in parentheses or followed by another number;
    every date shape of :data:`~adminduk_delivery.intake.DATE_SHAPES`; every spelling of
    :data:`~adminduk_delivery.intake.DOCUMENT_WORDS`,
    :data:`~adminduk_delivery.intake.FULFILMENT_WORDS`,
    :data:`~adminduk_delivery.intake.COLLECTION_POINT_WORDS` and
    :data:`~adminduk_delivery.intake.SEX_WORDS` in any case; one or two documents joined by
    a comma, a semicolon, "dan", "+" or "&"; addresses as :func:`messy_address_texts`
    writes them; column names in the form's case, upper case or title case.

    With ``words`` (a form's own texts, as :func:`~adminduk_delivery.intake.read_rows`
    takes them), the documents, the service, the collection point and the sex are written
    in the form's texts too, and never in a built-in spelling that the form's texts give
    another meaning; a document whose text holds a comma stands alone in its cell.

    Every row is valid: read on ``as_of`` (with the same ``words``), it is accepted unless
    its address cannot be resolved (a village whose name its district shares).

    Args:
        region: a region code for the residents (e.g. ``"3216"``).
        as_of: the intake day; birth dates are not after it.
        words: a form's own texts, field -> {text: meaning}, as ``read_rows`` takes them.

    Returns:
        A strategy of :class:`FormRow`.

    Raises:
        InvalidArgument: ``region`` is not one known region (a code or a name), is retired,
            or is a village;
            ``as_of`` is not a date; ``words`` that ``read_rows`` would refuse.

    Shrinks towards a delivery of one KTP-el with the fewest optional columns.
    """
    if not isinstance(as_of, dt.date) or isinstance(as_of, dt.datetime):
        raise InvalidArgument(f"as_of={as_of!r} is not a date")
    own = _NO_FORM_WORDS if words is None else _form_words(words)
    return _form_row(_check_region(region, retired=False), as_of, own)
