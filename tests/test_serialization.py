"""Serialization: JSON-ready dicts for every model, and back, with paths in errors."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
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


def test_a_callers_hooks_apply_inside_sets():
    """Finding 5: make_converter's set hook goes through the converter being built, so a
    caller's own hooks are used for the items of a set."""
    import enum

    from adminduk_delivery.shipments import Proof

    converter = serialization.make_converter()
    converter.register_unstructure_hook(Proof, lambda p: p.value.upper())
    assert converter.unstructure(frozenset({Proof.PHOTO, Proof.ID_SHOWN}), frozenset[Proof]) == [
        "ID_SHOWN",
        "PHOTO",
    ]
    assert isinstance(Proof.PHOTO, enum.Enum)
    assert serialization.CONVERTER.unstructure(frozenset({Proof.PHOTO}), frozenset[Proof]) == [
        "photo"
    ]


def test_a_batch_without_an_id_is_refused():
    """Finding 7: Batch(id=None) used to serialize and then fail to load; it is refused."""
    from adminduk_delivery.batches import Batch

    for bad, code in ((None, "type"), ("  ", "empty")):
        with pytest.raises(ValidationError) as caught:
            Batch(id=bad, documents=[], shipments=[])
        assert (caught.value.field, caught.value.code) == ("id", code)


def _decisions():
    import datetime as dt

    from adminduk_delivery import policy

    requests = strategies.document_requests(region="3216")
    return st.builds(
        lambda req, pol, off: policy.delivery_eligibility(
            req, policy=pol, deactivated_niks=[req.nik] if off else ()
        ),
        requests,
        strategies.policies(region="3216"),
        st.booleans(),
    ) | st.builds(
        lambda s, pol, day: policy.next_step(s, policy=pol, as_of=day),
        strategies.shipments(),
        strategies.policies(),
        st.dates(dt.date(2019, 1, 1), dt.date(2030, 1, 1)),
    )


@given(obj=st.one_of(strategies.policies(), _decisions()))
def test_policies_and_decisions_round_trip(obj):
    """Property: policies, decisions and next steps round-trip; no full NIK in an audit."""
    import re

    data = round_trip(obj)
    if data["type"] != "Policy":
        assert not re.search(r"\d{16}", json.dumps(data)), "an audit record holds a full NIK"


def test_summaries_plans_and_priorities_round_trip():
    """A batch summary, a route plan and a priority serialize and load back equal."""
    import datetime as dt

    from adminduk_delivery import analysis, policy, routing, simulation, synthetic

    people = synthetic.population(120, regency="3216", seed=5)
    adults = [r for r in people.residents if r.age(on=people.as_of) >= 17]
    batch = synthetic.batch(adults, seed=5)
    start = dt.date(2020, 3, 20)
    run = simulation.simulate(batch, policy=policy.BEKASI_2020, start=start, seed=5,
                              couriers_per_office=1)  # fmt: skip
    round_trip(analysis.summarize(run.batch, as_of=dt.date(2020, 4, 3), policy=policy.BEKASI_2020,
                                  handed_over=start))  # fmt: skip
    round_trip(routing.plan(routing.stops_from_shipments(batch.shipments), capacity=10))
    round_trip(policy.priority(adults[0], batch.documents[0], policy=policy.BEKASI_2020,
                               as_of=start))  # fmt: skip


HAND_WRITTEN_POLICY = """
{
  "schema_version": 1,
  "type": "Policy",
  "data": {
    "name": "Kota Depok 2026",
    "area": ["3276"],
    "deliverable_kinds": ["ktp_el", "kia", "kartu_keluarga"],
    "recipients": "owner_only",
    "max_attempts": 3,
    "fee": {"kind": "flat_per_item", "amount": 7500},
    "calendar": {"weekdays": [0, 1, 2, 3, 4, 5], "extra_closed": ["2026-12-24"]}
  }
}
"""


def test_a_hand_written_policy_loads_with_defaults():
    """A policy file names only what differs; the rest takes the defaults."""
    from adminduk_delivery.policy import Policy, RecipientRule

    loaded = serialization.from_dict(json.loads(HAND_WRITTEN_POLICY), Policy)
    assert loaded.recipients is RecipientRule.OWNER_ONLY
    assert (
        loaded.hold_working_days
        == Policy(name="x", area=["3276"], deliverable_kinds=[]).hold_working_days
    )
    assert loaded.fee.amount == 7500
    round_trip(loaded)


def test_every_problem_of_a_document_is_reported():
    """Finding 7: all problems together, each with its JSON path, not only the first."""
    data = json.loads(HAND_WRITTEN_POLICY)
    data["data"].update(recipients="neighbours", max_attempts="three", colour="red")
    data["data"]["fee"]["amount"] = -1.5
    data["data"]["calendar"]["extra_closed"] = ["2026-12-24", "24/12/2026"]
    with pytest.raises(serialization.InvalidDocument) as caught:
        serialization.from_dict(data)
    found = {(p.field, p.code) for p in caught.value.problems}
    assert found >= {
        ("$.recipients", "choice"),
        ("$.max_attempts", "type"),
        ("$.colour", "extra"),
        ("$.fee.amount", "type"),
        ("$.calendar.extra_closed[1]", "format"),
    }
    assert isinstance(caught.value, ValidationError)
    assert "more problems" in str(caught.value)


def _paths(value, path=()):
    """Every path into a JSON value, the root included."""
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*path, index))


def _replace(value, path, new):
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {**value, head: _replace(value[head], rest, new)}
    return [*value[:head], _replace(value[head], rest, new), *value[head + 1 :]]


def _nested(depth):
    """A deeply nested JSON value (a tree, as json.loads makes: no shared parts)."""
    value = []
    for level in range(depth):
        value = [value] if level % 2 else {"x": value}
    return value


NASTY = st.one_of(
    JSON,
    st.just("9" * 100_000),
    st.just(10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.just(_nested(200)),
    st.just({"__class__": "os.system", "type": "Policy"}),
    st.just("__import__('os')"),
    st.sampled_from(["", " ", "\u00a0", "ktp_el", "2020-03-20", "2020-03-20T09:00:00+07:00"]),
)


@settings(max_examples=150)
@given(
    obj=st.one_of(strategies.policies(), _decisions(), strategies.batches(max_size=3),
                  strategies.shipments()),
    data=st.data(),
)  # fmt: skip
def test_mutated_documents_meet_only_our_errors(obj, data):
    """Property: a valid document with a value replaced, a key dropped or added, or a huge or
    nested value put anywhere either loads or raises InvalidDocument, never anything else."""
    document = serialization.to_dict(obj)
    paths = list(_paths(document["data"]))
    path = data.draw(st.sampled_from(paths))
    action = data.draw(st.sampled_from(["replace", "drop", "add"]))
    body = document["data"]
    target = body
    for step in path:
        target = target[step]
    if action == "replace" or not isinstance(target, dict):
        body = _replace(body, path, data.draw(NASTY))
    elif action == "drop" and target:
        key = data.draw(st.sampled_from(sorted(target)))
        body = _replace(body, path, {k: v for k, v in target.items() if k != key})
    else:
        body = _replace(body, path, {**target, data.draw(st.text(max_size=5)): data.draw(NASTY)})
    error = error_of(serialization.from_dict, {**document, "data": body})
    if error is not None:
        assert isinstance(error, serialization.InvalidDocument)
        assert error.problems
        assert all(isinstance(p, ValidationError) for p in error.problems)


@given(batch=strategies.batches(max_size=5))
def test_summaries_round_trip(batch):
    """Property: a summary of any batch serializes and loads back equal."""
    import datetime as dt

    from adminduk_delivery import analysis, policy

    day = max(
        (e.at.date() for s in batch.shipments for e in s.events), default=dt.date(2020, 3, 20)
    )
    round_trip(analysis.summarize(batch, as_of=day, policy=policy.BEKASI_2020, handed_over=day))


@given(
    stops=st.lists(strategies.stops(coordinates=True), max_size=6, unique_by=lambda s: s.id),
    capacity=st.integers(1, 20),
)
def test_route_plans_round_trip(stops, capacity):
    """Property: a route plan (routes, stops, unassigned stops) serializes and loads back equal."""
    from adminduk_delivery import routing

    round_trip(routing.plan(stops, capacity=capacity, rounds=0))


def _refusal(document, mutate):
    """The field and code with which ``document``, its data changed by ``mutate``, is
    refused."""
    mutate(document["data"])
    with pytest.raises(serialization.InvalidDocument) as info:
        serialization.from_dict(document)
    return info.value.field, info.value.code


def _plan_document():
    from adminduk_delivery import routing

    stops = [
        routing.Stop(f"s{i}", "3216202001", "1", "1", items=2, shipment_ids=(f"T{i}",))
        for i in range(5)
    ]
    return serialization.to_dict(routing.plan(stops, capacity=5))


@pytest.mark.parametrize(
    ("mutate", "field", "code"),
    [
        (lambda d: d.update(capacity=0), "$.capacity", "range"),
        (lambda d: d.update(capacity=3), "$.routes", "capacity"),
        (lambda d: d["routes"][0].update(items=3), "$.routes[0].items", "inconsistent"),
        (lambda d: d["routes"][0].update(items=-4), "$.routes[0].items", "range"),
        (lambda d: d["routes"][0].update(stops=[]), "$.routes[0].stops", "empty"),
        (lambda d: d["routes"][0].update(distance_km=-1.0), "$.routes[0].distance_km", "range"),
        (lambda d: d["routes"][0].update(minutes=float("nan")), "$.routes[0].minutes", "range"),
        (lambda d: d["routes"][1].update(stops=d["routes"][0]["stops"]), "$.routes", "duplicate"),
        (
            lambda d: d["unassigned"].append(
                {"stop": d["routes"][0]["stops"][0], "reason": "x", "code": "weather"}
            ),
            "$.unassigned[0].code",
            "choice",
        ),
        (
            lambda d: d["unassigned"].append(
                {"stop": d["routes"][0]["stops"][0], "reason": " ", "code": "couriers"}
            ),
            "$.unassigned[0].reason",
            "empty",
        ),
        (
            lambda d: d["unassigned"].append(
                {"stop": d["routes"][0]["stops"][0], "reason": "x", "code": "couriers"}
            ),
            "$.routes",
            "duplicate",
        ),
    ],
)
def test_a_plan_read_back_holds_the_facts_of_a_plan(mutate, field, code):
    """A route plan read from JSON is checked as the plan that wrote it: capacity 1 or more,
    each route's items its stops' and within the capacity, every stop in one place. A plan of
    capacity 0 loaded before and failed later, on its summary (ZeroDivisionError)."""
    document = _plan_document()
    assert _refusal(document, mutate) == (field, code)


def _reconciliation_document():
    from adminduk_delivery.batches import Batch

    return serialization.to_dict(
        Batch(id="B-1", documents=[make_document()], shipments=[]).reconcile()
    )


@pytest.mark.parametrize(
    ("mutate", "field", "code"),
    [
        (lambda d: d.update(total=2), "$.total", "inconsistent"),
        (lambda d: d.update(by_bucket={"open": 0}), "$.total", "inconsistent"),
        (lambda d: d.update(by_bucket={"lost": 1}), "$.by_bucket['lost']", "choice"),
        (lambda d: d.update(by_state={"not_shipped": -1}), "$.by_state", "range"),
        (lambda d: d["documents"].append(dict(d["documents"][0])), "$.documents", "duplicate"),
        (lambda d: d["documents"][0].update(state="lost"), "$.documents[0].state", "choice"),
        (
            lambda d: d["documents"][0].update(bucket="delivered"),
            "$.documents[0].state",
            "inconsistent",
        ),
        (
            lambda d: d["documents"][0].update(tracking_number="RR123456785ID"),
            "$.documents[0].state",
            "inconsistent",
        ),
        (
            lambda d: d["documents"][0].update(document_id=" "),
            "$.documents[0].document_id",
            "empty",
        ),
        (
            lambda d: d["anomalies"][0].update(kind="strange"),
            "$.anomalies[0].kind",
            "choice",
        ),
        (lambda d: d["anomalies"][0].update(message=""), "$.anomalies[0].message", "empty"),
    ],
)
def test_a_reconciliation_read_back_balances(mutate, field, code):
    """A reconciliation read from JSON accounts for every document in exactly one state, as
    one the batch made does; one that does not balance is refused, not loaded (its
    ``open`` raised KeyError when a bucket was missing)."""
    document = _reconciliation_document()
    assert _refusal(document, mutate) == (field, code)


def _summary_document():
    import datetime as dt

    from adminduk_delivery import analysis, policy, simulation, synthetic

    people = synthetic.population(60, regency="3216", seed=4)
    batch = synthetic.batch(people.residents, seed=4)
    run = simulation.simulate(batch, start=dt.date(2020, 3, 20), policy=policy.BEKASI_2020, seed=4)
    summary = analysis.summarize(
        run.batch, as_of=dt.date(2020, 3, 21), policy=policy.BEKASI_2020,
        handed_over=dt.date(2020, 3, 20),
    )  # fmt: skip
    return serialization.to_dict(summary)


SUMMARY = _summary_document()


@pytest.mark.parametrize(
    ("mutate", "field", "code"),
    [
        (lambda d: d.update(total=0), "$.by_bucket", "inconsistent"),
        (lambda d: d["by_bucket"].pop(), "$.by_bucket", "inconsistent"),
        (lambda d: d["by_bucket"][0].update(bucket="lost"), "$.by_bucket", "choice"),
        (lambda d: d["by_bucket"][0].pop("rate"), "$.by_bucket", "columns"),
        (lambda d: d["by_bucket"][0].update(rate=1.5), "$.by_bucket", "range"),
        (lambda d: d["by_state"][0].update(documents=-1), "$.by_state", "range"),
        (lambda d: d["by_district"][0].update(documents=0), "$.by_district", "inconsistent"),
        (lambda d: d["by_village"][0].update(name="x"), "$.by_village", "columns"),
        (lambda d: d["by_kind"][0].update(kind="passport"), "$.by_kind", "choice"),
        (lambda d: d["failure_reasons"][0].update(reason="rain"), "$.failure_reasons", "choice"),
        (lambda d: d["attempts"].append({"attempts": 1.5, "shipments": 1}), "$.attempts", "type"),
        (lambda d: d["ageing"].append({"working_days_open": 9, "documents": 1}), "$.ageing",
         "inconsistent"),
        (lambda d: d["sla"].update(due="soon"), "$.sla", "format"),
        (lambda d: d["sla"].update(late=d["sla"]["late"] + 1), "$.sla", "inconsistent"),
        (lambda d: d["sla"].pop("late"), "$.sla", "columns"),
        (lambda d: d.update(first_attempt={"succeeded": 9, "attempted": 1}), "$.first_attempt",
         "inconsistent"),
        (lambda d: d.update(first_attempt_success_rate=-0.1), "$.first_attempt_success_rate",
         "range"),
        (lambda d: d.update(language="fr"), "$.language", "choice"),
        (lambda d: d.update(cost_to_dinas=-1), "$.cost_to_dinas", "range"),
    ],
)  # fmt: skip
def test_a_summary_read_back_holds_its_counts(mutate, field, code):
    """A summary read from JSON has its tables' columns (analysis.SUMMARY_COLUMNS) and counts
    that add up, as one summarize made; before, any lists of dicts loaded, and its report
    divided by a total of 0 (ZeroDivisionError) or merge met a missing column (KeyError)."""
    document = json.loads(json.dumps(SUMMARY))
    assert _refusal(document, mutate) == (field, code)


def test_the_summary_document_of_the_tamper_tests_is_whole():
    """The tampering tests start from a summary that has a row in every table."""
    from adminduk_delivery import analysis

    data = SUMMARY["data"]
    assert all(data[name] for name in analysis.SUMMARY_COLUMNS)
    assert serialization.from_dict(SUMMARY) == serialization.from_dict(
        json.loads(json.dumps(SUMMARY))
    )
