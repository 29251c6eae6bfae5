"""The shipment lifecycle: one transition table, events folded sans-I/O."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from adminduk_delivery import shipments, strategies
from adminduk_delivery.errors import TransitionError, ValidationError
from adminduk_delivery.shipments import (
    FAILURE_REASONS,
    TRANSITIONS,
    FailureReason,
    Recipient,
    RecipientKind,
    Shipment,
    ShipmentEvent,
)
from adminduk_delivery.shipments import ShipmentStatus as S

from .helpers import NIK_F, home, make_document, wib


def new_shipment() -> Shipment:
    return Shipment(tracking_number="RR123456785ID", documents=[make_document()], address=home())


def event(status: S, hour: int, **kwargs) -> ShipmentEvent:
    if status in (S.DELIVERED, S.COLLECTED) and "recipient" not in kwargs:
        kwargs["recipient"] = Recipient(kind=RecipientKind.OWNER)
    if status in (S.ATTEMPT_FAILED, S.WITHDRAWN) and "reason" not in kwargs:
        kwargs["reason"] = FailureReason.DAMAGED
    return ShipmentEvent(status=status, at=wib(2020, 3, 20, hour), **kwargs)


HAPPY_PATH = [S.HANDED_OVER, S.IN_TRANSIT, S.AT_DELIVERY_OFFICE, S.OUT_FOR_DELIVERY, S.DELIVERED]


def test_the_table_is_complete_and_closed():
    """Every status has a row; every target is a status; terminal ones have no way out."""
    assert set(TRANSITIONS) == set(S)
    terminal = {s for s in S if s.is_terminal}
    assert terminal == {S.DELIVERED, S.COLLECTED, S.RETURNED, S.WITHDRAWN, S.RECALLED}
    reachable = {S.CREATED}
    frontier = [S.CREATED]
    while frontier:
        for target in TRANSITIONS[frontier.pop()]:
            if target not in reachable:
                reachable.add(target)
                frontier.append(target)
    assert reachable == set(S)


def test_happy_path():
    """Handed over, in transit, at the office, out, delivered."""
    shipment = new_shipment()
    for hour, status in enumerate(HAPPY_PATH, start=8):
        shipment = shipments.apply(shipment, event(status, hour))
    assert shipment.status is S.DELIVERED
    assert shipment.is_terminal
    assert shipment.attempts == 1
    assert shipment.event_at(S.DELIVERED) == wib(2020, 3, 20, 12)


def test_failed_attempt_then_reattempt():
    """Antar ulang: out again after a failed attempt; reasons are kept."""
    shipment = shipments.apply_all(
        new_shipment(),
        [event(S.HANDED_OVER, 8), event(S.AT_DELIVERY_OFFICE, 9), event(S.OUT_FOR_DELIVERY, 10),
         event(S.ATTEMPT_FAILED, 11, reason=FailureReason.RECIPIENT_ABSENT),
         event(S.OUT_FOR_DELIVERY, 12), event(S.DELIVERED, 13)],
    )  # fmt: skip
    assert shipment.attempts == 2
    assert [e.reason for e in shipment.failed_attempts] == [FailureReason.RECIPIENT_ABSENT]


@pytest.mark.parametrize(
    ("history", "bad", "code"),
    [
        ([], S.DELIVERED, "illegal"),
        ([S.HANDED_OVER], S.COLLECTED, "illegal"),
        (HAPPY_PATH, S.RETURNING, "terminal"),
        ([S.WITHDRAWN], S.HANDED_OVER, "terminal"),
    ],
)
def test_illegal_steps_raise_and_change_nothing(history, bad, code):
    """A step not in the table raises TransitionError; the shipment stays as it was."""
    shipment = shipments.apply_all(new_shipment(), [event(s, 8 + i) for i, s in enumerate(history)])
    before = shipment
    with pytest.raises(TransitionError) as info:
        shipments.apply(shipment, event(bad, 20))
    assert info.value.code == code
    assert (info.value.to_status, shipment) == (bad.value, before)


def test_duplicates_are_ignored_and_old_events_refused():
    """The same event twice changes nothing; an older event is out of order."""
    shipment = shipments.apply(new_shipment(), event(S.HANDED_OVER, 9))
    assert shipments.apply(shipment, event(S.HANDED_OVER, 9)) is shipment
    with pytest.raises(TransitionError) as info:
        shipments.apply(shipment, event(S.IN_TRANSIT, 8))
    assert info.value.code == "out_of_order"


_ANY_EVENTS = st.lists(
    st.tuples(st.sampled_from(list(S)), st.integers(8, 20)).map(lambda pair: event(*pair)),
    max_size=12,
)


def _fold_one_by_one(shipment: Shipment, events: list[ShipmentEvent]) -> Shipment:
    for each in events:
        shipment = shipments.apply(shipment, each)
    return shipment


@given(events=_ANY_EVENTS)
def test_apply_all_is_apply_one_by_one(events):
    """Property: apply_all (which builds the shipment once) answers as apply event by event
    does: the same shipment, or the same error for the first event that does not fit, and a
    duplicate anywhere changes nothing."""
    try:
        expected: Shipment | str = _fold_one_by_one(new_shipment(), events)
    except TransitionError as error:
        expected = error.code
    try:
        got: Shipment | str = shipments.apply_all(new_shipment(), events)
    except TransitionError as error:
        got = error.code
    assert got == expected


def test_apply_all_without_news_returns_the_shipment():
    """Events already in the history leave the very shipment."""
    shipment = shipments.apply_all(new_shipment(), [event(S.HANDED_OVER, 8)])
    assert shipments.apply_all(shipment, [event(S.HANDED_OVER, 8)]) is shipment
    assert shipments.apply_all(shipment, []) is shipment


@given(history=strategies.shipment_histories(), status=st.sampled_from(list(S)),
       hour=st.integers(0, 23), day=st.integers(0, 400))  # fmt: skip
def test_check_transition_answers_as_apply(history, status, hour, day):
    """Property: for an event not yet in a shipment's history, check_transition on the
    shipment's status and last time raises exactly where apply raises, with its code."""
    shipment = shipments.apply_all(new_shipment(), history)
    start = history[0].at if history else wib(2020, 3, 20, 8)
    new = event(status, 0)
    new = ShipmentEvent(
        status=new.status, reason=new.reason, recipient=new.recipient,
        at=start.replace(hour=hour) + dt.timedelta(days=day),
    )  # fmt: skip
    if new in history:
        return
    last = shipment.last_event.at if shipment.last_event else None
    try:
        shipments.apply(shipment, new)
        expected = None
    except TransitionError as error:
        expected = error.code
    try:
        shipments.check_transition(shipment.status.value, new, last_at=last)
        got = None
    except TransitionError as error:
        got = error.code
    assert got == expected


def test_check_transition_refuses_what_is_not_a_step():
    """Wrong types and a naive last time are refused with field and code."""
    with pytest.raises(ValidationError) as info:
        shipments.check_transition("lost", event(S.HANDED_OVER, 9))
    assert (info.value.field, info.value.code) == ("status", "choice")
    with pytest.raises(ValidationError) as info:
        shipments.check_transition(S.CREATED, event(S.HANDED_OVER, 9),
                                   last_at=dt.datetime(2020, 3, 20, 8))  # fmt: skip
    assert (info.value.field, info.value.code) == ("last_at", "naive_datetime")
    with pytest.raises(ValidationError) as info:
        shipments.check_transition(S.CREATED, "handed_over")  # type: ignore[arg-type]
    assert (info.value.field, info.value.code) == ("event", "type")


def test_require_distinct_keeps_the_order_and_names_the_repeats():
    """A tracking number twice is refused (code duplicate, under the caller's field); the
    rest comes back as given."""
    first = new_shipment()
    second = Shipment(tracking_number="RR123456771ID", documents=[make_document()],
                      address=home())  # fmt: skip
    assert shipments.require_distinct([second, first]) == (second, first)
    with pytest.raises(ValidationError) as info:
        shipments.require_distinct([first, second, first], field="batch")
    assert (info.value.field, info.value.code) == ("batch", "duplicate")
    assert "RR123456785ID" in str(info.value)


def test_events_need_what_their_step_needs():
    """Reasons for failures and withdrawals, recipients for deliveries, aware timestamps."""
    at = wib(2020, 3, 20, 9)
    with pytest.raises(ValidationError):
        ShipmentEvent(status=S.ATTEMPT_FAILED, at=at)
    with pytest.raises(ValidationError):
        ShipmentEvent(status=S.DELIVERED, at=at)
    with pytest.raises(ValidationError):
        ShipmentEvent(status=S.IN_TRANSIT, at=at, recipient=Recipient(kind=RecipientKind.OWNER))
    with pytest.raises(ValidationError) as info:
        ShipmentEvent(status=S.HANDED_OVER, at=dt.datetime(2020, 3, 20, 9))
    assert info.value.code == "naive_datetime"


def test_a_given_history_must_be_legal():
    """A shipment built with a whole history replays it."""
    with pytest.raises(TransitionError):
        Shipment(tracking_number="RR123456785ID", documents=[make_document()], address=home(),
                 events=[event(S.DELIVERED, 9)])  # fmt: skip
    with pytest.raises(ValidationError):
        Shipment(tracking_number="RR123456784ID", documents=[make_document()], address=home())
    with pytest.raises(ValidationError):
        Shipment(tracking_number="RR123456785ID", documents=[], address=home())
    doc = make_document()
    with pytest.raises(ValidationError):
        Shipment(tracking_number="RR123456785ID", documents=[doc, doc], address=home())


def test_the_service_code_is_text():
    """The courier's service code is free text, kept without surrounding spaces; anything
    else is refused (it was kept as it was given, a number or None too)."""
    made = Shipment(tracking_number="RR123456785ID", documents=[make_document()],
                    address=home(), service=" PKH ")  # fmt: skip
    assert made.service == "PKH"
    for bad in (None, 7, b"PKH"):
        with pytest.raises(ValidationError) as info:
            Shipment(tracking_number="RR123456785ID", documents=[make_document()],
                     address=home(), service=bad)  # fmt: skip
        assert (info.value.field, info.value.code) == ("service", "type")


def test_reasons_have_properties_and_terminality():
    """Every reason has its row; moved/deceased/refused are terminal; withdrawal reasons and
    reasons nobody collects for are never held."""
    assert set(FAILURE_REASONS) == set(FailureReason)
    assert not any(r.properties.holdable for r in FailureReason if r.properties.withdrawal)
    assert {r for r in FailureReason if r.terminal} >= {
        FailureReason.MOVED,
        FailureReason.DECEASED,
        FailureReason.REFUSED,
    }
    assert not FailureReason.RECIPIENT_ABSENT.terminal


def test_recipient_repr_masks():
    """A recipient's NIK and name are masked."""
    text = repr(Recipient(kind=RecipientKind.HOUSEHOLD_MEMBER, nik=NIK_F, name="Siti Aminah"))
    assert NIK_F not in text
    assert "Aminah" not in text
    assert "nik=None" in repr(Recipient(kind=RecipientKind.OWNER))


def test_mermaid_diagram_covers_the_table():
    """The generated diagram has one arrow per step of the table."""
    text = shipments.lifecycle_mermaid()
    arrows = sum(len(targets) for targets in TRANSITIONS.values())
    assert text.count(" --> ") == arrows + 1 + sum(s.is_terminal for s in S)


@given(history=strategies.shipment_histories())
def test_generated_histories_are_legal(history):
    """Property: every generated history builds a shipment, event by event."""
    shipment = shipments.apply_all(new_shipment(), history)
    assert shipment.events == history
    assert Shipment(
        tracking_number="RR123456785ID", documents=[make_document()], address=home(),
        events=history,
    ) == shipment  # fmt: skip


class ShipmentMachine(RuleBasedStateMachine):
    """Random events, legal or not, against one shipment and the table."""

    def __init__(self) -> None:
        super().__init__()
        self.shipment = new_shipment()
        self.clock = wib(2020, 3, 20, 8)

    @rule(status=st.sampled_from(list(S)), minutes=st.integers(0, 600), data=st.data())
    def any_event(self, status, minutes, data):
        target = status
        self.clock += dt.timedelta(minutes=minutes)
        reason = data.draw(st.sampled_from(list(FailureReason)))
        recipient = Recipient(kind=RecipientKind.OWNER)
        needs_recipient = target in (S.DELIVERED, S.COLLECTED)
        new_event = ShipmentEvent(
            status=target, at=self.clock, reason=reason,
            recipient=recipient if needs_recipient else None,
        )  # fmt: skip
        before = self.shipment
        if new_event in before.events:
            assert shipments.apply(before, new_event) is before
            return
        legal = not before.is_terminal and target in TRANSITIONS[before.status]
        try:
            self.shipment = shipments.apply(before, new_event)
        except TransitionError:
            assert not legal
            assert self.shipment is before
        else:
            assert legal
            assert self.shipment.status is target

    @precondition(lambda self: self.shipment.events)
    @rule()
    def resend_last_event(self):
        last = self.shipment.events[-1]
        assert shipments.apply(self.shipment, last) is self.shipment

    @invariant()
    def history_is_monotonic_and_legal(self):
        times = [e.at for e in self.shipment.events]
        assert times == sorted(times)
        status = S.CREATED
        for e in self.shipment.events:
            assert e.status in TRANSITIONS[status]
            status = e.status

    @invariant()
    def repr_has_no_personal_data(self):
        assert NIK_F not in repr(self.shipment)


TestShipmentMachine = ShipmentMachine.TestCase
