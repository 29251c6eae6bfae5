"""Courier vocabularies: tables (data, not code) that turn a courier's codes into our events.

A courier reports each scan with its own code and text. A :class:`Vocabulary` is an ordered
list of :class:`Rule` rows; the first row whose code matches (and whose text pattern, if any,
is found in the courier's text) says which :class:`~adminduk_delivery.shipments.ShipmentStatus`
and :class:`~adminduk_delivery.shipments.FailureReason` the scan means. The raw code and text are
kept on the event beside the normalised status.

Three vocabularies ship with the library:

- :data:`UPU_EMSEVT`: the UPU EMSEVT event codes used between posts (EMA posting, EMB/EMC/EMD/
  EMF/EMJ/EMK exchange-office scans, EMG arrival at the delivery office, EMH unsuccessful
  delivery, EMI final delivery, EDG out for delivery, EDH at a collection point);
- :data:`POS_LEGACY`: the legacy Pos Indonesia tracking vocabulary (POSTING LOKET, MANIFEST
  SERAH, MANIFEST TERIMA, PROSES ANTAR, SELESAI ANTAR with the courier's note, e.g. ANTAR ULANG);
- :data:`POS_NIPOS`: today's Pos Indonesia tracking (NIPOS: INVEHICLE, INLOCATION,
  DELIVERYRUNSHEET, FAILEDTODELIVERED, DELIVERED with the receiver's note, ...).

The courier's free text is read by one reader for every vocabulary, :func:`read_note`: a
delivery scan whose note says the attempt failed ("penerima tidak di tempat", "TIDAK BERHASIL -
ALAMAT TIDAK DITEMUKAN") is the failed attempt it describes, never a delivery, and a receiver
note names who received ("DITERIMA YANG BERSANGKUTAN": the owner; "DITERIMA ORANG SERUMAH": a
household member; "penerima tidak di tempat, dititipkan ke tetangga": someone else).
:data:`NOTE_SHAPES` lists the shapes of notes it reads, each with a real example. A Dinas
whose courier uses other words builds its own vocabulary from the same rows.

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
import itertools
import re
from collections.abc import Iterable
from typing import Final, Literal, NamedTuple

import attrs

from ._convert import enum_member, excerpt, tuple_of
from ._convert import text as _text
from .errors import InvalidType, ValidationError
from .shipments import FailureReason, Recipient, RecipientKind, ShipmentEvent, ShipmentStatus

__all__ = [
    "NOTE_REASONS",
    "NOTE_RECIPIENTS",
    "NOTE_SHAPES",
    "POS_LEGACY",
    "POS_NIPOS",
    "UPU_EMSEVT",
    "Note",
    "NoteShape",
    "Rule",
    "Vocabulary",
    "read_note",
    "translate",
]


def _code(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidType(f"a courier code is a string, got {type(value).__name__}", field="code")
    return " ".join(value.upper().split())


def _pattern(value: object) -> str | None:
    """A row's text pattern, compiled once here so that a bad one is refused where it is
    written, not at the first scan it is searched in."""
    if value is None:
        return None
    pattern = _text(value, field="text_pattern")
    try:
        re.compile(pattern, re.I)
    except re.error:
        raise ValidationError(
            "text_pattern is not a regular expression", field="text_pattern", code="pattern"
        ) from None
    return pattern


def _status(value: object) -> ShipmentStatus:
    return enum_member(value, ShipmentStatus, field="status")


def _optional_reason(value: object) -> FailureReason | None:
    return None if value is None else enum_member(value, FailureReason, field="reason")


def _recipient(value: object) -> RecipientKind | None:
    return None if value is None else enum_member(value, RecipientKind, field="recipient")


def _name(value: object) -> str:
    name = _text(value, field="name").strip()
    if not name:
        raise ValidationError("a vocabulary has a name", field="name", code="empty")
    return name


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

    Raises:
        InvalidType: a field of the wrong type.
        ValidationError: a status, reason or recipient kind that is none of its values
            (code ``choice``), a text pattern that is not a regular expression
            (``pattern``).
    """

    code: str = attrs.field(converter=_code)
    status: ShipmentStatus = attrs.field(converter=_status)
    text_pattern: str | None = attrs.field(default=None, converter=_pattern)
    reason: FailureReason | None = attrs.field(default=None, converter=_optional_reason)
    recipient: RecipientKind | None = attrs.field(default=None, converter=_recipient)

    def matches(self, code: str, text: str) -> bool:
        """Whether this row applies to a scan.

        Args:
            code: the scan's event code, as :meth:`Vocabulary.lookup` compacts it.
            text: the scan's free text, searched with the row's pattern (any case).

        Returns:
            ``True`` when the code is the row's and the pattern (if any) is found in the text.

        Raises:
            Nothing: anything that is not the row's code does not match.
        """
        if not isinstance(code, str) or code != self.code:
            return False
        return self.text_pattern is None or (
            isinstance(text, str) and re.search(self.text_pattern, text, re.I) is not None
        )


def _rule_tuple(value: Iterable[Rule]) -> tuple[Rule, ...]:
    return tuple_of(value, Rule, field="rules")


@attrs.frozen(kw_only=True)
class Vocabulary:
    """A named, ordered table of :class:`Rule` rows: the first match wins.

    Attributes:
        name: the vocabulary's name, for messages.
        rules: the rows, in order.

    Raises:
        InvalidType: a name that is not text, rows that are not :class:`Rule` rows.
        ValidationError: an empty name (code ``empty``).
    """

    name: str = attrs.field(converter=_name)
    rules: tuple[Rule, ...] = attrs.field(converter=_rule_tuple)

    @property
    def codes(self) -> frozenset[str]:
        """Every code the vocabulary knows."""
        return frozenset(rule.code for rule in self.rules)

    def lookup(self, code: str, text: str = "") -> Rule:
        """The first row that matches.

        Args:
            code: the scan's event code (spaces around it and case do not matter).
            text: the scan's free text, for rows told apart by their text.

        Returns:
            The first :class:`Rule` of the vocabulary that matches.

        Raises:
            InvalidType: ``code`` is not a string.
            ValidationError: ``code="unknown_code"`` when no row matches.
        """
        wanted = _code(code)
        for rule in self.rules:
            if rule.matches(wanted, text):
                return rule
        raise ValidationError(
            f"{self.name} has no row for code {excerpt(wanted)}"
            + (" with that text" if isinstance(text, str) and text else ""),
            field="code",
            code="unknown_code",
        )


# --------------------------------------------------------------------------------------------
# The courier-text reader


@attrs.frozen(kw_only=True)
class Note:
    """What a courier's free text says, read by :func:`read_note`.

    Attributes:
        failed: the text says the delivery did not happen (*gagal*, *tidak berhasil*, *belum
            berhasil*, *antar ulang*, *penerima tidak di tempat*, a failure reason...).
        reason: the failure reason the text names, if any.
        recipient: who received it, if the text says (*YBS* / *yang bersangkutan* /
            *diri sendiri*: the owner; *orang serumah* / *keluarga* / *istri*...: a household
            member; *ketua RT* / *lurah*...: a village official; *satpam* / *tetangga*...:
            someone else). ``None`` where it names only a person (*Bpk. Anto*, *Sulis*).
    """

    failed: bool = False
    reason: FailureReason | None = None
    recipient: RecipientKind | None = None


_ABBREVIATIONS: Final = {
    "tdk": "tidak", "tak": "tidak", "gk": "tidak", "ga": "tidak", "gak": "tidak",
    "nggak": "tidak", "blm": "belum", "sdh": "sudah", "udh": "sudah", "yg": "yang",
    "dgn": "dengan", "dg": "dengan", "krn": "karena", "almt": "alamat", "alm": "alamat",
    "org": "orang", "rmh": "rumah", "ditempat": "di tempat", "dirumah": "di rumah",
    "hp": "telepon", "telp": "telepon", "tlp": "telepon", "no": "nomor", "ortu": "orang tua",
    "pnrm": "penerima", "pak": "bapak", "bpk": "bapak", "bp": "bapak", "bu": "ibu",
    "sdr": "saudara", "sdri": "saudari", "sdra": "saudara", "ktp": "ktp", "dititip": "dititipkan",
}  # fmt: skip
"""Abbreviations couriers write, expanded before the phrases are matched."""

_FAILURE: Final = re.compile(
    r"\b(?:gagal|failed|tidak berhasil|belum berhasil|tidak terkirim|belum terkirim"
    r"|tidak (?:\w+ )?diterima|belum (?:\w+ )?diterima|antar ulang|retur|return|kendala)\b"
)
"""Phrases that say a delivery did not happen, whatever the code says or the text adds."""

_NOBODY_IN: Final = (
    r"tidak di tempat|tidak di rumah|rumah kosong|tidak ada orang(?: di (?:rumah|tempat))?"
    r"|tidak ada di rumah|sedang keluar"
)
"""The words that say nobody was in: the *recipient absent* row of :data:`NOTE_REASONS`
and :data:`_ABSENCE` read them both."""

_ABSENCE: Final = re.compile(
    rf"\b(?:(?:penerima|ybs|yang bersangkutan|pemilik(?: rumah)?) )?(?:{_NOBODY_IN})\b"
)
"""Phrases that say nobody was in, with whom they say it of: left out when the text says who
took the item instead ("YBS tidak di tempat, dititipkan ke istri" is the wife)."""

_CLEARED: Final = re.compile(r"\b(?:tanpa|tidak ada|bukan) (?:kendala|masalah|hambatan|retur)\b")
"""Phrases that deny a failure word ("diterima YBS, tanpa kendala"): removed before reading."""

_HANDOVER: Final = re.compile(
    r"\b(?:diterima|dititipkan|diserahkan|diberikan|received|delivered to)\b"
)
_NEGATION: Final = frozenset({"tidak", "belum", "gagal", "bukan", "jangan", "not"})

# Reasons as couriers write them in Indonesian notes, most specific first.
NOTE_REASONS: Final[tuple[tuple[str, FailureReason], ...]] = (
    (r"meninggal|wafat|almarhum|\bdeceased\b", FailureReason.DECEASED),
    (r"\b(?:ber)?pindah\b|\baddressee moved\b|\bleft without instructions\b",
     FailureReason.MOVED),
    (r"tolak|menolak|penolakan|\brefused\b", FailureReason.REFUSED),
    (r"(?:tidak|belum) (?:di)?(?:ke)?(?:kenal|temukan)|alamat salah|salah alamat"
     r"|cannot be located|\bsuch person", FailureReason.ADDRESS_NOT_FOUND),
    (r"kurang lengkap|tidak lengkap|(?:tidak|kurang) jelas|insufficient address"
     r"|missing address", FailureReason.ADDRESS_INCOMPLETE),
    (r"\b(?:telepon|nomor|wa|whatsapp)(?: \w+){0,2} (?:tidak|belum) (?:aktif|diangkat|tersambung"
     r"|terdaftar|valid)|(?:tidak|belum) (?:dapat|bisa) dihubungi|nomor salah|salah nomor",
     FailureReason.PHONE_UNREACHABLE),
    (r"tidak berhak|bukan penerima", FailureReason.RECIPIENT_NOT_ELIGIBLE),
    (r"ktp lama (?:\w+ )?(?:tidak|belum) (?:\w+ )?(?:diserahkan|dikembalikan|ada|dibawa)"
     r"|(?:tidak|belum) (?:\w+ )?(?:menyerahkan|mengembalikan|membawa) ktp lama",
     FailureReason.OLD_CARD_NOT_SURRENDERED),
    (r"banjir|bencana|longsor|force majeure", FailureReason.FORCE_MAJEURE),
    (r"tidak (?:dapat |bisa )?(?:di)?jangkau|(?:tidak ada|tanpa|sulit) akses"
     r"|akses (?:jalan )?(?:terputus|tertutup|sulit|tidak)", FailureReason.AREA_INACCESSIBLE),
    (r"gusur", FailureReason.AREA_CLEARED),
    (r"salah salur|salah kirim|misroute|salah rute|salah route|\bmissent\b",
     FailureReason.MISROUTED),
    (r"rusak|\bdamaged\b", FailureReason.DAMAGED),
    (r"\bunclaimed\b|tidak diambil", FailureReason.UNCLAIMED),
    (rf"{_NOBODY_IN}|antar ulang|addressee absent|door locked|missed delivery|office closed",
     FailureReason.RECIPIENT_ABSENT),
)  # fmt: skip
"""Failure reasons by the words couriers write (after :data:`_ABBREVIATIONS`), most specific
first: the first match names the reason. Beside the Indonesian words, the English
non-delivery remarks of posts' delivery systems ("Addressee Absent", "Door Locked",
"Refused", "Addressee moved", "Insufficient Address", "No such person in the address",
"Deceased", "Unclaimed"...), which an item between posts (UPU EMSEVT's EMH) may carry.
Each pattern says that something went wrong, not only what a note mentions: "KTP lama sudah
diserahkan" or "konfirmasi via telepon" is no failure."""

_KIN: Final = (
    r"istri|suami|anak|ayah|adik|kakak|orang tua|keluarga|mertua|menantu|cucu|nenek|kakek"
    r"|paman|bibi|keponakan"
)
"""Relations that are never a title before a name (unlike *ibu*, *bapak*, *saudara*)."""
_RELATIONS: Final = rf"{_KIN}|ibu|bapak|saudara|saudari"

NOTE_RECIPIENTS: Final[tuple[tuple[str, RecipientKind], ...]] = (
    (r"\b(?:ibu|bapak|pemilik|penjaga|anak|penghuni|teman) (?:kos|kost|kosan|kostan)\b",
     RecipientKind.OTHER),
    (rf"\b(?:{_KIN})(?: dari)? (?:yang bersangkutan|ybs|penerima)\b"
     r"|\b(?:ibu|bapak|saudara|saudari) dari (?:yang bersangkutan|ybs|penerima)\b",
     RecipientKind.HOUSEHOLD_MEMBER),
    (r"\bybs\b|yang bersangkutan|diri sendiri|pemilik", RecipientKind.OWNER),
    (r"\btetangga\b|\bneighbou?rs?\b", RecipientKind.OTHER),
    (r"(?:ketua|bapak|ibu) r[tw]\b|\brt setempat|kepala desa|\bkades\b|\blurah\b"
     r"|sekretaris (?:desa|kelurahan)|\bsekdes\b|kepala dusun|\bkadus\b"
     r"|(?:perangkat|aparat) (?:desa|kelurahan)|staf kelurahan|kantor desa|kantor kelurahan",
     RecipientKind.VILLAGE_OFFICIAL),
    (rf"orang serumah|serumah|\b(?:{_RELATIONS})(?:nya)?\b", RecipientKind.HOUSEHOLD_MEMBER),
    (r"satpam|security|rekan kerja|pegawai|sekretaris|resepsionis|receptionist|reception",
     RecipientKind.OTHER),
)  # fmt: skip
"""Who received, by the words couriers write (after :data:`_ABBREVIATIONS`); the first match
wins, so "ibu RT" is a village official, "ibu kos" (the landlady) someone else, "istri YBS"
a household member and "ibu" alone a household member. The village officials are also
named by the titles of Permendagri 84/2015 (the village secretary, *sekdes*, before the
*sekretaris* of an office; the hamlet head, *kepala dusun* or *kadus*). *Bapak*, *Ibu* and
*Saudara* before a name are titles, not relations: "Diterima oleh Bpk. Anto" names a
person, not a kind; before YBS too, as letters write "Bapak/Ibu ybs.": "Diambil oleh ibu
ybs" is the owner, "ibu dari YBS" a household member."""

_TITLES: Final = frozenset({"bapak", "ibu", "saudara", "saudari"})
"""Words that are a relation alone ("diterima ibu") and a title before a name ("Ibu Siti")."""

_NAME_TITLES: Final = re.compile(r"\banak agung\b")
"""Balinese name titles made of relation words ("Anak Agung Putra" is a name)."""

_WORDS: Final = re.compile(r"[^0-9a-z]+")
_COMPILED_REASONS: Final = tuple((re.compile(p), r) for p, r in NOTE_REASONS)
_COMPILED_RECIPIENTS: Final = tuple((re.compile(p), k) for p, k in NOTE_RECIPIENTS)
_MAX_NOTE: Final = 2_000


_RELATION_AFTER: Final = frozenset(
    {"rt", "rw", "kos", "kost", "kosan", "kostan", "dari", "kandung", "tiri", "angkat",
     "mertua", "penerima", "rumah", "nya", "di", "ke", "dan", "atau", "dengan", "karena",
     "sebab", "untuk", "yang", "oleh", "sendiri", "sudah", "telah", "tidak", "belum", "ada",
     "tersebut", "sebelah", "depan"}
)  # fmt: skip
"""Words after which *bapak*, *ibu* or *saudara* is a relation or part of a role the tables
name ("ibu kandung", "ibu dari YBS", "bapak RT", "ibu kos", "diterima ibu di rumah"); before
any other word it is a title, of a name ("Ibu Siti") or of a role ("Pak Satpam", "Bu
Kades")."""


def _normalise(text: str) -> str:
    lowered = _WORDS.sub(" ", text[:_MAX_NOTE].lower())
    words = _NAME_TITLES.sub(" ", " ".join(_ABBREVIATIONS.get(w, w) for w in lowered.split()))
    listed = words.split()
    # A title says nothing of who the person is: "bapak anto" is a person, "pak satpam" a
    # guard, "bapak" alone a father, "bapak rt" a village official.
    return " ".join(
        word
        for word, after in itertools.pairwise([*listed, ""])
        if not (word in _TITLES and after.isalpha() and after not in _RELATION_AFTER)
    )


def _handed_over(words: str) -> bool | None:
    """Whether the text says someone took the item: ``True`` for a handover verb no negation
    precedes ("diterima tetangga"), ``False`` where every one is negated ("jangan dititipkan ke
    tetangga", "tidak dapat diterima"), ``None`` where the text has none."""
    negated = None
    for match in _HANDOVER.finditer(words):
        if _NEGATION.intersection(words[: match.start()].split()[-2:]):
            negated = False
        else:
            return True
    return negated


def read_note(text: str) -> Note:
    """Read a courier's free text: did it fail, why, and who received.

    One reader serves every vocabulary: any case, abbreviations (*tdk*, *blm*, *yg*, *YBS*,
    *Bpk*), prefixes and punctuation (``"TIDAK BERHASIL - ALAMAT TIDAK DITEMUKAN"``). The
    phrase tables are data: :data:`NOTE_REASONS`, :data:`NOTE_RECIPIENTS`; the shapes of
    notes it reads, with real examples, are :data:`NOTE_SHAPES`.

    It reads what a note says, not only the words it holds: *Bapak*, *Ibu* or *Saudara*
    before a name is a title ("Diterima oleh Bpk. Anto" names a person of no known kind),
    someone who took the item while nobody was in received it ("penerima tidak di tempat,
    dititipkan ke tetangga"), a denied failure word is no failure ("tanpa kendala"), and a
    note that mentions a topic ("KTP lama sudah diserahkan") is no failure of that topic.

    Args:
        text: the note (its first 2,000 characters are read).

    Returns:
        The :class:`Note`. A text that names a failure reason counts as a failure.

    Raises:
        InvalidType: ``text`` is not a string.

    >>> from adminduk_delivery import couriers
    >>> couriers.read_note("TIDAK BERHASIL - ALAMAT TIDAK DITEMUKAN")
    Note(failed=True, reason=<FailureReason.ADDRESS_NOT_FOUND: 'address_not_found'>, recipient=None)
    >>> couriers.read_note("diterima oleh Syawal (DITERIMA YANG BERSANGKUTAN)").recipient
    <RecipientKind.OWNER: 'owner'>
    >>> couriers.read_note("YBS tidak di tempat, dititipkan ke istri").recipient
    <RecipientKind.HOUSEHOLD_MEMBER: 'household_member'>
    """
    if not isinstance(text, str):
        raise InvalidType(f"text is a string, got {type(text).__name__}", field="text")
    words = _CLEARED.sub(" ", _normalise(text)).strip()
    if not words:
        return _EMPTY_NOTE
    reason = next((r for pattern, r in _COMPILED_REASONS if pattern.search(words)), None)
    said_failed = _FAILURE.search(words) is not None
    handed_over = _handed_over(words)
    if not said_failed and reason in (None, FailureReason.RECIPIENT_ABSENT) and handed_over:
        # "penerima tidak di tempat, dititipkan ke tetangga": nobody was in, someone took it.
        reason = None
    elif said_failed or reason is not None:
        return Note(failed=True, reason=reason)
    if handed_over is False:
        return _EMPTY_NOTE  # "jangan dititipkan ke tetangga" names nobody who took it
    # Who took it, not who was out: "YBS tidak di tempat, dititipkan ke istri" is the wife.
    receiver = _ABSENCE.sub(" ", words)
    recipient = next((k for pattern, k in _COMPILED_RECIPIENTS if pattern.search(receiver)), None)
    return Note(recipient=recipient)


_EMPTY_NOTE: Final = Note()


class NoteShape(NamedTuple):
    """One way couriers write a scan's note, with a real example.

    Attributes:
        name: a short name for the shape.
        template: the shape as a :meth:`str.format` template, for the strategies and tests.
            Its fields: ``{reason}`` a failure and its cause ("RUMAH KOSONG"), ``{remark}``
            a post's English non-delivery remark ("Addressee Absent"), ``{failure}``
            words of failure ("TIDAK BERHASIL"), ``{receipt}`` a receipt status ("DITERIMA
            ORANG SERUMAH"), ``{role}`` who took it ("istri", "ketua RT"), ``{title}`` a title
            ("Bpk."), ``{name}`` a person's name, ``{absence}`` nobody in ("penerima tidak di
            tempat"), ``{when}`` a date and time, ``{city}``, ``{tracking}`` a barcode,
            ``{courier}`` the courier's name and number.
        means: what a note of the shape says: ``"failure"`` (failed, for the cause in
            ``{reason}`` or ``{remark}``), ``"receipt"`` or ``"role"`` (received, by the kind
            of person its ``{receipt}`` or ``{role}`` names) or ``"person"`` (received by
            someone named only: no kind).
        example: an example as it was written.
        source: where the example comes from.
    """

    name: str
    template: str
    means: Literal["failure", "receipt", "role", "person"]
    example: str
    source: str


_ISSUE: Final = "the project's real-input issue (texts seen on Pos Indonesia tracking)"
_NIPOS_BOTS: Final = (
    "open-source tracking bots and dashboards for Pos Indonesia resellers, which list the "
    "NIPOS statuses and receiver notes they read"
)
_NIPOS_POD: Final = (
    "a recorded Pos Indonesia (NIPOS) response of November 2024 in a public repository: the "
    "receiver field of its proof of delivery (KC Surabaya Selatan)"
)
_NIPOS_JSON: Final = "a public e-commerce project's recorded Pos Indonesia tracking response"
_CS_TOOLS: Final = (
    "sellers' customer-service tools in public repositories, quoting the Pos statuses they "
    "follow up ('RUMAH/ALAMAT BELUM DIKETEMUKAN', 'gagal antar karena rumah kosong')"
)
_COURIER_APPS: Final = (
    "the note fields of courier and delivery apps in public repositories: their placeholders "
    "and sample data show couriers what to write"
)
_BRACKETED: Final = "a courier tracking response recorded in a public repository (2021)"
_LEFT_WITH: Final = (
    "a 2010 blog post on parcels ('penerima tidak di rumah, maka paket akan dititipkan ke "
    "tetangga') and a courier app's note placeholder"
)
_POST_REMARKS: Final = (
    "the non-delivery reasons of a national post's delivery system (an IPS-style list: 'Door "
    "Locked', 'Addressee moved', 'Addressee Absent', 'Refused', 'No such person in the "
    "address', 'Unclaimed', 'Deceased'...), in a public repository"
)
_NO_TROUBLE: Final = (
    "everyday Indonesian for a delivery that went well ('berhasil terkirim tanpa kendala', "
    "in a public app's release notes)"
)

NOTE_SHAPES: Final[tuple[NoteShape, ...]] = (
    NoteShape("status", "{reason}", "failure", "RUMAH/ALAMAT BELUM DIKETEMUKAN", _CS_TOOLS),
    NoteShape("failure, dash, cause", "{failure} - {reason}", "failure",
              "TIDAK BERHASIL - ALAMAT TIDAK DITEMUKAN", _ISSUE),
    NoteShape("failure, comma, cause", "{failure}, {reason}", "failure",
              "BELUM BERHASIL, RUMAH KOSONG", _ISSUE),
    NoteShape("failure because", "{failure} karena {reason}", "failure",
              "gagal antar karena rumah kosong", _CS_TOOLS),
    NoteShape("post's remark", "{remark}", "failure", "Addressee Absent", _POST_REMARKS),
    NoteShape("receipt status", "{receipt}", "receipt", "DITERIMA ORANG SERUMAH", _NIPOS_BOTS),
    NoteShape("name, receipt in brackets", "{name} ({receipt})", "receipt",
              "Sulis (DITERIMA ORANG SERUMAH)", _NIPOS_POD),
    NoteShape("NIPOS sentence",
              "Barang anda {tracking} selesai dikirim oleh {courier} dan diterima oleh {name} "
              "({receipt})", "receipt",
              "Barang anda P2310250148600 selesai dikirim oleh Edwin Luga P. (560001278) dan "
              "diterima oleh Syawal (DITERIMA YANG BERSANGKUTAN)", _NIPOS_JSON),
    NoteShape("received by", "DITERIMA OLEH {role}", "role", "DITERIMA OLEH YBS", _ISSUE),
    NoteShape("title and name", "Diterima oleh {title} {name}", "person",
              "Diterima oleh Bpk. Anto", _COURIER_APPS),
    NoteShape("title, name, role", "Paket telah diterima oleh {title} {name} ({role})", "role",
              "Paket telah diterima oleh Bpk. Budi (Keluarga Serumah)", _COURIER_APPS),
    NoteShape("labelled name", "Selesai Antar. Penerima: {name}", "person",
              "Selesai Antar. Penerima: Agus Pranoto", _COURIER_APPS),
    NoteShape("bracketed receiver", "DELIVERED TO [{name} | {when} | {city} ]", "person",
              "DELIVERED TO [ainul yakin | 17-03-2021 11:15 | JAKARTA ]", _BRACKETED),
    NoteShape("left with someone", "Paket dititipkan ke {role}, {title} {name}.", "role",
              "Paket dititipkan ke tetangga, Ibu Ani.", _COURIER_APPS),
    NoteShape("nobody in, left with someone", "{absence}, dititipkan ke {role}", "role",
              "penerima tidak di rumah, maka paket akan dititipkan ke tetangga", _LEFT_WITH),
    NoteShape("received without trouble", "Diterima {role}, tanpa kendala", "role",
              "berhasil terkirim tanpa kendala", _NO_TROUBLE),
)  # fmt: skip
"""The shapes of courier notes that :func:`read_note` reads, each with a real example and
its source. :func:`adminduk_delivery.strategies.courier_notes` writes every one of them."""


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

    The row of the vocabulary gives the status; the courier's text, read by
    :func:`read_note`, gives the reason of a failure and the recipient of a delivery. A
    delivery scan whose text says the attempt failed is **never** a delivery: it becomes the
    failed attempt it describes (its reason from the text, else *recipient absent*, the
    commonest). A collection scan whose text says it failed cannot be resolved and is refused
    (``code="contradictory_note"``): keep it for review, as
    :meth:`~adminduk_delivery.batches.Batch.fold` keeps rejected events.

    Args:
        vocabulary: the courier's vocabulary.
        code: the courier's event code.
        at: when it happened (timezone-aware).
        text: the courier's free text (a note, a reason, the receiver).
        office: the reporting office.
        recipient: who received it, for a delivery. Without it, the row's recipient kind,
            else the one the text names, else ``OTHER``.

    Returns:
        The event, with the raw code and text kept beside the normalised status.

    Raises:
        InvalidType: ``text`` or ``vocabulary`` of the wrong type.
        ValidationError: an unknown code (``unknown_code``), a collection whose text says it
            failed (``contradictory_note``), a naive timestamp, or an event that lacks what
            its status needs.
    """
    if not isinstance(vocabulary, Vocabulary):
        raise InvalidType("vocabulary is a Vocabulary", field="vocabulary")
    if not isinstance(text, str):
        raise InvalidType(f"text is a string, got {type(text).__name__}", field="text")
    rule = vocabulary.lookup(code, text)
    note = read_note(text)
    status, reason = rule.status, rule.reason
    if status.received and note.failed:
        if status is not ShipmentStatus.DELIVERED:
            raise ValidationError(
                f"a {status.value} scan whose note says it failed",
                field="text",
                code="contradictory_note",
            )
        status, recipient = ShipmentStatus.ATTEMPT_FAILED, None
    if status.properties.needs_reason and reason is None:
        reason = note.reason or FailureReason.RECIPIENT_ABSENT
    if status.properties.needs_recipient and recipient is None:
        recipient = Recipient(kind=rule.recipient or note.recipient or RecipientKind.OTHER)
    return ShipmentEvent(
        status=status,
        at=at,
        reason=reason,
        recipient=recipient,
        office=office,
        raw_code=code,
        raw_text=text or None,
    )


def _row(code: str, status: ShipmentStatus, pattern: str | None = None) -> Rule:
    return Rule(code=code, status=status, text_pattern=pattern)


_S = ShipmentStatus

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
        _row("EMH", _S.ATTEMPT_FAILED),
        _row("EMI", _S.DELIVERED),
    ),
)
"""UPU EMSEVT codes. EMH carries its reason in the text (read by :func:`read_note`); without
a recognised reason it is read as *recipient absent*, the most common cause."""

POS_LEGACY: Final = Vocabulary(
    name="Pos Indonesia (legacy tracking)",
    rules=(
        _row("POSTING LOKET", _S.HANDED_OVER),
        _row("MANIFEST SERAH", _S.IN_TRANSIT),
        _row("MANIFEST TERIMA", _S.AT_DELIVERY_OFFICE, r"antaran|kpc|delivery"),
        _row("MANIFEST TERIMA", _S.IN_TRANSIT),
        _row("PROSES ANTAR", _S.OUT_FOR_DELIVERY),
        _row("ANTAR GAGAL", _S.ATTEMPT_FAILED),
        _row("SELESAI ANTAR", _S.DELIVERED),
        _row("DITAHAN DI KANTOR", _S.HELD_FOR_PICKUP),
        _row("DIAMBIL DI LOKET", _S.COLLECTED),
        _row("RETUR", _S.RETURNING),
        _row("DITERIMA PENGIRIM", _S.RETURNED),
    ),
)
"""The legacy Pos Indonesia vocabulary. *SELESAI ANTAR* ("delivery run finished") is a
delivery unless its note says it failed (*GAGAL*, *ANTAR ULANG*, *TIDAK BERHASIL*, *penerima
tidak di tempat*...; see :func:`read_note`), in which case it is the failed attempt the note
describes. *ANTAR GAGAL* is the failed-delivery status (blog.resi.id, "Cara membaca status
barang saat check resi Pos Indonesia"). *MANIFEST TERIMA* is an arrival at the delivery
office when its text names the delivery office (*antaran*, *KPC*), otherwise a transit scan.
The last four codes are not from Pos's public tracking pages but the shape that many
programme reports use; replace them with your courier's words."""


POS_NIPOS: Final = Vocabulary(
    name="Pos Indonesia (NIPOS tracking)",
    rules=(
        _row("PENDING", _S.HANDED_OVER),
        _row("ON PROCESS", _S.HANDED_OVER),
        _row("PICKED", _S.HANDED_OVER),
        _row("INBAG", _S.IN_TRANSIT),
        _row("UNBAG", _S.IN_TRANSIT),
        _row("INVEHICLE", _S.IN_TRANSIT),
        _row("INLOCATION", _S.AT_DELIVERY_OFFICE, r"\bKC[PU]?\s|kantor ?pos|antaran"),
        _row("INLOCATION", _S.IN_TRANSIT),
        _row("IRREGULARITY", _S.IN_TRANSIT),
        _row("MISROUTE", _S.IN_TRANSIT),
        _row("DELIVERYRUNSHEET", _S.OUT_FOR_DELIVERY),
        _row("RUNSHEET", _S.OUT_FOR_DELIVERY),
        _row("ANTAR ULANG", _S.OUT_FOR_DELIVERY),
        _row("FAILEDTODELIVERED", _S.ATTEMPT_FAILED),
        _row("GAGAL ANTAR", _S.ATTEMPT_FAILED),
        _row("DELIVERED (RETURN DELIVERY)", _S.RETURNED),
        _row("DELIVERED(RETURN DELIVERY)", _S.RETURNED),
        _row("DELIVERED", _S.RETURNED, r"diterima pengirim|diterima mitra|return"),
        _row("DELIVERED", _S.DELIVERED),
        _row("RETUR", _S.RETURNING),
    ),
)
"""The current Pos Indonesia tracking vocabulary (NIPOS), as its public tracking pages and the
integrations built on them report it.

Sources (public material, read November 2026): a public e-commerce project's recorded Pos
tracking response, with rows such as ``INVEHICLE`` "telah melewati proses ManifestR7",
``INLOCATION`` "telah melewati proses Receiving ... di KC TIMIKA 99900", ``DELIVERYRUNSHEET``
"telah melewati proses DeliveryRunsheet", ``DELIVERED`` "selesai dikirim ... dan diterima
oleh ... (DITERIMA YANG BERSANGKUTAN)"; open-source tracking bots and dashboards for Pos
resellers, which list the status set ``DELIVERED``, ``DELIVERED (RETURN DELIVERY)``,
``DELIVERYRUNSHEET``, ``FAILEDTODELIVERED``, ``INLOCATION``, ``INVEHICLE``, ``inBag``,
``unBag``, ``Irregularity``, ``ON PROCESS``, ``MISROUTE``, ``ANTAR ULANG``, ``PENDING``,
``PICKED`` and the receiver notes ``DITERIMA YANG BERSANGKUTAN``, ``DITERIMA ORANG SERUMAH``,
``DITERIMA KELUARGA``, ``DITERIMA SATPAM/SECURITY``, ``DITERIMA PENGIRIM``.

Which rows are **inferred** (Pos publishes no code list): ``PENDING``, ``ON PROCESS`` and
``PICKED`` as the handover (they open the recorded histories); ``INLOCATION`` as an arrival at
the delivery office only when its text names a branch office (``KC``, ``KCP``, ``KCU``),
otherwise a transit scan at a processing centre (``SPP``, ``DC``, ``MPC``); ``IRREGULARITY``
and ``MISROUTE`` as transit scans (the item is re-routed; its text is kept); ``RETUR`` as the
start of a return; ``DELIVERED`` whose text says "DITERIMA PENGIRIM" (received by the
sender, the Dinas here) as the end of a return, like ``DELIVERED (RETURN DELIVERY)``. The
receiver note decides who received (:func:`read_note`)."""
