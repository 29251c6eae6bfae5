"""Document kinds, documents and requests."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given

from adminduk_delivery import strategies
from adminduk_delivery.address import Address
from adminduk_delivery.documents import (
    KIND_PROPERTIES,
    CollectionPoint,
    Document,
    DocumentKind,
    DocumentRequest,
    Fulfilment,
)
from adminduk_delivery.errors import ValidationError

from .helpers import NIK_F, home


def test_every_kind_has_properties():
    """The properties are data, one row per kind."""
    assert set(KIND_PROPERTIES) == set(DocumentKind)
    cards = {k for k in DocumentKind if k.properties.is_card}
    assert cards == {DocumentKind.KTP_EL, DocumentKind.KIA}
    assert {k for k in DocumentKind if not k.properties.self_printable} == cards
    assert {k for k in DocumentKind if k.properties.children_data} == {
        DocumentKind.KIA,
        DocumentKind.AKTA_KELAHIRAN,
    }
    assert {k for k in DocumentKind if k.properties.temporary} == {DocumentKind.SUKET}


def test_self_printing_started_in_july_2020():
    """Paper documents became self-printable on 1 July 2020; cards never."""
    assert not DocumentKind.KARTU_KELUARGA.self_printable_on(dt.date(2020, 6, 30))
    assert DocumentKind.KARTU_KELUARGA.self_printable_on(dt.date(2020, 7, 1))
    assert not DocumentKind.KTP_EL.self_printable_on(dt.date(2026, 1, 1))


def test_replacement_cards_need_the_old_card():
    """Only a replacement card asks for the old one; paper cannot be a replacement."""
    kwargs = {"id": "X1", "owner_nik": NIK_F, "issue_date": dt.date(2020, 3, 2)}
    assert Document(
        kind=DocumentKind.KTP_EL, replaces_card=True, **kwargs
    ).needs_old_card_surrendered
    assert not Document(kind=DocumentKind.KTP_EL, **kwargs).needs_old_card_surrendered
    with pytest.raises(ValidationError) as info:
        Document(kind=DocumentKind.AKTA_KELAHIRAN, replaces_card=True, **kwargs)
    assert info.value.code == "not_a_card"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"id": ""}, "id"),
        ({"id": 5}, "id"),
        ({"owner_nik": "123"}, "owner_nik"),
        ({"issue_date": dt.datetime(2020, 3, 2)}, "issue_date"),
        ({"kind": "passport"}, "kind"),
        ({"kind": 3}, "kind"),
    ],
)
def test_document_validates(kwargs, field):
    """Bad fields are our errors, naming the field."""
    base = {"id": "X1", "kind": DocumentKind.KTP_EL, "owner_nik": NIK_F,
            "issue_date": dt.date(2020, 3, 2)}  # fmt: skip
    with pytest.raises(ValidationError) as info:
        Document(**{**base, **kwargs})
    assert info.value.field == field


def test_enum_fields_take_their_json_values():
    """A document kind, a fulfilment and a collection point may be given as their values."""
    from adminduk_delivery.documents import CollectionPoint, DocumentRequest, Fulfilment

    card = Document(id="X1", kind="ktp_el", owner_nik=NIK_F, issue_date=dt.date(2020, 3, 2))
    assert card.kind is DocumentKind.KTP_EL
    request = DocumentRequest(
        id="R1", nik=NIK_F, kind="kia", fulfilment="collect", requested_on=dt.date(2020, 3, 2),
        collect_at="post_office",
    )  # fmt: skip
    assert (request.fulfilment, request.collect_at) == (
        Fulfilment.COLLECT,
        CollectionPoint.POST_OFFICE,
    )


def test_document_repr_masks_the_owner():
    """The owner's NIK shows only its region digits."""
    doc = Document(
        id="X1", kind=DocumentKind.KTP_EL, owner_nik=NIK_F, issue_date=dt.date(2020, 3, 2)
    )
    assert NIK_F not in repr(doc)
    assert "321620**********" in repr(doc)


def test_requests_check_the_fulfilment():
    """Delivery needs an address, collection a place, self-printing a printable kind."""
    base = {"id": "R1", "nik": NIK_F, "requested_on": dt.date(2020, 8, 1)}
    DocumentRequest(kind=DocumentKind.KTP_EL, fulfilment=Fulfilment.DELIVER, address=home(), **base)
    DocumentRequest(
        kind=DocumentKind.KTP_EL, fulfilment=Fulfilment.COLLECT,
        collect_at=CollectionPoint.POST_OFFICE, **base,
    )  # fmt: skip
    DocumentRequest(kind=DocumentKind.KARTU_KELUARGA, fulfilment=Fulfilment.SELF_PRINT, **base)
    for kind, fulfilment, code in [
        (DocumentKind.KTP_EL, Fulfilment.DELIVER, "required"),
        (DocumentKind.KTP_EL, Fulfilment.COLLECT, "required"),
        (DocumentKind.KTP_EL, Fulfilment.SELF_PRINT, "not_self_printable"),
    ]:
        with pytest.raises(ValidationError) as info:
            DocumentRequest(kind=kind, fulfilment=fulfilment, **base)
        assert info.value.code == code
    early = {**base, "requested_on": dt.date(2020, 6, 1)}
    with pytest.raises(ValidationError):
        DocumentRequest(kind=DocumentKind.KARTU_KELUARGA, fulfilment=Fulfilment.SELF_PRINT, **early)
    assert isinstance(home(), Address)


@given(doc=strategies.documents())
def test_generated_documents_are_valid(doc):
    """Property: generated documents hold the invariants."""
    assert doc.id.startswith("DOC-")
    assert not doc.replaces_card or doc.kind.properties.is_card
    assert doc.owner_nik[6:] not in repr(doc)
