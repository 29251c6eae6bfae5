"""The exception tree of adminduk-delivery.

Every error the library raises on purpose derives from :class:`AdmindukError`, so one
``except AdmindukError`` catches them all. Errors about bad input are
:class:`ValidationError`, which is also a :class:`ValueError`: code that already catches
``ValueError`` keeps working.

A :class:`ValidationError` carries data as well as a message:

- ``field``: which input was wrong (``"nik"``, ``"kk_number"``, ``"code"``, ...);
- ``code``: a stable, machine-readable reason (``"length"``, ``"format"``, ``"region"``,
  ``"birth_date"``, ``"serial"``, ``"type"``, ...). Codes are part of the public API.

Messages never contain a full NIK, KK number or phone number: personal data is protected
under UU 27/2022 (Pelindungan Data Pribadi), and error messages end up in logs.

>>> from adminduk_delivery import nik
>>> try:
...     nik.validate("3216200101900000")
... except ValidationError as exc:
...     print(exc.field, exc.code)
...     print(exc)
nik serial
nik: serial must be 0001-9999, got 0000
"""

from __future__ import annotations

__all__ = [
    "AdmindukError",
    "InvalidComponent",
    "InvalidDocument",
    "InvalidFormat",
    "InvalidLength",
    "InvalidType",
    "MissingDependency",
    "TransitionError",
    "UnknownRegion",
    "ValidationError",
]


class AdmindukError(Exception):
    """Base class of every error raised by adminduk-delivery."""


class ValidationError(AdmindukError, ValueError):
    """Input that does not satisfy a rule.

    Args:
        message: what is wrong, for people. Never contains full personal identifiers.
        field: the name of the offending input or attribute.
        code: a stable machine-readable reason; subclasses set a default.
    """

    default_code = "invalid"

    def __init__(self, message: str, *, field: str, code: str | None = None) -> None:
        self.field = field
        self.code = code if code is not None else self.default_code
        self.message = message
        super().__init__(f"{field}: {message}")

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (type(self), self.message, self.field, self.code))


def _rebuild(cls: type[ValidationError], message: str, field: str, code: str) -> ValidationError:
    return cls(message, field=field, code=code)


class InvalidType(ValidationError):
    """The input is not of a type that can hold the value (e.g. ``None`` or ``float``)."""

    default_code = "type"


class InvalidLength(ValidationError):
    """The input has the wrong number of characters."""

    default_code = "length"


class InvalidFormat(ValidationError):
    """The input has characters or a layout that the value never has."""

    default_code = "format"


class InvalidComponent(ValidationError):
    """A part of the value is out of range (a birth date, a serial, an issue date...)."""

    default_code = "component"


class UnknownRegion(InvalidComponent):
    """A region code is well-formed but not in the reference data at the chosen strictness."""

    default_code = "region"


class InvalidDocument(ValidationError):
    """A stored document (JSON) with one or more problems, all reported together.

    ``field`` and ``code`` are those of the first problem; :attr:`problems` lists every one,
    each a :class:`ValidationError` whose ``field`` is the JSON path of the bad value.

    Attributes:
        problems: every problem found, in document order.
    """

    default_code = "document"

    def __init__(self, problems: tuple[ValidationError, ...]) -> None:
        if not problems:
            raise ValueError("an InvalidDocument has at least one problem")
        self.problems = problems
        first = problems[0]
        message = first.message
        if len(problems) > 1:
            others = "; ".join(str(p) for p in problems[1:6])
            more = f" and {len(problems) - 6} more" if len(problems) > 6 else ""
            message += f" (and {len(problems) - 1} more problems: {others}{more})"
        super().__init__(message, field=first.field, code=first.code)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.problems,))


class MissingDependency(AdmindukError, ImportError):
    """An optional feature whose extra is not installed; the message says which to install.

    Attributes:
        extra: the name of the package extra that provides it, as in
            ``pip install "adminduk-delivery[extra]"``.
    """

    def __init__(self, message: str, *, extra: str) -> None:
        self.extra = extra
        self.message = message
        super().__init__(message)

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_missing, (type(self), self.message, self.extra))


def _rebuild_missing(cls: type[MissingDependency], message: str, extra: str) -> MissingDependency:
    return cls(message, extra=extra)


class TransitionError(AdmindukError):
    """A lifecycle step that the transition table does not allow.

    The shipment it was applied to is left unchanged.

    Attributes:
        code: ``"illegal"`` (no such step from this state), ``"terminal"`` (the shipment is
            finished), ``"out_of_order"`` (the event is older than the last one) or
            ``"incomplete"`` (the event lacks what its step needs, such as a reason).
        from_status, to_status: the statuses involved, as their string values.
    """

    def __init__(self, message: str, *, code: str, from_status: str, to_status: str) -> None:
        self.code = code
        self.from_status = from_status
        self.to_status = to_status
        self.message = message
        super().__init__(message)

    def __reduce__(self) -> tuple[object, ...]:
        return (
            _rebuild_transition,
            (type(self), self.message, self.code, self.from_status, self.to_status),
        )


def _rebuild_transition(
    cls: type[TransitionError], message: str, code: str, from_status: str, to_status: str
) -> TransitionError:
    return cls(message, code=code, from_status=from_status, to_status=to_status)
