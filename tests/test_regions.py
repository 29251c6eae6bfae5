"""The region registry: lookups, counts, hierarchy, postal codes and name search."""

from __future__ import annotations

import collections
import subprocess
import sys

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from adminduk_delivery import regions, strategies
from adminduk_delivery.errors import (
    InvalidFormat,
    InvalidLength,
    InvalidType,
    UnknownRegion,
    ValidationError,
)
from adminduk_delivery.regions import RegionLevel


def test_counts_are_exactly_those_of_the_data():
    """38 / 514 / 7,285 / 83,762 current codes and 7,878 historical rows."""
    info = regions.data_info()
    assert info.current == {
        RegionLevel.PROVINCE: 38,
        RegionLevel.REGENCY: 514,
        RegionLevel.DISTRICT: 7285,
        RegionLevel.VILLAGE: 83762,
    }
    assert info.historical_rows == 7878
    assert info.retired == {
        RegionLevel.PROVINCE: 0,
        RegionLevel.REGENCY: 26,
        RegionLevel.DISTRICT: 594,
        RegionLevel.VILLAGE: 7233,
    }
    assert info.postal_codes == 10632
    assert len(regions.codes()) == 91599


def test_provenance_is_available_at_run_time():
    """A caller can show where the data comes from."""
    text = regions.data_info().provenance
    assert "cahyadsn/wilayah" in text
    assert "Permendagri 39/2015" in text


@pytest.mark.parametrize("code", ["32.16.20", "321620", " 32.16.20 ", "32-16-20"])
def test_get_accepts_dotted_and_compact_codes(code):
    """Dots, dashes and spaces are separators."""
    region = regions.get(code)
    assert region.code == "321620"
    assert region.name == "Cikarang Pusat"
    assert region.level is RegionLevel.DISTRICT
    assert region.parent_code == "3216"
    assert region.dotted_code == "32.16.20"
    assert not region.retired


def test_bekasi_regency_and_city_are_different_jurisdictions():
    """Kabupaten Bekasi is 3216 and Kota Bekasi is 3275."""
    assert regions.get("3216").name == "Kabupaten Bekasi"
    assert regions.get("3216").kind == "kabupaten"
    assert regions.get("3275").name == "Kota Bekasi"
    assert regions.get("3275").kind == "kota"
    assert len(regions.children("3216")) == 23


def test_retired_codes_are_found_and_marked():
    """A code dropped since 2015 comes back retired, with its inferred successors."""
    region = regions.get("9101")
    assert region.retired
    assert region.successor_codes == ("9301",)
    assert "dropped" in region.note
    village = regions.get("1607022017")
    assert village.retired
    assert village.successor_codes == ("1607202007", "1607212006")


def test_renamed_codes_are_current_with_former_names():
    """A code still valid but renamed keeps its current name and lists the old ones."""
    region = regions.get("1212")
    assert not region.retired
    assert region.name == "Kabupaten Toba"
    assert "KAB. TOBA SAMOSIR" in region.former_names


@pytest.mark.parametrize(
    ("written", "level", "code"),
    [
        ("Lubuk Alung", "district", "130501"),  # now Lubuak Aluang (Kepmendagri 2025)
        ("Sungai Garingging", "district", "130507"),  # now Sungai Garinggiang
        ("Puuk", "village", "1107042019"),  # now Puuk Aree
    ],
)
def test_earlier_spellings_are_found(written, level, code):
    """A name spelled as the editions of 2017-2022 had it is found, and listed among the
    region's former names with the editions that had it."""
    assert code in [m.region.code for m in regions.search(written, level=level)]
    region = regions.get(code)
    assert written in region.former_names
    assert "earlier spelling" in region.note


@pytest.mark.parametrize(
    ("code", "error", "error_code"),
    [
        ("3299", UnknownRegion, "region"),
        ("3216209999", UnknownRegion, "region"),
        ("321", InvalidLength, "length"),
        ("", InvalidLength, "length"),
        ("32A6", InvalidFormat, "format"),
        ("٣٢١٦", InvalidFormat, "format"),
        (3216, InvalidType, "type"),
        (None, InvalidType, "type"),
    ],
)
def test_get_rejects_bad_codes_with_specific_errors(code, error, error_code):
    """Unknown codes, bad lengths, non-digits and non-strings each have their error."""
    with pytest.raises(error) as info:
        regions.get(code)
    assert info.value.code == error_code
    assert info.value.field == "code"


def test_exists_never_raises():
    """exists() answers for anything."""
    assert regions.exists("3216")
    assert not regions.exists(None)
    assert not regions.exists("3299")
    assert regions.exists("9101")
    assert not regions.exists("9101", include_retired=False)


def test_children_and_ancestors():
    """The hierarchy goes both ways, sorted by code."""
    villages = regions.children("321620")
    assert [v.code for v in villages] == sorted(v.code for v in villages)
    assert len(villages) == 6
    assert all(v.parent_code == "321620" for v in villages)
    assert [a.code for a in regions.ancestors("3216202001")] == ["32", "3216", "321620"]
    assert regions.ancestors("32") == ()
    assert regions.children("3216202001") == ()


def test_children_can_include_retired_codes():
    """Retired districts of a reorganised Papua regency are listed on request."""
    current = regions.children("91", include_retired=False)
    everything = regions.children("91", include_retired=True)
    assert len(everything) > len(current)
    assert any(r.retired for r in everything)
    assert not any(r.retired for r in current)


def test_postal_codes_both_ways():
    """Each village has one postal code; a postal code lists its villages."""
    assert regions.postal_code("3216202001") == "17531"
    villages = regions.villages_for_postal_code("17531")
    assert "3216202001" in [v.code for v in villages]
    assert all(regions.postal_code(v.code) == "17531" for v in villages)
    assert regions.villages_for_postal_code("00000") == ()


def test_postal_code_errors():
    """Only current villages have postal codes; postal codes are five digits."""
    with pytest.raises(ValidationError) as info:
        regions.postal_code("321620")
    assert info.value.code == "level"
    with pytest.raises(UnknownRegion):
        regions.postal_code("1101152007")
    with pytest.raises(InvalidFormat):
        regions.villages_for_postal_code("1753")
    with pytest.raises(InvalidType):
        regions.villages_for_postal_code(17531)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Kab. Bekasi", ["3216"]),
        ("kabupaten  bekasi", ["3216"]),
        ("KAB BEKASI", ["3216"]),
        ("Kota Bekasi", ["3275"]),
        ("bekasi", ["3216", "3275"]),
        ("Kec. Cikarang Pusat", ["321620"]),
        ("kecamatan cikarangpusat", ["321620"]),
        ("Prov. Jawa Barat", ["32"]),
        ("DKI Jakarta", ["31"]),
        ("Provinsi Daerah Khusus Jakarta", ["31"]),  # its name by UU No. 2 Tahun 2024
        ("Propinsi Jawa Barat", ["32"]),  # the older spelling
        # Regional words for a level (sources in _region_words.LEVEL_WORDS): Papua's distrik,
        # Yogyakarta's kapanewon, kemantren and kalurahan.
        ("Distrik Abepura", ["917103"]),
        ("Kapanewon Ngaglik", ["340412"]),
        ("Kemantren Gondokusuman", ["347103"]),
        ("Kalurahan Sardonoharjo", ["3404122005"]),
        ("DKJ", ["31"]),
        ("Kota Adm. Jakarta Selatan", ["3174"]),
        ("Kota Administrasi Jakarta Selatan", ["3174"]),
        # The one "kabupaten administrasi": "Kabupaten ADM Kepulauan Seribu"
        # (wisata-murah-pulau-seribu.blogspot.com, 2012), "Kabupaten Kepulauan Seribu"
        # (alamatkodepos.com), "Kepulauan Seribu, Kabupaten" (jakarta.go.id encyclopedia).
        ("Kabupaten Administrasi Kepulauan Seribu", ["3101"]),
        ("Kab. Adm. Kepulauan Seribu", ["3101"]),
        ("Kabupaten ADM Kepulauan Seribu", ["3101"]),
        ("Kabupaten Kepulauan Seribu", ["3101"]),
        ("Kepulauan Seribu", ["3101"]),
    ],
)
def test_search_tolerates_case_spacing_and_prefixes(query, expected):
    """The usual prefixes narrow the level; case and spacing do not matter."""
    assert [m.region.code for m in regions.search(query)] == expected


def test_search_returns_every_same_named_village_with_its_path():
    """Sidomulyo exists in many districts: all are returned, each with its full path."""
    matches = regions.search("Desa Sidomulyo")
    assert len(matches) >= 90
    assert len({m.region.code for m in matches}) == len(matches)
    for match in matches:
        assert match.region.level is RegionLevel.VILLAGE
        assert [r.level for r in match.path] == list(RegionLevel)
        assert match.path[-1] == match.region
        assert match.label.startswith(match.region.name + ", ")


def test_search_filters():
    """level, within and include_retired narrow or widen the search."""
    in_bekasi = regions.search("Sukamaju", within="3216")
    assert in_bekasi
    assert all(m.region.code.startswith("3216") for m in in_bekasi)
    assert regions.search("bekasi", level="district") == ()
    assert regions.search("Toba Samosir")[0].region.code == "1212"
    retired = regions.search("Kampung Baru", within="110115", include_retired=True)
    assert "1101152007" in [m.region.code for m in retired]
    assert "1101152007" not in [m.region.code for m in regions.search("Kampung Baru")]


def test_search_rejects_bad_arguments():
    """A non-string query, an unknown level or an unknown `within` are our errors."""
    with pytest.raises(InvalidType):
        regions.search(None)
    with pytest.raises(ValidationError):
        regions.search("x", level="kelurahan")
    with pytest.raises(UnknownRegion):
        regions.search("x", within="3299")


def test_region_validates_on_construction():
    """A Region cannot be built inconsistent."""
    with pytest.raises(InvalidLength):
        regions.Region(code="321", level=RegionLevel.DISTRICT, name="X", parent_code="32")
    with pytest.raises(ValidationError):
        regions.Region(code="321620", level=RegionLevel.DISTRICT, name="X", parent_code="3275")
    region = regions.get("3216")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        region.name = "x"  # type: ignore[misc]


@given(strategies.region_codes(level="village", within="32"))
def test_every_village_has_a_postal_code_and_a_full_path(code):
    """Property: every current village resolves to a postal code and four-level path."""
    assert len(regions.postal_code(code)) == 5
    assert [a.level for a in regions.ancestors(code)] == list(RegionLevel)[:3]


@given(st.sampled_from(list(RegionLevel)).flatmap(lambda lv: strategies.region_codes(level=lv)))
def test_search_by_own_name_finds_every_current_region(code):
    """Property: searching a region's own name (with its level) always finds it."""
    region = regions.get(code)
    found = regions.search(region.name, level=region.level)
    assert code in [m.region.code for m in found]


@given(st.text(max_size=30))
def test_search_never_raises_on_text(text):
    """Property: any text is a valid query."""
    regions.search(text)


def test_import_does_not_load_the_tables():
    """Importing the package reads no data; the first lookup does."""
    code = (
        "import adminduk_delivery, adminduk_delivery.regions as r;"
        "assert r._registry.cache_info().currsize == 0;"
        "r.get('32');"
        "assert r._registry.cache_info().currsize == 1"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(
    ("value", "kwargs", "code"),
    [
        ("Bekasi", {}, "ambiguous"),
        ("Bekasi", {"level": "district"}, "level"),  # names regencies only
        ("Antah Berantah", {"level": "district"}, "not_found"),
        ("3216", {"level": "district"}, "level"),
        ("3216", {"within": "3275"}, "scope"),
        ("Kab. Bekasi", {"within": "35"}, "not_found"),
        ("3299", {}, "region"),  # digits are a code: say what is wrong with it
        ("32.99.01", {"level": "district"}, "region"),
        ("32.1", {}, "length"),
    ],
)
def test_resolve_refuses_what_is_not_one_region(value, kwargs, code):
    with pytest.raises(ValidationError) as caught:
        regions.resolve(value, **kwargs)
    assert (caught.value.code, caught.value.field) == (code, "region")


def test_resolve_reads_codes_and_names_as_the_hints_do():
    assert regions.resolve("Kabupaten Bekasi").code == "3216"
    assert regions.resolve("32.16.20", level="district").code == "321620"
    assert regions.resolve("Kota Bekasi", level="regency", within="32").code == "3275"
    assert regions.resolve("9101").retired  # a retired code is taken as it is
    assert regions.resolve("32.16", current=True).code == "3216"
    with pytest.raises(ValidationError) as caught:
        regions.resolve("9101", current=True)  # unless a current region is wanted
    assert (caught.value.code, caught.value.field) == ("level", "region")
    assert "9301" in str(caught.value)  # its successor
    with pytest.raises(InvalidType):
        regions.resolve("3216", current="yes")
    with pytest.raises(InvalidType):
        regions.resolve(3216)


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("32", "Provinsi"), ("3216", "Kabupaten"), ("3275", "Kota"),
        ("321604", "Kecamatan"), ("917105", "Distrik"), ("340401", "Kapanewon"),
        ("347101", "Kemantren"),
        ("3216042002", "Desa"), ("9171052005", "Kampung"), ("9171051002", "Kelurahan"),
        ("1107032001", "Gampong"), ("1305012003", "Nagari"), ("1309012007", "Desa"),
        ("1208152004", "Nagori"), ("3404012001", "Kalurahan"),
    ],
)  # fmt: skip
def test_a_level_has_its_own_name_where_a_regulation_gives_one(code, name):
    """Distrik in Papua, Kapanewon and Kemantren in Yogyakarta, Kampung, Gampong, Nagari
    (not in the Kepulauan Mentawai, 1309), Nagori and Kalurahan for a desa; a kelurahan is
    a Kelurahan everywhere."""
    assert regions.get(code).level_name == name


def test_the_local_names_cover_their_regions_as_counted():
    """The rows' regions hold the desa the 2025 edition lists there: 6,500 gampong in Aceh,
    392 kalurahan in Yogyakarta's kabupaten, 386 nagori in Simalungun; each row names its
    source and current regions."""
    counts = collections.Counter(regions.get(c).level_name for c in regions.codes("village"))
    assert (counts["Gampong"], counts["Kalurahan"], counts["Nagori"]) == (6500, 392, 386)
    for row in regions.LOCAL_LEVEL_NAMES:
        assert row.source
        assert all(regions.exists(prefix, include_retired=False) for prefix in row.prefixes)


@given(code=strategies.region_codes())
def test_the_gazetteer_files_every_region_under_its_name(code):
    """Property: a region is found in the gazetteer under its folded name (a regency without
    its Kab./Kota, with its kind), marked current, and search finds it through the table."""
    region = regions.get(code)
    _level, _kind, core = regions.split_prefix(region.name)
    entries = regions.gazetteer()[regions.name_key(core if len(code) == 4 else region.name)]
    assert any(e.code == code and e.current for e in entries)
    if len(code) == 4:
        assert next(e.kind for e in entries if e.code == code) in ("kabupaten", "kota")
    assert code in {m.region.code for m in regions.search(region.name)}


def test_every_regency_is_found_by_its_name_with_or_without_its_prefix():
    """The name after Kab./Kota (Administrasi) finds the regency alone and with the usual
    short prefix: "Kepulauan Seribu" was filed as "Administrasi Kepulauan Seribu", so only
    its full official name found it."""
    for code in regions.codes("regency"):
        _level, kind, core = regions.split_prefix(regions.get(code).name)
        short = "Kab." if kind == "kabupaten" else "Kota"
        for query in (core, f"{short} {core}"):
            assert code in {m.region.code for m in regions.search(query)}, query


def test_the_gazetteer_is_read_only_and_knows_former_names():
    table = regions.gazetteer()
    with pytest.raises(TypeError):
        table["x"] = ()  # type: ignore[index]
    retired = regions.codes("regency", retired=True)[0]
    former = regions.get(retired)
    _level, _kind, core = regions.split_prefix(former.name)
    assert any(e.code == retired and not e.current for e in table[regions.name_key(core)])


@pytest.mark.parametrize(
    ("call", "error", "code"),
    [
        (lambda: regions.split_prefix(None), InvalidType, "type"),
        (lambda: regions.province_aliases("3216"), ValidationError, "level"),
        (lambda: regions.province_aliases("99"), UnknownRegion, "region"),
    ],
)
def test_gazetteer_helpers_refuse_bad_input_with_a_code(call, error, code):
    with pytest.raises(error) as raised:
        call()
    assert raised.value.code == code


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Ilir Barat II", "167101"),  # the registry: Ilir Barat Dua
        ("Ilir Timur 1", "167105"),  # Sumatera Ekspres writes "Ilir Timur 1"; Ilir Timur Satu
        ("26 Ilir D. I", "1671041003"),  # Dua-puluh-enam Ilir Satu... as Kepmendagri 2022 had it
        ("3/4 Ulu", "1671021004"),  # Tiga Empat Ulu
        ("Kabupaten 50 Kota", "1307"),  # Kabupaten Lima Puluh Kota
        ("VII Koto", "130505"),  # written with a Roman numeral in the registry itself
        ("Kab. Adm. Kep. Seribu", "3101"),  # Kepmendagri 6117/2022: "KAB. ADM. KEP. SERIBU"
        ("Kepulauan Siau Tagulandang Biaro", "7109"),  # 2025: "Kabupaten Kep. Siau ..."
        ("Sei Putih", "1401172005"),  # Sungai Putih, in Kampar
        ("Tj. Priok", "317202"),  # Tanjung Priok
    ],
)
def test_a_number_is_one_name_however_written(written, code):
    """Digits, Roman numerals (I to VIII) and Indonesian words give one key: the registry of
    2025 spells Palembang's numbered names in words ("Dua-puluh-enam Ilir"), where addresses
    and the editions before it write digits and numerals. So do a word and its abbreviation
    (``regions.ABBREVIATIONS``), which the registry itself writes both ways."""
    assert code in [m.region.code for m in regions.search(written)]
    assert regions.name_key("2 x 11 Kayu Tanam") == regions.name_key("2x11 Kayu Tanam")
    assert regions.name_key("X Koto") == "xkoto"  # an X stays a letter
