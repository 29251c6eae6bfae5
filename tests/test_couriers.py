"""Courier vocabularies turn raw codes into our events."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adminduk_delivery import couriers, shipments
from adminduk_delivery.couriers import POS_LEGACY, UPU_EMSEVT, Rule, Vocabulary
from adminduk_delivery.errors import ValidationError
from adminduk_delivery.shipments import FailureReason as R
from adminduk_delivery.shipments import ShipmentStatus as S

from .helpers import error_of, home, make_document, wib


@pytest.mark.parametrize(
    ("code", "status"),
    [("EMA", S.HANDED_OVER), ("EMC", S.IN_TRANSIT), ("EMG", S.AT_DELIVERY_OFFICE),
     ("EDG", S.OUT_FOR_DELIVERY), ("EMH", S.ATTEMPT_FAILED), ("EMI", S.DELIVERED),
     ("emi", S.DELIVERED)],
)  # fmt: skip
def test_upu_emsevt(code, status):
    """UPU EMSEVT codes map to our statuses; codes are case-insensitive."""
    event = couriers.translate(UPU_EMSEVT, code=code, at=wib(2020, 3, 20, 9))
    assert event.status is status
    assert event.raw_code == code


@pytest.mark.parametrize(
    ("code", "text", "status", "reason"),
    [
        ("POSTING LOKET", "", S.HANDED_OVER, None),
        ("MANIFEST SERAH", "KE KPRK BEKASI", S.IN_TRANSIT, None),
        ("MANIFEST TERIMA", "KPRK BEKASI", S.IN_TRANSIT, None),
        ("MANIFEST TERIMA", "KPC CIKARANG (ANTARAN)", S.AT_DELIVERY_OFFICE, None),
        ("PROSES ANTAR", "", S.OUT_FOR_DELIVERY, None),
        ("SELESAI ANTAR", "DITERIMA OLEH YBS", S.DELIVERED, None),
        ("SELESAI ANTAR", "ANTAR ULANG", S.ATTEMPT_FAILED, R.RECIPIENT_ABSENT),
        ("SELESAI ANTAR", "GAGAL - ALAMAT TIDAK DIKENAL", S.ATTEMPT_FAILED, R.ADDRESS_NOT_FOUND),
        ("SELESAI ANTAR", "GAGAL: PENERIMA PINDAH ALAMAT", S.ATTEMPT_FAILED, R.MOVED),
        ("SELESAI ANTAR", "ANTAR ULANG, PENERIMA MENINGGAL", S.ATTEMPT_FAILED, R.DECEASED),
        ("Selesai  Antar", "gagal ditolak", S.ATTEMPT_FAILED, R.REFUSED),
    ],
)
def test_pos_legacy(code, text, status, reason):
    """The legacy Pos vocabulary reads the note of SELESAI ANTAR for failures and reasons."""
    event = couriers.translate(POS_LEGACY, code=code, text=text, at=wib(2020, 3, 20, 9))
    assert (event.status, event.reason) == (status, reason)
    assert event.raw_text == (text or None)


def test_unknown_codes_are_our_error():
    """A code the vocabulary does not know is a ValidationError with code unknown_code."""
    with pytest.raises(ValidationError) as info:
        couriers.translate(UPU_EMSEVT, code="XYZ", at=wib(2020, 3, 20, 9))
    assert info.value.code == "unknown_code"


def test_a_dinas_builds_its_own_vocabulary():
    """Vocabularies are data: rows of code, optional text pattern, status and reason."""
    mine = Vocabulary(
        name="kurir desa",
        rules=[
            Rule(code="TERIMA", status=S.HANDED_OVER),
            Rule(code="GAGAL", status=S.ATTEMPT_FAILED, reason=R.RECIPIENT_ABSENT),
        ],
    )
    assert mine.codes == {"TERIMA", "GAGAL"}
    assert (
        couriers.translate(mine, code="gagal", at=wib(2020, 3, 20, 9)).reason is R.RECIPIENT_ABSENT
    )


def test_a_translated_feed_drives_a_shipment():
    """A Pos feed, translated and applied in order, delivers the shipment."""
    feed = [("POSTING LOKET", ""), ("MANIFEST SERAH", ""), ("MANIFEST TERIMA", "KPC ANTARAN"),
            ("PROSES ANTAR", ""), ("SELESAI ANTAR", "ANTAR ULANG"), ("PROSES ANTAR", ""),
            ("SELESAI ANTAR", "DITERIMA")]  # fmt: skip
    shipment = shipments.Shipment(
        tracking_number="RR123456785ID", documents=[make_document()], address=home()
    )
    for hour, (code, text) in enumerate(feed, start=8):
        shipment = shipments.apply(
            shipment,
            couriers.translate(POS_LEGACY, code=code, text=text, at=wib(2020, 3, 20, hour)),
        )
    assert shipment.status is S.DELIVERED
    assert shipment.attempts == 2


@given(code=st.text(max_size=20), text=st.text(max_size=40))
def test_any_scan_translates_or_is_our_error(code, text):
    """Property: translation never raises anything but ValidationError."""
    for vocabulary in (UPU_EMSEVT, POS_LEGACY):
        error = error_of(
            couriers.translate, vocabulary, code=code, text=text, at=wib(2020, 3, 20, 9)
        )
        assert error is None or error.code == "unknown_code"
