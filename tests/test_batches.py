"""Batches: folding courier events and reconciling every document."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule

from adminduk_delivery import strategies
from adminduk_delivery.batches import AnomalyKind, Batch, TrackedEvent
from adminduk_delivery.documents import DocumentKind
from adminduk_delivery.errors import ValidationError
from adminduk_delivery.shipments import (
    TRANSITIONS,
    FailureReason,
    Recipient,
    RecipientKind,
    Shipment,
    ShipmentEvent,
)
from adminduk_delivery.shipments import ShipmentStatus as S

from .helpers import NIK_F, NIK_M, home, make_document, wib


def ev(number: str, status: S, hour: int, **kwargs) -> TrackedEvent:
    if status in (S.DELIVERED, S.COLLECTED):
        kwargs.setdefault("recipient", Recipient(kind=RecipientKind.OWNER))
    if status in (S.ATTEMPT_FAILED, S.WITHDRAWN):
        kwargs.setdefault("reason", FailureReason.DAMAGED)
    return TrackedEvent(
        tracking_number=number,
        event=ShipmentEvent(status=status, at=wib(2020, 3, 20, hour), **kwargs),
    )


A, B, C = "RR123456785ID", "RR000000014ID", "RR000000028ID"


def three_shipments() -> Batch:
    d1, d2, d3 = (make_document(f"B-{i}") for i in (1, 2, 3))
    suket = make_document("S-1", kind=DocumentKind.SUKET)
    return Batch(
        id="BKS-2020-03-20",
        documents=[d1, d2, d3, suket],
        shipments=[
            Shipment(tracking_number=A, documents=[d1, suket], address=home()),
            Shipment(tracking_number=B, documents=[d2], address=home()),
            Shipment(tracking_number=C, documents=[d3], address=home()),
        ],
    )


def test_fold_and_reconcile():
    """Events are folded oldest first; every document ends in exactly one bucket."""
    batch = three_shipments().fold(
        [
            ev(A, S.OUT_FOR_DELIVERY, 10), ev(A, S.HANDED_OVER, 8), ev(A, S.DELIVERED, 11),
            ev(B, S.HANDED_OVER, 8), ev(C, S.WITHDRAWN, 8),
        ]
    )  # fmt: skip
    r = batch.reconcile()
    assert r.balanced
    assert (r.total, r.delivered, r.withdrawn, r.open) == (4, 2, 1, 1)
    assert r.by_state == {"delivered": 2, "handed_over": 1, "withdrawn": 1}
    assert r.superseded_suket_ids == ("S-1",)
    assert [d.document_id for d in r.documents] == ["B-1", "B-2", "B-3", "S-1"]


def test_bad_events_become_anomalies_not_errors():
    """Unknown tracking numbers and illegal steps are recorded; nothing raises."""
    batch = three_shipments().fold(
        [ev(A, S.HANDED_OVER, 8), ev("XX999", S.DELIVERED, 9), ev(B, S.DELIVERED, 9),
         ev(A, S.HANDED_OVER, 8)]
    )  # fmt: skip
    kinds = [a.kind for a in batch.reconcile().anomalies]
    assert AnomalyKind.UNKNOWN_TRACKING_NUMBER in kinds
    assert AnomalyKind.REJECTED_EVENT in kinds
    rejected = [a for a in batch.rejected if a.kind is AnomalyKind.REJECTED_EVENT]
    assert [a.code for a in rejected] == ["illegal"]
    assert AnomalyKind.SHIPMENT_NOT_HANDED_OVER in kinds  # B and C were never handed over


def test_documents_in_two_shipments_and_unshipped_ones_are_reported():
    """A document in two shipments counts once; an unshipped one is open and reported."""
    d1, d2, d3 = (make_document(f"B-{i}") for i in (1, 2, 3))
    extra = make_document("X-9", owner=NIK_M)
    batch = Batch(
        id="b",
        documents=[d1, d2, d3],
        shipments=[
            Shipment(tracking_number=A, documents=[d1], address=home()),
            Shipment(tracking_number=B, documents=[d1, extra], address=home()),
        ],
    )
    r = batch.reconcile()
    assert r.balanced
    assert r.total == 3
    assert r.open == 3
    kinds = {a.kind for a in r.anomalies}
    assert {AnomalyKind.DOCUMENT_IN_TWO_SHIPMENTS, AnomalyKind.DOCUMENT_NOT_SHIPPED,
            AnomalyKind.UNLISTED_DOCUMENT} <= kinds  # fmt: skip
    assert r.by_state["not_shipped"] == 2


def test_batch_validates_its_lists():
    """Document ids and tracking numbers are unique within a batch."""
    d1 = make_document("B-1")
    with pytest.raises(ValidationError):
        Batch(id="b", documents=[d1, d1], shipments=[])
    s = Shipment(tracking_number=A, documents=[d1], address=home())
    with pytest.raises(ValidationError):
        Batch(id="b", documents=[d1], shipments=[s, s])


def test_reconciliation_never_shows_personal_data():
    """Anomaly messages and reprs carry ids and tracking numbers, never NIKs."""
    batch = three_shipments().fold([ev("XX", S.DELIVERED, 9), ev(A, S.RETURNED, 9)])
    r = batch.reconcile()
    assert NIK_F not in repr(r)
    assert NIK_F not in repr(batch)


@given(batch=strategies.batches())
def test_generated_batches_always_balance(batch):
    """Property: handed over = delivered + collected + returned + withdrawn + recalled + open."""
    r = batch.reconcile()
    assert r.balanced
    assert r.total == len(batch.documents)
    assert sum(r.by_state.values()) == r.total
    assert not [a for a in r.anomalies if a.kind is AnomalyKind.REJECTED_EVENT]


@given(batch=strategies.batches(min_size=1), seed=st.randoms(use_true_random=False))
def test_folding_is_order_independent_for_one_feed(batch, seed):
    """Property: the same feed in any order folds to the same batch (events are sorted)."""
    events = [
        TrackedEvent(tracking_number=s.tracking_number, event=e)
        for s in batch.shipments
        for e in s.events
    ]
    empty = Batch(
        id=batch.id,
        documents=batch.documents,
        shipments=[Shipment(tracking_number=s.tracking_number, documents=s.documents,
                            address=s.address) for s in batch.shipments],
    )  # fmt: skip
    shuffled = list(events)
    seed.shuffle(shuffled)
    # Equal timestamps keep input order, so shuffle only across distinct timestamps.
    shuffled.sort(key=lambda e: e.event.at)
    by_time = sorted(events, key=lambda e: e.event.at)
    if [e.event.at for e in shuffled] == [e.event.at for e in by_time] and len(
        {e.event.at for e in events}
    ) == len(events):
        assert empty.fold(shuffled) == empty.fold(by_time)


class BatchMachine(RuleBasedStateMachine):
    """Random events, legal or not, for known and unknown tracking numbers."""

    numbers = Bundle("numbers")

    def __init__(self) -> None:
        super().__init__()
        self.batch = three_shipments()
        self.clock = wib(2020, 3, 20, 8)
        self.sent = 0

    @rule(target=numbers, number=st.sampled_from([A, B, C, "RR999999995ID"]))
    def pick(self, number):
        return number

    @rule(number=numbers, status=st.sampled_from(list(S)), minutes=st.integers(0, 300))
    def send(self, number, status, minutes):
        self.clock += dt.timedelta(minutes=minutes)
        kwargs = {}
        if status in (S.DELIVERED, S.COLLECTED):
            kwargs["recipient"] = Recipient(kind=RecipientKind.OWNER)
        if status in (S.ATTEMPT_FAILED, S.WITHDRAWN):
            kwargs["reason"] = FailureReason.DUPLICATE_PRINT
        event = TrackedEvent(
            tracking_number=number, event=ShipmentEvent(status=status, at=self.clock, **kwargs)
        )
        before = self.batch.shipment(number)
        self.batch = self.batch.fold([event])
        if before is None or event.event not in before.events:
            self.sent += 1  # a resent duplicate is ignored by rule
        after = self.batch.shipment(number)
        if before is not None and after is not None and after != before:
            assert after.status is status
            assert status in TRANSITIONS[before.status]

    @invariant()
    def reconciliation_balances(self):
        r = self.batch.reconcile()
        assert r.balanced
        assert r.total == 4

    @invariant()
    def every_new_event_is_applied_or_recorded(self):
        applied = sum(len(s.events) for s in self.batch.shipments)
        assert applied + len(self.batch.rejected) == self.sent

    @invariant()
    def no_personal_data_in_reprs(self):
        assert NIK_F not in repr(self.batch.reconcile())


TestBatchMachine = BatchMachine.TestCase
TestBatchMachine.settings = settings(max_examples=50, stateful_step_count=30)
