"""Dispatch over days and the courier's manifest."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adminduk_delivery import dispatch, regions, routing, synthetic
from adminduk_delivery import policy as policies
from adminduk_delivery.errors import InvalidType, ValidationError
from adminduk_delivery.workdays import COURIER_WEEK, WorkCalendar

START = dt.date(2020, 3, 20)
PEOPLE = synthetic.population(300, regency="3216", seed=11)
BATCH = synthetic.batch(PEOPLE.residents, seed=11)


@settings(deadline=None, max_examples=20)
@given(
    capacity=st.integers(6, 40),
    couriers=st.integers(0, 3),
    max_stops=st.none() | st.integers(1, 10),
    seed=st.integers(0, 5),
    shuffle=st.randoms(use_true_random=False),
)
def test_every_shipment_gets_one_day_or_is_unscheduled(
    *, capacity, couriers, max_stops, seed, shuffle
) -> None:
    shipments = list(BATCH.shipments)
    schedule = dispatch.dispatch(
        shipments, start=START, capacity=capacity, couriers=couriers, max_stops=max_stops,
        seed=seed,
    )  # fmt: skip
    records = schedule.records()
    numbers = [r["tracking_number"] for r in records]
    assert sorted(numbers) == sorted(s.tracking_number for s in shipments)
    assert schedule.shipments == len(shipments)
    calendar = WorkCalendar(weekdays=COURIER_WEEK)
    days = [d.day for d in schedule.days]
    assert days == sorted(set(days))
    assert all(calendar.is_working_day(d) for d in days)
    for day in schedule.days:
        offices = [r.office for r in day.plan.routes]
        assert all(offices.count(o) <= couriers for o in offices)
        assert all(r.items <= capacity for r in day.plan.routes)
    if couriers == 0:
        assert not any(d.plan.routes for d in schedule.days)
        assert {u.code for u in schedule.unscheduled} <= {"couriers", "capacity"}
    for record in records:
        assert (record["day"] is None) == (record["code"] is not None)
        assert schedule.day_of(record["tracking_number"]) == record["day"]
    shuffle.shuffle(shipments)
    again = dispatch.dispatch(
        shipments, start=START, capacity=capacity, couriers=couriers, max_stops=max_stops,
        seed=seed,
    )  # fmt: skip
    assert again == schedule


def test_the_schedule_follows_the_couriers_and_the_calendar() -> None:
    schedule = dispatch.dispatch(BATCH, start=dt.date(2020, 3, 22), capacity=10, couriers=1)
    # 22 March 2020 was a Sunday; 25 March Nyepi.
    assert schedule.days[0].day == dt.date(2020, 3, 23)
    assert dt.date(2020, 3, 25) not in [d.day for d in schedule.days]
    per_day = schedule.per_day()
    assert per_day[-1]["remaining"] == 0
    assert sum(d["stops"] for d in per_day) == sum(
        len(r.stops) for d in schedule.days for r in d.plan.routes
    )
    more = dispatch.dispatch(BATCH, start=dt.date(2020, 3, 22), capacity=10, couriers=3)
    assert more.last_day is not None
    assert schedule.last_day is not None
    assert more.last_day < schedule.last_day


def test_a_stop_no_route_can_take_is_unscheduled() -> None:
    schedule = dispatch.dispatch(BATCH, start=START, capacity=1, couriers=50)
    big = [u for u in schedule.unscheduled if u.code == "capacity"]
    assert big
    assert all(u.stop.items > 1 for u in big)
    capped = dispatch.dispatch(BATCH, start=START, capacity=10, couriers=1, max_days=2)
    assert len(capped.days) == 2
    assert {u.code for u in capped.unscheduled} == {"max_days"}


def test_geometric_dispatch_with_a_shift() -> None:
    def locate(shipment):
        return regions.point(shipment.address.village_code)

    schedule = dispatch.dispatch(
        BATCH, start=START, capacity=30, couriers=2, locate=locate, max_minutes=240,
        service_minutes=6, speed_kmh=25,
    )  # fmt: skip
    for day in schedule.days:
        for route in day.plan.routes:
            assert route.minutes is not None
            assert route.minutes <= 240 + 1e-6
    assert len(schedule.records()) == len(BATCH.shipments)


def test_the_manifest_carries_no_nik() -> None:
    schedule = dispatch.dispatch(BATCH, start=START, capacity=10, couriers=2)
    rows = dispatch.manifest(
        BATCH, PEOPLE.residents, policy=policies.BEKASI_2020, schedule=schedule
    )
    assert len(rows) == len(BATCH.shipments)
    assert set(rows[0]) == {
        "tracking_number", "names", "address", "phone", "documents", "may_receive", "day",
        "office", "route", "position",
    }  # fmt: skip
    text = repr(rows)
    assert not re.search(r"\d{16}", text)
    assert rows[0]["may_receive"].startswith("pemilik")
    days = [r["day"] for r in rows]
    assert days == sorted(days)
    english = dispatch.manifest(BATCH, PEOPLE.residents, language="en")
    assert english[0]["documents"].startswith("electronic identity card")
    assert "day" not in english[0]


def test_shipments_of_village_office_areas_go_to_the_village_office() -> None:
    """Under a policy with village-office areas, each village there is one stop at its
    office (or several of at most a route's load), every shipment still in exactly one
    record; elsewhere households are stops as before."""
    import attrs

    districts = sorted({s.address.village_code[:6] for s in BATCH.shipments})
    area = districts[0]
    pol = attrs.evolve(policies.BEKASI_2020, village_office_areas=(area,))
    inside = [s for s in BATCH.shipments if s.address.village_code.startswith(area)]
    assert inside
    for capacity in (4, 10, 50):
        plain = dispatch.dispatch(BATCH, start=START, capacity=capacity, couriers=2)
        schedule = dispatch.dispatch(BATCH, start=START, capacity=capacity, couriers=2,
                                     policy=pol)  # fmt: skip
        numbers = [r["tracking_number"] for r in schedule.records()]
        assert sorted(numbers) == sorted(s.tracking_number for s in BATCH.shipments)
        stops = [
            stop for day in schedule.days for route in day.plan.routes for stop in route.stops
        ] + [u.stop for u in schedule.unscheduled]
        at_office = [s for s in stops if s.street == routing.VILLAGE_OFFICE]
        assert {n for s in at_office for n in s.shipment_ids} == {s.tracking_number for s in inside}
        for stop in stops:
            assert (stop.street == routing.VILLAGE_OFFICE) == stop.village_code.startswith(area)
        for village in {s.address.village_code for s in inside}:
            documents = sum(len(s.documents) for s in inside if s.address.village_code == village)
            mine = [s for s in at_office if s.village_code == village]
            assert sum(s.items for s in mine) == documents
            assert all(s.items <= capacity or len(s.shipment_ids) == 1 for s in mine)
        plain_stops = sum(len(r.stops) for d in plain.days for r in d.plan.routes)
        assert len(stops) <= plain_stops + len(plain.unscheduled)
    located = dispatch.dispatch(
        BATCH, start=START, capacity=10, couriers=None, policy=pol,
        locate=lambda s: regions.point(s.address.village_code),
    )  # fmt: skip
    for day in located.days:
        for route in day.plan.routes:
            for stop in route.stops:
                if stop.street == routing.VILLAGE_OFFICE:
                    assert stop.point == regions.point(stop.village_code)


@given(st.data())
@settings(max_examples=40)
def test_village_office_stops_hold_every_shipment_once(data: st.DataObject) -> None:
    from adminduk_delivery import strategies

    sent = data.draw(
        st.lists(strategies.shipments(region="3216"), max_size=12,
                 unique_by=lambda s: s.tracking_number)
    )  # fmt: skip
    capacity = data.draw(st.none() | st.integers(1, 8))
    stops = routing.village_office_stops(sent, capacity=capacity)
    assert sorted(n for s in stops for n in s.shipment_ids) == sorted(
        s.tracking_number for s in sent
    )
    by_number = {s.tracking_number: s for s in sent}
    for stop in stops:
        members = [by_number[n] for n in stop.shipment_ids]
        assert {m.address.village_code for m in members} == {stop.village_code}
        assert stop.items == sum(len(m.documents) for m in members)
        assert capacity is None or stop.items <= capacity or len(members) == 1
    if capacity is None:
        assert len(stops) == len({s.address.village_code for s in sent})
    assert stops == routing.village_office_stops(list(reversed(sent)), capacity=capacity)


def test_village_office_stops_check_their_arguments() -> None:
    with pytest.raises(ValidationError) as info:
        routing.village_office_stops(BATCH.shipments, capacity=0)
    assert info.value.code == "range"
    with pytest.raises(ValidationError) as info:
        routing.village_office_stops([*BATCH.shipments[:2], BATCH.shipments[0]])
    assert info.value.code == "duplicate"
    with pytest.raises(InvalidType):
        routing.village_office_stops(["RR123456785ID"])


def test_the_manifest_says_where_a_village_official_may_receive() -> None:
    """Under a policy with village-office areas the courier's line for a shipment in them
    names the village official; elsewhere, the fallback where the policy has one."""
    import attrs

    districts = sorted({s.address.village_code[:6] for s in BATCH.shipments})
    area = districts[0]
    pol = attrs.evolve(policies.BEKASI_2020, village_office_areas=(area,))
    for language, official, fallback in (
        ("id", "aparat desa (wilayah antar ke kantor desa)", "aparat desa bila tidak ada"),
        ("en", "a village official (a village-office area)", "a village official when nobody"),
    ):
        rows = dispatch.manifest(BATCH, PEOPLE.residents, policy=pol, language=language)
        for shipment, row in zip(BATCH.shipments, rows, strict=True):
            inside = shipment.address.village_code.startswith(area)
            assert inside == pol.village_office_serves(shipment.address)
            assert row["may_receive"].endswith(official) == inside
            assert fallback not in row["may_receive"]
        assert any(r["may_receive"].endswith(official) for r in rows)
        fallback_only = attrs.evolve(policies.BEKASI_2020, village_official_fallback=True)
        for row in dispatch.manifest(
            BATCH, PEOPLE.residents, policy=fallback_only, language=language
        ):
            assert fallback in row["may_receive"]


@pytest.mark.parametrize(
    ("limits", "error", "code"),
    [
        ({"capacity": 0, "couriers": 1}, ValidationError, "range"),
        ({"capacity": 5, "couriers": "x"}, InvalidType, "type"),
        ({"capacity": 5, "couriers": 1, "speed_kmh": 0}, ValidationError, "range"),
    ],
)
def test_bad_limits_are_refused_with_nothing_to_dispatch(limits, error, code) -> None:
    """The limits are checked before the first day: with no shipment, bad ones passed."""
    with pytest.raises(error) as info:
        dispatch.dispatch([], start=START, **limits)
    assert info.value.code == code


def test_no_courier_limit_sends_everything_on_the_first_day() -> None:
    schedule = dispatch.dispatch(BATCH, start=START, capacity=10, couriers=None)
    assert len(schedule.days) == 1
    assert len(schedule.records()) == len(BATCH.shipments)


@pytest.mark.parametrize("language", ["EN", "xx", "", None])
def test_the_manifest_checks_its_language(language: object) -> None:
    """Another language is refused, even with no shipment to label (it gave the English
    text of who may receive)."""
    for shipments in (BATCH, []):
        with pytest.raises(ValidationError) as info:
            dispatch.manifest(
                shipments, PEOPLE.residents, policy=policies.BEKASI_2020, language=language
            )
        assert (info.value.code, info.value.field) == ("choice", "language")


def test_dispatch_errors_carry_codes() -> None:
    with pytest.raises(ValidationError) as info:
        dispatch.dispatch(BATCH, start=START, capacity=0, couriers=1)
    assert info.value.code == "range"
    with pytest.raises(ValidationError) as info:
        dispatch.dispatch(BATCH, start=START, capacity=5, couriers=1, max_days=0)
    assert info.value.code == "range"
    with pytest.raises(InvalidType):
        dispatch.dispatch(BATCH, start="2020-03-20", capacity=5, couriers=1)
    with pytest.raises(ValidationError) as info:
        dispatch.manifest(BATCH, PEOPLE.residents[:1])
    assert info.value.code == "unknown_owner"


def _calls_with_a_shipment_twice():
    twice = [*BATCH.shipments[:3], BATCH.shipments[0]]
    return [
        lambda: dispatch.dispatch(twice, start=START, capacity=10, couriers=1),
        lambda: dispatch.manifest(twice, PEOPLE.residents),
        lambda: routing.stops_from_shipments(twice),
        lambda: routing.household_stop(twice[-2:] + twice[:1]),
        lambda: policies.batch_cost(twice, policy=policies.BEKASI_2020),
    ]


@pytest.mark.parametrize("call", _calls_with_a_shipment_twice())
def test_a_shipment_given_twice_is_refused(call) -> None:
    """A tracking number twice in a list of shipments (a row read twice) is refused, as a
    batch refuses it: dispatch sent the shipment twice (its documents counted twice on one
    stop) and batch_cost charged it twice."""
    with pytest.raises(ValidationError) as info:
        call()
    assert (info.value.field, info.value.code) == ("shipments", "duplicate")
    assert BATCH.shipments[0].tracking_number in str(info.value)


def test_a_dispatch_holds_the_facts_of_a_dispatch() -> None:
    """Dispatch and DispatchDay are checked as they are built: days in order, each stop in
    one place, the shipments counted, no unassigned stops inside a day's plan."""
    schedule = dispatch.dispatch(BATCH, start=START, capacity=10, couriers=2)
    days, unscheduled = list(schedule.days), schedule.unscheduled
    assert dispatch.Dispatch(days=days, unscheduled=unscheduled, shipments=schedule.shipments)
    cases = [
        ({"days": days[::-1]}, "days", "out_of_order"),
        ({"days": days + days[-1:]}, "days", "out_of_order"),
        ({"shipments": schedule.shipments + 1}, "shipments", "inconsistent"),
        ({"shipments": -1}, "shipments", "range"),
        ({"days": "day one"}, "days", "type"),
    ]
    for change, field, code in cases:
        fields = {"days": days, "unscheduled": unscheduled, "shipments": schedule.shipments}
        with pytest.raises(ValidationError) as info:
            dispatch.Dispatch(**{**fields, **change})
        assert (info.value.field, info.value.code) == (field, code)
    later = dispatch.DispatchDay(day=days[-1].day + dt.timedelta(days=1), plan=days[0].plan)
    with pytest.raises(ValidationError) as info:
        dispatch.Dispatch(days=[*days, later], unscheduled=unscheduled, shipments=0)
    assert (info.value.field, info.value.code) == ("days", "duplicate")
    stop = days[0].plan.routes[0].stops[0]
    left = routing.Unassigned(stop=stop, reason="no courier", code="couriers")
    plan = routing.RoutePlan(routes=(), unassigned=[left], capacity=10)
    with pytest.raises(ValidationError) as info:
        dispatch.DispatchDay(day=START, plan=plan)
    assert (info.value.field, info.value.code) == ("plan", "inconsistent")
