"""Packing documents into household shipments as their owners asked."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adminduk_delivery import strategies as ads
from adminduk_delivery.address import Address
from adminduk_delivery.batches import AnomalyKind, Batch, TrackedEvent, pack
from adminduk_delivery.documents import (
    CollectionPoint,
    Document,
    DocumentKind,
    DocumentRequest,
    Fulfilment,
)
from adminduk_delivery.errors import InvalidType, ValidationError
from adminduk_delivery.residents import Resident
from adminduk_delivery.shipments import Recipient, RecipientKind, ShipmentEvent, ShipmentStatus
from adminduk_delivery.tracking import s10_series

DINAS = Address(village_code="3216092001", street="Jl. Raya Bekasi", house_number="1")
POINTS = {CollectionPoint.DINAS: DINAS, CollectionPoint.POST_OFFICE: DINAS}
ISSUED = dt.date(2020, 3, 2)


def _case(resident: Resident, index: int, fulfilment: Fulfilment, kinds: list[DocumentKind]):
    requests = [
        DocumentRequest(
            id=f"R-{index}-{kind.value}",
            nik=resident.nik,
            kind=kind,
            fulfilment=fulfilment,
            requested_on=dt.date(2020, 1, 6),
            address=resident.address if fulfilment is Fulfilment.DELIVER else None,
            collect_at=CollectionPoint.DINAS if fulfilment is Fulfilment.COLLECT else None,
        )
        for kind in kinds
        if fulfilment is not Fulfilment.SELF_PRINT or kind.self_printable_on(ISSUED)
    ]
    documents = [
        Document(id=f"D-{index}-{kind.value}", kind=kind, owner_nik=resident.nik, issue_date=ISSUED)
        for kind in kinds
    ]
    return requests, documents


@st.composite
def cases(draw: st.DrawFn) -> tuple[list[DocumentRequest], list[Document]]:
    people = draw(
        st.lists(
            ads.residents(region="3216", has_address=True),
            min_size=1,
            max_size=12,
            unique_by=lambda r: r.nik,
        )
    )
    if draw(st.booleans()):  # households: several people at one address
        people = [
            Resident.from_nik(
                p.nik, name=p.name, as_of=dt.date(2026, 1, 1), address=people[0].address
            )
            if i % 2
            else p
            for i, p in enumerate(people)
        ]
    requests: list[DocumentRequest] = []
    documents: list[Document] = []
    for index, person in enumerate(people):
        fulfilment = draw(st.sampled_from(list(Fulfilment)))
        kinds = draw(
            st.lists(st.sampled_from(list(DocumentKind)), min_size=1, max_size=3, unique=True)
        )
        asked, printed = _case(person, index, fulfilment, kinds)
        if draw(st.booleans()):
            asked = asked[1:]  # a document printed without a request
        requests += asked
        documents += printed
    return requests, documents


@settings(max_examples=80)
@given(cases(), st.randoms(use_true_random=False))
def test_every_document_is_packed_once_or_reported(case, random) -> None:
    requests, documents = case
    numbers = s10_series("RR", 1)
    batch = pack(documents, requests, tracking_numbers=numbers, collection_addresses=POINTS)
    report = batch.reconcile()
    assert report.balanced
    assert report.total == len(documents)
    packed = [d.id for s in batch.shipments for d in s.documents]
    assert len(packed) == len(set(packed))
    by_request = {(r.nik, r.kind): r for r in requests}
    for state in report.documents:
        document = next(d for d in documents if d.id == state.document_id)
        wish = by_request.get((document.owner_nik, document.kind))
        shipped = wish is not None and wish.fulfilment is not Fulfilment.SELF_PRINT
        assert (state.tracking_number is not None) == shipped
    not_shipped = {
        a.document_id for a in report.anomalies if a.kind is AnomalyKind.DOCUMENT_NOT_SHIPPED
    }
    assert not_shipped == {d.id for d in documents} - set(packed)
    # One shipment per delivery address; collections per owner and point.
    delivered = [s for s in batch.shipments if s.address != DINAS]
    assert len({s.address for s in delivered}) == len(delivered)
    # Exactly one number drawn per shipment, in order.
    assert (
        next(numbers) == list(itertools.islice(s10_series("RR", 1), len(batch.shipments) + 1))[-1]
    )
    # Input order does not matter.
    again = pack(
        random.sample(documents, len(documents)),
        random.sample(requests, len(requests)),
        tracking_numbers=s10_series("RR", 1),
        collection_addresses=POINTS,
    )
    assert sorted(again.shipments, key=lambda s: s.tracking_number) == sorted(
        batch.shipments, key=lambda s: s.tracking_number
    )


def _one(nik: str, kind: DocumentKind, doc_id: str, **request: object):
    document = Document(id=doc_id, kind=kind, owner_nik=nik, issue_date=ISSUED)
    asked = DocumentRequest(
        id=f"R-{doc_id}", nik=nik, kind=kind, requested_on=dt.date(2020, 1, 6), **request
    )  # type: ignore[arg-type]
    return document, asked


HOME = Address(village_code="3216202001", street="Jl. Kenanga", house_number="7", rt=1, rw=4)


def test_a_household_shares_a_shipment_and_the_latest_request_counts() -> None:
    a, ra = _one("3216204107900003", DocumentKind.KTP_EL, "B-1", fulfilment="deliver", address=HOME)
    b, rb = _one("3216200107900003", DocumentKind.KTP_EL, "B-2", fulfilment="deliver", address=HOME)
    later = DocumentRequest(
        id="R-late", nik=b.owner_nik, kind=b.kind, fulfilment="collect",
        requested_on=dt.date(2020, 2, 1), collect_at="post_office",
    )  # fmt: skip
    batch = pack([a, b], [ra, rb], collection_addresses=POINTS)
    assert [[d.id for d in s.documents] for s in batch.shipments] == [["B-1", "B-2"]]
    batch = pack([a, b], [ra, rb, later], collection_addresses=POINTS)
    assert [([d.id for d in s.documents], s.address == DINAS) for s in batch.shipments] == [
        (["B-1"], False),
        (["B-2"], True),
    ]


def test_the_suket_a_card_supersedes_is_reported() -> None:
    card, asked = _one(
        "3216204107900003", DocumentKind.KTP_EL, "B-1", fulfilment="deliver", address=HOME
    )
    suket = Document(
        id="S-1", kind="suket", owner_nik=card.owner_nik, issue_date=dt.date(2019, 5, 1)
    )
    batch = pack([card], [asked], sukets=[suket], batch_id="BAST-1")
    (shipment,) = batch.shipments
    wib = dt.timezone(dt.timedelta(hours=7))
    at = dt.datetime(2020, 3, 20, 9, tzinfo=wib)
    events = [
        ShipmentEvent(status=ShipmentStatus.HANDED_OVER, at=at),
        ShipmentEvent(status=ShipmentStatus.OUT_FOR_DELIVERY, at=at + dt.timedelta(hours=1)),
        ShipmentEvent(
            status=ShipmentStatus.DELIVERED,
            at=at + dt.timedelta(hours=2),
            recipient=Recipient(kind=RecipientKind.OWNER),
        ),
    ]
    assert batch.reconcile().superseded_suket_ids == ()
    done = batch.fold(
        TrackedEvent(tracking_number=shipment.tracking_number, event=e) for e in events
    )
    assert done.reconcile().superseded_suket_ids == ("S-1",)


def test_pack_errors_carry_codes() -> None:
    card, asked = _one(
        "3216204107900003", DocumentKind.KTP_EL, "B-1", fulfilment="collect", collect_at="kecamatan"
    )
    with pytest.raises(ValidationError) as info:
        pack([card], [asked], collection_addresses=POINTS)
    assert info.value.code == "collection_address"
    home, wish = _one(
        "3216204107900003", DocumentKind.KTP_EL, "B-1", fulfilment="deliver", address=HOME
    )
    with pytest.raises(ValidationError) as info:
        pack([home], [wish], tracking_numbers=[])
    assert info.value.code == "exhausted"
    with pytest.raises(ValidationError) as info:
        pack([home], [wish], tracking_numbers=["#1"])
    assert info.value.field == "tracking_numbers"
    with pytest.raises(InvalidType):
        pack([home], [wish], tracking_numbers="RR000000014ID")
    with pytest.raises(ValidationError) as info:
        Batch(id="B", documents=[], shipments=[], sukets=[home])
    assert info.value.code == "kind"
