"""Population documents (dokumen Adminduk), their properties, and residents' requests for them.

Each :class:`DocumentKind` carries its properties as data (:attr:`DocumentKind.properties`):
whether it is a card or paper, whether it may be self-printed on plain paper (every document
except KTP-el and KIA, since 1 July 2020), whether it holds a child's data, whether it is a
temporary document (the *Suket*, superseded when its KTP-el reaches its owner).

>>> from adminduk_delivery.documents import DocumentKind
>>> DocumentKind.KTP_EL.properties.is_card, DocumentKind.KTP_EL.properties.self_printable
(True, False)
>>> DocumentKind.AKTA_KELAHIRAN.properties.children_data
True
>>> DocumentKind.SUKET.properties.temporary
True
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, Final

import attrs

from . import nik as _nik
from ._convert import boolean, date_value, enum_member, identifier, reported_as
from ._identifiers import mask_for_repr
from .address import Address
from .errors import InvalidType, ValidationError
from .labels import label

__all__ = [
    "SELF_PRINT_SINCE",
    "CollectionPoint",
    "Document",
    "DocumentKind",
    "DocumentRequest",
    "Fulfilment",
    "KindProperties",
]

SELF_PRINT_SINCE: Final = dt.date(2020, 7, 1)
"""Since this day, documents other than KTP-el and KIA may be printed by residents on plain
paper (Permendagri 109/2019, electronic signature and QR code)."""


@attrs.frozen(kw_only=True)
class KindProperties:
    """What is true of every document of one kind.

    Its names in Indonesian and English are in :mod:`~adminduk_delivery.labels`.

    Attributes:
        is_card: a plastic card (KTP-el, KIA) rather than paper.
        self_printable: may be printed by the resident on plain paper since
            :data:`SELF_PRINT_SINCE`.
        replacement_surrenders_old: a replacement is handed over only against the old card.
        children_data: holds a child's personal data (handle with extra care).
        temporary: stands in for another document until that one is delivered.
    """

    is_card: bool = False
    self_printable: bool = True
    replacement_surrenders_old: bool = False
    children_data: bool = False
    temporary: bool = False


class DocumentKind(enum.Enum):
    """The kinds of population documents that a Dinas Dukcapil issues."""

    # Members are singletons compared by identity: hashing them by identity (in C) instead of
    # by name (enum's Python-level __hash__) makes set and dict lookups on the decision path
    # cheaper. Iteration order of a set of members was never fixed (a name's hash varies
    # from process to process), so nothing that was deterministic changes.
    __hash__ = object.__hash__

    KTP_EL = "ktp_el"
    KIA = "kia"
    KARTU_KELUARGA = "kartu_keluarga"
    AKTA_KELAHIRAN = "akta_kelahiran"
    AKTA_KEMATIAN = "akta_kematian"
    AKTA_PERKAWINAN = "akta_perkawinan"
    AKTA_PERCERAIAN = "akta_perceraian"
    SURAT_PINDAH = "surat_pindah"
    SUKET = "suket"

    @property
    def properties(self) -> KindProperties:
        """The kind's properties (a row of :data:`KIND_PROPERTIES`)."""
        return KIND_PROPERTIES[self]

    def self_printable_on(self, day: dt.date) -> bool:
        """Whether a resident may print this document on plain paper on ``day``.

        Args:
            day: the day of the request.

        Returns:
            ``True`` for a self-printable kind on or after :data:`SELF_PRINT_SINCE`.

        Raises:
            InvalidType: ``day`` is not a date (field ``day``).

        >>> DocumentKind.KARTU_KELUARGA.self_printable_on(dt.date(2020, 7, 1))
        True
        >>> DocumentKind.KTP_EL.self_printable_on(dt.date(2020, 7, 1))
        False
        """
        day = date_value(day, field="day")
        return self.properties.self_printable and day >= SELF_PRINT_SINCE


KIND_PROPERTIES: Final[dict[DocumentKind, KindProperties]] = {
    DocumentKind.KTP_EL: KindProperties(
        is_card=True,
        self_printable=False,
        replacement_surrenders_old=True,
    ),
    DocumentKind.KIA: KindProperties(
        is_card=True,
        self_printable=False,
        replacement_surrenders_old=True,
        children_data=True,
    ),
    DocumentKind.KARTU_KELUARGA: KindProperties(),
    DocumentKind.AKTA_KELAHIRAN: KindProperties(children_data=True),
    DocumentKind.AKTA_KEMATIAN: KindProperties(),
    DocumentKind.AKTA_PERKAWINAN: KindProperties(),
    DocumentKind.AKTA_PERCERAIAN: KindProperties(),
    DocumentKind.SURAT_PINDAH: KindProperties(),
    DocumentKind.SUKET: KindProperties(temporary=True),
}
"""The properties of every kind, as data."""


def _nik_field(value: object) -> str:
    return _nik.validate(value, regions="none")


def _owner_nik(value: object) -> str:
    return reported_as("owner_nik", _nik_field, value)


# The converters below take the common, already-valid value first: a campaign builds hundreds
# of thousands of requests, and the shared converters stay the one place of every rule.


def _text_id(value: object) -> str:
    if type(value) is str:
        stripped = value.strip()
        if stripped:
            return stripped
    return identifier(value)


def _kind(value: object) -> DocumentKind:
    if type(value) is DocumentKind:
        return value
    return enum_member(value, DocumentKind, field="kind")


def _optional_number(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidType(f"a number is a string, got {type(value).__name__}", field="number")
    return value.strip() or None


def _date_field(instance: object, attribute: attrs.Attribute[dt.date], value: object) -> None:
    if type(value) is not dt.date:
        date_value(value, field=attribute.name)


@attrs.frozen(kw_only=True)
class Document:
    """One printed document, identified by the issuer's ``id`` (a print or blanko serial).

    Attributes:
        id: unique within a batch; what the Dinas writes on its handover list.
        kind: the document kind.
        owner_nik: the NIK of the person the document is about (masked in the repr).
        issue_date: the day it was issued.
        number: the document's own number where it has one (an akta number, a KK number).
        replaces_card: a replacement card, handed over only against the old one (when the
            kind requires it).
    """

    id: str = attrs.field(converter=_text_id)
    kind: DocumentKind = attrs.field(converter=_kind)
    owner_nik: str = attrs.field(converter=_owner_nik, repr=mask_for_repr)
    issue_date: dt.date = attrs.field(validator=_date_field)
    number: str | None = attrs.field(default=None, converter=_optional_number, repr=False)
    replaces_card: bool = attrs.field(default=False, validator=boolean)

    def __attrs_post_init__(self) -> None:
        if self.replaces_card and not self.kind.properties.is_card:
            raise ValidationError(
                f"only cards are replaced against the old one, not {self.kind.value}",
                field="replaces_card",
                code="not_a_card",
            )

    @property
    def needs_old_card_surrendered(self) -> bool:
        """Whether the courier must take the old card back on handover."""
        return self.replaces_card and self.kind.properties.replacement_surrenders_old


class Fulfilment(enum.Enum):
    """How a resident chose to receive a document (on the request form)."""

    __hash__ = object.__hash__  # identity, as DocumentKind

    DELIVER = "deliver"
    """Dikirim: delivered to the address."""
    COLLECT = "collect"
    """Diambil: collected at a collection point."""
    SELF_PRINT = "self_print"
    """Cetak mandiri: printed by the resident on plain paper."""


class CollectionPoint(enum.Enum):
    """Where a document can be collected."""

    DINAS = "dinas"
    KECAMATAN = "kecamatan"
    POST_OFFICE = "post_office"


def _fulfilment(value: object) -> Fulfilment:
    if type(value) is Fulfilment:
        return value
    return enum_member(value, Fulfilment, field="fulfilment")


def _collect_at(value: object) -> CollectionPoint | None:
    return None if value is None else enum_member(value, CollectionPoint, field="collect_at")


def _optional_address(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and type(value) is not Address and not isinstance(value, Address):
        raise InvalidType(
            f"address is an Address or None, got {type(value).__name__}", field="address"
        )


@attrs.frozen(kw_only=True)
class DocumentRequest:
    """A resident's request for a document and how they want to receive it.

    Attributes:
        id: the request's id in the caller's system.
        nik: the requesting resident (masked in the repr).
        kind: the document kind requested.
        fulfilment: deliver, collect or self-print.
        requested_on: the day of the request.
        address: the delivery address (required to deliver).
        collect_at: where to collect (required to collect).

    Raises:
        ValidationError: delivery without an address, collection without a place, or
            self-printing a document that cannot be self-printed on ``requested_on``.
    """

    id: str = attrs.field(converter=_text_id)
    nik: str = attrs.field(converter=_nik_field, repr=mask_for_repr)
    kind: DocumentKind = attrs.field(converter=_kind)
    fulfilment: Fulfilment = attrs.field(converter=_fulfilment)
    requested_on: dt.date = attrs.field(validator=_date_field)
    address: Address | None = attrs.field(default=None, validator=_optional_address)
    collect_at: CollectionPoint | None = attrs.field(default=None, converter=_collect_at)

    def __attrs_post_init__(self) -> None:
        if self.fulfilment is Fulfilment.DELIVER and self.address is None:
            raise ValidationError("a delivery needs an address", field="address", code="required")
        if self.fulfilment is Fulfilment.COLLECT and self.collect_at is None:
            raise ValidationError(
                "a collection needs a collection point", field="collect_at", code="required"
            )
        if self.fulfilment is Fulfilment.SELF_PRINT and not self.kind.self_printable_on(
            self.requested_on
        ):
            raise ValidationError(
                f"{label(self.kind, 'en')} cannot be self-printed"
                + ("" if self.kind.properties.self_printable else " (cards never can)"),
                field="fulfilment",
                code="not_self_printable",
            )
