"""Typed usage of the public API, checked by ``mypy --strict`` in CI (and imported by pytest).

If a public signature loses or changes its types, this file stops type-checking.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, assert_type

import adminduk_delivery as ad
from adminduk_delivery import (
    address,
    analysis,
    batches,
    dispatch,
    intake,
    kk,
    labels,
    national,
    nik,
    phone,
    policy,
    regions,
    routing,
    serialization,
    shipments,
    simulation,
    solvers,
    tracking,
)


def smoke() -> None:
    as_of = dt.date(2026, 11, 28)
    assert_type(nik.compact("3216 2041 0790 0003"), str)
    assert_type(nik.validate("3216204107900003", as_of=as_of, regions="current"), str)
    assert_type(nik.is_valid(None), bool)
    info = nik.parse("3216204107900003", as_of=as_of)
    assert_type(info, nik.NIKInfo)
    assert_type(info.sex, nik.Sex)
    assert_type(info.birth_date, dt.date)
    assert_type(info.region, regions.Region | None)
    assert_type(nik.mask("3216204107900003"), str)
    kk_info = kk.parse("3216201503180007", as_of=as_of)
    assert_type(kk_info.issue_date, dt.date)
    region = regions.get("3216")
    assert_type(region.level, regions.RegionLevel)
    assert_type(regions.children("3216"), tuple[regions.Region, ...])
    assert_type(regions.search("bekasi"), tuple[regions.RegionMatch, ...])
    assert_type(regions.postal_code("3216202001"), str)
    parsed = address.parse("Desa Cicau, Kec. Cikarang Pusat", regency="3216")
    assert_type(parsed.address, address.Address | None)
    assert_type(parsed.confidence, float)
    assert_type(phone.parse("0812-3456-7890").e164, str)
    plan = routing.plan([routing.Stop("a", "3216202001", "1", "1")], capacity=10)
    assert_type(plan.total_distance_km, float | None)
    assert_type(plan.routes, tuple[routing.Route, ...])

    def keep(problem: solvers.Problem) -> list[list[int]]:
        return [list(route) for route in problem.routes]

    stop = routing.Stop("b", "3216202001", "1", "1", lat=-6.3, lon=107.15)
    searched = routing.plan([stop], capacity=10, rounds=50, seed=7, solver=keep)
    assert_type(searched.routes[0].distance_km, float | None)
    assert_type(routing.default_rounds(2_000), int)
    assert_type(solvers.pyvrp(iterations=100), solvers.Solver)
    assert_type(
        shipments.TRANSITIONS[shipments.ShipmentStatus.CREATED], frozenset[shipments.ShipmentStatus]
    )
    bekasi: policy.Policy = policy.BEKASI_2020
    assert_type(bekasi.calendar.add_working_days(as_of, 3), dt.date)
    own: policy.Rule[policy.RequestContext] = policy.Rule(
        "weekday",
        lambda c: c.request.requested_on.weekday() < 5,
        passed=("hari kerja", "a weekday"),
        failed=("akhir pekan", "a weekend"),
    )
    combined = policy.DELIVERY_ELIGIBILITY & ~own
    request = ad.DocumentRequest(
        id="R-1",
        nik="3216204107900003",
        kind=ad.DocumentKind.KTP_EL,
        fulfilment=ad.Fulfilment.COLLECT,
        requested_on=as_of,
        collect_at="dinas",
    )
    decision = policy.delivery_eligibility(request, policy=bekasi, rule=combined)
    assert_type(decision.reason, policy.Finding | None)
    assert_type(decision.findings[0].outcome, policy.Outcome)
    assert_type(policy.denial_counts([decision]), dict[str, int])
    assert_type(
        combined.evaluate(policy.RequestContext(request, bekasi)),
        tuple[bool, tuple[policy.Finding, ...]],
    )
    assert_type(labels.label(shipments.FailureReason.MOVED, "en"), str)
    assert_type(
        serialization.from_dict(serialization.to_dict(bekasi), policy.Policy), policy.Policy
    )
    assert_type(shipments.ShipmentStatus.DELIVERED.received, bool)
    read = intake.read_rows([{"nik": "3216204107900003"}], as_of=as_of, columns={"nik": "NIK"})
    assert_type(read, intake.Intake)
    assert_type(read.problems[0].code if read.problems else "", str)
    assert_type(read.rows_read - read.rows_accepted, int)
    assert_type(intake.read_date("01-07-1990", as_of=as_of), dt.date)
    resident = ad.Resident.from_nik("3216204107900003", name="Siti", as_of=as_of)
    assert_type(resident, ad.Resident)
    packed = batches.pack([], [], tracking_numbers=tracking.s10_series("RR", 1))
    assert_type(packed, ad.Batch)
    schedule = dispatch.dispatch(packed, start=as_of, capacity=10, couriers={"321620": 2})
    assert_type(schedule.day_of("RR000000014ID"), dt.date | None)
    assert_type(dispatch.manifest(packed, [resident]), list[dict[str, Any]])
    forecast = simulation.forecast_completion(packed, policy=bekasi, start=as_of, runs=1)
    assert_type(forecast.p50, dt.date | None)
    summary = analysis.summarize(packed, as_of=as_of, policy=bekasi, handed_over=as_of)
    assert_type(analysis.merge([summary, summary]), analysis.Summary)
    assert_type(national.pseudonym("3216204107900003", key=b"0123456789abcdef"), str)
    try:
        nik.validate("x")
    except ad.ValidationError as error:
        assert_type(error.code, str)
        assert_type(error.field, str)


if __name__ == "__main__":
    smoke()
