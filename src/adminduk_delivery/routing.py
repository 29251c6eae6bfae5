"""Route grouping: household stops, courier routes by office, area and capacity, walk order.

A delivery office (a Pos KPC, typically one per district) sends couriers out on motorbikes,
each with at most so many items a day. :func:`plan` turns stops into routes:

1. **Stops.** Shipments to the same household address become one :class:`Stop`
   (:func:`stops_from_shipments`); a stop is never split between routes.
2. **Offices.** Stops are grouped by delivery office: ``office_of(stop)``, by default the
   stop's district (one office per kecamatan). A route never mixes offices.
3. **Order and routes.**

   - *With coordinates* (every stop of an office has ``lat``/``lon``): the stops are put in
     one sequence, petals where the office has many routes all around its depot (swept by
     bearing into sectors of one route's load, each toured out and back) and the order of
     a Hilbert space-filling curve, which keeps near stops near (where both apply and the
     plan has rounds to spare, both are tried and the search keeps the better); each
     sequence is cut into
     routes of least total length that respect the capacity (and, if given, a maximum
     number of stops and a distance budget). A local search then moves stops next to their
     near stops (relocate, swap, 2-opt and 2-opt* between routes) until no move helps, and
     rounds of ruin and recreate (strings of stops taken out and put back where they cost
     least, under simulated annealing) shorten the plan further; see
     :func:`default_rounds`. Distances are great-circle (haversine) kilometres, depot to
     depot.
   - *Without coordinates*: a walk order that follows the address: villages in a sensible
     sequence (the Hilbert order of the villages' representative points from the packaged
     data), then RW, RT, street and house number in natural order ("No. 2" before "No. 10").
     Routes carry no distance.

Everything is pure Python and deterministic: the same stops, in any input order, with the
same limits and ``seed``, give the same plan.

>>> from adminduk_delivery import routing
>>> stops = [routing.Stop(f"s{i}", "3216202001", rt=f"{i % 3 + 1:03d}", rw="001",
...                       street="Jl. Kenanga", house_number=str(i), items=2) for i in range(1, 8)]
>>> result = routing.plan(stops, capacity=6)
>>> [[s.id for s in r.stops] for r in result.routes]
[['s3', 's6', 's1'], ['s4', 's7', 's2'], ['s5']]
>>> result.routes[0].items, result.routes[0].distance_km
(6, None)
"""

from __future__ import annotations

import collections
import functools
import itertools
import math
import random
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Final, TypeVar

import attrs

from . import _vrp
from . import regions as _regions
from . import solvers as _solvers
from ._convert import neighbourhood, real_number, reported_as, tuple_of, whole_number
from .errors import InvalidType, ValidationError
from .shipments import Shipment
from .solvers import Solver

__all__ = [
    "UNASSIGNED_CODES",
    "Route",
    "RoutePlan",
    "Stop",
    "Unassigned",
    "haversine_km",
    "plan",
    "stops_from_shipments",
]

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
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InvalidType("a coordinate is a number", field="coordinates")
        number = float(value)
        if not -limit <= number <= limit or math.isnan(number):
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


def _ids(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


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
    items: int = 1
    lat: float | None = attrs.field(default=None, converter=_latitude)
    lon: float | None = attrs.field(default=None, converter=_longitude)
    shipment_ids: tuple[str, ...] = attrs.field(default=(), converter=_ids, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if not self.id:
            raise ValidationError("a stop has an id", field="id", code="empty")
        if isinstance(self.items, bool) or not isinstance(self.items, int) or self.items < 1:
            raise ValidationError("items is a whole number, 1 or more", field="items", code="range")
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
    simulation makes one stop per shipment with this too).

    Args:
        shipments: :class:`~adminduk_delivery.shipments.Shipment` objects (one or more).

    Returns:
        The stop.

    Raises:
        InvalidType: ``shipments`` is not a collection of shipments.
        ValidationError: no shipments (code ``empty``).
    """
    members = sorted(tuple_of(shipments, Shipment, field="shipments"),
                     key=lambda s: s.tracking_number)  # fmt: skip
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
    """
    groups: dict[tuple[str, ...], list[Any]] = {}
    for shipment in tuple_of(shipments, Shipment, field="shipments"):
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
# Results


@attrs.frozen(kw_only=True)
class Route:
    """One courier's route: the office, the stops in visiting order, and what it carries.

    Attributes:
        office: the delivery office.
        stops: in visiting order.
        items: the items on the route (never more than the capacity).
        distance_km: depot to depot in great-circle km; ``None`` without coordinates.
        minutes: the route's duration (travel at the plan's speed plus service at each
            stop) when the plan has a shift limit; else ``None``.
    """

    office: str
    stops: tuple[Stop, ...]
    items: int
    distance_km: float | None
    minutes: float | None = None


UNASSIGNED_CODES: Final = {
    "capacity": "the stop has more items than a route holds",
    "distance": "the stop's round trip alone exceeds the distance budget",
    "shift": "the stop's round trip and service alone exceed the shift",
    "couriers": "the office's couriers were all on other routes",
}
"""Why a stop can be unassigned (:attr:`Unassigned.code`), for dispatch to act on: a stop
left out for ``couriers`` fits another day; the others need a bigger vehicle or a longer
shift."""


@attrs.frozen(kw_only=True)
class Unassigned:
    """A stop that is on no route, and why.

    Attributes:
        stop: the stop.
        reason: for people.
        code: a key of :data:`UNASSIGNED_CODES`.
    """

    stop: Stop
    reason: str
    code: str = "capacity"


@attrs.frozen(kw_only=True)
class RoutePlan:
    """Routes per office, stops left out with their reasons, and summary figures."""

    routes: tuple[Route, ...]
    unassigned: tuple[Unassigned, ...]
    capacity: int

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
        """One plain dict per route (office, route number, stops, items, km, fill)."""
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
        cells = ("office", "route", "stops", "items", "km", "fill")
        head = "<tr>" + "".join(f"<th>{c}</th>" for c in cells) + "</tr>"
        rows = "".join(
            "<tr>" + "".join(f"<td>{'' if v is None else v}</td>" for v in r.values()) + "</tr>"
            for r in self.records()
        )
        total = self.total_distance_km
        summary = (
            f"<p>{len(self.routes)} routes, {self.items} items"
            + ("" if total is None else f", {total:.1f} km")
            + f", {len(self.unassigned)} stops unassigned</p>"
        )
        return f"{summary}<table>{head}{rows}</table>"


# --------------------------------------------------------------------------------------------
# Planning


def _hilbert_index(x: int, y: int, order: int) -> int:
    """The position of (x, y) on a Hilbert curve filling a 2**order square."""
    index = 0
    side = 1 << order
    s = side >> 1
    while s > 0:
        rx = 1 if x & s else 0
        ry = 1 if y & s else 0
        index += s * s * ((3 * rx) ^ ry)
        if ry == 0:
            if rx == 1:
                x, y = side - 1 - x, side - 1 - y
            x, y = y, x
        s >>= 1
    return index


def _hilbert_order(points: Sequence[tuple[float, float]], order: int = 16) -> list[int]:
    """Indices of ``points`` (planar x, y) in Hilbert-curve order (ties by index)."""
    if not points:
        return []
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    x0, y0 = min(xs), min(ys)
    span = max(max(xs) - x0, max(ys) - y0) or 1.0
    scale = ((1 << order) - 1) / span
    keys = [_hilbert_index(int((x - x0) * scale), int((y - y0) * scale), order) for x, y in points]
    return sorted(range(len(points)), key=lambda i: (keys[i], i))


# Petals pay where routes fan out all around the depot, and are narrow. Measured on the
# benchmark's instances after the default search: with the depot among the stops, petals
# came out longer with four routes, no shorter with eight to ten, about 2% shorter with
# eighteen and 5% with two hundred; with the depot at the edge of the stops' area or outside
# it, up to 4% longer with eighteen routes. So the Hilbert curve stays the start where the
# stops leave an empty angle around the depot wider than the first constant, or where
# sectors would be wider than the second on average.
_WIDEST_GAP_FOR_PETALS: Final = math.radians(90)
_WIDEST_PETAL: Final = math.radians(30)


def _petal_order(
    points: Sequence[tuple[float, float]],
    depot: tuple[float, float],
    items: Sequence[int],
    *,
    capacity: int,
    max_stops: int | None,
) -> list[int] | None:
    """Indices of ``points`` (planar x, y) as petals around ``depot``, a tour for the split
    to cut into routes; None when the stops do not surround the depot (an empty angle wider
    than :data:`_WIDEST_GAP_FOR_PETALS`) or the petals would be wider than
    :data:`_WIDEST_PETAL` on average.

    The stops are swept by their bearing from the depot, starting after the widest empty
    angle, and cut into sectors of what one route can carry (``capacity`` items, at most
    ``max_stops`` stops): the sweep algorithm of Gillett and Miller (1974). Each sector is
    toured as a petal: out from the depot along the first half of its stops (by bearing),
    nearest first, and back along the second half, farthest first, so that a route's long
    way out and back serves stops on both legs."""
    n = len(points)
    if n == 0:
        return []
    dx, dy = depot
    bearing = [math.atan2(y - dy, x - dx) for x, y in points]
    radius = [math.hypot(x - dx, y - dy) for x, y in points]
    swept = sorted(range(n), key=lambda i: (bearing[i], radius[i], i))
    # Start after the widest empty angle, the one across the -180/180 degree line first.
    widest, start = 2 * math.pi + bearing[swept[0]] - bearing[swept[-1]], 0
    for k in range(1, n):
        gap = bearing[swept[k]] - bearing[swept[k - 1]]
        if gap > widest:
            widest, start = gap, k
    if widest > _WIDEST_GAP_FOR_PETALS:
        return None
    swept = swept[start:] + swept[:start]
    stop_limit = n if max_stops is None else max_stops
    sectors: list[list[int]] = [[]]
    load = 0
    for i in swept:
        if sectors[-1] and (load + items[i] > capacity or len(sectors[-1]) >= stop_limit):
            sectors.append([])
            load = 0
        sectors[-1].append(i)
        load += items[i]
    if (2 * math.pi - widest) / len(sectors) > _WIDEST_PETAL:
        return None
    order: list[int] = []
    for sector in sectors:
        half = len(sector) // 2
        order += sorted(sector[:half], key=lambda i: (radius[i], i))
        order += sorted(sector[half:], key=lambda i: (-radius[i], i))
    return order


class _Geometry:
    """Planar km coordinates around a reference latitude, for fast local search."""

    def __init__(self, points: Sequence[tuple[float, float]]) -> None:
        lat0 = sum(p[0] for p in points) / len(points)
        kx = math.cos(math.radians(lat0)) * math.pi / 180 * EARTH_RADIUS_KM
        ky = math.pi / 180 * EARTH_RADIUS_KM
        self.xy = [(p[1] * kx, p[0] * ky) for p in points]

    def d(self, i: int, j: int) -> float:
        (x1, y1), (x2, y2) = self.xy[i], self.xy[j]
        return math.hypot(x1 - x2, y1 - y2)


def _optimal_split(
    order: Sequence[int],
    items: Sequence[int],
    *,
    capacity: int,
    max_stops: int | None,
    geo: _Geometry,
    depot: int,
    max_distance_km: float | None,
    shift: _Shift | None = None,
) -> list[list[int]]:
    """Cut a visiting sequence into routes of least total length (Beasley's split, by
    dynamic programming over the sequence), respecting capacity and the other limits.

    Without a distance budget the routes that may end at a stop start within a window that
    only slides forward, and the programme takes linear time with a monotone queue (Vidal,
    "Split algorithm in O(n) for the capacitated vehicle routing problem", Computers &
    Operations Research 69, 2016); with a budget it tries every feasible start."""
    n = len(order)
    d = geo.d
    to_depot = [d(depot, node) for node in order]
    # along[k]: the length of the sequence from its first stop to its k-th.
    along = [0.0] * n
    for k in range(1, n):
        along[k] = along[k - 1] + d(order[k - 1], order[k])
    load_of = [items[node] for node in order]
    stop_limit = n if max_stops is None else max_stops
    best = [math.inf] * (n + 1)
    cut = [0] * (n + 1)
    best[0] = 0.0
    limits = shift if shift is not None else _Shift(max_distance_km, None, 0.0, None)
    if not limits.bounded:
        _linear_split(
            best, cut, to_depot=to_depot, along=along, load_of=load_of, capacity=capacity,
            stop_limit=stop_limit,
        )  # fmt: skip
    else:
        # The split measures in a local plane; keep a margin for the great-circle check.
        # A longer route may not be longer than its budget, which shrinks with its stops, so
        # the first start that is over stays over.
        caps = [limits.budget(k) * _BUDGET_MARGIN for k in range(min(n, stop_limit) + 2)]
        for i in range(n):
            base = best[i]
            if base == math.inf:
                continue
            # A route of stop i alone (its round trip is within any budget: see plan).
            total = base + 2 * to_depot[i]
            if total < best[i + 1]:
                best[i + 1] = total
                cut[i + 1] = i
            load = load_of[i]
            start = base + to_depot[i] - along[i]
            for j in range(i + 1, min(n, i + stop_limit)):
                load += load_of[j]
                if load > capacity:
                    break
                total = start + along[j] + to_depot[j]
                if total - base > caps[j - i + 1]:
                    break
                if total < best[j + 1]:
                    best[j + 1] = total
                    cut[j + 1] = i
    routes = []
    j = n
    while j > 0:
        i = cut[j]
        routes.append(list(order[i:j]))
        j = i
    routes.reverse()
    return routes


def _linear_split(
    best: list[float],
    cut: list[int],
    *,
    to_depot: Sequence[float],
    along: Sequence[float],
    load_of: Sequence[int],
    capacity: int,
    stop_limit: int,
) -> None:
    """Fill ``best`` and ``cut`` for a split without a distance budget, in linear time.

    A route serving stops i..j (0-based) costs to_depot[i] - along[i] + along[j] +
    to_depot[j], so best[j + 1] is the least of best[i] + to_depot[i] - along[i] over the
    starts i allowed for j, plus along[j] + to_depot[j]. The allowed starts form a window
    that only moves forward (capacity and the stop limit), kept in a queue of increasing
    values; ties go to the earliest start."""
    n = len(load_of)
    value = [0.0] * n
    window: collections.deque[int] = collections.deque()
    first = 0  # the earliest start allowed for the current stop
    load = 0  # the items from stop `first` to the current stop
    for j in range(n):
        value[j] = best[j] + to_depot[j] - along[j]
        while window and value[window[-1]] > value[j]:
            window.pop()
        window.append(j)
        load += load_of[j]
        while load > capacity or j - first + 1 > stop_limit:
            load -= load_of[first]
            first += 1
        while window[0] < first:
            window.popleft()
        i = window[0]
        best[j + 1] = value[i] + along[j] + to_depot[j]
        cut[j + 1] = i


def _split(
    order: Sequence[int], items: Sequence[int], *, capacity: int, max_stops: int | None
) -> list[list[int]]:
    """Cut a sequence into routes, in order, as full as the capacity and the stop limit
    allow (the walk order of stops without coordinates, where no length is known)."""
    routes: list[list[int]] = []
    current: list[int] = []
    load = 0
    for node in order:
        extra = items[node]
        if current and (
            load + extra > capacity or (max_stops is not None and len(current) >= max_stops)
        ):
            routes.append(current)
            current, load = [], 0
        current.append(node)
        load += extra
    if current:
        routes.append(current)
    return routes


NEIGHBOURS: Final = 10
"""How many near stops each stop's moves consider (the granular neighbourhood)."""


@attrs.frozen
class _Shift:
    """The limits on one route's length and duration (either may be absent), on the sphere."""

    max_distance_km: float | None
    max_minutes: float | None
    service_minutes: float
    speed_kmh: float | None

    @property
    def travel_km(self) -> float | None:
        """The shift as kilometres of travel (``None`` without a shift limit)."""
        if self.max_minutes is None or self.speed_kmh is None:
            return None
        return self.max_minutes / 60 * self.speed_kmh

    @property
    def service_km(self) -> float:
        """One stop's service time as kilometres of travel."""
        return 0.0 if self.speed_kmh is None else self.service_minutes / 60 * self.speed_kmh

    def budget(self, stops: int) -> float:
        """The most a route of ``stops`` stops may measure, in km."""
        travel = self.travel_km
        distance = math.inf if self.max_distance_km is None else self.max_distance_km
        if travel is None:
            return distance
        return min(distance, travel - self.service_km * stops)

    @property
    def bounded(self) -> bool:
        return self.max_distance_km is not None or self.travel_km is not None

    def minutes(self, distance_km: float | None, stops: int) -> float | None:
        if self.max_minutes is None or distance_km is None or self.speed_kmh is None:
            return None
        return distance_km / self.speed_kmh * 60 + self.service_minutes * stops


_NO_SHIFT: Final = _Shift(None, None, 0.0, None)


def default_rounds(stops: int) -> int:
    """The rounds of ruin-and-recreate search a plan of ``stops`` stops gets by default.

    Fifty per stop, at most 10,000, for a plan of any size: an office's day of a few hundred
    households gets 10,000 rounds (about 2 s on a laptop), as does a plan of 2,000 stops
    (about 2.5 s) or of 20,000 (about 6 s, most of it in the local search); a whole campaign
    shares them among its offices. Measured on the benchmark family (benchmarks/README.md):
    more rounds shorten every kind of plan, by less and less.

    >>> [default_rounds(n) for n in (100, 500, 2_000, 20_000, 132_000)]
    [5000, 10000, 10000, 10000, 10000]
    """
    return min(_ROUNDS_PER_STOP * stops, _MOST_ROUNDS)


_ROUNDS_PER_STOP: Final = 50
_MOST_ROUNDS: Final = 10_000


def plan(
    stops: Iterable[Stop],
    *,
    capacity: int,
    depot: tuple[float, float] | Mapping[str, tuple[float, float]] | None = None,
    office_of: Callable[[Stop], str] | None = None,
    max_stops: int | None = None,
    max_distance_km: float | None = None,
    rounds: int | None = None,
    seed: int = 0,
    solver: Solver | None = None,
    couriers: int | Mapping[str, int] | None = None,
    max_minutes: float | None = None,
    service_minutes: float = 0.0,
    speed_kmh: float | None = None,
) -> RoutePlan:
    """Group stops into courier routes.

    Args:
        stops: the stops; ids must be unique.
        capacity: the most items on one route.
        depot: where routes start and end: one (lat, lon) for every office, or a mapping of
            office -> (lat, lon), one depot per office (every office with stops needs one).
            Without it, each office's depot is the centroid of its stops (with coordinates)
            and routes are measured from there.
        office_of: which office serves a stop (default: its district code).
        max_stops: the most stops on one route.
        max_distance_km: a distance budget per route (with coordinates).
        rounds: rounds of ruin-and-recreate search for the whole plan, shared among the
            offices in proportion to their stops (with coordinates); more rounds, shorter
            routes, longer planning. Default: :func:`default_rounds` of the number of stops.
        seed: the seed of that search; the same stops, limits and seed always give the same
            plan.
        solver: an optional solver (see :mod:`adminduk_delivery.solvers`) that gets each
            office's problem with coordinates, after the plan's own search; its routes are
            checked and kept when they are shorter (and, with a shift limit, within it).
        couriers: the most routes an office runs (its couriers on the day): one number for
            every office, or office -> number (every office with stops needs one). The
            routes that carry the most items are kept; the stops of the others are
            unassigned with code ``couriers``, for another day.
        max_minutes: a shift limit per route: travel at ``speed_kmh`` plus
            ``service_minutes`` at each stop. Without coordinates only the service time is
            known, so a route then holds at most ``max_minutes // service_minutes`` stops.
        service_minutes: the time spent at each stop (finding the door, checking the
            recipient's identity, the signature or photo).
        speed_kmh: the courier's average travel speed, needed for a shift limit with
            coordinates (the library assumes none: measure your couriers').

    Returns:
        A :class:`RoutePlan`. Every stop is on exactly one route or unassigned, with the
        reason and its code (:data:`UNASSIGNED_CODES`).

    Raises:
        ValidationError: a bad capacity, limit or round count, duplicate stop ids, an office
            without a depot or a courier count in a mapping (code ``missing``), a shift limit
            with coordinates but no speed (``required``), or routes from the solver that lose
            a stop or break a limit.
        InvalidType: arguments of the wrong type.
    """
    if isinstance(capacity, bool) or not isinstance(capacity, int) or capacity < 1:
        raise ValidationError(
            "capacity is a whole number, 1 or more", field="capacity", code="range"
        )
    if max_stops is not None and (
        isinstance(max_stops, bool) or not isinstance(max_stops, int) or max_stops < 1
    ):
        raise ValidationError("max_stops is 1 or more", field="max_stops", code="range")
    if max_distance_km is not None:
        max_distance_km = _positive(max_distance_km, "max_distance_km")
    if max_minutes is not None:
        max_minutes = _positive(max_minutes, "max_minutes")
    service_minutes = real_number(
        service_minutes, field="service_minutes", minimum=0.0, maximum=24 * 60.0
    )
    if speed_kmh is not None:
        speed_kmh = _positive(speed_kmh, "speed_kmh")
    if rounds is not None and (
        isinstance(rounds, bool) or not isinstance(rounds, int) or rounds < 0
    ):
        raise ValidationError("rounds is a whole number, 0 or more", field="rounds", code="range")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise InvalidType("seed is a whole number", field="seed")
    if solver is not None and not callable(solver):
        raise InvalidType("solver is a callable", field="solver")
    depots = _per_office(depot, _depot_point, field="depot", what="(lat, lon)")
    crews = _per_office(couriers, _courier_count, field="couriers", what="numbers")
    shift = _Shift(max_distance_km, max_minutes, service_minutes, speed_kmh)
    all_stops = list(tuple_of(stops, Stop, field="stops"))
    ids = [s.id for s in all_stops]
    if len(set(ids)) != len(ids):
        raise ValidationError("stop ids must be unique", field="stops", code="duplicate")
    office = office_of or (lambda s: s.district_code)
    by_office: dict[str, list[Stop]] = {}
    unassigned: list[Unassigned] = []
    for stop in sorted(all_stops, key=_address_key):
        if stop.items > capacity:
            unassigned.append(
                Unassigned(
                    stop=stop,
                    reason=f"{stop.items} items exceed the route capacity of {capacity}",
                    code="capacity",
                )
            )
            continue
        name = office(stop)
        if not isinstance(name, str):
            raise InvalidType("office_of returns a string", field="office_of")
        by_office.setdefault(name, []).append(stop)
    total_rounds = default_rounds(len(all_stops)) if rounds is None else rounds
    routes: list[Route] = []
    for name in sorted(by_office):
        group = by_office[name]
        office_depot = _office_value(depots, name, "depot")
        limit = _office_value(crews, name, "couriers")
        if all(s.point is not None for s in group):
            if max_minutes is not None and speed_kmh is None:
                raise ValidationError(
                    "a shift limit with coordinates needs speed_kmh",
                    field="speed_kmh",
                    code="required",
                )
            share = total_rounds * len(group) // max(1, len(all_stops))
            office_routes = _plan_geometric(
                name,
                stops=group,
                capacity=capacity,
                depot=office_depot,
                max_stops=max_stops,
                shift=shift,
                unassigned=unassigned,
                rounds=share,
                seed=seed,
                solver=solver,
            )
        else:
            stop_limit = max_stops
            if max_minutes is not None and service_minutes > 0:
                # A tiny service time allows any number of stops (and must not overflow).
                by_service = max(1, int(min(max_minutes / service_minutes, len(group) + 1)))
                stop_limit = by_service if stop_limit is None else min(stop_limit, by_service)
            office_routes = _plan_by_address(name, group, capacity, stop_limit, shift)
        routes.extend(_within_couriers(office_routes, limit, unassigned))
    unassigned.sort(key=lambda u: _address_key(u.stop))
    return RoutePlan(routes=tuple(routes), unassigned=tuple(unassigned), capacity=capacity)


def _positive(value: object, field: str) -> float:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not value > 0
        or math.isinf(value)
    ):
        raise ValidationError(f"{field} is a positive number", field=field, code="range")
    return float(value)


T = TypeVar("T")


def _office_value(values: T | Mapping[str, T] | None, office: str, field: str) -> T | None:
    """The value for one office: the one value for all, or the office's entry."""
    if not isinstance(values, Mapping):
        return values
    if office not in values:
        raise ValidationError(
            f"{field} has no entry for office {office!r}", field=field, code="missing"
        )
    return values[office]


def _per_office(
    value: object, check: Callable[[object], T], *, field: str, what: str
) -> T | dict[str, T] | None:
    """One value for every office, or office name -> value, each checked."""
    if value is None:
        return None
    if isinstance(value, Mapping):
        out = {}
        for office, item in value.items():
            if not isinstance(office, str):
                raise InvalidType(f"{field} maps office names to {what}", field=field)
            out[office] = check(item)
        return out
    return check(value)


def _depot_point(point: object) -> tuple[float, float]:
    return (_check_depot(point, 0), _check_depot(point, 1))


def _courier_count(count: object) -> int:
    return whole_number(count, field="couriers", maximum=100_000)


def _within_couriers(
    routes: list[Route], limit: int | None, unassigned: list[Unassigned]
) -> list[Route]:
    """The office's routes, at most ``limit`` of them: those that carry the most items
    (then the shorter, then in plan order); the others' stops are unassigned."""
    if limit is None or len(routes) <= limit:
        return routes
    ranked = sorted(
        range(len(routes)), key=lambda i: (-routes[i].items, routes[i].distance_km or 0.0, i)
    )
    kept = sorted(ranked[:limit])
    for i in ranked[limit:]:
        for stop in routes[i].stops:
            unassigned.append(
                Unassigned(
                    stop=stop,
                    reason=f"office {routes[i].office} has {limit} couriers, all on other routes"
                    if limit
                    else f"office {routes[i].office} has no couriers",
                    code="couriers",
                )
            )
    return [routes[i] for i in kept]


def _check_depot(depot: object, axis: int) -> float:
    """One coordinate of the depot, checked as a stop's coordinates are."""
    try:
        value = depot[axis]  # type: ignore[index]
    except (TypeError, IndexError, KeyError):
        raise InvalidType("depot is a (lat, lon) pair", field="depot") from None
    checked = reported_as("depot", (_latitude, _longitude)[axis], value)
    if checked is None:
        raise InvalidType("depot is a (lat, lon) pair of numbers", field="depot")
    return checked


# The local search measures in a plane around the office; a route's great-circle length is
# within a fraction of a percent of that over a district, so the budget keeps a 1% margin, and
# routes are checked on the sphere afterwards.
_BUDGET_MARGIN: Final = 0.99
_TRIAL_SHARE: Final = 10  # a tenth of the rounds tries each start
_SHORTEST_TRIAL: Final = 500


def _plan_geometric(
    office: str,
    *,
    stops: list[Stop],
    capacity: int,
    depot: tuple[float, float] | None,
    max_stops: int | None,
    shift: _Shift,
    unassigned: list[Unassigned],
    rounds: int,
    seed: int,
    solver: Solver | None,
) -> list[Route]:
    all_points = points_of(stops)
    depot_point = depot or (
        sum(p[0] for p in all_points) / len(all_points),
        sum(p[1] for p in all_points) / len(all_points),
    )
    if shift.bounded:
        reachable = []
        for stop in stops:
            assert stop.point is not None
            round_trip = 2 * _great_circle_km(depot_point, stop.point)
            if shift.max_distance_km is not None and round_trip > shift.max_distance_km:
                unassigned.append(
                    Unassigned(
                        stop=stop,
                        reason=f"the round trip of {round_trip:.1f} km exceeds the distance "
                        f"budget of {shift.max_distance_km:g} km",
                        code="distance",
                    )
                )
            elif round_trip > shift.budget(1):
                minutes = shift.minutes(round_trip, 1)
                unassigned.append(
                    Unassigned(
                        stop=stop,
                        reason=f"the round trip and service take {minutes:.0f} minutes, "
                        f"more than the shift of {shift.max_minutes:g}",
                        code="shift",
                    )
                )
            else:
                reachable.append(stop)
        stops = reachable
        if not stops:
            return []
    points = points_of(stops)
    geo = _Geometry([*points, depot_point])
    depot_index = len(points)
    items = [s.items for s in stops]
    xs = [p[0] for p in geo.xy]
    ys = [p[1] for p in geo.xy]
    near = _vrp.nearest(xs[:-1], ys[:-1], NEIGHBOURS)
    max_length = None if shift.max_distance_km is None else shift.max_distance_km * _BUDGET_MARGIN
    travel = shift.travel_km
    instance = _vrp.Instance(
        xs, ys, items, capacity, near, max_stops, max_length,
        service=shift.service_km * _BUDGET_MARGIN,
        max_duration=None if travel is None else travel * _BUDGET_MARGIN,
    )  # fmt: skip
    instance = instance._replace(spans=_vrp.near_distances(instance))
    # Two starts, and the search decides between them by measurement: petals around the
    # depot (where the stops surround it) and the Hilbert curve. Each is split, improved
    # by the local search and by a trial share of the rounds; the shorter goes on with the
    # rest. Which start is better depends on the instance, and no rule read off the stops
    # predicted it on the benchmark family: petals came out shorter on compact regencies
    # with a central depot and up to 18% longer on long routes (benchmarks/README.md).
    petals = _petal_order(
        geo.xy[:depot_index], geo.xy[depot_index], items, capacity=capacity, max_stops=max_stops
    )
    trial = rounds // _TRIAL_SHARE
    if petals is not None and trial < _SHORTEST_TRIAL:
        # A trial of a few rounds would measure little more than the local search, and a
        # second local search costs as much as thousands of rounds on a large office: with
        # few rounds (an office's share of a whole campaign), the petals are taken where
        # they apply.
        starts, trial = [petals], 0
    elif petals is not None:
        starts = [petals, _hilbert_order(geo.xy[:depot_index])]
    else:
        starts, trial = [_hilbert_order(geo.xy[:depot_index])], 0
    candidates = []
    for k, order in enumerate(starts):
        routes = _optimal_split(
            order,
            items,
            capacity=capacity,
            max_stops=max_stops,
            geo=geo,
            depot=depot_index,
            max_distance_km=shift.max_distance_km,
            shift=shift,
        )
        searched = _vrp.local_search(routes, instance)
        routes = searched
        if trial:
            rng = random.Random(f"{seed}:{office}:start {k}")
            routes = _vrp.ruin_and_recreate(searched, instance, rounds=trial, rng=rng)
        candidates.append((_vrp.total_length(routes, instance), k, routes, searched))
    _, _, routes, searched = min(candidates)
    if rounds:
        if rounds - trial:
            rng = random.Random(f"{seed}:{office}")
            routes = _vrp.ruin_and_recreate(routes, instance, rounds=rounds - trial, rng=rng)
        # Only the routes that ruin-and-recreate changed since the local search (and their
        # neighbours) can have an improving move.
        routes = _vrp.local_search(routes, instance, since=searched)
    if solver is not None:
        problem = _solvers.Problem(
            xs=tuple(xs), ys=tuple(ys), items=tuple(items), capacity=capacity,
            max_stops=max_stops, max_length_km=max_length,
            routes=tuple(tuple(r) for r in routes), seed=seed,
        )  # fmt: skip
        theirs = _solvers.checked_routes(problem, solver(problem))
        caps = _vrp.budgets(instance)
        if sum(map(problem.length_km, theirs)) < sum(map(problem.length_km, routes)) - 1e-9 and all(
            problem.length_km(r) <= caps[len(r)] for r in theirs
        ):
            routes = theirs
    # A deterministic order of routes: by their lowest stop number (stops are numbered in
    # address order).
    routes.sort(key=min)
    result = []
    for route in routes:
        ordered = tuple(stops[i] for i in route)
        for part in _within_budget(ordered, depot_point, shift):
            path = [depot_point, *points_of(part), depot_point]
            distance = sum(_great_circle_km(a, b) for a, b in itertools.pairwise(path))
            result.append(
                Route(
                    office=office,
                    stops=part,
                    items=sum(s.items for s in part),
                    distance_km=distance,
                    minutes=shift.minutes(distance, len(part)),
                )
            )
    return result


def _within_budget(
    route: tuple[Stop, ...], depot: tuple[float, float], shift: _Shift
) -> list[tuple[Stop, ...]]:
    """The route, or, in the rare case that it is over a budget on the sphere (an office
    spread over hundreds of km), the route cut in order into pieces that are not."""
    if not shift.bounded:
        return [route]
    pieces: list[tuple[Stop, ...]] = []
    current: list[Stop] = []
    length = 0.0
    for stop in route:
        point = stop.point
        assert point is not None
        if current:
            last = current[-1].point
            assert last is not None
            added = (
                _great_circle_km(last, point)
                + _great_circle_km(point, depot)
                - _great_circle_km(last, depot)
            )
            if length + added > shift.budget(len(current) + 1):
                pieces.append(tuple(current))
                current, length = [], 0.0
        if not current:
            length = 2 * _great_circle_km(depot, point)
        else:
            length += added
        current.append(stop)
    if current:
        pieces.append(tuple(current))
    return pieces


def points_of(stops: Iterable[Stop]) -> list[tuple[float, float]]:
    """The (lat, lon) of stops that have them."""
    return [s.point for s in stops if s.point is not None]


@functools.lru_cache(maxsize=4096)
def _village_rank(codes: tuple[str, ...]) -> dict[str, int]:
    """A walking sequence of villages: the Hilbert order of their representative points."""
    located = [(code, _regions.point(code)) for code in codes]
    with_points = [(c, p) for c, p in located if p is not None]
    if not with_points:
        return {c: i for i, c in enumerate(codes)}
    geo = _Geometry([p for _c, p in with_points])
    order = _hilbert_order(geo.xy)
    rank = {with_points[i][0]: r for r, i in enumerate(order)}
    for code, p in located:
        if p is None:
            rank[code] = len(rank)
    return rank


def _plan_by_address(
    office: str,
    stops: list[Stop],
    capacity: int,
    max_stops: int | None,
    shift: _Shift = _NO_SHIFT,
) -> list[Route]:
    villages = tuple(sorted({s.village_code for s in stops}))
    rank = _village_rank(villages)
    ordered = sorted(stops, key=lambda s: (rank[s.village_code], *_address_key(s)))
    items = [s.items for s in ordered]
    routes = _split(range(len(ordered)), items, capacity=capacity, max_stops=max_stops)
    return [
        Route(
            office=office,
            stops=tuple(ordered[i] for i in r),
            items=sum(items[i] for i in r),
            distance_km=None,
            minutes=None if shift.max_minutes is None else shift.service_minutes * len(r),
        )
        for r in routes
    ]
