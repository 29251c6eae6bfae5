"""Route grouping: household stops, courier routes by office, area and capacity, walk order.

A delivery office (a Pos KPC, typically one per district) sends couriers out on motorbikes,
each with at most so many items a day. :func:`plan` turns stops into routes:

1. **Stops.** Shipments to the same household address become one :class:`Stop`
   (:func:`stops_from_shipments`); a stop is never split between routes. Where a village
   official receives for a village's residents, its shipments are taken to the village
   office instead (:func:`village_office_stops`).
2. **Offices.** Stops are grouped by delivery office: ``office_of(stop)``, by default the
   stop's district (one office per kecamatan). A route never mixes offices.
3. **Order and routes.**

   - *With coordinates* (every stop of an office has ``lat``/``lon``): the stops are put in
     one sequence, petals where the office has many routes all around its depot (swept by
     bearing into sectors of one route's load, each toured out and back) and the order of
     a Hilbert space-filling curve, which keeps near stops near (where both apply and the
     plan has rounds to spare, both are tried and the search keeps the better); each
     sequence is cut into
     routes of least total length that respect the capacity (and, if given, a maximum
     number of stops and a distance budget). A local search then moves stops next to their
     near stops (relocate, swap, 2-opt and 2-opt* between routes) until no move helps, and
     rounds of ruin and recreate (strings of stops taken out and put back where they cost
     least, under simulated annealing) shorten the plan further; see
     :func:`default_rounds`. Distances are great-circle (haversine) kilometres, depot to
     depot, or the caller's own road distances (``distance_km``: a function or a
     :class:`DistanceTable`).
   - *Without coordinates*: a walk order that follows the address: villages in a sensible
     sequence (the Hilbert order of the villages' representative points from the packaged
     data), then RW, RT, street and house number in natural order ("No. 2" before "No. 10").
     Routes carry no distance.

Everything is pure Python and deterministic: the same stops, in any input order, with the
same limits and ``seed``, give the same plan.

>>> from adminduk_delivery import routing
>>> stops = [routing.Stop(f"s{i}", "3216202001", rt=f"{i % 3 + 1:03d}", rw="001",
...                       street="Jl. Kenanga", house_number=str(i), items=2) for i in range(1, 8)]
>>> result = routing.plan(stops, capacity=6)
>>> [[s.id for s in r.stops] for r in result.routes]
[['s3', 's6', 's1'], ['s4', 's7', 's2'], ['s5']]
>>> result.routes[0].items, result.routes[0].distance_km
(6, None)
"""

from __future__ import annotations

from ._distances import DistanceTable
from ._model import (
    EARTH_RADIUS_KM,
    UNASSIGNED_CODES,
    VILLAGE_OFFICE,
    Route,
    RoutePlan,
    Stop,
    Unassigned,
    haversine_km,
    household_stop,
    points_of,
    stops_from_shipments,
    village_office_stops,
)
from ._plan import NEIGHBOURS, default_rounds, plan

__all__ = [
    "EARTH_RADIUS_KM",
    "NEIGHBOURS",
    "UNASSIGNED_CODES",
    "VILLAGE_OFFICE",
    "DistanceTable",
    "Route",
    "RoutePlan",
    "Stop",
    "Unassigned",
    "default_rounds",
    "haversine_km",
    "household_stop",
    "plan",
    "points_of",
    "stops_from_shipments",
    "village_office_stops",
]

# The public names are this package's: their module is what reprs, pickles and the docs show.
for _name in __all__:
    _value = globals()[_name]
    if hasattr(_value, "__module__") and callable(_value):
        _value.__module__ = __name__
del _name, _value

# The examples in the public classes' methods run as doctests with this package's names
# (doctest looks into a class only for methods defined in the module it collects, and
# these were defined in the private modules).
__test__ = {
    f"{_cls.__name__}.{_member}": _method
    for _cls in (DistanceTable, Route, RoutePlan, Stop, Unassigned)
    for _member, _method in vars(_cls).items()
    if callable(_method) and ">>>" in (getattr(_method, "__doc__", None) or "")
}
