"""Courier vocabularies turn raw codes into our events."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adminduk_delivery import couriers, shipments
from adminduk_delivery.couriers import POS_LEGACY, POS_NIPOS, UPU_EMSEVT, Rule, Vocabulary
from adminduk_delivery.errors import ValidationError
from adminduk_delivery.shipments import FailureReason as R
from adminduk_delivery.shipments import RecipientKind
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


def test_a_vocabulary_written_as_data_is_checked_where_it_is_written():
    """A row's status, reason and recipient may be their JSON values; a wrong one, a text
    pattern that is not a regular expression (it raised re.error at the first scan) and a
    vocabulary without a name are refused on construction, with codes."""
    row = Rule(code="antar", status="delivered", recipient="owner", text_pattern=r"\bYBS\b")
    assert (row.status, row.recipient) == (S.DELIVERED, RecipientKind.OWNER)
    assert Rule(code="X", status=S.ATTEMPT_FAILED, reason="moved").reason is R.MOVED
    for kwargs, field, code in [
        ({"status": "terkirim"}, "status", "choice"),
        ({"status": S.DELIVERED, "text_pattern": "(YBS"}, "text_pattern", "pattern"),
        ({"status": S.DELIVERED, "text_pattern": 7}, "text_pattern", "type"),
        ({"status": S.ATTEMPT_FAILED, "reason": "absent"}, "reason", "choice"),
        ({"status": S.DELIVERED, "recipient": 1}, "recipient", "type"),
    ]:
        with pytest.raises(ValidationError) as info:
            Rule(code="X", **kwargs)
        assert (info.value.field, info.value.code) == (field, code)
    for name, code in [(" ", "empty"), (None, "type")]:
        with pytest.raises(ValidationError) as info:
            Vocabulary(name=name, rules=[row])
        assert (info.value.field, info.value.code) == ("name", code)


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
    for vocabulary in (UPU_EMSEVT, POS_LEGACY, POS_NIPOS):
        error = error_of(
            couriers.translate, vocabulary, code=code, text=text, at=wib(2020, 3, 20, 9)
        )
        assert error is None or error.code in ("unknown_code", "contradictory_note")


# Real courier texts, each from public material:
# [issue] the project's issue on real-world input (texts seen on Pos Indonesia tracking);
# [nipos-json] a public e-commerce project's recorded Pos Indonesia tracking response (2023);
# [nipos-bots] open-source tracking bots and dashboards for Pos resellers (status and receiver
#   notes they read from NIPOS pages: DITERIMA ORANG SERUMAH, TIDAK DITEMPAT, ...);
# [resi-blog] blog.resi.id, "Cara membaca status barang saat check resi Pos Indonesia";
# [legacy-blog] a 2015 blog post on Pos Indonesia statuses ("Diri sendiri", "Rekan
#   kerja/pegawai", "Sekretaris/ recepcionist" as receivers).
NOTES = [
    # text, failed, reason, recipient, source
    ("penerima tidak di tempat", True, R.RECIPIENT_ABSENT, None, "issue"),
    ("TIDAK BERHASIL - ALAMAT TIDAK DITEMUKAN", True, R.ADDRESS_NOT_FOUND, None, "issue"),
    ("BELUM BERHASIL, RUMAH KOSONG", True, R.RECIPIENT_ABSENT, None, "issue"),
    ("DITERIMA OLEH YBS", False, None, RecipientKind.OWNER, "issue"),
    ("DITERIMA YANG BERSANGKUTAN", False, None, RecipientKind.OWNER, "nipos-bots"),
    ("DITERIMA ORANG SERUMAH", False, None, RecipientKind.HOUSEHOLD_MEMBER, "nipos-bots"),
    ("DITERIMA KELUARGA", False, None, RecipientKind.HOUSEHOLD_MEMBER, "nipos-bots"),
    ("DITERIMA SATPAM/SECURITY", False, None, RecipientKind.OTHER, "nipos-bots"),
    ("TIDAK DITEMPAT", True, R.RECIPIENT_ABSENT, None, "nipos-bots"),
    ("RUMAH KOSONG", True, R.RECIPIENT_ABSENT, None, "nipos-bots"),
    ("PENERIMA MENOLAK BAYAR COD", True, R.REFUSED, None, "nipos-bots"),
    ("ALAMAT TIDAK DITEMUKAN / KURANG JELAS", True, R.ADDRESS_NOT_FOUND, None, "nipos-bots"),
    ("NO HP TIDAK BISA DIHUBUNGI", True, R.PHONE_UNREACHABLE, None, "nipos-bots"),
    ("GAGAL ANTAR", True, None, None, "nipos-bots"),
    ("Barang anda P2310250148600 selesai dikirim oleh Edwin Luga P. (560001278) dan diterima "
     "oleh Syawal (DITERIMA YANG BERSANGKUTAN)", False, None, RecipientKind.OWNER, "nipos-json"),
    ("Antar gagal", True, None, None, "resi-blog"),
    ("Diri sendiri", False, None, RecipientKind.OWNER, "legacy-blog"),
    ("Rekan kerja/pegawai", False, None, RecipientKind.OTHER, "legacy-blog"),
    ("Sekretaris/ recepcionist", False, None, RecipientKind.OTHER, "legacy-blog"),
    # constructed, for the abbreviations and the order of the recipient phrases:
    ("tdk ada org dirumah", True, R.RECIPIENT_ABSENT, None, "constructed"),
    ("diterima ibu RT", False, None, RecipientKind.VILLAGE_OFFICIAL, "constructed"),
    ("diterima ibu", False, None, RecipientKind.HOUSEHOLD_MEMBER, "constructed"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "failed", "reason", "recipient", "source"), NOTES)
def test_real_courier_notes(text, failed, reason, recipient, source):
    """Finding 3 of the real-input issue: real notes read as what they say (source cited)."""
    note = couriers.read_note(text)
    assert (note.failed, note.reason, note.recipient) == (failed, reason, recipient), source


@pytest.mark.parametrize("vocabulary", [POS_LEGACY, POS_NIPOS])
@pytest.mark.parametrize(("text", "failed", "reason", "recipient", "source"), NOTES)
def test_a_delivery_scan_with_a_failure_note_is_never_a_delivery(  # noqa: PLR0917
    vocabulary, text, failed, reason, recipient, source
):
    """A delivery code whose note reads as a failure becomes the failed attempt it describes;
    a receipt note names the recipient."""
    code = "SELESAI ANTAR" if vocabulary is POS_LEGACY else "DELIVERED"
    event = couriers.translate(vocabulary, code=code, text=text, at=wib(2020, 3, 20, 9))
    if failed:
        assert event.status is S.ATTEMPT_FAILED
        assert event.reason is (reason or R.RECIPIENT_ABSENT)
    else:
        assert event.status is S.DELIVERED
        assert event.recipient.kind is recipient


def test_a_collection_whose_note_says_it_failed_is_refused():
    """A collection scan with a failure note cannot be resolved: our error, kept for review."""
    with pytest.raises(ValidationError) as info:
        couriers.translate(POS_LEGACY, code="DIAMBIL DI LOKET", text="gagal, tidak berhasil",
                           at=wib(2020, 3, 20, 9))  # fmt: skip
    assert info.value.code == "contradictory_note"


# The recorded NIPOS history of one parcel [nipos-json], its codes and texts as Pos wrote them.
NIPOS_FEED = [
    ("ON PROCESS", "Barang anda telah diterima di loket SPP YOGYAKARTA 55400"),
    ("inBag", "Barang anda telah melewati proses bagging dengan nomor bag PID38379920 di SPP "
              "YOGYAKARTA 55400"),
    ("INVEHICLE", "Barang anda telah melewati proses ManifestR7 di SPP YOGYAKARTA 55400 dengan "
                  "tujuan SPP JAKARTA TIMUR 13400"),
    ("INLOCATION", "Bag PID38379920 telah melewati proses Receiving di SPP JAKARTA TIMUR 13400"),
    ("INLOCATION", "Bag PID38379920 telah melewati proses Receiving di SPP JAKARTA TIMUR 13400"),
    ("INVEHICLE", "Barang anda telah melewati proses ManifestR7 di SPP JAKARTA TIMUR 13400"),
    ("unBag", "Barang anda telah melewati proses Unbagging dari bag PID38379920 di KC TIMIKA "
              "99900"),
    ("INLOCATION", "Barang anda telah melewati proses Receiving di KC TIMIKA 99900"),
    ("DELIVERYRUNSHEET", "Barang anda telah melewati proses DeliveryRunsheet di KC TIMIKA "
                         "99900"),
    ("DELIVERED", "Barang anda selesai dikirim dan diterima oleh Syawal (DITERIMA YANG "
                  "BERSANGKUTAN)"),
]  # fmt: skip


def test_a_recorded_nipos_history_delivers_to_the_owner():
    """Finding 4 of the real-input issue: every row of a real NIPOS history translates and
    applies in order; the receiver note makes the owner the recipient."""
    shipment = shipments.Shipment(
        tracking_number="RR123456785ID", documents=[make_document()], address=home()
    )
    statuses = []
    for hour, (code, text) in enumerate(NIPOS_FEED, start=7):
        event = couriers.translate(POS_NIPOS, code=code, text=text, at=wib(2020, 3, 20, hour))
        statuses.append(event.status)
        shipment = shipments.apply(shipment, event)
    assert statuses[7] is S.AT_DELIVERY_OFFICE  # KC TIMIKA, the delivery office
    assert statuses[3] is S.IN_TRANSIT  # SPP JAKARTA TIMUR, a processing centre
    assert shipment.status is S.DELIVERED
    assert shipment.events[-1].recipient.kind is RecipientKind.OWNER


@pytest.mark.parametrize(
    ("code", "text", "status"),
    [
        ("FAILEDTODELIVERED", "RUMAH KOSONG", S.ATTEMPT_FAILED),
        ("ANTAR ULANG", "", S.OUT_FOR_DELIVERY),
        ("Irregularity", "MISROUTE", S.IN_TRANSIT),
        ("DELIVERED (RETURN DELIVERY)", "DITERIMA PENGIRIM", S.RETURNED),
        ("PENDING", "", S.HANDED_OVER),
    ],
)
def test_nipos_codes(code, text, status):
    """The NIPOS codes of public tracking integrations map to our statuses."""
    assert couriers.translate(POS_NIPOS, code=code, text=text, at=wib(2020, 3, 20, 9)).status is (
        status
    )


def test_a_delivery_to_the_sender_is_a_return():
    """NIPOS reports a returned item as DELIVERED with "DITERIMA PENGIRIM": the item went back
    to the sender (the Dinas), so it is returned, never delivered to the resident."""
    event = couriers.translate(
        POS_NIPOS, code="DELIVERED", text="DITERIMA PENGIRIM", at=wib(2020, 3, 20, 9)
    )
    assert event.status is S.RETURNED
