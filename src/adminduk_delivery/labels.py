"""One table of Indonesian and English labels for every enum value of the public API.

Messages, reports and tables speak to people: a Dinas head reads "penerima tidak di tempat",
not ``recipient_absent``. Every label lives here, once; decisions, summaries and the docs ask
:func:`label` instead of printing an enum's value.

>>> from adminduk_delivery import labels
>>> from adminduk_delivery.documents import Fulfilment
>>> from adminduk_delivery.shipments import FailureReason
>>> labels.label(FailureReason.RECIPIENT_ABSENT)
'penerima tidak di tempat'
>>> labels.label(FailureReason.RECIPIENT_ABSENT, "en")
'recipient absent'
>>> labels.label(Fulfilment.COLLECT)
'diambil'

The table is keyed by the enum's class name and the member's value, so this module imports
nothing of the library and every module may ask it. A test walks every public enum and checks
that each member has both labels.
"""

from __future__ import annotations

import enum
from typing import Final, Literal

from .errors import InvalidType, ValidationError

__all__ = ["LABELS", "LANGUAGES", "Language", "checked_language", "label", "labels_of"]

Language = Literal["id", "en"]
"""A label language: ``"id"`` (Bahasa Indonesia) or ``"en"`` (English)."""

LANGUAGES: Final[tuple[Language, ...]] = ("id", "en")
"""The languages of every label, Indonesian first."""

LABELS: Final[dict[str, dict[str, tuple[str, str]]]] = {
    "ShipmentStatus": {
        "created": ("dibuat", "created"),
        "handed_over": ("diserahterimakan ke kurir", "handed over to the courier"),
        "in_transit": ("dalam perjalanan", "in transit"),
        "at_delivery_office": ("di kantor pos antaran", "at the delivery office"),
        "out_for_delivery": ("dibawa kurir untuk diantar", "out for delivery"),
        "attempt_failed": ("gagal antar", "delivery attempt failed"),
        "held_for_pickup": ("disimpan di kantor pos untuk diambil", "held for pickup"),
        "returning": ("dalam pengembalian", "returning"),
        "delivered": ("diterima di alamat", "delivered"),
        "collected": ("diambil di loket", "collected"),
        "returned": ("dikembalikan", "returned"),
        "withdrawn": ("ditarik sebelum dikirim", "withdrawn"),
        "recalled": ("ditarik kembali oleh Dinas", "recalled"),
    },
    "FailureReason": {
        "address_not_found": ("alamat tidak ditemukan", "address not found"),
        "address_incomplete": ("alamat tidak lengkap", "address incomplete"),
        "recipient_absent": ("penerima tidak di tempat", "recipient absent"),
        "moved": ("pindah alamat", "moved"),
        "deceased": ("penerima meninggal dunia", "recipient deceased"),
        "refused": ("ditolak penerima", "refused"),
        "phone_unreachable": ("telepon tidak dapat dihubungi", "phone unreachable"),
        "recipient_not_eligible": ("penerima tidak berhak", "recipient not eligible"),
        "old_card_not_surrendered": ("KTP lama tidak diserahkan", "old card not surrendered"),
        "area_inaccessible": ("wilayah tidak dapat dijangkau", "area inaccessible"),
        "area_cleared": ("wilayah tergusur", "area cleared"),
        "misrouted": ("salah salur", "misrouted"),
        "damaged": ("rusak", "damaged"),
        "duplicate_print": ("cetak ganda", "duplicate print"),
        "unclaimed": ("tidak diambil", "unclaimed"),
        "force_majeure": ("keadaan kahar", "force majeure"),
    },
    "RecipientKind": {
        "owner": ("pemilik dokumen", "the owner"),
        "household_member": ("anggota keluarga (satu KK)", "a household member"),
        "village_official": ("aparat desa/kelurahan", "a village official"),
        "other": ("orang lain", "someone else"),
    },
    "Proof": {
        "id_shown": ("identitas diperlihatkan", "ID shown"),
        "photo": ("foto penyerahan", "photo"),
        "signature": ("tanda tangan", "signature"),
        "old_card_surrendered": ("KTP lama diserahkan", "old card surrendered"),
    },
    "DocumentKind": {
        "ktp_el": ("KTP elektronik", "electronic identity card"),
        "kia": ("Kartu Identitas Anak", "child identity card"),
        "kartu_keluarga": ("Kartu Keluarga", "family card"),
        "akta_kelahiran": ("Akta Kelahiran", "birth certificate"),
        "akta_kematian": ("Akta Kematian", "death certificate"),
        "akta_perkawinan": ("Akta Perkawinan", "marriage certificate"),
        "akta_perceraian": ("Akta Perceraian", "divorce certificate"),
        "surat_pindah": ("Surat Keterangan Pindah (SKPWNI)", "certificate of moving"),
        "suket": (
            "Surat Keterangan (pengganti KTP-el)",
            "temporary certificate standing in for a KTP-el",
        ),
    },
    "Fulfilment": {
        "deliver": ("dikirim", "delivered"),
        "collect": ("diambil", "collected"),
        "self_print": ("cetak mandiri", "self-printed"),
    },
    "CollectionPoint": {
        "dinas": ("kantor Dinas Dukcapil", "the Dinas Dukcapil office"),
        "kecamatan": ("kantor kecamatan", "the district office"),
        "post_office": ("kantor pos", "the post office"),
    },
    "Sex": {"female": ("perempuan", "female"), "male": ("laki-laki", "male")},
    "Bucket": {
        "delivered": ("diterima di alamat", "delivered"),
        "collected": ("diambil di loket", "collected"),
        "returned": ("dikembalikan", "returned"),
        "withdrawn": ("ditarik sebelum dikirim", "withdrawn"),
        "recalled": ("ditarik kembali oleh Dinas", "recalled"),
        "open": ("belum selesai", "open"),
    },
    "AnomalyKind": {
        "document_in_two_shipments": ("dokumen di dua kiriman", "document in two shipments"),
        "document_not_shipped": ("dokumen belum dikirim", "document not shipped"),
        "unlisted_document": ("dokumen di luar daftar", "document not on the list"),
        "shipment_not_handed_over": (
            "kiriman belum diserahterimakan",
            "shipment not handed over",
        ),
        "unknown_tracking_number": ("nomor kiriman tidak dikenal", "unknown tracking number"),
        "rejected_event": ("status kurir ditolak", "courier event rejected"),
    },
    "RecipientRule": {
        "owner_only": ("hanya pemilik dokumen", "the owner only"),
        "household": ("pemilik atau anggota KK dewasa", "the owner or an adult household member"),
    },
    "AfterFailure": {
        "hold_at_post_office": ("disimpan di kantor pos", "held at the post office"),
        "return": ("dikembalikan", "returned"),
    },
    "ReturnTo": {
        "issuer": ("Dinas Dukcapil", "the Dinas Dukcapil"),
        "district_office": ("kantor kecamatan", "the district office"),
    },
    "FeeKind": {
        "free": ("gratis", "free"),
        "flat_per_item": (
            "tarif tetap per dokumen, dibayar Dinas",
            "flat fee per item, by the Dinas",
        ),
        "cash_on_delivery": ("dibayar penerima saat diterima", "cash on delivery"),
    },
    "NextAction": {
        "retry": ("antar ulang", "retry"),
        "hold_at_post_office": ("simpan di kantor pos", "hold at the post office"),
        "return": ("kembalikan", "return"),
        "none": ("tidak ada tindakan", "nothing to do"),
    },
    "Outcome": {
        "passed": ("terpenuhi", "passed"),
        "failed": ("tidak terpenuhi", "failed"),
        "not_applicable": ("tidak berlaku", "not applicable"),
    },
    "ParseStatus": {
        "resolved": ("ditemukan", "resolved"),
        "ambiguous": ("ambigu", "ambiguous"),
        "not_found": ("tidak ditemukan", "not found"),
    },
    "RegionLevel": {
        "province": ("provinsi", "province"),
        "regency": ("kabupaten/kota", "regency"),
        "district": ("kecamatan", "district"),
        "village": ("desa/kelurahan", "village"),
    },
    "TrackingKind": {
        "s10": ("nomor UPU S10", "UPU S10 number"),
        "domestic": ("barcode domestik", "domestic barcode"),
    },
    "PhoneKind": {
        "mobile": ("seluler", "mobile"),
        "fixed_line": ("telepon rumah", "fixed line"),
        "fixed_line_or_mobile": ("telepon rumah atau seluler", "fixed line or mobile"),
        "toll_free": ("bebas pulsa", "toll free"),
        "premium_rate": ("tarif premium", "premium rate"),
        "shared_cost": ("biaya bersama", "shared cost"),
        "voip": ("VoIP", "VoIP"),
        "personal_number": ("nomor pribadi", "personal number"),
        "pager": ("pager", "pager"),
        "uan": ("nomor akses universal", "universal access number"),
        "voicemail": ("kotak suara", "voicemail"),
    },
}
"""Every label: ``LABELS[enum class name][member value] = (indonesian, english)``."""


def checked_language(language: object) -> Language:
    """``language`` if it is one of :data:`LANGUAGES`: the one check of every ``language``
    option of the library.

    Args:
        language: ``"id"`` or ``"en"``.

    Returns:
        The language.

    Raises:
        ValidationError: anything else (code ``choice``).

    >>> checked_language("en")
    'en'
    >>> checked_language("EN")
    Traceback (most recent call last):
    ...
    adminduk_delivery.errors.ValidationError: language: language is "id" or "en"
    """
    # A text first: pandas' NA compares to NA, whose truth is an error.
    if isinstance(language, str) and language in LANGUAGES:
        return "id" if language == "id" else "en"
    raise ValidationError('language is "id" or "en"', field="language", code="choice")


def _language(language: object) -> int:
    return LANGUAGES.index(checked_language(language))


def label(member: enum.Enum, language: Language = "id") -> str:
    """The label of an enum value, in Indonesian (the default) or English.

    Args:
        member: a member of one of the library's enums.
        language: ``"id"`` or ``"en"``.

    Returns:
        The label.

    Raises:
        InvalidType: ``member`` is not an enum member.
        ValidationError: ``language`` is neither ``"id"`` nor ``"en"`` (code ``choice``), or
            the enum has no labels (code ``unknown``).
    """
    if not isinstance(member, enum.Enum):
        raise InvalidType(f"expected an enum member, got {type(member).__name__}", field="member")
    index = _language(language)
    try:
        return LABELS[type(member).__name__][member.value][index]
    except KeyError:
        raise ValidationError(
            f"no label for {type(member).__name__}", field="member", code="unknown"
        ) from None


def labels_of(cls: type[enum.Enum], language: Language = "id") -> dict[str, str]:
    """Every member's label, keyed by the member's value, in the enum's order.

    Args:
        cls: one of the library's enums.
        language: ``"id"`` or ``"en"``.

    Returns:
        ``{value: label}``: a column mapping for a table (``df[col].map(...)``).

    Raises:
        InvalidType: ``cls`` is not an enum.
        ValidationError: as :func:`label`.
    """
    if not (isinstance(cls, type) and issubclass(cls, enum.Enum)):
        raise InvalidType("expected an enum class", field="cls")
    return {str(member.value): label(member, language) for member in cls}
