"""Route quality on public CVRP benchmark instances, against their best-known solutions.

The instances are CVRPLIB's "X" set of Uchoa et al. (100 to 1,000 customers) and the very
large Belgian instances of Arnold, Gendreau and Sörensen (3,000 to 30,000 customers), kept
in benchmarks/instances/ with their source and terms. Each is planned with
adminduk_delivery.routing.plan as a user would call it: one office, the instance's depot and
capacity, every customer a Stop, the number of routes free. The instance's plane is laid on
the equator at a small scale (an instance's 1,000 units are about 11 km), where the plan's
local projection is exact to a millionth, and the routes the plan returns are costed on the
instance's own coordinates with CVRPLIB's convention (each distance rounded to the nearest
integer), so that the gap to the best-known cost is the published one's.

Printed: per instance, the gap to the best known (%) and the plan's wall time, for each
seed; then the mean gap over instances, the worst, and the seed-to-seed spread (the mean
over instances of the difference between a seed's best and worst gap). With --pyvrp,
PyVRP (iterated local search) solves the same instance in the same wall time as our plan,
side by side, where it fits in memory (--pyvrp-max customers).

Reading the files needs vrplib and --pyvrp needs pyvrp (pip install -r
benchmarks/requirements-routing.txt); neither is a dependency of the package.

Goals (docs/routing.md): X instances up to 1,000 customers, mean gap at most 3% with default
settings and at most 1% with a larger work budget; the large instances under 8% at 3,000 to
11,000 customers and under 10% at 15,000 to 30,000, each in at most 30 s, and at least as
close as PyVRP given the same wall time.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import itertools
import math
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any, NamedTuple

from _cli import at_least_one
from vrplib.parse import parse_vrplib

from adminduk_delivery import routing
from adminduk_delivery.routing import Stop

HERE = Path(__file__).parent / "instances"
VILLAGE = "3216202001"  # any current village: a plan with coordinates uses the coordinates
DEGREES_PER_UNIT = 1e-4  # 1,000 units are 0.1 degree, about 11 km on the equator


class Instance(NamedTuple):
    name: str
    set: str
    coordinates: list[tuple[int, int]]  # the depot first
    demands: list[int]  # the depot's first (0)
    capacity: int
    best_known: int


def instances(which: str, names: list[str] | None, largest: int | None) -> list[Instance]:
    """The instances of a set, smallest first."""
    found = []
    with open(HERE / "best_known.csv", newline="") as table:
        for row in csv.DictReader(table):
            if row["set"] != which or (names and row["instance"] not in names):
                continue
            if largest is not None and int(row["customers"]) > largest:
                continue
            with gzip.open(HERE / row["set"] / f"{row['instance']}.vrp.gz", "rt") as file:
                data = parse_vrplib(file.read(), compute_edge_weights=False)
            if list(data["depot"]) != [0]:
                raise SystemExit(f"{row['instance']}: the depot is not the first node")
            found.append(
                Instance(
                    name=row["instance"],
                    set=row["set"],
                    coordinates=[(int(x), int(y)) for x, y in data["node_coord"]],
                    demands=[int(d) for d in data["demand"]],
                    capacity=int(data["capacity"]),
                    best_known=int(row["best_known"]),
                )
            )
    return found


def stops_of(instance: Instance) -> tuple[list[Stop], tuple[float, float]]:
    """The customers as stops, and the depot, on the equator at a small scale."""

    def place(point: tuple[int, int]) -> tuple[float, float]:
        return point[1] * DEGREES_PER_UNIT, point[0] * DEGREES_PER_UNIT

    stops = []
    for i in range(1, len(instance.coordinates)):
        if instance.demands[i] < 1:
            raise SystemExit(f"{instance.name}: customer {i} has no demand")
        lat, lon = place(instance.coordinates[i])
        stops.append(Stop(id=str(i), village_code=VILLAGE, rt="", rw="",
                          items=instance.demands[i], lat=lat, lon=lon))  # fmt: skip
    return stops, place(instance.coordinates[0])


def cost(instance: Instance, routes: list[list[int]]) -> int:
    """CVRPLIB's cost of routes of customer numbers: rounded Euclidean distances."""
    xy = instance.coordinates
    total = 0
    for route in routes:
        path = [0, *route, 0]
        total += sum(round(math.dist(xy[a], xy[b])) for a, b in itertools.pairwise(path))
    return total


def ours(instance: Instance, *, rounds: int | None, seed: int) -> tuple[int, float]:
    stops, depot = stops_of(instance)
    start = time.perf_counter()
    result = routing.plan(stops, capacity=instance.capacity, depot=depot,
                          office_of=lambda s: "depot", rounds=rounds, seed=seed)  # fmt: skip
    seconds = time.perf_counter() - start
    if result.unassigned:
        raise SystemExit(f"{instance.name}: {len(result.unassigned)} customers unassigned")
    routes = [[int(s.id) for s in route.stops] for route in result.routes]
    if sorted(c for r in routes for c in r) != list(range(1, len(instance.coordinates))):
        raise SystemExit(f"{instance.name}: the plan lost or repeated a customer")
    return cost(instance, routes), seconds


def pyvrp(instance: Instance, *, seconds: float, seed: int) -> int | None:
    """PyVRP's cost in the given wall time, or None when it is not installed."""
    try:
        import pyvrp as _pyvrp
        from pyvrp.stop import MaxRuntime
    except ImportError:
        return None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{instance.name}.vrp"
        with gzip.open(HERE / instance.set / f"{instance.name}.vrp.gz", "rt") as file:
            path.write_text(file.read())
        data = _pyvrp.read(path, round_func="round")
    result: Any = _pyvrp.solve(data, stop=MaxRuntime(seconds), seed=seed, display=False)
    return int(result.cost()) if result.is_feasible() else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=["X", "XXL"], default="X")
    parser.add_argument("--instances", nargs="+", help="only these (names as in the files)")
    parser.add_argument(
        "--largest", type=at_least_one, help="only instances with at most this many"
    )
    parser.add_argument("--every", type=at_least_one, default=1, help="every n-th instance by size")
    parser.add_argument("--rounds", type=int, help="the plan's rounds (default: its own)")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--pyvrp", action="store_true", help="PyVRP in the same wall time")
    parser.add_argument(
        "--pyvrp-max", type=int, default=11_000, help="no PyVRP above this many customers"
    )
    args = parser.parse_args()
    chosen = instances(args.set, args.instances, args.largest)[:: args.every]
    print(f"{len(chosen)} {args.set} instances, seeds {args.seeds}, rounds "
          f"{'default' if args.rounds is None else args.rounds}")  # fmt: skip
    gaps: dict[str, list[float]] = {}
    theirs: dict[str, list[float]] = {}
    times: list[float] = []
    for instance in chosen:
        line = f"{instance.name:<18} {len(instance.coordinates) - 1:>6,}"
        for seed in args.seeds:
            value, seconds = ours(instance, rounds=args.rounds, seed=seed)
            gap = 100 * (value / instance.best_known - 1)
            gaps.setdefault(instance.name, []).append(gap)
            times.append(seconds)
            line += f"  {gap:5.2f}% {seconds:5.1f}s"
            if args.pyvrp and len(instance.coordinates) - 1 <= args.pyvrp_max:
                other = pyvrp(instance, seconds=seconds, seed=seed)
                if other is not None:
                    their_gap = 100 * (other / instance.best_known - 1)
                    theirs.setdefault(instance.name, []).append(their_gap)
                    line += f" (PyVRP {their_gap:5.2f}%)"
        print(line, flush=True)
    means = [statistics.fmean(g) for g in gaps.values()]
    spreads = [max(g) - min(g) for g in gaps.values()]
    print(f"\nmean gap {statistics.fmean(means):.2f}% over {len(means)} instances "
          f"(per-instance means from {min(means):.2f}% to {max(means):.2f}%), "
          f"seed-to-seed spread {statistics.fmean(spreads):.2f} points on average "
          f"(largest {max(spreads):.2f}); plan time mean {statistics.fmean(times):.1f} s, "
          f"largest {max(times):.1f} s")  # fmt: skip
    if theirs:
        ours_there = statistics.fmean(statistics.fmean(gaps[name]) for name in theirs)
        their_mean = statistics.fmean(statistics.fmean(g) for g in theirs.values())
        print(f"PyVRP in the same wall time: mean gap {their_mean:.2f}% "
              f"on {len(theirs)} instances (ours on those {ours_there:.2f}%)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
