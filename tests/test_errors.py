"""The exception tree."""

from __future__ import annotations

import pickle

import pytest

from adminduk_delivery import errors


@pytest.mark.parametrize(
    ("cls", "code"),
    [
        (errors.InvalidType, "type"),
        (errors.InvalidLength, "length"),
        (errors.InvalidFormat, "format"),
        (errors.InvalidComponent, "component"),
        (errors.UnknownRegion, "region"),
    ],
)
def test_subclasses_have_default_codes_and_are_value_errors(cls, code):
    """Every validation error is an AdmindukError and a ValueError with a default code."""
    exc = cls("it is wrong", field="nik")
    assert isinstance(exc, errors.ValidationError)
    assert isinstance(exc, errors.AdmindukError)
    assert isinstance(exc, ValueError)
    assert exc.code == code
    assert exc.field == "nik"
    assert str(exc) == "nik: it is wrong"


def test_code_can_be_overridden():
    """A module may give a specific code to a generic class."""
    exc = errors.InvalidComponent("bad day", field="nik", code="birth_date")
    assert exc.code == "birth_date"


def test_errors_pickle_with_their_data():
    """Errors survive pickling (multiprocessing, task queues) with field and code."""
    exc = errors.UnknownRegion("unknown", field="code", code="region")
    back = pickle.loads(pickle.dumps(exc))
    assert type(back) is errors.UnknownRegion
    assert (back.field, back.code, back.message) == ("code", "region", "unknown")
