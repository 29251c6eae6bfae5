"""Distances supplied by the caller: routing.DistanceTable and plan(distance_km=...)."""

from __future__ import annotations

import collections
import itertools
import math
import pickle
from unittest import mock

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adminduk_delivery import routing, strategies
from adminduk_delivery.errors import InvalidType, ValidationError
from adminduk_delivery.routing import DistanceTable, Stop, _distances

DEPOT = (-6.25, 107.1)


def road_km(a, b):
    """A road-like distance, one way: longer than the straight line, and longer going
    "north-east" than back (as one-way streets make real road distances)."""
    detour = 1.3 * routing.haversine_km(a, b)
    return detour + (0.4 if a < b else 0.0) if a != b else 0.0


def table_of(points):
    unique = sorted(set(points))
    return DistanceTable(points=unique, km=[[road_km(p, q) for q in unique] for p in unique])


def driven_km(route, depot, distance):
    path = [depot, *routing.points_of(route.stops), depot]
    return sum(distance(a, b) for a, b in itertools.pairwise(path))


def reversed_km(route, depot, distance):
    path = [depot, *routing.points_of(route.stops), depot]
    return sum(distance(b, a) for a, b in itertools.pairwise(path))


@settings(deadline=None, max_examples=40)
@given(
    stops=st.lists(strategies.stops(region="3216", coordinates=True), max_size=30,
                   unique_by=lambda s: s.id),
    capacity=st.integers(4, 20),
    budget=st.none() | st.floats(2.0, 80.0),
    shift=st.none() | st.floats(30.0, 480.0),
    rounds=st.integers(0, 100),
)  # fmt: skip
def test_routes_hold_their_limits_in_the_callers_distances(stops, capacity, budget, shift, rounds):
    """Property: with the caller's (one-way) distances, every stop is on one route or
    unassigned, each route's distance is the caller's, depot to depot, in the direction it is
    driven (the shorter one), the distance budget and the shift hold in those distances, and
    a table and the same distances as a function give the same plan, in any input order."""
    table = table_of([DEPOT, *(s.point for s in stops)])
    kwargs = {
        "capacity": capacity, "depot": DEPOT, "office_of": lambda s: "KPC",
        "max_distance_km": budget, "max_minutes": shift, "service_minutes": 4.0,
        "speed_kmh": 25.0, "rounds": rounds,
    }  # fmt: skip
    result = routing.plan(stops, distance_km=table, **kwargs)
    placed = [s.id for r in result.routes for s in r.stops] + [u.stop.id for u in result.unassigned]
    assert sorted(placed) == sorted(s.id for s in stops)
    for route in result.routes:
        length = driven_km(route, DEPOT, road_km)
        assert route.distance_km == pytest.approx(length, abs=1e-9)
        assert route.distance_km <= reversed_km(route, DEPOT, road_km) + 1e-9
        assert budget is None or route.distance_km <= budget + 1e-9
        if shift is not None:
            assert length / 25.0 * 60 + 4.0 * len(route.stops) <= shift + 1e-6
    for left in result.unassigned:
        round_trip = road_km(DEPOT, left.stop.point) + road_km(left.stop.point, DEPOT)
        if left.code == "distance":
            assert round_trip > budget
        elif left.code == "shift":
            assert round_trip / 25.0 * 60 + 4.0 > shift
    assert routing.plan(stops, distance_km=road_km, **kwargs) == result
    assert routing.plan(list(reversed(stops)), distance_km=table, **kwargs) == result


def test_road_distances_keep_the_river_between_routes():
    """Two rows of houses, 330 m apart along each row, face each other across a river 100 m
    wide; the only bridge is 4 km away. In straight lines each house's nearest are across
    the water and the plan pairs houses across it; with the road distances it does not,
    and its routes are much shorter by road."""
    north = [(-6.2400, 107.0 + 0.003 * i) for i in range(12)]
    south = [(-6.2409, 107.0 + 0.003 * i) for i in range(12)]
    depot = (-6.2300, 107.018)

    def by_road(a, b):
        if a == b:
            return 0.0
        across = (a in south) != (b in south)
        straight = routing.haversine_km(a, b)
        return straight + 8.0 if across else straight

    points = [depot, *north, *south]
    table = DistanceTable(points=points, km=[[by_road(p, q) for q in points] for p in points])
    # In straight lines, the north and south rows interleave; a courier on the north side
    # gets houses on the south side.
    stops = [
        Stop(f"s{i:02d}", "3216202001", "1", "1", items=1, lat=lat, lon=lon)
        for i, (lat, lon) in enumerate(p for pair in zip(north, south, strict=True) for p in pair)
    ]
    kwargs = {"capacity": 12, "depot": depot, "office_of": lambda s: "KPC", "rounds": 500}
    by_roads = routing.plan(stops, distance_km=table, **kwargs)
    in_lines = routing.plan(stops, **kwargs)
    for route in by_roads.routes:
        sides = {s.point in set(south) for s in route.stops}
        assert len(sides) == 1, "a route crosses the river"
    assert any(len({s.point in set(south) for s in r.stops}) == 2 for r in in_lines.routes)
    road_total = sum(driven_km(r, depot, table) for r in by_roads.routes)
    line_total = sum(min(driven_km(r, depot, table), reversed_km(r, depot, table))
                     for r in in_lines.routes)  # fmt: skip
    assert road_total < line_total


def test_a_table_reads_one_way_distances():
    table = DistanceTable(points=[(-6.30, 107.15), (-6.31, 107.16)], km=[[0, 2.4], [2.9, 0]])
    assert table((-6.30, 107.15), (-6.31, 107.16)) == 2.4
    assert table((-6.31, 107.16), (-6.30, 107.15)) == 2.9
    assert table.row_of((-6.31, 107.16)) == 1
    assert "107" not in repr(table)
    assert pickle.loads(pickle.dumps(table)) == table
    assert hash(table) == hash(DistanceTable(points=table.points, km=table.km))


@pytest.mark.parametrize(
    ("kwargs", "error", "code"),
    [
        ({"points": [(0, 0), (0, 0)], "km": [[0, 1], [1, 0]]}, ValidationError, "duplicate"),
        ({"points": [(0, 0), (0, 1)], "km": [[0, 1]]}, ValidationError, "shape"),
        ({"points": [(0, 0), (0, 1)], "km": [[0, 1], [1]]}, ValidationError, "shape"),
        ({"points": [(0, 0), (0, 1)], "km": [[0, -1], [1, 0]]}, ValidationError, "range"),
        ({"points": [(0, 0), (0, 1)], "km": [[0, math.inf], [1, 0]]}, ValidationError, "range"),
        ({"points": [(0, 0), (0, 1)], "km": [[0, "1"], [1, 0]]}, InvalidType, "type"),
        ({"points": [(0, 0), (0, 1)], "km": [[0, True], [1, 0]]}, InvalidType, "type"),
        ({"points": [(0, 0), (0, 1)], "km": "0110"}, InvalidType, "type"),
        ({"points": [(0, 0), (95, 1)], "km": [[0, 1], [1, 0]]}, ValidationError, "range"),
        ({"points": [(0, 0), (0,)], "km": [[0, 1], [1, 0]]}, InvalidType, "type"),
        ({"points": "(0, 0)", "km": [[0]]}, InvalidType, "type"),
    ],
)
def test_a_bad_table_is_refused_with_a_code(kwargs, error, code):
    with pytest.raises(error) as raised:
        DistanceTable(**kwargs)
    assert raised.value.code == code


def _stops():
    return [
        Stop(f"s{i}", "3216202001", "1", "1", items=1, lat=-6.3 + 0.001 * i, lon=107.1)
        for i in range(5)
    ]


def _raises(_a, _b):
    raise ConnectionError("the routing engine is down")


@pytest.mark.parametrize(
    ("distance", "error", "code"),
    [
        (_raises, ValidationError, "failed"),
        (lambda a, b: -1.0, ValidationError, "range"),
        (lambda a, b: math.nan, ValidationError, "range"),
        (lambda a, b: "3 km", ValidationError, "range"),
        (lambda a, b: None, ValidationError, "range"),
        (DistanceTable(points=[(-6.3, 107.1)], km=[[0.0]]), ValidationError, "missing"),
        (42, InvalidType, "type"),
    ],
)
def test_bad_distances_are_our_errors(distance, error, code):
    with pytest.raises(error) as raised:
        routing.plan(_stops(), capacity=3, depot=(-6.31, 107.1), distance_km=distance)
    assert raised.value.code == code
    assert raised.value.field == "distance_km"


@pytest.mark.parametrize("bad", [-1.0, math.nan, math.inf, "3 km", True])
@pytest.mark.parametrize("one_way", [True, False])
def test_a_bad_answer_one_way_only_is_refused(bad, one_way):
    """The search asks for a new pair both ways at once: a bad answer is refused whichever
    of the two it is."""

    def distance(a, b):
        return bad if (a < b) == one_way else road_km(a, b)

    with pytest.raises(ValidationError) as raised:
        routing.plan(_stops(), capacity=3, depot=(-6.31, 107.1), distance_km=distance)
    assert raised.value.code == "range"
    assert raised.value.field == "distance_km"


def test_the_engine_failing_one_way_only_is_our_error():
    def distance(a, b):
        if a > b:
            raise TimeoutError("the routing engine timed out")
        return road_km(a, b)

    with pytest.raises(ValidationError) as raised:
        routing.plan(_stops(), capacity=3, depot=(-6.31, 107.1), distance_km=distance)
    assert raised.value.code == "failed"
    assert isinstance(raised.value.__cause__, TimeoutError)


def test_whole_numbers_of_km_are_distances():
    """An engine that answers in whole km (ints) plans as one answering the same as floats."""
    kwargs = {"capacity": 3, "depot": (-6.31, 107.1), "office_of": lambda s: "KPC"}
    whole = routing.plan(_stops(), distance_km=lambda a, b: round(10 * road_km(a, b)), **kwargs)
    real = routing.plan(
        _stops(), distance_km=lambda a, b: float(round(10 * road_km(a, b))), **kwargs
    )
    assert whole == real
    assert all(type(r.distance_km) is float for r in whole.routes)


def test_numpy_matrices_and_answers_are_distances():
    """A matrix service's answer as a numpy array (float64 or float32), its points as an
    array of (lat, lon) rows, and a function that answers numpy's numbers plan as the same
    distances in Python's numbers do."""
    np = pytest.importorskip("numpy")
    stops = _stops()
    points = [(-6.31, 107.1), *[(s.lat, s.lon) for s in stops]]
    km = [[road_km(a, b) for b in points] for a in points]
    kwargs = {"capacity": 3, "depot": (-6.31, 107.1)}
    expected = routing.plan(stops, distance_km=DistanceTable(points=points, km=km), **kwargs)
    for dtype in (np.float64, np.float32):
        matrix = np.array(km, dtype=dtype)
        table = DistanceTable(points=np.array(points), km=matrix)
        assert table == DistanceTable(points=points, km=matrix.tolist())
        assert all(type(d) is float for row in table.km for d in row)
        answers = lambda a, b, t=table, d=dtype: d(t(a, b))  # noqa: E731 - numpy's numbers
        by_numpy = routing.plan(stops, distance_km=answers, **kwargs)
        assert routing.plan(stops, distance_km=table, **kwargs) == by_numpy
        if dtype is np.float64:
            assert by_numpy == expected
    with pytest.raises(InvalidType) as raised:
        DistanceTable(points=points, km=np.zeros((len(points), len(points)), dtype=bool))
    assert raised.value.code == "type"


@settings(deadline=None, max_examples=30)
@given(
    stops=st.lists(strategies.stops(region="3216", coordinates=True), min_size=1, max_size=25,
                   unique_by=lambda s: s.id),
    shared=st.lists(st.tuples(st.integers(0, 24), st.integers(0, 24)), max_size=6),
    shift=st.none() | st.floats(30.0, 480.0),
    offices=st.integers(1, 3),
    rounds=st.integers(0, 60),
)  # fmt: skip
def test_each_leg_is_asked_once(stops, shared, shift, offices, rounds):
    """Property: the caller's function is asked for each leg (a pair of points, one way) at
    most once in a plan: stops at the same coordinates, offices sharing a depot, the round
    trips a shift limit checks before the search and the routes measured after it included;
    and the plan is the one the same distances as a table give."""
    for i, j in shared:  # some stops at the coordinates of others
        if i < len(stops) and j < len(stops):
            stops[i] = attrs.evolve(stops[i], lat=stops[j].lat, lon=stops[j].lon)
    asked: collections.Counter[tuple[tuple[float, float], tuple[float, float]]]
    asked = collections.Counter()

    def counted(a, b):
        asked[a, b] += 1
        return road_km(a, b)

    kwargs = {
        "capacity": 5, "depot": DEPOT, "office_of": lambda s: f"K{int(s.id[-1]) % offices}",
        "max_minutes": shift, "service_minutes": 4.0, "speed_kmh": 25.0, "rounds": rounds,
    }  # fmt: skip
    result = routing.plan(stops, distance_km=counted, **kwargs)
    assert asked, "no leg asked"
    assert max(asked.values()) == 1
    assert routing.plan(stops, distance_km=table_of([DEPOT, *(s.point for s in stops)]),
                        **kwargs) == result  # fmt: skip


def test_the_distances_are_not_asked_without_coordinates():
    stops = [Stop(f"s{i}", "3216202001", "1", "1", items=1) for i in range(4)]
    result = routing.plan(stops, capacity=2, distance_km=_raises)
    assert [len(r.stops) for r in result.routes] == [2, 2]


@settings(deadline=None, max_examples=30)
@given(
    stops=st.lists(strategies.stops(region="3216", coordinates=True), min_size=1, max_size=30,
                   unique_by=lambda s: s.id),
    budget=st.none() | st.floats(2.0, 80.0),
    shift=st.none() | st.floats(30.0, 480.0),
    rounds=st.integers(0, 100),
)  # fmt: skip
def test_rows_of_doubles_and_dictionaries_give_the_same_plan(stops, budget, shift, rounds):
    """Property: a function's distances kept in rows of machine doubles over the points (up
    to _DENSE_POINTS points: the search reads bounds where a pair was not asked yet) and in
    dictionaries of the pairs asked (beyond it: every read is a distance) give the same
    plan, and the function is asked for no more legs with the rows."""
    kwargs = {
        "capacity": 6, "depot": DEPOT, "office_of": lambda s: "KPC",
        "max_distance_km": budget, "max_minutes": shift, "service_minutes": 4.0,
        "speed_kmh": 25.0, "rounds": rounds,
    }  # fmt: skip
    plans, asked = [], []
    for limit in (_distances._DENSE_POINTS, 0):
        legs: set[tuple[tuple[float, float], tuple[float, float]]] = set()

        def counted(a, b, legs=legs):
            legs.add((a, b))
            return road_km(a, b)

        with mock.patch.object(_distances, "_DENSE_POINTS", limit):
            plans.append(routing.plan(stops, distance_km=counted, **kwargs))
        asked.append(legs)
    assert plans[0] == plans[1]
    assert asked[0] <= asked[1]
