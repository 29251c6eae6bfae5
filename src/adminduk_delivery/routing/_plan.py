"""The planner: offices, limits, the starts and the search, per office."""

from __future__ import annotations

import functools
import itertools
import math
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Final, TypeVar

from adminduk_delivery import regions as _regions
from adminduk_delivery import solvers as _solvers
from adminduk_delivery._convert import (
    mapping_of,
    real,
    real_number,
    tuple_of,
    whole_number,
)
from adminduk_delivery.errors import InvalidType, ValidationError
from adminduk_delivery.routing import _search as _vrp
from adminduk_delivery.routing._construction import (
    _BUDGET_MARGIN,
    _NO_SHIFT,
    _by_bearing,
    _Geometry,
    _hilbert_order,
    _optimal_split,
    _petal_order,
    _savings_routes,
    _Shift,
    _split,
)
from adminduk_delivery.routing._distances import (
    DistanceFunction,
    _Legs,
    dense,
    search_metric,
)
from adminduk_delivery.routing._model import (
    Route,
    RoutePlan,
    Stop,
    Unassigned,
    _address_key,
    _checked_point,
    _great_circle_km,
    _points_of,
)

NEIGHBOURS: Final = 10
"""How many near stops each stop's moves consider (the granular neighbourhood)."""


def default_rounds(stops: int) -> int:
    """The rounds of ruin-and-recreate search a plan of ``stops`` stops gets by default.

    Fifty per stop, at most 10,000, for a plan of any size: an office's day of a few hundred
    households gets 10,000 rounds (about 2 s on a laptop), as does a plan of 2,000 stops
    (about 2.5-3 s) or of 20,000 (about 6-8 s); a whole campaign shares them among its
    offices. Measured on the benchmark family (benchmarks/README.md):
    more rounds shorten every kind of plan, by less and less.

    Args:
        stops: the number of stops of the plan.

    Returns:
        The rounds.

    Raises:
        InvalidType: ``stops`` is not a whole number.
        ValidationError: ``stops`` is negative.

    >>> [default_rounds(n) for n in (100, 500, 2_000, 20_000, 132_000)]
    [5000, 10000, 10000, 10000, 10000]
    """
    stops = whole_number(stops, field="stops")
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
    solver: _solvers.Solver | None = None,
    couriers: int | Mapping[str, int] | None = None,
    max_minutes: float | None = None,
    service_minutes: float = 0.0,
    speed_kmh: float | None = None,
    distance_km: DistanceFunction | None = None,
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
        distance_km: the distance in km from one point to another, ``distance_km(a, b)``
            with ``a`` and ``b`` (lat, lon) pairs (the stops' and the depots'), as the
            caller's own routing engine measures it along the roads; a
            :class:`DistanceTable` holds a matrix of them. Default: great-circle distance.
            The search costs its moves with the average of the two directions (it reverses
            stretches of routes); each route is then driven in the direction that is
            shorter, and its ``distance_km``, the distance budget and the shift limit are
            measured in that direction. Each leg is asked for once. Not used for offices
            whose stops have no coordinates. A table holds only the points it was made
            for: give the depots (without them, each office's depot is the centre of its
            stops, which the table does not hold).

    Returns:
        A :class:`RoutePlan`. Every stop is on exactly one route or unassigned, with the
        reason and its code (:data:`UNASSIGNED_CODES`).

    Raises:
        ValidationError: a bad capacity, limit or round count, duplicate stop ids, an office
            without a depot or a courier count in a mapping (code ``missing``), a shift limit
            with coordinates but no speed (``required``), or routes from the solver that lose
            a stop or break a limit; from ``distance_km``, an answer that is not a finite
            number of km of 0 or more (code ``range``), or an error it raised (``failed``).
        InvalidType: arguments of the wrong type.
    """
    capacity = whole_number(capacity, field="capacity", minimum=1)
    if max_stops is not None:
        max_stops = whole_number(max_stops, field="max_stops", minimum=1)
    if max_distance_km is not None:
        max_distance_km = _positive(max_distance_km, "max_distance_km")
    if max_minutes is not None:
        max_minutes = _positive(max_minutes, "max_minutes")
    service_minutes = real_number(
        service_minutes, field="service_minutes", minimum=0.0, maximum=24 * 60.0
    )
    if speed_kmh is not None:
        speed_kmh = _positive(speed_kmh, "speed_kmh")
    if rounds is not None:
        rounds = whole_number(rounds, field="rounds")
    seed = whole_number(seed, field="seed", minimum=-(2**63), maximum=2**63)
    if solver is not None and not callable(solver):
        raise InvalidType("solver is a callable", field="solver")
    if distance_km is not None and not callable(distance_km):
        raise InvalidType("distance_km is a function of two (lat, lon) points", field="distance_km")
    legs = None if distance_km is None else _Legs(distance_km)
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
                legs=legs,
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
    number = real(value)
    if number is None or not number > 0 or math.isinf(number):
        raise ValidationError(f"{field} is a positive number", field=field, code="range")
    return number


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
        return mapping_of(value, check, field=field, what=f"office names to {what}")
    return check(value)


def _depot_point(point: object) -> tuple[float, float]:
    return _checked_point(point, field="depot", shape="depot is a (lat, lon) pair")


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
    solver: _solvers.Solver | None,
    legs: _Legs | None,
) -> list[Route]:
    # The length of one leg, one way: the caller's, else great-circle.
    leg: Callable[[tuple[float, float], tuple[float, float]], float] = legs or _great_circle_km
    all_points = _points_of(stops)
    depot_point = depot or (
        sum(p[0] for p in all_points) / len(all_points),
        sum(p[1] for p in all_points) / len(all_points),
    )
    if shift.bounded:
        reachable = []
        for stop in stops:
            assert stop.point is not None
            round_trip = leg(depot_point, stop.point) + leg(stop.point, depot_point)
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
    points = _points_of(stops)
    geo = _Geometry([*points, depot_point])
    depot_index = len(points)
    items = [s.items for s in stops]
    xs = [p[0] for p in geo.xy]
    ys = [p[1] for p in geo.xy]
    metric = None if legs is None else search_metric(legs, [*points, depot_point])
    # Each stop's nearest in the plane once, as many as the plan will look at: the shorter
    # lists below are their starts (ties by number). Finding 60 once instead of 10, then 30
    # and 60 took Leuven2 (4,000 stops) 0.46 s instead of 0.80.
    # (With the caller's distances, the near stops are the nearest by them among `among`.)
    wide, among = _last_neighbours(len(stops), rounds), 2 * NEIGHBOURS
    plane = _vrp.nearest(
        xs[:-1], ys[:-1], _LAST_NEIGHBOURS if wide else NEIGHBOURS if metric is None else among
    )
    near = _near_lists(plane, NEIGHBOURS, metric, among=among)
    max_length = None if shift.max_distance_km is None else shift.max_distance_km * _BUDGET_MARGIN
    travel = shift.travel_km
    instance = _vrp.Instance(
        xs, ys, items, capacity, near, max_stops, max_length,
        service=shift.service_km * _BUDGET_MARGIN,
        max_duration=None if travel is None else travel * _BUDGET_MARGIN, metric=metric,
        costly=legs is not None and legs.costly,
        bounds=legs is not None and dense(legs, [*points, depot_point]),
    )  # fmt: skip
    instance = instance._replace(spans=_vrp.near_distances(instance))
    # Two starts, and the search decides between them by measurement: petals around the
    # depot (where the stops surround it) and savings over the near stops. Each is split,
    # improved by the local search and by a trial share of the rounds; the shorter goes on
    # with the rest. Which start is better depends on the instance, and no rule read off the
    # stops predicted it on the benchmark family: petals came out shorter on compact
    # regencies with a central depot and up to 18% longer on long routes (benchmarks/
    # README.md). Savings replaced the Hilbert curve as the second start: the Belgian
    # instances came 0.35 points closer to the best known (seed 0), Leuven2 1.9 points
    # (eight seeds), X 0.15 points (three seeds), the regency-like family 0.14% shorter at
    # 2,000 stops and 0.19% at 20,000, where petals do not apply or lose the trial.
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
    else:
        # Savings measure as the search does (with the caller's distances, if given).
        measured = None if metric is None else _search_distance(metric)
        savings = _by_bearing(
            _savings_routes(
                geo.xy[:depot_index], geo.xy[depot_index], items, near, capacity=capacity,
                max_stops=max_stops, distance=measured,
            ),
            geo.xy[:depot_index], geo.xy[depot_index],
        )  # fmt: skip
        if petals is None:
            starts, trial = [savings], 0
        else:
            starts = [petals, savings]
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
        if wide:
            # The last local search looks further (see _last_neighbours).
            farthest = _near_lists(plane, _LAST_NEIGHBOURS, metric)
            wider = instance
            if wide > NEIGHBOURS:
                near = farthest if wide == _LAST_NEIGHBOURS else _near_lists(plane, wide, metric)
                wider = instance._replace(near=near, spans=None)
                wider = wider._replace(spans=_vrp.near_distances(wider))
            routes = _vrp.local_search(routes, wider, reach=_LAST_REACH, strings=True)
            # Then stops exchanged between full routes (swap_star), each put next to one
            # of its 60 near stops whatever the local search looked at (10 to 60): the Belgian
            # instances of 4,000-7,000 customers came 0.1-0.5 points closer to the best
            # known (every seed of three) than with the local search's 17-30 there, for
            # 0.5-0.8 s; then the plain local search on the routes the exchanges changed.
            exchanging = instance._replace(near=farthest, spans=None)
            exchanged = _vrp.swap_star(routes, exchanging, meeting=NEIGHBOURS)
            routes = _vrp.local_search(exchanged, instance, since=routes)
        else:
            # Only the routes that ruin-and-recreate changed since the local search (and
            # their neighbours) can have an improving move.
            routes = _vrp.local_search(routes, instance, since=searched)
            if _exchanges_near(len(stops), rounds):
                # Then the exchanges between full routes, each stop put next to one of its
                # 10 near stops (see _exchanges_near).
                exchanged = _vrp.swap_star(routes, instance, meeting=NEIGHBOURS, once=True)
                routes = _vrp.local_search(exchanged, instance, since=routes)
    if solver is not None:
        problem = _solvers.Problem(
            xs=tuple(xs), ys=tuple(ys), items=tuple(items), capacity=capacity,
            max_stops=max_stops, max_length_km=max_length,
            routes=tuple(tuple(r) for r in routes), seed=seed,
        )  # fmt: skip
        theirs = _solvers.checked_routes(problem, solver(problem))
        caps = _vrp.budgets(instance)
        # Measured as the search measures (with the caller's distances, if given).
        shorter = _vrp.total_length(theirs, instance) < _vrp.total_length(routes, instance) - 1e-9
        if shorter and all(_vrp.total_length([r], instance) <= caps[len(r)] for r in theirs):
            routes = theirs
    # A deterministic order of routes: by their lowest stop number (stops are numbered in
    # address order).
    routes.sort(key=min)
    result = []
    for route in routes:
        ordered = tuple(stops[i] for i in route)
        for piece in _within_budget(ordered, depot_point, shift, leg):
            part, distance = _driven(piece, depot_point, leg)
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


def _near_lists(
    plane: Sequence[tuple[int, ...]],
    k: int,
    metric: _vrp.Metric | None,
    *,
    among: int | None = None,
) -> list[tuple[int, ...]]:
    """Each stop's ``k`` near stops, nearest first, from its nearest stops in the plane
    (``plane``, from :func:`~adminduk_delivery.routing._search.nearest`, at least ``k`` and
    ``among`` of them where there are so many): the first ``k`` of them, or with the
    caller's distances (``metric``) the nearest by those among the first ``among`` (default
    ``k``): a road distance is never shorter than the straight line, and rarely much longer
    between neighbours."""
    if metric is None:
        return [nearest[:k] for nearest in plane]
    measured = _search_distance(metric)
    among = among or k
    return [
        tuple(sorted(nearest[:among], key=functools.partial(measured, u))[:k])
        for u, nearest in enumerate(plane)
    ]


_LAST_NEIGHBOURS: Final = 60
_LAST_PER_ROUND: Final = 12
_LAST_REACH: Final = 3.0
_LAST_ROUNDS: Final = (3, 4)
_NEAR_EXCHANGE_ROUNDS: Final = (1, 8)


def _last_neighbours(stops: int, rounds: int) -> int:
    """How many near stops the local search after the rounds considers for each stop, 0
    for none (then the exchanges between full routes look at 10 near stops, or do not run:
    see :func:`_exchanges_near`).

    The rounds and the local searches between them look at the :data:`NEIGHBOURS` nearest
    stops, and end where no move among those shortens the plan; a last local search that
    looks at up to 60 near stops, joined where they are up to three times as far as the
    stop's longer edge (instead of 1.25 times) and moving strings of two or three stops
    within their route, still finds moves, and so do the exchanges after it
    (:func:`~adminduk_delivery.routing._search.swap_star`). Its work grows with the near
    stops per stop, so they are in proportion to the rounds per stop: twelve per round per
    stop, from 10 to 60 (a plan of 2,000 stops with its default 10,000 rounds gets 60).
    Measured on the regency-like family at 2,000 stops (six seeds): 0.23% shorter for about
    6% more time, where 50% more rounds gave 0.24%; the X instances' mean gap to the best
    known 2.55% instead of 2.66% (three seeds).

    Plans with fewer rounds than three quarters of their stops get none (one of 20,000 stops
    with its default rounds, or an office's share of a whole campaign): the 60 near stops,
    the last local search and the exchanges cost about as much as 0.5 to 1.3 rounds per stop
    (measured at 2,000 to 20,000 stops), as much as the rounds themselves or more. From
    three quarters on they pay: the regency-like family at 12,000 stops (nine instances,
    seed 0, 0.83 rounds per stop) came 1.1% shorter, every instance by 0.9-1.4%, for 71%
    more time (9.0 s instead of 5.3 s), and the Belgian Ghent2 (11,000 customers) 1.5 points
    closer to the best known (7.93% over seeds 0-2 instead of 9.40% with seed 0).

    >>> _last_neighbours(2_000, 10_000), _last_neighbours(12_000, 10_000)
    (60, 10)
    >>> _last_neighbours(20_000, 10_000), _last_neighbours(300, 0)
    (0, 0)
    """
    if rounds * _LAST_ROUNDS[1] < stops * _LAST_ROUNDS[0]:
        return 0
    return max(NEIGHBOURS, min(_LAST_NEIGHBOURS, _LAST_PER_ROUND * rounds // max(1, stops)))


def _exchanges_near(stops: int, rounds: int) -> bool:
    """Whether a plan without the wider last local search (:func:`_last_neighbours`) still
    gets the exchanges between full routes, each stop put next to one of its 10 near stops
    (instead of 60): where it has at least an eighth of a round per stop (and less than
    three quarters, from where it gets the wider search).

    Without the 60 near stops and the wider search, the exchanges cost about as much as a
    tenth of a round per stop (0.8 s at 20,000 stops, and 0.15 s for the local search after
    them, where 10,000 rounds take 4.5 s), so from an eighth of a round per stop on they cost
    about as much as the rounds or less. Each pair of routes is looked at once (``once``):
    looking at the pairs again until none has an exchange left gave 0.06% more at 20,000
    stops for twice the time. Measured with default rounds: the regency-like family at
    20,000 stops (nine instances, three seeds) 0.52% shorter, every instance, in 7.37 s per
    plan on average instead of 6.46 s the same day; the Belgian instances of 15,000-30,000
    customers 0.4-0.6 points closer to the best known (Brussels1 5.11%, Brussels2 8.64%,
    Flanders1 3.69%, Flanders2 9.24%, against 5.72%, 9.02%, 4.13% and 9.79%). An office's
    share of a whole campaign (under a tenth of a round per stop) gets none: its time goes
    to the other offices.

    >>> _exchanges_near(20_000, 10_000), _exchanges_near(80_000, 10_000)
    (True, True)
    >>> _exchanges_near(5_700, 431), _exchanges_near(2_000, 10_000), _exchanges_near(300, 0)
    (False, False, False)
    """
    if _last_neighbours(stops, rounds):
        return False  # (the exchanges look at 60 near stops)
    return rounds * _NEAR_EXCHANGE_ROUNDS[1] >= stops * _NEAR_EXCHANGE_ROUNDS[0] > 0


def _search_distance(metric: _vrp.Metric) -> Callable[[int, int], float]:
    """The distance between two points by their numbers, as the search measures it."""
    rows, columns, distance = metric

    def measured(a: int, b: int) -> float:
        return distance(rows[a], columns[b])

    return measured


def _driven(
    route: tuple[Stop, ...],
    depot: tuple[float, float],
    leg: Callable[[tuple[float, float], tuple[float, float]], float],
) -> tuple[tuple[Stop, ...], float]:
    """The route in the direction it is shorter to drive (as given when both are as long),
    and its length, depot to depot."""
    path = [depot, *_points_of(route), depot]
    forward = sum(leg(a, b) for a, b in itertools.pairwise(path))
    if leg is _great_circle_km:
        return route, forward  # the same both ways
    backward = sum(leg(b, a) for a, b in itertools.pairwise(path))
    return (route[::-1], backward) if backward < forward else (route, forward)


def _within_budget(
    route: tuple[Stop, ...],
    depot: tuple[float, float],
    shift: _Shift,
    leg: Callable[[tuple[float, float], tuple[float, float]], float],
) -> list[tuple[Stop, ...]]:
    """The route, or, in the rare case that it is over a budget as driven (an office spread
    over hundreds of km, or roads that are much longer one way), the route cut in order
    into pieces that are not."""
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
            added = leg(last, point) + leg(point, depot) - leg(last, depot)
            if length + added > shift.budget(len(current) + 1):
                pieces.append(tuple(current))
                current, length = [], 0.0
        if not current:
            length = leg(depot, point) + leg(point, depot)
        else:
            length += added
        current.append(stop)
    if current:
        pieces.append(tuple(current))
    return pieces


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
