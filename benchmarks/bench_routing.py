"""Route quality and speed against the solvers a user would otherwise pick.

Synthetic Bekasi-like instances: stops clustered in villages over a 30 x 30 km square around
Kabupaten Bekasi, one depot in the middle, one office, a capacity of 150-200 items, 1-3 items
per stop, straight-line (great-circle) distances. adminduk_delivery.routing.plan is compared
with OR-Tools (guided local search) and PyVRP (hybrid genetic search) given a time limit each;
the solvers are installed only for this benchmark (pip install -r
benchmarks/requirements-routing.txt) and skipped when absent.

Printed: total km per solver, its ratio to ours, and wall times.
"""

from __future__ import annotations

import argparse
import math
import random
import time
from collections.abc import Callable

from adminduk_delivery import routing
from adminduk_delivery.routing import Stop, haversine_km

CENTRE = (-6.30, 107.15)
BEKASI_VILLAGE = "3216202001"  # any current village: geometric mode uses coordinates only


def instance(n: int, seed: int) -> tuple[list[Stop], tuple[float, float], int]:
    rng = random.Random(seed)
    km_lat = 1 / 111.0
    km_lon = 1 / (111.0 * math.cos(math.radians(CENTRE[0])))
    villages = [(rng.uniform(-15, 15), rng.uniform(-15, 15)) for _ in range(max(1, n // 25))]
    stops = []
    for i in range(n):
        vx, vy = rng.choice(villages)
        x, y = vx + rng.gauss(0, 0.5), vy + rng.gauss(0, 0.5)
        stops.append(
            Stop(f"s{i:06d}", BEKASI_VILLAGE, "001", "001",
                 items=rng.choice([1, 1, 1, 1, 2, 2, 3]),
                 lat=CENTRE[0] + y * km_lat, lon=CENTRE[1] + x * km_lon)
        )  # fmt: skip
    return stops, CENTRE, rng.randint(150, 200)


def ours(stops: list[Stop], depot: tuple[float, float], capacity: int, _limit: float) -> float:
    result = routing.plan(stops, capacity=capacity, depot=depot, office_of=lambda s: "KPC")
    assert not result.unassigned
    total = result.total_distance_km
    assert total is not None
    return total


def _matrix(stops: list[Stop], depot: tuple[float, float]) -> list[list[int]]:
    points = [depot, *(s.point for s in stops)]
    return [[round(haversine_km(a, b) * 1000) for b in points] for a in points]  # type: ignore[arg-type]


def ortools(stops: list[Stop], depot: tuple[float, float], capacity: int, limit: float) -> float:
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2

    matrix = _matrix(stops, depot)
    demands = [0, *(s.items for s in stops)]
    vehicles = math.ceil(sum(demands) / capacity) + max(2, len(stops) // 500)
    manager = pywrapcp.RoutingIndexManager(len(matrix), vehicles, 0)
    model = pywrapcp.RoutingModel(manager)
    transit = model.RegisterTransitMatrix(matrix)
    model.SetArcCostEvaluatorOfAllVehicles(transit)
    demand = model.RegisterUnaryTransitVector(demands)
    model.AddDimensionWithVehicleCapacity(demand, 0, [capacity] * vehicles, True, "load")
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    params.local_search_metaheuristic = (
        routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    )
    params.time_limit.FromMilliseconds(int(limit * 1000))
    solution = model.SolveWithParameters(params)
    return solution.ObjectiveValue() / 1000


def pyvrp(stops: list[Stop], depot: tuple[float, float], capacity: int, limit: float) -> float:
    from pyvrp import Model
    from pyvrp.stop import MaxRuntime

    matrix = _matrix(stops, depot)
    model = Model()
    vehicles = math.ceil(sum(s.items for s in stops) / capacity) + max(2, len(stops) // 500)
    places = [model.add_location(x=0, y=0) for _ in range(len(stops) + 1)]
    model.add_depot(places[0])
    for place, stop in zip(places[1:], stops, strict=True):
        model.add_client(place, delivery=stop.items)
    model.add_vehicle_type(num_available=vehicles, capacity=capacity)
    for i, a in enumerate(places):
        for j, b in enumerate(places):
            if i != j:
                model.add_edge(a, b, distance=matrix[i][j])
    result = model.solve(stop=MaxRuntime(limit), display=False)
    return result.cost() / 1000


SOLVERS: dict[str, Callable[[list[Stop], tuple[float, float], int, float], float]] = {
    "adminduk_delivery": ours,
    "OR-Tools (GLS)": ortools,
    "PyVRP (HGS)": pyvrp,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000])
    parser.add_argument("--seconds", type=float, default=60.0, help="each solver's time limit")
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--only-ours", action="store_true")
    args = parser.parse_args()
    for size in args.sizes:
        stops, depot, capacity = instance(size, args.seed)
        print(f"\n{size:,} stops, capacity {capacity}, {sum(s.items for s in stops):,} items")
        results = {}
        for name, solver in SOLVERS.items():
            if args.only_ours and name != "adminduk_delivery":
                continue
            try:
                start = time.perf_counter()
                km = solver(stops, depot, capacity, args.seconds)
                results[name] = (km, time.perf_counter() - start)
            except ImportError:
                print(f"  {name}: not installed (see benchmarks/requirements-routing.txt)")
        base_km, base_s = results["adminduk_delivery"]
        for name, (km, seconds) in results.items():
            print(f"  {name:<20} {km:10.1f} km  {km / base_km:6.3f}x distance  "
                  f"{seconds:7.2f} s  {seconds / base_s:6.1f}x time")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
