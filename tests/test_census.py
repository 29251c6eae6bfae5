"""The census: every public callable, given a bad value in any argument, answers with our own
errors only, in bounded time, without echoing personal data.

Each entry of ``CATALOGUE`` is a public callable with a set of valid arguments; the census
replaces one argument at a time with each value of ``BAD_VALUES`` and calls it. Anything but
success or an :class:`~adminduk_delivery.errors.AdmindukError` fails the census, and so does
an error message that holds the NIK, KK number or phone number of the valid arguments.
Result types that only the library builds (forecasts, parse results) and the Hypothesis
strategies (which raise Hypothesis's ``InvalidArgument`` for bad options,
as Hypothesis's own API style asks) are outside the census.
"""

from __future__ import annotations

import datetime as dt
import decimal
import inspect
import math
import re
import signal
import time

import attrs
import pytest

from adminduk_delivery import (
    address,
    analysis,
    batches,
    couriers,
    dispatch,
    documents,
    intake,
    kk,
    labels,
    national,
    nik,
    phone,
    policy,
    regions,
    residents,
    routing,
    serialization,
    shipments,
    simulation,
    solvers,
    synthetic,
    tracking,
    workdays,
)
from adminduk_delivery.errors import AdmindukError, InvalidType

from .helpers import KK, NIK_F, home, make_document, wib

PHONE = "081234567890"
AS_OF = dt.date(2020, 3, 20)


class Opaque:
    """An object of no type the library knows."""


BAD_VALUES = {
    "None": None,
    "empty": "",
    "blank": "   \u00a0",
    "giant": "3" * 160_000,
    "bytes": b"3216204107900003",
    "float": 1.5,
    "nan": math.nan,
    "infinity": math.inf,
    "negative": -1,
    "zero": 0,
    "huge int": 10**30,
    "bool": True,
    "empty list": [],
    "dict": {"a": 1},
    "full-width digits": "".join(chr(ord(c) + 0xFEE0) for c in NIK_F),
    "far date": dt.date(9999, 12, 28),
    "first date": dt.date(1, 1, 1),
    "datetime": dt.datetime(2020, 3, 20, 9),
    "object": Opaque(),
    "bare string": "RR123456785ID",
}
try:  # a notebook's missing values, as pandas records hold them (the dev extra has pandas)
    import pandas as pd
except ImportError:  # pragma: no cover - pandas is optional
    pass
else:
    BAD_VALUES |= {
        "pandas NaT": pd.NaT,
        "pandas NA": pd.NA,
        "numpy int": pd.Series([7]).iloc[0],
        "numpy nan": pd.Series([math.nan]).iloc[0],
    }


def _card():
    return make_document()


def _shipment(events=()):
    return shipments.Shipment(
        tracking_number="RR123456785ID", documents=[_card()], address=home(), events=events
    )


def _delivered():
    s = _shipment()
    steps = [
        shipments.ShipmentEvent(
            status=shipments.ShipmentStatus.HANDED_OVER, at=wib(2020, 3, 20, 8)
        ),
        shipments.ShipmentEvent(
            status=shipments.ShipmentStatus.OUT_FOR_DELIVERY, at=wib(2020, 3, 21, 8)
        ),
        shipments.ShipmentEvent(
            status=shipments.ShipmentStatus.ATTEMPT_FAILED,
            at=wib(2020, 3, 21, 9),
            reason=shipments.FailureReason.RECIPIENT_ABSENT,
        ),
    ]
    return shipments.apply_all(s, steps)


def _batch():
    return batches.Batch(id="B-1", documents=[_card()], shipments=[_delivered()])


def _resident():
    return residents.Resident(
        nik=NIK_F, name="Siti Aminah", sex="female", birth_date=dt.date(1990, 7, 1), kk_number=KK,
        address=home(), phone=phone.parse(PHONE),
    )  # fmt: skip


def _request():
    return documents.DocumentRequest(
        id="R-1", nik=NIK_F, kind="ktp_el", fulfilment="deliver", requested_on=AS_OF,
        address=home(),
    )  # fmt: skip


def _stop():
    return routing.Stop(id="s1", village_code="3216202001", rw="1", rt="1", lat=-6.3, lon=107.1)


def _recipient():
    return shipments.Recipient(kind="owner", nik=NIK_F, proofs=["id_shown", "photo"])


def _event():
    return shipments.ShipmentEvent(status="handed_over", at=wib(2020, 3, 20, 9))


CALENDAR = workdays.WorkCalendar()
RULE = couriers.Rule(code="X", status="delivered", text_pattern="ybs")
PROBLEM = solvers.Problem(
    xs=(0.0, 1.0, 0.5), ys=(0.0, 0.0, 0.0), items=(1, 1), capacity=2, max_stops=None,
    max_length_km=None, routes=((0, 1),), seed=0,
)  # fmt: skip

ROUTE = routing.Route(office="321620", stops=[_stop()], items=1, distance_km=2.5, minutes=30.0)
LEFT_OUT = routing.Unassigned(
    stop=routing.Stop(id="s2", village_code="3216202001", rw="1", rt="2",
                      shipment_ids=["RR000000000ID", "RR000000013ID"]),
    reason="too far",
    code="distance",
)  # fmt: skip
DAY_PLAN = routing.RoutePlan(routes=[ROUTE], unassigned=[], capacity=5)

# name: (callable, args, kwargs): a valid call.
CATALOGUE = {
    "nik.compact": (nik.compact, [NIK_F], {}),
    "nik.validate": (nik.validate, [NIK_F], {"as_of": AS_OF, "regions": "historical"}),
    "nik.is_valid": (nik.is_valid, [NIK_F], {"as_of": AS_OF}),
    "nik.parse": (nik.parse, [NIK_F], {"as_of": AS_OF}),
    "nik.mask": (nik.mask, [NIK_F], {}),
    "nik.format": (nik.format, [NIK_F], {"separator": " "}),
    "nik.birth_date": (nik.birth_date, [NIK_F], {"as_of": AS_OF}),
    "nik.sex": (nik.sex, [NIK_F], {}),
    "kk.validate": (kk.validate, [KK], {"as_of": AS_OF}),
    "kk.parse": (kk.parse, [KK], {"as_of": AS_OF}),
    "kk.format": (kk.format, [KK], {}),
    "kk.mask": (kk.mask, [KK], {}),
    "kk.issue_date": (kk.issue_date, [KK], {"as_of": AS_OF}),
    "regions.get": (regions.get, ["3216"], {}),
    "regions.compact": (regions.compact, ["32.16"], {}),
    "regions.name_key": (regions.name_key, ["Jati Sampurna"], {}),
    "regions.exists": (regions.exists, ["3216"], {"include_retired": True}),
    "regions.children": (regions.children, ["3216"], {"include_retired": False}),
    "regions.ancestors": (regions.ancestors, ["3216202001"], {}),
    "regions.codes": (regions.codes, ["regency"], {"retired": False}),
    "regions.point": (regions.point, ["3216202001"], {}),
    "regions.postal_code": (regions.postal_code, ["3216202001"], {}),
    "regions.search": (regions.search, ["Bekasi"], {"level": "regency", "within": "32"}),
    "regions.resolve": (
        regions.resolve,
        ["Kab. Bekasi"],
        {"level": "regency", "within": "32", "current": False},
    ),
    "regions.villages_for_postal_code": (regions.villages_for_postal_code, ["17531"], {}),
    "regions.split_prefix": (regions.split_prefix, ["Kab. Bekasi"], {}),
    "regions.province_aliases": (regions.province_aliases, ["32"], {}),
    "address.Address": (
        address.Address,
        [],
        {
            "village_code": "3216202001",
            "street": "Jl. Kenanga",
            "house_number": "7",
            "rt": 1,
            "rw": 4,
            "dusun": None,
            "postal_code": "17531",
        },
    ),
    "address.parse": (address.parse, ["Jl. Kenanga 7 RT 1/4, Cicau"], {"regency": "3216"}),
    "address.check_deliverable": (address.check_deliverable, [home()], {"phone": PHONE}),
    "phone.parse": (phone.parse, [PHONE], {}),
    "phone.parse_all": (phone.parse_all, [PHONE], {}),
    "phone.is_valid": (phone.is_valid, [PHONE], {}),
    "phone.mask": (phone.mask, [PHONE], {}),
    "tracking.parse": (tracking.parse, ["RR123456785ID"], {}),
    "tracking.validate_s10": (tracking.validate_s10, ["RR123456785ID"], {}),
    "tracking.is_valid_s10": (tracking.is_valid_s10, ["RR123456785ID"], {}),
    "tracking.s10_check_digit": (tracking.s10_check_digit, ["12345678"], {}),
    "tracking.build_s10": (tracking.build_s10, ["RR", 12345678], {"country": "ID"}),
    "tracking.validate_domestic": (
        tracking.validate_domestic,
        ["P2310250148600"],
        {"pattern": r"P\d{13}"},
    ),
    "residents.Resident": (
        residents.Resident,
        [],
        {
            "nik": NIK_F,
            "name": "Siti",
            "sex": "female",
            "birth_date": dt.date(1990, 7, 1),
            "kk_number": KK,
            "address": home(),
            "phone": None,
            "disabled": False,
        },
    ),
    "residents.Household": (
        residents.Household,
        [],
        {"kk_number": KK, "members": [_resident()], "address": home()},
    ),
    "residents.mask_name": (residents.mask_name, ["Siti Aminah"], {}),
    "Household.adults": (
        residents.Household(kk_number=KK, members=[_resident()], address=home()).adults,
        [],
        {"on": AS_OF, "min_age": 17},
    ),
    "Household.member": (
        residents.Household(kk_number=KK, members=[_resident()], address=home()).member,
        [NIK_F],
        {},
    ),
    "NIKInfo.age": (nik.parse(NIK_F, as_of=AS_OF).age, [], {"on": AS_OF}),
    "DocumentKind.self_printable_on": (
        documents.DocumentKind.KARTU_KELUARGA.self_printable_on,
        [AS_OF],
        {},
    ),
    "RegionLevel.for_code": (regions.RegionLevel.for_code, ["3216"], {}),
    "Rule.matches": (RULE.matches, ["X", "DITERIMA YBS"], {}),
    "Vocabulary.lookup": (
        couriers.Vocabulary(name="v", rules=[RULE]).lookup,
        ["X"],
        {"text": "diterima ybs"},
    ),
    "Problem.distance_km": (PROBLEM.distance_km, [0, 2], {}),
    "Problem.length_km": (PROBLEM.length_km, [[1, 0]], {}),
    "documents.Document": (
        documents.Document,
        [],
        {
            "id": "B-1",
            "kind": "ktp_el",
            "owner_nik": NIK_F,
            "issue_date": AS_OF,
            "number": None,
            "replaces_card": False,
        },
    ),
    "documents.DocumentRequest": (
        documents.DocumentRequest,
        [],
        {
            "id": "R-1",
            "nik": NIK_F,
            "kind": "ktp_el",
            "fulfilment": "deliver",
            "requested_on": AS_OF,
            "address": home(),
            "collect_at": None,
        },
    ),
    "shipments.Recipient": (
        shipments.Recipient,
        [],
        {"kind": "owner", "nik": NIK_F, "name": "Siti", "proofs": []},
    ),
    "shipments.ShipmentEvent": (
        shipments.ShipmentEvent,
        [],
        {
            "status": "handed_over",
            "at": wib(2020, 3, 20, 9),
            "reason": None,
            "recipient": None,
            "office": "17500",
            "raw_code": "EMA",
            "raw_text": "",
        },
    ),
    "shipments.Shipment": (
        shipments.Shipment,
        [],
        {
            "tracking_number": "RR123456785ID",
            "documents": [_card()],
            "address": home(),
            "service": "",
            "events": [_event()],
        },
    ),
    "shipments.apply": (shipments.apply, [_shipment(), _event()], {}),
    "shipments.apply_all": (shipments.apply_all, [_shipment(), [_event()]], {}),
    "shipments.check_transition": (
        shipments.check_transition,
        ["created", _event()],
        {"last_at": wib(2020, 3, 20, 8)},
    ),
    "shipments.require_distinct": (
        shipments.require_distinct,
        [[_shipment()]],
        {"field": "shipments"},
    ),
    "Shipment.event_at": (_delivered().event_at, ["handed_over"], {}),
    "couriers.translate": (
        couriers.translate,
        [couriers.POS_NIPOS],
        {
            "code": "DELIVERED",
            "at": wib(2020, 3, 20, 9),
            "text": "DITERIMA YBS",
            "office": "17500",
            "recipient": None,
        },
    ),
    "couriers.read_note": (couriers.read_note, ["DITERIMA YBS"], {}),
    "couriers.Rule": (couriers.Rule, [], {"code": "X", "status": "delivered"}),
    "couriers.Vocabulary": (
        couriers.Vocabulary,
        [],
        {"name": "v", "rules": [couriers.Rule(code="X", status="delivered")]},
    ),
    "batches.TrackedEvent": (
        batches.TrackedEvent,
        [],
        {"tracking_number": "RR123456785ID", "event": _event()},
    ),
    "batches.Batch": (
        batches.Batch,
        [],
        {"id": "B-1", "documents": [_card()], "shipments": [_shipment()], "rejected": []},
    ),
    "batches.Anomaly": (
        batches.Anomaly,
        [],
        {
            "kind": "unknown_tracking_number",
            "message": "no such shipment",
            "tracking_number": "RR123456785ID",
            "document_id": "B-0001",
            "code": "unknown",
        },
    ),
    "batches.DocumentState": (
        batches.DocumentState,
        [],
        {
            "document_id": "B-0001",
            "state": "attempt_failed",
            "bucket": "open",
            "tracking_number": "RR123456785ID",
        },
    ),
    "batches.Reconciliation": (
        batches.Reconciliation,
        [],
        {
            "total": 1,
            "by_state": {"attempt_failed": 1},
            "by_bucket": {"open": 1},
            "documents": _batch().reconcile().documents,
            "anomalies": [],
            "superseded_suket_ids": ["S-1"],
        },
    ),
    "Batch.fold": (
        _batch().fold,
        [[batches.TrackedEvent(tracking_number="RR123456785ID", event=_event())]],
        {},
    ),
    "Batch.shipment": (_batch().shipment, ["RR123456785ID"], {}),
    "workdays.WorkCalendar": (
        workdays.WorkCalendar,
        [],
        {"weekdays": [0, 1, 2, 3, 4], "cuti_bersama": True, "extra_closed": [AS_OF]},
    ),
    "simulation.Outcomes": (
        simulation.Outcomes,
        [],
        {
            "success": 0.8,
            "reasons": [(shipments.FailureReason.RECIPIENT_ABSENT, 2)],
            "household_receives": 0.3,
            "daily_pickup": 0.2,
            "success_by_district": {"321620": 0.7},
        },
    ),
    "WorkCalendar.add_working_days": (CALENDAR.add_working_days, [AS_OF, 5], {}),
    "WorkCalendar.working_days_between": (
        CALENDAR.working_days_between,
        [AS_OF, dt.date(2020, 4, 1)],
        {},
    ),
    "WorkCalendar.is_working_day": (CALENDAR.is_working_day, [AS_OF], {}),
    "WorkCalendar.holiday_name": (CALENDAR.holiday_name, [AS_OF], {}),
    "WorkCalendar.deadline": (CALENDAR.deadline, [AS_OF, 5], {}),
    "WorkCalendar.closed_days": (CALENDAR.closed_days, [AS_OF, dt.date(2020, 4, 1)], {}),
    "policy.Policy": (
        policy.Policy,
        [],
        {
            "name": "p",
            "area": ["3216"],
            "deliverable_kinds": ["ktp_el"],
            "required_address_fields": ["rt"],
            "recipients": "household",
            "max_attempts": 2,
            "sources": ["s"],
            "assumptions": ["a"],
            "fee": policy.FeeRule(),
            "calendar": CALENDAR,
        },
    ),
    "policy.FeeRule": (policy.FeeRule, [], {"kind": "flat_per_item", "amount": 5000}),
    "FeeRule.dinas_pays": (policy.FeeRule(kind="flat_per_item", amount=5).dinas_pays, [3], {}),
    "Policy.deadline": (policy.BEKASI_2020.deadline, [AS_OF], {}),
    "Policy.covers": (policy.BEKASI_2020.covers, [home()], {}),
    "Policy.village_office_serves": (policy.BEKASI_2020.village_office_serves, [home()], {}),
    "policy.delivery_eligibility": (
        policy.delivery_eligibility,
        [_request()],
        {"policy": policy.BEKASI_2020, "deactivated_niks": [NIK_F]},
    ),
    "policy.recipient_eligibility": (
        policy.recipient_eligibility,
        [[_card()], _recipient()],
        {
            "policy": policy.BEKASI_2020,
            "on": AS_OF,
            "household": None,
            "nobody_else": False,
            "address": home(),
        },
    ),
    "policy.next_step": (
        policy.next_step,
        [_delivered()],
        {"policy": policy.BEKASI_2020, "as_of": AS_OF},
    ),
    "policy.priority": (
        policy.priority,
        [_resident(), _card()],
        {"policy": policy.BEKASI_2020, "as_of": AS_OF, "suket_expires": AS_OF},
    ),
    "policy.batch_cost": (policy.batch_cost, [[_shipment()]], {"policy": policy.BEKASI_2020}),
    "policy.deactivation_list": (policy.deactivation_list, [[NIK_F]], {}),
    "policy.denial_counts": (policy.denial_counts, [[]], {}),
    "policy.Rule": (policy.Rule, ["r", bool], {"passed": ("ya", "yes"), "failed": ("tidak", "no")}),
    "labels.label": (labels.label, [shipments.FailureReason.MOVED, "id"], {}),
    "labels.labels_of": (labels.labels_of, [shipments.FailureReason, "en"], {}),
    "labels.checked_language": (labels.checked_language, ["en"], {}),
    "dispatch.dispatch": (
        dispatch.dispatch,
        [[_shipment()]],
        {
            "start": AS_OF,
            "capacity": 5,
            "couriers": 2,
            "rounds": 0,
            "seed": 0,
            "max_days": 10,
            "policy": policy.BEKASI_2020,
        },
    ),
    "dispatch.manifest": (
        dispatch.manifest,
        [[_shipment()], [_resident()]],
        {"policy": policy.BEKASI_2020, "language": "en"},
    ),
    "routing.Stop": (
        routing.Stop,
        ["s1", "3216202001", "1", "1"],
        {"items": 2, "lat": -6.3, "lon": 107.1, "shipment_ids": ["RR123456785ID"]},
    ),
    "routing.plan": (
        routing.plan,
        [[_stop()]],
        {
            "capacity": 10,
            "depot": (-6.3, 107.1),
            "max_stops": 5,
            "max_distance_km": 50.0,
            "rounds": 10,
            "seed": 0,
            "distance_km": routing.DistanceTable(points=[(-6.3, 107.1)], km=[[0.0]]),
        },
    ),
    "routing.DistanceTable": (
        routing.DistanceTable,
        [],
        {"points": [(-6.3, 107.1), (-6.31, 107.12)], "km": [[0.0, 2.5], [2.7, 0.0]]},
    ),
    "routing.Route": (
        routing.Route,
        [],
        {"office": "321620", "stops": [_stop()], "items": 1, "distance_km": 2.5, "minutes": 30.0},
    ),
    "routing.Unassigned": (
        routing.Unassigned,
        [],
        {"stop": _stop(), "reason": "too far", "code": "distance"},
    ),
    "routing.RoutePlan": (
        routing.RoutePlan,
        [],
        {"routes": [ROUTE], "unassigned": [LEFT_OUT], "capacity": 5},
    ),
    "dispatch.DispatchDay": (dispatch.DispatchDay, [], {"day": AS_OF, "plan": DAY_PLAN}),
    "dispatch.Dispatch": (
        dispatch.Dispatch,
        [],
        {
            "days": [dispatch.DispatchDay(day=AS_OF, plan=DAY_PLAN)],
            "unscheduled": [LEFT_OUT],
            "shipments": 2,
        },
    ),
    "routing.stops_from_shipments": (routing.stops_from_shipments, [[_shipment()]], {}),
    "routing.household_stop": (routing.household_stop, [[_shipment()]], {}),
    "routing.village_office_stops": (
        routing.village_office_stops,
        [[_shipment()]],
        {"capacity": 4},
    ),
    "routing.default_rounds": (routing.default_rounds, [2000], {}),
    "routing.points_of": (routing.points_of, [[_stop()]], {}),
    "routing.haversine_km": (routing.haversine_km, [(-6.3, 107.1), (-6.2, 107.0)], {}),
    "analysis.summarize": (
        analysis.summarize,
        [_batch()],
        {"as_of": AS_OF, "policy": policy.BEKASI_2020, "handed_over": AS_OF},
    ),
    "analysis.Summary": (
        analysis.Summary,
        [],
        attrs.asdict(
            analysis.summarize(_batch(), as_of=AS_OF, policy=policy.BEKASI_2020, handed_over=AS_OF),
            recurse=False,
        ),
    ),
    "analysis.open_items_by_office": (analysis.open_items_by_office, [_batch()], {"as_of": AS_OF}),
    "analysis.forecast": (
        analysis.forecast,
        [{"321620": 10}],
        {
            "couriers": 2,
            "items_per_courier": 50,
            "success_rate": 0.8,
            "calendar": CALENDAR,
            "start": AS_OF,
            "spread": 0.1,
            "retry_rounds": 1,
        },
    ),
    "analysis.couriers_needed": (
        analysis.couriers_needed,
        [{"321620": 10}],
        {
            "target": dt.date(2020, 4, 10),
            "items_per_courier": 50,
            "success_rate": 0.8,
            "calendar": CALENDAR,
            "start": AS_OF,
        },
    ),
    "simulation.simulate": (
        simulation.simulate,
        [batches.Batch(id="B-2", documents=[_card()], shipments=[_shipment()])],
        {
            "policy": policy.BEKASI_2020,
            "start": AS_OF,
            "seed": 1,
            "couriers_per_office": 1,
            "items_per_courier": 10,
            "max_days": 20,
        },
    ),
    "synthetic.population": (synthetic.population, [5], {"regency": "3216", "seed": 1}),
    "synthetic.batch": (synthetic.batch, [[_resident()]], {"batch_id": "B", "seed": 1}),
    "synthetic.requests": (synthetic.requests, [[_resident()]], {"seed": 1, "delivery_share": 0.5}),
    "synthetic.iter_requests": (
        synthetic.iter_requests,
        [[_resident()]],
        {"seed": 1, "delivery_share": 0.5},
    ),
    "serialization.to_dict": (serialization.to_dict, [home()], {}),
    "serialization.from_dict": (serialization.from_dict, [serialization.to_dict(home())], {}),
    "tracking.s10_series": (tracking.s10_series, ["RR", 1], {"country": "ID"}),
    "simulation.forecast_completion": (
        simulation.forecast_completion,
        [batches.Batch(id="B-2", documents=[_card()], shipments=[_shipment()])],
        {
            "policy": policy.BEKASI_2020,
            "start": AS_OF,
            "runs": 2,
            "seed": 1,
            "couriers_per_office": 1,
            "items_per_courier": 10,
            "max_days": 5,
        },
    ),
    "simulation.couriers_for_target": (
        simulation.couriers_for_target,
        [batches.Batch(id="B-2", documents=[_card()], shipments=[_shipment()])],
        {
            "target": AS_OF,
            "policy": policy.BEKASI_2020,
            "start": AS_OF,
            "runs": 1,
            "max_couriers": 2,
        },
    ),
    "simulation.observed_outcomes": (simulation.observed_outcomes, [_batch()], {}),
    "Batch.until": (_batch().until, [AS_OF], {}),
    "analysis.failure_reasons_by": (
        analysis.failure_reasons_by,
        [_batch()],
        {"level": "village", "language": "en"},
    ),
    "analysis.event_records": (analysis.event_records, [_batch()], {"language": "id"}),
    "analysis.merge": (
        analysis.merge,
        [[analysis.summarize(_batch(), as_of=AS_OF, policy=policy.BEKASI_2020, handed_over=AS_OF)]],
        {},
    ),
    "Shipment.until": (_delivered().until, [AS_OF], {}),
    "national.regency_sizes": (national.regency_sizes, [100], {"regencies": ["3216"]}),
    "national.regency_campaign": (
        national.regency_campaign,
        ["3216", 3],
        {"seed": 1, "as_of": AS_OF, "simulate": False, "couriers_per_office": 1},
    ),
    "national.combine": (
        national.combine,
        [[national.regency_campaign("3216", 2, seed=1, simulate=False)]],
        {},
    ),
    "national.pseudonym": (national.pseudonym, [NIK_F], {"key": b"sixteen bytes at least"}),
    "national.export_records": (
        national.export_records,
        [_batch()],
        {"key": b"sixteen bytes at least", "as_of": AS_OF},
    ),
    "batches.pack": (
        batches.pack,
        [[_card()], [_request()]],
        {
            "tracking_numbers": ["RR123456785ID"],
            "batch_id": "B-1",
            "collection_addresses": {"dinas": home()},
            "sukets": [],
            "service": "ANTARAN",
        },
    ),
    "routing.plan/limits": (
        routing.plan,
        [[_stop()]],
        {
            "capacity": 10,
            "depot": {"321620": (-6.3, 107.1)},
            "couriers": {"321620": 2},
            "max_minutes": 480.0,
            "service_minutes": 5.0,
            "speed_kmh": 20.0,
        },
    ),
    "Resident.from_nik": (
        residents.Resident.from_nik,
        [NIK_F],
        {"name": "Siti", "as_of": AS_OF, "sex": "female", "birth_date": dt.date(1990, 7, 1)},
    ),
    "intake.read_rows": (
        intake.read_rows,
        [
            [
                {
                    "nik": NIK_F,
                    "nama": "Siti",
                    "dokumen": "KTP-el",
                    "layanan": "dikirim",
                    "alamat": "Jl. Kenanga 7 RT 1 RW 4 Desa Cicau Kec. Cikarang Pusat",
                }
            ]
        ],
        {
            "as_of": AS_OF,
            "columns": {"nama": "nama"},
            "regency": "3216",
            "id_prefix": "R",
            "words": {"layanan": {"Ya": "dikirim"}, "disabilitas": {"ada": True}},
            "defaults": {"tempat_ambil": "Dinas"},
        },
    ),
    "intake.read_date": (intake.read_date, ["01-07-1990"], {"as_of": AS_OF, "field": "t"}),
    "intake.word_key": (intake.word_key, ["KTP-el"], {}),
    "intake.vocabularies": (intake.vocabularies, [{"layanan": {"Ya": "dikirim"}}], {}),
}


def _slots(entry):
    """Every argument slot of a valid call: positional indices and keyword names."""
    _function, args, kwargs = entry
    return [*range(len(args)), *kwargs]


CASES = [
    (name, slot, bad)
    for name, entry in CATALOGUE.items()
    for slot in _slots(entry)
    for bad in BAD_VALUES
]
_PERSONAL = re.compile(rf"{NIK_F}|{KK}|{PHONE[1:]}")
_HANG_SECONDS = 5.0


class Hang(BaseException):
    """Raised in a call that runs past the census's limit (a BaseException, so that no
    ``except Exception`` in the library swallows it)."""


def _hang(signum, frame):
    raise Hang


def test_the_valid_calls_are_valid():
    """Every catalogue entry succeeds as written (otherwise the census tests nothing)."""
    for name, (function, args, kwargs) in CATALOGUE.items():
        try:
            function(*args, **kwargs)
        except AdmindukError as error:  # pragma: no cover - a broken catalogue entry
            pytest.fail(f"{name}: the valid call raised {error!r}")


@pytest.mark.parametrize(("name", "slot", "bad"), CASES)
def test_bad_values_meet_only_our_errors(name, slot, bad):
    """The census: our errors only, no hang, no personal data in the message."""
    function, args, kwargs = CATALOGUE[name]
    args, kwargs = list(args), dict(kwargs)
    if isinstance(slot, int):
        args[slot] = BAD_VALUES[bad]
    else:
        kwargs[slot] = BAD_VALUES[bad]
    start = time.perf_counter()
    message = ""
    previous = signal.signal(signal.SIGALRM, _hang)
    signal.setitimer(signal.ITIMER_REAL, _HANG_SECONDS)
    try:
        function(*args, **kwargs)
    except AdmindukError as error:
        message = str(error)
    except Hang:
        pytest.fail(f"{name}({slot}={bad}) hangs (over {_HANG_SECONDS} s)")
    except Exception as error:
        pytest.fail(f"{name}({slot}={bad}): {type(error).__name__}: {str(error)[:200]}")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    elapsed = time.perf_counter() - start
    assert elapsed < _HANG_SECONDS, f"{name}({slot}={bad}) took {elapsed:.1f} s"
    assert not _PERSONAL.search(message), f"{name}: the message echoes personal data"
    assert len(message) < 1_000, f"{name}: the message echoes its input"


def _number_cases():
    """Each whole or real number of a valid call, as numpy's int64, int32, float64 and
    float32 (what a data frame's cells hold), and each real one as a Decimal (a database's
    NUMERIC column)."""
    cases = []
    for name, entry in CATALOGUE.items():
        for slot in _slots(entry):
            _function, args, kwargs = entry
            value = args[slot] if isinstance(slot, int) else kwargs[slot]
            if isinstance(value, bool) or not isinstance(value, int | float):
                continue
            if isinstance(value, int):
                kinds = ["int64", "int32"] if -(2**31) <= value < 2**31 else ["int64"]
            else:
                kinds = ["float64", "float32", "Decimal"]
            cases += [(name, slot, kind) for kind in kinds]
    return cases


def _outcome(function, args, kwargs):
    try:
        return ("result", repr(function(*args, **kwargs)))
    except AdmindukError as error:
        return ("error", type(error).__name__, error.code, str(error))


@pytest.mark.parametrize(("name", "slot", "kind"), _number_cases())
def test_numbers_of_other_types_are_taken_as_python_numbers(name, slot, kind):
    """A number from a data frame (numpy's int64, int32, float64, float32) or a database (a
    Decimal) gives what the same Python number gives: the same result, holding Python
    numbers (another type would show in its repr), or the same error."""
    function, args, kwargs = CATALOGUE[name]
    value = args[slot] if isinstance(slot, int) else kwargs[slot]
    if kind == "Decimal":
        given = decimal.Decimal(repr(value))
    else:
        given = getattr(pytest.importorskip("numpy"), kind)(value)
    expected = int(given) if isinstance(value, int) else float(given)  # float32 rounds
    outcomes = []
    for number in (expected, given):
        call_args, call_kwargs = list(args), dict(kwargs)
        if isinstance(slot, int):
            call_args[slot] = number
        else:
            call_kwargs[slot] = number
        outcomes.append(_outcome(function, call_args, call_kwargs))
    assert outcomes[1] == outcomes[0]
    assert outcomes[0][0] == "result"


@pytest.mark.parametrize(
    ("read", "written"),
    [(nik.validate, NIK_F), (kk.validate, KK), (lambda v: phone.parse(v).e164, "6281234567890")],
)
def test_identifiers_in_numpy_integer_columns(read, written):
    """A NIK, KK or phone number column read as numbers holds numpy's int64: read as the
    same Python int is."""
    np = pytest.importorskip("numpy")
    assert read(np.int64(int(written))) == read(int(written))


YES_OR_NO = [
    ("regions.exists", "include_retired"),
    ("regions.children", "include_retired"),
    ("regions.search", "include_retired"),
    ("regions.codes", "retired"),
    ("policy.recipient_eligibility", "nobody_else"),
    ("national.regency_campaign", "simulate"),
    ("residents.Resident", "disabled"),
    ("documents.Document", "replaces_card"),
    ("workdays.WorkCalendar", "cuti_bersama"),
]


@pytest.mark.parametrize(("name", "option"), YES_OR_NO)
@pytest.mark.parametrize(
    "bad", [0, 1, "ya", None] + [v for k, v in BAD_VALUES.items() if "NA" in k]
)
def test_yes_or_no_options_take_true_or_false_only(name, option, bad):
    """A yes-or-no option or field is True or False: a 0, a 1, a word or pandas' NA (whose
    truth is an error) is refused by name, with code ``type``."""
    function, args, kwargs = CATALOGUE[name]
    with pytest.raises(InvalidType) as caught:
        function(*args, **{**kwargs, option: bad})
    assert (caught.value.code, caught.value.field) == ("type", option)


def test_the_census_covers_the_public_functions():
    """Every public function of the census's modules is in the catalogue."""
    modules = (nik, kk, regions, address, phone, tracking, residents, shipments, couriers,
               policy, labels, routing, analysis, simulation, synthetic, serialization,
               intake, batches, national, dispatch, workdays, documents)  # fmt: skip
    missing = [
        f"{module.__name__.rsplit('.', 1)[1]}.{name}"
        for module in modules
        for name in module.__all__
        if inspect.isfunction(getattr(module, name))
        and f"{module.__name__.rsplit('.', 1)[1]}.{name}" not in CATALOGUE
    ]
    allowed = {"shipments.lifecycle_mermaid", "regions.data_info", "regions.gazetteer",
               "kk.compact", "kk.is_valid",
               "serialization.make_converter", "serialization.structure"}  # fmt: skip
    assert set(missing) <= allowed, sorted(set(missing) - allowed)
