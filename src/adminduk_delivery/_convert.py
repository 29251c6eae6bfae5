"""Converters shared by the models: typed tuples and sets, checked element by element, and
validators that report under the model's own field name."""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import math
import numbers
import operator
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final, TypeVar

import attrs

from .errors import InvalidFormat, InvalidType, ValidationError

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)


def tuple_of(values: Iterable[T], cls: type[T], *, field: str) -> tuple[T, ...]:
    """``values`` as a tuple, every element an instance of ``cls``.

    Raises:
        InvalidType: ``values`` is one string (a collection is expected), is not iterable, or
            holds something else.
    """
    if isinstance(values, str | bytes):
        raise InvalidType(f"{field} is a collection of {cls.__name__}, not one string", field=field)
    try:
        items = tuple(values)
    except TypeError:
        raise InvalidType(f"{field} is a collection of {cls.__name__}", field=field) from None
    if issubclass(cls, enum.Enum):
        # An enum's members may be given as their JSON values.
        return tuple(enum_member(item, cls, field=field) for item in items)
    for item in items:  # a plain loop: a third of the time of all() over a generator
        if not isinstance(item, cls):
            raise InvalidType(f"{field} holds {cls.__name__} values", field=field)
    return items


def frozenset_of(values: Iterable[T], cls: type[T], *, field: str) -> frozenset[T]:
    """``values`` as a frozenset, every element an instance of ``cls``."""
    return frozenset(tuple_of(values, cls, field=field))


def mapping_of(
    value: Mapping[Any, Any], check: Callable[[object], T], *, field: str, what: str
) -> dict[str, T]:
    """A mapping's text keys to its values, each checked by ``check``: an option given per
    office or per district (``what`` says what it maps, for the message).

    Raises:
        InvalidType: a key that is not text; what ``check`` raises.
    """
    out: dict[str, T] = {}
    for key, item in value.items():
        if not isinstance(key, str):
            raise InvalidType(f"{field} maps {what}", field=field)
        out[key] = check(item)
    return out


def reported_as(field: str, convert: Callable[[object], T], value: object) -> T:
    """``convert(value)``, with its :class:`ValidationError` reported under ``field`` (a
    model's ``head_nik`` is checked by the NIK validator, whose errors say ``nik``). Models
    call it from a named converter, which the attrs plugin for mypy needs.

    >>> from adminduk_delivery import nik
    >>> try:
    ...     reported_as("head_nik", nik.validate, "123")
    ... except ValidationError as error:
    ...     print(error.field, error.code)
    head_nik length
    """
    try:
        return convert(value)
    except ValidationError as error:
        if error.field == field:
            raise
        raise type(error)(error.message, field=field, code=error.code) from None


def enum_member(value: object, cls: type[E], *, field: str) -> E:
    """``value`` as a member of ``cls``: a member, or a member's value (its JSON form).

    Raises:
        InvalidType: neither a member nor a string.
        ValidationError: a string that is no member's value (code ``choice``; the message
            lists the values, not the input).
    """
    if isinstance(value, cls):
        return value
    if not isinstance(value, str):
        raise InvalidType(f"{field} is a {cls.__name__}, got {type(value).__name__}", field=field)
    try:
        return cls(value)
    except ValueError:
        allowed = ", ".join(str(m.value) for m in cls)
        raise ValidationError(f"{field} is one of {allowed}", field=field, code="choice") from None


def text(value: object, *, field: str) -> str:
    """``value``, which must be a string (kept as it is).

    Raises:
        InvalidType: not a string.
    """
    if not isinstance(value, str):
        raise InvalidType(f"{field} is a string, got {type(value).__name__}", field=field)
    return value


def filled(value: object, *, field: str) -> str:
    """``value``, a string that holds more than blanks (kept as it is): a reason or message.

    Raises:
        InvalidType: not a string.
        ValidationError: empty or blank (code ``empty``).
    """
    written = text(value, field=field)
    if not written.strip():
        raise ValidationError(f"{field} must not be empty", field=field, code="empty")
    return written


def identifier(value: object, *, field: str = "id") -> str:
    """An id in the caller's system: a string, stripped, not empty.

    Raises:
        InvalidType: not a string.
        ValidationError: empty once stripped (code ``empty``).
    """
    return filled(value, field=field).strip()


SEPARATORS: Final = str.maketrans("", "", " .-\t\r\n\u00a0\u2007\u202f")
"""What ``compact`` removes from a code or number as people write it (spaces, dots, dashes,
tabs, line breaks, no-break spaces): the one separator set of NIKs, KK numbers, region codes
and tracking numbers."""

_EXACT_FLOAT: Final = 2**53
_CELL_SPACE: Final = " \t\r\n\u00a0\u2007\u202f\ufeff"
_TEXT_MARKS: Final = ("'", "\u2019")
_WHOLE_DECIMAL: Final = re.compile(r"(\+?\d+)\.0+")
_SCIENTIFIC: Final = re.compile(r"[+-]?\d+(?:[.,]\d*)?[eE][+-]?\d+")


def cell_digits(value: object, *, field: str, label: str) -> str:
    """The text of a spreadsheet or database cell that holds a number written in digits (a
    NIK, a KK number, a phone number), with the artefacts that lose nothing undone.

    Lossless, undone: an ``int``; a ``float`` that holds a whole number exactly (below
    2^53); text ending in ``.0`` (a number column exported as text); a leading apostrophe
    (Excel's text marker); surrounding spaces and no-break spaces. Lossy, refused with code
    ``spreadsheet`` (the message says to read the column as text): a float at or beyond
    2^53 or with a fraction, and scientific notation (``3.2162E+15``), whose digits are gone.
    Separators inside the text are left to the caller.

    Args:
        value: the cell's value.
        field: the field name for errors.
        label: what the value is, for messages ("a NIK").

    Returns:
        The text, never containing the value's lost digits.

    Raises:
        InvalidType: not a string or a number (a bool, None, bytes...).
        ValidationError: a lossy spreadsheet value (code ``spreadsheet``).

    >>> cell_digits("'3216204107900003", field="nik", label="a NIK")
    '3216204107900003'
    >>> cell_digits("3216204107900003.0", field="nik", label="a NIK")
    '3216204107900003'
    >>> cell_digits(3216204107900003.0, field="nik", label="a NIK")
    '3216204107900003'
    >>> cell_digits("3.2162E+15", field="nik", label="a NIK")
    Traceback (most recent call last):
    ...
    adminduk_delivery.errors.ValidationError: nik: a NIK in scientific notation has lost ...
    """
    number = integral(value)
    if number is not None:
        return str(number)
    if isinstance(value, bool):
        raise InvalidType(f"{label} must be a string, got bool", field=field)
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer() or abs(value) >= _EXACT_FLOAT:
            raise ValidationError(
                f"{label} stored as a number has lost its digits: read the column as text",
                field=field,
                code="spreadsheet",
            )
        return str(int(value))
    if not isinstance(value, str):
        raise InvalidType(f"{label} must be a string, got {type(value).__name__}", field=field)
    text = value.strip(_CELL_SPACE)
    if text.startswith(_TEXT_MARKS):
        text = text[1:].strip(_CELL_SPACE)
    whole = _WHOLE_DECIMAL.fullmatch(text)
    if whole is not None:
        return whole.group(1)
    if _SCIENTIFIC.fullmatch(text):
        raise ValidationError(
            f"{label} in scientific notation has lost its digits: read the column as text",
            field=field,
            code="spreadsheet",
        )
    return text


def instance_validator(cls: type, *, optional: bool = False) -> Callable[[Any, Any, Any], None]:
    """An attrs validator: the value is a ``cls`` (or ``None`` when ``optional``), else our
    :class:`InvalidType` under the attribute's name (attrs' own raises a bare ``TypeError``).
    """
    expected = f"a {cls.__name__}" + (" or None" if optional else "")

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if (value is None and optional) or isinstance(value, cls):
            return
        raise InvalidType(
            f"{attribute.name} is {expected}, got {type(value).__name__}", field=attribute.name
        )

    return check


_EXCERPT: Final = 10


def excerpt(value: object) -> str:
    """A short excerpt of a bad option for an error message: the first characters of a text
    (never a whole NIK, KK or phone number, which may have been pasted into the wrong field)
    and only the type of anything else."""
    if not isinstance(value, str):
        return f"a {type(value).__name__}"
    return repr(value) if len(value) <= _EXCERPT else repr(value[:_EXCERPT] + "...")


def checked(value: object, cls: type[T], *, field: str) -> T:
    """``value`` if it is a ``cls``, else our :class:`InvalidType`."""
    if not isinstance(value, cls):
        raise InvalidType(f"{field} is a {cls.__name__}, got {type(value).__name__}", field=field)
    return value


def integral(value: object) -> int | None:
    """``value`` as a Python ``int`` if it is a whole number: an ``int`` or another integral
    type, such as numpy's ``int64`` in a data frame's cell; ``None`` for anything else (a
    bool, a float, text, numpy's ``bool_``). The one test of "a whole number" for the
    library's checks; JSON documents are read more strictly, by the serializer.

    >>> import fractions
    >>> integral(7), integral(True), integral(7.0), integral(fractions.Fraction(7))
    (7, None, None, None)
    """
    if type(value) is int:
        return value
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        return None
    return operator.index(value)


def as_int(value: object) -> object:
    """An attrs converter: a whole number of another integral type (numpy's ``int64``) as a
    Python ``int``, any other value as it is, for the field's validator to judge."""
    number = integral(value)
    return value if number is None else number


def real(value: object) -> float | None:
    """``value`` as a Python ``float`` if it is a real number: an ``int``, a ``float``,
    another real type, such as numpy's ``float32`` or ``int64``, or a ``Decimal`` (a
    database's NUMERIC column); ``None`` for anything else (a bool, text, pandas' ``NA``).
    Not checked for being finite: a number too large for a float is infinite, with its
    sign, and a Decimal NaN is NaN.

    >>> import decimal
    >>> real(1), real(2.5), real(decimal.Decimal("-6.3")), real(True), real("1"), real(10**400)
    (1.0, 2.5, -6.3, None, None, inf)
    """
    if type(value) is float:
        return value
    if isinstance(value, decimal.Decimal):
        return math.nan if value.is_nan() else float(value)  # float() refuses a signalling NaN
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf  # type: ignore[operator]  # a Real orders


def plain(value: object) -> object:
    """An array (numpy's, a pandas Series: anything with ``__array__`` and ``tolist``) as
    nested lists of Python numbers, which the library's checks read; anything else as it
    is. numpy is never imported."""
    if hasattr(value, "__array__") and hasattr(value, "tolist"):
        return value.tolist()
    return value


def whole_number(value: object, *, field: str, minimum: int = 0, maximum: int = 10**9) -> int:
    """``value`` as a whole number in ``[minimum, maximum]`` (see :func:`integral`: a bool
    is not a number, numpy's integers are).

    Raises:
        InvalidType: not a whole number.
        ValidationError: out of range (code ``range``).
    """
    number = integral(value)
    if number is None:
        raise InvalidType(f"{field} is a whole number, got {type(value).__name__}", field=field)
    if not minimum <= number <= maximum:
        raise ValidationError(
            f"{field} is from {minimum:,} to {maximum:,}", field=field, code="range"
        )
    return number


def real_number(value: object, *, field: str, minimum: float, maximum: float) -> float:
    """``value`` as a finite number in ``[minimum, maximum]`` (see :func:`real`).

    Raises:
        InvalidType: not a real number.
        ValidationError: not finite, or out of range (code ``range``).
    """
    number = real(value)
    if number is None:
        raise InvalidType(f"{field} is a number, got {type(value).__name__}", field=field)
    if not (math.isfinite(number) and minimum <= number <= maximum):
        raise ValidationError(f"{field} is from {minimum} to {maximum}", field=field, code="range")
    return number


def date_value(value: object, *, field: str) -> dt.date:
    """``value`` if it is a date (not a datetime), else our :class:`InvalidType`."""
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidType(f"{field} is a date, got {type(value).__name__}", field=field)
    return value


def no_time(value: object) -> bool:
    """Whether ``value`` is pandas' ``NaT``, the empty cell of a date column: a datetime
    that is no time (its day is ``NaT`` again, which fails every comparison)."""
    return isinstance(value, dt.datetime) and isinstance(value.date(), dt.datetime)


def day_of(value: dt.datetime, *, field: str) -> dt.date:
    """The calendar day of a datetime, for options that take a date or a datetime.

    Raises:
        InvalidType: pandas' ``NaT`` (see :func:`no_time`).
    """
    if no_time(value):
        raise InvalidType(f"{field} is a date, got {type(value).__name__}", field=field)
    return value.date()


def flag(value: object, *, field: str) -> bool:
    """``value`` if it is ``True`` or ``False``; the one check of the library's yes-or-no
    options and fields (a 0, a 1 or pandas' ``NA``, whose truth is an error, are refused).

    Raises:
        InvalidType: not a ``bool``.
    """
    if not isinstance(value, bool):
        raise InvalidType(f"{field} is True or False, got {type(value).__name__}", field=field)
    return value


def neighbourhood(value: object, *, field: str) -> str | None:
    """An RT or RW number in canonical form, three digits (``4`` and ``"04"`` give ``"004"``),
    or ``None`` for an empty value. The one normaliser of RT/RW numbers.

    Raises:
        InvalidType: neither a number nor text.
        ValidationError: not a whole number from 1 to 999 (code ``range``).
    """
    if isinstance(value, str) and len(value) == 3 and value.isascii() and value.isdigit():
        if value != "000":
            return value  # already canonical
    if value is None or (isinstance(value, str) and not value):
        return None
    if isinstance(value, str):
        text = value.strip()
        if not (text.isascii() and text.isdigit() and len(text) <= 6):
            raise ValidationError(f"{field} must be a number 1-999", field=field, code="range")
        number = int(text)
    else:
        whole = integral(value)
        if whole is None:
            raise InvalidType(f"{field} is a number 1-999, got {type(value).__name__}", field=field)
        number = whole
    if not 1 <= number <= 999:
        raise ValidationError(f"{field} must be a number 1-999", field=field, code="range")
    return f"{number:03d}"


def postal_code(value: object, *, field: str = "postal_code") -> str:
    """A postal code (kode pos) in canonical form: five ASCII digits, surrounding spaces
    removed. The one normaliser of postal codes.

    Raises:
        InvalidType: not text.
        InvalidFormat: not exactly five ASCII digits.
    """
    if not isinstance(value, str):
        raise InvalidType(f"a postal code is a string, got {type(value).__name__}", field=field)
    text = value.strip()
    if not (len(text) == 5 and text.isascii() and text.isdigit()):
        raise InvalidFormat("a postal code has exactly five digits", field=field)
    return text


def boolean(instance: Any, attribute: Any, value: Any) -> None:
    """An attrs validator: the value is ``True`` or ``False`` (not a truthy stand-in)."""
    flag(value, field=attribute.name)


def slot_setters(cls: type, *names: str) -> tuple[Any, ...]:
    """The slot setters of an attrs class's fields, by name, for a fast constructor of
    values already known to be valid; every field must be named, so that a field added to
    the class cannot be left unset.

    Raises:
        AssertionError: the names are not the class's fields.
    """
    fields = [a.name for a in attrs.fields(cls)]
    if sorted(fields) != sorted(names):
        raise AssertionError(f"{cls.__name__} has fields {fields}")
    return tuple(getattr(cls, name).__set__ for name in names)
