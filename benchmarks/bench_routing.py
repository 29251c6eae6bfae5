"""Route quality and speed against the solvers a user would otherwise pick.

Synthetic Bekasi-like instances: stops clustered in villages over a 30 x 30 km square around
Kabupaten Bekasi, one depot in the middle, one office, a capacity of 150-200 items, 1-3 items
per stop, straight-line (great-circle) distances. adminduk_delivery.routing.plan is compared
with OR-Tools (guided local search), PyVRP (iterated local search since 0.14) and VROOM (exploration
level 5, one thread), given a time limit each; above 2,000 stops they solve angular sectors
of at most 2,000 stops around the depot and share the limit between them (a full distance
matrix of 20,000 stops does not fit in memory);
the solvers are installed only for this benchmark (pip install -r
benchmarks/requirements-routing.txt) and skipped when absent.

Printed: total km per solver, its ratio to ours, and wall times (ours: the best of
--repeat runs, as the plan is deterministic; this shared machine's timings vary by 20%).
"""

from __future__ import annotations

import argparse
import collections
import csv
import functools
import itertools
import math
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from _cli import at_least_one

from adminduk_delivery import regions, routing
from adminduk_delivery.routing import Stop, haversine_km

CENTRE = (-6.30, 107.15)
BEKASI_VILLAGE = "3216202001"  # any current village: geometric mode uses coordinates only


def instance(
    n: int, seed: int, *, uniform: bool = False
) -> tuple[list[Stop], tuple[float, float], int]:
    """``n`` stops clustered in villages (or, with ``uniform``, spread evenly) over 30 x 30 km
    around one depot, and a capacity."""
    rng = random.Random(seed)
    km_lat = 1 / 111.0
    km_lon = 1 / (111.0 * math.cos(math.radians(CENTRE[0])))
    villages = [(rng.uniform(-15, 15), rng.uniform(-15, 15)) for _ in range(max(1, n // 25))]
    stops = []
    for i in range(n):
        vx, vy = rng.choice(villages)
        x, y = vx + rng.gauss(0, 0.5), vy + rng.gauss(0, 0.5)
        if uniform:
            x, y = rng.uniform(-15, 15), rng.uniform(-15, 15)
        stops.append(
            Stop(f"s{i:06d}", BEKASI_VILLAGE, "001", "001",
                 items=rng.choice([1, 1, 1, 1, 2, 2, 3]),
                 lat=CENTRE[0] + y * km_lat, lon=CENTRE[1] + x * km_lon)
        )  # fmt: skip
    return stops, CENTRE, rng.randint(150, 200)


def campaign(n: int, offices: int, seed: int) -> tuple[list[Stop], dict[str, str], int]:
    """The whole campaign at once: ``n`` stops in ``offices`` districts of a 40 x 40 km box,
    each district's stops clustered in villages around its own centre."""
    rng = random.Random(seed)
    km_lat = 1 / 111.0
    km_lon = 1 / (111.0 * math.cos(math.radians(CENTRE[0])))
    centres = [(rng.uniform(-20, 20), rng.uniform(-20, 20)) for _ in range(offices)]
    stops, office_of = [], {}
    per_office = n // offices
    for o, (cx, cy) in enumerate(centres):
        villages = [
            (cx + rng.uniform(-5, 5), cy + rng.uniform(-5, 5)) for _ in range(per_office // 25)
        ]
        for i in range(per_office if o < offices - 1 else n - per_office * (offices - 1)):
            vx, vy = rng.choice(villages)
            x, y = vx + rng.gauss(0, 0.4), vy + rng.gauss(0, 0.4)
            stop = Stop(f"o{o:02d}-{i:06d}", BEKASI_VILLAGE, "001", "001",
                        items=rng.choice([1, 1, 1, 1, 2, 2, 3]),
                        lat=CENTRE[0] + y * km_lat, lon=CENTRE[1] + x * km_lon)  # fmt: skip
            stops.append(stop)
            office_of[stop.id] = f"KPC {o:02d}"
    return stops, office_of, 150


FAMILY: dict[str, str] = {
    "3275": "Kota Bekasi (dense city, 56 villages)",
    "3216": "Kabupaten Bekasi (peri-urban, 187 villages)",
    "5302": "Kabupaten Timor Tengah Selatan (sparse rural, 278 villages)",
}
DEPOTS: tuple[str, ...] = ("central", "edge", "outside")


def regency_like(
    regency: str, n: int, seed: int, depot: str
) -> tuple[list[Stop], tuple[float, float], int]:
    """``n`` households of a real regency: the packaged village points, households per
    village drawn unevenly (some villages hold many more than others), each household
    scattered around its village point over a radius set by the distance to the nearest
    other village; the depot at the villages' centre, at the farthest village from it, or
    outside (beyond that village by half the regency's radius)."""
    rng = random.Random(f"{regency}:{n}:{seed}")
    villages = [
        (v.code, point)
        for d in regions.children(regency)
        for v in regions.children(d.code)
        if (point := regions.point(v.code)) is not None
    ]
    centre = (
        sum(p[0] for _, p in villages) / len(villages),
        sum(p[1] for _, p in villages) / len(villages),
    )
    km_lat = 1 / 111.0
    km_lon = 1 / (111.0 * math.cos(math.radians(centre[0])))
    spreads = []
    for code, point in villages:
        nearest = min(haversine_km(point, other) for c, other in villages if c != code)
        spreads.append(min(3.0, max(0.2, 0.35 * nearest)))
    weights = [rng.lognormvariate(0, 0.8) for _ in villages]
    stops = []
    for i in range(n):
        k = rng.choices(range(len(villages)), weights)[0]
        code, (lat, lon) = villages[k]
        stops.append(
            Stop(f"s{i:06d}", code, "001", "001", items=rng.choice([1, 1, 1, 1, 2, 2, 3]),
                 lat=lat + rng.gauss(0, spreads[k]) * km_lat,
                 lon=lon + rng.gauss(0, spreads[k]) * km_lon)
        )  # fmt: skip
    far = max((p for _, p in villages), key=lambda p: haversine_km(centre, p))
    where = {
        "central": centre,
        "edge": far,
        "outside": (far[0] + 0.5 * (far[0] - centre[0]), far[1] + 0.5 * (far[1] - centre[1])),
    }[depot]
    return stops, where, rng.randint(150, 200)


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


def vroom(stops: list[Stop], depot: tuple[float, float], capacity: int, limit: float) -> float:
    import datetime

    import vroom as _vroom

    matrix = _matrix(stops, depot)
    problem = _vroom.Input()
    problem.set_durations_matrix(profile="car", matrix_input=matrix)
    vehicles = math.ceil(sum(s.items for s in stops) / capacity) + max(2, len(stops) // 500)
    problem.add_vehicle(
        [_vroom.Vehicle(v, start=0, end=0, capacity=[capacity]) for v in range(vehicles)]
    )
    problem.add_job(
        [_vroom.Job(i, location=i, delivery=[s.items]) for i, s in enumerate(stops, start=1)]
    )
    solution = problem.solve(
        exploration_level=5, nb_threads=1, timeout=datetime.timedelta(seconds=limit)
    )
    assert not len(solution.unassigned), "VROOM left stops out"
    return float(solution.summary.cost) / 1000


SOLVERS: dict[str, Callable[[list[Stop], tuple[float, float], int, float], float]] = {
    "adminduk_delivery": ours,
    "OR-Tools (GLS)": ortools,
    "PyVRP": pyvrp,
    "VROOM": vroom,
}

CHUNK: int = 2000


def chunked(
    solver: Callable[[list[Stop], tuple[float, float], int, float], float],
) -> Callable[[list[Stop], tuple[float, float], int, float], float]:
    """Run a solver on sectors of at most CHUNK stops around the depot (a full distance matrix
    of 20,000 stops does not fit), sharing its time limit between them."""

    def run(stops: list[Stop], depot: tuple[float, float], capacity: int, limit: float) -> float:
        if len(stops) <= CHUNK:
            return solver(stops, depot, capacity, limit)

        def angle(s: Stop) -> float:
            assert s.lat is not None
            assert s.lon is not None
            return math.atan2(s.lat - depot[0], s.lon - depot[1])

        ordered = sorted(stops, key=angle)
        parts = math.ceil(len(ordered) / CHUNK)
        size = math.ceil(len(ordered) / parts)
        return sum(
            solver(ordered[k : k + size], depot, capacity, limit / parts)
            for k in range(0, len(ordered), size)
        )

    return run


REFERENCES = Path(__file__).with_name("family_references.csv")
"""The shortest plan each reference solver has given for each family instance, over the runs
recorded with --record (a solver's plan in a time limit differs from run to run, as it does
more or less in the time: ratios against the best recorded are steady from run to run)."""

_REFERENCE_FIELDS = ["regency", "depot", "size", "instance_seed", "solver", "seconds", "km"]


def read_references(path: Path) -> dict[tuple[str, str, int, int], tuple[str, float]]:
    """The shortest recorded reference per instance, as (solver, km)."""
    best: dict[tuple[str, str, int, int], tuple[str, float]] = {}
    if not path.exists():
        return best
    with path.open(newline="", encoding="utf-8") as file:
        for row in csv.DictReader(file):
            key = (row["regency"], row["depot"], int(row["size"]), int(row["instance_seed"]))
            km = float(row["km"])
            if key not in best or km < best[key][1]:
                best[key] = (row["solver"], km)
    return best


def family(args: argparse.Namespace) -> None:
    """The regency-like family: every regency, depot position and size, the plan with each
    of the plan seeds, the reference solvers once each; means and spreads. With --record,
    each reference solver's km is added to benchmarks/family_references.csv, and ratios are
    also printed against the shortest recorded (see REFERENCES)."""
    recorded = read_references(REFERENCES)
    new_rows: list[dict[str, object]] = []
    against_recorded: list[float] = []
    ratios: list[float] = []
    spreads: list[float] = []
    seconds_by_size: dict[int, list[float]] = {}
    print(f"regency-like family, instance seed {args.seed}, plan seeds {args.plan_seeds}, "
          f"reference solvers {args.seconds:g} s each")  # fmt: skip
    for regency, label in FAMILY.items():
        print(f"\n{label}")
        for depot in DEPOTS:
            for size in args.sizes:
                stops, where, capacity = regency_like(regency, size, args.seed, depot)
                kms = []
                for plan_seed in args.plan_seeds:
                    start = time.perf_counter()
                    result = routing.plan(stops, capacity=capacity, depot=where,
                                          office_of=lambda s: "KPC", seed=plan_seed)  # fmt: skip
                    seconds_by_size.setdefault(size, []).append(time.perf_counter() - start)
                    assert not result.unassigned
                    assert result.total_distance_km is not None
                    kms.append(result.total_distance_km)
                mean_km = sum(kms) / len(kms)
                spread = (max(kms) - min(kms)) / mean_km
                spreads.append(spread)
                line = (f"  depot {depot:<8} {size:>7,} stops: {mean_km:10.1f} km (seeds "
                        f"{min(kms):.1f}-{max(kms):.1f}, spread {100 * spread:.2f}%)")  # fmt: skip
                references = {}
                for name, solver in SOLVERS.items():
                    if name == "adminduk_delivery" or args.only_ours:
                        continue
                    if args.solvers and name not in args.solvers:
                        continue
                    try:
                        references[name] = chunked(solver)(stops, where, capacity, args.seconds)
                    except ImportError:
                        continue
                if references:
                    best_name = min(references, key=references.__getitem__)
                    ratio = mean_km / references[best_name]
                    ratios.append(ratio)
                    line += (f"; {ratio:.3f}x the best reference ({best_name} "
                             f"{references[best_name]:.1f} km)")  # fmt: skip
                for name, km in references.items():
                    new_rows.append({"regency": regency, "depot": depot, "size": size,
                                     "instance_seed": args.seed, "solver": name,
                                     "seconds": args.seconds, "km": f"{km:.3f}"})  # fmt: skip
                key = (regency, depot, size, args.seed)
                shortest = [*references.values(), *([recorded[key][1]] if key in recorded else [])]
                if shortest:
                    best_km = min(shortest)
                    against_recorded.append(mean_km / best_km)
                    line += f"; {mean_km / best_km:.3f}x the shortest recorded"
                print(line, flush=True)
    print()
    for size, seconds in sorted(seconds_by_size.items()):
        print(f"{size:>7,} stops: plan time mean {sum(seconds) / len(seconds):.2f} s, "
              f"largest {max(seconds):.2f} s")  # fmt: skip
    print(f"seed-to-seed spread: mean {100 * sum(spreads) / len(spreads):.2f}%, "
          f"largest {100 * max(spreads):.2f}%")  # fmt: skip
    if ratios:
        print(f"mean {sum(ratios) / len(ratios):.3f}x the best reference over {len(ratios)} "
              f"instances ({min(ratios):.3f}x to {max(ratios):.3f}x)")  # fmt: skip
    if against_recorded:
        print(f"mean {sum(against_recorded) / len(against_recorded):.3f}x the shortest "
              f"recorded reference over {len(against_recorded)} instances")  # fmt: skip
    if args.record and new_rows:
        exists = REFERENCES.exists()
        with REFERENCES.open("a", newline="", encoding="utf-8") as file:
            writer = csv.DictWriter(file, fieldnames=_REFERENCE_FIELDS)
            if not exists:
                writer.writeheader()
            writer.writerows(new_rows)
        print(f"recorded {len(new_rows)} reference plans in {REFERENCES.name}")


def road_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """A road-like one-way distance for the benchmark: 1.3 times the great circle, plus 0.2 km
    one way (real road distances differ by direction)."""
    return 1.3 * haversine_km(a, b) + (0.2 if a < b else 0.0)


def _lookup(
    km: list[list[float]], points: list[tuple[float, float]]
) -> Callable[[tuple[float, float], tuple[float, float]], float]:
    """A distance function that looks each leg up in ``km`` (rows and columns in the order
    of ``points``)."""
    number = {p: i for i, p in enumerate(points)}

    def looked_up(a: tuple[float, float], b: tuple[float, float]) -> float:
        return km[number[a]][number[b]]

    return looked_up


def distances(args: argparse.Namespace) -> None:
    """Plan each size three ways, with the plan's seed 0: great-circle distances (the
    default), the caller's distances as a DistanceTable (built beforehand, as a matrix
    service returns it; the plan averages it both ways once per table, timed apart), and the
    same distances as a function the plan asks leg by leg: road_km, as a routing engine's
    client would answer (a computation per leg), and a lookup in the matrix built
    beforehand, whose own cost is next to nothing, so that its time is the library's cost of
    asking for legs. Best of --repeat runs each. For each function, also its calls in one
    plan, replayed by themselves (their own share of the time), and what is left: the
    library's part."""
    for size in args.sizes:
        stops, depot, capacity = instance(size, args.seed, uniform=args.uniform)
        points = sorted({depot, *routing.points_of(stops)})
        km = [[road_km(p, q) for q in points] for p in points]
        table = routing.DistanceTable(points=points, km=km)
        looked_up = _lookup(km, points)
        start = time.perf_counter()
        table._averaged()  # once per table
        averaging = time.perf_counter() - start
        print(f"\n{size:,} stops: averaging the table both ways once {averaging:.2f} s")
        base = math.nan  # (the great circle's time, measured first)
        for label, distance in (("great circle", None), ("DistanceTable", table),
                                ("function", road_km), ("lookup function", looked_up)):  # fmt: skip
            result, seconds = _timed(stops, depot, capacity, args.repeat, distance_km=distance)
            if distance is None:
                base = seconds
            measured = sum(
                sum(road_km(a, b) for a, b in itertools.pairwise(
                    [depot, *routing.points_of(r.stops), depot]))
                for r in result.routes
            )  # fmt: skip
            print(f"  {label:<15} {seconds:6.2f} s  {seconds / base:5.2f}x great circle  "
                  f"{measured:9.1f} km by road")  # fmt: skip
            if distance is not None and not isinstance(distance, routing.DistanceTable):
                calls, own = _own_calls(args.repeat, stops, depot, capacity, distance)
                print(f"  {'':<15} {calls:,} calls, {own:.2f} s by themselves "
                      f"({own / base:.2f}x): the library's part "
                      f"{(seconds - own) / base:.2f}x great circle")  # fmt: skip


def _own_calls(
    repeat: int,
    stops: list[Stop],
    depot: tuple[float, float],
    capacity: int,
    distance: Callable[[tuple[float, float], tuple[float, float]], float],
) -> tuple[int, float]:
    """How many times the plan calls ``distance``, and the best time of ``repeat`` replays
    of exactly those calls, in the plan's order, by a C loop: the function's own share of
    the plan's time (what a caller's engine would cost), the rest being the library's."""
    asked: list[tuple[tuple[float, float], tuple[float, float]]] = []

    def counted(a: tuple[float, float], b: tuple[float, float]) -> float:
        asked.append((a, b))
        return distance(a, b)

    _timed(stops, depot, capacity, 1, distance_km=counted)
    _, seconds = _best_of(
        repeat, lambda: collections.deque(itertools.starmap(distance, asked), maxlen=0)
    )
    return len(asked), seconds


SERVICE_MINUTES, SPEED_KMH = 2.0, 25.0  # (--limits: the couriers' time per stop and speed)


def _limit_cases(result: routing.RoutePlan) -> dict[str, dict[str, object]]:
    """The limits --limits sets, each binding on the unlimited ``result``: a distance budget
    and a shift of 80% of its longest route's, two couriers fewer than its routes, and all
    three together."""
    longest = max(r.distance_km for r in result.routes)
    minutes = max(r.distance_km / SPEED_KMH * 60 + SERVICE_MINUTES * len(r.stops)
                  for r in result.routes)  # fmt: skip
    shift = {"max_minutes": 0.8 * minutes, "service_minutes": SERVICE_MINUTES,
             "speed_kmh": SPEED_KMH}  # fmt: skip
    couriers = {"couriers": max(1, len(result.routes) - 2)}
    return {"distance": {"max_distance_km": 0.8 * longest}, "shift": shift,
            "couriers": couriers, "all three": {"max_distance_km": 0.8 * longest,
                                                **shift, **couriers}}  # fmt: skip


T = TypeVar("T")


def _timed(
    stops: list[Stop], depot: tuple[float, float], capacity: int, repeat: int, **limit: Any
) -> tuple[routing.RoutePlan, float]:
    """One office's plan with ``limit`` (plan seed 0), and its best time of ``repeat`` runs."""
    return _best_of(
        repeat,
        lambda: routing.plan(
            stops, capacity=capacity, depot=depot, office_of=lambda s: "KPC", **limit
        ),
    )


def _best_of(repeat: int, run: Callable[[], T]) -> tuple[T, float]:
    """``run()``'s result and its best time of ``repeat`` runs (the plan is deterministic:
    its best time of a few runs is its cost)."""
    seconds = math.inf
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        seconds = min(seconds, time.perf_counter() - start)
    return result, seconds


def limits(args: argparse.Namespace) -> None:
    """The time the limits of an office cost: each instance of the regency-like family at
    each --sizes planned without limits, then with each limit of :func:`_limit_cases` (plan
    seed 0, best of --repeat runs each); the ratio of each time to the unlimited plan's, its
    mean over the family, each plan's km (to compare the search's changes under limits) and
    how many stops each limit left unassigned."""
    ratios: dict[str, list[float]] = {}
    for size in args.sizes:
        print(f"\nregency-like family, {size:,} stops, instance seed {args.seed}")
        for regency, label in FAMILY.items():
            for depot in DEPOTS:
                stops, where, capacity = regency_like(regency, size, args.seed, depot)
                unlimited, base = _timed(stops, where, capacity, args.repeat)
                line = (f"  {label[:24]:<24} {depot:<8} none {base:5.2f} s "
                        f"{unlimited.total_distance_km:,.0f} km")  # fmt: skip
                for name, limit in _limit_cases(unlimited).items():
                    result, seconds = _timed(stops, where, capacity, args.repeat, **limit)
                    ratios.setdefault(name, []).append(seconds / base)
                    line += (f" | {name} {seconds / base:4.2f}x {result.total_distance_km:,.0f} km "
                             f"({len(result.unassigned)} left)")  # fmt: skip
                print(line, flush=True)
    print("\nmean time with the limit / without (goal: under 1.2x each):")
    for name, values in ratios.items():
        print(f"  {name:<10} {sum(values) / len(values):5.3f}x "
              f"(instances {min(values):.2f}-{max(values):.2f}x)")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=at_least_one, nargs="+", default=[2000])
    parser.add_argument("--seconds", type=float, default=60.0, help="each solver's time limit")
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--only-ours", action="store_true")
    parser.add_argument("--uniform", action="store_true", help="stops spread evenly, no villages")
    parser.add_argument("--solvers", nargs="+", help="only these (names as printed)")
    parser.add_argument(
        "--campaign", type=int, metavar="N", help="also plan N stops in 23 offices (ours only)"
    )
    parser.add_argument(
        "--repeat", type=at_least_one, default=3,
        help="time ours this many times and keep the best",
    )  # fmt: skip
    parser.add_argument("--family", action="store_true",
                        help="the regency-like family (three regencies, three depot "
                        "positions) at each --sizes")  # fmt: skip
    parser.add_argument("--plan-seeds", type=int, nargs="+", default=[0, 1, 2],
                        help="the plan's seeds in --family")  # fmt: skip
    parser.add_argument("--record", action="store_true",
                        help="--family: add the reference solvers' km to "
                        "family_references.csv")  # fmt: skip
    parser.add_argument("--distances", action="store_true",
                        help="the cost of the caller's distances: each --sizes planned "
                        "with great circles, a DistanceTable and a function")  # fmt: skip
    parser.add_argument("--limits", action="store_true",
                        help="the time an office's limits cost on the regency-like family "
                        "at each --sizes")  # fmt: skip
    args = parser.parse_args()
    if args.limits:
        limits(args)
        return 0
    if args.distances:
        distances(args)
        return 0
    if args.family:
        family(args)
        return 0
    if args.campaign:
        stops, office_of, capacity = campaign(args.campaign, 23, args.seed)
        result, seconds = _best_of(
            args.repeat,
            lambda: routing.plan(stops, capacity=capacity, office_of=lambda s: office_of[s.id]),
        )
        print(f"\ncampaign: {len(stops):,} stops in 23 offices, capacity {capacity}: "
              f"{len(result.routes):,} routes, {result.total_distance_km:,.0f} km "
              f"in {seconds:.1f} s")  # fmt: skip
    for size in args.sizes:
        stops, depot, capacity = instance(size, args.seed, uniform=args.uniform)
        print(f"\n{size:,} stops, capacity {capacity}, {sum(s.items for s in stops):,} items")
        results = {}
        for name, solver in SOLVERS.items():
            if args.only_ours and name != "adminduk_delivery":
                continue
            if args.solvers and name != "adminduk_delivery" and name not in args.solvers:
                continue
            try:
                # The plan is deterministic: its best time of a few runs is its cost. The
                # solvers run once, against their time limit.
                repeat = args.repeat if name == "adminduk_delivery" else 1
                run = solver if name == "adminduk_delivery" else chunked(solver)
                results[name] = _best_of(
                    repeat, functools.partial(run, stops, depot, capacity, args.seconds)
                )
            except ImportError:
                print(f"  {name}: not installed (see benchmarks/requirements-routing.txt)")
        base_km, base_s = results["adminduk_delivery"]
        for name, (km, seconds) in results.items():
            print(f"  {name:<20} {km:10.1f} km  {km / base_km:6.3f}x distance  "
                  f"{seconds:7.2f} s  {seconds / base_s:6.1f}x time")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
