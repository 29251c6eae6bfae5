"""The routing engine: neighbour lists, local search, ruin and recreate (private, _vrp)."""

from __future__ import annotations

import array
import itertools
import math
import operator
import random
from unittest import mock

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from adminduk_delivery.routing import _distances
from adminduk_delivery.routing import _search as _vrp

# Planar kilometres to the millimetre: squared distances of subnormal differences underflow
# to zero, and no map gives such coordinates.
coordinates = st.floats(-20, 20, allow_nan=False, allow_infinity=False).map(lambda v: round(v, 6))


@st.composite
def instances(draw, *, max_size=80):
    """Points on a plane (some may coincide), a depot, items per point and limits, with the
    routes of a greedy cut in the order the points were drawn."""
    n = draw(st.integers(1, max_size))
    spot = st.tuples(coordinates, coordinates)
    points = draw(st.lists(spot, min_size=1, max_size=6))
    chosen = [draw(st.sampled_from(points)) if draw(st.booleans()) else draw(spot)
              for _ in range(n)]  # fmt: skip
    depot = draw(spot)
    xs = [p[0] for p in chosen] + [depot[0]]
    ys = [p[1] for p in chosen] + [depot[1]]
    items = draw(st.lists(st.integers(1, 5), min_size=n, max_size=n))
    capacity = draw(st.integers(max(items), 30))
    max_stops = draw(st.none() | st.integers(1, 12))
    longest = 2 * max(math.hypot(x - depot[0], y - depot[1]) for x, y in chosen) + 1e-6
    max_length = draw(st.none() | st.floats(longest, longest * 4))
    routes, current, load, length = [], [], 0, 0.0
    for k in range(n):
        if current:
            last = current[-1]
            added = (math.hypot(xs[k] - xs[last], ys[k] - ys[last])
                     + math.hypot(xs[k] - depot[0], ys[k] - depot[1])
                     - math.hypot(xs[last] - depot[0], ys[last] - depot[1]))  # fmt: skip
            if (load + items[k] > capacity or (max_stops and len(current) >= max_stops)
                    or (max_length and length + added > max_length)):  # fmt: skip
                routes.append(current)
                current, load, length = [], 0, 0.0
        length = (length + added if current
                  else 2 * math.hypot(xs[k] - depot[0], ys[k] - depot[1]))  # fmt: skip
        current.append(k)
        load += items[k]
    routes.append(current)
    limits = {"capacity": capacity, "max_stops": max_stops, "max_length": max_length}
    return xs, ys, items, routes, limits


def instance_of(xs, ys, items, limits, k=6):
    return _vrp.Instance(xs, ys, items, near=_vrp.nearest(xs[:-1], ys[:-1], k), **limits)


def length(route, xs, ys):
    """A route's length from the depot (the last point) and back, measured here."""
    path = [len(xs) - 1, *route, len(xs) - 1]
    return sum(math.hypot(xs[a] - xs[b], ys[a] - ys[b]) for a, b in itertools.pairwise(path))


def total(routes, xs, ys):
    return sum(length(r, xs, ys) for r in routes)


def shortest_tour(stops, xs, ys):
    """The shortest route through ``stops`` from the depot (the last point) and back, by
    trying every order (a handful of stops only)."""
    return min(length(order, xs, ys) for order in itertools.permutations(stops))


def check_routes(routes, xs, ys, items, limits):
    depot = len(xs) - 1
    assert sorted(x for r in routes for x in r) == list(range(depot))
    for route in routes:
        assert route
        assert sum(items[x] for x in route) <= limits["capacity"]
        if limits["max_stops"] is not None:
            assert len(route) <= limits["max_stops"]
        if limits["max_length"] is not None:
            assert length(route, xs, ys) <= limits["max_length"] + 1e-9


_on_a_lattice = st.integers(0, 6).map(float)  # (many points at equal distances: ties)


@given(
    st.one_of(
        st.lists(st.tuples(coordinates, coordinates), min_size=1, max_size=150),
        st.lists(st.tuples(_on_a_lattice, _on_a_lattice), min_size=1, max_size=150),
    ),
    st.integers(3, 20),
    st.integers(0, 40),
)  # fmt: skip
def test_nearest_are_the_nearest(points, k, more):
    """Property: each point gets the k (or n - 1) other points at the least distances, nearest
    first, ties by number, itself excluded; so the lists for k are the starts of those for a
    larger k (the plan finds its longest lists once and cuts the others from them). (Exact
    below 64 k points in one neighbourhood, hence k >= 3 for 150 points; crowds are the next
    test.)"""
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    near = _vrp.nearest(xs, ys, k)
    longer = _vrp.nearest(xs, ys, k + more)
    for i, chosen in enumerate(near):
        d = [math.dist((xs[i], ys[i]), (xs[j], ys[j])) for j in range(len(xs))]
        exact = sorted((j for j in range(len(xs)) if j != i), key=lambda j: (d[j], j))
        assert list(chosen) == exact[:k]
        assert list(longer[i]) == exact[: k + more]


@settings(max_examples=30, deadline=None)
@given(
    st.integers(200, 500),
    st.integers(3, 12),
    st.integers(0, 2**32 - 1),
    st.sampled_from([0.01, 1.0, 1000.0]),
    st.booleans(),
)
def test_nearest_are_the_nearest_near_cell_sides(n, k, seed, scale, lattice):
    """Property: with hundreds of points (the grid's cells then hold a few each), a point's
    list is accepted from the cells around it when its k-th nearest is closer than the
    nearest side of those cells, and it is still the exact one, ties by number: scattered
    points at several scales, or points on a lattice (ties, points on cell sides)."""
    rng = random.Random(seed)
    if lattice:
        side = max(2, int(math.sqrt(n)))
        xs = [scale * rng.randrange(side) / side for _ in range(n)]
        ys = [scale * rng.randrange(side) / side for _ in range(n)]
    else:
        xs = [rng.uniform(0, scale) for _ in range(n)]
        ys = [rng.uniform(0, scale) for _ in range(n)]
    near = _vrp.nearest(xs, ys, k)
    for i in range(0, n, 7):
        d = [math.dist((xs[i], ys[i]), (xs[j], ys[j])) for j in range(n)]
        exact = sorted((j for j in range(n) if j != i), key=lambda j: (d[j], j))
        assert list(near[i]) == exact[:k]


_cluster = st.tuples(st.floats(0, 100), st.floats(0, 100), st.sampled_from([0.0, 1e-6, 0.01, 1.0]))


@settings(max_examples=40, deadline=None)
@given(
    st.lists(_cluster, min_size=1, max_size=4),
    st.lists(st.tuples(st.integers(0, 3), st.floats(-1, 1), st.floats(-1, 1)), min_size=150,
             max_size=400),
    st.integers(1, 2),
)  # fmt: skip
def test_nearest_are_the_nearest_in_crowds(clusters, draws, k):
    """Property: where so many points crowd together that the grid hands them to _Crowded
    (more than 64 k in a neighbourhood: tight clusters, points at the same coordinates),
    each point still gets the k (or n - 1) other points at the least distances, nearest
    first; and _Crowded's own answer is the exact one with ties by number."""
    xs, ys = [], []
    for c, dx, dy in draws:
        cx, cy, spread = clusters[c % len(clusters)]
        xs.append(cx + spread * dx)
        ys.append(cy + spread * dy)
    with mock.patch.object(_vrp, "_Crowded", wraps=_vrp._Crowded) as handed:
        near = _vrp.nearest(xs, ys, k)
    event(f"handed to _Crowded: {handed.called}")
    crowded = _vrp._Crowded(list(zip(xs, ys, strict=True)), k)
    for i, chosen in enumerate(near):
        d = [math.dist((xs[i], ys[i]), (xs[j], ys[j])) for j in range(len(xs))]
        assert i not in chosen
        assert len(chosen) == len(set(chosen)) == min(k, len(xs) - 1)
        found = [d[j] for j in chosen]
        assert found == sorted(d[j] for j in range(len(xs)) if j != i)[: len(chosen)]
        exact = sorted((j for j in range(len(xs)) if j != i), key=lambda j: (d[j], j))[:k]
        assert list(crowded.nearest(i)) == exact


def test_crowds_are_handed_to_the_exact_search():
    """A tight cluster among scattered points goes to _Crowded, and its points get their
    exact nearest, ties by number."""
    rng = random.Random(11)
    xs = [50 + rng.uniform(0, 0.01) for _ in range(400)] + [rng.uniform(0, 100) for _ in range(50)]
    ys = [50 + rng.uniform(0, 0.01) for _ in range(400)] + [rng.uniform(0, 100) for _ in range(50)]
    with mock.patch.object(_vrp, "_Crowded", wraps=_vrp._Crowded) as handed:
        near = _vrp.nearest(xs, ys, 3)
    assert handed.called
    for i in (0, 199, 399, 400, 449):
        d = [math.dist((xs[i], ys[i]), (xs[j], ys[j])) for j in range(len(xs))]
        exact = sorted((j for j in range(len(xs)) if j != i), key=lambda j: (d[j], j))[:3]
        assert list(near[i]) == exact


def test_nearest_copes_with_crowds():
    """Thousands of points at one place (addresses geocoded to a village centre) do not make
    the search quadratic; each still gets k neighbours from its crowd."""
    rng = random.Random(7)
    xs = [1.0] * 3000 + [rng.uniform(0, 10) for _ in range(1000)]
    ys = [1.0] * 3000 + [rng.uniform(0, 10) for _ in range(1000)]
    near = _vrp.nearest(xs, ys, 8)
    assert all(len(n) == 8 for n in near)
    assert all(xs[j] == 1.0 and ys[j] == 1.0 for j in near[0])


@settings(max_examples=60)
@given(instances(), st.booleans())
def test_local_search_keeps_every_limit_and_never_lengthens(instance, strings):
    """Property: every point stays on exactly one route, the limits hold, and the total is
    never longer than where the search started (with strings of stops moved within a route
    or without)."""
    xs, ys, items, routes, limits = instance
    improved = _vrp.local_search(routes, instance_of(xs, ys, items, limits), strings=strings)
    check_routes(improved, xs, ys, items, limits)
    assert total(improved, xs, ys) <= total(routes, xs, ys) + 1e-9


@settings(max_examples=60)
@given(instances(), st.booleans(), st.booleans())
def test_the_search_keeps_each_stops_edges_as_measured(instance, strings, tabled):
    """Property: the edges the local search keeps per stop (into and out of it), which its
    moves read instead of measuring, are the routes' edges measured anew, to the last bit,
    after every move it made; so are the lengths a length budget is checked against, whole
    and from the depot to each stop. In the plane and with a table of the same distances."""
    xs, ys, items, routes, limits = instance
    problem = instance_of(xs, ys, items, limits)
    if tabled:
        points = list(zip(xs, ys, strict=True))
        rows = [array.array("d", [math.dist(p, q) for q in points]) for p in points]
        problem = problem._replace(metric=_vrp.Metric(rows, range(len(points)), operator.getitem))
    search = _vrp._Search(routes, problem)
    search.run(problem.near, _vrp.near_distances(problem), 1.25, strings=strings)
    metric, depot = _vrp.measure(problem), len(items)
    for r, route in enumerate(search.routes):
        edges = _vrp._edges(route, metric, depot)
        if route:
            assert [search.into[x] for x in route] + [search.out[route[-1]]] == edges
            assert [search.out[x] for x in route[:-1]] == edges[1:-1]
        if limits["max_length"] is not None:
            assert search.length[r] == sum(edges)
            assert search.heads[r] == list(itertools.accumulate(edges[:-1]))[: len(route)]


@settings(max_examples=60, deadline=None)
@given(instances(), st.integers(0, 2**32 - 1), st.sampled_from(["plane", "table", "costly"]))
def test_the_rounds_keep_each_routes_edges_as_measured(instance, seed, measured):
    """Property: the edges ruin and recreate keeps per route (a stop put back takes the
    edges measured when its place was found, near a stop or on a whole route), its routes'
    lengths and each stop's distance to the depot are the routes' edges measured anew, to
    the last bit, after the rounds (no local search between them). In the plane, with a
    table of the same distances, and with a costly metric (places found by their bounds)."""
    xs, ys, items, routes, limits = instance
    problem = instance_of(xs, ys, items, limits)
    points = list(zip(xs, ys, strict=True))
    if measured == "table":
        rows = [array.array("d", [math.dist(p, q) for q in points]) for p in points]
        problem = problem._replace(metric=_vrp.Metric(rows, range(len(points)), operator.getitem))
    elif measured == "costly":
        problem = problem._replace(metric=_vrp.Metric(points, points, _detour), costly=True)
    search = _vrp._Recreation(routes, problem, fallback_routes=2)
    search.run(
        40, random.Random(seed), average_removed=5, longest_string=5, dissolve=0.1,
        polish_every=0,
    )  # fmt: skip
    metric, depot = _vrp.measure(problem), len(items)
    assert search.homes == [metric.distance(metric.rows[x], metric.columns[depot])
                            for x in range(depot)]  # fmt: skip
    for r, route in enumerate(search.current):
        edges = _vrp._edges(route, metric, depot)
        assert search.edges[r] == edges
        assert search.lengths[r] == pytest.approx(sum(edges), rel=1e-12, abs=1e-12)


@settings(max_examples=60)
@given(
    instances(),
    st.integers(0, 300),
    st.integers(0, 2**32),
    st.sampled_from([None, 0, 1, 7, 50]),
)
def test_ruin_and_recreate_keeps_every_limit_and_never_lengthens(
    instance, rounds, seed, polish_every
):
    """Property: the same for ruin and recreate, with or without the local search between
    rounds (``polish_every``), and the same seed gives the same routes."""
    xs, ys, items, routes, limits = instance
    problem = instance_of(xs, ys, items, limits)

    def run():
        return _vrp.ruin_and_recreate(
            routes, problem, rounds=rounds, rng=random.Random(seed), polish_every=polish_every
        )

    result = run()
    check_routes(result, xs, ys, items, limits)
    assert total(result, xs, ys) <= total(routes, xs, ys) + 1e-9
    assert run() == result


@settings(max_examples=60)
@given(instances(), st.integers(0, 300), st.integers(0, 2**32))
def test_places_passed_over_by_the_triangle_inequality_change_nothing(instance, rounds, seed):
    """Property: in the plane, the recreate step passes over the places beside a near stop
    that the triangle inequality shows cannot add less than the best place found; with the
    same distances given as a table (a metric that need not obey it), it measures every one
    of them. Both give the same routes, so no place passed over could have been chosen."""
    xs, ys, items, routes, limits = instance
    plane = instance_of(xs, ys, items, limits)
    points = list(zip(xs, ys, strict=True))
    rows = [array.array("d", [math.dist(p, q) for q in points]) for p in points]
    tabled = plane._replace(metric=_vrp.Metric(rows, range(len(points)), operator.getitem))

    def recreated(problem):
        return _vrp.ruin_and_recreate(routes, problem, rounds=rounds, rng=random.Random(seed))

    assert recreated(tabled) == recreated(plane)


@settings(max_examples=40)
@given(instances(), st.integers(0, 100))
def test_distances_given_with_the_instance_change_nothing(instance, rounds):
    """Property: an instance that carries its near-stop distances gives the same routes as
    one whose distances are computed where needed."""
    xs, ys, items, routes, limits = instance
    bare = instance_of(xs, ys, items, limits)
    carried = bare._replace(spans=_vrp.near_distances(bare))
    assert _vrp.local_search(routes, carried) == _vrp.local_search(routes, bare)

    def recreated(problem):
        return _vrp.ruin_and_recreate(routes, problem, rounds=rounds, rng=random.Random(rounds))

    assert recreated(carried) == recreated(bare)


def test_local_search_untangles_a_crossing():
    """Two routes that cross each other are uncrossed (2-opt*), and a tour that doubles back
    is straightened (2-opt)."""
    # Depot at the origin; route A goes out east then jumps north, route B the reverse.
    xs = [10.0, 10.0, 11.0, 11.0, 0.0]
    ys = [0.0, 10.0, 10.0, 0.0, 0.0]
    items = [1, 1, 1, 1]
    routes = [[0, 1], [2, 3]]
    improved = _vrp.local_search(routes, instance_of(xs, ys, items, {"capacity": 2}, k=3))
    assert sorted(sorted(r) for r in improved) == [[0, 3], [1, 2]]
    line = [0.0, 3.0, 1.0, 2.0, 4.0]  # on a line, the depot at 4: 12 km in this order
    assert total([[0, 1, 2, 3]], line, [0.0] * 5) == 12.0
    tour = _vrp.local_search(
        [[0, 1, 2, 3]], instance_of(line, [0.0] * 5, items, {"capacity": 4}, k=3)
    )
    assert total(tour, line, [0.0] * 5) == 8.0  # out to 0 and back


def test_ruin_and_recreate_finds_what_local_search_misses():
    """On clustered points, the rounds shorten a locally optimal plan."""
    rng = random.Random(3)
    centres = [(rng.uniform(-10, 10), rng.uniform(-10, 10)) for _ in range(12)]
    points = [(cx + rng.gauss(0, 0.3), cy + rng.gauss(0, 0.3))
              for cx, cy in centres for _ in range(25)]  # fmt: skip
    xs = [p[0] for p in points] + [0.0]
    ys = [p[1] for p in points] + [0.0]
    items = [rng.choice([1, 1, 2, 3]) for _ in points]
    order = sorted(range(len(points)), key=lambda i: math.atan2(ys[i], xs[i]))
    routes = [order[k : k + 20] for k in range(0, len(order), 20)]
    problem = instance_of(xs, ys, items, {"capacity": 60}, k=12)
    local = _vrp.local_search([list(r) for r in routes], problem)
    better = _vrp.ruin_and_recreate(local, problem, rounds=3000, rng=random.Random(0))
    assert total(better, xs, ys) < 0.99 * total(local, xs, ys)
    assert all(sum(items[x] for x in r) <= 60 for r in better)
    assert sorted(itertools.chain.from_iterable(better)) == list(range(len(points)))


def test_emptied_routes_are_reused_not_piled_up(monkeypatch):
    """Rounds that empty routes and open new ones reuse the empty places: the work of a round
    does not grow with the rounds (on a 147-stop plan with a far depot and 48 small routes,
    20,000 rounds took 14 s when every new route was appended, 1.5 s now)."""
    sizes = []
    original = _vrp._roomiest

    def counting(current, *args, **kwargs):
        sizes.append(len(current))
        return original(current, *args, **kwargs)

    monkeypatch.setattr(_vrp, "_roomiest", counting)
    rng = random.Random(5)
    xs = [rng.uniform(0, 40) for _ in range(147)] + [-20.0]
    ys = [rng.uniform(0, 40) for _ in range(147)] + [-20.0]
    items = [rng.randint(1, 10) for _ in range(147)]
    near = _vrp.nearest(xs[:-1], ys[:-1], 10)
    instance = _vrp.Instance(xs, ys, items, 18, near)
    routes = [[i] for i in range(147)]
    routes = _vrp.local_search(routes, instance)
    result = _vrp.ruin_and_recreate(routes, instance, rounds=3000, rng=random.Random(1))
    assert sorted(x for r in result for x in r) == list(range(147))
    assert sizes
    assert max(sizes) <= 147


@settings(max_examples=60, deadline=None)
@given(instances(), st.integers(0, 2**32 - 1))
def test_a_search_since_earlier_routes_keeps_every_stop_and_limit(problem, seed):
    """A local search started from the routes that changed since an earlier local search
    (and the stops near them) loses no stop, keeps every limit, never lengthens the routes,
    and has nothing to do when nothing changed. (A local search, full or not, is not a
    fixed point: with granular neighbourhoods a second full search can still find a move,
    so that is not what is checked.)"""
    xs, ys, items, routes, limits = problem
    instance = instance_of(xs, ys, items, limits)
    searched = _vrp.local_search(routes, instance)
    shaken = _vrp.ruin_and_recreate(searched, instance, rounds=20, rng=random.Random(seed))
    again = _vrp.local_search(shaken, instance, since=searched)
    assert sorted(x for r in again for x in r) == list(range(len(items)))
    assert _vrp.total_length(again, instance) <= _vrp.total_length(shaken, instance) + 1e-6
    caps = _vrp.budgets(instance)
    for route in again:
        assert sum(items[x] for x in route) <= limits["capacity"]
        assert limits["max_stops"] is None or len(route) <= limits["max_stops"]
        assert _vrp.total_length([route], instance) <= caps[len(route)] + 1e-6
    assert _vrp.local_search(searched, instance, since=searched) == searched


def _detour(a: tuple[float, float], b: tuple[float, float]) -> float:
    """A symmetric distance never shorter than the straight line (a road that runs east-west
    first costs half the east-west leg again)."""
    return math.dist(a, b) + 0.5 * abs(a[0] - b[0])


def _with_metric(xs, ys, items, limits, distance, *, costly):
    points = list(zip(xs, ys, strict=True))
    metric = _vrp.Metric(points, points, distance)
    return instance_of(xs, ys, items, limits)._replace(metric=metric, costly=costly)


def _through_a_slow_zone(a: tuple[float, float], b: tuple[float, float]) -> float:
    """A symmetric distance never shorter than the straight line that breaks the triangle
    inequality: a leg whose middle falls within 0.5 of (1, 0) (a slow market street, say)
    costs three times its straight line, so that going round the zone is shorter."""
    line = math.dist(a, b)
    middle = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    return 3 * line if math.dist(middle, (1.0, 0.0)) < 0.5 else line


@settings(max_examples=60, deadline=None)
@given(instances(), st.integers(0, 2**32 - 1), st.sampled_from([_detour, _through_a_slow_zone]))
def test_skipping_places_by_the_straight_line_changes_no_plan(problem, seed, distance):
    """With a costly metric the recreate step does not measure the places that the straight
    line already shows cannot be better (beside a near stop and on a whole route). For a
    metric never shorter than the straight line, with or without the triangle inequality,
    that skips only places the full scan would not take: the rounds give the same routes."""
    xs, ys, items, routes, limits = problem
    plans = []
    for costly in (False, True):
        instance = _with_metric(xs, ys, items, limits, distance, costly=costly)
        plans.append(_vrp.ruin_and_recreate(routes, instance, rounds=30, rng=random.Random(seed)))
    assert plans[0] == plans[1]


@pytest.mark.parametrize("costly", [False, True])
def test_a_costly_metric_without_the_triangle_inequality_is_bounded_by_the_straight_line(
    costly,
):
    """The recreate step passes over a place beside a near stop only where the straight line
    shows it cannot be better. The plane's bound (the triangle inequality) would pass over
    the place between b and w here, whose added length (7.33) beats the round trip from the
    depot (8.0), and the stop would go on the fallback's place instead. (Its other near
    stop, y, is on a full route: the bound is the least of them all, not of that one.)"""
    x, b, w, c, y = (0.0, 0.0), (2.5, 1.5), (2.0, 0.0), (4.0, 0.0), (-2.1, 0.0)
    every = (x, b, w, c, y, (0.0, -4.0))
    xs, ys = [p[0] for p in every], [p[1] for p in every]
    limits = {"capacity": 10, "max_stops": None, "max_length": None}
    instance = instance_of(xs, ys, [1, 1, 1, 1, 10], limits, k=2)
    points = list(zip(xs, ys, strict=True))
    instance = instance._replace(
        metric=_vrp.Metric(points, points, _through_a_slow_zone), costly=costly
    )
    assert instance.near[0] == (2, 4)  # x's near stops are w and y
    search = _vrp._Recreation([[1, 2, 3], [4]], instance, fallback_routes=2)
    search._put_back([0], first_new=2)
    assert search.current == [[1, 0, 2, 3], [4]]
    assert search.lengths[0] == pytest.approx(
        _vrp.total_length([[1, 2, 3]], instance)
        + _through_a_slow_zone(x, b)
        + _through_a_slow_zone(x, w)
        - _through_a_slow_zone(b, w)
    )


def test_skipping_places_by_the_straight_line_asks_for_fewer_distances():
    """On long routes whose near stops are full (where the recreate step scans whole routes),
    a costly metric is asked for fewer pairs, and the plan is the same."""
    rng = random.Random(3)
    xs = [rng.uniform(0, 30) for _ in range(300)] + [60.0]
    ys = [rng.uniform(0, 30) for _ in range(300)] + [15.0]
    items = [rng.randint(1, 3) for _ in range(300)]
    limits = {"capacity": 60, "max_stops": None, "max_length": None}
    routes = [list(range(k, min(k + 28, 300))) for k in range(0, 300, 28)]
    asked = []
    plans = []
    for costly in (False, True):
        calls = []

        def counted(a, b, calls=calls):
            calls.append(1)
            return _detour(a, b)

        instance = _with_metric(xs, ys, items, limits, counted, costly=costly)
        plans.append(_vrp.ruin_and_recreate(routes, instance, rounds=300, rng=random.Random(0)))
        asked.append(len(calls))
    assert plans[0] == plans[1]
    assert asked[1] < 0.8 * asked[0]


def test_local_search_with_strings_moves_a_string_within_its_route():
    """Seven stops on one route: the local search stops 5.9% above the shortest tour, and
    with ``strings=True`` (a string of two or three stops moved within its route, as the
    plan's last local search does) it reaches it (checked over all 5,040 orders)."""
    xs = [-5.0, 1.0, -3.0, -2.0, 10.0, 0.0, 3.0, 0.0]
    ys = [-1.0, 7.0, -5.0, -10.0, 2.0, 10.0, -3.0, 0.0]
    instance = _vrp.Instance(xs, ys, [1] * 7, 7, _vrp.nearest(xs[:-1], ys[:-1], 6))
    start = [[6, 3, 4, 5, 0, 1, 2]]
    shortest = shortest_tour(range(7), xs, ys)
    plain = _vrp.local_search(start, instance)
    assert _vrp.total_length(plain, instance) > 1.05 * shortest
    searched = _vrp.local_search(start, instance, strings=True)
    assert sorted(searched[0]) == list(range(7))
    assert _vrp.total_length(searched, instance) == pytest.approx(shortest)


@settings(max_examples=60)
@given(instances(), st.integers(1, 6))
def test_swap_star_keeps_every_limit_and_never_lengthens(instance, meeting):
    """Property: exchanges between routes keep every point on exactly one route and every
    limit, never lengthen the plan, and give the same routes for the same input."""
    xs, ys, items, routes, limits = instance
    searched = _vrp.local_search(routes, instance_of(xs, ys, items, limits))
    exchanged = _vrp.swap_star(searched, instance_of(xs, ys, items, limits), meeting=meeting)
    check_routes(exchanged, xs, ys, items, limits)
    assert total(exchanged, xs, ys) <= total(searched, xs, ys) + 1e-9
    assert exchanged == _vrp.swap_star(
        searched, instance_of(xs, ys, items, limits), meeting=meeting
    )
    # Each pair of routes looked at once: within the limits, between the two.
    once = _vrp.swap_star(searched, instance_of(xs, ys, items, limits), meeting=meeting, once=True)
    check_routes(once, xs, ys, items, limits)
    assert total(exchanged, xs, ys) - 1e-9 <= total(once, xs, ys) <= total(searched, xs, ys) + 1e-9


class _CheckedSwapStar(_vrp._SwapStar):
    """swap_star's state, checking before each exchange is looked for that every place it
    keeps for a stop on another route is what finding it afresh gives."""

    def _exchange(self, a, b):
        for (u, other), kept in list(self.known.items()):
            if self.route_of[u] != other:  # (a stop's places on its own route are not read)
                path, edges, _, _ = self._shape(other)
                del self.known[(u, other)]
                assert self._places(u, other, path, edges) == kept, (u, other)
        return super()._exchange(a, b)


@settings(max_examples=60)
@given(instances(), st.integers(1, 6))
def test_swap_star_keeps_places_only_while_they_hold(instance, meeting):
    """Property: the places swap_star keeps for a stop between exchanges (until an edge next
    to one of its near stops on that route changes) are the places found afresh, whenever
    a pair of routes is about to be looked at. (A kept place that no longer holds would make
    it exchange on figures that are not the routes', and it may then never stop.)"""
    xs, ys, items, routes, limits = instance
    searched = _vrp.local_search(routes, instance_of(xs, ys, items, limits))
    checked = _CheckedSwapStar(searched, instance_of(xs, ys, items, limits), meeting=meeting)
    check_routes(checked.run(), xs, ys, items, limits)


def test_swap_star_exchanges_stops_of_full_routes_each_to_its_best_place():
    """Eight stops, two full routes of four: the local search stops 6.2% above the shortest
    plan (no stop can move alone, and swapping two near stops into each other's places does
    not shorten it); exchanging stops 4 and 2, each put where it adds least on the other
    route (not in the other's place), reaches it (checked over every split and order)."""
    xs = [7.0, 5.0, -2.0, -5.0, 0.0, -2.0, 6.0, -4.0, 0.0]
    ys = [0.0, 2.0, 8.0, 0.0, -4.0, 5.0, 2.0, -5.0, 0.0]
    instance = _vrp.Instance(xs, ys, [1] * 8, 4, _vrp.nearest(xs[:-1], ys[:-1], 4))
    shortest = min(
        shortest_tour(half, xs, ys) + shortest_tour([x for x in range(8) if x not in half], xs, ys)
        for half in itertools.combinations(range(8), 4)
    )
    searched = _vrp.local_search([[3, 4, 1, 6], [5, 0, 7, 2]], instance, strings=True)
    assert searched == [[4, 7, 3, 5], [2, 1, 6, 0]]
    assert _vrp.total_length(searched, instance) > 1.06 * shortest
    exchanged = _vrp.swap_star(searched, instance, meeting=4)
    assert exchanged == [[7, 3, 2, 5], [1, 6, 0, 4]]
    assert _vrp.total_length(exchanged, instance) == pytest.approx(shortest)


def test_local_search_moves_a_pair_of_stops_into_another_route():
    """Five stops, four to a route: the shortest plan takes stops 0 and 1 together into the
    long route, which no move of one stop, swap or exchange of tails reaches from these
    routes (the local search stopped 3.7% above the optimum before pairs were moved)."""
    xs = [-4.0, -6.0, -1.0, -3.0, 5.0, 0.0]
    ys = [-10.0, -9.0, -7.0, 0.0, 6.0, 0.0]
    instance = _vrp.Instance(xs, ys, [1] * 5, 4, _vrp.nearest(xs[:-1], ys[:-1], 4))
    searched = _vrp.local_search([[2, 4, 1, 3], [0]], instance)
    optimum = min(
        shortest_tour(one, xs, ys) + shortest_tour([s for s in range(5) if s not in one], xs, ys)
        for size in range(1, 5)
        for one in itertools.combinations(range(5), size)
        if 5 - size <= 4
    )
    assert _vrp.total_length(searched, instance) == pytest.approx(optimum)


def _asked_on_demand(xs, ys, items, limits, distance):
    """The instance with ``distance`` kept as the plan keeps a caller's function: rows of
    machine doubles, each pair asked when first needed (a bound below 0 until then), which
    the search's hottest loops read directly (``bounds``)."""
    points = list(zip(xs, ys, strict=True))
    legs = _distances._Legs(distance)
    metric = _distances._dense_metric(legs, [legs.number(p) for p in points])
    return instance_of(xs, ys, items, limits)._replace(metric=metric, costly=True, bounds=True)


@settings(max_examples=80, deadline=None)
@given(instances(), st.integers(0, 2**32 - 1), st.sampled_from([_detour, _through_a_slow_zone]))
def test_reading_bounds_of_distances_not_asked_changes_no_plan(problem, seed, distance):
    """Property: where the search reads a bound below 0 for a distance not asked yet (rows
    of machine doubles), the local search (with and without strings) and the rounds make
    the same plan as when they measure every distance, for a metric with or without the
    triangle inequality; every distance the rows hold is the metric's, to the last bit."""
    xs, ys, items, routes, limits = problem
    plans = []
    for instance in (
        _with_metric(xs, ys, items, limits, distance, costly=True),
        _asked_on_demand(xs, ys, items, limits, distance),
    ):
        searched = _vrp.local_search(routes, instance)
        strung = _vrp.local_search(searched, instance, reach=3.0, strings=True)
        rounds = _vrp.ruin_and_recreate(strung, instance, rounds=30, rng=random.Random(seed))
        plans.append((searched, strung, rounds))
    assert plans[0] == plans[1]
    points = list(zip(xs, ys, strict=True))
    rows, columns, _ = instance.metric
    for a, row in enumerate(rows):
        for b, column in enumerate(columns):
            held = row[column]
            assert held == _distances._NOT_ASKED or held == distance(points[a], points[b])
