"""Dispatch over days: which day, office and route each household's shipment goes out on,
under each office's couriers and the routing limits; and the courier's manifest.

A Dinas hands a batch to the post office in one go (Kabupaten Bekasi, 20 March 2020:
132,000 e-KTP), but an office has so many couriers: the batch goes out over days.
:func:`dispatch` plans one working day after another with :func:`~adminduk_delivery.routing.plan`
(each office's couriers are its routes for the day; what does not fit is carried to the next
working day) until every household has a day, so that each resident can be told when to
expect the card.

>>> import datetime as dt
>>> from adminduk_delivery import dispatch, synthetic
>>> people = synthetic.population(400, regency="3216", seed=7)
>>> batch = synthetic.batch(people.residents, seed=7)
>>> schedule = dispatch.dispatch(batch, start=dt.date(2020, 3, 20), capacity=10, couriers=1)
>>> for d in schedule.days:
...     print(d.day.isoformat(), len(d.plan.routes), d.plan.items)
2020-03-20 23 188
2020-03-21 18 120
2020-03-23 10 68
2020-03-24 3 19
2020-03-26 1 5
>>> schedule.last_day, len(schedule.unscheduled)
(datetime.date(2020, 3, 26), 0)

(25 March 2020 was Nyepi, a national holiday: no courier went out.)

The courier's manifest (:func:`manifest`) carries only what delivery needs: the tracking
number, the names as printed, the address, a phone number, the documents' kinds and who may
receive them; never a NIK or KK number.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final

import attrs

from . import regions, routing
from ._convert import checked, date_value, tuple_of, whole_number
from .batches import Batch
from .errors import InvalidType, ValidationError
from .labels import LANGUAGES, Language, checked_language, label
from .policy import Policy, RecipientRule
from .residents import Resident
from .routing import RoutePlan, Stop, Unassigned
from .shipments import Shipment, require_distinct
from .workdays import COURIER_WEEK, WorkCalendar

__all__ = ["Dispatch", "DispatchDay", "dispatch", "manifest"]

DEFAULT_MAX_DAYS: Final = 366
"""The most working days :func:`dispatch` plans by default."""


def _day(value: object) -> dt.date:
    return date_value(value, field="day")


def _plan(value: object) -> RoutePlan:
    return checked(value, RoutePlan, field="plan")


@attrs.frozen(kw_only=True)
class DispatchDay:
    """One working day's routes.

    Attributes:
        day: the working day.
        plan: the day's routes (at most each office's couriers), without the stops carried
            to a later day.

    Raises:
        InvalidType: a day that is not a date, a plan that is not a RoutePlan.
        ValidationError: a plan with unassigned stops (code ``inconsistent``: they are the
            dispatch's ``unscheduled``, or carried to a later day).
    """

    day: dt.date = attrs.field(converter=_day)
    plan: RoutePlan = attrs.field(converter=_plan)

    def __attrs_post_init__(self) -> None:
        if self.plan.unassigned:
            raise ValidationError(
                "a day's plan has no unassigned stops", field="plan", code="inconsistent"
            )


def _days(value: Any) -> tuple[DispatchDay, ...]:
    return tuple_of(value, DispatchDay, field="days")


def _unscheduled(value: Any) -> tuple[Unassigned, ...]:
    return tuple_of(value, Unassigned, field="unscheduled")


def _shipment_count(value: object) -> int:
    return whole_number(value, field="shipments")


@attrs.frozen(kw_only=True)
class Dispatch:
    """A batch's shipments spread over working days.

    Attributes:
        days: the working days from the start to the last day with a route, in order (a day
            on which no office could take anything is listed with an empty plan).
        unscheduled: stops that no day can take (more items than a route holds, a round trip
            beyond the shift or the distance budget, an office without couriers, or beyond
            ``max_days``), with the reason and code.
        shipments: the number of shipments dispatched or unscheduled (each in exactly one).

    Raises:
        InvalidType: a field of the wrong type.
        ValidationError: days out of order (code ``out_of_order``); a stop on two days, or
            dispatched and unscheduled (code ``duplicate``); a number of shipments other
            than the stops' (code ``inconsistent``).
    """

    days: tuple[DispatchDay, ...] = attrs.field(converter=_days)
    unscheduled: tuple[Unassigned, ...] = attrs.field(converter=_unscheduled)
    shipments: int = attrs.field(converter=_shipment_count)

    def __attrs_post_init__(self) -> None:
        dates = [d.day for d in self.days]
        if any(a >= b for a, b in itertools.pairwise(dates)):
            raise ValidationError(
                "the days are in order, each once", field="days", code="out_of_order"
            )
        stops = [s for d in self.days for r in d.plan.routes for s in r.stops]
        stops.extend(u.stop for u in self.unscheduled)
        if len({s.id for s in stops}) != len(stops):
            raise ValidationError(
                "a stop goes out on one day or is unscheduled, once",
                field="days",
                code="duplicate",
            )
        if self.shipments != sum(len(s.shipment_ids) for s in stops):
            raise ValidationError(
                "shipments counts the stops' shipments", field="shipments", code="inconsistent"
            )

    @property
    def last_day(self) -> dt.date | None:
        """The last day with a route (``None`` when nothing is dispatched)."""
        busy = [d.day for d in self.days if d.plan.routes]
        return busy[-1] if busy else None

    def day_of(self, tracking_number: str) -> dt.date | None:
        """The day a shipment goes out, or ``None`` when it is unscheduled or unknown.

        Args:
            tracking_number: the shipment's tracking number (canonical form).

        Returns:
            The day.

        Raises:
            InvalidType: ``tracking_number`` is not a string.
        """
        if not isinstance(tracking_number, str):
            raise InvalidType("a tracking number is a string", field="tracking_number")
        return self._days().get(tracking_number)

    def _days(self) -> dict[str, dt.date]:
        return {
            number: day.day
            for day in self.days
            for route in day.plan.routes
            for stop in route.stops
            for number in stop.shipment_ids
        }

    def records(self) -> list[dict[str, Any]]:
        """One record per shipment (for pandas): ``tracking_number``, ``day`` (``None`` when
        unscheduled), ``office``, ``route`` (the route's number within its office and day, from
        1), ``position`` (the stop's place on the route, from 1), ``code`` (why it is
        unscheduled, else ``None``); dispatched shipments by day, office, route and position,
        then the unscheduled ones.

        Returns:
            The records, one per shipment; every shipment of the dispatch is in exactly one.

        Raises:
            Nothing: the dispatch is already planned.
        """
        out: list[dict[str, Any]] = []
        for day in self.days:
            numbers: dict[str, int] = {}
            for route in day.plan.routes:
                numbers[route.office] = numbers.get(route.office, 0) + 1
                for position, stop in enumerate(route.stops, start=1):
                    out.extend(
                        {
                            "tracking_number": number,
                            "day": day.day,
                            "office": route.office,
                            "route": numbers[route.office],
                            "position": position,
                            "code": None,
                        }
                        for number in stop.shipment_ids
                    )
        out.extend(
            {
                "tracking_number": number,
                "day": None,
                "office": None,
                "route": None,
                "position": None,
                "code": left.code,
            }
            for left in self.unscheduled
            for number in left.stop.shipment_ids
        )
        return out

    def per_day(self) -> list[dict[str, Any]]:
        """One record per day: ``day``, ``routes``, ``stops``, ``items``, and ``remaining``
        (the shipments' stops still to go after the day).

        Returns:
            The records, in the order of the days (for pandas or a CSV writer).

        Raises:
            Nothing: the dispatch is already planned.
        """
        remaining = sum(len(r.stops) for d in self.days for r in d.plan.routes)
        out = []
        for day in self.days:
            stops = sum(len(r.stops) for r in day.plan.routes)
            remaining -= stops
            out.append(
                {
                    "day": day.day,
                    "routes": len(day.plan.routes),
                    "stops": stops,
                    "items": day.plan.items,
                    "remaining": remaining,
                }
            )
        return out


def _shipments(value: object) -> tuple[Shipment, ...]:
    if isinstance(value, Batch):
        return value.shipments
    return require_distinct(value)  # type: ignore[arg-type]


def dispatch(
    shipments: Batch | Iterable[Shipment],
    *,
    start: dt.date,
    capacity: int,
    couriers: int | Mapping[str, int] | None,
    calendar: WorkCalendar | None = None,
    office_of: Callable[[Stop], str] | None = None,
    locate: Callable[[Shipment], tuple[float, float] | None] | None = None,
    depot: tuple[float, float] | Mapping[str, tuple[float, float]] | None = None,
    max_stops: int | None = None,
    max_minutes: float | None = None,
    service_minutes: float = 0.0,
    speed_kmh: float | None = None,
    rounds: int | None = 0,
    seed: int = 0,
    max_days: int = DEFAULT_MAX_DAYS,
    policy: Policy | None = None,
) -> Dispatch:
    """Spread shipments over working days, each office's couriers a route each per day.

    The shipments of one household address become one stop
    (:func:`~adminduk_delivery.routing.stops_from_shipments`); under a ``policy`` with
    village-office areas, the shipments there are taken to the village office instead, one
    stop per village of at most ``capacity`` items
    (:func:`~adminduk_delivery.routing.village_office_stops`). On each working day from
    ``start`` (the ``calendar``'s; by default the couriers' Monday-Saturday week with
    Indonesian holidays), :func:`~adminduk_delivery.routing.plan` routes the stops still
    waiting under the limits given, with ``couriers`` routes per office at most; the stops
    it leaves out for want of couriers wait for the next working day. Stops that no day can
    take (more items than a route holds, beyond the shift or the distance budget, an office
    with no couriers) are listed as unscheduled, never dropped.

    Args:
        shipments: a :class:`~adminduk_delivery.batches.Batch` or its shipments; every
            shipment is dispatched, whatever its status (pass those still to deliver).
        start: the first day a courier may go out (the handover day, if it is a working day).
        capacity: the most items on one route.
        couriers: each office's couriers per working day: one number for every office, or
            office -> number (``None``: no limit, as for
            :func:`~adminduk_delivery.routing.plan`: every stop that fits goes out on the
            first day).
        calendar: the couriers' working days.
        office_of: which office serves a stop (default: its district code).
        locate: a stop's coordinates from its first shipment (for geometric routes, measured
            distances and the travel part of a shift); without it routes follow the address.
        depot, max_stops, max_minutes, service_minutes, speed_kmh, seed: as for
            :func:`~adminduk_delivery.routing.plan`.
        rounds: search rounds per day's plan (default 0: construction and local search,
            fast enough for a regency's hundred thousand households).
        max_days: the most working days to plan.
        policy: the programme's policy, for its village-office areas. With ``locate``, a
            village office's stop is at the village's point of the packaged data
            (:func:`~adminduk_delivery.regions.point`), as the library knows no office's
            place; a village without one leaves its office planned by address.

    Returns:
        The :class:`Dispatch`.

    Raises:
        ValidationError: bad limits (as :func:`~adminduk_delivery.routing.plan`), a bad
            ``max_days``, or a tracking number twice (code ``duplicate``).
        InvalidType: arguments of the wrong type.
    """
    day = date_value(start, field="start")
    work = checked(calendar, WorkCalendar, field="calendar") if calendar is not None else None
    work = work or WorkCalendar(weekdays=COURIER_WEEK)
    max_days = whole_number(max_days, field="max_days", minimum=1, maximum=3660)
    if locate is not None and not callable(locate):
        raise InvalidType("locate is a callable", field="locate")
    items = _shipments(shipments)
    if policy is not None:
        checked(policy, Policy, field="policy")
    to_office: list[Shipment] = []
    homes: list[Shipment] = []
    for shipment in items:
        at_office = policy is not None and policy.village_office_serves(shipment.address)
        (to_office if at_office else homes).append(shipment)
    stops = list(routing.stops_from_shipments(homes))
    if locate is not None:
        by_number = {s.tracking_number: s for s in items}
        stops = [_located(stop, locate(by_number[stop.shipment_ids[0]])) for stop in stops]
    offices = routing.village_office_stops(to_office, capacity=capacity) if to_office else ()
    if locate is not None:
        offices = tuple(_located(stop, regions.point(stop.village_code)) for stop in offices)
    stops.extend(offices)
    limits: dict[str, Any] = {
        "capacity": capacity,
        "couriers": couriers,
        "office_of": office_of,
        "depot": depot,
        "max_stops": max_stops,
        "max_minutes": max_minutes,
        "service_minutes": service_minutes,
        "speed_kmh": speed_kmh,
        "rounds": rounds,
        "seed": seed,
    }
    routing.plan([], **limits)  # the limits are checked even when nothing is to go out
    days: list[DispatchDay] = []
    unscheduled: list[Unassigned] = []
    waiting = stops
    if not work.is_working_day(day):
        day = work.add_working_days(day, 1)
    while waiting and len(days) < max_days:
        result = routing.plan(waiting, **limits)
        carried = [u.stop for u in result.unassigned if u.code == "couriers"]
        unscheduled.extend(u for u in result.unassigned if u.code != "couriers")
        if not result.routes and carried:
            # No office could take anything: their stops wait for couriers that never come.
            unscheduled.extend(
                Unassigned(
                    stop=stop,
                    reason="the office has no couriers on any day",
                    code="couriers",
                )
                for stop in carried
            )
            carried = []
        days.append(
            DispatchDay(
                day=day,
                plan=RoutePlan(routes=result.routes, unassigned=(), capacity=result.capacity),
            )
        )
        waiting = carried
        day = work.add_working_days(day, 1)
    unscheduled.extend(
        Unassigned(
            stop=stop,
            reason=f"not dispatched within {max_days} working days",
            code="max_days",
        )
        for stop in waiting
    )
    unscheduled.sort(key=lambda u: u.stop.id)
    return Dispatch(days=tuple(days), unscheduled=tuple(unscheduled), shipments=len(items))


def _located(stop: Stop, point: object) -> Stop:
    if point is None:
        return stop
    if not isinstance(point, tuple) or len(point) != 2:
        raise InvalidType("locate returns a (lat, lon) pair or None", field="locate")
    return attrs.evolve(stop, lat=point[0], lon=point[1])


# --------------------------------------------------------------------------------------------
# The courier's manifest

_WHO: Final = {
    RecipientRule.OWNER_ONLY: (
        "hanya pemilik dokumen, dengan KTP-el",
        "the document's owner only, with their KTP-el",
    ),
    RecipientRule.HOUSEHOLD: (
        "pemilik, atau anggota keluarga dalam KK yang sama berusia {age}+",
        "the owner, or a member of the same KK aged {age} or over",
    ),
}
_FALLBACK: Final = (
    "; aparat desa bila tidak ada yang dapat menerima",
    "; a village official when nobody else can receive",
)
_VILLAGE_OFFICE: Final = (
    "; aparat desa (wilayah antar ke kantor desa)",
    "; a village official (a village-office area)",
)


def _may_receive(policy: Policy, shipment: Shipment, language: Language) -> str:
    """Who may sign for ``shipment`` under ``policy``, in a line for the courier (the rules
    themselves are :func:`~adminduk_delivery.policy.recipient_eligibility`'s)."""
    index = LANGUAGES.index(language)
    who = _WHO[policy.recipients][index].format(age=policy.min_recipient_age)
    if policy.village_office_serves(shipment.address):
        return who + _VILLAGE_OFFICE[index]
    return who + _FALLBACK[index] if policy.village_official_fallback else who


def manifest(
    shipments: Batch | Iterable[Shipment],
    residents: Iterable[Resident],
    *,
    policy: Policy | None = None,
    schedule: Dispatch | None = None,
    language: Language = "id",
) -> list[dict[str, Any]]:
    """The courier's manifest: one record per shipment with only what delivery needs.

    Data minimisation (UU 27/2022 PDP): no NIK, no KK number, no birth date. A record has
    ``tracking_number``, ``names`` (the documents' owners as printed, in the shipment's
    order), ``address`` (one line), ``phone`` (the first owner's with a phone, as dialled in
    Indonesia, or ``""``), ``documents`` (their kinds' labels), ``may_receive`` (who may
    sign for them under ``policy``: a village official too where the policy has its
    fallback, or where the address lies in its village-office areas; ``""`` without a
    policy), and, with a ``schedule``,
    ``day``, ``office``, ``route`` and ``position``.

    Args:
        shipments: a batch or its shipments.
        residents: the residents who own the documents (others are ignored).
        policy: the programme's policy, for who may receive.
        schedule: a :class:`Dispatch` of these shipments, for the day and route.
        language: ``"id"`` or ``"en"`` for the labels.

    Returns:
        The records, in the schedule's order when there is one, else in the shipments'.

    Raises:
        ValidationError: a document whose owner is not among ``residents`` (code
            ``unknown_owner``; the message names the document id, not the NIK), or a
            tracking number twice (code ``duplicate``).
        InvalidType: arguments of the wrong type.
    """
    items = _shipments(shipments)
    people = {r.nik: r for r in tuple_of(residents, Resident, field="residents")}
    language = checked_language(language)
    if policy is not None:
        checked(policy, Policy, field="policy")
    if schedule is not None:
        checked(schedule, Dispatch, field="schedule")
    placed: dict[str, dict[str, Any]] = {}
    if schedule is not None:
        placed = {r["tracking_number"]: r for r in schedule.records()}
    out = []
    for shipment in items:
        owners: list[Resident] = []
        for document in shipment.documents:
            owner = people.get(document.owner_nik)
            if owner is None:
                raise ValidationError(
                    f"the owner of document {document.id} is not among the residents",
                    field="residents",
                    code="unknown_owner",
                )
            if owner not in owners:
                owners.append(owner)
        phone = next((o.phone.national for o in owners if o.phone is not None), "")
        record: dict[str, Any] = {
            "tracking_number": shipment.tracking_number,
            "names": ", ".join(o.name for o in owners),
            "address": shipment.address.to_text(),
            "phone": phone,
            "documents": ", ".join(label(d.kind, language) for d in shipment.documents),
            "may_receive": "" if policy is None else _may_receive(policy, shipment, language),
        }
        if schedule is not None:
            where = placed.get(shipment.tracking_number, {})
            for key in ("day", "office", "route", "position"):
                record[key] = where.get(key)
        out.append(record)
    if schedule is not None:
        order = {number: i for i, number in enumerate(placed)}
        out.sort(key=lambda r: order.get(r["tracking_number"], len(order)))
    return out
