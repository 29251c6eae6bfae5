"""Routes from an order: the Hilbert curve, petals around the depot, savings, and the split."""

from __future__ import annotations

import collections
import math
from collections.abc import Callable, Sequence
from typing import Final

import attrs

from adminduk_delivery.routing._model import EARTH_RADIUS_KM

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


def _by_bearing(
    routes: Sequence[Sequence[int]],
    points: Sequence[tuple[float, float]],
    depot: tuple[float, float],
) -> list[int]:
    """The stops of ``routes`` (indices of ``points``, planar x, y), route after route by the
    bearing of their centres from ``depot`` (ties by their first stop): a tour for the split
    to cut into routes."""
    dx, dy = depot

    def bearing(route: Sequence[int]) -> tuple[float, int]:
        cx = sum(points[x][0] for x in route) / len(route)
        cy = sum(points[x][1] for x in route) / len(route)
        return math.atan2(cy - dy, cx - dx), route[0]

    return [x for route in sorted(routes, key=bearing) for x in route]


def _savings_routes(
    points: Sequence[tuple[float, float]],
    depot: tuple[float, float],
    items: Sequence[int],
    near: Sequence[Sequence[int]],
    *,
    capacity: int,
    max_stops: int | None,
    distance: Callable[[int, int], float] | None = None,
) -> list[list[int]]:
    """Routes of the stops (indices of ``points``, planar x, y) built by savings, in the
    order of their first stop.

    The savings algorithm of Clarke and Wright (1964) over near stops: each stop starts on
    a route of its own, and two routes are joined end to end where the join saves most,
    ``d(depot, i) + d(depot, j) - d(i, j)`` for a stop ``i`` at an end of one and ``j``
    at an end of the other, ``j`` among ``i``'s ``near`` stops or the other way round,
    while the joined route carries at most ``capacity`` items and ``max_stops`` stops.
    ``distance(i, j)`` measures between stops ``i`` and ``j`` (``len(points)``: the depot),
    symmetric; default: the plane. Ties go by the stops' numbers. The shorter route joins
    the longer, so that a stop changes route at most log2(n) times (its route at least
    doubles each time)."""
    n = len(points)
    if distance is None:
        every = [*points, depot]

        def distance(i: int, j: int) -> float:
            return math.dist(every[i], every[j])

    to_depot = [distance(i, n) for i in range(n)]
    pairs = {(i, j) if i < j else (j, i) for i in range(n) for j in near[i] if j != i}
    savings = sorted(
        ((to_depot[i] + to_depot[j] - distance(i, j), i, j) for i, j in pairs),
        key=lambda saving: (-saving[0], saving[1], saving[2]),
    )
    stop_limit = n if max_stops is None else max_stops
    route_of = list(range(n))
    routes: dict[int, list[int]] = {i: [i] for i in range(n)}
    loads = list(items)
    for saving, i, j in savings:
        if saving <= 0:
            break
        a, b = route_of[i], route_of[j]
        if a == b or loads[a] + loads[b] > capacity:
            continue
        first, second = routes[a], routes[b]
        if len(first) + len(second) > stop_limit:
            continue
        if (first[0] != i and first[-1] != i) or (second[0] != j and second[-1] != j):
            continue  # i or j is inside its route
        end, joining = i, j
        if len(first) < len(second):
            first, second, a, b, end, joining = second, first, b, a, j, i
        # The second route joins the first next to its stop ``end``, at its own ``joining``.
        if first[-1] == end:
            if second[0] != joining:
                second.reverse()
            first.extend(second)
        else:
            if second[-1] != joining:
                second.reverse()
            first[:0] = second
        for x in second:
            route_of[x] = a
        loads[a] += loads[b]
        del routes[b]
    return sorted(routes.values(), key=lambda route: route[0])


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


# The local search measures in a plane around the office; a route's great-circle length is
# within a fraction of a percent of that over a district, so the budget keeps a 1% margin, and
# routes are checked on the sphere afterwards.
_BUDGET_MARGIN: Final = 0.99
