"""Batches: what one handover to the courier contains, folded from events, and reconciled.

A batch is the list of documents handed to the courier in one *serah terima* (Kabupaten
Bekasi, 20 March 2020: 132,000 e-KTP) and the shipments that carry them. The courier's events
are folded in with :meth:`Batch.fold`; events that do not fit (unknown tracking numbers,
illegal steps) are never dropped silently: they become :class:`Anomaly` records.

:meth:`Batch.reconcile` accounts for every listed document in exactly one state, so that

    handed over = delivered + collected + returned + withdrawn + recalled + still open

holds always; documents that reached no shipment are open (*not shipped*) and reported.

>>> import datetime as dt
>>> from adminduk_delivery.address import Address
>>> from adminduk_delivery.batches import Batch, TrackedEvent
>>> from adminduk_delivery.documents import Document, DocumentKind
>>> from adminduk_delivery.shipments import Shipment, ShipmentEvent, ShipmentStatus as S
>>> card = Document(id="B-0001", kind=DocumentKind.KTP_EL, owner_nik="3216204107900003",
...                 issue_date=dt.date(2020, 3, 2))
>>> home = Address(village_code="3216202001", street="Jl. Kenanga", house_number="7", rt=1, rw=4)
>>> batch = Batch(id="BKS-2020-03-20", documents=[card],
...               shipments=[Shipment(tracking_number="RR123456785ID", documents=[card],
...                                   address=home)])
>>> wib = dt.timezone(dt.timedelta(hours=7))
>>> batch = batch.fold([TrackedEvent(tracking_number="RR123456785ID",
...     event=ShipmentEvent(status=S.HANDED_OVER, at=dt.datetime(2020, 3, 20, 9, tzinfo=wib)))])
>>> r = batch.reconcile()
>>> r.total, r.open, r.balanced
(1, 1, True)
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable
from typing import Final

import attrs

from ._convert import SEPARATORS, identifier, instance_validator, tuple_of
from .documents import Document, DocumentKind
from .errors import InvalidType, TransitionError, ValidationError
from .shipments import Shipment, ShipmentEvent, ShipmentStatus, apply

__all__ = [
    "Anomaly",
    "AnomalyKind",
    "Batch",
    "Bucket",
    "DocumentState",
    "Reconciliation",
    "TrackedEvent",
]


def _loose_tracking(value: object) -> str:
    """Tracking numbers in events are only normalised: an unknown one is an anomaly, not an
    error."""
    if not isinstance(value, str):
        raise InvalidType(
            f"a tracking number is a string, got {type(value).__name__}", field="tracking_number"
        )
    return value.translate(SEPARATORS).upper()


@attrs.frozen(kw_only=True)
class TrackedEvent:
    """A courier event addressed to a tracking number."""

    tracking_number: str = attrs.field(converter=_loose_tracking)
    event: ShipmentEvent = attrs.field(validator=instance_validator(ShipmentEvent))


class AnomalyKind(enum.Enum):
    """What did not add up."""

    DOCUMENT_IN_TWO_SHIPMENTS = "document_in_two_shipments"
    DOCUMENT_NOT_SHIPPED = "document_not_shipped"
    UNLISTED_DOCUMENT = "unlisted_document"
    SHIPMENT_NOT_HANDED_OVER = "shipment_not_handed_over"
    UNKNOWN_TRACKING_NUMBER = "unknown_tracking_number"
    REJECTED_EVENT = "rejected_event"


@attrs.frozen(kw_only=True)
class Anomaly:
    """One thing that did not add up, as data.

    Attributes:
        kind: what kind of anomaly.
        message: an explanation for people (no personal data).
        tracking_number: the shipment concerned, if any.
        document_id: the document concerned, if any.
        code: a finer code, e.g. the :class:`~adminduk_delivery.errors.TransitionError` code of
            a rejected event.
    """

    kind: AnomalyKind
    message: str
    tracking_number: str | None = None
    document_id: str | None = None
    code: str | None = None


class Bucket(enum.Enum):
    """The reconciliation buckets; every document is in exactly one.

    A bucket is a terminal status of :data:`~adminduk_delivery.shipments.TRANSITIONS` (same
    value), or ``OPEN`` for a document whose shipment is not finished (or that no shipment
    carries): see :meth:`of`.
    """

    DELIVERED = "delivered"
    COLLECTED = "collected"
    RETURNED = "returned"
    WITHDRAWN = "withdrawn"
    RECALLED = "recalled"
    OPEN = "open"

    @classmethod
    def of(cls, status: ShipmentStatus | None) -> Bucket:
        """The bucket of a shipment status (``None``: carried by no shipment).

        Args:
            status: a shipment's status, or ``None``.

        Returns:
            The bucket named like the status when the status is terminal, else ``OPEN``.

        Raises:
            InvalidType: ``status`` is neither a ``ShipmentStatus`` nor ``None``.
        """
        if status is None:
            return cls.OPEN
        if not isinstance(status, ShipmentStatus):
            raise InvalidType("status is a ShipmentStatus or None", field="status")
        return cls(status.value) if status.is_terminal else cls.OPEN

    @property
    def received(self) -> bool:
        """The documents reached a person (the status's ``received`` property)."""
        return self is not Bucket.OPEN and ShipmentStatus(self.value).received


NOT_SHIPPED: Final = "not_shipped"
"""The state of a listed document that no shipment carries."""


@attrs.frozen(kw_only=True)
class DocumentState:
    """Where one listed document is: its shipment's status, or ``not_shipped``."""

    document_id: str
    state: str
    bucket: Bucket
    tracking_number: str | None


@attrs.frozen(kw_only=True)
class Reconciliation:
    """Every listed document in exactly one state, with the counts and the anomalies.

    Attributes:
        total: the documents on the handover list.
        by_state: documents per shipment status value (and ``not_shipped``).
        by_bucket: documents per :class:`Bucket`.
        documents: each listed document's state, in list order.
        anomalies: everything that did not add up, in a stable order.
        superseded_suket_ids: Suket documents whose owner's KTP-el was delivered or collected.
    """

    total: int
    by_state: dict[str, int]
    by_bucket: dict[Bucket, int]
    documents: tuple[DocumentState, ...]
    anomalies: tuple[Anomaly, ...]
    superseded_suket_ids: tuple[str, ...]

    @property
    def delivered(self) -> int:
        return self.by_bucket[Bucket.DELIVERED]

    @property
    def collected(self) -> int:
        return self.by_bucket[Bucket.COLLECTED]

    @property
    def returned(self) -> int:
        return self.by_bucket[Bucket.RETURNED]

    @property
    def withdrawn(self) -> int:
        return self.by_bucket[Bucket.WITHDRAWN]

    @property
    def recalled(self) -> int:
        return self.by_bucket[Bucket.RECALLED]

    @property
    def open(self) -> int:
        return self.by_bucket[Bucket.OPEN]

    @property
    def balanced(self) -> bool:
        """handed over = delivered + collected + returned + withdrawn + recalled + open."""
        return self.total == sum(self.by_bucket.values()) == len(self.documents)


def _document_tuple(value: Iterable[Document]) -> tuple[Document, ...]:
    documents = tuple_of(value, Document, field="documents")
    ids = Counter(d.id for d in documents)
    duplicated = sorted(i for i, n in ids.items() if n > 1)
    if duplicated:
        raise ValidationError(
            f"document ids appear twice on the handover list: {', '.join(duplicated[:5])}",
            field="documents",
            code="duplicate",
        )
    return documents


def _shipment_tuple(value: Iterable[Shipment]) -> tuple[Shipment, ...]:
    shipments = tuple_of(value, Shipment, field="shipments")
    numbers = Counter(s.tracking_number for s in shipments)
    duplicated = sorted(n for n, c in numbers.items() if c > 1)
    if duplicated:
        raise ValidationError(
            f"tracking numbers appear twice: {', '.join(duplicated[:5])}",
            field="shipments",
            code="duplicate",
        )
    return shipments


def _batch_id(value: object) -> str:
    return identifier(value)


def _anomaly_tuple(value: Iterable[Anomaly]) -> tuple[Anomaly, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Batch:
    """The documents of one handover and the shipments that carry them.

    Attributes:
        id: the handover's id (the *berita acara serah terima* number).
        documents: the handover list; each document id once.
        shipments: the shipments; each tracking number once.
        rejected: events that :meth:`fold` could not apply, kept as anomalies.
    """

    id: str = attrs.field(converter=_batch_id)
    documents: tuple[Document, ...] = attrs.field(converter=_document_tuple)
    shipments: tuple[Shipment, ...] = attrs.field(converter=_shipment_tuple)
    rejected: tuple[Anomaly, ...] = attrs.field(default=(), converter=_anomaly_tuple)

    def shipment(self, tracking_number: str) -> Shipment | None:
        """The shipment with this tracking number, if the batch has it.

        Args:
            tracking_number: the number, spaces and dashes allowed.

        Returns:
            The shipment, or ``None``.

        Raises:
            InvalidType: ``tracking_number`` is not a string.
        """
        wanted = _loose_tracking(tracking_number)
        return next((s for s in self.shipments if s.tracking_number == wanted), None)

    def fold(self, events: Iterable[TrackedEvent]) -> Batch:
        """Apply courier events, oldest first, and return the new batch.

        Events are sorted by time (stable, so equal times keep their input order). An event
        for an unknown tracking number, or one its shipment cannot take (see
        :func:`~adminduk_delivery.shipments.apply`), is kept in :attr:`rejected`; a duplicate
        of an event already applied is ignored. Nothing raises for bad events.

        Args:
            events: courier events, in any order.

        Returns:
            The new batch.

        Raises:
            InvalidType: ``events`` holds something other than :class:`TrackedEvent` objects.
        """
        incoming = tuple_of(events, TrackedEvent, field="events")
        position = {s.tracking_number: i for i, s in enumerate(self.shipments)}
        shipments = list(self.shipments)
        rejected = list(self.rejected)
        for tracked in sorted(incoming, key=lambda e: e.event.at):
            index = position.get(tracked.tracking_number)
            if index is None:
                rejected.append(
                    Anomaly(
                        kind=AnomalyKind.UNKNOWN_TRACKING_NUMBER,
                        message=f"a {tracked.event.status.value} event for a tracking number "
                        "that is not in the batch",
                        tracking_number=tracked.tracking_number,
                    )
                )
                continue
            try:
                shipments[index] = apply(shipments[index], tracked.event)
            except TransitionError as error:
                rejected.append(
                    Anomaly(
                        kind=AnomalyKind.REJECTED_EVENT,
                        message=error.message,
                        tracking_number=tracked.tracking_number,
                        code=error.code,
                    )
                )
        return attrs.evolve(self, shipments=shipments, rejected=rejected)

    def reconcile(self) -> Reconciliation:
        """Account for every listed document in exactly one state.

        Returns:
            The reconciliation: counts per state and bucket, each document's state, and the
            anomalies (documents in no or two shipments, unlisted documents, shipments never
            handed over, rejected events).

        Raises:
            Nothing: a batch is valid by construction.
        """
        carriers: dict[str, list[Shipment]] = {}
        for shipment in sorted(self.shipments, key=lambda s: s.tracking_number):
            for document in shipment.documents:
                carriers.setdefault(document.id, []).append(shipment)
        listed = {d.id for d in self.documents}
        anomalies: list[Anomaly] = []
        states: list[DocumentState] = []
        for document in self.documents:
            found = carriers.get(document.id, [])
            if not found:
                anomalies.append(
                    Anomaly(
                        kind=AnomalyKind.DOCUMENT_NOT_SHIPPED,
                        message="a listed document is in no shipment",
                        document_id=document.id,
                    )
                )
                states.append(DocumentState(
                    document_id=document.id, state=NOT_SHIPPED, bucket=Bucket.OPEN,
                    tracking_number=None,
                ))  # fmt: skip
                continue
            if len(found) > 1:
                anomalies.append(
                    Anomaly(
                        kind=AnomalyKind.DOCUMENT_IN_TWO_SHIPMENTS,
                        message=f"a document is in {len(found)} shipments: "
                        + ", ".join(s.tracking_number for s in found)
                        + "; counted in the first",
                        document_id=document.id,
                        tracking_number=found[0].tracking_number,
                    )
                )
            status = found[0].status
            states.append(
                DocumentState(
                    document_id=document.id,
                    state=status.value,
                    bucket=Bucket.of(status),
                    tracking_number=found[0].tracking_number,
                )
            )
        for shipment in sorted(self.shipments, key=lambda s: s.tracking_number):
            if shipment.status is ShipmentStatus.CREATED:
                anomalies.append(
                    Anomaly(
                        kind=AnomalyKind.SHIPMENT_NOT_HANDED_OVER,
                        message="a shipment of the batch has no handover event",
                        tracking_number=shipment.tracking_number,
                    )
                )
            for document in shipment.documents:
                if document.id not in listed:
                    anomalies.append(
                        Anomaly(
                            kind=AnomalyKind.UNLISTED_DOCUMENT,
                            message="a shipment carries a document that is not on the list",
                            tracking_number=shipment.tracking_number,
                            document_id=document.id,
                        )
                    )
        by_state = Counter(s.state for s in states)
        by_bucket = dict.fromkeys(Bucket, 0)
        for state in states:
            by_bucket[state.bucket] += 1
        return Reconciliation(
            total=len(self.documents),
            by_state=dict(sorted(by_state.items())),
            by_bucket=by_bucket,
            documents=tuple(states),
            anomalies=(*anomalies, *self.rejected),
            superseded_suket_ids=self._superseded_sukets(states),
        )

    def _superseded_sukets(self, states: list[DocumentState]) -> tuple[str, ...]:
        bucket_of = {s.document_id: s.bucket for s in states}
        owners_with_card = {
            d.owner_nik
            for d in self.documents
            if d.kind is DocumentKind.KTP_EL and bucket_of[d.id].received
        }
        return tuple(
            d.id
            for d in self.documents
            if d.kind is DocumentKind.SUKET and d.owner_nik in owners_with_card
        )
