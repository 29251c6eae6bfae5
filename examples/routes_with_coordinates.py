"""Plan a day of courier routes for one post office, with coordinates for every household.

Run it with ``python examples/routes_with_coordinates.py``. It generates a reproducible
synthetic batch of e-KTP for Kecamatan Cikarang Pusat (Kabupaten Bekasi), consolidates the
shipments into household stops, places each household near its village's representative
point (a stand-in for the coordinates a geocoder or the courier's phone would give), and
plans routes from the district's post office three ways: the local search alone
(``rounds=0``), the default search, and, when the ``pyvrp`` extra is installed, the default
search handed on to PyVRP. Everything is seeded: two runs print the same plans.
"""

from __future__ import annotations

import random
import time

import attrs

from adminduk_delivery import regions, routing, solvers, synthetic
from adminduk_delivery.errors import MissingDependency

DISTRICT = "321620"  # Cikarang Pusat
CAPACITY = 80  # items on one motorbike in one day


def household_stops(seed: int = 2020) -> tuple[list[routing.Stop], tuple[float, float]]:
    """The district's stops, each with coordinates, and the post office's point."""
    people = synthetic.population(40_000, regency="3216", seed=seed)
    here = [r for r in people.residents if r.address.village_code.startswith(DISTRICT)]
    batch = synthetic.batch(here, seed=seed)
    rng = random.Random(seed)
    stops = []
    for stop in routing.stops_from_shipments(batch.shipments):
        centre = regions.point(stop.village_code)
        assert centre is not None
        # Within about a kilometre of the village's point (0.01 degree is 1.1 km).
        lat = centre[0] + rng.gauss(0, 0.006)
        lon = centre[1] + rng.gauss(0, 0.006)
        stops.append(attrs.evolve(stop, lat=lat, lon=lon))
    office = regions.point(DISTRICT)
    assert office is not None
    return stops, office


def summary(name: str, plan: routing.RoutePlan, seconds: float) -> str:
    km = plan.total_distance_km or 0.0
    longest = max((r.distance_km or 0.0) for r in plan.routes)
    return (
        f"{name:<28} {len(plan.routes):3d} routes  {km:8.1f} km  "
        f"longest {longest:5.1f} km  {seconds:5.2f} s"
    )


def main() -> None:
    stops, office = household_stops()
    items = sum(s.items for s in stops)
    print(f"Kecamatan Cikarang Pusat: {len(stops)} households, {items} documents, "
          f"{CAPACITY} items per courier\n")  # fmt: skip
    common = {"capacity": CAPACITY, "depot": office, "office_of": lambda s: "KPC Cikarang"}
    plans = {}
    for name, extra in (
        ("local search only", {"rounds": 0}),
        ("default search", {}),
        ("default search, then PyVRP", {"solver": solvers.pyvrp(iterations=500)}),
    ):
        start = time.perf_counter()
        try:
            plan = routing.plan(stops, **common, **extra)  # type: ignore[arg-type]
        except MissingDependency as missing:
            print(f"{name:<28} skipped: {missing}")
            continue
        plans[name] = plan
        print(summary(name, plan, time.perf_counter() - start))
    best = plans["default search"]
    print("\nFirst route of the default plan:")
    first = best.routes[0]
    for number, stop in enumerate(first.stops[:8], start=1):
        village = regions.get(stop.village_code).name
        plural = "s" if stop.items > 1 else ""
        print(f"  {number}. {village}, RW {stop.rw} RT {stop.rt}, {stop.street} "
              f"{stop.house_number} ({stop.items} item{plural})")  # fmt: skip
    if len(first.stops) > 8:
        print(f"  ... {len(first.stops) - 8} more stops, {first.items} items, "
              f"{first.distance_km:.1f} km from the office and back")  # fmt: skip


if __name__ == "__main__":
    main()
