"""Courier vocabularies: tables (data, not code) that turn a courier's codes into our events.

A courier reports each scan with its own code and text. A :class:`Vocabulary` is an ordered
list of :class:`Rule` rows; the first row whose code matches (and whose text pattern, if any,
is found in the courier's text) says which :class:`~adminduk_delivery.shipments.ShipmentStatus`
and :class:`~adminduk_delivery.shipments.FailureReason` the scan means. The raw code and text are
kept on the event beside the normalised status.

Two vocabularies ship with the library:

- :data:`UPU_EMSEVT`: the UPU EMSEVT event codes used between posts (EMA posting, EMB/EMC/EMD/
  EMF/EMJ/EMK exchange-office scans, EMG arrival at the delivery office, EMH unsuccessful
  delivery, EMI final delivery, EDG out for delivery, EDH at a collection point);
- :data:`POS_LEGACY`: the legacy Pos Indonesia tracking vocabulary (POSTING LOKET, MANIFEST
  SERAH, MANIFEST TERIMA, PROSES ANTAR, SELESAI ANTAR with the courier's note, e.g. ANTAR ULANG).

A Dinas whose courier uses other words builds its own vocabulary from the same rows.

>>> import datetime as dt
>>> from adminduk_delivery import couriers
>>> wib = dt.timezone(dt.timedelta(hours=7), "WIB")
>>> event = couriers.translate(
...     couriers.POS_LEGACY, code="SELESAI ANTAR", text="ANTAR ULANG - RUMAH KOSONG",
...     at=dt.datetime(2020, 3, 23, 14, 5, tzinfo=wib), office="17500",
... )
>>> event.status.value, event.reason.value, event.raw_code
('attempt_failed', 'recipient_absent', 'SELESAI ANTAR')
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Final

import attrs

from ._convert import tuple_of
from .errors import InvalidType, ValidationError
from .shipments import FailureReason, Recipient, RecipientKind, ShipmentEvent, ShipmentStatus

__all__ = ["POS_LEGACY", "UPU_EMSEVT", "Rule", "Vocabulary", "translate"]


def _code(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidType(f"a courier code is a string, got {type(value).__name__}", field="code")
    return " ".join(value.upper().split())


@attrs.frozen(kw_only=True)
class Rule:
    """One row of a vocabulary.

    Attributes:
        code: the courier's code, compared case- and space-insensitively.
        status: the status the scan means.
        text_pattern: a regular expression searched (case-insensitively) in the courier's
            text; ``None`` matches any text.
        reason: the failure reason it implies, if any.
        recipient: for a delivery, the kind of recipient the courier's code implies.
    """

    code: str = attrs.field(converter=_code)
    status: ShipmentStatus
    text_pattern: str | None = None
    reason: FailureReason | None = None
    recipient: RecipientKind | None = None

    def matches(self, code: str, text: str) -> bool:
        """Whether this row applies to a scan."""
        if code != self.code:
            return False
        return self.text_pattern is None or bool(re.search(self.text_pattern, text, re.I))


def _rule_tuple(value: Iterable[Rule]) -> tuple[Rule, ...]:
    return tuple_of(value, Rule, field="rules")


@attrs.frozen(kw_only=True)
class Vocabulary:
    """A named, ordered table of :class:`Rule` rows: the first match wins."""

    name: str
    rules: tuple[Rule, ...] = attrs.field(converter=_rule_tuple)

    @property
    def codes(self) -> frozenset[str]:
        """Every code the vocabulary knows."""
        return frozenset(rule.code for rule in self.rules)

    def lookup(self, code: str, text: str = "") -> Rule:
        """The first row that matches.

        Raises:
            ValidationError: ``code="unknown_code"`` when no row matches.
        """
        wanted = _code(code)
        for rule in self.rules:
            if rule.matches(wanted, text):
                return rule
        raise ValidationError(
            f"{self.name} has no row for code {wanted!r}" + (" with that text" if text else ""),
            field="code",
            code="unknown_code",
        )


def translate(
    vocabulary: Vocabulary,
    *,
    code: str,
    at: dt.datetime,
    text: str = "",
    office: str | None = None,
    recipient: Recipient | None = None,
) -> ShipmentEvent:
    """Turn one courier scan into a :class:`~adminduk_delivery.shipments.ShipmentEvent`.

    Args:
        vocabulary: the courier's vocabulary.
        code: the courier's event code.
        at: when it happened (timezone-aware).
        text: the courier's free text (a note, a reason).
        office: the reporting office.
        recipient: who received it, for a delivery. When the scan is a delivery and no
            recipient is given, the row's recipient kind is used (or ``OTHER``).

    Raises:
        ValidationError: an unknown code, a naive timestamp, or an event that lacks what its
            status needs.
    """
    if not isinstance(text, str):
        raise InvalidType(f"text is a string, got {type(text).__name__}", field="text")
    rule = vocabulary.lookup(code, text)
    if rule.status.properties.needs_recipient and recipient is None:
        recipient = Recipient(kind=rule.recipient or RecipientKind.OTHER)
    return ShipmentEvent(
        status=rule.status,
        at=at,
        reason=rule.reason,
        recipient=recipient,
        office=office,
        raw_code=code,
        raw_text=text or None,
    )


def _row(
    code: str,
    status: ShipmentStatus,
    pattern: str | None = None,
    reason: FailureReason | None = None,
) -> Rule:
    return Rule(code=code, status=status, text_pattern=pattern, reason=reason)


_S = ShipmentStatus
_R = FailureReason

# Reasons as couriers write them in Indonesian notes, most specific first.
_NOTE_REASONS: Final = (
    (r"meninggal", _R.DECEASED),
    (r"pindah", _R.MOVED),
    (r"tolak|menolak", _R.REFUSED),
    (r"tidak (di)?kenal|tidak ditemukan|alamat salah", _R.ADDRESS_NOT_FOUND),
    (r"kurang lengkap|tidak lengkap|alamat tidak jelas", _R.ADDRESS_INCOMPLETE),
    (r"telepon|telp|hp tidak aktif|tidak dapat dihubungi", _R.PHONE_UNREACHABLE),
    (r"tidak berhak|bukan penerima", _R.RECIPIENT_NOT_ELIGIBLE),
    (r"ktp lama", _R.OLD_CARD_NOT_SURRENDERED),
    (r"banjir|bencana|longsor", _R.FORCE_MAJEURE),
    (r"tidak terjangkau|akses", _R.AREA_INACCESSIBLE),
    (r"gusur", _R.AREA_CLEARED),
    (r"salah salur|salah kirim", _R.MISROUTED),
    (r"rusak", _R.DAMAGED),
    (r"rumah kosong|tidak di ?tempat|tidak ada orang|antar ulang", _R.RECIPIENT_ABSENT),
)

UPU_EMSEVT: Final = Vocabulary(
    name="UPU EMSEVT",
    rules=(
        _row("EMA", _S.HANDED_OVER),
        _row("EMB", _S.IN_TRANSIT),
        _row("EMC", _S.IN_TRANSIT),
        _row("EMD", _S.IN_TRANSIT),
        _row("EMF", _S.IN_TRANSIT),
        _row("EMJ", _S.IN_TRANSIT),
        _row("EMK", _S.IN_TRANSIT),
        _row("EMG", _S.AT_DELIVERY_OFFICE),
        _row("EDG", _S.OUT_FOR_DELIVERY),
        _row("EDH", _S.HELD_FOR_PICKUP),
        *(_row("EMH", _S.ATTEMPT_FAILED, pattern, reason) for pattern, reason in _NOTE_REASONS),
        _row("EMH", _S.ATTEMPT_FAILED, reason=_R.RECIPIENT_ABSENT),
        _row("EMI", _S.DELIVERED),
    ),
)
"""UPU EMSEVT codes. EMH carries its reason in the text; without a recognised note it is read
as *recipient absent*, the most common cause."""

POS_LEGACY: Final = Vocabulary(
    name="Pos Indonesia (legacy tracking)",
    rules=(
        _row("POSTING LOKET", _S.HANDED_OVER),
        _row("MANIFEST SERAH", _S.IN_TRANSIT),
        _row("MANIFEST TERIMA", _S.AT_DELIVERY_OFFICE, r"antaran|kpc|delivery"),
        _row("MANIFEST TERIMA", _S.IN_TRANSIT),
        _row("PROSES ANTAR", _S.OUT_FOR_DELIVERY),
        *(
            _row("SELESAI ANTAR", _S.ATTEMPT_FAILED, rf"(gagal|ulang|retur).*({pattern})", reason)
            for pattern, reason in _NOTE_REASONS
        ),
        _row("SELESAI ANTAR", _S.ATTEMPT_FAILED, r"gagal|antar ulang", _R.RECIPIENT_ABSENT),
        _row("SELESAI ANTAR", _S.DELIVERED),
        _row("DITAHAN DI KANTOR", _S.HELD_FOR_PICKUP),
        _row("DIAMBIL DI LOKET", _S.COLLECTED),
        _row("RETUR", _S.RETURNING),
        _row("DITERIMA PENGIRIM", _S.RETURNED),
    ),
)
"""The legacy Pos Indonesia vocabulary. *SELESAI ANTAR* ("delivery run finished") is a
delivery unless its note says it failed (*GAGAL*, *ANTAR ULANG*), in which case the note's
words give the reason. *MANIFEST TERIMA* is an arrival at the delivery office when its text
names the delivery office (*antaran*, *KPC*), otherwise a transit scan. The last four codes are
not from Pos's public tracking pages but the shape that many programme reports use; replace
them with your courier's words."""
