"""Intake: the rows of a request form (a web form, a CSV or spreadsheet export) read into
validated residents and document requests, with every problem of every row reported.

A Dinas's form asks for the NIK, the name, the address, a phone number, the documents
wanted and whether they are to be delivered (*dikirim*) or collected (*diambil*). Its rows
arrive as mappings of column names to cell values, in the shapes operators and spreadsheets
produce: NIKs as numbers or with an apostrophe, "KTP-el" or "e-KTP", "Dikirim ke rumah",
"01-07-1990" or "1 Juli 1990". :func:`read_rows` reads them all and stops at nothing: a row
with problems is rejected and reported (row index, field, code, a message without personal
data), never dropped silently, so that

    rows read = rows accepted + rows rejected

always holds.

>>> import datetime as dt
>>> from adminduk_delivery import intake
>>> rows = [
...     {"nik": "3216204107900003", "nama": "Siti Aminah",
...      "alamat": "Jl. Kenanga No. 7 RT 01/04, Desa Cikarang Kota, Kec. Cikarang Utara",
...      "telepon": "0812-3456-7890", "dokumen": "KTP-el", "layanan": "dikirim"},
...     {"nik": "3216204107900000", "nama": "Budi", "dokumen": "KK", "layanan": "diambil"},
... ]
>>> result = intake.read_rows(rows, as_of=dt.date(2020, 3, 1), regency="3216")
>>> result.rows_read, result.rows_accepted, result.rows_rejected
(2, 1, 1)
>>> request = result.requests[0]
>>> request.kind.value, request.fulfilment.value, request.address.rt, request.address.rw
('ktp_el', 'deliver', '001', '004')
>>> [(p.row, p.field, p.code) for p in result.problems]
[(1, 'nik', 'serial'), (1, 'tempat_ambil', 'required')]

The form's words are data (:data:`DOCUMENT_WORDS`, :data:`FULFILMENT_WORDS`,
:data:`COLLECTION_POINT_WORDS`, :data:`SEX_WORDS`, :data:`MONTHS`): each lists the
Indonesian and English ways of writing a value, compared without case, spaces or
punctuation, and includes every label of :mod:`~adminduk_delivery.labels`.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import math
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final, NamedTuple, TypeVar

import attrs
from dateutil import parser as _dateparser

from . import _html
from . import address as _address
from . import kk as _kk
from . import nik as _nik
from . import phone as _phone
from ._convert import date_value, day_of, excerpt, identifier, integral, no_time
from .address import Address, ParseStatus
from .documents import CollectionPoint, DocumentKind, DocumentRequest, Fulfilment
from .errors import AdmindukError, InvalidType, ValidationError
from .labels import LANGUAGES, labels_of
from .nik import Sex
from .residents import Resident

__all__ = [
    "COLLECTION_POINT_WORDS",
    "COLUMNS",
    "DATE_SHAPES",
    "DOCUMENT_WORDS",
    "FULFILMENT_WORDS",
    "MONTHS",
    "SEX_WORDS",
    "WORD_FIELDS",
    "YES_NO_WORDS",
    "DateShape",
    "Intake",
    "Problem",
    "read_date",
    "read_rows",
    "vocabularies",
    "word_key",
]

E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")

# --------------------------------------------------------------------------------------------
# The form's vocabularies, as data

COLUMNS: Final[tuple[str, ...]] = (
    "nik",
    "nama",
    "alamat",
    "telepon",
    "dokumen",
    "layanan",
    "tanggal_lahir",
    "jenis_kelamin",
    "no_kk",
    "tempat_ambil",
    "id_permohonan",
    "tanggal_permohonan",
    "disabilitas",
)
"""The form's fields, named as the Indonesian form names its columns. ``nik``, ``nama``,
``dokumen`` and ``layanan`` are required; ``alamat`` for a delivery and ``tempat_ambil`` for a
collection; the rest are optional. :func:`read_rows` maps other column names onto these."""

_REQUIRED: Final = ("nik", "nama", "dokumen", "layanan")

DOCUMENT_WORDS: Final[dict[DocumentKind, tuple[str, ...]]] = {
    DocumentKind.KTP_EL: (
        "KTP", "KTP-el", "KTP el", "e-KTP", "KTP elektronik", "Kartu Tanda Penduduk",
        "Kartu Tanda Penduduk Elektronik", "identity card", "ID card",
    ),
    DocumentKind.KIA: ("KIA", "Kartu Identitas Anak", "Kartu Anak", "child ID card"),
    DocumentKind.KARTU_KELUARGA: ("KK", "Kartu Keluarga", "family card", "family register"),
    DocumentKind.AKTA_KELAHIRAN: (
        "Akta Kelahiran", "Akte Kelahiran", "Akta Lahir", "Akte Lahir", "birth certificate",
    ),
    DocumentKind.AKTA_KEMATIAN: (
        "Akta Kematian", "Akte Kematian", "Akta Mati", "death certificate",
    ),
    DocumentKind.AKTA_PERKAWINAN: (
        "Akta Perkawinan", "Akte Perkawinan", "Akta Kawin", "Akta Nikah", "marriage certificate",
    ),
    DocumentKind.AKTA_PERCERAIAN: (
        "Akta Perceraian", "Akte Perceraian", "Akta Cerai", "divorce certificate",
    ),
    DocumentKind.SURAT_PINDAH: (
        "Surat Pindah", "SKPWNI", "Surat Keterangan Pindah", "SKPWNI (Surat Pindah)",
        "moving certificate",
    ),
    DocumentKind.SUKET: ("Suket", "Surat Keterangan", "Suket KTP-el", "temporary certificate"),
}  # fmt: skip
"""How forms write each document kind (the labels of :mod:`~adminduk_delivery.labels` count
too). The Indonesian names are those of UU 24/2013 and Permendagri 109/2019; "KTP-el" is the
official short form, "e-KTP" the common one."""

FULFILMENT_WORDS: Final[dict[Fulfilment, tuple[str, ...]]] = {
    Fulfilment.DELIVER: (
        "dikirim", "kirim", "dikirim ke rumah", "kirim ke alamat", "dikirim ke alamat",
        "diantar", "antar", "diantar ke rumah", "antar ke rumah", "dikirim via pos",
        "deliver", "delivery", "home delivery",
    ),
    Fulfilment.COLLECT: (
        "diambil", "ambil", "ambil sendiri", "diambil sendiri", "diambil di loket",
        "ambil di tempat", "collect", "collection", "pick up", "pickup",
    ),
    Fulfilment.SELF_PRINT: (
        "cetak mandiri", "cetak sendiri", "dicetak sendiri", "self print", "print at home",
    ),
}  # fmt: skip
"""How forms write the choice between delivery and collection (and self-printing)."""

COLLECTION_POINT_WORDS: Final[dict[CollectionPoint, tuple[str, ...]]] = {
    CollectionPoint.DINAS: (
        "Dinas", "Disdukcapil", "Dukcapil", "Dinas Dukcapil", "kantor Dinas",
        "kantor Disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil", "Mal Pelayanan Publik",
        "MPP",
    ),
    CollectionPoint.KECAMATAN: ("Kecamatan", "kantor kecamatan", "Kec", "district office"),
    CollectionPoint.POST_OFFICE: (
        "Kantor Pos", "Pos", "Pos Indonesia", "kantor pos terdekat", "post office",
    ),
}  # fmt: skip
"""How forms write a collection point."""

SEX_WORDS: Final[dict[Sex, tuple[str, ...]]] = {
    Sex.MALE: ("L", "LK", "Laki-laki", "Laki laki", "Lelaki", "Pria", "M", "male"),
    Sex.FEMALE: ("P", "PR", "Pr", "Perempuan", "Wanita", "F", "female"),
}
"""How forms write the sex (the KTP-el prints LAKI-LAKI or PEREMPUAN)."""

YES_NO_WORDS: Final[dict[bool, tuple[str, ...]]] = {
    True: ("ya", "y", "iya", "yes", "true", "1", "benar"),
    False: ("tidak", "tdk", "t", "no", "n", "false", "0", "bukan", "-"),
}
"""How forms write yes and no (the ``disabilitas`` column)."""

MONTHS: Final[tuple[tuple[str, ...], ...]] = (
    ("jan", "januari", "january"),
    ("feb", "februari", "pebruari", "february"),
    ("mar", "maret", "march"),
    ("apr", "april"),
    ("mei", "may"),
    ("jun", "juni", "june"),
    ("jul", "juli", "july"),
    ("agu", "agt", "ags", "agus", "agustus", "aug", "august"),
    ("sep", "sept", "september"),
    ("okt", "oktober", "oct", "october"),
    ("nov", "nopember", "november"),
    ("des", "desember", "dec", "december"),
)
"""Month names and abbreviations in Indonesian (with the older spellings Pebruari and
Nopember) and English, January first."""


class DateShape(NamedTuple):
    """One way forms write a date, with where it is seen."""

    name: str
    example: str
    source: str
    write: Callable[[dt.date], str]


_ID_MONTHS: Final = tuple(names[1].capitalize() for names in MONTHS)

DATE_SHAPES: Final[tuple[DateShape, ...]] = (
    DateShape(
        "dd-mm-yyyy",
        "01-07-1990",
        'the KTP-el\'s Tempat/Tgl Lahir line ("BEKASI, 01-07-1990"), copied onto forms',
        lambda d: f"{d.day:02d}-{d.month:02d}-{d.year}",
    ),
    DateShape(
        "d/m/yyyy",
        "1/7/1990",
        "spreadsheets in the Indonesian locale (day first, slashes)",
        lambda d: f"{d.day}/{d.month}/{d.year}",
    ),
    DateShape(
        "dd.mm.yyyy",
        "01.07.1990",
        "typed by operators with the numeric keypad",
        lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
    ),
    DateShape(
        "d month yyyy",
        "1 Juli 1990",
        'Indonesian long dates, as on akta and letters ("17 Agustus 1945")',
        lambda d: f"{d.day} {_ID_MONTHS[d.month - 1]} {d.year}",
    ),
    DateShape(
        "dd MON yyyy",
        "01 JUL 1990",
        "upper-case abbreviated months of older registers",
        lambda d: f"{d.day:02d} {MONTHS[d.month - 1][0].upper()} {d.year}",
    ),
    DateShape(
        "yyyy-mm-dd",
        "1990-07-01",
        "ISO 8601, as databases and web forms (<input type=date>) export dates",
        lambda d: d.isoformat(),
    ),
    DateShape(
        "yyyy/mm/dd",
        "1990/07/01",
        "year-first exports of some spreadsheets",
        lambda d: f"{d.year}/{d.month:02d}/{d.day:02d}",
    ),
    DateShape(
        "dd-mm-yy",
        "01-07-90",
        "two-digit years of hand-filled forms (read as the latest year not after as_of)",
        lambda d: f"{d.day:02d}-{d.month:02d}-{d.year % 100:02d}",
    ),
    DateShape(
        "dd/mm/yyyy HH.mm.ss",
        "01/07/1990 10.15.00",
        "a timestamp of a spreadsheet in the Indonesian locale, whose time has dots "
        '(Unicode CLDR, locale "id": HH.mm.ss), as a form\'s request time is exported',
        lambda d: f"{d.day:02d}/{d.month:02d}/{d.year} {d.day % 24:02d}.{d.month * 4:02d}.00",
    ),
    DateShape(
        "d month yyyy, HH.mm WIB",
        "1 Juli 1990, 14.05 WIB",
        "a time with its Indonesian zone (WIB, WITA or WIT, Keppres 41/1987), as letters and "
        "messages write it",
        lambda d: (
            f"{d.day} {_ID_MONTHS[d.month - 1]} {d.year}, {d.month + 7:02d}.05 "
            + ("WIB", "WITA", "WIT")[d.day % 3]
        ),
    ),
)
"""The date shapes :func:`read_date` reads, each with an example and where it is seen;
:func:`adminduk_delivery.strategies.form_rows` writes every one of them."""

_NOT_WORD: Final = re.compile(r"[\W_]+")


def word_key(value: str) -> str:
    """The form in which the vocabularies compare words: case folded, without spaces or
    punctuation (``"KTP-el"``, ``"ktp el"`` and ``"KTPEL"`` are one word).

    Args:
        value: the text.

    Returns:
        The key.

    Raises:
        InvalidType: ``value`` is not a string.

    >>> word_key(" e-KTP "), word_key("Laki - laki")
    ('ektp', 'lakilaki')
    """
    if not isinstance(value, str):
        raise InvalidType(f"a word is a string, got {type(value).__name__}", field="value")
    return _NOT_WORD.sub("", value.casefold())


def _lookup(words: Mapping[E, tuple[str, ...]], cls: type[E]) -> dict[str, E]:
    table: dict[str, E] = {}
    for member in cls:
        spellings = [*words.get(member, ()), member.value]
        spellings += [labels_of(cls, language)[member.value] for language in LANGUAGES]
        for spelling in spellings:
            key = word_key(str(spelling))
            if table.setdefault(key, member) is not member:
                raise AssertionError(f"{spelling!r} names two {cls.__name__} members")
    return table


_DOCUMENTS: Final = _lookup(DOCUMENT_WORDS, DocumentKind)
_FULFILMENTS: Final = _lookup(FULFILMENT_WORDS, Fulfilment)
_POINTS: Final = _lookup(COLLECTION_POINT_WORDS, CollectionPoint)
_SEXES: Final = _lookup(SEX_WORDS, Sex)
_YES_NO: Final = {word_key(w): answer for answer, ws in YES_NO_WORDS.items() for w in ws}

_MEANINGS: Final[dict[str, type]] = {
    "dokumen": DocumentKind,
    "layanan": Fulfilment,
    "tempat_ambil": CollectionPoint,
    "jenis_kelamin": Sex,
    "disabilitas": bool,
}
WORD_FIELDS: Final[tuple[str, ...]] = tuple(_MEANINGS)
"""The form fields read through a vocabulary: :func:`read_rows` takes a form's own texts
for them (``words=``), and a value for all rows (``defaults=``) for the first three."""
_DEFAULTABLE: Final = ("dokumen", "layanan", "tempat_ambil")
"""The fields a form may leave out because every row means one value: a form only for the
KTP-el, only for delivery, or whose collections are all at the Dinas."""
_LIST_SEPARATORS: Final = re.compile(r"\s*[,;\n]\s*")
"""What separates the documents of a ``dokumen`` cell: a form's multiple choice joins its
options with commas."""
_JOINERS: Final = re.compile(r"\s*(?:[+&/]|\bdan\b|\band\b)\s*", re.IGNORECASE)
"""What joins documents within one of those parts ("KTP-el dan KK"), where the part is not
one of the form's own options (``words=``), which may hold a slash."""


# --------------------------------------------------------------------------------------------
# Dates


class _Months(_dateparser.parserinfo):
    """dateutil's parser with Indonesian and English months, and two-digit years read
    relative to a given day instead of the machine's clock."""

    MONTHS = list(MONTHS)  # type: ignore[arg-type]  # noqa: RUF012 - dateutil's interface

    def __init__(self, as_of: dt.date, *, yearfirst: bool) -> None:
        super().__init__(dayfirst=not yearfirst, yearfirst=yearfirst)
        self._as_of_year = as_of.year

    def convertyear(self, year: int, century_specified: bool = False) -> int:
        if year >= 100 or century_specified:
            return year
        # Two digits: the latest year that is not after the reference day's year.
        full = self._as_of_year // 100 * 100 + year
        return full - 100 if full > self._as_of_year else full


_YEAR_FIRST: Final = re.compile(r"\s*\d{4}\s*[-/.]")
_TIME_OF_DAY: Final = re.compile(
    r"(?:\s*,)?\s+(?:pukul\s+|jam\s+)?\d{1,2}[.:]\d{2}(?:[.:]\d{2})?"
    r"(?:\s*(?:[ap]\.?m\.?|wib|wita|wit))?\s*$",
    re.IGNORECASE,
)
"""A time after the date ("10.15.00", "pukul 14.05 WIB", "10:15 PM"), left out: a date is
read, and dateutil reads neither dotted times nor Indonesian zones."""
# Two defaults that differ in every part: where they give different dates, the text lacked a
# part and was filled in, which a date of birth must not be.
_DEFAULTS: Final = (dt.datetime(2000, 1, 1), dt.datetime(2001, 2, 2))


def read_date(value: object, *, as_of: dt.date, field: str = "tanggal") -> dt.date:
    """A date as forms write it: day first (``"01-07-1990"``, ``"1/7/1990"``,
    ``"01.07.1990"``), with a month name in Indonesian or English (``"1 Juli 1990"``,
    ``"1 Agt 1990"``), or year first (``"1990-07-01"``, ``"1990/07/01"``), with or without a
    time (``"01/07/1990 10.15.00"``, ``"1 Juli 1990, 14.05 WIB"``); a ``date`` or a
    ``datetime`` as it is.

    Read with python-dateutil. A two-digit year is the latest year not after ``as_of``'s
    (``"01-07-90"`` read in 2026 is 1990); nothing depends on the machine's clock.

    Args:
        value: the cell.
        as_of: the reference day for two-digit years.
        field: the field name for errors.

    Returns:
        The date.

    Raises:
        ValidationError: not a date, or a date without its day, month or year (code
            ``date``).
        InvalidType: neither text nor a date (pandas' ``NaT`` is no date).

    >>> import datetime as dt
    >>> day = dt.date(2026, 11, 29)
    >>> [read_date(t, as_of=day).isoformat() for t in ("01-07-1990", "1 Juli 1990", "1990/07/01")]
    ['1990-07-01', '1990-07-01', '1990-07-01']
    >>> read_date("17 Agustus 45", as_of=day).isoformat()
    '1945-08-17'
    """
    reference = date_value(as_of, field="as_of")
    if isinstance(value, dt.datetime):
        return day_of(value, field=field)
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise InvalidType(f"{field} is a date or text, got {type(value).__name__}", field=field)
    text = value.strip()
    if not text or len(text) > 64:
        raise ValidationError(f"{field} is not a date", field=field, code="date")
    if text.isdigit():  # "010790", "19900701": day or year first? Not a shape of the table.
        raise ValidationError(
            f"{field} has no separators between day, month and year (write 01-07-1990)",
            field=field,
            code="date",
        )
    info = _Months(reference, yearfirst=_YEAR_FIRST.match(text) is not None)
    text = _TIME_OF_DAY.sub("", text)
    try:
        # ignoretz: a zone dateutil does not know would be a warning (output the library
        # never makes); the date is the one written, whatever the zone.
        first, second = (
            _dateparser.parse(text, parserinfo=info, default=d, ignoretz=True) for d in _DEFAULTS
        )
    except (ValueError, OverflowError, TypeError):
        raise ValidationError(f"{field} is not a date", field=field, code="date") from None
    if first != second:
        raise ValidationError(
            f"{field} lacks its day, month or year", field=field, code="date"
        ) from None
    return first.date()


# --------------------------------------------------------------------------------------------
# Results


@attrs.frozen(kw_only=True)
class Problem:
    """One problem of one row.

    Attributes:
        row: the row's index in the rows read, from 0.
        field: the form field (a name of :data:`COLUMNS`), or ``""`` for the row itself.
        code: a stable code: the :class:`~adminduk_delivery.errors.ValidationError` code of
            the value's check (``length``, ``serial``, ``spreadsheet``, ...), or one of
            ``required``, ``unknown_value``, ``address_not_found``, ``address_ambiguous``,
            ``duplicate_request``, ``nik_mismatch``, ``date``, ``type``.
        message: for people, without personal data.
        column: the caller's column name for ``field``.
    """

    row: int
    field: str
    code: str
    message: str
    column: str = ""


def _counts(problems: Iterable[Problem]) -> dict[tuple[str, str], int]:
    """How many rows have each (field, code), most common first (ties by field and code)."""
    seen = {(p.row, p.field, p.code) for p in problems}
    counts: dict[tuple[str, str], int] = {}
    for _row, field, code in seen:
        counts[field, code] = counts.get((field, code), 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


_SHOWN_PROBLEMS: Final = 20
"""How many problems and warnings an intake shows in a notebook."""

_MAX_UNREAD_COLUMNS: Final = 100
"""The most names :attr:`Intake.unread_columns` lists."""


@attrs.frozen(kw_only=True)
class Intake:
    """What :func:`read_rows` read.

    Attributes:
        residents: one per NIK, in order of first appearance, from accepted rows.
        requests: the accepted rows' requests, in row order (a row asking for several
            documents gives one request per document).
        problems: the problems that rejected rows, in row order.
        warnings: notes on accepted rows (an address read with low confidence, missing RT or
            RW, a phone number that reads two ways, a phone cell of several numbers, whose
            first is kept, a NIK repeated with other details).
        rows_read: how many rows were read.
        rows_accepted: how many were accepted; the others are rejected, each with at least one
            problem.
        unread_columns: the rows' columns that no form field reads, by name as first seen:
            an export's question "No. HP/WA" is not ``telepon`` unless ``columns`` maps it,
            and its numbers are not read. Names with six digits or more are left out (they
            may be a resident's data: a file without its header row has its first row of
            data as the names), and so are any beyond the first hundred.
    """

    residents: tuple[Resident, ...]
    requests: tuple[DocumentRequest, ...]
    problems: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    rows_read: int
    rows_accepted: int
    unread_columns: tuple[str, ...] = ()

    @property
    def rows_rejected(self) -> int:
        """Rows read minus rows accepted."""
        return self.rows_read - self.rows_accepted

    @property
    def rejected_rows(self) -> tuple[int, ...]:
        """The indexes of the rejected rows, ascending."""
        return tuple(sorted({p.row for p in self.problems}))

    def problem_counts(self) -> dict[tuple[str, str], int]:
        """How many rows have each (field, code) problem, most common first (ties by field
        and code).

        Returns:
            ``{(field, code): rows}``; a row with the same problem twice counts once.

        Raises:
            Nothing: the intake is already read.
        """
        return _counts(self.problems)

    def _repr_html_(self) -> str:
        shown = self.records()[:_SHOWN_PROBLEMS]
        more = len(self.problems) + len(self.warnings) - len(shown)
        counts = [
            {"field": field, "code": code, "rows": rows, "rejects": rejects}
            for rejects, group in ((True, self.problems), (False, self.warnings))
            for (field, code), rows in _counts(group).items()
        ]
        return (
            f"<p><b>{self.rows_read:,}</b> rows read: {self.rows_accepted:,} accepted, "
            f"{self.rows_rejected:,} rejected; {len(self.residents):,} residents, "
            f"{len(self.requests):,} requests</p>"
            + (
                _html.paragraph(f"columns not read: {', '.join(map(repr, self.unread_columns))}")
                if self.unread_columns
                else ""
            )
            + _html.table(counts, title="problems and warnings, by rows")
            + _html.table(shown, title="the first problems and warnings")
            + (f"<p>and {more:,} more: records()</p>" if more > 0 else "")
        )

    def records(self) -> list[dict[str, Any]]:
        """The problems and warnings as records (for pandas), rejecting problems first.

        Returns:
            One dict per problem: ``row``, ``field``, ``column``, ``code``, ``message``,
            ``rejects`` (whether it rejected the row).

        Raises:
            Nothing: the intake is already read.
        """
        return [
            {
                "row": p.row,
                "field": p.field,
                "column": p.column,
                "code": p.code,
                "message": p.message,
                "rejects": rejects,
            }
            for rejects, group in ((True, self.problems), (False, self.warnings))
            for p in group
        ]


# --------------------------------------------------------------------------------------------
# Reading


def _column_key(name: str) -> str:
    return "_".join(_NOT_WORD.sub(" ", name.casefold()).split())


def _columns(columns: Mapping[str, str] | None) -> dict[str, str]:
    """Form field -> folded column name."""
    chosen = {field: field for field in COLUMNS}
    if columns is None:
        return {field: _column_key(name) for field, name in chosen.items()}
    if not isinstance(columns, Mapping):
        raise InvalidType("columns maps form fields to column names", field="columns")
    for field, name in columns.items():
        if field not in chosen:
            raise ValidationError(
                f"columns names an unknown form field; the fields are {', '.join(COLUMNS)}",
                field="columns",
                code="unknown_field",
            )
        if not isinstance(name, str) or not name.strip():
            raise InvalidType("a column name is non-empty text", field="columns")
        chosen[field] = name
    folded = {field: _column_key(name) for field, name in chosen.items()}
    if len(set(folded.values())) != len(folded):
        raise ValidationError(
            "two form fields are mapped to one column", field="columns", code="duplicate"
        )
    return folded


def _field_mapping(value: object, name: str, fields: tuple[str, ...]) -> Mapping[str, object]:
    """``words`` or ``defaults`` checked: a mapping whose keys are among ``fields``."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        what = "{text: meaning} mappings" if name == "words" else "values"
        raise InvalidType(f"{name} maps form fields to {what}", field=name)
    for field in value:
        if field not in fields:
            raise ValidationError(
                f"{name} names a field {excerpt(field)} that it cannot take; "
                f"the fields are {', '.join(fields)}",
                field=name,
                code="unknown_field",
            )
    return value


def _meaning(field: str, meaning: object, table: Mapping[str, T], *, name: str) -> T:
    """What the caller says a text means: a value of the field's kind (a member of its enum,
    or a bool for ``disabilitas``), or a text its vocabulary reads."""
    if isinstance(meaning, str):
        found = table.get(word_key(meaning))
        if found is None:
            raise ValidationError(
                f"{name}[{field!r}]: {excerpt(meaning)} is not a known value of {field}",
                field=name,
                code="unknown_value",
            )
        return found
    for known in table.values():
        if type(known) is type(meaning) and known == meaning:
            return known
    raise InvalidType(
        f"{name}[{field!r}] gives a {_MEANINGS[field].__name__} or a known word of {field}, "
        f"got {type(meaning).__name__}",
        field=name,
    )


def _own_words(field: str, given: object, table: Mapping[str, T]) -> Mapping[str, T]:
    """The vocabulary ``table`` with a form's own texts for ``field`` added (theirs win)."""
    if given is None:
        return table
    if not isinstance(given, Mapping):
        raise InvalidType(f"words[{field!r}] maps a form's texts to their meanings", field="words")
    own: dict[str, T] = {}
    for text, meaning in given.items():
        if not isinstance(text, str):
            raise InvalidType(
                f"words[{field!r}]: a form's text is a string, got {type(text).__name__}",
                field="words",
            )
        key = word_key(text)
        if not key:
            raise ValidationError(
                f"words[{field!r}]: {excerpt(text)} has no letter or digit to tell it by",
                field="words",
                code="empty",
            )
        value = _meaning(field, meaning, table, name="words")
        if own.setdefault(key, value) is not value:
            raise ValidationError(
                f"words[{field!r}]: {excerpt(text)} and another text that reads the same "
                "mean different values",
                field="words",
                code="duplicate",
            )
    return {**table, **own}


@attrs.frozen(kw_only=True)
class _Words:
    """The vocabularies of one :func:`read_rows` call, and its values for all rows."""

    documents: Mapping[str, DocumentKind] = _DOCUMENTS
    fulfilments: Mapping[str, Fulfilment] = _FULFILMENTS
    points: Mapping[str, CollectionPoint] = _POINTS
    sexes: Mapping[str, Sex] = _SEXES
    yes_no: Mapping[str, bool] = _YES_NO
    document_options: Mapping[str, DocumentKind] = attrs.field(factory=dict)
    documents_for_all: tuple[DocumentKind, ...] | None = None
    fulfilment_for_all: Fulfilment | None = None
    point_for_all: CollectionPoint | None = None
    for_all: frozenset[str] = attrs.field(init=False)
    """The fields that have a value for all rows."""

    @for_all.default
    def _for_all(self) -> frozenset[str]:
        given = (self.documents_for_all, self.fulfilment_for_all, self.point_for_all)
        return frozenset(f for f, v in zip(_DEFAULTABLE, given, strict=True) if v is not None)


_BUILT_IN_WORDS: Final = _Words()


def _words(words: object, defaults: object) -> _Words:
    """The vocabularies with the caller's ``words`` and ``defaults`` (see :func:`read_rows`)."""
    if words is None and defaults is None:
        return _BUILT_IN_WORDS
    own = _field_mapping(words, "words", WORD_FIELDS)
    chosen = _field_mapping(defaults, "defaults", _DEFAULTABLE)
    tables = _Words(
        documents=_own_words("dokumen", own.get("dokumen"), _DOCUMENTS),
        fulfilments=_own_words("layanan", own.get("layanan"), _FULFILMENTS),
        points=_own_words("tempat_ambil", own.get("tempat_ambil"), _POINTS),
        sexes=_own_words("jenis_kelamin", own.get("jenis_kelamin"), _SEXES),
        yes_no=_own_words("disabilitas", own.get("disabilitas"), _YES_NO),
    )
    given_documents = own.get("dokumen")
    if isinstance(given_documents, Mapping):  # checked by _own_words
        tables = attrs.evolve(
            tables,
            document_options={
                _option_key(text): tables.documents[word_key(text)] for text in given_documents
            },
        )
    documents = None
    if chosen.get("dokumen") is not None:
        given = chosen["dokumen"]
        if isinstance(given, str):
            try:
                documents = _kinds(given, tables)
            except _RowProblem as problem:
                raise ValidationError(
                    f"defaults['dokumen']: {problem.message}", field="defaults", code=problem.code
                ) from None
        elif isinstance(given, list | tuple):
            if not given:
                raise ValidationError(
                    "defaults['dokumen'] names no document", field="defaults", code="required"
                )
            read = [_meaning("dokumen", g, tables.documents, name="defaults") for g in given]
            documents = tuple(dict.fromkeys(read))
        else:
            documents = (_meaning("dokumen", given, tables.documents, name="defaults"),)
    fulfilment = point = None
    if chosen.get("layanan") is not None:
        fulfilment = _meaning("layanan", chosen["layanan"], tables.fulfilments, name="defaults")
    if chosen.get("tempat_ambil") is not None:
        point = _meaning("tempat_ambil", chosen["tempat_ambil"], tables.points, name="defaults")
    return attrs.evolve(
        tables,
        documents_for_all=documents,
        fulfilment_for_all=fulfilment,
        point_for_all=point,
    )


def vocabularies(
    words: Mapping[str, Mapping[str, object]] | None = None,
) -> dict[str, dict[str, object]]:
    """The vocabularies that :func:`read_rows` reads the word fields by, with a form's own
    ``words``: what each text means, after they are checked as ``read_rows`` checks them.

    Args:
        words: a form's own texts, as :func:`read_rows` takes them (``None``: the built-in
            vocabularies alone).

    Returns:
        Field of :data:`WORD_FIELDS` -> {a text's :func:`word_key`: its meaning}, the form's
        texts winning over the built-in ones.

    Raises:
        InvalidType, ValidationError: ``words`` that :func:`read_rows` would refuse, with the
            same codes.

    >>> table = vocabularies({"layanan": {"Ya": "dikirim"}})["layanan"]
    >>> table["ya"].value, table["dikirim"].value, table["diambil"].value
    ('deliver', 'deliver', 'collect')
    """
    read = _words(words, None)
    return {
        "dokumen": dict(read.documents),
        "layanan": dict(read.fulfilments),
        "tempat_ambil": dict(read.points),
        "jenis_kelamin": dict(read.sexes),
        "disabilitas": dict(read.yes_no),
    }


_NEEDED: Final = (*_REQUIRED, "alamat", "tempat_ambil")
"""The fields a row may need: when a row has no column for one, the message says so."""
_LONG_DIGITS: Final = re.compile(r"\d{6}")
_SHOWN_COLUMN: Final = 40


def _absent_columns(
    keys: tuple[str, ...], wanted: Mapping[str, str], named: Mapping[str, str]
) -> dict[str, str]:
    """What the message of a needed field adds when a row has none of its column (and no
    earlier row had it, :func:`read_rows` sees to that): that the column is missing, and
    which of the row's columns may be it (one whose name begins with the field's, as "NIK
    (16 digit)" or "Nama Lengkap sesuai KTP" do), or that the names look like data (a
    header row missing from a CSV file, whose first row became the names). Column names
    with six digits or more are never shown: they may be a resident's data.

    Args:
        keys: the row's column names, as written.
        wanted: form field -> folded column name (:func:`_columns`).
        named: form field -> the caller's column name, where ``columns`` names one.
    """
    folded = {key: _column_key(key) for key in keys}
    mapped = set(wanted.values())
    others = [key for key in keys if folded[key] not in mapped]
    data_like = any(_LONG_DIGITS.search(key) for key in keys)
    notes: dict[str, str] = {}
    for field in _NEEDED:
        if wanted[field] in folded.values():
            continue
        column = named.get(field)
        note = (
            f": the row has no column {column!r}" if column else f": the row has no {field} column"
        )
        if data_like:
            note += (
                "; its column names hold long numbers, as a file's first row of data does "
                "when the file has no header row"
            )
        else:
            guess = next(
                (
                    key
                    for key in others
                    if folded[key].startswith(f"{wanted[field]}_") and len(key) <= _SHOWN_COLUMN
                ),
                None,
            )
            if guess is not None:
                note += f"; map yours with columns={{{field!r}: {guess!r}}}"
            elif not column:
                note += f"; map yours with columns={{{field!r}: ...}}"
                if field in _DEFAULTABLE:
                    note += f", or give every row one with defaults={{{field!r}: ...}}"
        notes[field] = note
    return notes


def _is_empty(value: object) -> bool:
    if type(value) is str:
        return not value or value.isspace()
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)  # as pandas gives for an empty cell
    if no_time(value):
        return True  # pandas' NaT: the empty cell of a date column
    return isinstance(value, str) and not value.strip()


class _RowProblem(Exception):
    """Internal: a problem found while reading one field."""

    def __init__(self, field: str, code: str, message: str) -> None:
        super().__init__(message)
        self.field, self.code, self.message = field, code, message


_OWN_WORDS_HINT: Final = " (a form's own texts go in read_rows' words=)"


def _as_word(value: object) -> object:
    """A cell of a word field as text where it is a spreadsheet's or a data frame's typed
    value: a checkbox's ``True``/``False`` (Python's or numpy's bool) and a coded option's
    whole number (``1``, numpy's ``int64``, ``1.0``) read as ``"True"``, ``"1"``; anything
    else as it is."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or getattr(getattr(value, "dtype", None), "kind", "") == "b":
        return str(bool(value))  # Python's or numpy's bool
    whole = integral(value)
    if whole is not None:
        return str(whole)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value


def _word(value: object, table: Mapping[str, T], field: str) -> T:
    value = _as_word(value)
    if not isinstance(value, str):
        raise _RowProblem(field, "type", f"{field} is text, got {type(value).__name__}")
    member = table.get(word_key(value))
    if member is None:
        raise _RowProblem(field, "unknown_value", f"{field} is not a known value{_OWN_WORDS_HINT}")
    return member


def _option_key(text: str) -> str:
    """How a ``dokumen`` cell, or a part of one, is compared with a form's own options as a
    whole: without case, and with runs of spaces as one, but with its punctuation (an
    option that holds a comma or a slash is not two documents)."""
    return " ".join(text.casefold().split())


def _kinds(value: object, words: _Words) -> tuple[DocumentKind, ...]:
    """The kinds a ``dokumen`` cell names: one of the form's own options (``words=``), or
    parts separated by commas, semicolons or lines, each an option of the form's own or
    words of the vocabulary joined by "dan", "+", "&" or "/"."""
    value = _as_word(value)
    if not isinstance(value, str):
        raise _RowProblem("dokumen", "type", f"dokumen is text, got {type(value).__name__}")
    options = words.document_options
    whole = options.get(_option_key(value)) if options else None
    if whole is not None:
        return (whole,)
    kinds: list[DocumentKind] = []
    for part in _LIST_SEPARATORS.split(value.strip()):
        option = options.get(_option_key(part)) if options else None
        for name in [part] if option is not None else _JOINERS.split(part):
            if not name:
                continue
            kind = words.documents.get(word_key(name))
            if kind is None:
                raise _RowProblem(
                    "dokumen",
                    "unknown_value",
                    f"a document named in dokumen is not a known kind{_OWN_WORDS_HINT}",
                )
            if kind not in kinds:
                kinds.append(kind)
    if not kinds:
        raise _RowProblem("dokumen", "required", "dokumen names no document")
    return tuple(kinds)


def _checked(field: str, read: Callable[[], T], problems: list[_RowProblem]) -> T | None:
    """``read()``, or ``None`` with its error recorded as a problem of ``field``."""
    try:
        return read()
    except _RowProblem as problem:
        problems.append(problem)
    except ValidationError as error:
        reported = _MODEL_FIELDS.get(error.field, error.field)
        problems.append(
            _RowProblem(reported if reported in COLUMNS else field, error.code, error.message)
        )
    except AdmindukError as error:
        problems.append(_RowProblem(field, "invalid", str(error)))
    return None


# Fields of the models, and the form fields that feed them.
_MODEL_FIELDS: Final = {
    "nik": "nik",
    "name": "nama",
    "address": "alamat",
    "phone": "telepon",
    "kind": "dokumen",
    "fulfilment": "layanan",
    "collect_at": "tempat_ambil",
    "birth_date": "tanggal_lahir",
    "sex": "jenis_kelamin",
    "kk_number": "no_kk",
    "id": "id_permohonan",
    "requested_on": "tanggal_permohonan",
}


# Documents for an age range (from, below, note): the KTP-el from 17 (or earlier when married,
# so only a warning), the KIA below 17 (Permendagri 2/2016).
_AGES: Final = {
    DocumentKind.KTP_EL: (17, 200, "the resident is under 17: a KTP-el needs 17 years or marriage"),
    DocumentKind.KIA: (0, 17, "the resident is 17 or older: a KIA is for children under 17"),
}


@attrs.define
class _Reader:
    as_of: dt.date
    regency: str | None
    id_prefix: str
    words: _Words = _BUILT_IN_WORDS
    addresses: dict[str, _address.ParsedAddress] = attrs.field(factory=dict)

    def parse_address(self, text: str) -> _address.ParsedAddress:
        found = self.addresses.get(text)
        if found is None:
            found = _address.parse(text, regency=self.regency)
            if len(self.addresses) < 200_000:
                self.addresses[text] = found
        return found

    def address(
        self, value: object, *, required: bool, warnings: list[_RowProblem]
    ) -> Address | None:
        if not isinstance(value, str):
            raise _RowProblem("alamat", "type", f"alamat is text, got {type(value).__name__}")
        parsed = self.parse_address(value)
        if parsed.status is ParseStatus.RESOLVED and parsed.address is not None:
            if parsed.confidence < 0.8:
                warnings.append(
                    _RowProblem(
                        "alamat",
                        "address_uncertain",
                        f"the address was read with confidence {parsed.confidence:.2f}: "
                        + "; ".join(parsed.warning_codes),
                    )
                )
            missing = [n for n in ("rt", "rw") if getattr(parsed.address, n) is None]
            if missing:
                warnings.append(
                    _RowProblem(
                        "alamat",
                        "address_incomplete",
                        f"the address has no {' and no '.join(m.upper() for m in missing)}",
                    )
                )
            return parsed.address
        if not required:
            warnings.append(
                _RowProblem("alamat", f"address_{parsed.status.value}", "the address was not read")
            )
            return None
        if parsed.status is ParseStatus.AMBIGUOUS:
            raise _RowProblem(
                "alamat",
                "address_ambiguous",
                f"the address fits {len(parsed.candidates)} villages equally well; "
                "name the kecamatan or the postal code",
            )
        raise _RowProblem("alamat", "address_not_found", "no village of the address was found")

    def row(
        self, index: int, cells: dict[str, object], absent: Mapping[str, str]
    ) -> tuple[Resident | None, list[DocumentRequest], list[_RowProblem], list[_RowProblem]]:
        """One row's cells by form field; ``absent`` says, for a field the row has no column
        for, what the message adds (see :func:`_absent_columns`)."""
        problems: list[_RowProblem] = []
        warnings: list[_RowProblem] = []
        present = {k: v for k, v in cells.items() if not _is_empty(v)}
        words = self.words
        for field in _REQUIRED:
            if field not in present and field not in words.for_all:
                message = f"{field} is empty{absent.get(field, '')}"
                problems.append(_RowProblem(field, "required", message))

        def get(field: str) -> object:
            return present.get(field)

        def word(field: str, table: Mapping[str, T], for_all: T | None = None) -> T | None:
            """The form word in ``field``, or ``for_all`` when the row has none (``None``
            when absent or not a known word)."""
            if field not in present:
                return for_all
            return _checked(field, lambda: _word(present[field], table, field), problems)

        info = None
        if "nik" in present:
            info = _checked("nik", lambda: _nik.parse(get("nik"), as_of=self.as_of), problems)
        nik = None if info is None else info.nik
        kinds = (
            _checked("dokumen", lambda: _kinds(get("dokumen"), words), problems)
            if "dokumen" in present
            else words.documents_for_all
        )
        fulfilment = word("layanan", words.fulfilments, words.fulfilment_for_all)
        point = word("tempat_ambil", words.points, words.point_for_all)
        if point is None and "tempat_ambil" not in present and fulfilment is Fulfilment.COLLECT:
            message = f"a collection needs tempat_ambil{absent.get('tempat_ambil', '')}"
            problems.append(_RowProblem("tempat_ambil", "required", message))
        deliver = fulfilment is Fulfilment.DELIVER
        home = None
        if "alamat" in present:
            home = _checked(
                "alamat",
                lambda: self.address(get("alamat"), required=deliver, warnings=warnings),
                problems,
            )
        elif deliver:
            message = f"a delivery needs alamat{absent.get('alamat', '')}"
            problems.append(_RowProblem("alamat", "required", message))
        phone = None
        if "telepon" in present:
            numbers = _checked("telepon", lambda: _phone.parse_all(get("telepon")), problems)  # type: ignore[arg-type]
            if numbers:
                phone = numbers[0]
                if len(numbers) > 1:
                    message = f"the cell holds {len(numbers)} phone numbers; the first is kept"
                    warnings.append(_RowProblem("telepon", "phone_several", message))
            if phone is not None and phone.ambiguous:
                warnings.append(
                    _RowProblem("telepon", "phone_ambiguous", "the phone number reads two ways")
                )
        kk_number = None
        if "no_kk" in present:
            kk_number = _checked("no_kk", lambda: _kk.validate(get("no_kk")), problems)
        sex = word("jenis_kelamin", words.sexes)
        born = None
        if "tanggal_lahir" in present:
            born = _checked(
                "tanggal_lahir",
                lambda: read_date(get("tanggal_lahir"), as_of=self.as_of, field="tanggal_lahir"),
                problems,
            )
        requested_on = self.as_of
        if "tanggal_permohonan" in present:
            requested_on = (
                _checked(
                    "tanggal_permohonan",
                    lambda: read_date(
                        get("tanggal_permohonan"), as_of=self.as_of, field="tanggal_permohonan"
                    ),
                    problems,
                )
                or self.as_of
            )
        disabled = bool(word("disabilitas", words.yes_no))
        request_id = f"{self.id_prefix}-{index + 1:07d}"
        if "id_permohonan" in present:
            request_id = (
                _checked(
                    "id_permohonan",
                    lambda: identifier(get("id_permohonan"), field="id_permohonan"),
                    problems,
                )
                or request_id
            )
        if problems or nik is None or kinds is None or fulfilment is None:
            return None, [], problems, warnings

        resident = _checked(
            "nik",
            lambda: Resident.from_nik(
                info,
                name=get("nama"),
                as_of=self.as_of,
                sex=sex,
                birth_date=born,
                kk_number=kk_number,
                address=home,
                phone=phone,
                disabled=disabled,
            ),
            problems,
        )
        if resident is not None:
            age = resident.age(on=self.as_of)
            for kind in kinds:
                limits = _AGES.get(kind)
                if limits is not None and not limits[0] <= age < limits[1]:
                    warnings.append(_RowProblem("dokumen", "age", limits[2]))
        requests: list[DocumentRequest] = []
        for n, kind in enumerate(kinds):
            made = functools.partial(
                DocumentRequest,
                id=request_id if len(kinds) == 1 else f"{request_id}-{n + 1}",
                nik=nik,
                kind=kind,
                fulfilment=fulfilment,
                requested_on=requested_on,
                address=home if deliver else None,
                collect_at=point if fulfilment is Fulfilment.COLLECT else None,
            )
            request = _checked("dokumen", made, problems)
            if request is not None:
                requests.append(request)
        return resident, requests, problems, warnings


def _row_items(row: object) -> Iterable[tuple[object, object]] | None:
    """A row's (column, cell) pairs: a mapping's, or those of an object with the mapping
    protocol but not the ABC (a pandas Series, as ``df.iterrows()`` gives); ``None`` for
    anything else, or when reading it fails."""
    if isinstance(row, Mapping):
        return row.items()
    if isinstance(row, str | bytes) or not (hasattr(row, "keys") and hasattr(row, "items")):
        return None
    try:
        return list(row.items())
    except Exception:  # the caller's object: its row is reported, not raised
        return None


def read_rows(
    rows: Iterable[Mapping[str, object]],
    *,
    as_of: dt.date,
    columns: Mapping[str, str] | None = None,
    regency: str | None = None,
    id_prefix: str = "ROW",
    words: Mapping[str, Mapping[str, object]] | None = None,
    defaults: Mapping[str, object] | None = None,
) -> Intake:
    """Read form rows into residents and requests, collecting every problem of every row.

    Each row is a mapping of column names to cells (a ``csv.DictReader`` row, a web form's
    fields, a pandas record from ``df.to_dict("records")`` or a row of ``df.iterrows()``).
    Column names are compared without case, spaces or punctuation (``"No. KK"`` is
    ``no_kk``); empty cells (``""``, ``None``, NaN, pandas' ``NaT``) are missing values.
    The form fields are :data:`COLUMNS`:

    - ``nik`` (required): validated against the region codes, as a spreadsheet may mangle it
      (``3216204107900003.0``, ``'3216...``; scientific notation is refused: its digits are
      lost).
    - ``nama`` (required); ``dokumen`` (required): one or more kinds (``"KTP-el, KK"``), in the
      words of :data:`DOCUMENT_WORDS`; ``layanan`` (required): :data:`FULFILMENT_WORDS`.
    - ``alamat``: required for a delivery, read with :func:`~adminduk_delivery.address.parse`
      within ``regency``; an ambiguous or unknown address rejects a delivery row, a missing
      RT or RW is a warning (the policy's address rules decide).
    - ``tempat_ambil``: required for a collection (:data:`COLLECTION_POINT_WORDS`).
    - ``telepon``, ``no_kk``: optional, validated.
    - ``tanggal_lahir``, ``jenis_kelamin``: optional; the NIK encodes both, and a value
      given must agree with it (code ``nik_mismatch``).
    - ``id_permohonan`` (default ``"{id_prefix}-{row number:07d}"``), ``tanggal_permohonan``
      (default ``as_of``), ``disabilitas`` (:data:`YES_NO_WORDS`): optional.

    A form's own option texts (such as "Dikirim ke alamat rumah (melalui PT Pos
    Indonesia)", or a "Ya"/"Tidak" box for delivery) are read by ``words``; a field the
    form does not ask, because every row means one value (a form only for the KTP-el, or
    whose collections are all at the Dinas), by ``defaults``, used where a row's cell is
    empty or missing.

    A row with any problem is rejected whole: none of its requests are kept. A NIK seen in an
    earlier accepted row keeps that row's resident (a warning notes other details); a request
    for a (NIK, document kind) already requested is a problem (``duplicate_request``).

    Args:
        rows: the rows, in order; read once (an iterator is fine).
        as_of: the day of the intake: the latest possible birth date, the reference for
            two-digit years, and the default request day.
        columns: form field -> the caller's column name, for the fields whose columns are
            named otherwise (``{"nama": "Nama Lengkap"}``).
        regency: the Dinas's regency (code or name), where addresses are looked for.
        id_prefix: the prefix of generated request ids.
        words: form field (one of :data:`WORD_FIELDS`) -> {the form's text: its meaning},
            added to the field's vocabulary and taking precedence over it; texts are
            compared as the vocabularies' are (:func:`word_key`). A meaning is a value of the
            field's kind (a :class:`~adminduk_delivery.documents.DocumentKind`,
            :class:`~adminduk_delivery.documents.Fulfilment`,
            :class:`~adminduk_delivery.documents.CollectionPoint`,
            :class:`~adminduk_delivery.nik.Sex`, or a bool for ``disabilitas``) or a word
            the vocabulary knows (``"dikirim"``).
        defaults: ``dokumen``, ``layanan`` or ``tempat_ambil`` -> the value of rows whose
            cell is empty or missing: a value of the field's kind or a word the form's
            vocabulary reads (for ``dokumen``, also a list of them, or a cell's text such as
            ``"KTP-el, KK"``).

    Returns:
        An :class:`Intake`.

    Raises:
        InvalidType: ``rows`` is not an iterable (or is a data frame, whose iteration gives
            its columns); ``columns``, ``words`` or ``defaults`` is not a mapping, or holds
            a value of another type.
        ValidationError: ``columns`` names an unknown form field (``unknown_field``) or maps
            two fields to one column (``duplicate``); ``words`` or ``defaults`` names a field
            they cannot take (``unknown_field``), a meaning or a default that is no known
            value (``unknown_value``), a text without letters or digits (``empty``) or two
            texts that read the same with different meanings (``duplicate``); a bad
            ``regency`` or ``id_prefix``. Nothing in the rows raises.
    """
    day = date_value(as_of, field="as_of")
    wanted = _columns(columns)
    prefix = identifier(id_prefix, field="id_prefix")
    own_words = _words(words, defaults)
    if regency is not None:
        _address.parse("", regency=regency)  # a bad hint raises here, before any row
    given: object = rows
    if isinstance(given, str | bytes | Mapping) or not isinstance(given, Iterable):
        raise InvalidType("rows is an iterable of mappings", field="rows")
    if hasattr(given, "columns") and hasattr(given, "to_dict"):  # iterating gives its columns
        raise InvalidType(
            "rows is an iterable of mappings, one per row: a data frame's rows are "
            "df.to_dict('records')",
            field="rows",
        )
    reader = _Reader(as_of=day, regency=regency, id_prefix=prefix, words=own_words)
    field_of = {column: field for field, column in wanted.items()}
    # The caller's name of each field's column, as last seen in a row (for messages).
    shown = {field: (columns or {}).get(field, field) for field in COLUMNS}
    residents: dict[str, Resident] = {}
    requested: set[tuple[str, DocumentKind]] = set()
    request_ids: set[str] = set()
    accepted_requests: list[DocumentRequest] = []
    problems: list[Problem] = []
    warnings: list[Problem] = []
    rows_read = accepted = 0
    keys: dict[str, str] = {}  # column name -> folded, as rows repeat their columns
    unread: dict[str, None] = {}  # the columns no field reads, in order
    absent_by_header: dict[tuple[str, ...], dict[str, str]] = {}
    seen: set[str] = set()  # the fields whose column a row has had

    def note(into: list[Problem], index: int, found: Iterable[_RowProblem]) -> None:
        into.extend(
            Problem(
                row=index,
                field=p.field,
                code=p.code,
                message=p.message,
                column=shown.get(p.field, p.field),
            )
            for p in found
        )

    for index, row in enumerate(given):
        rows_read += 1
        pairs = _row_items(row)
        if pairs is None:
            note(problems, index, [_RowProblem("", "type", "a row is a mapping of columns")])
            continue
        cells: dict[str, object] = {}
        names: list[str] = []
        for key, value in pairs:
            if not isinstance(key, str):
                continue
            names.append(key)
            folded = keys.get(key)
            if folded is None:
                folded = keys[key] = _column_key(key) if len(keys) < 10_000 else ""
                if (
                    folded not in field_of
                    and len(unread) < _MAX_UNREAD_COLUMNS
                    and not _LONG_DIGITS.search(key)
                ):
                    unread[key] = None
            field = field_of.get(folded)
            if field is not None:
                cells[field] = value
                shown[field] = key
        header = tuple(names)
        absent = absent_by_header.get(header)
        if absent is None:
            absent = _absent_columns(header, wanted, columns or {})
            if len(absent_by_header) < 1_000:  # rows repeat their columns
                absent_by_header[header] = absent
        seen.update(cells)
        if absent and not seen.isdisjoint(absent):
            # A column an earlier row had: this row left it out (a web form's fields).
            absent = {field: note for field, note in absent.items() if field not in seen}
        resident, requests, row_problems, row_warnings = reader.row(index, cells, absent)
        if not row_problems and resident is not None:
            for request in requests:
                if (request.nik, request.kind) in requested:
                    row_problems.append(
                        _RowProblem(
                            "dokumen",
                            "duplicate_request",
                            "an earlier row already requests this document for this NIK",
                        )
                    )
                if request.id in request_ids:
                    row_problems.append(
                        _RowProblem(
                            "id_permohonan", "duplicate", "an earlier row has this request id"
                        )
                    )
        if row_problems or resident is None:
            note(problems, index, row_problems)
            continue
        known = residents.get(resident.nik)
        if known is None:
            residents[resident.nik] = resident
        elif known != resident:
            row_warnings.append(
                _RowProblem(
                    "nik",
                    "resident_repeated",
                    "an earlier row has this NIK with other details; the earlier ones are kept",
                )
            )
        for request in requests:
            requested.add((request.nik, request.kind))
            request_ids.add(request.id)
        accepted_requests.extend(requests)
        note(warnings, index, row_warnings)
        accepted += 1
    return Intake(
        residents=tuple(residents.values()),
        requests=tuple(accepted_requests),
        problems=tuple(problems),
        warnings=tuple(warnings),
        rows_read=rows_read,
        rows_accepted=accepted,
        unread_columns=tuple(unread),
    )
