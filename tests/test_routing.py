"""Route grouping: stops, offices, capacity, walk order, geometry."""

from __future__ import annotations

import itertools
import math
import random

import attrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from adminduk_delivery import routing, strategies
from adminduk_delivery.errors import AdmindukError, InvalidType, ValidationError
from adminduk_delivery.routing import Stop, _construction, _plan, _search

CICAU = "3216202001"
KENANGA = "Jl. Kenanga"


@st.composite
def stop_lists(draw, *, coordinates=None, max_size=60):
    """Stops in a few villages of Kabupaten Bekasi, with or without coordinates."""
    n = draw(st.integers(0, max_size))
    with_points = draw(st.booleans()) if coordinates is None else coordinates
    villages = draw(st.lists(strategies.region_codes(level="village", within="3216"),
                             min_size=1, max_size=4))  # fmt: skip
    stops = []
    for i in range(n):
        village = draw(st.sampled_from(villages))
        lat = lon = None
        if with_points:
            lat = draw(st.floats(-6.45, -6.15, allow_nan=False))
            lon = draw(st.floats(107.0, 107.3, allow_nan=False))
        stops.append(Stop(f"s{i:03d}", village, rt=str(draw(st.integers(1, 20))),
                          rw=str(draw(st.integers(1, 9))), street=KENANGA,
                          house_number=str(draw(st.integers(1, 99))),
                          items=draw(st.integers(1, 6)), lat=lat, lon=lon))  # fmt: skip
    return stops


def test_stop_contract_and_validation():
    """Positional fields: id, village, RT, RW (as Address and Indonesian usage have them);
    RT/RW canonical; bad values are our errors."""
    stop = Stop("a", CICAU, "1", 2, KENANGA, "7", 2, -6.3, 107.15)
    assert (stop.rt, stop.rw, stop.items, stop.point) == ("001", "002", 2, (-6.3, 107.15))
    for kwargs in ({"items": 0}, {"lat": -6.3}, {"lat": 91.0, "lon": 0.0}, {"rw": "x"}):
        with pytest.raises(ValidationError):
            Stop(**{"id": "a", "village_code": CICAU, "rw": "1", "rt": "2", **kwargs})
    with pytest.raises(ValidationError):
        Stop("a", "321620", "1", "2")
    with pytest.raises(ValidationError) as nan:  # a data frame's empty cells
        Stop("a", CICAU, "1", "2", lat=float("nan"), lon=float("nan"))
    assert (nan.value.field, nan.value.code) == ("coordinates", "range")
    assert "None: a stop without coordinates" in str(nan.value)
    for ids in ("RR123456785ID", [7]):  # a bare string was split into letters
        with pytest.raises(InvalidType) as caught:
            Stop("a", CICAU, "1", "2", shipment_ids=ids)
        assert (caught.value.field, caught.value.code) == ("shipment_ids", "type")


def test_walk_order_follows_the_address():
    """Without coordinates: village, RW, RT, street, then house numbers in natural order."""
    stops = [Stop(f"h{n}", CICAU, "1", "1", KENANGA, f"No. {n}") for n in (10, 2, 1, 33, 4)]
    result = routing.plan(stops, capacity=100)
    assert [s.house_number for s in result.routes[0].stops] == ["No. 1", "No. 2", "No. 4",
                                                                 "No. 10", "No. 33"]  # fmt: skip
    assert result.total_distance_km is None


def test_capacity_and_unassigned_stops():
    """Routes never exceed the capacity; a stop larger than a route is left out, with why."""
    stops = [Stop(f"s{i}", CICAU, "1", "1", items=4) for i in range(5)]
    big = Stop("big", CICAU, "1", "1", items=20)
    result = routing.plan([*stops, big], capacity=10)
    assert [r.items for r in result.routes] == [8, 8, 4]
    assert [u.stop.id for u in result.unassigned] == ["big"]
    assert "capacity" in result.unassigned[0].reason


def test_offices_are_never_mixed():
    """Each route belongs to one office: by default the district."""
    a = Stop("a", "3216202001", "1", "1")
    b = Stop("b", "3216042002", "1", "1")
    result = routing.plan([a, b], capacity=10)
    assert sorted(r.office for r in result.routes) == ["321604", "321620"]
    same = routing.plan([a, b], capacity=10, office_of=lambda s: "KPC 17500")
    assert [r.office for r in same.routes] == ["KPC 17500"]


def test_geometric_routes_measure_depot_to_depot():
    """With coordinates the plan has distances, and a simple case is exact."""
    depot = (-6.30, 107.15)
    stops = [Stop("n", CICAU, "1", "1", lat=-6.29, lon=107.15),
             Stop("s", CICAU, "1", "1", lat=-6.31, lon=107.15)]  # fmt: skip
    result = routing.plan(stops, capacity=1, depot=depot)
    expected = 2 * routing.haversine_km(depot, (-6.29, 107.15)) + 2 * routing.haversine_km(
        depot, (-6.31, 107.15)
    )
    assert result.total_distance_km == pytest.approx(expected, rel=1e-9)
    assert len(result.routes) == 2


def test_max_stops_and_distance_budget():
    """Optional limits cut routes sooner."""
    stops = [Stop(f"s{i}", CICAU, "1", "1", lat=-6.3 + i / 100, lon=107.15) for i in range(6)]
    assert [len(r.stops) for r in routing.plan(stops, capacity=100, max_stops=2).routes] == [
        2,
        2,
        2,
    ]
    short = routing.plan(stops, capacity=100, depot=(-6.3, 107.15), max_distance_km=5)
    assert all(r.distance_km is not None and r.distance_km <= 5 for r in short.routes)
    assert [u.stop.id for u in short.unassigned] == ["s3", "s4", "s5"]
    assert "distance budget" in short.unassigned[0].reason
    with pytest.raises(ValidationError):
        routing.plan(stops, capacity=0)
    with pytest.raises(ValidationError):
        routing.plan([stops[0], stops[0]], capacity=5)


@settings(max_examples=25)
@given(pair=st.lists(strategies.shipments(history=False), min_size=2, max_size=2,
                     unique_by=lambda s: s.tracking_number))  # fmt: skip
def test_stops_from_shipments_keep_households_together(pair):
    """Shipments to one household address become one stop carrying all their items."""
    first, second = pair
    assume("RR000000014ID" not in {first.tracking_number, second.tracking_number})
    twin = attrs.evolve(second, tracking_number="RR000000014ID", address=first.address)
    stops = routing.stops_from_shipments([first, twin])
    assert len(stops) == 1
    assert stops[0].items == len(first.documents) + len(twin.documents)
    assert set(stops[0].shipment_ids) == {first.tracking_number, "RR000000014ID"}
    assert routing.household_stop([twin, first]) == stops[0]
    assert routing.household_stop([first]).shipment_ids == (first.tracking_number,)


@given(lat=st.floats(-90, 90), lon=st.floats(-180, 180), other=st.tuples(
    st.floats(-90, 90), st.floats(-180, 180)))  # fmt: skip
def test_haversine_reads_any_pair_of_numbers_alike(lat, lon, other):
    """Property: a tuple of floats (checked without conversion), a list, or whole numbers
    where the value is whole give the same distance, symmetric and 0 from a point to
    itself."""
    distance = routing.haversine_km((lat, lon), other)
    assert routing.haversine_km([lat, lon], list(other)) == distance
    assert routing.haversine_km(other, (lat, lon)) == pytest.approx(distance, abs=1e-9)
    assert routing.haversine_km((lat, lon), (lat, lon)) == 0.0
    if lat.is_integer() and lon.is_integer():
        assert routing.haversine_km((int(lat), int(lon)), other) == distance


@pytest.mark.parametrize(
    ("point", "error", "code"),
    [
        ((math.nan, 107.0), ValidationError, "range"),
        ((-6.3, math.inf), ValidationError, "range"),
        ((-90.5, 107.0), ValidationError, "range"),
        ((-6.3, 180.5), ValidationError, "range"),
        ((True, 107.0), InvalidType, "type"),
        (("-6.3", 107.0), InvalidType, "type"),
        ((-6.3, 107.0, 0.0), InvalidType, "type"),
        ("-6.3,107.0", InvalidType, "type"),
    ],
)
def test_haversine_refuses_what_is_not_a_point(point, error, code):
    with pytest.raises(error) as caught:
        routing.haversine_km(point, (-6.3, 107.0))
    assert (caught.value.field, caught.value.code) == ("a", code)


def test_a_household_stop_needs_a_shipment():
    with pytest.raises(ValidationError) as caught:
        routing.household_stop([])
    assert (caught.value.field, caught.value.code) == ("shipments", "empty")


@settings(deadline=None)
@given(stops=stop_lists(), capacity=st.integers(6, 30), rounds=st.integers(0, 200),
       seed=st.integers(0, 2**16))  # fmt: skip
def test_plan_invariants(stops, capacity, rounds, seed):
    """Property: every stop once (or unassigned with a reason); capacity held; one office per
    route; the same plan for any input order."""
    result = routing.plan(stops, capacity=capacity, rounds=rounds, seed=seed)
    placed = [s.id for r in result.routes for s in r.stops]
    left = [u.stop.id for u in result.unassigned]
    assert sorted(placed + left) == sorted(s.id for s in stops)
    assert len(set(placed)) == len(placed)
    for route in result.routes:
        assert route.items == sum(s.items for s in route.stops) <= capacity
        assert {s.district_code for s in route.stops} == {route.office}
    figures = result.summary()
    assert figures["stops"] + figures["unassigned"] == len(stops)
    assert figures["items"] + figures["unassigned_items"] == sum(s.items for s in stops)
    assert figures["routes"] == len(result.records())
    shuffled = list(stops)
    random.Random(seed).shuffle(shuffled)
    assert routing.plan(shuffled, capacity=capacity, rounds=rounds, seed=seed) == result


@settings(deadline=None, max_examples=40)
@given(stops=st.lists(strategies.stops(region="3216", coordinates=True), max_size=40,
                      unique_by=lambda s: s.id),
       capacity=st.integers(4, 20), budget=st.none() | st.floats(2.0, 60.0),
       max_stops=st.none() | st.integers(1, 8))  # fmt: skip
def test_geometric_plans_hold_every_limit(stops, capacity, budget, max_stops):
    """Property, on stops from the library's own strategy: with coordinates, every route is
    within the capacity, the stop limit and the distance budget measured on the sphere, its
    distance is the great-circle length depot to depot, and a stop is left out only when its
    round trip alone is over the budget."""
    depot = (-6.25, 107.1)
    result = routing.plan(stops, capacity=capacity, depot=depot, max_distance_km=budget,
                          max_stops=max_stops, office_of=lambda s: "KPC", rounds=100)  # fmt: skip
    for route in result.routes:
        path = [depot, *routing.points_of(route.stops), depot]
        length = sum(routing.haversine_km(a, b) for a, b in itertools.pairwise(path))
        assert route.distance_km == pytest.approx(length, abs=1e-9)
        assert route.items <= capacity
        assert max_stops is None or len(route.stops) <= max_stops
        assert budget is None or route.distance_km <= budget + 1e-9
    for left in result.unassigned:
        assert left.stop.items > capacity or (
            budget is not None and 2 * routing.haversine_km(depot, left.stop.point) > budget
        )


def test_the_search_is_seeded_and_pays_off():
    """Rounds of search shorten a plan; the same seed gives the same plan, another seed may
    give another; rounds=0 is the local search alone."""
    rng = random.Random(5)
    stops = [Stop(f"s{i:03d}", CICAU, "1", "1", items=rng.randint(1, 3),
                  lat=-6.3 + rng.gauss(0, 0.03), lon=107.15 + rng.gauss(0, 0.03))
             for i in range(150)]  # fmt: skip
    depot = (-6.3, 107.15)
    local = routing.plan(stops, capacity=20, depot=depot, rounds=0)
    searched = routing.plan(stops, capacity=20, depot=depot, rounds=2000, seed=1)
    assert searched.total_distance_km < local.total_distance_km
    assert routing.plan(stops, capacity=20, depot=depot, rounds=2000, seed=1) == searched
    assert routing.default_rounds(len(stops)) == 50 * len(stops)


@pytest.mark.parametrize(
    ("rounds", "near", "wide"),
    [(24, None, 0), (25, 10, 0), (149, 10, 0), (150, 60, 10), (170, 60, 10), (600, 60, 36)],
)
def test_the_exchanges_run_from_an_eighth_of_a_round_per_stop(monkeypatch, rounds, near, wide):
    """The exchanges between full routes run on plans with at least an eighth of a round
    per stop, each stop put next to one of its 10 near stops and each pair of routes looked
    at once; from three quarters of a round per stop on, next to one of its 60, after the
    wider last local search (10 near stops up to eleven twelfths of a round per stop, then
    more). Their plans keep every stop once within the capacity and the stop limit."""
    rng = random.Random(8)
    stops = [Stop(f"s{i:03d}", CICAU, "1", "1", items=rng.randint(1, 3),
                  lat=-6.3 + rng.gauss(0, 0.03), lon=107.15 + rng.gauss(0, 0.03))
             for i in range(200)]  # fmt: skip
    looked_at = []
    swap_star = _search.swap_star

    def counted(routes, instance, *, meeting, once=False):
        looked_at.append((len(instance.near[0]), once))
        return swap_star(routes, instance, meeting=meeting, once=once)

    monkeypatch.setattr(_search, "swap_star", counted)
    result = routing.plan(stops, capacity=12, depot=(-6.3, 107.15), max_stops=7, rounds=rounds)
    assert looked_at == ([] if near is None else [(near, near == 10)])
    assert _plan._last_neighbours(len(stops), rounds) == wide
    assert _plan._exchanges_near(len(stops), rounds) == (near == 10)
    placed = sorted(s.id for route in result.routes for s in route.stops)
    assert placed == sorted(s.id for s in stops)
    assert all(route.items <= 12 and len(route.stops) <= 7 for route in result.routes)


def test_stops_at_one_place():
    """Thousands of stops geocoded to one point (a village centre) are planned quickly."""
    stops = [Stop(f"s{i:04d}", CICAU, "1", "1", lat=-6.3, lon=107.15) for i in range(3000)]
    result = routing.plan(stops, capacity=150, depot=(-6.31, 107.16), rounds=0)
    assert [r.items for r in result.routes] == [150] * 20
    assert result.total_distance_km == pytest.approx(
        20 * 2 * routing.haversine_km((-6.3, 107.15), (-6.31, 107.16))
    )


@pytest.mark.parametrize(
    ("kwargs", "field", "code"),
    [
        ({"capacity": 0}, "capacity", "range"),
        ({"capacity": True}, "capacity", "type"),
        ({"max_stops": 0}, "max_stops", "range"),
        ({"max_distance_km": -1.0}, "max_distance_km", "range"),
        ({"max_distance_km": math.inf}, "max_distance_km", "range"),
        ({"rounds": -1}, "rounds", "range"),
        ({"rounds": 1.5}, "rounds", "type"),
        ({"seed": "one"}, "seed", "type"),
        ({"depot": (-6.3,)}, "depot", "type"),
        ({"depot": (-96.3, 107.0)}, "depot", "range"),
        ({"depot": "Bekasi"}, "depot", "type"),
        ({"depot": (math.nan, 107.0)}, "depot", "range"),
        ({"depot": (None, 107.0)}, "depot", "type"),
    ],
)
def test_bad_plan_arguments_are_our_errors(kwargs, field, code):
    """Each bad argument raises our error, naming the field: a wrong type is an
    ``InvalidType`` (code ``type``), a value out of range code ``range``."""
    stop = Stop("a", CICAU, "1", "1", lat=-6.3, lon=107.15)
    with pytest.raises(AdmindukError) as caught:
        routing.plan([stop], **{"capacity": 5, **kwargs})
    assert (caught.value.field, caught.value.code) == (field, code)


def split_case(stops):
    """The plane, depot number, Hilbert order, items and a length function for a split."""
    points = [s.point for s in stops]
    geo = _construction._Geometry([*points, (-6.3, 107.15)])
    depot = len(points)

    def length(routes):
        paths = ([depot, *route, depot] for route in routes if route)
        return sum(geo.d(a, b) for path in paths for a, b in itertools.pairwise(path))

    order = _construction._hilbert_order(geo.xy[:depot])
    return geo, depot, order, [s.items for s in stops], length


@settings(deadline=None, max_examples=50)
@given(stops=stop_lists(coordinates=True, max_size=120), capacity=st.integers(10, 40))
def test_the_split_is_optimal_for_its_order(stops, capacity):
    """Property: the dynamic-programming split is never longer than the greedy cut of the
    same sequence, and both respect the capacity."""
    if not stops:
        return
    geo, depot, order, items, length = split_case(stops)
    kwargs = {"capacity": capacity, "max_stops": None, "geo": geo, "depot": depot,
              "max_distance_km": None}  # fmt: skip
    best = _construction._optimal_split(order, items, **kwargs)
    greedy = _construction._split(order, items, capacity=capacity, max_stops=None)
    assert length(best) <= length(greedy) + 1e-9
    for routes in (best, greedy):
        assert sorted(n for r in routes for n in r) == sorted(order)
        assert all(sum(items[n] for n in r) <= capacity for r in routes)


@settings(deadline=None, max_examples=60)
@given(points=st.lists(st.tuples(st.floats(-90, 90), st.floats(-180, 180)), max_size=25),
       capacity=st.integers(1, 8), max_stops=st.none() | st.integers(1, 4),
       budget=st.none() | st.floats(1.0, 50_000.0), rounds=st.integers(0, 60))  # fmt: skip
def test_any_coordinates_on_earth_are_planned(points, capacity, max_stops, budget, rounds):
    """Property: coordinates anywhere (poles, the antimeridian, one point shared by all) give
    a plan that holds every stop once and every limit, never an unexpected error."""
    stops = [Stop(f"s{i}", CICAU, "1", "1", lat=lat, lon=lon, items=1 + i % 3)
             for i, (lat, lon) in enumerate(points)]  # fmt: skip
    result = routing.plan(stops, capacity=capacity, max_stops=max_stops,
                          max_distance_km=budget, rounds=rounds)  # fmt: skip
    placed = [s.id for r in result.routes for s in r.stops]
    assert sorted(placed + [u.stop.id for u in result.unassigned]) == sorted(s.id for s in stops)
    for route in result.routes:
        assert route.items <= capacity
        assert max_stops is None or len(route.stops) <= max_stops
        assert route.distance_km is not None
        assert budget is None or route.distance_km <= budget + 1e-6


@settings(deadline=None, max_examples=100)
@given(stops=stop_lists(coordinates=True, max_size=80), capacity=st.integers(6, 40),
       max_stops=st.none() | st.integers(1, 10))  # fmt: skip
def test_the_linear_split_equals_the_quadratic_one(stops, capacity, max_stops):
    """Property: the linear-time split (no distance budget) finds routes of the same total
    length as trying every start, which the budget path does with a budget too large to
    matter."""
    if not stops:
        return
    geo, depot, order, items, length = split_case(stops)
    kwargs = {"capacity": capacity, "max_stops": max_stops, "geo": geo, "depot": depot}
    linear = _construction._optimal_split(order, items, max_distance_km=None, **kwargs)
    every = _construction._optimal_split(order, items, max_distance_km=1e9, **kwargs)
    assert length(linear) == pytest.approx(length(every), rel=1e-9, abs=1e-9)
    assert all(sum(items[n] for n in r) <= capacity for r in linear)
    assert max_stops is None or all(len(r) <= max_stops for r in linear)


@settings(deadline=None, max_examples=80)
@given(points=st.lists(st.tuples(st.floats(-30, 30), st.floats(-30, 30)), max_size=120),
       depot=st.tuples(st.floats(-30, 30), st.floats(-30, 30)),
       capacity=st.integers(3, 12), max_stops=st.none() | st.integers(1, 6))  # fmt: skip
def test_petals_are_a_tour_of_every_stop(points, depot, capacity, max_stops):
    """Property: the petal tour is None (the stops leave the depot an empty angle, or petals
    would be too wide) or holds every stop once."""
    items = [1 + i % 3 for i in range(len(points))]
    order = _construction._petal_order(points, depot, items, capacity=capacity, max_stops=max_stops)
    assert order is None or sorted(order) == list(range(len(points)))


def test_petals_go_out_and_come_back():
    """Stops on three rings around the depot, a route's load in each of 24 directions: each
    petal goes out along one side of its sector, nearest first, and back along the other."""
    bearings = [-172.5 + 15 * k + side for k in range(24) for side in (-1, 1)]
    points = [(r * math.cos(math.radians(b)), r * math.sin(math.radians(b)))
              for b in bearings for r in (1.0, 2.0, 3.0)]  # fmt: skip
    items = [1] * len(points)
    order = _construction._petal_order(points, (0.0, 0.0), items, capacity=6, max_stops=None)
    assert order is not None
    for k in range(0, len(order), 6):
        radii = [round(math.hypot(*points[i])) for i in order[k : k + 6]]
        assert radii == [1, 2, 3, 3, 2, 1]
    # Four routes' worth around the depot make sectors of 90 degrees: too wide for petals.
    petals = _construction._petal_order
    assert petals(points, (0.0, 0.0), items, capacity=36, max_stops=None) is None
    # Seen from a depot off to one side, the stops leave it an empty angle: no petals.
    assert petals(points, (-10.0, 0.0), items, capacity=6, max_stops=None) is None


def test_petals_shorten_a_plan_of_many_routes():
    """Around a central depot with thirty routes' worth of stops, the split of the petal
    tour is shorter than the split of the Hilbert-curve tour."""
    rng = random.Random(5)
    points = [(rng.uniform(-10, 10), rng.uniform(-10, 10)) for _ in range(600)]
    geo = _construction._Geometry([(-6.3 + y / 111, 107.15 + x / 110) for x, y in points]
                            + [(-6.3, 107.15)])  # fmt: skip
    depot = len(points)
    items = [1] * len(points)
    kwargs = {"capacity": 20, "max_stops": None, "geo": geo, "depot": depot,
              "max_distance_km": None}  # fmt: skip

    def length(routes):
        paths = ([depot, *route, depot] for route in routes)
        return sum(geo.d(a, b) for path in paths for a, b in itertools.pairwise(path))

    petals = _construction._petal_order(geo.xy[:depot], geo.xy[depot], items, capacity=20,
                                  max_stops=None)  # fmt: skip
    assert petals is not None
    hilbert = _construction._hilbert_order(geo.xy[:depot])
    by_petals = length(_construction._optimal_split(petals, items, **kwargs))
    by_hilbert = length(_construction._optimal_split(hilbert, items, **kwargs))
    assert by_petals < 0.9 * by_hilbert


@settings(deadline=None, max_examples=80)
@given(
    points=st.lists(st.tuples(st.floats(-30, 30), st.floats(-30, 30)), max_size=120),
    depot=st.tuples(st.floats(-40, 40), st.floats(-40, 40)),
    data=st.data(),
    capacity=st.integers(1, 40),
    max_stops=st.none() | st.integers(1, 12),
)
def test_savings_routes_hold_the_limits_and_every_stop(points, depot, data, capacity, max_stops):
    items = data.draw(st.lists(st.integers(1, capacity), min_size=len(points),
                               max_size=len(points)))  # fmt: skip
    k = data.draw(st.integers(0, 12), label="near stops")
    near = _search.nearest([p[0] for p in points], [p[1] for p in points], k) if points else []
    kwargs = {"capacity": capacity, "max_stops": max_stops}
    routes = _construction._savings_routes(points, depot, items, near, **kwargs)
    assert sorted(x for route in routes for x in route) == list(range(len(points)))
    for route in routes:
        assert route
        assert sum(items[x] for x in route) <= capacity
        assert max_stops is None or len(route) <= max_stops
    assert _construction._savings_routes(points, depot, items, near, **kwargs) == routes
    order = _construction._by_bearing(routes, points, depot)
    assert sorted(order) == list(range(len(points)))
    assert order == [
        x
        for route in sorted(
            routes,
            key=lambda r: (
                math.atan2(
                    sum(points[x][1] for x in r) / len(r) - depot[1],
                    sum(points[x][0] for x in r) / len(r) - depot[0],
                ),
                r[0],
            ),
        )
        for x in route
    ]


def test_savings_join_the_stops_along_each_ray_from_the_depot():
    """Four stops east of the depot and four north, a route's worth each: savings join each
    ray into one route, end to end (the joins across the rays save less)."""
    points = [(1.0, 0.0), (2.0, 0.0), (3.0, 0.0), (4.0, 0.0),
              (0.0, 1.0), (0.0, 2.0), (0.0, 3.0), (0.0, 4.0)]  # fmt: skip
    near = _search.nearest([p[0] for p in points], [p[1] for p in points], 7)
    routes = _construction._savings_routes(
        points, (0.0, 0.0), [1] * 8, near, capacity=4, max_stops=None
    )
    assert [sorted(route) for route in routes] == [[0, 1, 2, 3], [4, 5, 6, 7]]
    assert all(route in ([0, 1, 2, 3], [3, 2, 1, 0], [4, 5, 6, 7], [7, 6, 5, 4])
               for route in routes)  # fmt: skip
    # With room for all, the rays join at their far ends, where the saving is largest.
    (route,) = _construction._savings_routes(
        points, (0.0, 0.0), [1] * 8, near, capacity=8, max_stops=None
    )
    assert route in ([0, 1, 2, 3, 7, 6, 5, 4], [4, 5, 6, 7, 3, 2, 1, 0])


def test_savings_measure_with_the_given_distance():
    """Two rows of stops on the banks of a river, the depot at a ferry between them and the
    nearest bridge far away (the caller's distances): a route over both banks would cross
    by the bridge, so the stops of the two banks save nothing by sharing a route and are
    never joined, where in straight lines they all share one."""
    points = [(float(x), bank) for bank in (0.0, 0.1) for x in range(1, 6)]
    depot = (0.0, 0.05)
    every = [*points, depot]

    def by_road(i, j):  # stops 0-4 on one bank, 5-9 on the other, the depot (10) on both
        across = 10 not in (i, j) and i // 5 != j // 5
        return math.dist(every[i], every[j]) + (50.0 if across else 0.0)

    near = _search.nearest([p[0] for p in points], [p[1] for p in points], 9)
    kwargs = {"capacity": 10, "max_stops": None}
    in_lines = _construction._savings_routes(points, depot, [1] * 10, near, **kwargs)
    assert len(in_lines) == 1
    by_roads = _construction._savings_routes(
        points, depot, [1] * 10, near, distance=by_road, **kwargs
    )
    assert sorted(sorted(route) for route in by_roads) == [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]]


def _offices(stop):
    return stop.district_code


@settings(deadline=None, max_examples=60)
@given(
    stops=stop_lists(max_size=80),
    capacity=st.integers(4, 30),
    couriers=st.integers(0, 4),
    shift=st.none() | st.floats(20.0, 600.0),
    service=st.floats(0.0, 15.0),
    speed=st.floats(5.0, 60.0),
    rounds=st.integers(0, 100),
    data=st.data(),
)
def test_the_limits_of_an_office_are_never_broken(
    *, stops, capacity, couriers, shift, service, speed, rounds, data
):
    """Courier counts, the shift and per-office depots hold on every plan; every stop is on
    one route or unassigned with a code; input order does not matter."""
    offices = sorted({s.district_code for s in stops})
    depots = {
        o: (data.draw(st.floats(-6.5, -6.1)), data.draw(st.floats(106.9, 107.4))) for o in offices
    }
    kwargs = {
        "capacity": capacity,
        "couriers": dict.fromkeys(offices, couriers),
        "depot": depots,
        "max_minutes": shift,
        "service_minutes": service,
        "speed_kmh": speed,
        "rounds": rounds,
    }
    result = routing.plan(stops, **kwargs)
    placed = [s.id for r in result.routes for s in r.stops] + [u.stop.id for u in result.unassigned]
    assert sorted(placed) == sorted(s.id for s in stops)
    assert {u.code for u in result.unassigned} <= set(routing.UNASSIGNED_CODES)
    for office in offices:
        assert sum(r.office == office for r in result.routes) <= couriers
    for route in result.routes:
        assert route.items <= capacity
        if route.distance_km is not None:
            path = [depots[route.office], *(s.point for s in route.stops), depots[route.office]]
            length = sum(routing.haversine_km(a, b) for a, b in itertools.pairwise(path))
            assert math.isclose(route.distance_km, length, rel_tol=1e-9)
            if shift is not None:
                minutes = length / speed * 60 + service * len(route.stops)
                assert minutes <= shift + 1e-6
                assert math.isclose(route.minutes, minutes, rel_tol=1e-9)
        elif shift is not None:
            assert service * len(route.stops) <= shift + 1e-6 or len(route.stops) == 1
    again = routing.plan(list(reversed(stops)), **kwargs)
    assert again == result


def test_couriers_keep_the_fullest_routes() -> None:
    stops = [Stop(f"s{i}", CICAU, "1", "1", items=1 + (i == 0) * 4) for i in range(10)]
    result = routing.plan(stops, capacity=5, couriers=1)
    assert [[s.id for s in r.stops] for r in result.routes] == [["s0"]]
    assert {u.code for u in result.unassigned} == {"couriers"}
    assert len(result.unassigned) == 9


def test_a_shift_limit_needs_a_speed_with_coordinates() -> None:
    stop = Stop("a", CICAU, "1", "1", lat=-6.3, lon=107.15)
    with pytest.raises(ValidationError) as info:
        routing.plan([stop], capacity=5, max_minutes=60)
    assert info.value.code == "required"
    with pytest.raises(ValidationError) as info:
        routing.plan([stop], capacity=5, depot={"x": (-6.3, 107.1)})
    assert (info.value.field, info.value.code) == ("depot", "missing")
    with pytest.raises(ValidationError) as info:
        routing.plan([stop], capacity=5, couriers={"x": 1})
    assert (info.value.field, info.value.code) == ("couriers", "missing")


def test_a_stop_beyond_the_shift_is_unassigned() -> None:
    far = Stop("far", CICAU, "1", "1", lat=-7.3, lon=107.15)  # about 110 km from the depot
    near = Stop("near", CICAU, "1", "2", lat=-6.31, lon=107.15)
    result = routing.plan(
        [far, near], capacity=5, depot=(-6.3, 107.15), max_minutes=120, speed_kmh=40,
        service_minutes=5,
    )  # fmt: skip
    assert [u.stop.id for u in result.unassigned] == ["far"]
    assert result.unassigned[0].code == "shift"
    assert result.routes[0].minutes == pytest.approx(2 * 1.112 / 40 * 60 + 5, rel=1e-2)


def test_a_tiny_service_time_allows_any_number_of_stops() -> None:
    """Found by the limits property: a service time near zero must not overflow."""
    stops = [Stop(f"s{i}", CICAU, "1", "1") for i in range(3)]
    result = routing.plan(stops, capacity=4, max_minutes=20.0, service_minutes=2.2e-313)
    assert [len(r.stops) for r in result.routes] == [3]
    none = routing.plan(stops, capacity=4, couriers=0)
    assert {u.reason for u in none.unassigned} == {"office 321620 has no couriers"}


@settings(max_examples=30)
@given(st.text(min_size=1, max_size=20).filter(str.strip))
def test_a_plan_in_a_notebook_escapes_the_callers_office_ids(office: str) -> None:
    import html

    stops = [Stop(f"s{i}", "3216202001", "1", "1", items=1) for i in range(3)]
    result = routing.plan(stops, capacity=2, office_of=lambda _stop: office)
    shown = result._repr_html_()
    assert f"<td>{html.escape(result.routes[0].office)}</td>" in shown
    assert "2 routes, 3 items" in shown
