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

import datetime as dt
import enum
import functools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Final

import attrs

from ._convert import (
    SEPARATORS,
    checked,
    enum_member,
    filled,
    identifier,
    instance_validator,
    mapping_of,
    reported_as,
    text,
    tuple_of,
    whole_number,
)
from .address import Address
from .documents import CollectionPoint, Document, DocumentKind, DocumentRequest, Fulfilment
from .errors import InvalidType, TransitionError, ValidationError
from .shipments import Shipment, ShipmentEvent, ShipmentStatus, apply, require_distinct
from .tracking import s10_series

__all__ = [
    "NOT_SHIPPED",
    "STATES",
    "Anomaly",
    "AnomalyKind",
    "Batch",
    "Bucket",
    "DocumentState",
    "Reconciliation",
    "TrackedEvent",
    "pack",
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


def _anomaly_kind(value: object) -> AnomalyKind:
    return enum_member(value, AnomalyKind, field="kind")


def _message(value: object) -> str:
    return filled(value, field="message")


def _tracking_or_none(value: object) -> str | None:
    return None if value is None else text(value, field="tracking_number")


def _document_or_none(value: object) -> str | None:
    return None if value is None else text(value, field="document_id")


def _code_or_none(value: object) -> str | None:
    return None if value is None else text(value, field="code")


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

    Raises:
        InvalidType: a field of the wrong type.
        ValidationError: a kind that is no :class:`AnomalyKind` value (code ``choice``), an
            empty message (code ``empty``).
    """

    kind: AnomalyKind = attrs.field(converter=_anomaly_kind)
    message: str = attrs.field(converter=_message)
    tracking_number: str | None = attrs.field(default=None, converter=_tracking_or_none)
    document_id: str | None = attrs.field(default=None, converter=_document_or_none)
    code: str | None = attrs.field(default=None, converter=_code_or_none)


class Bucket(enum.Enum):
    """The reconciliation buckets; every document is in exactly one.

    A bucket is a terminal status of :data:`~adminduk_delivery.shipments.TRANSITIONS` (same
    value), or ``OPEN`` for a document whose shipment is not finished (or that no shipment
    carries): see :meth:`of`.
    """

    __hash__ = object.__hash__  # identity, as DocumentKind (summaries count by bucket)

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


def _document_id(value: object) -> str:
    return identifier(value, field="document_id")


STATES: Final = frozenset({*(s.value for s in ShipmentStatus), NOT_SHIPPED})
"""A document's possible states: the shipment statuses' values and :data:`NOT_SHIPPED`."""


def _state(value: object) -> str:
    state = text(value, field="state")
    if state not in STATES:
        raise ValidationError(
            "state is a shipment status value or not_shipped", field="state", code="choice"
        )
    return state


def _bucket(value: object) -> Bucket:
    return enum_member(value, Bucket, field="bucket")


@attrs.frozen(kw_only=True)
class DocumentState:
    """Where one listed document is: its shipment's status, or ``not_shipped``.

    Attributes:
        document_id: the document.
        state: its shipment's status value, or :data:`NOT_SHIPPED`.
        bucket: the state's :class:`Bucket` (:meth:`Bucket.of` its status).
        tracking_number: the shipment that carries it (``None`` when not shipped).

    Raises:
        InvalidType: a field of the wrong type.
        ValidationError: an empty document id (code ``empty``), a state that is neither a
            status value nor :data:`NOT_SHIPPED` (code ``choice``), a bucket or tracking
            number that does not go with the state (code ``inconsistent``).
    """

    document_id: str = attrs.field(converter=_document_id)
    state: str = attrs.field(converter=_state)
    bucket: Bucket = attrs.field(converter=_bucket)
    tracking_number: str | None = attrs.field(converter=_tracking_or_none)

    def __attrs_post_init__(self) -> None:
        shipped = self.state != NOT_SHIPPED
        status = ShipmentStatus(self.state) if shipped else None
        if self.bucket is not Bucket.of(status) or shipped != (self.tracking_number is not None):
            raise ValidationError(
                "the bucket and tracking number go with the state",
                field="state",
                code="inconsistent",
            )


def _total(value: object) -> int:
    return whole_number(value, field="total")


def _count(field: str) -> Callable[[object], int]:
    return lambda value: whole_number(value, field=field)


def _by_state(value: Any) -> dict[str, int]:
    if not isinstance(value, Mapping):
        raise InvalidType("by_state maps states to counts", field="by_state")
    counts = mapping_of(value, _count("by_state"), field="by_state", what="states to counts")
    return {state: counts[state] for state in sorted(counts) if counts[state]}


def _by_bucket(value: Any) -> dict[Bucket, int]:
    if not isinstance(value, Mapping):
        raise InvalidType("by_bucket maps buckets to counts", field="by_bucket")
    counts: dict[Bucket, int] = {}
    for key, count in value.items():
        counts[enum_member(key, Bucket, field="by_bucket")] = whole_number(count, field="by_bucket")
    return {bucket: counts.get(bucket, 0) for bucket in Bucket}


def _states(value: Any) -> tuple[DocumentState, ...]:
    return tuple_of(value, DocumentState, field="documents")


def _anomalies(value: Any) -> tuple[Anomaly, ...]:
    return tuple_of(value, Anomaly, field="anomalies")


def _superseded(value: Any) -> tuple[str, ...]:
    return tuple_of(value, str, field="superseded_suket_ids")


@attrs.frozen(kw_only=True)
class Reconciliation:
    """Every listed document in exactly one state, with the counts and the anomalies.

    Attributes:
        total: the documents on the handover list.
        by_state: documents per shipment status value (and ``not_shipped``).
        by_bucket: documents per :class:`Bucket`.
        documents: each listed document's state, in list order.
        anomalies: everything that did not add up, in a stable order.
        superseded_suket_ids: Suket documents (listed, then those of :attr:`Batch.sukets`)
            whose owner's KTP-el was delivered or collected.

    Raises:
        InvalidType: a field of the wrong type.
        ValidationError: counts that are not the documents' (code ``inconsistent``: every
            listed document is in exactly one state, so a reconciliation always balances), a
            document listed twice (code ``duplicate``).
    """

    total: int = attrs.field(converter=_total)
    by_state: dict[str, int] = attrs.field(converter=_by_state)
    by_bucket: dict[Bucket, int] = attrs.field(converter=_by_bucket)
    documents: tuple[DocumentState, ...] = attrs.field(converter=_states)
    anomalies: tuple[Anomaly, ...] = attrs.field(converter=_anomalies)
    superseded_suket_ids: tuple[str, ...] = attrs.field(converter=_superseded)

    def __attrs_post_init__(self) -> None:
        if len({d.document_id for d in self.documents}) != len(self.documents):
            raise ValidationError("a document has one state", field="documents", code="duplicate")
        states = Counter(d.state for d in self.documents)
        buckets = Counter(d.bucket for d in self.documents)
        if (
            self.total != len(self.documents)
            or self.by_state != dict(states)
            or any(self.by_bucket[b] != buckets[b] for b in Bucket)
        ):
            raise ValidationError(
                "total, by_state and by_bucket count the documents' states",
                field="total",
                code="inconsistent",
            )

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
    return require_distinct(value)


def _batch_id(value: object) -> str:
    return identifier(value)


def _anomaly_tuple(value: Iterable[Anomaly]) -> tuple[Anomaly, ...]:
    return tuple_of(value, Anomaly, field="rejected")


def _suket_tuple(value: Iterable[Document]) -> tuple[Document, ...]:
    sukets = tuple_of(value, Document, field="sukets")
    if any(d.kind is not DocumentKind.SUKET for d in sukets):
        raise ValidationError("sukets holds Suket documents only", field="sukets", code="kind")
    if len({d.id for d in sukets}) != len(sukets):
        raise ValidationError("a Suket id appears twice", field="sukets", code="duplicate")
    return sukets


@attrs.frozen(kw_only=True)
class Batch:
    """The documents of one handover and the shipments that carry them.

    Attributes:
        id: the handover's id (the *berita acara serah terima* number).
        documents: the handover list; each document id once.
        shipments: the shipments; each tracking number once.
        rejected: events that :meth:`fold` could not apply, kept as anomalies.
        sukets: the temporary certificates (*Suket*) that the owners of the batch's cards
            hold: not handed over, so not on the list; :meth:`reconcile` reports each as
            superseded once its owner's KTP-el is received.
    """

    id: str = attrs.field(converter=_batch_id)
    documents: tuple[Document, ...] = attrs.field(converter=_document_tuple)
    shipments: tuple[Shipment, ...] = attrs.field(converter=_shipment_tuple)
    rejected: tuple[Anomaly, ...] = attrs.field(default=(), converter=_anomaly_tuple)
    sukets: tuple[Document, ...] = attrs.field(default=(), converter=_suket_tuple)

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

    def until(self, day: dt.date) -> Batch:
        """The batch as it stood at the end of ``day``: every shipment's later events left out
        (see :meth:`~adminduk_delivery.shipments.Shipment.until`); for a forecast from a past
        day, or a report as of it.

        Args:
            day: the day.

        Returns:
            The batch.

        Raises:
            InvalidType: ``day`` is not a date.
        """
        return attrs.evolve(self, shipments=[s.until(day) for s in self.shipments])

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
        listed = tuple(
            d.id
            for d in self.documents
            if d.kind is DocumentKind.SUKET and d.owner_nik in owners_with_card
        )
        held = tuple(
            d.id for d in self.sukets if d.owner_nik in owners_with_card and d.id not in listed
        )
        return listed + held


# --------------------------------------------------------------------------------------------
# Packing


def _request_key(request: DocumentRequest) -> tuple[dt.date, str]:
    return request.requested_on, request.id


def _address_order(address: Address) -> tuple[str, ...]:
    return (
        address.village_code,
        address.rw or "",
        address.rt or "",
        address.street.casefold(),
        address.house_number.casefold(),
        address.dusun or "",
        address.postal_code or "",
    )


def _collection_addresses(
    value: Mapping[CollectionPoint, Address] | None,
) -> dict[CollectionPoint, Address]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise InvalidType(
            "collection_addresses maps collection points to addresses",
            field="collection_addresses",
        )
    out: dict[CollectionPoint, Address] = {}
    for point, address in value.items():
        member = enum_member(point, CollectionPoint, field="collection_addresses")
        out[member] = checked(address, Address, field="collection_addresses")
    return out


def pack(
    documents: Iterable[Document],
    requests: Iterable[DocumentRequest],
    *,
    tracking_numbers: Iterable[str] | None = None,
    batch_id: str = "batch",
    collection_addresses: Mapping[CollectionPoint, Address] | None = None,
    sukets: Iterable[Document] = (),
    service: str = "ANTARAN DUKCAPIL",
) -> Batch:
    """Pack printed documents into household shipments, as their owners asked.

    Each document is matched to its owner's request for its kind (the latest request, by
    day then id, when there are several). Documents to deliver are grouped by delivery
    address: one shipment per address, whoever at that address owns them. Documents to
    collect are grouped per owner and collection point, in a shipment addressed to that
    point (``collection_addresses``). A document with no request, or whose owner chose to
    print it themselves, is not packed: it stays on the handover list, and
    :meth:`Batch.reconcile` reports it as not shipped (an ``document_not_shipped``
    anomaly), so that nothing is lost.

    Shipments come out in walk order of their addresses, documents inside them by id, and
    take tracking numbers from ``tracking_numbers`` in that order: the same documents and
    requests, in any order, give the same batch.

    Args:
        documents: the printed documents, the handover list (kept in its order).
        requests: the residents' requests (from :func:`~adminduk_delivery.intake.read_rows`
            or your own system).
        tracking_numbers: where tracking numbers come from: an iterator you own (e.g.
            :func:`~adminduk_delivery.tracking.s10_series` over the range the post office
            allotted), of which exactly one number per shipment is drawn, so that your next
            draw continues after the last one used. Default: S10 serials ``RR`` from 1, for
            trials only (real numbers are allotted by the post office).
        batch_id: the handover's id (the *berita acara serah terima* number).
        collection_addresses: the address of each collection point that documents are to be
            collected from.
        sukets: the Suket documents the owners hold, for :attr:`Batch.sukets`.
        service: the courier's service code written on every shipment.

    Returns:
        The :class:`Batch`, without events.

    Raises:
        ValidationError: a collection point without an address in
            ``collection_addresses`` (code ``collection_address``); tracking numbers that run
            out (``exhausted``), are malformed, or repeat (``duplicate``); duplicate document
            ids; a bad batch id.
        InvalidType: arguments of the wrong type.

    >>> import datetime as dt
    >>> from adminduk_delivery.address import Address
    >>> from adminduk_delivery.documents import Document, DocumentRequest
    >>> from adminduk_delivery.tracking import s10_series
    >>> home = Address(village_code="3216202001", street="Jl. Kenanga", house_number="7",
    ...                rt=1, rw=4)
    >>> card = Document(id="B-1", kind="ktp_el", owner_nik="3216204107900003",
    ...                 issue_date=dt.date(2020, 3, 2))
    >>> wish = DocumentRequest(id="R-1", nik="3216204107900003", kind="ktp_el",
    ...                        fulfilment="deliver", requested_on=dt.date(2020, 1, 6),
    ...                        address=home)
    >>> numbers = s10_series("RR", 1)
    >>> batch = pack([card], [wish], tracking_numbers=numbers, batch_id="BAST-1")
    >>> [(s.tracking_number, [d.id for d in s.documents]) for s in batch.shipments]
    [('RR000000014ID', ['B-1'])]
    >>> next(numbers)
    'RR000000028ID'
    """
    listed = _document_tuple(documents)
    wishes = tuple_of(requests, DocumentRequest, field="requests")
    points = _collection_addresses(collection_addresses)
    batch_id = identifier(batch_id, field="batch_id")
    service = text(service, field="service")
    numbers: Iterator[str] = (
        s10_series("RR", 1)
        if tracking_numbers is None
        else iter(_checked_iterable(tracking_numbers))
    )
    chosen: dict[tuple[str, DocumentKind], DocumentRequest] = {}
    for wish in wishes:
        key = (wish.nik, wish.kind)
        known = chosen.get(key)
        if known is None or _request_key(wish) > _request_key(known):
            chosen[key] = wish
    deliveries: dict[Address, list[Document]] = {}
    collections: dict[tuple[CollectionPoint, str], list[Document]] = {}
    for document in listed:
        asked = chosen.get((document.owner_nik, document.kind))
        if asked is None:
            continue
        if asked.fulfilment is Fulfilment.DELIVER and asked.address is not None:
            deliveries.setdefault(asked.address, []).append(document)
        elif asked.fulfilment is Fulfilment.COLLECT and asked.collect_at is not None:
            if asked.collect_at not in points:
                raise ValidationError(
                    f"documents are to be collected at {asked.collect_at.value}, which has no "
                    "address in collection_addresses",
                    field="collection_addresses",
                    code="collection_address",
                )
            collections.setdefault((asked.collect_at, document.owner_nik), []).append(document)
    groups: list[tuple[tuple[str, ...], Address, list[Document]]] = [
        (("0", *_address_order(address)), address, docs) for address, docs in deliveries.items()
    ]
    groups += [
        (("1", point.value, *_address_order(points[point]), owner), points[point], docs)
        for (point, owner), docs in collections.items()
    ]
    groups.sort(key=lambda group: group[0])
    shipments: list[Shipment] = []
    used: set[str] = set()
    for _key, address, docs in groups:
        try:
            number = next(numbers)
        except StopIteration:
            raise ValidationError(
                f"tracking_numbers ran out after {len(shipments)} of {len(groups)} shipments",
                field="tracking_numbers",
                code="exhausted",
            ) from None
        make = functools.partial(
            _shipment,
            documents=sorted(docs, key=lambda d: d.id),
            address=address,
            service=service,
        )
        shipment = reported_as("tracking_numbers", make, number)
        if shipment.tracking_number in used:
            raise ValidationError(
                "tracking_numbers gave one number twice", field="tracking_numbers", code="duplicate"
            )
        used.add(shipment.tracking_number)
        shipments.append(shipment)
    return Batch(id=batch_id, documents=listed, shipments=shipments, sukets=sukets)


def _shipment(
    number: object, *, documents: list[Document], address: Address, service: str
) -> Shipment:
    return Shipment(tracking_number=number, documents=documents, address=address, service=service)


def _checked_iterable(value: object) -> Iterable[str]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidType(
            "tracking_numbers is an iterable of tracking numbers, not one string",
            field="tracking_numbers",
        )
    return value
