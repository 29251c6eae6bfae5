"""Shipments and their lifecycle, as one transition table (sans-I/O).

A shipment carries one or more documents to one household address. Its life is a sequence of
events reported by the courier; the library decides whether each event is a legal next step
and folds it into the shipment. The caller stores the events and feeds them in; nothing here
reads a clock, a database or the network.

The lifecycle
-------------
Every status and every legal step between statuses is in :data:`TRANSITIONS`, and nowhere
else. A shipment is **created** when the Dinas packs it, **handed over** to the courier
(serah terima), moves **in transit** to the **delivery office** (a Pos KPC), goes **out for
delivery**, and is then either **delivered** (to whom, with what proof) or its **attempt
fails** (with a normalised reason). After a failed attempt it goes out again (antar ulang),
back to the office, is **held for pickup**, or starts **returning** to the issuer, where it is
**returned**. Before dispatch an item can be **withdrawn** (damaged, double-printed); at any
time before the end the issuer can **recall** it. Delivered, collected, returned, withdrawn and
recalled are terminal.

The rules for events that do not fit (each raises :class:`~adminduk_delivery.errors.TransitionError`
and leaves the shipment unchanged, except duplicates):

- **duplicates**: an event equal to one already in the history is ignored (couriers resend);
- **after a terminal status**: refused (``code="terminal"``);
- **out of order**: an event older than the last one is refused (``code="out_of_order"``);
  sort a courier's feed by time before applying it (:mod:`adminduk_delivery.batches` does);
- **illegal steps**: refused (``code="illegal"``);
- **incomplete events**: a failed attempt or a withdrawal without a reason, a delivery or
  collection without a recipient, are refused when the event is built (a ``ValidationError``).

>>> import datetime as dt
>>> from adminduk_delivery import shipments
>>> from adminduk_delivery.shipments import ShipmentStatus as S
>>> S.CREATED in shipments.TRANSITIONS[S.RETURNING]
False
>>> sorted(s.value for s in shipments.TRANSITIONS[S.OUT_FOR_DELIVERY])
['attempt_failed', 'delivered', 'recalled']
"""

from __future__ import annotations

import datetime as dt
import enum
from collections import Counter
from collections.abc import Iterable
from typing import Final

import attrs

from . import nik as _nik
from . import tracking as _tracking
from ._convert import date_value, enum_member, frozenset_of, instance_validator, text, tuple_of
from ._identifiers import mask_for_repr
from .address import Address
from .documents import Document
from .errors import InvalidType, TransitionError, ValidationError
from .residents import mask_name

__all__ = [
    "FAILURE_REASONS",
    "STATUSES",
    "TRANSITIONS",
    "FailureReason",
    "Proof",
    "ReasonProperties",
    "Recipient",
    "RecipientKind",
    "Shipment",
    "ShipmentEvent",
    "ShipmentStatus",
    "StatusProperties",
    "apply",
    "apply_all",
    "check_transition",
    "lifecycle_mermaid",
    "require_distinct",
]


class ShipmentStatus(enum.Enum):
    """Where a shipment is in its life."""

    __hash__ = object.__hash__  # identity, as DocumentKind (transitions look statuses up)

    CREATED = "created"
    HANDED_OVER = "handed_over"
    IN_TRANSIT = "in_transit"
    AT_DELIVERY_OFFICE = "at_delivery_office"
    OUT_FOR_DELIVERY = "out_for_delivery"
    ATTEMPT_FAILED = "attempt_failed"
    HELD_FOR_PICKUP = "held_for_pickup"
    RETURNING = "returning"
    DELIVERED = "delivered"
    COLLECTED = "collected"
    RETURNED = "returned"
    WITHDRAWN = "withdrawn"
    RECALLED = "recalled"

    @property
    def properties(self) -> StatusProperties:
        """What the status means (a row of :data:`STATUSES`)."""
        return STATUSES[self]

    @property
    def is_terminal(self) -> bool:
        """No step leads out of it (read from :data:`TRANSITIONS`)."""
        return not TRANSITIONS[self]

    @property
    def received(self) -> bool:
        """The documents reached a person: delivered at the door or collected at a counter."""
        return STATUSES[self].received


_S = ShipmentStatus
_RECALLABLE: Final = frozenset({_S.RECALLED})

TRANSITIONS: Final[dict[ShipmentStatus, frozenset[ShipmentStatus]]] = {
    _S.CREATED: frozenset({_S.HANDED_OVER, _S.WITHDRAWN}) | _RECALLABLE,
    _S.HANDED_OVER: frozenset(
        {_S.IN_TRANSIT, _S.AT_DELIVERY_OFFICE, _S.OUT_FOR_DELIVERY, _S.WITHDRAWN, _S.RETURNING}
    )
    | _RECALLABLE,
    _S.IN_TRANSIT: frozenset({_S.IN_TRANSIT, _S.AT_DELIVERY_OFFICE, _S.RETURNING}) | _RECALLABLE,
    _S.AT_DELIVERY_OFFICE: frozenset(
        {
            _S.AT_DELIVERY_OFFICE,
            _S.OUT_FOR_DELIVERY,
            _S.HELD_FOR_PICKUP,
            _S.IN_TRANSIT,
            _S.RETURNING,
        }
    )
    | _RECALLABLE,
    _S.OUT_FOR_DELIVERY: frozenset({_S.DELIVERED, _S.ATTEMPT_FAILED}) | _RECALLABLE,
    _S.ATTEMPT_FAILED: frozenset(
        {_S.OUT_FOR_DELIVERY, _S.AT_DELIVERY_OFFICE, _S.HELD_FOR_PICKUP, _S.RETURNING}
    )
    | _RECALLABLE,
    _S.HELD_FOR_PICKUP: frozenset({_S.COLLECTED, _S.OUT_FOR_DELIVERY, _S.RETURNING}) | _RECALLABLE,
    _S.RETURNING: frozenset({_S.RETURNING, _S.RETURNED}),
    _S.DELIVERED: frozenset(),
    _S.COLLECTED: frozenset(),
    _S.RETURNED: frozenset(),
    _S.WITHDRAWN: frozenset(),
    _S.RECALLED: frozenset(),
}
"""Every legal step: ``TRANSITIONS[from_status]`` is the set of statuses an event may move a
shipment to. A status with no steps is terminal. ``IN_TRANSIT``, ``AT_DELIVERY_OFFICE`` and
``RETURNING`` may repeat (every scan on the way is an event; Pos scans an item again at its
delivery office)."""


@attrs.frozen(kw_only=True)
class StatusProperties:
    """What is true of a status, beside the steps out of it (which :data:`TRANSITIONS` holds).

    Attributes:
        received: the documents reached a person (delivered or collected); a received
            document is done for reconciliation, SLA and cost.
        needs_reason: an event to this status must say why (a failed attempt, a withdrawal).
        needs_recipient: an event to this status must say who received (a delivery or a
            collection); no other event may carry a recipient.
    """

    received: bool = False
    needs_reason: bool = False
    needs_recipient: bool = False


STATUSES: Final[dict[ShipmentStatus, StatusProperties]] = {
    _S.CREATED: StatusProperties(),
    _S.HANDED_OVER: StatusProperties(),
    _S.IN_TRANSIT: StatusProperties(),
    _S.AT_DELIVERY_OFFICE: StatusProperties(),
    _S.OUT_FOR_DELIVERY: StatusProperties(),
    _S.ATTEMPT_FAILED: StatusProperties(needs_reason=True),
    _S.HELD_FOR_PICKUP: StatusProperties(),
    _S.RETURNING: StatusProperties(),
    _S.DELIVERED: StatusProperties(received=True, needs_recipient=True),
    _S.COLLECTED: StatusProperties(received=True, needs_recipient=True),
    _S.RETURNED: StatusProperties(),
    _S.WITHDRAWN: StatusProperties(needs_reason=True),
    _S.RECALLED: StatusProperties(),
}
"""Every status with what it means: the lifecycle's facts beside :data:`TRANSITIONS`, in one
place. Terminality is not a column: a status is terminal when no step leads out of it."""


@attrs.frozen(kw_only=True)
class ReasonProperties:
    """What a failure reason means for the lifecycle (labels: :mod:`~adminduk_delivery.labels`).

    Attributes:
        terminal: the remaining attempts are pointless (moved, deceased, refused, ...).
        holdable: after the last attempt the item may wait at the post office for the
            resident to collect it (nobody collects for a deceased or moved resident, nor a
            damaged or double-printed card).
        withdrawal: a reason to take an item out before it is dispatched (damaged, double
            printed).
    """

    terminal: bool
    holdable: bool = True
    withdrawal: bool = False


class FailureReason(enum.Enum):
    """Why an attempt failed, or why an item was withdrawn or returned (normalised)."""

    ADDRESS_NOT_FOUND = "address_not_found"
    ADDRESS_INCOMPLETE = "address_incomplete"
    RECIPIENT_ABSENT = "recipient_absent"
    MOVED = "moved"
    DECEASED = "deceased"
    REFUSED = "refused"
    PHONE_UNREACHABLE = "phone_unreachable"
    RECIPIENT_NOT_ELIGIBLE = "recipient_not_eligible"
    OLD_CARD_NOT_SURRENDERED = "old_card_not_surrendered"
    AREA_INACCESSIBLE = "area_inaccessible"
    AREA_CLEARED = "area_cleared"
    MISROUTED = "misrouted"
    DAMAGED = "damaged"
    DUPLICATE_PRINT = "duplicate_print"
    UNCLAIMED = "unclaimed"
    FORCE_MAJEURE = "force_majeure"

    @property
    def properties(self) -> ReasonProperties:
        """What the reason means (a row of :data:`FAILURE_REASONS`)."""
        return FAILURE_REASONS[self]

    @property
    def terminal(self) -> bool:
        """Whether the remaining attempts are pointless (moved, deceased, refused, ...)."""
        return FAILURE_REASONS[self].terminal


_R = FailureReason
_GONE: Final = ReasonProperties(terminal=True, holdable=False)
FAILURE_REASONS: Final[dict[FailureReason, ReasonProperties]] = {
    _R.ADDRESS_NOT_FOUND: ReasonProperties(terminal=False),
    _R.ADDRESS_INCOMPLETE: ReasonProperties(terminal=False),
    _R.RECIPIENT_ABSENT: ReasonProperties(terminal=False),
    _R.MOVED: _GONE,
    _R.DECEASED: _GONE,
    _R.REFUSED: ReasonProperties(terminal=True),
    _R.PHONE_UNREACHABLE: ReasonProperties(terminal=False),
    _R.RECIPIENT_NOT_ELIGIBLE: ReasonProperties(terminal=False),
    _R.OLD_CARD_NOT_SURRENDERED: ReasonProperties(terminal=False),
    _R.AREA_INACCESSIBLE: ReasonProperties(terminal=False),
    _R.AREA_CLEARED: _GONE,
    _R.MISROUTED: ReasonProperties(terminal=False),
    _R.DAMAGED: ReasonProperties(terminal=True, holdable=False, withdrawal=True),
    _R.DUPLICATE_PRINT: ReasonProperties(terminal=True, holdable=False, withdrawal=True),
    _R.UNCLAIMED: _GONE,
    _R.FORCE_MAJEURE: ReasonProperties(terminal=False),
}
"""Every failure reason with what it means for the lifecycle: whether it ends the attempts,
whether the item may then be held for pickup, whether it is a reason to withdraw an item."""


class RecipientKind(enum.Enum):
    """Who took the document at the door or the counter."""

    OWNER = "owner"
    HOUSEHOLD_MEMBER = "household_member"
    VILLAGE_OFFICIAL = "village_official"
    OTHER = "other"


class Proof(enum.Enum):
    """What the courier took as proof of delivery."""

    ID_SHOWN = "id_shown"
    PHOTO = "photo"
    SIGNATURE = "signature"
    OLD_CARD_SURRENDERED = "old_card_surrendered"


def _optional_nik(value: object) -> str | None:
    return None if value is None else _nik.validate(value, regions="none")


def _optional_name(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidType(f"a name is a string, got {type(value).__name__}", field="name")
    return " ".join(value.split()) or None


def _recipient_kind(value: object) -> RecipientKind:
    return enum_member(value, RecipientKind, field="kind")


def require_distinct(
    shipments: Iterable[Shipment], *, field: str = "shipments"
) -> tuple[Shipment, ...]:
    """``shipments`` as a tuple, refused where a tracking number appears twice: the one check
    of every collection of shipments (a batch's, and those given to routing, dispatch and
    fees, where a shipment given twice would be delivered or charged twice).

    Args:
        shipments: the shipments.
        field: the field the errors name (the caller's argument).

    Returns:
        The shipments, in the order given.

    Raises:
        InvalidType: not a collection of shipments.
        ValidationError: a tracking number twice (code ``duplicate``; the message names the
            first five).
    """
    shipments = tuple_of(shipments, Shipment, field=field)
    if len(shipments) < 2:
        return shipments
    numbers = Counter(s.tracking_number for s in shipments)
    if len(numbers) != len(shipments):
        duplicated = sorted(n for n, c in numbers.items() if c > 1)
        raise ValidationError(
            f"tracking numbers appear twice: {', '.join(duplicated[:5])}",
            field=field,
            code="duplicate",
        )
    return shipments


def _status(value: object) -> ShipmentStatus:
    return enum_member(value, ShipmentStatus, field="status")


def _optional_reason(value: object) -> FailureReason | None:
    return None if value is None else enum_member(value, FailureReason, field="reason")


def _proofs(value: Iterable[Proof]) -> frozenset[Proof]:
    return frozenset_of(value, Proof, field="proofs")


@attrs.frozen(kw_only=True)
class Recipient:
    """The person who received a shipment. NIK and name are masked in the repr.

    Attributes:
        kind: owner, household member, village official or other.
        nik: the recipient's NIK when recorded.
        name: the recipient's name when recorded.
        proofs: what the courier took as proof.
    """

    kind: RecipientKind = attrs.field(converter=_recipient_kind)
    nik: str | None = attrs.field(default=None, converter=_optional_nik, repr=mask_for_repr)
    name: str | None = attrs.field(
        default=None,
        converter=_optional_name,
        repr=lambda v: repr(None if v is None else mask_name(v)),
    )
    proofs: frozenset[Proof] = attrs.field(factory=frozenset, converter=_proofs)


def _aware(instance: object, attribute: attrs.Attribute[dt.datetime], value: object) -> None:
    _check_aware(value, field="at")


def _check_aware(value: object, *, field: str) -> None:
    """The one check of an event's time: a datetime with its time zone."""
    if not isinstance(value, dt.datetime):
        raise InvalidType(f"{field} must be a datetime, got {type(value).__name__}", field=field)
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError(
            f"{field} must be timezone-aware (couriers report in WIB, WITA or WIT)",
            field=field,
            code="naive_datetime",
        )


def _optional_text(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidType(f"expected a string, got {type(value).__name__}", field="text")
    return value.strip() or None


@attrs.frozen(kw_only=True)
class ShipmentEvent:
    """One thing that happened to a shipment, as the courier reported it.

    Attributes:
        status: the normalised status the event moves the shipment to.
        at: when it happened, timezone-aware.
        reason: why (required for a failed attempt or a withdrawal).
        recipient: who received it (required for a delivery or a collection).
        office: the reporting office (a Pos KPC code, a courier hub).
        raw_code, raw_text: the courier's own code and text, kept beside our status.

    Raises:
        ValidationError: a naive timestamp, a missing reason or recipient, or a recipient on
            an event that is not a delivery or collection.
    """

    status: ShipmentStatus = attrs.field(converter=_status)
    at: dt.datetime = attrs.field(validator=_aware)
    reason: FailureReason | None = attrs.field(
        default=None,
        converter=_optional_reason,
    )
    recipient: Recipient | None = attrs.field(
        default=None,
        validator=instance_validator(Recipient, optional=True),
    )
    office: str | None = attrs.field(default=None, converter=_optional_text)
    raw_code: str | None = attrs.field(default=None, converter=_optional_text)
    raw_text: str | None = attrs.field(default=None, converter=_optional_text)

    def __attrs_post_init__(self) -> None:
        needs = STATUSES[self.status]
        if needs.needs_reason and self.reason is None:
            raise ValidationError(
                f"a {self.status.value} event needs a reason", field="reason", code="required"
            )
        if needs.needs_recipient and self.recipient is None:
            raise ValidationError(
                f"a {self.status.value} event needs a recipient",
                field="recipient",
                code="required",
            )
        if self.recipient is not None and not needs.needs_recipient:
            raise ValidationError(
                f"a {self.status.value} event has no recipient",
                field="recipient",
                code="not_allowed",
            )


def _tracking_number(value: object) -> str:
    return _tracking.parse(value).value


def _documents(value: Iterable[Document]) -> tuple[Document, ...]:
    documents = tuple_of(value, Document, field="documents")
    if not documents:
        raise ValidationError("a shipment carries documents", field="documents", code="empty")
    ids = [d.id for d in documents]
    if len(set(ids)) != len(ids):
        raise ValidationError(
            "a document appears twice in the shipment", field="documents", code="duplicate"
        )
    return documents


def _events(value: Iterable[ShipmentEvent]) -> tuple[ShipmentEvent, ...]:
    return tuple_of(value, ShipmentEvent, field="events")


def _service(value: object) -> str:
    return text(value, field="service").strip()


@attrs.frozen(kw_only=True)
class Shipment:
    """One or more documents for one household address, and what has happened to them.

    Attributes:
        tracking_number: an S10 identifier or a domestic barcode (canonical form).
        documents: the documents inside, each once.
        address: where it goes.
        service: the courier's service code (free text, e.g. ``"PKH"`` or ``"EMS"``).
        events: the history, oldest first. Built through :func:`apply`, or given whole: a
            given history is replayed on construction and must be legal.

    Raises:
        ValidationError: for malformed fields.
        TransitionError: for a history that the transition table does not allow.
    """

    tracking_number: str = attrs.field(converter=_tracking_number)
    documents: tuple[Document, ...] = attrs.field(converter=_documents)
    address: Address = attrs.field(validator=instance_validator(Address))
    service: str = attrs.field(default="", converter=_service)
    events: tuple[ShipmentEvent, ...] = attrs.field(default=(), converter=_events)

    def __attrs_post_init__(self) -> None:
        status = ShipmentStatus.CREATED
        last: dt.datetime | None = None
        for event in self.events:
            _check_step(status, last, event)
            status, last = event.status, event.at

    @property
    def status(self) -> ShipmentStatus:
        """The status after the last event (``CREATED`` without events)."""
        return self.events[-1].status if self.events else ShipmentStatus.CREATED

    @property
    def last_event(self) -> ShipmentEvent | None:
        """The most recent event, if any."""
        return self.events[-1] if self.events else None

    @property
    def attempts(self) -> int:
        """Delivery attempts made: how often it went out for delivery."""
        return sum(e.status is ShipmentStatus.OUT_FOR_DELIVERY for e in self.events)

    @property
    def failed_attempts(self) -> tuple[ShipmentEvent, ...]:
        """The failed-attempt events, oldest first."""
        return tuple(e for e in self.events if e.status is ShipmentStatus.ATTEMPT_FAILED)

    @property
    def is_terminal(self) -> bool:
        """Delivered, collected, returned, withdrawn or recalled."""
        return self.status.is_terminal

    def until(self, day: dt.date) -> Shipment:
        """The shipment as it stood at the end of ``day``: its events after that day left out
        (each event's day in its own time zone).

        Args:
            day: the day.

        Returns:
            The shipment (itself when nothing is left out).

        Raises:
            InvalidType: ``day`` is not a date.
        """
        day = date_value(day, field="day")
        kept = tuple(e for e in self.events if e.at.date() <= day)
        if len(kept) == len(self.events):
            return self
        return attrs.evolve(self, events=kept)

    def event_at(self, status: ShipmentStatus) -> dt.datetime | None:
        """When the shipment first reached ``status``, if it did.

        Args:
            status: a status (or its value).

        Returns:
            The time of the first event to ``status``, or ``None``.

        Raises:
            ValidationError: ``status`` is not a status (code ``type`` or ``choice``).
        """
        status = enum_member(status, ShipmentStatus, field="status")
        return next((e.at for e in self.events if e.status is status), None)


_SHIPMENT_FIELDS: Final = tuple(f.name for f in attrs.fields(Shipment) if f.name != "events")


def _check_step(status: ShipmentStatus, last: dt.datetime | None, event: ShipmentEvent) -> None:
    allowed = TRANSITIONS[status]  # looked up once: every event of every shipment comes here
    if not allowed:
        raise TransitionError(
            f"the shipment is {status.value}: no {event.status.value} event after that",
            code="terminal",
            from_status=status.value,
            to_status=event.status.value,
        )
    if last is not None and event.at < last:
        raise TransitionError(
            f"a {event.status.value} event at {event.at.isoformat()} is older than the last "
            f"event at {last.isoformat()}",
            code="out_of_order",
            from_status=status.value,
            to_status=event.status.value,
        )
    if event.status not in allowed:
        raise TransitionError(
            f"no step from {status.value} to {event.status.value}",
            code="illegal",
            from_status=status.value,
            to_status=event.status.value,
        )


def check_transition(
    status: ShipmentStatus, event: ShipmentEvent, *, last_at: dt.datetime | None = None
) -> None:
    """Check that ``event`` may follow a shipment's ``status``, as :func:`apply` checks it:
    for a service that keeps each shipment's status and last time, not its whole history.

    Args:
        status: the shipment's status now (a :class:`ShipmentStatus` or its value).
        event: the new event.
        last_at: the time of the shipment's last event (``None`` without one); the event
            may not be older.

    Returns:
        ``None``: the step is legal.

    Raises:
        InvalidType: an argument of the wrong type.
        ValidationError: ``status`` is not a status (code ``choice``), ``last_at`` without
            a time zone (``naive_datetime``).
        TransitionError: the step is not in :data:`TRANSITIONS` (code ``illegal``), the
            status is terminal (``terminal``), or the event is older than ``last_at``
            (``out_of_order``).

    >>> import datetime as dt
    >>> at = dt.datetime(2020, 3, 23, 9, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    >>> check_transition("created", ShipmentEvent(status="handed_over", at=at))
    >>> try:
    ...     check_transition("delivered", ShipmentEvent(status="returning", at=at))
    ... except TransitionError as error:
    ...     print(error.code, error.from_status, error.to_status)
    terminal delivered returning
    """
    status = _status(status)
    if not isinstance(event, ShipmentEvent):
        raise InvalidType(f"event is a ShipmentEvent, got {type(event).__name__}", field="event")
    if last_at is not None:
        _check_aware(last_at, field="last_at")
    _check_step(status, last_at, event)


def apply(shipment: Shipment, event: ShipmentEvent) -> Shipment:
    """Fold one event into a shipment.

    Args:
        shipment: the shipment.
        event: the event, newer than (or as old as) the shipment's last one.

    Returns:
        The new shipment, or the same one for a duplicate of an event already in its history.

    Raises:
        InvalidType: ``shipment`` or ``event`` of the wrong type.
        TransitionError: the step is not in :data:`TRANSITIONS`, the shipment is terminal, or
            the event is older than the last one. The shipment is unchanged (it is immutable).
    """
    if not isinstance(shipment, Shipment):
        raise InvalidType(
            f"shipment is a Shipment, got {type(shipment).__name__}", field="shipment"
        )
    if not isinstance(event, ShipmentEvent):
        raise InvalidType(f"event is a ShipmentEvent, got {type(event).__name__}", field="event")
    if event in shipment.events:
        return shipment
    last = shipment.events[-1].at if shipment.events else None
    _check_step(shipment.status, last, event)
    return _extended(shipment, (*shipment.events, event))


def _extended(shipment: Shipment, events: tuple[ShipmentEvent, ...]) -> Shipment:
    """``shipment`` with ``events`` as its history, built without validating its fields and
    replaying the history again (attrs.evolve would, which made folding a long history
    quadratic and dominated a campaign simulation's time). Only for a history whose every
    step the caller has checked with :func:`_check_step`."""
    folded = object.__new__(Shipment)
    for name in _SHIPMENT_FIELDS:
        object.__setattr__(folded, name, getattr(shipment, name))
    object.__setattr__(folded, "events", events)
    return folded


def apply_all(shipment: Shipment, events: Iterable[ShipmentEvent]) -> Shipment:
    """Fold several events in the given order, as :func:`apply` one by one would, in time
    linear in the history (the shipment is built once).

    Args:
        shipment: the shipment.
        events: the events, oldest first.

    Returns:
        The shipment with every event folded in.

    Raises:
        InvalidType: arguments of the wrong type (``events`` must be a collection).
        TransitionError: as :func:`apply`, for the first event that does not fit.
    """
    if not isinstance(shipment, Shipment):
        raise InvalidType(
            f"shipment is a Shipment, got {type(shipment).__name__}", field="shipment"
        )
    history = list(shipment.events)
    status, last = shipment.status, (history[-1].at if history else None)
    for event in tuple_of(events, ShipmentEvent, field="events"):
        if last is not None and event.at <= last and event in history:
            continue  # a duplicate changes nothing, as with apply (a later event is none)
        _check_step(status, last, event)
        history.append(event)
        status, last = event.status, event.at
    if len(history) == len(shipment.events):
        return shipment
    return _extended(shipment, tuple(history))


def lifecycle_mermaid() -> str:
    """The lifecycle as a Mermaid state diagram, generated from :data:`TRANSITIONS`.

    The documentation's diagram is this text; a doctest keeps the two equal.

    Returns:
        The diagram's source text.

    Raises:
        Nothing: it reads only the transition table.
    """
    lines = ["stateDiagram-v2", f"    [*] --> {ShipmentStatus.CREATED.value}"]
    for status in ShipmentStatus:
        for target in sorted(TRANSITIONS[status], key=list(ShipmentStatus).index):
            lines.append(f"    {status.value} --> {target.value}")
        if status.is_terminal:
            lines.append(f"    {status.value} --> [*]")
    return "\n".join(lines)
