"""Serialization: JSON-ready dicts for every model, and back, with paths in errors."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adminduk_delivery import serialization, strategies
from adminduk_delivery.batches import TrackedEvent
from adminduk_delivery.errors import ValidationError
from adminduk_delivery.serialization import SCHEMA_VERSION, TYPES

from .helpers import NIK_F, error_of, home, make_document


def round_trip(obj):
    data = serialization.to_dict(obj)
    text = json.dumps(data, sort_keys=True)  # JSON-ready: no custom encoder needed
    back = serialization.from_dict(json.loads(text), type(obj))
    assert back == obj
    assert json.dumps(serialization.to_dict(back), sort_keys=True) == text  # deterministic
    return data


@given(
    obj=st.one_of(
        strategies.addresses(),
        strategies.phone_numbers(),
        strategies.residents(),
        strategies.households(max_size=3),
        strategies.documents(),
        strategies.document_requests(),
        strategies.recipients(),
        strategies.shipments(),
        strategies.batches(max_size=4),
    )
)
def test_every_model_round_trips(obj):
    """Property: to_dict then from_dict gives the same object, and the same JSON again."""
    data = round_trip(obj)
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["type"] == type(obj).__name__


@given(batch=strategies.batches(max_size=4))
def test_reconciliations_and_events_round_trip(batch):
    """Property: results and tracked events serialize too."""
    round_trip(batch.reconcile())
    for shipment in batch.shipments:
        for event in shipment.events:
            round_trip(event)
            round_trip(TrackedEvent(tracking_number=shipment.tracking_number, event=event))
    unknown = batch.fold(
        [TrackedEvent(tracking_number="RR999999995ID", event=e)
         for s in batch.shipments for e in s.events[:1]]
    )  # fmt: skip
    for anomaly in unknown.rejected:
        round_trip(anomaly)


def test_json_shape_is_plain():
    """ISO dates, enum values, codes as strings."""
    data = serialization.to_dict(make_document())["data"]
    assert data == {"id": "B-0001", "kind": "ktp_el", "owner_nik": NIK_F,
                    "issue_date": "2020-03-02", "number": None, "replaces_card": False}  # fmt: skip
    address = serialization.to_dict(home())["data"]
    assert address["rt"] == "001"
    assert address["village_code"] == "3216202001"


@pytest.mark.parametrize(
    ("mutate", "field", "code"),
    [
        (lambda d: d["data"].update(issue_date="2020-02-30"), "$.issue_date", "format"),
        (lambda d: d["data"].update(kind="passport"), "$.kind", "choice"),
        (lambda d: d["data"].update(owner_nik=3216204107900003), "$.owner_nik", "type"),
        (lambda d: d["data"].update(owner_nik="3216204107900000"), "$.owner_nik", "serial"),
        (lambda d: d["data"].update(colour="red"), "$.colour", "extra"),
        (lambda d: d["data"].pop("id"), "$.id", "missing"),
        (lambda d: d.update(schema_version=2), "$.schema_version", "version"),
        (lambda d: d.update(type="Passport"), "$.type", "type"),
    ],
)
def test_malformed_input_names_the_path(mutate, field, code):
    """Every malformed input is a ValidationError naming the JSON path of the bad value."""
    data = serialization.to_dict(make_document())
    mutate(data)
    with pytest.raises(ValidationError) as info:
        serialization.from_dict(data)
    assert (info.value.field, info.value.code) == (field, code)
    assert NIK_F[6:] not in str(info.value)


def test_nested_errors_have_nested_paths():
    """A bad timestamp deep in a shipment's history is found by its path."""
    from adminduk_delivery.shipments import Shipment, ShipmentEvent, ShipmentStatus

    from .helpers import wib

    shipment = Shipment(
        tracking_number="RR123456785ID", documents=[make_document()], address=home(),
        events=[ShipmentEvent(status=ShipmentStatus.HANDED_OVER, at=wib(2020, 3, 20, 9))],
    )  # fmt: skip
    data = serialization.to_dict(shipment)
    data["data"]["events"][0]["at"] = "2020-03-20T09:00:00"
    with pytest.raises(ValidationError) as info:
        serialization.from_dict(data)
    assert info.value.field == "$.events[0].at"
    assert info.value.code == "naive_datetime"
    data["data"]["events"][0]["at"] = "2020-03-20T09:00:00+07:00"
    data["data"]["events"][0]["status"] = "delivered"
    with pytest.raises(ValidationError) as info:
        serialization.from_dict(data)
    assert info.value.field.startswith("$.events[0]")


def test_unknown_types_and_wrong_expectations():
    """Only the public types serialize; from_dict checks the expected type."""
    with pytest.raises(ValidationError):
        serialization.to_dict(object())
    data = serialization.to_dict(home())
    with pytest.raises(ValidationError):
        serialization.from_dict(data, dict)
    with pytest.raises(ValidationError):
        serialization.from_dict([1, 2])  # type: ignore[arg-type]
    assert set(TYPES) >= {"Address", "Resident", "Shipment", "Batch", "Reconciliation"}


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=10,
)


@given(junk=JSON, name=st.sampled_from(sorted(TYPES)))
def test_junk_never_escapes_our_errors(junk, name):
    """Property: arbitrary JSON values raise only ValidationError."""
    envelope = {"schema_version": SCHEMA_VERSION, "type": name, "data": junk}
    error_of(serialization.from_dict, envelope)
