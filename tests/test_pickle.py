"""Every model pickles and unpickles equal: partitions of a distributed run (Dask workers
are separate processes) send them between processes."""

from __future__ import annotations

import datetime as dt
import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from adminduk_delivery import analysis, policy, routing
from adminduk_delivery import strategies as ads
from adminduk_delivery.errors import ValidationError

MODELS = st.one_of(
    ads.addresses(region="3216"),
    ads.phone_numbers(),
    ads.residents(),
    ads.households(),
    ads.documents(),
    ads.document_requests(),
    ads.shipments(),
    ads.batches(max_size=4),
    ads.policies(),
    ads.stops(coordinates=True),
    ads.recipients(),
)


@settings(max_examples=120, deadline=None)
@given(MODELS)
def test_models_pickle_and_unpickle_equal(model: object) -> None:
    assert pickle.loads(pickle.dumps(model)) == model


@settings(max_examples=20, deadline=None)
@given(ads.batches(max_size=6))
def test_results_pickle_and_unpickle_equal(batch) -> None:  # type: ignore[no-untyped-def]
    day = dt.date(2020, 4, 30)
    summary = analysis.summarize(batch, as_of=day, policy=policy.BEKASI_2020,
                                 handed_over=dt.date(2020, 3, 20))  # fmt: skip
    report = batch.reconcile()
    plan = routing.plan(routing.stops_from_shipments(batch.shipments), capacity=20)
    for result in (summary, report, plan):
        assert pickle.loads(pickle.dumps(result)) == result


def test_errors_pickle_with_their_codes() -> None:
    error = ValidationError("a message", field="nik", code="length")
    again = pickle.loads(pickle.dumps(error))
    assert (again.field, again.code, str(again)) == (error.field, error.code, str(error))
