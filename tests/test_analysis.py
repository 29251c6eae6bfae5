"""Simulation and analysis: legal logs, balanced batches, summaries that recount, forecasts."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adminduk_delivery import analysis, policy, simulation, strategies, synthetic
from adminduk_delivery.batches import Bucket
from adminduk_delivery.errors import MissingDependency, ValidationError
from adminduk_delivery.shipments import ShipmentStatus

START = dt.date(2020, 3, 20)


def campaign(n: int, seed: int, couriers: int = 1):
    people = synthetic.population(int(n * 1.6) + 10, regency="3216", seed=seed)
    adults = [r for r in people.residents if r.age(on=people.as_of) >= 17][:n]
    batch = synthetic.batch(adults, seed=seed)
    run = simulation.simulate(batch, policy=policy.BEKASI_2020, start=START, seed=seed,
                              couriers_per_office=couriers)  # fmt: skip
    return batch, run


@settings(max_examples=10, deadline=None)
@given(n=st.integers(1, 300), seed=st.integers(0, 1000), couriers=st.integers(1, 3))
def test_simulation_logs_are_legal_and_complete(n, seed, couriers):
    """Property: the log replays onto the untouched batch; every item ends; it balances."""
    batch, run = campaign(n, seed, couriers)
    assert batch.fold(run.events) == run.batch
    r = run.batch.reconcile()
    assert r.balanced
    assert r.open == 0
    assert run.finished is not None
    assert not run.batch.rejected


def test_same_seed_same_log():
    """A seed reproduces the campaign; another seed changes it."""
    _batch, one = campaign(200, 1)
    _batch, again = campaign(200, 1)
    assert one.events == again.events
    people = synthetic.population(330, regency="3216", seed=1)
    adults = [r for r in people.residents if r.age(on=people.as_of) >= 17][:200]
    other = simulation.simulate(synthetic.batch(adults, seed=1), policy=policy.BEKASI_2020,
                                start=START, seed=2, couriers_per_office=1)  # fmt: skip
    assert other.events != one.events


def test_a_village_official_receives_in_the_village_office_areas():
    """Under a policy with village-office areas, every delivery there is to a village
    official, and none elsewhere; a policy without them reads as before (the same log)."""
    from adminduk_delivery.shipments import RecipientKind

    batch, plain = campaign(200, 5)
    area = sorted({s.address.village_code[:6] for s in batch.shipments})[0]
    water = attrs.evolve(policy.BEKASI_2020, village_office_areas=(area,))
    run = simulation.simulate(batch, policy=water, start=START, seed=5, couriers_per_office=1)
    assert run.batch.reconcile().balanced
    by_number = {s.tracking_number: s for s in batch.shipments}
    kinds = {True: Counter(), False: Counter()}
    for tracked in run.events:
        if tracked.event.status is ShipmentStatus.DELIVERED:
            inside = by_number[tracked.tracking_number].address.village_code.startswith(area)
            kinds[inside][tracked.event.recipient.kind] += 1
    assert set(kinds[True]) == {RecipientKind.VILLAGE_OFFICIAL}
    assert RecipientKind.VILLAGE_OFFICIAL not in kinds[False]
    same = simulation.simulate(batch, policy=policy.BEKASI_2020, start=START, seed=5,
                               couriers_per_office=1)  # fmt: skip
    assert same.events == plain.events


def test_a_village_office_village_is_one_stop_of_the_day():
    """In the village-office areas a village's shipments of a day go out on one stop, as
    dispatch plans them: the official receives them within one visit (the simulated
    minutes differ by less than a stop's), and every item still ends."""
    batch, _plain = campaign(300, 6, couriers=2)
    regency = batch.shipments[0].address.village_code[:4]
    water = attrs.evolve(policy.BEKASI_2020, village_office_areas=(regency,))
    run = simulation.simulate(batch, policy=water, start=START, seed=6, couriers_per_office=2)
    assert run.finished is not None
    assert run.batch.reconcile().balanced
    assert run.batch.reconcile().open == 0
    village_of = {s.tracking_number: s.address.village_code for s in batch.shipments}
    outcomes = {}
    for tracked in run.events:
        e = tracked.event
        if e.status in (ShipmentStatus.DELIVERED, ShipmentStatus.ATTEMPT_FAILED):
            key = (e.at.date(), village_of[tracked.tracking_number])
            outcomes.setdefault(key, []).append(e.at)
    grouped = [times for times in outcomes.values() if len(times) > 1]
    assert grouped  # villages with several shipments on one day
    assert all(max(t) - min(t) < dt.timedelta(minutes=10) for t in grouped)


def test_offices_without_couriers_stay_open():
    """No couriers in an office: its items stay open, the rest finish."""
    people = synthetic.population(300, regency="3216", seed=4)
    adults = [r for r in people.residents if r.age(on=people.as_of) >= 17]
    batch = synthetic.batch(adults, seed=4)
    office = batch.shipments[0].address.district_code
    run = simulation.simulate(batch, policy=policy.BEKASI_2020, start=START, seed=4,
                              couriers_per_office={office: 0}, max_days=20)  # fmt: skip
    assert run.finished is None
    assert run.batch.reconcile().open >= 1
    with pytest.raises(ValidationError):
        simulation.Outcomes(success=1.5)


def test_options_by_district_take_current_district_codes():
    """Keys of couriers_per_office and success_by_district name the offices' districts: by
    code, compact or dotted, or by a name that names one district; a key no office can have
    (a regency's or a retired district's code, a name of several districts or none, one
    district twice) is refused, where it used to leave its offices without couriers or with
    the default chance, silently."""
    people = synthetic.population(200, regency="3216", seed=4)
    adults = [r for r in people.residents if r.age(on=people.as_of) >= 17]
    batch = synthetic.batch(adults, seed=4)
    offices = sorted({s.address.district_code for s in batch.shipments})
    dotted = {f"{o[:2]}.{o[2:4]}.{o[4:]}": 2 for o in offices}
    compact = dict.fromkeys(offices, 2)
    kwargs = {"policy": policy.BEKASI_2020, "start": START, "seed": 4, "max_days": 30}
    run = simulation.simulate(batch, couriers_per_office=dotted, **kwargs)
    assert run == simulation.simulate(batch, couriers_per_office=compact, **kwargs)
    assert run.finished is not None
    for key in ("32.16.04", "Tambelang", "Kec. Tambelang"):
        outcomes = simulation.Outcomes(success_by_district={key: 0.5})
        assert outcomes.success_by_district == {"321604": 0.5}
    wrong_keys = [
        ({"Kota Baru": 2}, "ambiguous"),  # a district of three regencies
        ({"Kec. Antah Berantah": 2}, "not_found"),
        ({"3216": 2}, "level"),
        ({"910101": 2}, "level"),  # retired with Papua's split
        ({"329999": 2}, "region"),
        ({"32.16.0": 2}, "length"),
        ({offices[0]: 2, f"{offices[0][:2]}.{offices[0][2:]}": 3}, "duplicate"),
    ]
    for keys, code in wrong_keys:
        with pytest.raises(ValidationError) as info:
            simulation.simulate(batch, couriers_per_office=keys, **kwargs)
        assert (info.value.field, info.value.code) == ("couriers_per_office", code)
        with pytest.raises(ValidationError) as info:
            simulation.Outcomes(success_by_district=dict.fromkeys(keys, 0.5))
        assert (info.value.field, info.value.code) == ("success_by_district", code)


def test_a_campaign_resumes_from_where_it_stands():
    """A batch with events resumes from the day of its last event, never before it."""
    people = synthetic.population(300, regency="3216", seed=4)
    adults = [r for r in people.residents if r.age(on=people.as_of) >= 17]
    batch = synthetic.batch(adults, seed=4)
    full = simulation.simulate(batch, policy=policy.BEKASI_2020, start=START, seed=4,
                               couriers_per_office=1)  # fmt: skip
    with pytest.raises(ValidationError) as info:
        simulation.simulate(full.batch, policy=policy.BEKASI_2020, start=START, seed=1)
    assert info.value.code == "after_start"
    midway = full.days[len(full.days) // 2 - 1].day
    cut = full.batch.until(midway)
    assert any(not s.is_terminal for s in cut.shipments)
    rest = simulation.simulate(cut, policy=policy.BEKASI_2020, start=midway, seed=9,
                               couriers_per_office=1)  # fmt: skip
    report = rest.batch.reconcile()
    assert report.balanced
    assert report.open == 0
    assert rest.finished is not None
    for before, after in zip(cut.shipments, rest.batch.shipments, strict=True):
        assert after.events[: len(before.events)] == before.events


def test_summary_matches_a_brute_force_recount():
    """Every figure of the summary equals a direct count over the shipments."""
    batch, run = campaign(400, 9)
    as_of = START + dt.timedelta(days=4)
    s = analysis.summarize(run.batch, as_of=as_of, policy=policy.BEKASI_2020, handed_over=START)
    states = Counter()
    for shipment in run.batch.shipments:
        kept = [e for e in shipment.events if e.at.date() <= as_of]
        status = kept[-1].status if kept else ShipmentStatus.CREATED
        states[status.value] += len(shipment.documents)
    assert {r["state"]: r["documents"] for r in s.by_state} == dict(states)
    assert s.total == len(batch.documents) == sum(r["documents"] for r in s.by_bucket)
    assert sum(r["documents"] for r in s.by_district) == s.total
    assert sum(r["documents"] for r in s.by_village) == s.total
    delivered = {r["bucket"]: r["documents"] for r in s.by_bucket}[Bucket.DELIVERED.value]
    assert delivered == states["delivered"]
    failures = Counter(
        e.reason.value
        for sh in run.batch.shipments
        for e in sh.events
        if e.at.date() <= as_of and e.status is ShipmentStatus.ATTEMPT_FAILED
    )
    assert {r["reason"]: r["failures"] for r in s.failure_reasons} == dict(failures)
    assert "<table>" in s._repr_html_()
    assert set(s.records()) >= {"by_bucket", "by_district", "failure_reasons"}


def test_summary_to_pandas_has_every_table_or_says_which_extra_is_missing(monkeypatch):
    """Every table of records() comes as a data frame with the same rows; without pandas,
    MissingDependency names the extra to install (and is still an ImportError)."""
    pytest.importorskip("pandas")
    _batch, run = campaign(60, 3)
    s = analysis.summarize(run.batch, as_of=START, policy=policy.BEKASI_2020, handed_over=START)
    frames = s.to_pandas()
    assert set(frames) == set(s.records())
    for name, rows in s.records().items():
        assert frames[name].to_dict("records") == rows
    real = analysis.importlib.import_module

    def without_pandas(name, *args):
        if name == "pandas":
            raise ImportError("No module named 'pandas'")
        return real(name, *args)

    monkeypatch.setattr(analysis.importlib, "import_module", without_pandas)
    with pytest.raises(MissingDependency) as caught:
        s.to_pandas()
    assert caught.value.extra == "analysis"
    assert isinstance(caught.value, ImportError)


def test_forecast_agrees_with_the_simulation():
    """The forecast's day for the last attempt matches the simulated campaign's."""
    for n, couriers in ((3000, 1), (6000, 1)):
        batch, run = campaign(n, 5, couriers)
        last_out = max(d.day for d in run.days if d.out)
        f = analysis.forecast(
            analysis.open_items_by_office(batch, as_of=START), couriers=couriers,
            items_per_courier=150, success_rate=0.82, calendar=policy.BEKASI_2020.calendar,
            start=START,
        )  # fmt: skip
        assert f.earliest <= last_out <= policy.BEKASI_2020.calendar.add_working_days(f.latest, 1)


def test_couriers_needed():
    """More couriers for an earlier target; bad targets are our errors."""
    open_items = {"321620": 3000, "321604": 0}
    cal = policy.BEKASI_2020.calendar
    slow = analysis.couriers_needed(open_items, target=dt.date(2020, 4, 30), items_per_courier=150,
                                    success_rate=0.8, calendar=cal, start=START)  # fmt: skip
    fast = analysis.couriers_needed(open_items, target=dt.date(2020, 3, 26), items_per_courier=150,
                                    success_rate=0.8, calendar=cal, start=START)  # fmt: skip
    assert fast["321620"] > slow["321620"] >= 1
    assert fast["321604"] == 0
    with pytest.raises(ValidationError):
        analysis.couriers_needed(open_items, target=START, items_per_courier=150,
                                 success_rate=0.8, calendar=cal, start=START)  # fmt: skip


@given(
    batch=strategies.batches(max_size=8), as_of=st.dates(dt.date(2019, 1, 1), dt.date(2022, 1, 1))
)
def test_summary_and_reconciliation_agree(batch, as_of):
    """Property (finding 6): a summary's buckets are the reconciliation's of the batch as it
    stood at the end of ``as_of``; with every event included they are the batch's own."""
    summary = analysis.summarize(batch, as_of=as_of, policy=policy.BEKASI_2020, handed_over=START)
    late = max((e.at.date() for s in batch.shipments for e in s.events), default=START)
    everything = analysis.summarize(batch, as_of=late, policy=policy.BEKASI_2020,
                                    handed_over=START)  # fmt: skip
    reconciliation = batch.reconcile()
    assert {Bucket(r["bucket"]): r["documents"] for r in everything.by_bucket} == (
        reconciliation.by_bucket
    )
    assert sum(r["documents"] for r in summary.by_bucket) == reconciliation.total
    received = sum(r["documents"] for r in summary.by_bucket if Bucket(r["bucket"]).received)
    assert received <= reconciliation.delivered + reconciliation.collected


def _small_batch():
    people = synthetic.population(400, regency="3216", seed=8)
    adults = [r for r in people.residents if r.age(on=people.as_of) >= 17]
    return synthetic.batch(adults, seed=8)


def test_the_completion_forecast_is_a_seeded_range():
    batch = _small_batch()
    kwargs = {"policy": policy.BEKASI_2020, "start": START, "runs": 8, "couriers_per_office": 1}
    forecast = simulation.forecast_completion(batch, seed=1, **kwargs)
    assert forecast.p10 is not None
    assert forecast.p90 is not None
    assert START < forecast.p10 <= forecast.p50 <= forecast.p90
    assert forecast == simulation.forecast_completion(batch, seed=1, **kwargs)
    assert forecast.p90 == max(d for d in forecast.finishes if d is not None)
    offices = {s.address.district_code for s in batch.shipments}
    assert set(forecast.by_office) == offices
    for p10, p50, p90 in forecast.by_office.values():
        assert p10 is not None
        assert p10 <= p50 <= p90 <= forecast.p90
    assert forecast.records()[0]["office"] == "all"
    assert forecast.assumptions["success_observed"] is False  # nothing observed yet
    # Midway, the observed success rates are the assumption, and the range starts later.
    run = simulation.simulate(batch, policy=policy.BEKASI_2020, start=START, seed=2,
                              couriers_per_office=1)  # fmt: skip
    midway = run.days[len(run.days) // 2 - 1].day
    later = simulation.forecast_completion(
        run.batch.until(midway), seed=1, **{**kwargs, "start": midway}
    )
    assert later.p10 is not None
    assert later.p10 >= midway
    assert later.assumptions["success_observed"] is True


def test_a_forecast_run_is_the_simulation_with_its_seed():
    """The forecast runs the simulation without keeping its event log: each run still ends
    where simulate() with the same seed and outcomes ends."""
    batch = _small_batch()
    model = simulation.observed_outcomes(batch)
    forecast = simulation.forecast_completion(batch, policy=policy.BEKASI_2020, start=START,
                                              runs=3, seed=5, couriers_per_office=1)  # fmt: skip
    for run, finish in enumerate(forecast.finishes):
        alone = simulation.simulate(batch, policy=policy.BEKASI_2020, start=START,
                                    seed=random.Random(f"5:{run}"), couriers_per_office=1,
                                    outcomes=model)  # fmt: skip
        assert alone.events  # simulate keeps its log
        assert finish == alone.finished


def test_observed_outcomes_and_couriers_for_a_target():
    batch = _small_batch()
    run = simulation.simulate(batch, policy=policy.BEKASI_2020, start=START, seed=2,
                              couriers_per_office=1)  # fmt: skip
    observed = simulation.observed_outcomes(run.batch)
    assert 0.7 < observed.success < 0.95
    assert set(observed.success_by_district) <= {s.address.district_code for s in batch.shipments}
    kwargs = {"policy": policy.BEKASI_2020, "start": START, "runs": 4, "max_couriers": 8}
    assert simulation.couriers_for_target(batch, target=START, **kwargs) is None
    enough = simulation.couriers_for_target(batch, target=dt.date(2020, 6, 30), **kwargs)
    assert enough == 1
    with pytest.raises(ValidationError) as info:
        simulation.couriers_for_target(batch, target=START, quantile=0.7, **kwargs)
    assert info.value.code == "choice"


@st.composite
def split_batches(draw):
    """A generated batch with events, and its shipments dealt into 1-4 parts (each document
    with the first shipment that carries it; documents in none, anywhere)."""
    batch = draw(strategies.batches(max_size=12))
    parts = draw(st.integers(1, 4))
    where = {s.tracking_number: draw(st.integers(0, parts - 1)) for s in batch.shipments}
    carrier = {}
    for shipment in sorted(batch.shipments, key=lambda s: s.tracking_number):
        for document in shipment.documents:
            carrier.setdefault(document.id, where[shipment.tracking_number])
    pieces = []
    for k in range(parts):
        documents = [d for d in batch.documents
                     if carrier.get(d.id, draw(st.integers(0, parts - 1))) == k]  # fmt: skip
        shipments = [s for s in batch.shipments if where[s.tracking_number] == k]
        pieces.append(attrs.evolve(batch, documents=documents, shipments=shipments))
    return batch, pieces


@settings(deadline=None, max_examples=60)
@given(case=split_batches(), language=st.sampled_from(["id", "en"]))
def test_summaries_of_parts_merge_into_the_summary_of_the_whole(case, language):
    whole, pieces = case
    kwargs = {"as_of": dt.date(2020, 4, 30), "policy": policy.BEKASI_2020,
              "handed_over": START, "language": language}  # fmt: skip
    parts = [analysis.summarize(p, **kwargs) for p in pieces]
    merged = analysis.merge(parts)
    assert merged.total == len(whole.documents)
    expected = analysis.summarize(whole, **kwargs)
    assert merged == expected
    # Any grouping: a tree of merges gives the same.
    if len(parts) > 2:
        assert analysis.merge([analysis.merge(parts[:2]), analysis.merge(parts[2:])]) == expected


def test_the_received_documents_by_recipient():
    """The recipients table counts every received document once, by who received it; under
    a policy with village-office areas, village officials among them."""
    from adminduk_delivery.shipments import RecipientKind

    batch, run = campaign(300, 8)
    area = sorted({s.address.village_code[:6] for s in batch.shipments})[0]
    water = attrs.evolve(policy.BEKASI_2020, village_office_areas=(area,))
    for pol, plain in ((policy.BEKASI_2020, run), (water, None)):
        done = plain or simulation.simulate(batch, policy=pol, start=START, seed=8,
                                            couriers_per_office=1)  # fmt: skip
        s = analysis.summarize(done.batch, as_of=dt.date(2020, 6, 30), policy=pol,
                               handed_over=START, language="en")  # fmt: skip
        received = sum(r["documents"] for r in s.by_bucket if Bucket(r["bucket"]).received)
        assert s.received == received
        assert sum(r["documents"] for r in s.recipients) == received > 0
        counts = [r["documents"] for r in s.recipients]
        assert counts == sorted(counts, reverse=True)
        kinds = {r["recipient"] for r in s.recipients}
        assert (RecipientKind.VILLAGE_OFFICIAL.value in kinds) == (pol is water)
        assert "received by: " in s.report()
        assert s.records()["recipients"] == s.recipients


def test_a_summary_written_before_the_recipients_table():
    """A summary file without the table reads (an empty table); merged with newer ones,
    the whole's table is unknown (empty) rather than short; a table that miscounts is
    refused."""
    from adminduk_delivery import serialization

    _batch, run = campaign(120, 9)
    kwargs = {"as_of": dt.date(2020, 6, 30), "policy": policy.BEKASI_2020, "handed_over": START}
    s = analysis.summarize(run.batch, **kwargs)
    document = serialization.to_dict(s)
    del document["data"]["recipients"]
    old = serialization.from_dict(document)
    assert old.recipients == []
    assert analysis.merge([old, s]).recipients == []
    assert analysis.merge([s]).recipients == s.recipients
    short = [{**s.recipients[0], "documents": s.recipients[0]["documents"] - 1}]
    with pytest.raises(ValidationError) as info:
        attrs.evolve(s, recipients=short + s.recipients[1:])
    assert (info.value.field, info.value.code) == ("recipients", "inconsistent")


def test_merge_refuses_what_does_not_add_up():
    batch = _small_batch()
    one = analysis.summarize(batch, as_of=START, policy=policy.BEKASI_2020, handed_over=START)
    other = analysis.summarize(batch, as_of=dt.date(2020, 3, 21), policy=policy.BEKASI_2020,
                               handed_over=START)  # fmt: skip
    with pytest.raises(ValidationError) as info:
        analysis.merge([one, other])
    assert info.value.code == "mismatch"
    with pytest.raises(ValidationError) as info:
        analysis.merge([])
    assert info.value.code == "empty"
