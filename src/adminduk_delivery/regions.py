"""Kemendagri region codes: provinces, regencies, districts and villages.

The registry covers the codes of Kepmendagri 300.2.2-2138/2025 (amended by 2430/2025): 38
provinces, 514 regencies (kabupaten/kota), 7,285 districts (kecamatan) and 83,762 villages
(desa/kelurahan), each village with one postal code, plus the 7,878 rows of codes retired or
renamed since Permendagri 39/2015. Nothing older is covered.

The tables are packaged with the library and loaded lazily: importing the module reads nothing;
the first lookup loads them once (about a tenth of a second) and keeps them for the process.

>>> from adminduk_delivery import regions
>>> bekasi = regions.get("32.16")
>>> bekasi.name, bekasi.level.value, bekasi.parent_code
('Kabupaten Bekasi', 'regency', '32')
>>> [r.name for r in regions.ancestors("3216202001")]
['Jawa Barat', 'Kabupaten Bekasi', 'Cikarang Pusat']
>>> regions.postal_code("3216202001")
'17531'
>>> [m.label for m in regions.search("Kota Bekasi")]
['Kota Bekasi, Jawa Barat']
"""

from __future__ import annotations

import enum
import functools
import re
import types
import unicodedata
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import Final, NamedTuple

import attrs

from ._convert import SEPARATORS, excerpt, flag, instance_validator, reported_as
from ._convert import postal_code as _postal_code
from ._region_words import ROMAN, level_word_groups, spelled
from .errors import InvalidFormat, InvalidLength, InvalidType, UnknownRegion, ValidationError

__all__ = [
    "ABBREVIATIONS",
    "LOCAL_LEVEL_NAMES",
    "DataInfo",
    "LocalLevelName",
    "NameEntry",
    "Region",
    "RegionLevel",
    "RegionMatch",
    "ancestors",
    "children",
    "codes",
    "compact",
    "data_info",
    "exists",
    "gazetteer",
    "get",
    "name_key",
    "point",
    "postal_code",
    "province_aliases",
    "resolve",
    "search",
    "split_prefix",
    "villages_for_postal_code",
]


class RegionLevel(enum.Enum):
    """The four levels of the Kemendagri hierarchy, top to bottom."""

    PROVINCE = "province"
    REGENCY = "regency"
    DISTRICT = "district"
    VILLAGE = "village"

    @property
    def code_length(self) -> int:
        """The number of digits of a code at this level (2, 4, 6 or 10)."""
        return _CODE_LENGTHS[self]

    @property
    def depth(self) -> int:
        """0 for a province down to 3 for a village."""
        return _DEPTHS[self]

    @classmethod
    def for_code(cls, code: str) -> RegionLevel:
        """The level of a compact code, by its length.

        Args:
            code: a compact code (see :func:`compact`); its digits are not checked here.

        Returns:
            The level: 2 characters a province, 4 a regency, 6 a district, 10 a village.

        Raises:
            InvalidType: ``code`` is not a string.
            InvalidLength: the code is not 2, 4, 6 or 10 characters long.

        >>> RegionLevel.for_code("321620")
        <RegionLevel.DISTRICT: 'district'>
        """
        if not isinstance(code, str):
            raise InvalidType(f"a region code is a string, got {type(code).__name__}", field="code")
        try:
            return _LEVEL_BY_LENGTH[len(code)]
        except KeyError:
            raise InvalidLength(
                f"a region code has 2, 4, 6 or 10 digits, got {len(code)}", field="code"
            ) from None


_CODE_LENGTHS: Final = {
    RegionLevel.PROVINCE: 2,
    RegionLevel.REGENCY: 4,
    RegionLevel.DISTRICT: 6,
    RegionLevel.VILLAGE: 10,
}
_DEPTHS: Final = {level: i for i, level in enumerate(RegionLevel)}
_LEVEL_BY_LENGTH: Final = {n: level for level, n in _CODE_LENGTHS.items()}
_PARENT_LENGTH: Final = {4: 2, 6: 4, 10: 6}


def _parent_of(code: str) -> str | None:
    length = _PARENT_LENGTH.get(len(code))
    return None if length is None else code[:length]


def _to_level(level: RegionLevel | str) -> RegionLevel:
    if isinstance(level, RegionLevel):
        return level
    try:
        return RegionLevel(level)
    except ValueError:
        names = ", ".join(m.value for m in RegionLevel)
        raise ValidationError(
            f"unknown level {excerpt(level)}; expected one of {names}", field="level", code="level"
        ) from None


def _check_code(instance: Region, attribute: attrs.Attribute[str], value: str) -> None:
    if not (value.isascii() and value.isdigit()):
        raise InvalidFormat("a region code has only the digits 0-9", field="code")
    if len(value) != instance.level.code_length:
        raise InvalidLength(
            f"a {instance.level.value} code has {instance.level.code_length} digits, "
            f"got {len(value)}",
            field="code",
        )


def _check_parent(
    instance: Region, attribute: attrs.Attribute[str | None], value: str | None
) -> None:
    if value != _parent_of(instance.code):
        raise ValidationError(
            f"the parent of {instance.code} is {_parent_of(instance.code)}, got {value}",
            field="parent_code",
            code="parent",
        )


@attrs.frozen(kw_only=True)
class Region:
    """One region of the Kemendagri hierarchy, current or retired.

    Attributes:
        code: the compact code (``"3216202001"``); :attr:`dotted_code` gives ``32.16.20.2001``.
        level: province, regency, district or village.
        name: the official name (for a retired code, the last name it was listed with).
        parent_code: the code one level up, ``None`` for a province.
        retired: ``True`` for a code that is no longer in the 2025 list. NIKs keep the code of
            their first registration, so a retired code is still a legitimate NIK region.
        successor_codes: for a retired code, the current codes that inferably replaced it
            (inferred by name matching, not official; empty when none was found).
        former_names: earlier names of a code that is still valid: renamed (the 25 renames
            of the historical table), or spelled otherwise by the editions of 2017 to 2022
            ("Lubuk Alung", now "Lubuak Aluang"; see :doc:`/data`).
        note: for retired or renamed codes, when the code was listed and dropped.
    """

    code: str = attrs.field(validator=_check_code)
    level: RegionLevel = attrs.field(validator=instance_validator(RegionLevel))
    name: str = attrs.field(validator=attrs.validators.min_len(1))
    parent_code: str | None = attrs.field(validator=_check_parent)
    retired: bool = False
    successor_codes: tuple[str, ...] = ()
    former_names: tuple[str, ...] = ()
    note: str = ""

    @property
    def dotted_code(self) -> str:
        """The code as Kemendagri prints it: ``32.16.20.2001``."""
        code = self.code
        parts = [code[:2], code[2:4], code[4:6], code[6:]]
        return ".".join(part for part in parts if part)

    @property
    def kind(self) -> str | None:
        """``"kabupaten"``/``"kota"`` for a regency, ``"kelurahan"``/``"desa"``/``"desa adat"``
        for a village (by the code's 3rd and 7th digits), ``None`` otherwise."""
        if self.level is RegionLevel.REGENCY:
            return "kota" if self.code[2] >= "7" else "kabupaten"
        if self.level is RegionLevel.VILLAGE:
            return {"1": "kelurahan", "2": "desa", "3": "desa adat"}.get(self.code[6])
        return None

    @property
    def level_name(self) -> str:
        """What the region's level is called there, as its own regulations name it: a
        kecamatan is a *Distrik* in Papua, a desa a *Gampong* in Aceh
        (:data:`LOCAL_LEVEL_NAMES`); else Provinsi, Kabupaten or Kota, Kecamatan, Kelurahan
        or Desa.

        >>> get("917105").level_name, get("9171052005").level_name, get("3216042002").level_name
        ('Distrik', 'Kampung', 'Desa')
        """
        if self.level is RegionLevel.PROVINCE:
            return "Provinsi"
        if self.level is RegionLevel.REGENCY:
            return "Kota" if self.kind == "kota" else "Kabupaten"
        if self.kind == "kelurahan":
            return "Kelurahan"
        local = next(
            (
                row.name
                for row in LOCAL_LEVEL_NAMES
                if row.level is self.level and self.code.startswith(row.prefixes)
            ),
            None,
        )
        return local or ("Kecamatan" if self.level is RegionLevel.DISTRICT else "Desa")


class LocalLevelName(NamedTuple):
    """A level's own name in the regions a regulation gives it (a row of
    :data:`LOCAL_LEVEL_NAMES`).

    Attributes:
        level: the level (a district, or a desa: a kelurahan keeps its name).
        prefixes: the codes of the provinces or regencies where the name applies.
        name: the name, as written before a region's name ("Distrik Heram").
        source: the regulation that gives it.
    """

    level: RegionLevel
    prefixes: tuple[str, ...]
    name: str
    source: str


_PAPUA: Final = ("91", "92", "93", "94", "95", "96")
_PAPUA_SOURCE: Final = (
    "UU No. 21 Tahun 2001 on Papua's special autonomy, Pasal 1 (the provinces made from "
    "Papua since keep it)"
)
_DIY_SOURCE: Final = "Peraturan Gubernur DIY No. 25 Tahun 2019"

LOCAL_LEVEL_NAMES: Final[tuple[LocalLevelName, ...]] = (
    LocalLevelName(RegionLevel.DISTRICT, _PAPUA, "Distrik", _PAPUA_SOURCE),
    LocalLevelName(RegionLevel.DISTRICT, ("3471",), "Kemantren", _DIY_SOURCE),
    LocalLevelName(RegionLevel.DISTRICT, ("34",), "Kapanewon", _DIY_SOURCE),
    LocalLevelName(RegionLevel.VILLAGE, _PAPUA, "Kampung", _PAPUA_SOURCE),
    LocalLevelName(RegionLevel.VILLAGE, ("34",), "Kalurahan", _DIY_SOURCE),
    LocalLevelName(
        RegionLevel.VILLAGE,
        ("11",),
        "Gampong",
        "Qanun Aceh No. 5 Tahun 2003 on Pemerintahan Gampong",
    ),
    LocalLevelName(
        RegionLevel.VILLAGE,
        ("1301", "1302", "1303", "1304", "1305", "1306", "1307", "1308", "1310", "1311", "1312"),
        "Nagari",
        "Perda Provinsi Sumatera Barat No. 7 Tahun 2018 on Nagari (the kabupaten but the "
        "Kepulauan Mentawai, whose desa are desa)",
    ),
    LocalLevelName(
        RegionLevel.VILLAGE,
        ("1208",),
        "Nagori",
        "Kabupaten Simalungun's name for a desa, as Kepmendagri 100.1.1-6117/2022 writes "
        '"Nagori Purba Pasir"',
    ),
)
"""Where a level has its own name, by the regulations that give it, most specific first
(Kota Yogyakarta's kemantren before the kapanewon of the rest of Yogyakarta). Read by
:attr:`Region.level_name`; the address parser reads these words before a name, and the
strategies write them."""


@attrs.frozen(kw_only=True)
class RegionMatch:
    """A region found by :func:`search`, with its full path from the province down.

    >>> from adminduk_delivery import regions
    >>> match = regions.search("Kec. Cikarang Pusat")[0]
    >>> match.region.code, match.label
    ('321620', 'Cikarang Pusat, Kabupaten Bekasi, Jawa Barat')
    """

    region: Region
    path: tuple[Region, ...]

    @property
    def label(self) -> str:
        """The names from this region up to its province, comma-separated."""
        return ", ".join(r.name for r in reversed(self.path))


@attrs.frozen(kw_only=True)
class DataInfo:
    """Counts and provenance of the packaged reference data."""

    current: dict[RegionLevel, int]
    retired: dict[RegionLevel, int]
    historical_rows: int
    postal_codes: int
    provenance: str


# --------------------------------------------------------------------------------------------
# The registry: loaded once, on first use.


class _HistoricalRow(NamedTuple):
    level: str
    name: str
    note: str
    successors: str


def _columns(text: str, width: int) -> tuple[list[str], list[str]]:
    """Split a packaged table into its header lines and its cells, row by row.

    Every row has exactly ``width`` tab-separated cells, so the whole body splits in one call.
    """
    body_start = 0
    header: list[str] = []
    while text.startswith("#", body_start):
        end = text.index("\n", body_start)
        header.append(text[body_start + 2 : end])
        body_start = end + 1
    cells = text[body_start:].rstrip("\n").replace("\n", "\t").split("\t")
    if len(cells) % width:  # pragma: no cover - guarded by the data build test
        raise AssertionError("packaged table is corrupt")
    return header, cells


class _Registry:
    """The loaded tables. Internal: the module functions are the API.

    Only what a validation needs is built at load time; the rest on first use.
    """

    def __init__(self, regions_text: str, historical_text: str, spellings_text: str) -> None:
        header, cells = _columns(regions_text, 3)
        hist_header, hist_cells = _columns(historical_text, 5)
        spelling_header, spelling_cells = _columns(spellings_text, 3)
        codes = cells[0::3]
        self.codes = codes
        self.names = dict(zip(codes, cells[1::3], strict=True))
        self._postal_cells = cells[2::3]
        historical: dict[str, list[_HistoricalRow]] = {}
        hist_codes = hist_cells[0::5]
        for i, code in enumerate(hist_codes):
            historical.setdefault(code, []).append(
                _HistoricalRow._make(hist_cells[5 * i + 1 : 5 * i + 5])
            )
        self.historical_rows = len(hist_codes)
        for i, code in enumerate(spelling_cells[0::3]):
            # An earlier spelling of a current name ("Lubuk Alung", now "Lubuak Aluang"): a
            # former name, as a substantial rename of historical.tsv is.
            name, editions = spelling_cells[3 * i + 1 : 3 * i + 3]
            level = _LEVEL_BY_LENGTH[len(code)].value
            note = f"earlier spelling {name!r} listed {editions.replace(' ', ', ')}"
            historical.setdefault(code, []).append(_HistoricalRow(level, name, note, code))
        self.historical = historical
        self.provenance = "\n".join(header + hist_header + spelling_header)
        self._cache: dict[str, Region] = {}

    @functools.cached_property
    def postal(self) -> dict[str, str]:
        return {c: p for c, p in zip(self.codes, self._postal_cells, strict=True) if p}

    @functools.cached_property
    def by_postal(self) -> dict[str, list[str]]:
        by_postal: dict[str, list[str]] = {}
        for code, postal in self.postal.items():
            by_postal.setdefault(postal, []).append(code)
        return by_postal

    @functools.cached_property
    def children(self) -> dict[str, list[str]]:
        return self._group_by_parent(self.codes)

    @functools.cached_property
    def retired_children(self) -> dict[str, list[str]]:
        return self._group_by_parent(c for c in self.historical if c not in self.names)

    @staticmethod
    def _group_by_parent(codes: Iterable[str]) -> dict[str, list[str]]:
        groups: dict[str, list[str]] = {}
        for code in codes:
            parent = _parent_of(code)
            if parent is not None:
                groups.setdefault(parent, []).append(code)
        return groups

    def known(self, code: str, *, historical: bool) -> bool:
        return code in self.names or (historical and code in self.historical)

    def region(self, code: str) -> Region | None:
        cached = self._cache.get(code)
        if cached is not None:
            return cached
        level = _LEVEL_BY_LENGTH[len(code)]
        name = self.names.get(code)
        rows = self.historical.get(code, [])
        if name is not None:
            region = Region(
                code=code,
                level=level,
                name=name,
                parent_code=_parent_of(code),
                former_names=tuple(row.name for row in rows),
                note="; ".join(row.note for row in rows),
            )
        elif rows:
            last = rows[-1]
            region = Region(
                code=code,
                level=level,
                name=last.name,
                parent_code=_parent_of(code),
                retired=True,
                successor_codes=tuple(last.successors.split("|")) if last.successors else (),
                note=last.note,
            )
        else:
            return None
        self._cache[code] = region
        return region


_PROVINCE_ALIASES: Final = {
    "11": ("NAD", "Nanggroe Aceh Darussalam"),
    "12": ("Sumut",),
    "13": ("Sumbar",),
    "16": ("Sumsel",),
    "19": ("Babel", "Bangka Belitung"),
    "21": ("Kepri",),
    # Its name since UU No. 2 Tahun 2024 (Provinsi Daerah Khusus Jakarta); the packaged
    # list still has "Daerah Khusus Ibukota Jakarta".
    "31": ("DKI Jakarta", "DKI", "Jakarta", "Daerah Khusus Jakarta", "DKJ"),
    "32": ("Jabar",),
    "33": ("Jateng",),
    "34": ("DI Yogyakarta", "DIY", "Yogyakarta", "Jogja", "Jogjakarta"),
    "35": ("Jatim",),
    "52": ("NTB",),
    "53": ("NTT",),
    "61": ("Kalbar",),
    "62": ("Kalteng",),
    "63": ("Kalsel",),
    "64": ("Kaltim",),
    "65": ("Kaltara",),
    "71": ("Sulut",),
    "72": ("Sulteng",),
    "73": ("Sulsel",),
    "74": ("Sultra",),
    "76": ("Sulbar",),
    "82": ("Malut",),
}
"""Common short names of provinces (Jabar, DKI, NTB...), found by :func:`search` too."""

_PREFIX_RE: Final = re.compile(rf"^\s*{level_word_groups()}\s*(?=\S)", re.IGNORECASE)


def split_prefix(text: str) -> tuple[RegionLevel | None, str | None, str]:
    """Split a leading administrative prefix (``Kab.``, ``Kota``, ``Kec.``...) off a name.

    Args:
        text: a name as written, with or without a prefix.

    Returns:
        ``(level, kind, rest)``: the level the prefix names (or ``None`` without one), the
        regency kind (``"kabupaten"`` or ``"kota"``, else ``None``) and the name after it.

    Raises:
        InvalidType: ``text`` is not a string.

    >>> split_prefix("Kab. Bekasi")
    (<RegionLevel.REGENCY: 'regency'>, 'kabupaten', 'Bekasi')
    >>> split_prefix("Kec. Jati Sampurna")[0], split_prefix("Bekasi")
    (<RegionLevel.DISTRICT: 'district'>, (None, None, 'Bekasi'))
    """
    if not isinstance(text, str):
        raise InvalidType(f"a name is a string, got {type(text).__name__}", field="text")
    return _split_prefix(text)


def _split_prefix(text: str) -> tuple[RegionLevel | None, str | None, str]:
    """:func:`split_prefix` of a string."""
    match = _PREFIX_RE.match(text)
    if match is None:
        return None, None, text
    group = match.lastgroup
    rest = text[match.end() :]
    if group == "kabupaten":
        return RegionLevel.REGENCY, "kabupaten", rest
    if group == "kota":
        return RegionLevel.REGENCY, "kota", rest
    return RegionLevel(group), None, rest


_NOT_ALNUM: Final = re.compile(r"[\W_]+")
ABBREVIATIONS: Final = {
    "kep": "kepulauan", "tj": "tanjung", "sei": "sungai", "gn": "gunung", "lb": "lubuk",
    "lbk": "lubuk", "ps": "pasar", "kp": "kampung", "kpg": "kampung", "mns": "meunasah",
    "tgk": "teungku", "perk": "perkebunan",
}  # fmt: skip
"""The abbreviations of words in region names, each as Kemendagri's own editions write it
(the 2025 edition: "Kabupaten Kep. Siau Tagulandang Biaro", "Kep. Masaloka Raya"; the 2022
edition: "Gn. Kembang Baru", "Lb. Puding Baru", "Lbk. Tanah Terban", "Ps. Tebing Tinggi",
"Tgk. Di Bathon", "Pasar Tj. Padang", "Sei Putih", "Dayah Kp Pisang", "Mns. Timu", "Perk.
Tj. Keliling"): :func:`name_key` reads each as its word."""
_DIGIT_RUN: Final = re.compile(r"(?<!\d)\d{1,3}(?!\d)")
"""A number in digits: one to three (longer runs stay digits)."""


def _digit_words(match: re.Match[str]) -> str:
    return spelled(int(match.group()))


_WORDS_OF: Final = {**{r: spelled(n) for r, n in ROMAN.items()}, **ABBREVIATIONS}
"""The words that :func:`name_key` reads in place of a whole word of a name: a Roman numeral
from I to VIII ("X", as in "2 x 11 Kayu Tanam" and "X Koto", stays a letter) or an
abbreviation."""


def name_key(text: str) -> str:
    """Fold a region name for matching: case, accents, spacing and punctuation do not count,
    nor how a number is written, nor whether a common word is abbreviated.

    The key the gazetteer, the address parser and :func:`search` compare names by. A number,
    in digits or as a Roman numeral from I to VIII, is read as its Indonesian words, as the
    registry of 2025 writes the numbered names of Palembang ("Dua-puluh-enam Ilir" for
    "26 Ilir", "Ilir Barat Dua" for "Ilir Barat II") and people write "Kab. 50 Kota" for
    Lima Puluh Kota. An abbreviation of :data:`ABBREVIATIONS` is read as its word: "Kep."
    as "Kepulauan", "Tj." as "Tanjung", "Sei" as "Sungai".

    Args:
        text: a name as written.

    Returns:
        The folded key: lower-case letters (and the digits of runs of four or more).

    Raises:
        InvalidType: ``text`` is not a string.

    >>> name_key("Jati Sampurna"), name_key("JATISAMPURNA")
    ('jatisampurna', 'jatisampurna')
    >>> name_key("26 Ilir") == name_key("Dua-puluh-enam Ilir"), name_key("Ilir Barat II")
    (True, 'ilirbaratdua')
    >>> name_key("Kab. Kep. Seribu")
    'kabkepulauanseribu'
    """
    if not isinstance(text, str):
        raise InvalidType(f"a name is a string, got {type(text).__name__}", field="text")
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
    words = []
    for word in _NOT_ALNUM.split(text.casefold()):
        spelled = _WORDS_OF.get(word)
        if spelled is None:
            spelled = word if word.isalpha() or not word else _DIGIT_RUN.sub(_digit_words, word)
        words.append(spelled)
    return "".join(words)


def province_aliases(code: str) -> tuple[str, ...]:
    """The common short names of a province (``Jabar``, ``DKI``, ``NTB``...), which
    :func:`search`, :func:`gazetteer` and the address parser know as well as its name.

    Args:
        code: a province code.

    Returns:
        The aliases (none for most provinces).

    Raises:
        InvalidType, InvalidFormat, UnknownRegion: not a known region code.
        ValidationError: a code of another level (code ``level``).

    >>> province_aliases("32"), province_aliases("36")
    (('Jabar',), ())
    """
    region = get(code)
    if region.level is not RegionLevel.PROVINCE:
        raise ValidationError(
            f"{region.code} is a {region.level.value}, not a province", field="code", code="level"
        )
    return _PROVINCE_ALIASES.get(region.code, ())


class NameEntry(NamedTuple):
    """A region a folded name stands for (a row of :func:`gazetteer`).

    Attributes:
        code: the region's code.
        kind: ``"kabupaten"`` or ``"kota"`` for a regency, else ``None``.
        current: whether the code is current (else retired, under a name it had).
    """

    code: str
    kind: str | None
    current: bool


@functools.cache
def gazetteer() -> Mapping[str, tuple[NameEntry, ...]]:
    """Every name of a region, folded by :func:`name_key`, with the regions it stands for.

    Current and former names of every level (a regency's name without its ``Kab.``/``Kota``,
    whose kind the entry carries) and the provinces' common short names
    (:func:`province_aliases`). The one name table of the library: :func:`search` and the
    address parser look names up here. Read-only, built on first use and kept.

    Returns:
        A read-only mapping from folded name to its regions, in the order of the data.

    >>> [(e.code, e.kind) for e in gazetteer()["bekasi"]]
    [('3216', 'kabupaten'), ('3275', 'kota')]
    >>> gazetteer()["jabar"][0].code, "jatisampurna" in gazetteer()
    ('32', True)
    """
    registry = _registry()
    names = registry.names
    table: dict[str, list[NameEntry]] = {}

    def add(key: str, code: str, kind: str | None) -> None:
        entry = NameEntry(code, kind, code in names)
        entries = table.setdefault(key, [])
        if entry not in entries:
            entries.append(entry)

    def add_name(code: str, name: str) -> None:
        if len(code) == 4:
            _level, kind, core = _split_prefix(name)
            add(name_key(core), code, kind or ("kota" if code[2] >= "7" else "kabupaten"))
        else:
            add(name_key(name), code, None)
        for alias in _PROVINCE_ALIASES.get(code, ()):
            add(name_key(alias), code, None)

    for code, name in names.items():
        add_name(code, name)
    for code, hist_rows in registry.historical.items():
        for row in hist_rows:
            add_name(code, row.name)
    return types.MappingProxyType({key: tuple(entries) for key, entries in table.items()})


@functools.cache
def _registry() -> _Registry:
    data = resources.files("adminduk_delivery") / "_data"
    return _Registry(
        (data / "regions.tsv").read_text(encoding="utf-8"),
        (data / "historical.tsv").read_text(encoding="utf-8"),
        (data / "spellings.tsv").read_text(encoding="utf-8"),
    )


# --------------------------------------------------------------------------------------------
# The public functions.


def compact(code: object) -> str:
    """Remove dots, spaces and dashes from a region code: ``"32.16.20"`` becomes ``"321620"``.

    Args:
        code: the code as written.

    Returns:
        The code without separators; whether it is a region code is :func:`get`'s to say.

    Raises:
        InvalidType: ``code`` is not a string.

    >>> compact("32.16 20")
    '321620'
    """
    if not isinstance(code, str):
        raise InvalidType(f"a region code is a string, got {type(code).__name__}", field="code")
    return code.translate(SEPARATORS)


def _canonical(code: object) -> str:
    value = compact(code)
    RegionLevel.for_code(value)
    if not (value.isascii() and value.isdigit()):
        raise InvalidFormat("a region code has only digits, dots and spaces", field="code")
    return value


def exists(code: object, *, include_retired: bool = True) -> bool:
    """Whether ``code`` is a known region code; never raises.

    Args:
        code: anything; a region code, compact or dotted.
        include_retired: also accept the codes retired since 2015.

    Returns:
        ``True`` where :func:`get` would return a region (only a current one when
        ``include_retired`` is false), else ``False``.

    Raises:
        InvalidType: ``include_retired`` is not a ``bool`` (any ``code`` gives ``True`` or
            ``False``).

    >>> exists("32.16"), exists("9999"), exists("9101"), exists("9101", include_retired=False)
    (True, False, True, False)
    """
    historical = flag(include_retired, field="include_retired")
    registry = _registry()
    if type(code) is str and code in registry.names:
        return True  # the common case: a compact, current code (NIK and address checks)
    try:
        value = _canonical(code)
    except ValidationError:
        return False
    return registry.known(value, historical=historical)


def get(code: str) -> Region:
    """The region with this code, current or retired.

    Args:
        code: a province, regency, district or village code, compact (``"321620"``) or dotted
            (``"32.16.20"``).

    Returns:
        The :class:`Region`; a retired code comes back with ``retired=True``.

    Raises:
        InvalidType, InvalidFormat, InvalidLength: ``code`` is not a region code at all.
        UnknownRegion: a well-formed code that is neither current nor retired since 2015.

    >>> get("9101").retired, get("9101").successor_codes
    (True, ('9301',))
    >>> get("3299")
    Traceback (most recent call last):
    ...
    adminduk_delivery.errors.UnknownRegion: code: unknown regency code 3299
    """
    registry = _registry()
    if type(code) is str and (code in registry.names or code in registry.historical):
        found = registry.region(code)  # the common case: a compact code, looked up as it is
        if found is not None:
            return found
    value = _canonical(code)
    region = registry.region(value)
    if region is None:
        level = _LEVEL_BY_LENGTH[len(value)]
        raise UnknownRegion(f"unknown {level.value} code {value}", field="code")
    return region


def resolve(
    value: str,
    *,
    level: RegionLevel | str | None = None,
    within: str | None = None,
    field: str = "region",
    current: bool = False,
) -> Region:
    """The one region a code or a name stands for, as a hint or an option is written.

    A code (compact or dotted) is taken as it is, current or retired unless ``current`` is
    set; a name is looked up with :func:`search` and must name exactly one region (``"Kab.
    Bekasi"`` does, ``"Bekasi"`` names two).

    Args:
        value: a region code or name.
        level: the level the region must have.
        within: a region code the region must lie in (or be).
        field: the field the errors name (the caller's argument).
        current: refuse a retired code (a code a shipment's address can no longer have).

    Returns:
        The :class:`Region`.

    Raises:
        InvalidType: ``value`` is not a string.
        ValidationError: a region of another level (code ``level``; a name too, where it
            names regions of other levels only), outside ``within`` (``scope``), a name that
            matches no region (``not_found``) or several (``ambiguous``), or with
            ``current``, a retired code (``level``, naming its successors).
        UnknownRegion, InvalidLength: digits that are no region's code (``"3299"``).

    >>> resolve("Kab. Bekasi").code, resolve("32.16").code
    ('3216', '3216')
    >>> resolve("Bekasi")
    Traceback (most recent call last):
    ...
    adminduk_delivery.errors.ValidationError: region: 'Bekasi' matches 2 regions; give its code
    >>> resolve("9101", current=True)
    Traceback (most recent call last):
    ...
    adminduk_delivery.errors.ValidationError: region: 9101 is retired; give a current regency (9301)
    """
    historical = not flag(current, field="current")
    if not isinstance(value, str):
        raise InvalidType(
            f"{field} is a region code or name, got {type(value).__name__}", field=field
        )
    wanted = None if level is None else _to_level(level)
    if exists(value):
        region = get(value)
        if wanted is not None and region.level is not wanted:
            raise ValidationError(
                f"{region.code} is a {region.level.value}, not a {wanted.value}",
                field=field,
                code="level",
            )
        if within and not region.code.startswith(get(within).code):
            raise ValidationError(
                f"{region.code} is not within {within}", field=field, code="scope"
            )
        return _current(region, field) if not historical else region
    digits = value.translate(SEPARATORS)
    if digits.isascii() and digits.isdigit():  # a code, not a name: say what is wrong with it
        reported_as(field, lambda code: get(str(code)), digits)
    matches = search(value, level=wanted, within=within)
    if not matches and wanted is not None:
        # "Kab. Bekasi" where a district is wanted: say which level the name has.
        levels = sorted({m.region.level.value for m in search(value, within=within)})
        if levels:
            raise ValidationError(
                f"{excerpt(value)} names a {' or a '.join(levels)}, not a {wanted.value}",
                field=field,
                code="level",
            )
    if len(matches) != 1:
        raise ValidationError(
            f"{excerpt(value)} matches {len(matches)} regions; give its code",
            field=field,
            code="ambiguous" if matches else "not_found",
        )
    return _current(matches[0].region, field) if not historical else matches[0].region


def _current(region: Region, field: str) -> Region:
    """``region`` if it is current, else the error that names its successors."""
    if region.retired:
        raise ValidationError(
            f"{region.code} is retired; give a current {region.level.value}"
            + (f" ({', '.join(region.successor_codes)})" if region.successor_codes else ""),
            field=field,
            code="level",
        )
    return region


def children(code: str, *, include_retired: bool = False) -> tuple[Region, ...]:
    """The regions one level below ``code``, sorted by code (a village has none).

    Args:
        code: the parent code.
        include_retired: also list retired codes whose parent is ``code``.

    Returns:
        The child regions, sorted by code.

    Raises:
        UnknownRegion: ``code`` is not known; InvalidType, InvalidFormat, InvalidLength: it
            is not a region code at all (see :func:`get`).
        InvalidType: ``include_retired`` is not a ``bool``.

    >>> len(children("3216"))
    23
    """
    include_retired = flag(include_retired, field="include_retired")
    parent = get(code).code
    registry = _registry()
    found = list(registry.children.get(parent, ()))
    if include_retired:
        found.extend(registry.retired_children.get(parent, ()))
    return tuple(_region(c) for c in sorted(found))


def ancestors(code: str) -> tuple[Region, ...]:
    """The regions above ``code``, from the province down to the parent.

    Args:
        code: a region code, current or retired.

    Returns:
        The province, regency and district above ``code`` as far as there are (empty for a
        province).

    Raises:
        UnknownRegion: ``code`` or one of its ancestors is not known; InvalidType,
            InvalidFormat, InvalidLength: it is not a region code at all (see :func:`get`).

    >>> [r.name for r in ancestors("3216202001")]
    ['Jawa Barat', 'Kabupaten Bekasi', 'Cikarang Pusat']
    """
    region = get(code)
    parents: list[Region] = []
    parent = region.parent_code
    while parent is not None:
        found = get(parent)
        parents.append(found)
        parent = found.parent_code
    return tuple(reversed(parents))


def postal_code(village_code: str) -> str:
    """The postal code (kode pos) of a current village.

    The data keeps one code per village; Pos Indonesia sometimes uses several within one village
    and remains the authority.

    Args:
        village_code: a current village's code, compact or dotted.

    Returns:
        The five-digit postal code.

    Raises:
        ValidationError: ``village_code`` is not a village code (``code="level"``).
        UnknownRegion: the village is unknown or retired (a retired code has no postal code).
        InvalidType, InvalidFormat, InvalidLength: not a region code at all (see :func:`get`).

    >>> postal_code("3216202001")
    '17531'
    """
    region = get(village_code)
    if region.level is not RegionLevel.VILLAGE:
        raise ValidationError(
            f"postal codes belong to villages, {region.code} is a {region.level.value}",
            field="village_code",
            code="level",
        )
    if region.retired:
        raise UnknownRegion(
            f"village {region.code} is retired and has no postal code"
            + (
                f"; successors: {', '.join(region.successor_codes)}"
                if region.successor_codes
                else ""
            ),
            field="village_code",
        )
    return _registry().postal[region.code]


def villages_for_postal_code(postal_code: str) -> tuple[Region, ...]:
    """The current villages that use ``postal_code``, sorted by code (empty when none do).

    Args:
        postal_code: five ASCII digits.

    Returns:
        The villages, sorted by code.

    Raises:
        InvalidType, InvalidFormat: ``postal_code`` is not five ASCII digits.

    >>> [v.name for v in villages_for_postal_code("17531")]
    ['Cicau', 'Sukamahi', 'Pasiranji', 'Hegarmukti', 'Jayamukti', 'Pasirtanjung']
    """
    value = _postal_code(postal_code)
    return tuple(_region(c) for c in _registry().by_postal.get(value, ()))


def search(
    query: str,
    *,
    level: RegionLevel | str | None = None,
    within: str | None = None,
    include_retired: bool = False,
) -> tuple[RegionMatch, ...]:
    """Find regions by name, every match with its full path.

    Case, spacing, punctuation and the usual prefixes do not matter: ``Kab.``/``Kabupaten``
    and ``Kota``, each with or without ``Administrasi``/``Adm.`` (Jakarta's),
    ``Kec.``/``Kecamatan``, ``Kel.``/``Kelurahan``, ``Desa``/``Ds.`` and
    ``Prov.``/``Provinsi``. A prefix narrows the level (``Kab. Bekasi`` is the regency 3216,
    ``Kota Bekasi`` is 3275); without one, every level is searched. The same village name
    exists in many districts: all of them are returned, never one picked silently.

    Args:
        query: the name to look for.
        level: only regions of this level.
        within: only regions below (or equal to) this region code, e.g. ``"3216"``.
        include_retired: also match retired codes and their last names.

    Returns:
        The matches ordered by level (province first), then by code.

    Raises:
        InvalidType: ``query`` is not a string, or ``include_retired`` not a ``bool``.
        UnknownRegion, InvalidFormat: ``within`` is not a known region code.

    >>> [m.region.code for m in search("bekasi")]
    ['3216', '3275']
    >>> len(search("Sidomulyo", level="village")) > 50
    True
    """
    if not isinstance(query, str):
        raise InvalidType(f"a name query is a string, got {type(query).__name__}", field="query")
    include_retired = flag(include_retired, field="include_retired")
    wanted = None if level is None else _to_level(level)
    prefix = "" if within is None else get(within).code
    interpretations: list[tuple[RegionLevel | None, str | None, str]] = [(None, None, query)]
    prefixed = _split_prefix(query)
    if prefixed[0] is not None:
        interpretations.append(prefixed)
    found: set[str] = set()
    for implied_level, kind, text in interpretations:
        key = name_key(text)
        for code, code_kind, current in gazetteer().get(key, ()):
            level_of_code = _LEVEL_BY_LENGTH[len(code)]
            if implied_level is not None and implied_level is not level_of_code:
                continue
            if kind is not None and code_kind != kind:
                continue
            if wanted is not None and level_of_code is not wanted:
                continue
            if not code.startswith(prefix):
                continue
            if not include_retired and not current:
                continue
            found.add(code)
    ordered = sorted(found, key=lambda c: (len(c), c))
    return tuple(RegionMatch(region=_region(c), path=(*ancestors(c), _region(c))) for c in ordered)


def codes(level: RegionLevel | str | None = None, *, retired: bool = False) -> tuple[str, ...]:
    """Every current code (or, with ``retired=True``, every retired code), sorted.

    Args:
        level: only the codes of this level (a :class:`RegionLevel` or its value, such as
            ``"district"``); every level without it.
        retired: the codes retired since 2015 instead of the current ones.

    Returns:
        The codes, compact, sorted.

    Raises:
        ValidationError: ``level`` is not a level (code ``level``).
        InvalidType: ``retired`` is not a ``bool``.

    >>> len(codes("district")), len(codes("regency", retired=True))
    (7285, 26)
    """
    return _codes(None if level is None else _to_level(level), flag(retired, field="retired"))


@functools.lru_cache(maxsize=16)
def _codes(level: RegionLevel | None, retired: bool) -> tuple[str, ...]:
    registry = _registry()
    pool: Iterable[str] = (
        (c for c in registry.historical if c not in registry.names) if retired else registry.names
    )
    if level is not None:
        pool = (c for c in pool if len(c) == level.code_length)
    return tuple(sorted(pool))


def data_info() -> DataInfo:
    """Counts and provenance of the packaged data.

    Returns:
        The :class:`DataInfo`: current and retired codes by level, the rows of the
        historical table, the number of postal codes, and the sources' provenance.

    Raises:
        Nothing for a caller's input: it reads the package's own tables.

    >>> info = data_info()
    >>> info.current[RegionLevel.VILLAGE], info.historical_rows
    (83762, 7878)
    """
    registry = _registry()
    current = dict.fromkeys(RegionLevel, 0)
    for code in registry.names:
        current[_LEVEL_BY_LENGTH[len(code)]] += 1
    retired = dict.fromkeys(RegionLevel, 0)
    for code in registry.historical:
        if code not in registry.names:
            retired[_LEVEL_BY_LENGTH[len(code)]] += 1
    return DataInfo(
        current=current,
        retired=retired,
        historical_rows=registry.historical_rows,
        postal_codes=len(registry.by_postal),
        provenance=registry.provenance,
    )


@functools.cache
def _points() -> dict[str, tuple[float, float]]:
    text = (resources.files("adminduk_delivery") / "_data" / "centroids.tsv").read_text(
        encoding="utf-8"
    )
    _header, cells = _columns(text, 3)
    lats = map(float, cells[1::3])
    lons = map(float, cells[2::3])
    return dict(zip(cells[0::3], zip(lats, lons, strict=True), strict=True))


def point(code: str) -> tuple[float, float] | None:
    """A representative point (latitude, longitude) of a current region.

    The point is the centre of the region's territory (area centroid, moved inside the polygon
    where needed), not of its settlement. A village without a point of its own (359 new ones)
    gets its district's. Retired codes have no point. The table loads on first use.

    Args:
        code: a region code, compact or dotted.

    Returns:
        ``(latitude, longitude)`` in degrees, or ``None`` for a retired code.

    Raises:
        UnknownRegion: ``code`` is unknown; InvalidType, InvalidFormat, InvalidLength: it is
            not a region code at all (see :func:`get`).

    >>> point("3216202001")
    (-6.36792, 107.15033)
    """
    region = get(code)
    if region.retired:
        return None
    points = _points()
    found = points.get(region.code)
    if found is None and region.parent_code is not None:
        return points.get(region.parent_code)
    return found


def _region(code: str) -> Region:
    region = _registry().region(code)
    if region is None:  # pragma: no cover - codes come from the registry itself
        raise UnknownRegion(f"unknown code {code}", field="code")
    return region
