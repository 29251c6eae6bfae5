"""Intake of form rows: every shape the form's fields arrive in, every problem reported."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from adminduk_delivery import intake
from adminduk_delivery import strategies as ads
from adminduk_delivery.documents import CollectionPoint, DocumentKind, Fulfilment
from adminduk_delivery.errors import InvalidType, ValidationError
from adminduk_delivery.labels import LANGUAGES, labels_of
from adminduk_delivery.nik import Sex

AS_OF = dt.date(2026, 1, 1)
GOOD = {
    "nik": "3216204107900003",
    "nama": "Siti Aminah",
    "alamat": "Jl. Kenanga No. 7 RT 01/04, Desa Cikarang Kota, Kec. Cikarang Utara",
    "telepon": "0812-3456-7890",
    "dokumen": "KTP-el",
    "layanan": "dikirim",
}


def read(*rows: object, **kwargs: object) -> intake.Intake:
    return intake.read_rows(rows, as_of=AS_OF, regency="3216", **kwargs)  # type: ignore[arg-type]


def codes(result: intake.Intake) -> list[tuple[int, str, str]]:
    return [(p.row, p.field, p.code) for p in result.problems]


@settings(max_examples=150)
@given(ads.form_rows(region="3216", as_of=AS_OF))
def test_generated_rows_read_back(form: ads.FormRow) -> None:
    result = read(form.row)
    assert result.rows_read == 1
    assert result.unread_columns == ()
    if result.problems:
        # The one thing a valid row may fail on: a village its district names twice.
        assert {(p.field, p.code) for p in result.problems} <= {
            ("alamat", "address_ambiguous"),
            ("alamat", "address_not_found"),
        }
        return
    (resident,) = result.residents
    assert resident.nik == form.resident.nik
    assert resident.sex is form.resident.sex
    assert resident.birth_date == form.resident.birth_date
    assert [r.kind for r in result.requests] == list(form.kinds)
    assert {r.fulfilment for r in result.requests} == {form.fulfilment}
    assert {r.collect_at for r in result.requests} == {form.collect_at}
    if form.fulfilment is Fulfilment.DELIVER:
        address = result.requests[0].address
        assert address is not None
        assert form.resident.address is not None
        assert address.village_code == form.resident.address.village_code
        assert (address.rt, address.rw) == (form.resident.address.rt, form.resident.address.rw)


def _break(row: dict[str, object], how: str) -> dict[str, object]:
    broken = {k.casefold().replace(" ", "_").replace(".", ""): v for k, v in row.items()}
    broken = {("no_kk" if k == "no_kk" else k): v for k, v in broken.items()}
    if how == "nik":
        broken["nik"] = "3216204107900000"
    elif how == "no nik":
        broken.pop("nik")
    elif how == "document":
        broken["dokumen"] = "Surat Kuasa"
    elif how == "service":
        broken["layanan"] = "titip tetangga"
    elif how == "scientific":
        broken["nik"] = "3.2162E+15"
    elif how == "date":
        broken["tanggal_lahir"] = "Juli 1990"
    return broken


@settings(max_examples=60)
@given(
    st.lists(
        st.tuples(
            ads.form_rows(region="3216", as_of=AS_OF),
            st.sampled_from(["", "nik", "no nik", "document", "service", "scientific", "date"]),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_every_row_is_accepted_or_reported(rows: list[tuple[ads.FormRow, str]]) -> None:
    written = [_break(form.row, how) if how else form.row for form, how in rows]
    result = read(*written)
    assert result.rows_read == len(rows)
    assert result.rows_accepted + result.rows_rejected == result.rows_read
    assert len(result.rejected_rows) == result.rows_rejected
    for index, (_form, how) in enumerate(rows):
        if how:
            assert index in result.rejected_rows
    for problem in (*result.problems, *result.warnings):
        assert problem.code
        assert problem.message
        for form, _how in rows:
            assert form.resident.nik not in problem.message
    accepted = {r.nik for r in result.requests}
    assert accepted <= {r.nik for r in result.residents}


def test_each_problem_names_its_field_and_code() -> None:
    rows = [
        GOOD,
        {**GOOD, "nik": "3216204107900000"},
        {**GOOD, "nik": "3.2162E+15"},
        {**GOOD, "alamat": None},
        {**GOOD, "alamat": "Jl. Tidak Ada, Desa Antah Berantah"},
        {**GOOD, "layanan": "diambil"},
        {**GOOD, "layanan": "diambil", "tempat_ambil": "kantor kelurahan"},
        {**GOOD, "dokumen": "Surat Kuasa"},
        {**GOOD, "jenis_kelamin": "L"},
        {**GOOD, "tanggal_lahir": "02-07-1990"},
        {**GOOD, "tanggal_lahir": "Juli 1990"},
        {**GOOD, "telepon": "12345"},
        {**GOOD, "no_kk": "123"},
        {**GOOD, "layanan": "cetak mandiri"},
        {**GOOD, "nama": "  "},
        "not a row",
    ]
    result = read(*rows)
    assert codes(result) == [
        (1, "nik", "serial"),
        (2, "nik", "spreadsheet"),
        (3, "alamat", "required"),
        (4, "alamat", "address_not_found"),
        (5, "tempat_ambil", "required"),
        (6, "tempat_ambil", "unknown_value"),
        (7, "dokumen", "unknown_value"),
        (8, "jenis_kelamin", "nik_mismatch"),
        (9, "tanggal_lahir", "nik_mismatch"),
        (10, "tanggal_lahir", "date"),
        (11, "telepon", "invalid"),
        (12, "no_kk", "length"),
        (13, "layanan", "not_self_printable"),
        (14, "nama", "required"),
        (15, "", "type"),
    ]
    assert (result.rows_read, result.rows_accepted) == (16, 1)


def test_every_problem_of_a_row_is_reported() -> None:
    result = read({"nik": "123", "dokumen": "Surat Kuasa", "layanan": "diambil"})
    assert codes(result) == [
        (0, "nama", "required"),
        (0, "nik", "length"),
        (0, "dokumen", "unknown_value"),
        (0, "tempat_ambil", "required"),
    ]


def test_repeated_requests_and_residents() -> None:
    result = read(
        GOOD,
        {**GOOD, "dokumen": "KK"},
        {**GOOD, "dokumen": "e-KTP"},
        {**GOOD, "nama": "Siti A.", "dokumen": "akta kelahiran"},
    )
    assert codes(result) == [(2, "dokumen", "duplicate_request")]
    assert len(result.residents) == 1
    assert result.residents[0].name == "Siti Aminah"
    assert [(w.row, w.code) for w in result.warnings] == [(3, "resident_repeated")]
    assert [r.id for r in result.requests] == ["ROW-0000001", "ROW-0000002", "ROW-0000004"]


def test_columns_are_mapped_and_folded() -> None:
    row = {
        "N I K": GOOD["nik"],
        "Nama Lengkap": "Siti",
        "Dokumen ": "KK",
        "LAYANAN": "Ambil sendiri",
        "Tempat Ambil": "Kantor Pos",
        "No. KK": "3216201503180007",
    }
    result = read(row, columns={"nik": "N I K", "nama": "Nama Lengkap"})
    assert codes(result) == []
    (request,) = result.requests
    assert request.collect_at is CollectionPoint.POST_OFFICE
    assert result.residents[0].kk_number == "3216201503180007"
    bad = read({**row, "N I K": "123"}, columns={"nik": "N I K", "nama": "Nama Lengkap"})
    assert [(p.field, p.column) for p in bad.problems] == [("nik", "N I K")]


def test_a_missing_column_is_named_with_the_column_that_may_be_it() -> None:
    """A form export whose headers are not the form's fields ("NIK (16 digit)", as a web
    form's question is worded) made every row say "nik is empty"; the message now says the
    column is missing and which of the row's columns to map, and an empty cell still reads
    "nik is empty"."""
    row = {
        "Timestamp": "3/1/2026 10:00:00",
        "NIK (16 digit)": GOOD["nik"],
        "Nama Lengkap sesuai KTP": "Siti Aminah",
        "Dokumen yang diminta": "KTP-el",
        "Pengambilan": "Dikirim",
    }
    result = read(row, row)
    assert result.rows_rejected == 2
    messages = {p.field: p.message for p in result.problems if p.row == 0}
    assert [p.code for p in result.problems] == ["required"] * 8
    assert messages == {
        "nik": "nik is empty: the row has no nik column; "
        "map yours with columns={'nik': 'NIK (16 digit)'}",
        "nama": "nama is empty: the row has no nama column; "
        "map yours with columns={'nama': 'Nama Lengkap sesuai KTP'}",
        "dokumen": "dokumen is empty: the row has no dokumen column; "
        "map yours with columns={'dokumen': 'Dokumen yang diminta'}",
        "layanan": "layanan is empty: the row has no layanan column; "
        "map yours with columns={'layanan': ...}, "
        "or give every row one with defaults={'layanan': ...}",
    }
    mapped = read(
        row,
        columns={
            "nik": "NIK (16 digit)",
            "nama": "Nama Lengkap sesuai KTP",
            "dokumen": "Dokumen yang diminta",
            "layanan": "Pengambilan",
        },
    )
    assert [(p.field, p.message) for p in mapped.problems] == [
        ("alamat", "a delivery needs alamat: the row has no alamat column; "
                   "map yours with columns={'alamat': ...}"),
    ]  # fmt: skip
    empty = read({**GOOD, "nik": " "})
    assert [(p.field, p.message) for p in empty.problems] == [("nik", "nik is empty")]
    # A web form's rows leave out the fields left empty: an earlier row had the column.
    left_out = read(GOOD, {k: v for k, v in GOOD.items() if k != "alamat"})
    assert [(p.row, p.message) for p in left_out.problems] == [(1, "a delivery needs alamat")]
    named = read(GOOD, columns={"nik": "NIK Pemohon"})
    assert [p.message for p in named.problems] == [
        "nik is empty: the row has no column 'NIK Pemohon'"
    ]


def test_a_file_without_its_header_row_is_named_and_its_data_not_echoed() -> None:
    """csv.DictReader over a file without a header row takes the first row of data as the
    column names: the messages say so, and show none of those names (a NIK among them)."""
    lines = "\n".join(
        ",".join([GOOD["nik"], "Siti Aminah", "KTP-el", "dikirim", GOOD["alamat"].replace(",", "")])
        for _ in range(3)
    )
    result = read(*csv.DictReader(io.StringIO(lines)))
    assert result.rows_read == 2
    assert {(p.field, p.code) for p in result.problems} == {
        ("nik", "required"), ("nama", "required"), ("dokumen", "required"), ("layanan", "required")
    }  # fmt: skip
    for problem in result.problems:
        assert "no header row" in problem.message
        assert not re.search(r"\d{6}", problem.message)
        assert "Siti" not in problem.message


@given(st.dictionaries(st.text(max_size=30), st.text(max_size=5), max_size=8))
def test_missing_column_messages_never_show_long_numbers(row: dict[str, str]) -> None:
    """Whatever a row's column names, no message shows six digits in a row of them (which
    may be a NIK, a KK or a phone number taken for a column name)."""
    result = read(row)
    for problem in result.problems:
        assert not re.search(r"\d{6}", problem.message), problem.message
    for name in result.unread_columns:
        assert not re.search(r"\d{6}", name)


def test_the_columns_no_field_reads_are_listed() -> None:
    """An accepted row whose phone column is headed "No. HP/WA" lost its numbers without a
    word; the intake now lists the columns no field reads, in the order first seen over all
    rows, once each, and not those ``columns`` maps."""
    row = {**{k: v for k, v in GOOD.items() if k != "telepon"}, "No. HP/WA": GOOD["telepon"]}
    later = {**row, "Timestamp": "3/1/2026 10:00:00", "No. HP/WA": "0813-1111-2222"}
    result = read(row, later, {**GOOD, "Keterangan": ""})  # (the same request thrice)
    assert result.rows_read == 3
    assert result.unread_columns == ("No. HP/WA", "Timestamp", "Keterangan")
    assert "columns not read: &#x27;No. HP/WA&#x27;" in result._repr_html_()
    mapped = read(row, columns={"telepon": "No. HP/WA"})
    assert mapped.unread_columns == ()
    assert mapped.residents[0].phone is not None
    assert read(GOOD).unread_columns == ()
    assert "columns not read" not in read(GOOD)._repr_html_()


def test_a_phone_cell_of_several_numbers_keeps_the_first() -> None:
    """A phone cell that holds several numbers (as offices publish theirs: "021-8566928,
    8566929") rejected the row, or, for a short second number, was read as one number with
    an extension; now the first number is kept and the row warns (``phone_several``). A
    letter among the digits (an O for a 0) rejects the row: phonenumbers read another valid
    number."""
    result = read(
        {**GOOD, "telepon": "0812-3456-7890 / 0857-1234-5678"},
        {**GOOD, "nik": "3216200107900003", "telepon": "0812-3456-7890 (WA)"},
        {**GOOD, "nik": "3216200107900003", "telepon": "0812-3456-78O0"},
    )
    assert [r.phone.e164 for r in result.residents] == ["+6281234567890", "+6281234567890"]
    assert [(w.row, w.field, w.code) for w in result.warnings] == [(0, "telepon", "phone_several")]
    assert "2 phone numbers" in result.warnings[0].message
    assert codes(result) == [(2, "telepon", "format")]


def test_unread_columns_leave_out_data_and_stop_at_a_hundred() -> None:
    """Names that may be a resident's data (a file without its header row) are never
    listed, and a row of thousands of columns lists the first hundred."""
    lines = "\n".join(",".join([GOOD["nik"], "Siti Aminah", "KTP-el", "dikirim"]) for _ in range(2))
    headerless = read(*csv.DictReader(io.StringIO(lines)))
    assert headerless.unread_columns == ("Siti Aminah", "KTP-el", "dikirim")
    wide = read({**GOOD, **{f"kolom {i}": "" for i in range(5_000)}})
    assert wide.rows_accepted == 1
    assert wide.unread_columns == tuple(f"kolom {i}" for i in range(100))


@settings(max_examples=50)
@given(
    ads.form_rows(region="3216", as_of=AS_OF),
    st.lists(st.text(min_size=1, max_size=20), max_size=5, unique=True),
)
def test_every_column_is_read_or_listed(form: ads.FormRow, extra: list[str]) -> None:
    """Property: a column of a row is read by a form field or listed as unread (unless it
    holds six digits in a row), whatever its name."""
    fields = {re.sub(r"[\W_]+", "_", k.casefold()).strip("_") for k in form.row}
    row = {**form.row, **{name: "x" for name in extra if name not in form.row}}
    result = read(row)
    expected = tuple(
        name
        for name in row
        if name not in form.row
        and "_".join(re.sub(r"[\W_]+", " ", name.casefold()).split()) not in intake.COLUMNS
        and not re.search(r"\d{6}", name)
    )
    assert result.unread_columns == expected
    assert fields <= set(intake.COLUMNS)


def test_bad_arguments_raise_our_errors() -> None:
    with pytest.raises(ValidationError) as info:
        intake.read_rows([], as_of=AS_OF, columns={"name": "Nama"})
    assert info.value.code == "unknown_field"
    with pytest.raises(ValidationError) as info:
        intake.read_rows([], as_of=AS_OF, columns={"nik": "Nama", "nama": "nama"})
    assert info.value.code == "duplicate"
    with pytest.raises(InvalidType):
        intake.read_rows("nik,nama", as_of=AS_OF)  # type: ignore[arg-type]
    with pytest.raises(InvalidType):
        intake.read_rows([], as_of="2026-01-01")  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        intake.read_rows([], as_of=AS_OF, regency="Atlantis")


def _field_key(row: dict[str, object], field: str) -> str | None:
    """The generated row's column for ``field`` (written in any case)."""
    return next((k for k in row if re.sub(r"[\W_]+", "_", k.casefold()) == field), None)


def _same_reading(first: intake.Intake, second: intake.Intake) -> None:
    assert first.residents == second.residents
    assert first.requests == second.requests
    assert codes(first) == codes(second)


_OWN_TEXTS = st.text(min_size=1, max_size=60).filter(lambda t: intake.word_key(t) != "")


@settings(max_examples=100)
@given(ads.form_rows(region="3216", as_of=AS_OF), _OWN_TEXTS, _OWN_TEXTS, _OWN_TEXTS)
def test_a_forms_own_texts_read_as_the_values_they_stand_for(
    form: ads.FormRow, service: str, documents: str, point: str
) -> None:
    """Any text of a form's own, mapped by words=, reads as the value it is mapped to,
    whatever the built-in vocabulary says of it (the caller's form wins)."""
    row = dict(form.row)
    words: dict[str, dict[str, object]] = {"layanan": {service: form.fulfilment}}
    row[_field_key(row, "layanan") or "layanan"] = service
    if len(form.kinds) == 1:
        row[_field_key(row, "dokumen") or "dokumen"] = documents
        words["dokumen"] = {documents: form.kinds[0]}
    if form.collect_at is not None:
        row[_field_key(row, "tempat_ambil") or "tempat_ambil"] = point
        words["tempat_ambil"] = {point: form.collect_at.value}  # a known word means it too
    _same_reading(read(row, words=words), read(form.row))


@settings(max_examples=100)
@given(ads.form_rows(region="3216", as_of=AS_OF), st.booleans())
def test_defaults_stand_for_the_columns_a_form_leaves_out(form: ads.FormRow, blank: bool) -> None:
    """A form without a dokumen, layanan or tempat_ambil column reads as the same form with
    the column, given the value by defaults= (a missing column or an empty cell alike)."""
    row = dict(form.row)
    defaults: dict[str, object] = {
        "layanan": form.fulfilment,
        "dokumen": row[_field_key(row, "dokumen") or "dokumen"],
    }
    if form.collect_at is not None:
        defaults["tempat_ambil"] = form.collect_at
    for field in defaults:
        key = _field_key(row, field)
        assert key is not None
        if blank:
            row[key] = ""
        else:
            del row[key]
    _same_reading(read(row, defaults=defaults), read(form.row))
    # The row's own cells still win over the defaults.
    other = next(f for f in Fulfilment if f is not form.fulfilment)
    _same_reading(read(form.row, defaults={"layanan": other}), read(form.row))


def test_a_yes_no_box_for_delivery_and_collections_at_the_dinas() -> None:
    """Balikpapan's DOYAN form (Dokumen Oke Saya Antar, with Pos Indonesia, 2017) asks
    whether the document is to be brought home with a box ticked yes or no, and an address
    when yes; a document not brought home is collected at the Dinas (ANTARA Kaltim,
    https://kaltim.antaranews.com/berita/39779, "Warga yang mengurus tinggal conteng ya
    atau tidak. Bila ya, ada kolom alamat tujuan untuk diisi")."""
    rows = [
        {"NIK": GOOD["nik"], "Nama": "Siti Aminah", "Dokumen": "Akta Kelahiran",
         "Diantar?": "Ya", "Alamat tujuan": GOOD["alamat"]},
        {"NIK": "3216204107900011", "Nama": "Budi", "Dokumen": "KK", "Diantar?": "tidak"},
        {"NIK": "3216204107900029", "Nama": "Ani", "Dokumen": "KK", "Diantar?": "mungkin"},
    ]  # fmt: skip
    columns = {"layanan": "Diantar?", "alamat": "Alamat tujuan"}
    without = read(*rows, columns=columns)
    assert codes(without) == [
        (0, "layanan", "unknown_value"),
        (1, "layanan", "unknown_value"),
        (2, "layanan", "unknown_value"),
    ]
    assert "words=" in without.problems[0].message
    result = read(
        *rows,
        columns=columns,
        words={"layanan": {"Ya": Fulfilment.DELIVER, "Tidak": "diambil"}},
        defaults={"tempat_ambil": CollectionPoint.DINAS},
    )
    assert [(r.fulfilment, r.collect_at) for r in result.requests] == [
        (Fulfilment.DELIVER, None),
        (Fulfilment.COLLECT, CollectionPoint.DINAS),
    ]
    assert codes(result) == [(2, "layanan", "unknown_value")]


# A form's own words, with the shapes that need care: options with a slash or a comma, a
# text that a built-in spelling shares ("KTP" as the KIA's own word), yes and no.
FORM_WORDS: dict[str, dict[str, object]] = {
    "layanan": {"Ya": "dikirim", "Tidak": Fulfilment.COLLECT, "Cetak di rumah": "cetak mandiri"},
    "dokumen": {
        "KTP-el / Suket (pengganti)": DocumentKind.KTP_EL,
        "Kartu Keluarga (baru, cetak ulang)": "KK",
        "KTP": DocumentKind.KIA,
    },
    "tempat_ambil": {"Loket Dukcapil, Lt. 1": "Dinas"},
    "jenis_kelamin": {"Lk": "L", "Pr.": Sex.FEMALE},
}


@settings(max_examples=150)
@given(ads.form_rows(region="3216", as_of=AS_OF, words=FORM_WORDS))
def test_rows_in_a_forms_own_words_read_back_with_them(form: ads.FormRow) -> None:
    result = read(form.row, words=FORM_WORDS)
    if result.problems:
        assert {(p.field, p.code) for p in result.problems} <= {
            ("alamat", "address_ambiguous"),
            ("alamat", "address_not_found"),
        }
        return
    assert [r.kind for r in result.requests] == list(form.kinds)
    assert {r.fulfilment for r in result.requests} == {form.fulfilment}
    assert {r.collect_at for r in result.requests} == {form.collect_at}
    (resident,) = result.residents
    assert resident.sex is form.resident.sex


@settings(max_examples=60)
@given(ads.form_rows(region="3216", as_of=dt.date(2020, 3, 1)))
def test_form_rows_before_self_printing_began(form: ads.FormRow) -> None:
    """Self-printing began on 1 July 2020: a form of March 2020 (Bekasi's programme) never
    chooses it, and form_rows no longer fails drawing it ("Cannot sample from a length-zero
    sequence")."""
    assert form.fulfilment is not Fulfilment.SELF_PRINT
    result = intake.read_rows([form.row], as_of=dt.date(2020, 3, 1), regency="3216")
    assert result.rows_accepted == 1 or {p.code for p in result.problems} <= {
        "address_ambiguous",
        "address_not_found",
    }


def test_form_rows_write_the_forms_own_words() -> None:
    from hypothesis import find

    rows = ads.form_rows(region="3216", as_of=AS_OF, words=FORM_WORDS)
    for text in ("Ya", "KTP-el / Suket (pengganti)", "Loket Dukcapil, Lt. 1", "Lk"):
        found = find(
            rows, lambda f, t=text: t.casefold() in map(str.casefold, map(str, f.row.values()))
        )
        assert found is not None
    # "KTP" is the KIA's own word: the KTP-el is never written so.
    kia = find(rows, lambda f: f.kinds == (DocumentKind.KIA,))
    assert kia is not None
    with pytest.raises(InvalidArgument):
        ads.form_rows(words={"layanan": {"Ya": "titip"}}).example()


def test_an_option_with_a_separator_is_one_document() -> None:
    own = "KTP-el / Suket (pengganti)"
    assert codes(read({**GOOD, "dokumen": own})) == [(0, "dokumen", "unknown_value")]
    result = read({**GOOD, "dokumen": own}, words={"dokumen": {own: DocumentKind.KTP_EL}})
    assert [r.kind for r in result.requests] == [DocumentKind.KTP_EL]
    several = read({**GOOD, "dokumen": "KK, " + own}, words={"dokumen": {own: "KTP-el"}})
    assert [r.kind for r in several.requests] == [DocumentKind.KARTU_KELUARGA, DocumentKind.KTP_EL]


@pytest.mark.parametrize("joiner", [", ", "; ", " dan ", " + ", " & ", " / ", "\n"])
@pytest.mark.parametrize(
    ("first", "second", "kinds"),
    [
        ("Suket", "KTP-el", [DocumentKind.SUKET, DocumentKind.KTP_EL]),
        ("SKPWNI", "Surat Pindah", [DocumentKind.SURAT_PINDAH]),
        ("KK", "Akta Kelahiran", [DocumentKind.KARTU_KELUARGA, DocumentKind.AKTA_KELAHIRAN]),
    ],
)
def test_two_documents_stay_two_with_or_without_own_words(
    first: str, second: str, kinds: list[DocumentKind], joiner: str
) -> None:
    """Written together, "Suket" and "KTP-el" read like the one word "Suket KTP-el" once
    punctuation is dropped: a cell is never compared whole with the vocabulary's words."""
    cell = first + joiner + second
    for words in (None, {"dokumen": {"Suket KTP-el (pengganti)": "Suket"}}):
        result = read({**GOOD, "dokumen": cell}, words=words)
        assert [r.kind for r in result.requests] == kinds


def test_a_missing_column_names_defaults_where_they_can_stand_for_it() -> None:
    result = read({"nik": GOOD["nik"], "nama": "Siti"})
    messages = {p.field: p.message for p in result.problems}
    assert "defaults={'dokumen': ...}" in messages["dokumen"]
    assert "defaults={'layanan': ...}" in messages["layanan"]
    assert "defaults=" not in messages["nik"] if "nik" in messages else True
    collection = read({**GOOD, "layanan": "diambil"})
    assert codes(collection) == [(0, "tempat_ambil", "required")]
    assert "defaults={'tempat_ambil': ...}" in collection.problems[0].message


@pytest.mark.parametrize(
    ("kwargs", "error", "code"),
    [
        ({"words": ["layanan"]}, InvalidType, "type"),
        ({"words": {"nama": {"x": "y"}}}, ValidationError, "unknown_field"),
        ({"words": {"layanan": "dikirim"}}, InvalidType, "type"),
        ({"words": {"layanan": {1: "dikirim"}}}, InvalidType, "type"),
        ({"words": {"layanan": {"Ya": "titip tetangga"}}}, ValidationError, "unknown_value"),
        ({"words": {"layanan": {"Ya": DocumentKind.KARTU_KELUARGA}}}, InvalidType, "type"),
        ({"words": {"disabilitas": {"ada": 1}}}, InvalidType, "type"),
        ({"words": {"layanan": {" - ": "dikirim"}}}, ValidationError, "empty"),
        ({"words": {"layanan": {"Ya": "dikirim", "YA!": "diambil"}}}, ValidationError, "duplicate"),
        ({"defaults": "KTP-el"}, InvalidType, "type"),
        ({"defaults": {"nama": "Siti"}}, ValidationError, "unknown_field"),
        ({"defaults": {"layanan": "titip"}}, ValidationError, "unknown_value"),
        ({"defaults": {"dokumen": "KTP-el, Surat Kuasa"}}, ValidationError, "unknown_value"),
        ({"defaults": {"dokumen": " , "}}, ValidationError, "required"),
        ({"defaults": {"dokumen": []}}, ValidationError, "required"),
        (
            {"defaults": {"dokumen": [DocumentKind.KIA, "Surat Kuasa"]}},
            ValidationError,
            "unknown_value",
        ),
        ({"defaults": {"dokumen": {DocumentKind.KIA}}}, InvalidType, "type"),
        ({"defaults": {"tempat_ambil": Fulfilment.COLLECT}}, InvalidType, "type"),
    ],
)
def test_bad_words_and_defaults_raise_before_any_row(
    kwargs: dict[str, object], error: type[Exception], code: str
) -> None:
    rows = iter([GOOD])
    with pytest.raises(error) as info:
        intake.read_rows(rows, as_of=AS_OF, **kwargs)  # type: ignore[arg-type]
    assert getattr(info.value, "code", None) == code
    assert next(rows) is GOOD  # nothing was read


def test_several_documents_for_every_row() -> None:
    row = {k: v for k, v in GOOD.items() if k != "dokumen"}
    for default in ([DocumentKind.KTP_EL, "KK", "e-KTP"], ("KTP-el", DocumentKind.KARTU_KELUARGA),
                    "KTP-el dan KK"):  # fmt: skip
        result = read(row, defaults={"dokumen": default})
        assert [r.kind for r in result.requests] == [
            DocumentKind.KTP_EL,
            DocumentKind.KARTU_KELUARGA,
        ], default


def test_words_and_defaults_of_several_fields_together() -> None:
    result = read(
        {"nik": GOOD["nik"], "nama": "Siti", "alamat": GOOD["alamat"], "jk": "Wanita",
         "difabel": "ada", "Dokumen": "Kartu Tanda Penduduk (baru)"},
        columns={"jenis_kelamin": "jk", "disabilitas": "difabel"},
        words={"jenis_kelamin": {"Wanita": Sex.FEMALE}, "disabilitas": {"ada": True},
               "dokumen": {"Kartu Tanda Penduduk (baru)": "e-KTP"}},
        defaults={"layanan": "dikirim"},
    )  # fmt: skip
    assert codes(result) == []
    (resident,) = result.residents
    assert resident.disabled
    assert [(r.kind, r.fulfilment) for r in result.requests] == [
        (DocumentKind.KTP_EL, Fulfilment.DELIVER)
    ]


def test_vocabularies_read_every_label_and_spelling() -> None:
    tables = (
        (intake.DOCUMENT_WORDS, DocumentKind),
        (intake.FULFILMENT_WORDS, Fulfilment),
        (intake.COLLECTION_POINT_WORDS, CollectionPoint),
        (intake.SEX_WORDS, Sex),
    )
    for words, cls in tables:
        lookup = intake._lookup(words, cls)  # type: ignore[arg-type]
        for member in cls:
            spellings = [*words.get(member, ()), member.value]  # type: ignore[call-overload]
            spellings += [labels_of(cls, lang)[member.value] for lang in LANGUAGES]
            for spelling in spellings:
                assert lookup[intake.word_key(spelling.upper())] is member, spelling


@given(st.dates(dt.date(1927, 1, 2), AS_OF), st.sampled_from(intake.DATE_SHAPES))
def test_every_date_shape_reads_back(day: dt.date, shape: intake.DateShape) -> None:
    assert intake.read_date(shape.write(day), as_of=AS_OF) == day
    assert intake.read_date(shape.example, as_of=AS_OF) == dt.date(1990, 7, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01-07-1990", dt.date(1990, 7, 1)),
        ("1 Juli 1990", dt.date(1990, 7, 1)),
        ("1990/07/01", dt.date(1990, 7, 1)),
        ("17 Agustus 1945", dt.date(1945, 8, 17)),
        ("5 Pebruari 2001", dt.date(2001, 2, 5)),
        ("30 Nopember 1999", dt.date(1999, 11, 30)),
        ("01-07-25", dt.date(2025, 7, 1)),
        ("01-07-27", dt.date(1927, 7, 1)),
        ("1990-07-01 00:00:00", dt.date(1990, 7, 1)),
        ("01/03/2026 10.00.00", dt.date(2026, 3, 1)),
        ("20/03/2020 14.05", dt.date(2020, 3, 20)),
        ("20 Maret 2020 pukul 14.05 WIB", dt.date(2020, 3, 20)),
        ("20-03-2020, 08:30 WITA", dt.date(2020, 3, 20)),
        ("20/03/2020 8:30 PM", dt.date(2020, 3, 20)),
        ("2020-03-20 14.05.59 WIT", dt.date(2020, 3, 20)),
        ("01.07.1990 10.00", dt.date(1990, 7, 1)),
    ],
)
def test_dates_as_forms_write_them(text: str, expected: dt.date) -> None:
    assert intake.read_date(text, as_of=AS_OF) == expected


@pytest.mark.parametrize("zone", ["WIB", "WITA", "WIT", "XYZ", "CEST", "GMT+7"])
def test_a_zone_after_the_time_is_never_a_warning(zone: str) -> None:
    """dateutil warns of a zone name it does not know (UnknownTimezoneWarning, to become
    an error in a later version): "14:05 WIB" wrote a warning, output the core never
    makes."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert intake.read_date(f"20/03/2020 14:05 {zone}", as_of=AS_OF) == dt.date(2020, 3, 20)


@pytest.mark.parametrize("text", ["", "Juli 1990", "1990", "31-02-1990", "kemarin", "x" * 100])
def test_what_is_not_a_date(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        intake.read_date(text, as_of=AS_OF, field="tanggal_lahir")
    assert (info.value.code, info.value.field) == ("date", "tanggal_lahir")


@pytest.mark.parametrize("text", ["010790", "900701", "19900701", "01071990", " 19900701 "])
def test_digits_without_separators_are_not_guessed(text: str) -> None:
    """Day or year first? dateutil read "19900701" as 7 January; none is a shape of the
    table, so none is read."""
    with pytest.raises(ValidationError) as info:
        intake.read_date(text, as_of=AS_OF, field="tanggal_permohonan")
    assert (info.value.code, info.value.field) == ("date", "tanggal_permohonan")


def test_pandas_records_with_empty_date_cells() -> None:
    """pandas gives an empty cell of a date column as NaT (a datetime that is no time) and
    of a text column as NaN: both are empty cells of optional columns, and the filled
    cells' Timestamps are dates."""
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        [
            {**GOOD, "tanggal_lahir": "1990-07-01", "tanggal_permohonan": None},
            {**GOOD, "nik": "3216200107900003", "tanggal_lahir": None},
        ]
    )
    for column in ("tanggal_lahir", "tanggal_permohonan"):
        frame[column] = pd.to_datetime(frame[column])
    rows = frame.to_dict("records")
    assert rows[1]["tanggal_lahir"] is pd.NaT
    result = read(*rows)
    assert (result.rows_accepted, codes(result)) == (2, [])
    assert [r.birth_date for r in result.residents] == [dt.date(1990, 7, 1)] * 2
    with pytest.raises(InvalidType) as info:
        intake.read_date(pd.NaT, as_of=AS_OF, field="tanggal_lahir")
    assert (info.value.code, info.value.field) == ("type", "tanggal_lahir")
    assert intake.read_date(pd.Timestamp("1990-07-01 08:00"), as_of=AS_OF) == dt.date(1990, 7, 1)


def test_rows_of_a_data_frame() -> None:
    """A data frame's rows as records or as iterrows() Series read alike; the data frame
    itself, whose iteration gives its column names, is refused by name."""
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame([GOOD, {**GOOD, "nik": "3216200107900003", "telepon": None}])
    by_records = read(*frame.to_dict("records"))
    assert (by_records.rows_accepted, codes(by_records)) == (2, [])
    assert read(*(row for _, row in frame.iterrows())) == by_records
    with pytest.raises(InvalidType) as info:
        intake.read_rows(frame, as_of=AS_OF)
    assert (info.value.code, info.value.field) == ("type", "rows")
    assert "to_dict('records')" in str(info.value)


def test_typed_cells_of_checkboxes_and_coded_options() -> None:
    """A data frame types a checkbox column as bool and a coded option as int (or float,
    with an empty cell): such cells read as their text ("True", "1"), so that words= can
    name them; a yes/no field reads them without words."""
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        [
            {**GOOD, "layanan": True, "dokumen": 1, "disabilitas": True},
            {**GOOD, "nik": "3216200107900003", "layanan": False, "dokumen": 3,
             "tempat_ambil": None, "disabilitas": False},
            {**GOOD, "nik": "3216204107900011", "layanan": True, "dokumen": None,
             "disabilitas": None},
        ]
    )  # fmt: skip
    words = {
        "layanan": {"True": "dikirim", "False": "diambil"},
        "dokumen": {"1": "KTP-el", "3": "KK"},
    }
    expected = [
        (DocumentKind.KTP_EL, Fulfilment.DELIVER, True),
        (DocumentKind.KARTU_KELUARGA, Fulfilment.COLLECT, False),
        (DocumentKind.AKTA_KELAHIRAN, Fulfilment.DELIVER, False),
    ]
    for rows in (frame.to_dict("records"), [row for _, row in frame.iterrows()]):
        result = read(
            *rows, words=words, defaults={"tempat_ambil": "Dinas", "dokumen": "Akta Lahir"}
        )
        assert codes(result) == []
        people = {r.nik: r for r in result.residents}
        assert [(r.kind, r.fulfilment, people[r.nik].disabled) for r in result.requests] == expected
    assert codes(read({**GOOD, "layanan": 1.5})) == [(0, "layanan", "type")]


def test_a_row_that_cannot_be_read_is_reported() -> None:
    class Broken:
        def keys(self):
            return ["nik"]

        def items(self):
            raise RuntimeError("the caller's row breaks")

    result = read(Broken(), "a text", GOOD)
    assert codes(result) == [(0, "", "type"), (1, "", "type")]
    assert result.rows_accepted == 1


def test_records_for_pandas() -> None:
    result = read(
        GOOD, {**GOOD, "nik": "1"}, {**GOOD, "dokumen": "KK", "alamat": "Desa Sukamekar RT 3"}
    )
    records = result.records()
    assert [(r["row"], r["code"], r["rejects"]) for r in records] == [
        (1, "length", True),
        (2, "address_incomplete", False),
        (2, "resident_repeated", False),
    ]
    assert result.problem_counts() == {("nik", "length"): 1}


def test_age_notes() -> None:
    child = "3216201507150002"  # born 15 July 2015
    result = read({**GOOD, "nik": child, "nama": "Adi"}, {**GOOD, "dokumen": "KIA"})
    assert [(w.row, w.field, w.code) for w in result.warnings] == [
        (0, "dokumen", "age"),
        (1, "dokumen", "age"),
    ]


def test_an_intake_in_a_notebook() -> None:
    """Jupyter shows an intake as its figures, its problems counted by rows, and the first
    problems, every cell escaped (a column name is the caller's text)."""
    bad = {**GOOD, "nik": "3216204107900000"}
    good = {**{k: v for k, v in GOOD.items() if k != "layanan"}, "Cara <ambil>": "dikirim"}
    rows = [good, *[{"NIK": bad["nik"], "nama": "x", "dokumen": "KTP", "Cara <ambil>": "?"}] * 25]
    result = read(*rows, columns={"layanan": "Cara <ambil>"})
    shown = result._repr_html_()
    assert "<b>26</b> rows read: 1 accepted, 25 rejected; 1 residents, 1 requests" in shown
    assert "<td>nik</td><td>serial</td><td>25</td><td>True</td>" in shown
    assert "Cara &lt;ambil&gt;" in shown
    assert "<ambil>" not in shown
    assert "and 30 more: records()" in shown  # 50 problems and 0 warnings, 20 shown
    assert bad["nik"] not in shown
