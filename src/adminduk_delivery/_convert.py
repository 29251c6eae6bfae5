"""Converters shared by the models: typed tuples and sets, checked element by element."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from .errors import InvalidType

T = TypeVar("T")


def tuple_of(values: Iterable[T], cls: type[T], *, field: str) -> tuple[T, ...]:
    """``values`` as a tuple, every element an instance of ``cls``.

    Raises:
        InvalidType: ``values`` is not iterable, or holds something else.
    """
    try:
        items = tuple(values)
    except TypeError:
        raise InvalidType(f"{field} is a collection of {cls.__name__}", field=field) from None
    if not all(isinstance(item, cls) for item in items):
        raise InvalidType(f"{field} holds {cls.__name__} values", field=field)
    return items


def frozenset_of(values: Iterable[T], cls: type[T], *, field: str) -> frozenset[T]:
    """``values`` as a frozenset, every element an instance of ``cls``."""
    return frozenset(tuple_of(values, cls, field=field))
