"""Optional solvers that take over an office's routes."""

from __future__ import annotations

import pickle
import random
import sys

import pytest

from adminduk_delivery import routing, solvers
from adminduk_delivery.errors import AdmindukError, MissingDependency, ValidationError
from adminduk_delivery.routing import Stop, _model

CICAU = "3216202001"
DEPOT = (-6.3, 107.15)


def clustered(n=120, seed=3):
    rng = random.Random(seed)
    centres = [(rng.gauss(0, 0.03), rng.gauss(0, 0.03)) for _ in range(6)]
    stops = []
    for i in range(n):
        dy, dx = rng.choice(centres)
        stops.append(Stop(f"s{i:03d}", CICAU, "1", "1", items=rng.randint(1, 3),
                          lat=DEPOT[0] + dy + rng.gauss(0, 0.003),
                          lon=DEPOT[1] + dx + rng.gauss(0, 0.003)))  # fmt: skip
    return stops


def test_a_solver_gets_the_problem_and_a_shorter_answer_is_kept():
    """The solver sees the office's problem with the plan's routes; routes that are shorter
    replace the plan's own."""
    stops = clustered()
    seen = []

    def the_same_routes(problem):
        seen.append(problem)
        assert sorted(s for r in problem.routes for s in r) == list(range(problem.depot))
        return [list(r) for r in problem.routes]  # no better: the plan keeps its own

    base = routing.plan(stops, capacity=20, depot=DEPOT, rounds=0)
    same = routing.plan(stops, capacity=20, depot=DEPOT, rounds=0, solver=the_same_routes)
    assert same == base
    (problem,) = seen
    assert problem.capacity == 20
    assert len(problem.xs) == len(problem.items) + 1 == len(stops) + 1

    better_routes = routing.plan(stops, capacity=20, depot=DEPOT, rounds=3000, seed=4)
    index = {s.id: k for k, s in enumerate(sorted(stops, key=_model._address_key))}

    def from_a_longer_search(problem):
        return [[index[s.id] for s in r.stops] for r in better_routes.routes]

    taken = routing.plan(stops, capacity=20, depot=DEPOT, rounds=0, solver=from_a_longer_search)
    assert taken.total_distance_km == pytest.approx(better_routes.total_distance_km)
    assert taken.total_distance_km < base.total_distance_km


@pytest.mark.parametrize(
    ("answer", "code"),
    [
        (lambda p: [list(range(p.depot))[:-1]], "stops"),
        (lambda p: [[0, *range(p.depot)]], "stops"),
        (lambda p: [list(range(p.depot))], "capacity"),
        (lambda p: "routes", "type"),
        (lambda p: [["a"]], "type"),
        (lambda p: [[True]], "type"),
    ],
)
def test_a_solver_that_loses_a_stop_or_breaks_a_limit_is_refused(answer, code):
    """Routes from a solver are checked like the plan's own; bad ones are our error."""
    with pytest.raises(ValidationError) as caught:
        routing.plan(clustered(30), capacity=10, depot=DEPOT, rounds=0, solver=answer)
    assert (caught.value.field, caught.value.code) == ("solver", code)
    with pytest.raises(ValidationError):
        routing.plan(clustered(5), capacity=10, solver="pyvrp")


def test_pyvrp_limits_are_checked():
    for bad in ({"iterations": 0}, {"iterations": 2.5}, {"seconds": 0}, {"seconds": "1"}):
        with pytest.raises(ValidationError):
            solvers.pyvrp(**bad)


def test_pyvrp_missing_is_a_clear_error(monkeypatch):
    """Without the extra, the solver says which extra to install."""
    monkeypatch.setitem(sys.modules, "pyvrp", None)
    with pytest.raises(MissingDependency) as caught:
        routing.plan(clustered(10), capacity=10, depot=DEPOT, solver=solvers.pyvrp())
    assert caught.value.extra == "pyvrp"
    assert isinstance(caught.value, ImportError)
    assert isinstance(caught.value, AdmindukError)
    assert "adminduk-delivery[pyvrp]" in str(caught.value)
    again = pickle.loads(pickle.dumps(caught.value))
    assert (type(again), again.extra, str(again)) == (MissingDependency, "pyvrp", str(caught.value))


def test_pyvrp_never_makes_a_plan_worse_and_holds_the_limits():
    """With PyVRP installed: repeatable with an iteration limit, never longer than the pure
    plan, and within the capacity, stop limit and distance budget."""
    pytest.importorskip("pyvrp")
    stops = clustered()
    kwargs = {"capacity": 20, "depot": DEPOT, "rounds": 200, "max_stops": 12,
              "max_distance_km": 25.0}  # fmt: skip
    own = routing.plan(stops, **kwargs)
    theirs = routing.plan(stops, solver=solvers.pyvrp(iterations=300), **kwargs)
    assert theirs.total_distance_km <= own.total_distance_km + 1e-9
    assert theirs == routing.plan(stops, solver=solvers.pyvrp(iterations=300), **kwargs)
    assert sorted(s.id for r in theirs.routes for s in r.stops) == sorted(
        s.id for r in own.routes for s in r.stops
    )
    for route in theirs.routes:
        assert route.items <= 20
        assert len(route.stops) <= 12
        assert route.distance_km <= 25.0


def test_a_problem_measures_with_numpy_integers_as_a_solver_holds_them():
    """A solver built on numpy measures with numpy's integers and arrays, as it always
    could; a bool, a text or a number past the points is refused with our errors."""
    np = pytest.importorskip("numpy")
    problem = solvers.Problem(
        xs=(0.0, 3.0, 0.0), ys=(0.0, 4.0, 0.0), items=(1, 1), capacity=2, max_stops=None,
        max_length_km=None, routes=((0, 1),), seed=0,
    )  # fmt: skip
    assert problem.distance_km(np.int64(1), np.int32(2)) == problem.distance_km(1, 2) == 5.0
    assert problem.length_km(np.array([1, 0])) == problem.length_km([1, 0]) == 10.0
    for call, code in [
        (lambda: problem.distance_km(True, 0), "type"),
        (lambda: problem.distance_km(0, 3), "range"),
        (lambda: problem.length_km("10"), "type"),
        (lambda: problem.length_km([2]), "range"),
        (lambda: problem.length_km(5), "type"),
    ]:
        with pytest.raises(ValidationError) as caught:
            call()
        assert caught.value.code == code
