"""The domain face of routing: stops, routes, plans, great-circle distances."""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Final

import attrs

from adminduk_delivery import _html
from adminduk_delivery import regions as _regions
from adminduk_delivery._convert import (
    checked,
    filled,
    neighbourhood,
    real,
    real_number,
    reported_as,
    text,
    tuple_of,
    whole_number,
)
from adminduk_delivery.errors import InvalidType, ValidationError
from adminduk_delivery.shipments import Shipment, require_distinct

EARTH_RADIUS_KM: Final = 6371.0088


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The great-circle distance in km between two (latitude, longitude) points.

    Args:
        a, b: the points, in degrees.

    Returns:
        The distance in km.

    Raises:
        InvalidType: a point that is not a pair of numbers.
        ValidationError: a latitude outside -90..90 or a longitude outside -180..180.

    >>> round(haversine_km((-6.2, 106.8), (-6.3, 107.1)), 1)
    35.0
    """
    return _great_circle_km(_point(a, "a"), _point(b, "b"))


def _great_circle_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """:func:`haversine_km` of points already checked (a plan's own)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


# --------------------------------------------------------------------------------------------
# Stops


def _text(value: object) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidType(f"expected text, got {type(value).__name__}", field="stop")
    return " ".join(value.split())


def _neighbourhood(value: object) -> str:
    return neighbourhood(value, field="rt_rw") or ""


def _point(value: object, field: str) -> tuple[float, float]:
    if type(value) is tuple and len(value) == 2:
        # The common case, a pair of floats in range, checked without conversions (a
        # caller's distance function may call haversine_km for every leg).
        lat, lon = value
        if (
            type(lat) is float
            and type(lon) is float
            and -90.0 <= lat <= 90.0
            and -180.0 <= lon <= 180.0
        ):
            return (lat, lon)
    if not isinstance(value, tuple | list) or len(value) != 2:
        raise InvalidType(f"{field} is a (latitude, longitude) pair", field=field)
    return (
        real_number(value[0], field=field, minimum=-90.0, maximum=90.0),
        real_number(value[1], field=field, minimum=-180.0, maximum=180.0),
    )


def _village(value: object) -> str:
    code = _regions.compact(value)
    region = _regions.get(code)
    if region.level is not _regions.RegionLevel.VILLAGE or region.retired:
        raise ValidationError(
            "a stop needs a current village code", field="village_code", code="level"
        )
    return code


def _coordinate(limit: float) -> Callable[[object], float | None]:
    def convert(value: object) -> float | None:
        if value is None:
            return None
        number = real(value)
        if number is None:
            raise InvalidType("a coordinate is a number", field="coordinates")
        if math.isnan(number):  # a data frame's empty cell, most likely
            raise ValidationError(
                "a coordinate is a number, not NaN (None: a stop without coordinates)",
                field="coordinates",
                code="range",
            )
        if not -limit <= number <= limit:
            raise ValidationError(
                f"a coordinate is within +-{limit}", field="coordinates", code="range"
            )
        return number

    return convert


_lat = _coordinate(90.0)
_lon = _coordinate(180.0)


def _latitude(value: object) -> float | None:
    return _lat(value)


def _longitude(value: object) -> float | None:
    return _lon(value)


def _checked_point(value: object, *, field: str, shape: str) -> tuple[float, float]:
    """A (lat, lon) pair given beside the stops (a depot, a distance table's point), each
    coordinate checked as a stop's is; ``shape`` says what ``field`` holds, for messages."""
    lat_lon = []
    for axis, check in enumerate((_latitude, _longitude)):
        try:
            raw = value[axis]  # type: ignore[index]
        except (TypeError, IndexError, KeyError):
            raise InvalidType(shape, field=field) from None
        checked = reported_as(field, check, raw)
        if checked is None:
            raise InvalidType(f"{shape} of numbers", field=field)
        lat_lon.append(checked)
    return lat_lon[0], lat_lon[1]


def _items(value: object) -> int:
    return whole_number(value, field="items", minimum=1)


def _ids(value: Iterable[str]) -> tuple[str, ...]:
    return tuple_of(value, str, field="shipment_ids")


@attrs.frozen
class Stop:
    """One household address on a route, with the number of items for it.

    The fields may be given by position, in the order shown (the routing contract); all are
    validated on construction.

    Attributes:
        id: unique within a plan.
        village_code: the current village (desa/kelurahan) code.
        rt, rw: canonical 3-digit strings, or ``""`` when unknown (RT before RW, as in
            :class:`~adminduk_delivery.address.Address` and in Indonesian usage; earlier
            versions took RW first, so give them by keyword).
        street, house_number: as written.
        items: documents to hand over at this stop (1 or more).
        lat, lon: the stop's coordinates, when known (both or neither).
        shipment_ids: the tracking numbers of the shipments consolidated into this stop.
    """

    id: str = attrs.field(converter=_text)
    village_code: str = attrs.field(converter=_village)
    rt: str = attrs.field(converter=_neighbourhood)
    rw: str = attrs.field(converter=_neighbourhood)
    street: str = attrs.field(default="", converter=_text)
    house_number: str = attrs.field(default="", converter=_text)
    items: int = attrs.field(default=1, converter=_items)
    lat: float | None = attrs.field(default=None, converter=_latitude)
    lon: float | None = attrs.field(default=None, converter=_longitude)
    shipment_ids: tuple[str, ...] = attrs.field(default=(), converter=_ids, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if not self.id:
            raise ValidationError("a stop has an id", field="id", code="empty")
        if (self.lat is None) != (self.lon is None):
            raise ValidationError(
                "give both lat and lon, or neither", field="coordinates", code="incomplete"
            )

    @property
    def point(self) -> tuple[float, float] | None:
        """(lat, lon) when known."""
        return None if self.lat is None or self.lon is None else (self.lat, self.lon)

    @property
    def district_code(self) -> str:
        return self.village_code[:6]


def household_stop(shipments: Iterable[Any]) -> Stop:
    """One stop for the shipments of one household address.

    The stop's id is the first tracking number, its ``items`` the number of documents, its
    ``shipment_ids`` the tracking numbers in order, and its address the first shipment's
    (:func:`stops_from_shipments` groups the shipments that share an address; the
    simulation makes one stop per shipment with this too, outside a policy's
    village-office areas).

    Args:
        shipments: :class:`~adminduk_delivery.shipments.Shipment` objects (one or more).

    Returns:
        The stop.

    Raises:
        InvalidType: ``shipments`` is not a collection of shipments.
        ValidationError: no shipments (code ``empty``), a tracking number twice (code
            ``duplicate``).
    """
    members = sorted(require_distinct(shipments), key=lambda s: s.tracking_number)
    if not members:
        raise ValidationError("a stop needs a shipment", field="shipments", code="empty")
    return _household_stop(members)


def _household_stop(members: Sequence[Shipment]) -> Stop:
    """:func:`household_stop` of shipments already checked and in tracking-number order."""
    a = members[0].address
    return Stop(
        id=members[0].tracking_number,
        village_code=a.village_code,
        rt=a.rt or "",
        rw=a.rw or "",
        street=a.street,
        house_number=a.house_number,
        items=sum(len(s.documents) for s in members),
        shipment_ids=tuple(s.tracking_number for s in members),
    )


def stops_from_shipments(shipments: Iterable[Any]) -> tuple[Stop, ...]:
    """Consolidate shipments into stops: one stop per household address.

    Shipments whose addresses agree on village, RW, RT, street and house number (compared
    without case or spacing) become one stop (:func:`household_stop`): its ``items`` is the
    number of documents and its ``shipment_ids`` are their tracking numbers. Stops come out
    in walk order of their addresses; a stop's id is its first tracking number.

    Args:
        shipments: :class:`~adminduk_delivery.shipments.Shipment` objects.

    Returns:
        The stops, in walk order.

    Raises:
        InvalidType: ``shipments`` is not a collection of shipments.
        ValidationError: a tracking number twice (code ``duplicate``: its documents would be
            counted twice).
    """
    groups: dict[tuple[str, ...], list[Any]] = {}
    for shipment in require_distinct(shipments):
        a = shipment.address
        key = (
            a.village_code,
            a.rw or "",
            a.rt or "",
            a.street.casefold(),
            a.house_number.casefold(),
        )
        groups.setdefault(key, []).append(shipment)
    stops = [
        _household_stop(sorted(members, key=lambda s: s.tracking_number))
        for members in groups.values()
    ]
    return tuple(sorted(stops, key=_address_key))


VILLAGE_OFFICE: Final = "Kantor Desa"
"""The street of a stop at the village office (:func:`village_office_stops`)."""


def village_office_stops(
    shipments: Iterable[Any], *, capacity: int | None = None
) -> tuple[Stop, ...]:
    """Stops at the village office for shipments that a village official receives for the
    residents (a policy's :attr:`~adminduk_delivery.policy.Policy.village_office_areas`):
    one stop per village, or, where its documents are more than ``capacity``, several of at
    most ``capacity`` items each.

    A stop's street is :data:`VILLAGE_OFFICE`, it has no RT, RW or house number, and, like a
    household's stop, its id is its first tracking number, its ``items`` the number of
    documents and its ``shipment_ids`` the tracking numbers. A village's shipments are
    taken in tracking-number order, each into the first of the village's stops with room
    for it (a new one where none has); a shipment of more than ``capacity`` documents is a
    stop of its own (which no route can take: a plan reports it as unassigned).

    Args:
        shipments: :class:`~adminduk_delivery.shipments.Shipment` objects.
        capacity: the most items on one route (``None``: one stop per village).

    Returns:
        The stops, by village code, each village's in the order they were filled.

    Raises:
        InvalidType: ``shipments`` is not a collection of shipments, or ``capacity`` is not
            a whole number.
        ValidationError: a tracking number twice (code ``duplicate``), or ``capacity``
            below 1 (code ``range``).

    >>> from adminduk_delivery import routing, synthetic
    >>> people = synthetic.population(200, regency="3216", seed=3)
    >>> batch = synthetic.batch(people.residents, seed=3)
    >>> here = [s for s in batch.shipments if s.address.village_code == "3216062006"]
    >>> [len(s.documents) for s in sorted(here, key=lambda s: s.tracking_number)]
    [4, 4, 2]
    >>> stops = routing.village_office_stops(here, capacity=6)
    >>> [(s.street, s.village_code, s.items, len(s.shipment_ids)) for s in stops]
    [('Kantor Desa', '3216062006', 6, 2), ('Kantor Desa', '3216062006', 4, 1)]
    """
    limit = None if capacity is None else whole_number(capacity, field="capacity", minimum=1)
    villages: dict[str, list[Any]] = {}
    for shipment in sorted(require_distinct(shipments), key=lambda s: s.tracking_number):
        villages.setdefault(shipment.address.village_code, []).append(shipment)
    stops: list[Stop] = []
    for village in sorted(villages):
        open_stops: list[list[Any]] = []
        loads: list[int] = []
        for shipment in villages[village]:
            size = len(shipment.documents)
            place = next(
                (i for i, load in enumerate(loads) if limit is None or load + size <= limit),
                None,
            )
            if place is None:
                open_stops.append([shipment])
                loads.append(size)
            else:
                open_stops[place].append(shipment)
                loads[place] += size
        stops.extend(
            Stop(
                id=members[0].tracking_number,
                village_code=village,
                rt="",
                rw="",
                street=VILLAGE_OFFICE,
                items=load,
                shipment_ids=tuple(s.tracking_number for s in members),
            )
            for members, load in zip(open_stops, loads, strict=True)
        )
    return tuple(stops)


_NUMBER_RUNS: Final = re.compile(r"(\d+)")


@functools.lru_cache(maxsize=65_536)  # streets and house numbers repeat from plan to plan
def _natural(text: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key that puts "No. 2" before "No. 10"."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part)
        for part in _NUMBER_RUNS.split(text.casefold())
        if part
    )


def _address_key(stop: Stop) -> tuple[Any, ...]:
    return (
        stop.village_code,
        stop.rw,
        stop.rt,
        _natural(stop.street),
        _natural(stop.house_number),
        stop.id,
    )


# --------------------------------------------------------------------------------------------
# Results (validated as a caller's values are: a plan may be read back from JSON)


def _office(value: object) -> str:
    return text(value, field="office")


def _route_stops(value: Any) -> tuple[Stop, ...]:
    stops = tuple_of(value, Stop, field="stops")
    if not stops:
        raise ValidationError("a route has a stop", field="stops", code="empty")
    return stops


def _route_items(value: object) -> int:
    return whole_number(value, field="items", minimum=1)


def _optional_amount(field: str) -> Callable[[object], float | None]:
    def convert(value: object) -> float | None:
        if value is None:
            return None
        return real_number(value, field=field, minimum=0.0, maximum=math.inf)

    return convert


_km = _optional_amount("distance_km")
_route_minutes = _optional_amount("minutes")


def _distance_km(value: object) -> float | None:
    return _km(value)


def _minutes(value: object) -> float | None:
    return _route_minutes(value)


def _stop(value: object) -> Stop:
    return checked(value, Stop, field="stop")


def _reason(value: object) -> str:
    return filled(value, field="reason")


def _unassigned_code(value: object) -> str:
    code = text(value, field="code")
    if code not in UNASSIGNED_CODES:
        raise ValidationError(
            f"code is one of {', '.join(UNASSIGNED_CODES)}", field="code", code="choice"
        )
    return code


def _routes(value: Any) -> tuple[Route, ...]:
    return tuple_of(value, Route, field="routes")


def _unassigned(value: Any) -> tuple[Unassigned, ...]:
    return tuple_of(value, Unassigned, field="unassigned")


def _capacity(value: object) -> int:
    return whole_number(value, field="capacity", minimum=1)


@attrs.frozen(kw_only=True)
class Route:
    """One courier's route: the office, the stops in visiting order, and what it carries.

    Attributes:
        office: the delivery office.
        stops: in visiting order (one or more).
        items: the items on the route, its stops' items (never more than the capacity).
        distance_km: depot to depot in km (great-circle, or the caller's distances); ``None``
            without coordinates.
        minutes: the route's duration (travel at the plan's speed plus service at each
            stop) when the plan has a shift limit; else ``None``.

    Raises:
        InvalidType: a field of the wrong type (stops that are not :class:`Stop` objects).
        ValidationError: no stops (code ``empty``), items other than the stops' (code
            ``inconsistent``), a negative or non-finite distance or duration (code ``range``).
    """

    office: str = attrs.field(converter=_office)
    stops: tuple[Stop, ...] = attrs.field(converter=_route_stops)
    items: int = attrs.field(converter=_route_items)
    distance_km: float | None = attrs.field(converter=_distance_km)
    minutes: float | None = attrs.field(default=None, converter=_minutes)

    def __attrs_post_init__(self) -> None:
        if self.items != sum(s.items for s in self.stops):
            raise ValidationError(
                "a route's items are its stops' items", field="items", code="inconsistent"
            )


UNASSIGNED_CODES: Final = {
    "capacity": "the stop has more items than a route holds",
    "distance": "the stop's round trip alone exceeds the distance budget",
    "shift": "the stop's round trip and service alone exceed the shift",
    "couriers": "the office's couriers were all on other routes",
    "max_days": "the stop was not dispatched within the days planned",
}
"""Why a stop can be unassigned (:attr:`Unassigned.code`), for dispatch to act on: a stop
left out for ``couriers`` fits another day; the others need a bigger vehicle or a longer
shift. ``max_days`` comes from :func:`~adminduk_delivery.dispatch.dispatch` only, for the
stops still waiting after its last day."""


@attrs.frozen(kw_only=True)
class Unassigned:
    """A stop that is on no route, and why.

    Attributes:
        stop: the stop.
        reason: for people.
        code: a key of :data:`UNASSIGNED_CODES`.

    Raises:
        InvalidType: a field of the wrong type.
        ValidationError: an empty reason (code ``empty``), a code that is not a key of
            :data:`UNASSIGNED_CODES` (code ``choice``).
    """

    stop: Stop = attrs.field(converter=_stop)
    reason: str = attrs.field(converter=_reason)
    code: str = attrs.field(default="capacity", converter=_unassigned_code)


@attrs.frozen(kw_only=True)
class RoutePlan:
    """Routes per office, stops left out with their reasons, and summary figures.

    Attributes:
        routes: the routes, each office's together.
        unassigned: the stops on no route, with their reasons.
        capacity: the most items on a route (1 or more).

    Raises:
        InvalidType: a field of the wrong type.
        ValidationError: a capacity below 1 (code ``range``), a route with more items than
            the capacity (code ``capacity``), a stop id on two routes or on a route and
            unassigned (code ``duplicate``: every stop is in exactly one place).
    """

    routes: tuple[Route, ...] = attrs.field(converter=_routes)
    unassigned: tuple[Unassigned, ...] = attrs.field(converter=_unassigned)
    capacity: int = attrs.field(converter=_capacity)

    def __attrs_post_init__(self) -> None:
        if any(r.items > self.capacity for r in self.routes):
            raise ValidationError(
                "a route holds at most the capacity", field="routes", code="capacity"
            )
        ids = [s.id for r in self.routes for s in r.stops]
        ids.extend(u.stop.id for u in self.unassigned)
        if len(set(ids)) != len(ids):
            raise ValidationError(
                "a stop is on one route or unassigned, once", field="routes", code="duplicate"
            )

    @property
    def total_distance_km(self) -> float | None:
        """The sum of the routes' distances (``None`` when any route has none)."""
        distances = [r.distance_km for r in self.routes]
        if any(d is None for d in distances):
            return None
        return sum(d for d in distances if d is not None)

    @property
    def items(self) -> int:
        """The items on all routes (the unassigned stops' not counted)."""
        return sum(r.items for r in self.routes)

    def summary(self) -> dict[str, Any]:
        """The plan's figures as one plain dict: offices, routes, stops, items, unassigned
        stops and their items, total and longest route in km (``None`` without coordinates),
        and the mean fill of the routes (items over capacity).

        Returns:
            The figures by name: ``offices``, ``routes``, ``stops``, ``items``,
            ``unassigned``, ``unassigned_items``, ``distance_km``, ``longest_km``,
            ``mean_fill`` (km and fill rounded to three decimals; ``mean_fill`` is ``None``
            for a plan without routes).

        Raises:
            Nothing: a plan is valid by construction.

        >>> stops = [Stop(f"s{i}", "3216202001", "1", "1", items=3) for i in range(5)]
        >>> plan(stops, capacity=7).summary()  # doctest: +NORMALIZE_WHITESPACE
        {'offices': 1, 'routes': 3, 'stops': 5, 'items': 15, 'unassigned': 0,
         'unassigned_items': 0, 'distance_km': None, 'longest_km': None, 'mean_fill': 0.714}
        """
        total = self.total_distance_km
        fills = [r.items / self.capacity for r in self.routes]
        return {
            "offices": len({r.office for r in self.routes}),
            "routes": len(self.routes),
            "stops": sum(len(r.stops) for r in self.routes),
            "items": self.items,
            "unassigned": len(self.unassigned),
            "unassigned_items": sum(u.stop.items for u in self.unassigned),
            "distance_km": None if total is None else round(total, 3),
            "longest_km": None
            if total is None or not self.routes
            else round(max(r.distance_km or 0.0 for r in self.routes), 3),
            "mean_fill": round(sum(fills) / len(fills), 3) if fills else None,
        }

    def records(self) -> list[dict[str, Any]]:
        """One plain dict per route (office, route number, stops, items, km, fill).

        Returns:
            The routes in the plan's order, each as ``office``, ``route`` (numbered from 1
            within its office), ``stops``, ``items``, ``distance_km`` (``None`` without
            coordinates) and ``fill`` (items over capacity), km and fill rounded to three
            decimals: rows for a table or a DataFrame.

        Raises:
            Nothing: a plan is valid by construction.

        >>> stops = [Stop(f"s{i}", "3216202001", "1", "1", items=3) for i in range(5)]
        >>> plan(stops, capacity=7).records()[0]
        {'office': '321620', 'route': 1, 'stops': 2, 'items': 6, 'distance_km': None, 'fill': 0.857}
        """
        numbers: dict[str, int] = {}
        records = []
        for route in self.routes:
            numbers[route.office] = numbers.get(route.office, 0) + 1
            records.append(
                {
                    "office": route.office,
                    "route": numbers[route.office],
                    "stops": len(route.stops),
                    "items": route.items,
                    "distance_km": None
                    if route.distance_km is None
                    else round(route.distance_km, 3),
                    "fill": round(route.items / self.capacity, 3),
                }
            )
        return records

    def _repr_html_(self) -> str:
        headers = ("office", "route", "stops", "items", "km", "fill")
        total = self.total_distance_km
        summary = (
            f"<p>{len(self.routes)} routes, {self.items} items"
            + ("" if total is None else f", {total:.1f} km")
            + f", {len(self.unassigned)} stops unassigned</p>"
        )
        return summary + _html.table(self.records(), headers=headers)


def points_of(stops: Iterable[Stop]) -> list[tuple[float, float]]:
    """The (lat, lon) of the stops that have them.

    Args:
        stops: :class:`Stop` objects.

    Returns:
        Their points, in order, leaving out the stops without coordinates.

    Raises:
        InvalidType: ``stops`` is not a collection of stops.
    """
    return _points_of(tuple_of(stops, Stop, field="stops"))


def _points_of(stops: Iterable[Stop]) -> list[tuple[float, float]]:
    """:func:`points_of` of stops already checked (a plan's own)."""
    return [s.point for s in stops if s.point is not None]
