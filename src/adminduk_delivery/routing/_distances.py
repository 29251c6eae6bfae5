"""Distances supplied by the caller: a table over points, and the checked, remembered legs a
plan measures with them."""

from __future__ import annotations

import array
import itertools
import math
import operator
from collections.abc import Callable, Sequence
from typing import Final, cast

import attrs

from adminduk_delivery._convert import plain, real
from adminduk_delivery.errors import InvalidType, ValidationError
from adminduk_delivery.routing._model import _checked_point
from adminduk_delivery.routing._search import Metric

Point = tuple[float, float]
DistanceFunction = Callable[[Point, Point], float]
"""The caller's distance: ``distance_km(a, b)``, in km, from point ``a`` to point ``b``, each a
(latitude, longitude) pair."""


def _point(value: object, field: str) -> Point:
    """A (lat, lon) pair, checked as a stop's coordinates are."""
    shape = f"{field} holds (lat, lon) pairs"
    if isinstance(value, str | bytes) or not isinstance(value, Sequence) or len(value) != 2:
        raise InvalidType(shape, field=field)
    return _checked_point(value, field=field, shape=shape)


def _points(value: object) -> tuple[Point, ...]:
    value = plain(value)  # a numpy array of (lat, lon) rows
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise InvalidType("points is a sequence of (lat, lon) pairs", field="points")
    points = tuple(_point(p, "points") for p in value)
    if len(set(points)) != len(points):
        raise ValidationError(
            "points must be different from each other (one row and column each)",
            field="points",
            code="duplicate",
        )
    return points


_PLAIN_NUMBERS: Final = frozenset({int, float})


def _row(value: object) -> tuple[float, ...]:
    """One row of distances, checked (a matrix service's rows hold millions of numbers
    between them: the common case, plain ints and floats, is checked by C loops)."""
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise InvalidType("km is a square matrix: a sequence of rows", field="km")
    row = tuple(value)
    if _PLAIN_NUMBERS.issuperset(map(type, row)):
        floats = tuple(map(float, row))
    else:
        numbers = tuple(map(real, row))
        for v, number in zip(row, numbers, strict=True):
            if number is None:
                raise InvalidType(f"km holds numbers, got {type(v).__name__}", field="km")
        floats = cast(tuple[float, ...], numbers)
    if not all(map(math.isfinite, floats)) or (floats and min(floats) < 0):
        raise ValidationError("km holds finite distances of 0 or more", field="km", code="range")
    return floats


def _rows(value: object) -> tuple[tuple[float, ...], ...]:
    value = plain(value)  # a numpy matrix
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise InvalidType("km is a square matrix: a sequence of rows", field="km")
    return tuple(map(_row, value))


@attrs.frozen(kw_only=True, repr=False)
class DistanceTable:
    """Distances between points from the caller's own routing engine, as a table: pass it
    to :func:`plan` as ``distance_km``.

    ``km[i][j]`` is the distance in km from ``points[i]`` to ``points[j]`` (one way: road
    distances need not be the same both ways). The points are the stops' (lat, lon) and the
    depots, exactly as the plan is given them; a matrix service (an OSRM or Valhalla
    ``table`` request, for example) returns such a matrix for such a list.

    Attributes:
        points: the points, each a (latitude, longitude) pair, all different.
        km: the square matrix of distances, finite and not negative.

    Raises:
        InvalidType: points that are not (lat, lon) pairs, a matrix that is not a sequence of
            rows of numbers.
        ValidationError: a coordinate out of range, the same point twice (code
            ``duplicate``), a matrix that is not square over the points (``shape``), a
            negative or infinite distance (``range``).

    >>> from adminduk_delivery.routing import DistanceTable
    >>> table = DistanceTable(points=[(-6.30, 107.15), (-6.31, 107.16)],
    ...                       km=[[0.0, 2.4], [2.9, 0.0]])
    >>> table((-6.30, 107.15), (-6.31, 107.16)), table((-6.31, 107.16), (-6.30, 107.15))
    (2.4, 2.9)
    >>> table
    DistanceTable(2 points)
    """

    points: tuple[Point, ...] = attrs.field(converter=_points)
    km: tuple[tuple[float, ...], ...] = attrs.field(converter=_rows)
    _index: dict[Point, int] = attrs.field(init=False, eq=False, hash=False)
    _both_ways: tuple[array.array[float], ...] | None = attrs.field(
        init=False, default=None, eq=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        size = len(self.points)
        if len(self.km) != size or any(len(row) != size for row in self.km):
            raise ValidationError(
                f"km must have {size} rows of {size} distances, one per point",
                field="km",
                code="shape",
            )
        object.__setattr__(self, "_index", {p: i for i, p in enumerate(self.points)})

    def _averaged(self) -> tuple[array.array[float], ...]:
        """The table averaged over both directions, as rows of machine doubles, built on
        first use (by C loops) and kept: what a plan's search reads. A list of float objects
        would scatter it over the heap, and the search's reads would wait on memory."""
        if self._both_ways is not None:
            return self._both_ways
        columns = list(zip(*self.km, strict=True))
        if all(map(operator.eq, self.km, columns)):
            rows = tuple(array.array("d", row) for row in self.km)
        else:
            halves = itertools.repeat(0.5)
            rows = tuple(
                array.array("d", map(operator.mul, map(operator.add, row, column), halves))
                for row, column in zip(self.km, columns, strict=True)
            )
        # Bound once (threads that race here compute the same rows).
        object.__setattr__(self, "_both_ways", rows)
        return rows

    def __repr__(self) -> str:
        # The points may be households' locations: the repr gives the size only.
        return f"DistanceTable({len(self.points)} points)"

    def row_of(self, point: Point) -> int:
        """The number of a point's row (and column).

        Args:
            point: one of the table's points.

        Returns:
            Its number.

        Raises:
            ValidationError: a point that is not in the table (code ``missing``).
        """
        try:
            return self._index[point]
        except (KeyError, TypeError):
            raise _missing() from None

    def __call__(self, a: Point, b: Point) -> float:
        """The distance from ``a`` to ``b``.

        Args:
            a, b: two of the table's points.

        Returns:
            The distance in km.

        Raises:
            ValidationError: a point that is not in the table (code ``missing``).
        """
        index = self._index
        try:
            return self.km[index[a]][index[b]]
        except (KeyError, TypeError):
            raise _missing() from None


def _missing() -> ValidationError:
    return ValidationError(
        "a point that is not in the distance table (the table's points must be the stops' "
        "and depots' coordinates exactly)",
        field="distance_km",
        code="missing",
    )


class _Legs:
    """The caller's distance function, each leg asked once, its answers checked.

    Points are numbered as they are first met (the same coordinates, one number), and each
    leg is remembered by its two numbers in one integer, ``a << 32 | b`` (numbers stay far
    below 2**32: they count a plan's distinct points): a plan's search
    asks for a new pair about 150,000 times at 2,000 stops, and an integer key is hashed
    at once where a pair of coordinate pairs is hashed float by float."""

    def __init__(self, function: DistanceFunction) -> None:
        self.function = function
        self._numbers: dict[Point, int] = {}
        self.points: list[Point] = []
        self._known: dict[int, float] = {}

    @property
    def costly(self) -> bool:
        """Whether a leg costs a call of the caller's function (a :class:`DistanceTable`
        is read, averaged both ways once, instead): the search then skips the places the
        straight line rules out."""
        return not isinstance(self.function, DistanceTable)

    def number(self, point: Point) -> int:
        """The point's number (a new one the first time it is met)."""
        found = self._numbers.get(point)
        if found is None:
            found = self._numbers[point] = len(self.points)
            self.points.append(point)
        return found

    def __call__(self, a: Point, b: Point) -> float:
        return self.leg(self.number(a), self.number(b))

    def leg(self, a: int, b: int) -> float:
        """The distance from point number ``a`` to point number ``b``, asked the first
        time."""
        key = a << 32 | b
        found = self._known.get(key)
        if found is None:
            found = self._known[key] = self._asked(a, b)
        return found

    def _asked(self, a: int, b: int) -> float:
        """The function's answer for the leg, checked."""
        try:
            value = self.function(self.points[a], self.points[b])
        except ValidationError:
            raise
        except Exception as error:
            raise _failed(error) from error
        if type(value) is float and 0.0 <= value < math.inf:
            return value  # the common answer: a finite float, 0 or more (NaN fails too)
        return _checked(value)

    def pair(self, a: int, b: int) -> float:
        """The average of the two legs between different points numbered ``a`` and ``b``,
        each asked the first time: the search's new pair, with the calls and checks of
        :meth:`leg` written out for both (it is paid about 150,000 times at 2,000 stops)."""
        known = self._known
        there_key, back_key = a << 32 | b, b << 32 | a
        if there_key in known or back_key in known:
            return (self.leg(a, b) + self.leg(b, a)) / 2
        function, points = self.function, self.points
        there_at, back_at = points[a], points[b]
        try:
            there = function(there_at, back_at)
            back = function(back_at, there_at)
        except ValidationError:
            raise
        except Exception as error:
            raise _failed(error) from error
        if not (
            type(there) is float
            and type(back) is float
            and 0.0 <= there < math.inf
            and 0.0 <= back < math.inf
        ):
            there, back = _checked(there), _checked(back)
        known[there_key], known[back_key] = there, back
        return (there + back) / 2


def _failed(error: Exception) -> ValidationError:
    return ValidationError(
        f"distance_km raised {type(error).__name__}", field="distance_km", code="failed"
    )


def _checked(value: object) -> float:
    """An answer of the caller's function that is not a plain finite float of 0 or more:
    a whole or real number that is (numpy's ``float32`` too), as a float, else ``range``."""
    number = real(value)
    if number is None or not math.isfinite(number) or number < 0:
        raise ValidationError(
            "distance_km must return a finite number of km, 0 or more",
            field="distance_km",
            code="range",
        )
    return number


class _MeasuredRow(dict[int, float]):
    """One point's distances to the others (by their numbers in :class:`_Legs`) that the
    search has asked for: the caller's function is asked for a pair the first time the
    search needs it, both ways, and the average is remembered in both points' rows, so that
    the pair asked the other way round is found too. A lookup that finds it is a dict
    lookup in C. Stops at the same coordinates share one row."""

    __slots__ = ("legs", "number", "rows")

    def __init__(self, number: int, rows: dict[int, _MeasuredRow], legs: _Legs) -> None:
        super().__init__()
        self.number, self.rows, self.legs = number, rows, legs

    def __missing__(self, other: int) -> float:
        number = self.number
        if number == other:  # stops at the same coordinates
            average = self.legs.leg(number, number)
        else:
            average = self.legs.pair(number, other)
        self[other] = average
        self.rows[other][number] = average
        return average


_DENSE_POINTS: Final = 3_000
"""Up to this many different points, a caller's function's distances are kept in rows of
machine doubles over all the points (8 bytes a pair: 72 MB at 3,000 points, for as long
as an office's search runs); beyond it, in dictionaries of the pairs asked for."""

_NOT_ASKED: Final = -1e-300
"""A pair not asked for yet, in the rows of machine doubles: below every distance, so that
it is a lower bound the search may read (see ``_search.read``), and told from a distance
by its sign."""


class _DenseRow(array.array):  # type: ignore[type-arg]
    """One point's averaged distances to every point of an office's search, ``_NOT_ASKED``
    until the search needs them; ``at`` is the point's column."""

    __slots__ = ("at",)
    at: int


def _dense_metric(legs: _Legs, numbers: list[int]) -> Metric:
    """Rows of machine doubles over a search's different points (``numbers``: each
    point's number in ``legs``, one office's stops and depot): the search's hottest loops
    read them directly, each pair not asked yet as a bound just below 0, and its other
    reads go through ``measured``, which asks the function for a pair the first time (both
    ways, the average kept in both points' rows)."""
    distinct = list(dict.fromkeys(numbers))
    column_of = {number: at for at, number in enumerate(distinct)}
    blank = array.array("d", [_NOT_ASKED]) * len(distinct)
    rows: list[_DenseRow] = []
    for at in range(len(distinct)):
        row = _DenseRow("d", blank)
        row.at = at
        rows.append(row)

    def measured(row: _DenseRow, column: int) -> float:
        found: float = row[column]
        if found < 0.0:
            at = row.at
            if at == column:  # stops at the same coordinates
                found = legs.leg(distinct[at], distinct[at])
            else:
                found = legs.pair(distinct[at], distinct[column])
            row[column] = rows[column][at] = found
        return found

    columns = [column_of[number] for number in numbers]
    return Metric([rows[at] for at in columns], columns, measured)


def dense(legs: _Legs, points: Sequence[Point]) -> bool:
    """Whether the search keeps a caller's function's distances between ``points`` in rows
    of machine doubles (see :func:`search_metric`): the search then reads lower bounds in
    its hottest loops (``_search.Instance.bounds``)."""
    return legs.costly and len(set(points)) <= _DENSE_POINTS


def search_metric(legs: _Legs, points: Sequence[Point]) -> Metric:
    """How the search measures between the points (numbered in order), with the caller's
    distances: the average of the two directions (the search reverses stretches of routes,
    so it needs one distance per pair).

    From a :class:`DistanceTable`, the search reads the table's rows, averaged both ways
    once per table, with :func:`operator.getitem` (the columns are the points' numbers in
    the table). From a function, it reads rows that ask the function for a pair when the
    search first needs it and remember it: up to ``_DENSE_POINTS`` different points, rows
    of machine doubles over them all (:func:`_dense_metric`), which the search's hottest
    loops read as they are, a pair not asked yet as a bound below 0 (the same plan and
    fewer calls: at 2,000 stops 297,517 calls instead of 306,655, and 4-8% less time with
    a lookup function, where dictionaries took the time of the scan and the asking
    together); on more points, dictionaries of the pairs asked (:class:`_MeasuredRow`, one
    per distinct point, its columns the points' numbers in ``legs``), read with
    :func:`operator.getitem`. Measured on 2,000 stops (``bench_routing.py --distances``):
    when the dictionaries replaced a cache of each ordered pair, before the recreate step
    pruned its places by the straight line, the function's plan took 4.7 times the plane's
    time instead of 5.3, the function asked 1.8 million times either way; when each leg
    came to be remembered under an integer (its points' numbers) instead of a pair of
    coordinate pairs, 1.5 times instead of 1.9, the function asked 324,000 times either way
    (the same plan)."""
    if not legs.costly:
        table = cast(DistanceTable, legs.function)
        index = [table.row_of(p) for p in points]
        averaged = table._averaged()
        return Metric([averaged[i] for i in index], index, operator.getitem)
    numbers = [legs.number(p) for p in points]
    if dense(legs, points):
        return _dense_metric(legs, numbers)
    rows: dict[int, _MeasuredRow] = {}
    for number in numbers:
        if number not in rows:
            rows[number] = _MeasuredRow(number, rows, legs)
    return Metric([rows[number] for number in numbers], numbers, operator.getitem)
