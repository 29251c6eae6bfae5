"""Optional solvers that may take over an office's routes, for the last per cent.

:func:`adminduk_delivery.routing.plan` is pure Python. A user who accepts a compiled
dependency can give it a ``solver``: for each office with coordinates, the plan first builds
its own routes, then hands the office's :class:`Problem` (with those routes as a warm start)
to the solver, checks the routes that come back (every stop once, every limit held) and
keeps them only when they are shorter. The plan can therefore only get better.

:func:`pyvrp` wraps `PyVRP <https://pyvrp.org>`_ (MIT), installed with the extra
``pip install "adminduk-delivery[pyvrp]"``. Any other callable that takes a :class:`Problem`
and returns routes (lists of stop numbers) works too, OR-Tools for instance.

>>> from adminduk_delivery import routing, solvers
>>> from adminduk_delivery.routing import Stop
>>> stops = [Stop(f"s{i}", "3216202001", "1", "1", lat=-6.30 + (i % 5) / 200,
...               lon=107.15 + (i // 5) / 200, items=2) for i in range(20)]
>>> def one_by_one(problem):
...     return [[stop] for stop in range(len(problem.items))]
>>> mine = routing.plan(stops, capacity=10, depot=(-6.32, 107.14), solver=one_by_one)
>>> mine == routing.plan(stops, capacity=10, depot=(-6.32, 107.14))  # longer: not taken
True
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import attrs

from ._convert import integral, real, whole_number
from .errors import InvalidType, MissingDependency, ValidationError
from .routing import _search as _vrp

__all__ = ["Problem", "Solver", "checked_routes", "pyvrp"]


@attrs.frozen(kw_only=True)
class Problem:
    """One office's routing problem, as numbers.

    Stops are numbered ``0..n-1`` in the plan's order; the depot is number ``n``, the last
    entry of ``xs`` and ``ys``.

    Attributes:
        xs, ys: planar coordinates in km around the office (east and north).
        items: the items of each stop.
        capacity: the most items on one route.
        max_stops: the most stops on one route, or ``None``.
        max_length_km: the most km on one route (depot to depot, in the plane), or ``None``.
        routes: the plan's own routes, a warm start.
        seed: the plan's seed, for solvers that draw random numbers.
    """

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    items: tuple[int, ...]
    capacity: int
    max_stops: int | None
    max_length_km: float | None
    routes: tuple[tuple[int, ...], ...]
    seed: int

    @property
    def depot(self) -> int:
        """The number of the depot (the number of stops)."""
        return len(self.items)

    def distance_km(self, a: int, b: int) -> float:
        """The distance between two points of the problem, in the plane.

        Args:
            a, b: point numbers (any integer type, numpy's too): stops from 0, the depot
                :attr:`depot`.

        Returns:
            The straight-line distance in km.

        Raises:
            InvalidType: a number is not an integer.
            ValidationError: a number is not a point of the problem (code ``range``).
        """
        last = len(self.xs) - 1
        a = whole_number(a, field="a", maximum=last)
        b = whole_number(b, field="b", maximum=last)
        return math.hypot(self.xs[a] - self.xs[b], self.ys[a] - self.ys[b])

    def length_km(self, route: Sequence[int]) -> float:
        """The length of a route, depot to depot.

        Args:
            route: stop numbers in driving order (the depot not included): a list, a tuple
                or a numpy array of integers.

        Returns:
            The length in km, in the plane, from the depot through the stops and back.

        Raises:
            InvalidType: ``route`` is not a collection of integers.
            ValidationError: a number is not a stop of the problem (code ``range``).
        """
        try:
            numbers = None if isinstance(route, str | bytes) else iter(route)
        except TypeError:
            numbers = None
        if numbers is None:
            raise InvalidType("a route is a sequence of stop numbers", field="route")
        route = [whole_number(s, field="route", maximum=self.depot - 1) for s in numbers]
        points = tuple(zip(self.xs, self.ys, strict=True))
        return _vrp.route_length(route, _vrp.Metric(points, points, math.dist), self.depot)


Solver = Callable[[Problem], Sequence[Sequence[int]]]
"""A callable that takes a :class:`Problem` and returns routes: lists of stop numbers."""


def pyvrp(*, iterations: int = 2_000, seconds: float | None = None) -> Solver:
    """A solver that hands each office's problem to PyVRP's iterated local search.

    Args:
        iterations: PyVRP's iteration limit. With it alone, the result depends only on the
            problem and the plan's seed, like the rest of the plan.
        seconds: also stop after so many seconds per office; the plan then depends on the
            machine's speed (and is no longer repeatable).

    Distances are handed over in whole metres; memory grows with the square of an office's
    stops (a 5,000-stop office needs about 200 MB for its distance matrix), so this is meant
    for an office's day, not for a whole campaign at once. Tested with PyVRP 0.14.

    Returns:
        A :data:`Solver` to pass as ``plan(..., solver=...)``: it takes an office's
        :class:`Problem` and returns its routes as lists of stop numbers.

    Raises:
        ValidationError: a bad limit (field ``iterations`` or ``seconds``).
        MissingDependency: when a plan calls the solver and PyVRP is not installed.
    """
    iterations = whole_number(iterations, field="iterations", minimum=1)
    if seconds is not None:
        limit = real(seconds)
        if limit is None or not limit > 0:
            raise ValidationError("seconds is positive", field="seconds", code="range")
        seconds = limit

    def solve(problem: Problem) -> list[list[int]]:
        return _solve_with_pyvrp(problem, iterations=iterations, seconds=seconds)

    return solve


def _solve_with_pyvrp(
    problem: Problem, *, iterations: int, seconds: float | None
) -> list[list[int]]:
    try:
        import numpy as np  # noqa: PLC0415 - optional
        import pyvrp as _pyvrp  # noqa: PLC0415 - optional
        from pyvrp import stop as _stop  # noqa: PLC0415 - optional
    except ImportError as error:
        raise MissingDependency(
            'the PyVRP solver needs PyVRP: pip install "adminduk-delivery[pyvrp]"',
            extra="pyvrp",
        ) from error
    n = problem.depot
    if n == 0:
        return []
    # The depot first, then the stops, as PyVRP numbers its locations.
    x = np.array([problem.xs[n], *problem.xs[:n]])
    y = np.array([problem.ys[n], *problem.ys[:n]])
    metres = np.rint(np.hypot(x[:, None] - x[None, :], y[:, None] - y[None, :]) * 1000)
    distances = metres.astype(np.int64)
    # A second load dimension counts stops, for the stop limit.
    limit = problem.max_stops if problem.max_stops is not None else n
    vehicle = _pyvrp.VehicleType(
        num_available=n,
        capacity=[problem.capacity, limit],
        max_distance=(
            int(problem.max_length_km * 1000)
            if problem.max_length_km is not None
            else _pyvrp.VehicleType().max_distance
        ),
    )
    data = _pyvrp.ProblemData(
        locations=[_pyvrp.Location(x=float(a), y=float(b)) for a, b in zip(x, y, strict=True)],
        clients=[_pyvrp.Client(location=k + 1, delivery=[problem.items[k], 1]) for k in range(n)],
        depots=[_pyvrp.Depot(location=0)],
        vehicle_types=[vehicle],
        distance_matrices=[distances],
        duration_matrices=[np.zeros_like(distances)],
    )
    stop: _stop.StoppingCriterion = _stop.MaxIterations(iterations)
    if seconds is not None:
        stop = _stop.MultipleCriteria([stop, _stop.MaxRuntime(seconds)])
    start = _pyvrp.Solution(data, [list(route) for route in problem.routes])
    result = _pyvrp.solve(
        data, stop=stop, seed=problem.seed, initial_solution=start, collect_stats=False
    )
    routes = [
        [activity.idx for activity in route.schedule() if activity.is_client()]
        for route in result.best.routes()
    ]
    # PyVRP measures in whole metres; the budget is checked again in the plane.
    over = problem.max_length_km is not None and any(
        problem.length_km(route) > problem.max_length_km for route in routes
    )
    if not result.is_feasible() or over:
        return [list(route) for route in problem.routes]
    return routes


def checked_routes(problem: Problem, routes: object) -> list[list[int]]:
    """The routes a solver returned, as lists, after checking that every stop is on exactly
    one of them and that every limit holds (with the budget's 1% margin in the plane).

    Args:
        problem: the office's problem the solver was given.
        routes: what the solver returned.

    Returns:
        The routes as lists of stop numbers, empty routes left out.

    Raises:
        InvalidType: ``routes`` is not a sequence of sequences of stop numbers (field
            ``solver``).
        ValidationError: field ``solver``, code ``stops`` (a stop missing, repeated or
            unknown), ``capacity``, ``max_stops`` or ``distance`` (a limit broken).

    >>> problem = Problem(xs=(0.0, 1.0, 0.5), ys=(0.0, 0.0, 0.0), items=(1, 1),
    ...                   capacity=2, max_stops=None, max_length_km=None, routes=((0, 1),),
    ...                   seed=0)  # two stops; the depot is the last point
    >>> checked_routes(problem, [(1, 0), ()])
    [[1, 0]]
    >>> checked_routes(problem, [(0,), (0, 1)])
    Traceback (most recent call last):
    ...
    adminduk_delivery.errors.ValidationError: solver: the solver's routes must hold every ...
    """
    if isinstance(routes, str | bytes) or not isinstance(routes, Sequence):
        raise InvalidType("a solver returns a sequence of routes", field="solver")
    result: list[list[int]] = []
    for route in routes:
        if isinstance(route, str | bytes) or not isinstance(route, Sequence):
            raise InvalidType("a solver's route is a sequence of stop numbers", field="solver")
        # any integer type (numpy's too), not a bool
        numbers = [n for n in map(integral, route) if n is not None]
        if len(numbers) != len(route):
            raise InvalidType("a solver's route is a sequence of stop numbers", field="solver")
        if numbers:
            result.append(numbers)
    stops = sorted(s for route in result for s in route)
    if stops != list(range(problem.depot)):
        raise ValidationError(
            "the solver's routes must hold every stop exactly once", field="solver", code="stops"
        )
    for route in result:
        if sum(problem.items[s] for s in route) > problem.capacity:
            raise ValidationError(
                "a solver's route is over capacity", field="solver", code="capacity"
            )
        if problem.max_stops is not None and len(route) > problem.max_stops:
            raise ValidationError(
                "a solver's route has too many stops", field="solver", code="max_stops"
            )
        if problem.max_length_km is not None and problem.length_km(route) > (
            problem.max_length_km + 1e-6
        ):
            raise ValidationError(
                "a solver's route is over the distance budget", field="solver", code="distance"
            )
    return result
