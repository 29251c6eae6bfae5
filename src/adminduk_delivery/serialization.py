"""JSON-ready dicts for every model, and back, through one cattrs converter.

Serialization lives here, not on the models (no ``to_dict`` methods): :data:`CONVERTER` is the
library's own :class:`cattrs.Converter` (never cattrs' global one), configured once:

- dates and timestamps as ISO 8601 text (timestamps keep their UTC offset);
- enums as their values (``"delivered"``, ``"ktp_el"``), codes as strings;
- sets as sorted lists, so that the same object always gives the same JSON;
- strict on the way back: a number where text belongs, an unknown key, a naive timestamp or
  a value that the model refuses raise a :class:`~adminduk_delivery.errors.ValidationError`
  whose ``field`` is the JSON path of the bad value (``$.events[2].at``).

:func:`to_dict` wraps the data in an envelope with the schema version and the type name;
:func:`from_dict` reads it back. ``structure``/``unstructure`` on :data:`CONVERTER` work without
the envelope.

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
adminduk_delivery.errors.ValidationError: $.issue_date: not an ISO 8601 date
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from typing import Any, Final, TypeVar

import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from .address import Address
from .batches import Anomaly, Batch, DocumentState, Reconciliation, TrackedEvent
from .documents import Document, DocumentRequest
from .errors import AdmindukError, ValidationError
from .phone import PhoneNumber
from .residents import Household, Resident
from .shipments import Recipient, Shipment, ShipmentEvent

__all__ = ["CONVERTER", "SCHEMA_VERSION", "TYPES", "from_dict", "make_converter", "to_dict"]

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
        return cls(value)
    except ValueError:
        allowed = ", ".join(str(m.value) for m in cls)
        raise ValidationError(
            f"not a {cls.__name__}; one of {allowed}", field="$", code="choice"
        ) from None


def _unstructure_set(value: frozenset[Any]) -> list[Any]:
    items = [CONVERTER.unstructure(item) for item in value]
    return sorted(items, key=repr)


def make_converter() -> cattrs.Converter:
    """Build a converter configured as described above (for callers who extend it)."""
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
    converter.register_unstructure_hook_func(
        lambda t: getattr(t, "__origin__", None) is frozenset or t is frozenset, _unstructure_set
    )
    return converter


CONVERTER: Final = make_converter()
"""The library's converter."""


def to_dict(obj: object) -> dict[str, Any]:
    """An object as a JSON-ready dict inside a versioned envelope.

    Raises:
        ValidationError: ``obj`` is not one of :data:`TYPES`.
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

    Raises:
        ValidationError: a wrong envelope, schema version or type, or bad data; ``field`` is
            the JSON path of the first bad value.
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
    """Structure ``data`` (without envelope) as ``cls``, with our errors and JSON paths."""
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
        path, leaf = _locate(exc, "$")
        raise _as_validation_error(path, leaf) from None


def _locate(exc: BaseException, path: str) -> tuple[str, BaseException]:
    """Follow cattrs' exception groups to the first underlying error and its JSON path."""
    if isinstance(exc, ForbiddenExtraKeysError):
        return f"{path}.{sorted(exc.extra_fields)[0]}", exc
    if isinstance(exc, ClassValidationError):
        with_notes, others = exc.group_exceptions()
        if with_notes:
            sub, note = with_notes[0]
            return _locate(sub, f"{path}.{note.name}")
        return _locate(others[0], path)
    if isinstance(exc, IterableValidationError):
        with_index, rest = exc.group_exceptions()
        if with_index:
            sub, index_note = with_index[0]
            return _locate(sub, f"{path}[{index_note.index!r}]")
        return _locate(rest[0], path)
    if isinstance(exc, cattrs.BaseValidationError) and exc.exceptions:
        return _locate(exc.exceptions[0], path)
    return path, exc


def _as_validation_error(path: str, leaf: BaseException) -> ValidationError:
    if isinstance(leaf, ValidationError):
        field = path if leaf.field == "$" else f"{path}.{leaf.field}"
        if leaf.field != "$" and path.endswith(f".{leaf.field}"):
            field = path
        return ValidationError(leaf.message, field=field, code=leaf.code)
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
