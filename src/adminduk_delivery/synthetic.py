"""Large, reproducible, realistic synthetic data: no Hypothesis needed.

Hypothesis strategies are for finding bugs; demos, benchmarks, notebooks and load tests need
the same large dataset every time. This module generates households, residents, addresses,
phone numbers, document requests and batches for a chosen regency from a seed (or a
:class:`random.Random`), with the consistency rules of the strategies (one definition,
:mod:`adminduk_delivery._consistency`): a resident's NIK encodes their sex and birth date;
household members share the KK number and the address; postal codes are the villages' own.

Same seed, same data, on any machine and Python version (only ``random.Random`` methods whose
results are stable across versions are used, on sorted inputs).

>>> from adminduk_delivery import synthetic
>>> population = synthetic.population(1_000, regency="3216", seed=2020)
>>> len(population.residents), len(population.households) > 200
(1000, True)
>>> population.residents[0] == synthetic.population(1_000, regency="3216", seed=2020).residents[0]
True
>>> all(r.nik_consistent for r in population.residents)
True
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator, Sequence
from typing import Final, Generic, TypeVar

import attrs

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
from ._convert import (
    date_value,
    enum_member,
    identifier,
    integral,
    real_number,
    slot_setters,
    tuple_of,
    whole_number,
)
from .address import Address
from .batches import Batch
from .documents import CollectionPoint, Document, DocumentKind, DocumentRequest, Fulfilment
from .errors import InvalidType, ValidationError
from .nik import Sex
from .phone import PhoneKind, PhoneNumber
from .residents import Household, Resident
from .shipments import Shipment
from .tracking import build_s10

__all__ = ["Population", "batch", "iter_requests", "population", "requests"]

DEFAULT_AS_OF: Final = dt.date(2020, 3, 20)
"""The day of the Bekasi handover, the default reference day for ages and issue dates."""


def _day_range(value: object) -> tuple[dt.date, dt.date]:
    if not isinstance(value, tuple) or len(value) != 2:
        raise InvalidType(
            "requested_between is a (first, last) pair of dates", field="requested_between"
        )
    first = date_value(value[0], field="requested_between")
    last = date_value(value[1], field="requested_between")
    if last < first:
        raise ValidationError(
            "requested_between ends before it starts", field="requested_between", code="range"
        )
    return first, last


def _rng(seed: int | random.Random | None) -> random.Random:
    if isinstance(seed, random.Random):
        return seed
    if seed is None:
        return random.Random(0)
    number = integral(seed)
    if number is not None:
        return random.Random(number)
    raise InvalidType("seed is an int or a random.Random", field="seed")


@attrs.frozen(kw_only=True)
class Population:
    """Households and their residents, in generation order."""

    households: tuple[Household, ...]
    residents: tuple[Resident, ...]
    regency: str
    as_of: dt.date


def _date_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


_T = TypeVar("_T")


class _Trusted(Generic[_T]):
    """Builds instances of an attrs class from values this module generates in their
    canonical form, set without running ``__init__``: the constructors' checks were a third
    of the time of generating a resident, and most of the time of packing a batch. What
    makes each value canonical is said where it is built (a NIK and a KK number from their
    own functions, names of single-spaced words from the name lists, RT and RW written in
    three digits, phone numbers of the mobile shapes, ids from counters, S10 numbers from
    :func:`~adminduk_delivery.tracking.build_s10`); a test checks that ``attrs.evolve``, which
    runs the checks, gives back an equal value for every household, address, resident,
    request, document and shipment generated."""

    def __init__(self, cls: type[_T], *names: str) -> None:
        self._cls = cls
        self._fields = tuple(zip(names, slot_setters(cls, *names), strict=True))

    def __call__(self, **values: object) -> _T:
        instance = object.__new__(self._cls)
        for name, setter in self._fields:
            setter(instance, values[name])
        return instance


_resident: Final = _Trusted(
    Resident, "nik", "name", "sex", "birth_date", "kk_number", "address", "phone", "disabled"
)
_household: Final = _Trusted(Household, "kk_number", "members", "address", "head_nik")
_phone_number: Final = _Trusted(PhoneNumber, "e164", "kind", "extension", "alternatives")
_address: Final = _Trusted(
    Address, "village_code", "street", "house_number", "rt", "rw", "dusun", "postal_code"
)
_request: Final = _Trusted(
    DocumentRequest, "id", "nik", "kind", "fulfilment", "requested_on", "address", "collect_at"
)
_document: Final = _Trusted(
    Document, "id", "kind", "owner_nik", "issue_date", "number", "replaces_card"
)
_shipment: Final = _Trusted(
    Shipment, "tracking_number", "documents", "address", "service", "events"
)


def _phone(rng: random.Random) -> PhoneNumber:
    # Generated directly in E.164 form; the shapes are those phonenumbers classifies as
    # mobile numbers (8 and an operator digit, 9-12 digits in all).
    rest = "".join(rng.choice("0123456789") for _ in range(rng.choice((7, 8, 8))))
    e164 = f"+628{rng.choice(OPERATOR_PREFIXES)[1:]}{rest}"
    return _phone_number(e164=e164, kind=PhoneKind.MOBILE, extension=None, alternatives=())


def population(
    n_residents: int,
    *,
    regency: str = "3216",
    seed: int | random.Random | None = None,
    as_of: dt.date = DEFAULT_AS_OF,
    phone_share: float = 0.8,
) -> Population:
    """Generate ``n_residents`` residents of ``regency`` in households of 1 to 7 members.

    Args:
        n_residents: how many residents.
        regency: a current regency, by code or name (``"3216"``, ``"Kab. Bekasi"``).
        seed: an int or a ``random.Random``.
        as_of: the reference day: ages are counted on it and issue dates are before it.
        phone_share: the share of adults with a phone number.

    Returns:
        The :class:`Population`.

    Raises:
        InvalidType: arguments of the wrong type.
        ValidationError: a count beyond 10,000,000, a regency that is not a current one, a
            share outside 0-1.
    """
    n_residents = whole_number(n_residents, field="n_residents", maximum=10_000_000)
    phone_share = real_number(phone_share, field="phone_share", minimum=0.0, maximum=1.0)
    as_of = date_value(as_of, field="as_of")
    region = regions.get(
        regions.resolve(
            regency, level=regions.RegionLevel.REGENCY, field="regency", current=True
        ).code
    )
    rng = _rng(seed)
    districts = regions.children(region.code)
    villages = {d.code: regions.children(d.code) for d in districts}
    postal = {v.code: regions.postal_code(v.code) for vs in villages.values() for v in vs}
    households: list[Household] = []
    residents: list[Resident] = []
    used_niks: set[str] = set()
    serial = 0
    while len(residents) < n_residents:
        size = min(n_residents - len(residents), rng.choice((1, 2, 3, 3, 4, 4, 4, 5, 5, 6, 7)))
        district = rng.choice(districts).code
        village = rng.choice(villages[district])
        address = _address(
            village_code=village.code,
            street=rng.choice(STREETS),
            house_number=str(rng.randint(1, 250)),
            rt=f"{rng.randint(1, 20):03d}",  # RT and RW in their canonical three digits
            rw=f"{rng.randint(1, 15):03d}",
            dusun=None,
            postal_code=postal[village.code],
        )
        serial += 1
        issued = _date_between(rng, dt.date(2005, 1, 1), as_of - dt.timedelta(days=1))
        kk = kk_number_for(district, issued, serial % 9999 + 1)
        family = rng.choice(LAST_NAMES)
        members = []
        for index in range(size):
            if index < 2:  # the parents
                born = _date_between(rng, years_before(as_of, 80), years_before(as_of, 20))
            else:
                born = _date_between(rng, years_before(as_of, 30), as_of - dt.timedelta(days=1))
            sex = Sex.MALE if (index == 0) != (rng.random() < 0.1) else Sex.FEMALE
            if index >= 2:
                sex = rng.choice((Sex.MALE, Sex.FEMALE))
            # The NIK's district: mostly the household's, sometimes elsewhere in the regency
            # (people move; the NIK keeps the district of first registration).
            nik_district = district if rng.random() < 0.85 else rng.choice(districts).code
            nik = nik_for(nik_district, born, sex, rng.randint(1, 9999))
            while nik in used_niks:
                nik = nik_for(nik_district, born, sex, rng.randint(1, 9999))
            used_niks.add(nik)
            adult = (as_of - born).days >= 17 * 365
            members.append(
                _resident(
                    nik=nik,
                    name=f"{rng.choice(FIRST_NAMES)} {family}",
                    sex=sex,
                    birth_date=born,
                    kk_number=kk,
                    address=address,
                    phone=_phone(rng) if adult and rng.random() < phone_share else None,
                    disabled=rng.random() < 0.02,
                )
            )
        households.append(
            _household(
                kk_number=kk, members=tuple(members), address=address, head_nik=members[0].nik
            )
        )
        residents.extend(members)
    return Population(
        households=tuple(households), residents=tuple(residents), regency=region.code,
        as_of=as_of,
    )  # fmt: skip


def requests(
    residents: Sequence[Resident],
    *,
    seed: int | random.Random | None = None,
    kind: DocumentKind = DocumentKind.KTP_EL,
    delivery_share: float = 0.7,
    requested_between: tuple[dt.date, dt.date] = (dt.date(2019, 3, 1), dt.date(2020, 3, 13)),
) -> tuple[DocumentRequest, ...]:
    """One request per resident, for ``kind``; ``delivery_share`` of them choose delivery,
    the rest collection at the Dinas or the post office.

    Args:
        residents: the residents.
        seed: an int or a ``random.Random``.
        kind: the document kind requested.
        delivery_share: the share that choose delivery (0-1).
        requested_between: the range of request days.

    Returns:
        The requests, one per resident, in order.

    Raises:
        InvalidType: arguments of the wrong type.
        ValidationError: a share outside 0-1, or an empty range of days.
    """
    return tuple(
        iter_requests(
            residents, seed=seed, kind=kind, delivery_share=delivery_share,
            requested_between=requested_between,
        )
    )  # fmt: skip


def iter_requests(
    residents: Sequence[Resident],
    *,
    seed: int | random.Random | None = None,
    kind: DocumentKind = DocumentKind.KTP_EL,
    delivery_share: float = 0.7,
    requested_between: tuple[dt.date, dt.date] = (dt.date(2019, 3, 1), dt.date(2020, 3, 13)),
) -> Iterator[DocumentRequest]:
    """The requests of :func:`requests`, one at a time: a caller that decides each and keeps
    only the answer holds none of them (the national campaign does). The arguments are
    checked at the call, before the first request.

    Args:
        residents: the residents.
        seed: an int or a ``random.Random`` (drawn from as the requests are taken).
        kind: the document kind requested.
        delivery_share: the share that choose delivery (0-1).
        requested_between: the range of request days.

    Returns:
        An iterator of the requests, one per resident, in order.

    Raises:
        InvalidType: arguments of the wrong type.
        ValidationError: a share outside 0-1, or an empty range of days.

    >>> people = population(5, seed=1).residents
    >>> stream = iter_requests(people, seed=1)
    >>> next(stream).id
    'REQ-0000001'
    """
    people = tuple_of(residents, Resident, field="residents")
    delivery_share = real_number(delivery_share, field="delivery_share", minimum=0.0, maximum=1.0)
    kind = enum_member(kind, DocumentKind, field="kind")
    return _request_stream(people, _rng(seed), kind, delivery_share, _day_range(requested_between))


def _request_stream(
    people: Sequence[Resident],
    rng: random.Random,
    kind: DocumentKind,
    delivery_share: float,
    days: tuple[dt.date, dt.date],
) -> Iterator[DocumentRequest]:
    """:func:`iter_requests` of checked arguments."""
    first, last = days
    for index, resident in enumerate(people):
        deliver = rng.random() < delivery_share and resident.address is not None
        yield _request(
            id=f"REQ-{index + 1:07d}",
            nik=resident.nik,
            kind=kind,
            fulfilment=Fulfilment.DELIVER if deliver else Fulfilment.COLLECT,
            requested_on=_date_between(rng, first, last),
            address=resident.address if deliver else None,
            collect_at=None
            if deliver
            else rng.choice((CollectionPoint.DINAS, CollectionPoint.POST_OFFICE)),
        )


def batch(
    residents: Sequence[Resident],
    *,
    batch_id: str = "BKS-2020-03-20",
    kind: DocumentKind = DocumentKind.KTP_EL,
    issued: dt.date = dt.date(2020, 3, 2),
    seed: int | random.Random | None = None,
) -> Batch:
    """A handover batch: one ``kind`` document per resident (with an address), packed one
    shipment per household address, with S10 tracking numbers. No events yet.

    Args:
        residents: the residents; those without an address get no document.
        batch_id: the handover's id.
        kind: the document kind.
        issued: the documents' issue day.
        seed: an int or a ``random.Random``.

    Returns:
        The :class:`~adminduk_delivery.batches.Batch`.

    Raises:
        InvalidType: arguments of the wrong type.
        ValidationError: more than 10,000,000 residents, or a bad batch id.
    """
    people = tuple_of(residents, Resident, field="residents")
    if len(people) > 10_000_000:
        raise ValidationError("at most 10,000,000 residents", field="residents", code="range")
    kind = enum_member(kind, DocumentKind, field="kind")
    issued = date_value(issued, field="issued")
    batch_id = identifier(batch_id, field="batch_id")
    rng = _rng(seed)
    by_address: dict[Address, list[Document]] = {}
    for index, resident in enumerate(people):
        if resident.address is None:
            continue
        doc = _document(
            id=f"{batch_id}-{index + 1:07d}",
            kind=kind,
            owner_nik=resident.nik,
            issue_date=issued,
            number=None,
            replaces_card=kind.properties.is_card and rng.random() < 0.1,
        )
        by_address.setdefault(resident.address, []).append(doc)
    documents = [d for docs in by_address.values() for d in docs]
    serials = rng.sample(range(100_000_000), len(by_address))
    shipments = [
        _shipment(
            tracking_number=build_s10("RR", serial),
            documents=tuple(docs),
            address=address,
            service="ANTARAN DUKCAPIL",
            events=(),
        )
        for serial, (address, docs) in zip(serials, by_address.items(), strict=True)
    ]
    return Batch(id=batch_id, documents=documents, shipments=shipments)
