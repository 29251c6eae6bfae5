"""JSON-ready dicts for every model, and back, through one cattrs converter.

Serialization lives here, not on the models (no ``to_dict`` methods): :data:`CONVERTER` is the
library's own :class:`cattrs.Converter` (never cattrs' global one), configured once:

- dates and timestamps as ISO 8601 text (timestamps keep their UTC offset);
- enums as their values (``"delivered"``, ``"ktp_el"``), codes as strings;
- sets as sorted lists, so that the same object always gives the same JSON;
- strict on the way back: a number where text belongs, an unknown key, a naive timestamp or
  a value that the model refuses raise an :class:`~adminduk_delivery.errors.InvalidDocument`
  (a ``ValidationError``) that lists **every** problem of the document in ``problems``, each
  with the JSON path of its value (``$.events[2].at``) as its ``field``;
- safe on untrusted files: only the types in :data:`TYPES` are built, and nothing named in
  the data is imported or called.

:func:`to_dict` wraps the data in an envelope with the schema version and the type name;
:func:`from_dict` reads it back. Fields with defaults may be left out (a hand-written
:class:`~adminduk_delivery.policy.Policy` file names only what differs). ``structure`` works
without the envelope.

>>> import datetime as dt, json
>>> from adminduk_delivery import serialization
>>> from adminduk_delivery.documents import Document, DocumentKind
>>> card = Document(id="B-0001", kind=DocumentKind.KTP_EL, owner_nik="3216204107900003",
...                 issue_date=dt.date(2020, 3, 2))
>>> data = serialization.to_dict(card)
>>> print(json.dumps(data, sort_keys=True))  # doctest: +NORMALIZE_WHITESPACE
{"data": {"id": "B-0001", "issue_date": "2020-03-02", "kind": "ktp_el", "number": null,
  "owner_nik": "3216204107900003", "replaces_card": false},
 "schema_version": 1, "type": "Document"}
>>> serialization.from_dict(data) == card
True
>>> serialization.from_dict({"schema_version": 1, "type": "Document",
...                          "data": {**data["data"], "issue_date": "2020-02-30"}})
Traceback (most recent call last):
...
adminduk_delivery.errors.InvalidDocument: $.issue_date: not an ISO 8601 date
>>> try:
...     serialization.from_dict({"schema_version": 1, "type": "Document",
...                              "data": {**data["data"], "kind": "passport", "colour": "red",
...                                       "issue_date": 20200302}})
... except serialization.InvalidDocument as error:
...     for problem in error.problems:
...         print(problem.field, problem.code)
$.kind choice
$.issue_date format
$.colour extra
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Mapping
from typing import Any, Final, Literal, TypeVar, get_args, get_origin

import cattrs
from cattrs.cols import (
    homogenous_tuple_structure_factory,
    is_frozenset,
    is_sequence,
    list_structure_factory,
)
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from ._rules import FindingData, data_mapping
from .address import Address
from .analysis import Summary
from .batches import Anomaly, Batch, DocumentState, Reconciliation, TrackedEvent
from .documents import Document, DocumentRequest
from .errors import AdmindukError, InvalidDocument, ValidationError
from .phone import PhoneNumber
from .policy import Decision, FeeRule, Finding, NextStep, Policy, Priority
from .residents import Household, Resident
from .routing import Route, RoutePlan, Stop, Unassigned
from .shipments import Recipient, Shipment, ShipmentEvent
from .workdays import WorkCalendar

__all__ = [
    "CONVERTER",
    "SCHEMA_VERSION",
    "TYPES",
    "InvalidDocument",
    "from_dict",
    "make_converter",
    "structure",
    "to_dict",
]

SCHEMA_VERSION: Final = 1
"""The version of the JSON layout. It changes when a stored document would read differently."""

T = TypeVar("T")

TYPES: Final[dict[str, type]] = {
    cls.__name__: cls
    for cls in (
        Address,
        PhoneNumber,
        Resident,
        Household,
        Document,
        DocumentRequest,
        Recipient,
        ShipmentEvent,
        Shipment,
        TrackedEvent,
        Batch,
        Anomaly,
        DocumentState,
        Reconciliation,
        WorkCalendar,
        FeeRule,
        Policy,
        Finding,
        Decision,
        NextStep,
        Priority,
        Summary,
        Stop,
        Route,
        Unassigned,
        RoutePlan,
    )
}
"""The public types that :func:`to_dict` and :func:`from_dict` know, by name."""


def _type_error(expected: str) -> ValidationError:
    return ValidationError(f"expected {expected}", field="$", code="type")


def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise _type_error("a string")
    return value


def _structure_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _type_error("an integer")
    return value


def _structure_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise _type_error("true or false")
    return value


def _structure_float(value: object, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _type_error("a number")
    return float(value)


def _structure_date(value: object, _: type) -> dt.date:
    if not isinstance(value, str) or len(value) != 10:
        raise ValidationError("not an ISO 8601 date", field="$", code="format")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValidationError("not an ISO 8601 date", field="$", code="format") from None


def _structure_datetime(value: object, _: type) -> dt.datetime:
    if not isinstance(value, str):
        raise ValidationError("not an ISO 8601 timestamp", field="$", code="format")
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise ValidationError("not an ISO 8601 timestamp", field="$", code="format") from None


def _structure_enum(value: object, cls: type[enum.Enum]) -> enum.Enum:
    try:
        if not isinstance(value, str | int) or isinstance(value, bool):
            raise ValueError  # never let the enum machinery compare or print arbitrary data
        return cls(value)
    except ValueError:
        allowed = ", ".join(str(m.value) for m in cls)
        raise ValidationError(
            f"not a {cls.__name__}; one of {allowed}", field="$", code="choice"
        ) from None


def _is_literal(cls: Any) -> bool:
    origin: object = get_origin(cls)
    return origin is Literal


def _structure_literal(value: object, cls: Any) -> object:
    allowed = get_args(cls)
    if isinstance(value, str | int) and not isinstance(value, bool) and value in allowed:
        return value
    raise ValidationError(f"one of {', '.join(map(str, allowed))}", field="$", code="choice")


def _structure_data(value: object, _: type) -> FindingData:
    return data_mapping(value)


def _unstructure_data(value: FindingData) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in value.items()}


def _is_array_type(cls: Any) -> bool:
    return bool(is_frozenset(cls) or (is_sequence(cls) and get_origin(cls) in (tuple, list)))


def _arrays_only(cls: Any, converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """Structure hooks for tuples, lists and frozensets that take only a JSON array: cattrs'
    own would iterate a string (or a dict's keys) item by item, and a megabyte of text would
    become a million problems."""
    item = get_args(cls)[0] if get_args(cls) else Any
    base: Callable[[Any, Any], Any]
    if is_frozenset(cls):
        tuple_type: Any = tuple.__class_getitem__((item, ...))
        as_tuple = converter.get_structure_hook(tuple_type)

        def base(value: Any, _: Any) -> Any:
            return frozenset(as_tuple(value, tuple_type))

    elif get_origin(cls) is list:
        base = list_structure_factory(cls, converter)
    else:
        base = homogenous_tuple_structure_factory(cls, converter)

    def structure_array(value: object, target: Any) -> Any:
        if not isinstance(value, list | tuple):
            raise _type_error("a list")
        return base(value, target)

    return structure_array


def make_converter() -> cattrs.Converter:
    """Build a converter configured as described above (for callers who extend it).

    Returns:
        A new :class:`cattrs.Converter`; hooks registered on it apply everywhere inside it,
        sets included.

    Raises:
        Nothing: it only registers hooks.
    """
    converter = cattrs.Converter(forbid_extra_keys=True)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(float, _structure_float)
    converter.register_unstructure_hook(dt.datetime, dt.datetime.isoformat)
    converter.register_structure_hook(dt.datetime, _structure_datetime)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _structure_enum
    )
    converter.register_structure_hook_factory(_is_array_type, _arrays_only)
    converter.register_structure_hook_func(_is_literal, _structure_literal)

    def unstructure_set(value: frozenset[Any]) -> list[Any]:
        # Through the converter being built, so that a caller's own hooks apply inside sets.
        items = [converter.unstructure(item) for item in value]
        return sorted(items, key=repr)

    converter.register_unstructure_hook_func(
        lambda t: getattr(t, "__origin__", None) is frozenset or t is frozenset, unstructure_set
    )
    converter.register_structure_hook(FindingData, _structure_data)
    converter.register_unstructure_hook(FindingData, _unstructure_data)
    return converter


CONVERTER: Final = make_converter()
"""The library's converter."""


def to_dict(obj: object) -> dict[str, Any]:
    """An object as a JSON-ready dict inside a versioned envelope.

    Args:
        obj: an object of one of :data:`TYPES`.

    Returns:
        ``{"schema_version": ..., "type": ..., "data": ...}``; ``json.dumps`` takes it as it
        is, and the same object always gives the same JSON.

    Raises:
        ValidationError: ``obj`` is not one of :data:`TYPES` (code ``type``).
    """
    name = type(obj).__name__
    if TYPES.get(name) is not type(obj):
        raise ValidationError(
            f"cannot serialize a {name}; known types: {', '.join(sorted(TYPES))}",
            field="obj",
            code="type",
        )
    return {
        "schema_version": SCHEMA_VERSION,
        "type": name,
        "data": CONVERTER.unstructure(obj, unstructure_as=type(obj)),
    }


def from_dict(data: Mapping[str, Any], cls: type[T] | None = None) -> T:
    """Read back what :func:`to_dict` wrote.

    Args:
        data: the envelope.
        cls: the expected type; the envelope's type must name it. Without it, the envelope's
            type is used.

    Returns:
        The object.

    Raises:
        ValidationError: a wrong envelope, schema version or type (codes ``type``,
            ``version``, ``extra``).
        InvalidDocument: bad data: every problem, each with the JSON path of its value.
    """
    if not isinstance(data, Mapping):
        raise ValidationError("expected an object", field="$", code="type")
    if data.get("schema_version") != SCHEMA_VERSION:
        raise ValidationError(
            f"schema_version must be {SCHEMA_VERSION}", field="$.schema_version", code="version"
        )
    name = data.get("type")
    target = TYPES.get(name) if isinstance(name, str) else None
    if target is None:
        raise ValidationError("unknown type", field="$.type", code="type")
    if cls is not None and target is not cls:
        raise ValidationError(
            f"the data holds a {name}, not a {cls.__name__}", field="$.type", code="type"
        )
    if set(data) != {"schema_version", "type", "data"}:
        raise ValidationError(
            "the envelope has exactly schema_version, type and data", field="$", code="extra"
        )
    return structure(data["data"], target)


def structure(data: object, cls: type[T]) -> T:
    """Structure ``data`` (without envelope) as ``cls``.

    Args:
        data: JSON-ready data as :func:`to_dict` writes it under ``"data"``.
        cls: the type to build.

    Returns:
        The object.

    Raises:
        InvalidDocument: every problem found, each with the JSON path of its value; the
            error's own ``field`` and ``code`` are the first problem's.
    """
    try:
        return CONVERTER.structure(data, cls)
    except (
        cattrs.BaseValidationError,
        AdmindukError,
        ValueError,
        TypeError,
        KeyError,
        AttributeError,
    ) as exc:
        problems = tuple(_as_validation_error(path, leaf) for path, leaf in _locate(exc, "$"))
        raise InvalidDocument(problems) from None


def _locate(exc: BaseException, path: str) -> list[tuple[str, BaseException]]:
    """Follow cattrs' exception groups to every underlying error and its JSON path."""
    if isinstance(exc, ForbiddenExtraKeysError):
        return [(f"{path}.{key}", exc) for key in sorted(exc.extra_fields)]
    if isinstance(exc, ClassValidationError):
        with_notes, others = exc.group_exceptions()
        found = [leaf for sub, note in with_notes for leaf in _locate(sub, f"{path}.{note.name}")]
        return found + [leaf for sub in others for leaf in _locate(sub, path)]
    if isinstance(exc, IterableValidationError):
        with_index, rest = exc.group_exceptions()
        found = [
            leaf
            for sub, index_note in with_index
            for leaf in _locate(sub, f"{path}[{index_note.index!r}]")
        ]
        return found + [leaf for sub in rest for leaf in _locate(sub, path)]
    if isinstance(exc, cattrs.BaseValidationError) and exc.exceptions:
        return [leaf for sub in exc.exceptions for leaf in _locate(sub, path)]
    return [(path, exc)]


def _as_validation_error(path: str, leaf: BaseException) -> ValidationError:
    if isinstance(leaf, ValidationError):
        field = path if leaf.field == "$" else f"{path}.{leaf.field}"
        if leaf.field != "$" and path.endswith(f".{leaf.field}"):
            field = path
        return ValidationError(leaf.message, field=field, code=leaf.code)
    if isinstance(leaf, InvalidDocument):
        return leaf.problems[0]
    if isinstance(leaf, ForbiddenExtraKeysError):
        return ValidationError("unknown key", field=path, code="extra")
    if isinstance(leaf, KeyError):
        key = f".{leaf.args[0]}" if leaf.args else ""
        field = path if path.endswith(key) else f"{path}{key}"
        return ValidationError("a required key is missing", field=field, code="missing")
    if isinstance(leaf, AttributeError | TypeError):
        return ValidationError("expected an object with the type's keys", field=path, code="type")
    if isinstance(leaf, AdmindukError):
        return ValidationError(str(leaf), field=path, code=getattr(leaf, "code", "invalid"))
    return ValidationError(f"invalid value ({type(leaf).__name__})", field=path, code="invalid")
