"""How :func:`adminduk_delivery.address.parse` reads a text: RT/RW, house number and postal
code by patterns, the rest split into pieces and resolved against the registry's gazetteer.

Private: :mod:`adminduk_delivery.address` holds the value types, the table of RT/RW shapes and
:func:`~adminduk_delivery.address.parse`, which checks its arguments, calls :func:`read` and
builds the result from its :class:`Reading`.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator, Mapping
from typing import Final

import attrs

from . import regions as _regions
from ._region_words import level_word_groups

_FLAGS: Final = re.IGNORECASE


Reading = tuple[
    str | None,  # the village code, None when ambiguous or not found
    str,  # the status, a ParseStatus value
    float,  # the confidence
    tuple[str, ...],  # the candidates
    tuple[str, ...],  # the warnings
    str,  # the street
    str,  # the house number
    str | None,  # RT
    str | None,  # RW
    str | None,  # the postal code
    str | None,  # the dusun
]
"""What :func:`read` found in a text, in the order of the comments: the parts that
:class:`~adminduk_delivery.address.ParsedAddress` has. A plain tuple, unpacked by its one
caller: the cheapest hand-over, for a step that runs once per text."""


# Each of these patterns starts with its first letter and only then looks behind it (an "r"
# not after another letter): a pattern that starts with a letter is searched for that letter
# first, which made the RT/RW search three times faster than a look-behind first.
_RT_RW_PAIR: Final = re.compile(
    r"r(?<![a-z]r)(?:"
    # RT 003/RW 005, RT.14/RW.1, RT 3 RW 5, rt03rw05, RT:3, RW:5
    r"t\s*[.:]?\s*(?P<rt1>\d{1,3})(?!\d)\s*[/,\\-]?\s*rw\s*[.:]?\s*(?P<rw1>\d{1,3})(?!\d)"
    # RT/RW 003/005, RT.RW 3-5
    r"|t\s*[./]?\s*rw\s*[.:]?\s*(?P<rt2>\d{1,3})\s*[/-]\s*(?P<rw2>\d{1,3})(?!\d)"
    # RW 005 RT 003
    r"|w\s*[.:]?\s*(?P<rw3>\d{1,3})(?!\d)\s*[/,\\-]?\s*rt\s*[.:]?\s*(?P<rt3>\d{1,3})(?!\d)"
    # RT 04/14, Rt.011/010, RT 004 / 014: the RW's label left out
    r"|t\s*[.:]?\s*(?P<rt4>\d{1,3})\s*/\s*(?P<rw4>\d{1,3})(?!\d))",
    _FLAGS,
)
_RT_ALONE: Final = re.compile(r"r(?<![a-z]r)t\s*[.:]?\s*(\d{1,3})(?!\d)", _FLAGS)
_RW_ALONE: Final = re.compile(r"r(?<![a-z]r)w\s*[.:]?\s*(\d{1,3})(?!\d)", _FLAGS)
# 003/005: a pair of 2-3 digit numbers, one of them zero-padded, not after "No."
_BARE_RT_RW: Final = re.compile(r"(?<![\w/.-])(\d{2,3})\s*/\s*(\d{2,3})(?![\w/])")
_HOUSE_NUMBER: Final = re.compile(
    r"n(?<![a-z]n)(?:o|omor|mr|mor)(?![a-z])\s*\.?\s*:?\s*"
    r"(?P<digits>\d+)(?P<gap>\s?)(?P<suffix>[a-z]?(?:\s*[-/]\s*\d+[a-z]?)?)(?![\w])",
    _FLAGS,
)
# The most words a region's name has that the house number's letter may begin.
_LONGEST_NAME: Final = 6
# The last run of exactly five digits (the greedy ".*" finds it from the end).
_LAST_POSTAL: Final = re.compile(r".*(?<![0-9])([0-9]{5})(?![0-9])", re.DOTALL)
# The region's level words (one table, in regions), and the dusun's.
_ADMIN_KEYWORD: Final = re.compile(
    rf"(?<![\w]){level_word_groups(('dusun', 'dusun|dsn'))}\s*", re.IGNORECASE
)
_STREET_MARKER: Final = re.compile(
    r"^(?:jalan|jln|jl|gang|gg|blok|blk|perumahan|perum|komplek|kompleks|komp|kampung|kp|"
    r"lingkungan|lingk|griya|cluster|gedung|ruko)(?![a-z])",
    _FLAGS,
)
_SETTLEMENT: Final = re.compile(r"^(?:kampung|kpg|kp)\.?$", _FLAGS)
"""A street marker that names a settlement, the village itself where the desa is a kampung."""
_VILLAGE_WORDS: Final = frozenset(
    row.name.casefold()
    for row in _regions.LOCAL_LEVEL_NAMES
    if row.level is _regions.RegionLevel.VILLAGE
) - {"kalurahan", "kampung"}
"""The words for a desa that addresses write before its name where the desa has another
name (:data:`~adminduk_delivery.regions.LOCAL_LEVEL_NAMES`): gampong, nagari, nagori. Not
labels of :data:`~adminduk_delivery.regions._LEVEL_WORDS`, as some villages' own names
begin with them ("Gampong Keude", "Gampong Tanjong"): "Gampong X" is read as the village X
and, whole, as a village of that name, and the district decides. Kalurahan is a label
there already, and Kampung a street marker that may name the village (:data:`_SETTLEMENT`)."""
_LABEL_LEVEL: Final = {
    "province": _regions.RegionLevel.PROVINCE,
    "kabupaten": _regions.RegionLevel.REGENCY,
    "kota": _regions.RegionLevel.REGENCY,
    "district": _regions.RegionLevel.DISTRICT,
    "village": _regions.RegionLevel.VILLAGE,
}
_RESIDUE: Final = re.compile(
    r"(?<![a-z])(?:rt|rw)(?![a-z])[^,]{0,12}|(?:^|\s)/\s*\d{1,3}\b", _FLAGS
)
_RESIDUE_FACTOR: Final = 0.8
# A kilometre post on a road, the street's own (a house number is not read from it):
# "Jl. Kaliurang Km. 14,5" (Universitas Islam Indonesia's address, Sleman), with its
# decimal comma, which is not a separator of parts.
_KILOMETRE_COMMA: Final = re.compile(r"(\bkm\.?\s*\d+),(\d)", _FLAGS)
_KEPT_COMMA: Final = "\ue000"  # a private-use character, which address texts do not hold
_TRAILING_NUMBER: Final = re.compile(r"(?<!\bkm)(?<!\bkm\.)\s(\d{1,4}[a-z]?)$", _FLAGS)
# The form's or the KTP-el's field label copied with the address ("Alamat : JL. KENANGA
# NO. 7", as the card prints its Alamat line): a label with its colon, at the start only.
_FIELD_LABEL: Final = re.compile(r"^(?:alamat(?:\s+lengkap)?|address)\s*:\s*", _FLAGS)
_MAX_TEXT: Final = 1000
_LINE_BREAKS: Final = str.maketrans({"\n": ", ", "\r": " ", ";": ", ", "|": ", "})
_FUZZY_MIN_LENGTH: Final = 5


_Piece = tuple[str | None, str, str, str, bool, bool, str | None]
"""One part of the text: its label (Kec., Desa... or None), the folded name, the folded name
with its label, the text as written, whether it reads as a street, whether it is a name
taken off the end of a street-like run, and the kind of village its words name
(``"kelurahan"`` after Kel., ``"desa"`` after Desa, Gampong or a settlement's Kampung, else
``None``); read through the indices below.

A plain tuple: tuples of pieces key the resolution cache, and tuple hashing and equality run
in C. Not a named tuple: the garbage collector stops tracking a plain tuple of strings and
flags, but traverses every named tuple on every full collection, and the parser's caches hold
a few hundred thousand pieces (with them, a full collection took twice as long).
"""
_LABEL: Final = 0
_KEY: Final = 1
_RAW_KEY: Final = 2
_TEXT: Final = 3
_STREET_LIKE: Final = 4
_PEELED: Final = 5
_KIND: Final = 6


def _within_one_edit(a: str, b: str) -> bool:
    """True when a and b differ by at most one insertion, deletion, substitution or swap."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la > lb:
        a, b, la, lb = b, a, lb, la
    i = 0
    while i < la and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1 :] == b[i + 1 :]:
            return True
        return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
    return a[i:] == b[i + 1 :]


def _similar(query: str, name: str) -> int | None:
    """0 for the same folded name, 1 for one typo (names of five letters or more), else None."""
    if query == name:
        return 0
    if (
        len(query) >= _FUZZY_MIN_LENGTH
        and -1 <= len(query) - len(name) <= 1
        and _within_one_edit(query, name)
    ):
        return 1
    return None


def _similar_any(query: str, names: tuple[str, ...]) -> int | None:
    """:func:`_similar` to the closest of ``names`` (a region's current and former names)."""
    scores = [s for s in (_similar(query, name) for name in names) if s is not None]
    return min(scores) if scores else None


@attrs.frozen
class _PathKeys:
    """A candidate village's path as folded names: each level's current name and, in the
    ``*_names`` tuples, that name first and then its former names and spellings
    (``regions.Region.former_names``: "Lubuk Alung" for the district now "Lubuak Aluang")."""

    village: str
    district: str
    regency: str
    regency_kind: str
    province: tuple[str, ...]
    village_names: tuple[str, ...]
    district_names: tuple[str, ...]
    regency_names: tuple[str, ...]


@functools.lru_cache(maxsize=65536)
def _path_keys(code: str) -> _PathKeys:
    key = _regions.name_key
    province, regency, district = _regions.ancestors(code)
    village = _regions.get(code)
    aliases = _regions.province_aliases(province.code)

    def names(region: _regions.Region) -> tuple[str, ...]:
        written = (region.name, *region.former_names)
        if region.level is _regions.RegionLevel.REGENCY:
            written = tuple(_regions.split_prefix(name)[2] for name in written)
        return tuple(dict.fromkeys(key(name) for name in written))

    village_names, district_names, regency_names = map(names, (village, district, regency))
    return _PathKeys(
        village=village_names[0],
        district=district_names[0],
        regency=regency_names[0],
        regency_kind=regency.kind or "",
        province=(key(province.name), *(key(a) for a in aliases)),
        village_names=village_names,
        district_names=district_names,
        regency_names=regency_names,
    )


@functools.lru_cache(maxsize=65536)
def _villages_for_key(key: str) -> tuple[str, ...]:
    """The current villages with this folded name."""
    return tuple(
        e.code for e in _regions.gazetteer().get(key, ()) if len(e.code) == 10 and e.current
    )


@functools.cache
def _district_keys_by_length() -> dict[int, list[str]]:
    """Every current district's folded names (current and former) by length."""
    by_length: dict[int, list[str]] = {}
    for key, entries in _regions.gazetteer().items():
        if any(len(e.code) == 6 and e.current for e in entries):
            by_length.setdefault(len(key), []).append(key)
    return by_length


@functools.lru_cache(maxsize=8192)
def _fuzzy_districts(key: str) -> bool:
    """Whether a current district's folded name (current or former) is at most one typo
    from ``key``, a name of five letters or more."""
    if len(key) < _FUZZY_MIN_LENGTH:
        return False
    by_length = _district_keys_by_length()
    return any(
        _within_one_edit(key, other)
        for length in (len(key) - 1, len(key), len(key) + 1)
        for other in by_length.get(length, ())
    )


@functools.cache
def _village_keys_by_length() -> dict[int, list[tuple[str, str]]]:
    """Every current village's folded names (current and former, as the gazetteer files
    them) by length."""
    by_length: dict[int, list[tuple[str, str]]] = {}
    for key, entries in _regions.gazetteer().items():
        for entry in entries:
            if len(entry.code) == 10 and entry.current:
                by_length.setdefault(len(key), []).append((key, entry.code))
    return by_length


@functools.lru_cache(maxsize=1024)
def _villages_within(prefixes: tuple[str, ...]) -> tuple[str, ...]:
    found: list[str] = []
    for prefix in prefixes:
        stack = [prefix]
        while stack:
            code = stack.pop()
            if len(code) == 10:
                found.append(code)
            else:
                stack.extend(r.code for r in _regions.children(code))
    return tuple(found)


def _village_keys_within(scope: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """The folded names (current and former) of the villages within ``scope``."""
    return tuple(
        (name, code) for code in _villages_within(scope) for name in _path_keys(code).village_names
    )


@functools.lru_cache(maxsize=1024)
def _village_keys_by_length_within(scope: tuple[str, ...]) -> dict[int, list[tuple[str, str]]]:
    by_length: dict[int, list[tuple[str, str]]] = {}
    for key, code in _village_keys_within(scope):
        by_length.setdefault(len(key), []).append((key, code))
    return by_length


_AFFIX: Final = 3
_AFFIXED_LENGTH: Final = 2 * _AFFIX + 1
"""Names this long or longer keep their first or their last three letters through one typo
(an edit at one place, or a swap of two neighbours, cannot reach both ends): a name one
typo from the query is found among the names that share the query's first or last three."""


@functools.cache
def _village_keys_by_affix() -> dict[tuple[int, str, str], list[tuple[str, str]]]:
    """Every village's folded name under (length, "^" and its first three letters) and
    (length, "$" and its last three), for :func:`_fuzzy_villages` over the whole country."""
    by_affix: dict[tuple[int, str, str], list[tuple[str, str]]] = {}
    for length, names in _village_keys_by_length().items():
        if length < _AFFIXED_LENGTH - 1:
            continue
        for key, code in names:
            by_affix.setdefault((length, "^", key[:_AFFIX]), []).append((key, code))
            by_affix.setdefault((length, "$", key[-_AFFIX:]), []).append((key, code))
    return by_affix


@functools.lru_cache(maxsize=8192)
def _fuzzy_villages(key: str, scope: tuple[str, ...] | None) -> tuple[str, ...]:
    """Villages whose folded name (current or former) is at most one typo from ``key``, within
    ``scope`` if given."""
    if len(key) < _FUZZY_MIN_LENGTH:
        return ()
    lengths = (len(key) - 1, len(key), len(key) + 1)
    if scope is None and len(key) >= _AFFIXED_LENGTH:
        by_affix = _village_keys_by_affix()
        near = {
            pair
            for length in lengths
            for end, affix in (("^", key[:_AFFIX]), ("$", key[-_AFFIX:]))
            for pair in by_affix.get((length, end, affix), ())
        }
    else:
        by_length = (
            _village_keys_by_length() if scope is None else _village_keys_by_length_within(scope)
        )
        near = {pair for length in lengths for pair in by_length.get(length, ())}
    return tuple(sorted({code for other, code in near if _within_one_edit(key, other)}))


@functools.lru_cache(maxsize=256)
def resolve_hint(value: str, level: _regions.RegionLevel, within: str | None) -> str:
    return _regions.resolve(value, level=level, within=within, field=level.value).code


def _segment(
    text: str, label: str | None, street_like: bool, *, joined: bool = False
) -> list[tuple[str | None, str]]:
    """Split a run of words into the names it holds: ``sukamaju tambelang bekasi`` has three.

    Text without commas or keywords runs names together. A run whose whole name is known
    stays whole, with its label too ("Desa Adat Ayapo" is a village's name). Otherwise known
    names are taken longest first, left to right; in a street-like run (``Jl. Melati
    Sukamaju``) they are peeled off the right end, keeping at least the marker and one word
    as the street. A label stays with the first part. With ``joined``, names that read
    together are one typo from a village's or district's name are that name even when each
    is a name by itself (see :func:`_split_pieces`).
    """
    key = _regions.name_key
    index = _regions.gazetteer()
    words = text.split()
    if (
        label in (None, "village")
        and len(words) > 1
        and words[0].casefold() in _VILLAGE_WORDS
        and key(" ".join(words[1:])) in index
    ):
        # "Gampong Paya Rambong": the village Paya Rambong (read whole too, by its raw key:
        # "Gampong Tanjong" is a village's name in Aceh Timur, and Tanjong one in Pidie).
        return [("village", " ".join(words[1:]))]
    if len(words) < 2 or key(text) in index:
        return [(label, text)]
    if label in _LABEL_WORDS and key(f"{_LABEL_WORDS[label]} {text}") in index:
        return [(label, text)]
    if street_like:
        peeled: list[tuple[str | None, str]] = []
        end = len(words)
        # "Kampung Animi" is a village in Papua, Siak or Berau, where the desa is a kampung,
        # and a hamlet in Java ("Kp. Cibogo, Desa Sukawijaya"): its name may be peeled off
        # whole, the marker left as the street (a labelled village is preferred to it),
        # unless the marker begins a village's own name ("Kampung Baru").
        first = 1 if _SETTLEMENT.match(words[0]) else 2
        while end > first:
            if first == 1 and key(" ".join(words[:end])) in index:
                break  # "Kampung Jawa" is a village's whole name
            start = next(
                (s for s in range(first, end) if key(" ".join(words[s:end])) in index), None
            )
            if start is None:
                break
            peeled.append((None, " ".join(words[start:end])))
            end = start
        return [(label, " ".join(words[:end])), *reversed(peeled)]
    parts: list[tuple[str | None, str]] = []
    starts: list[int] = []  # where each part begins, in words
    unknown: list[int] = []  # the words no known name took
    pending: list[str] = []
    i = 0
    while i < len(words):
        j = next((j for j in range(len(words), i, -1) if key(" ".join(words[i:j])) in index), None)
        if j is None:
            unknown.append(i)
            pending.append(words[i])
            i += 1
            continue
        if pending:
            parts.append((None, " ".join(pending)))
            starts.append(i - len(pending))
            pending = []
        parts.append((None, " ".join(words[i:j])))
        starts.append(i)
        i = j
    if pending:
        parts.append((None, " ".join(pending)))
        starts.append(len(words) - len(pending))
    if (unknown or joined) and len(parts) > 1 and label in (None, "village", "district"):
        # "Desa Pantai Sederhna, Muaragembong": a word no name took, which read with the
        # words of the parts around it is one typo from a village's name ("Pantai
        # Sederhana"), or a district's after Kec. or without a label ("Kec. Muara
        # Gembng"), is in that name: the longest such run of whole parts (from the first,
        # after a label), the words before and after it split as before. With ``joined``,
        # a run of two parts or more that are names by themselves too ("Desa Dirung Baung":
        # Dirung and Baung are villages, and Dirung Bakung the one meant).
        first = unknown[0] if unknown else 0
        for begin in [b for b in starts if b <= first and (b == 0 or label is None)]:
            for stop in range(len(words), first, -1):
                if stop - begin < 2 or (stop < len(words) and stop not in starts):
                    continue
                if not unknown and not any(begin < start < stop for start in starts):
                    continue
                run = key(" ".join(words[begin:stop]))
                if (label != "district" and _fuzzy_villages(run, None)) or (
                    label != "village" and _fuzzy_districts(run)
                ):
                    before = _segment(" ".join(words[:begin]), None, False) if begin else []
                    after = (
                        _segment(" ".join(words[stop:]), None, False) if stop < len(words) else []
                    )
                    return [*before, (label, " ".join(words[begin:stop])), *after]
    parts[0] = (label, parts[0][1])
    return parts


def _settled(text: str, index: Mapping[str, object]) -> bool:
    """Whether ``text`` is a settlement's word (:data:`_SETTLEMENT`) before a name, and both
    the whole and the name are regions' names ("Kampung Bogor" is a village in Bengkulu, and
    Bogor one in Papua Barat's Aimasi)."""
    word, _, rest = text.partition(" ")
    key = _regions.name_key
    return (
        bool(rest) and bool(_SETTLEMENT.match(word)) and key(rest) in index and key(text) in index
    )


def _split_pieces(part: str, *, joined: bool = False) -> tuple[_Piece, ...]:
    """Split one comma-separated part at keywords (Kec., Desa, Kab., ...) and into names.

    With ``joined``, names that read together are one typo from a village's or district's
    name are read as that name (the second reading of :func:`read`, for texts the first
    does not settle)."""
    key = _regions.name_key
    found = list(_ADMIN_KEYWORD.finditer(part))
    # A keyword with nothing after it is part of a name: "Cibarusah Kota", "Desa Bumi Kota".
    while found and not part[found[-1].end() :].strip(" .,:;-"):
        found.pop()
    index = _regions.gazetteer()
    # So is a whole word that ends a name with the words before it, where commas are missing:
    # "Barurambat Kota Pamekasan", "Tanjung Raya Sanga Desa Kabupaten Musi Banyuasin".
    found = [m for m in found if not _ends_a_name(part, m, found, index, joined=joined)]
    pieces: list[_Piece] = []

    def add(label: str | None, value: str, kind: str | None) -> None:
        value = value.strip(" .,:;-")
        if not value:
            return
        street_like = label is None and bool(_STREET_MARKER.match(value))
        segments = _segment(value, label, street_like, joined=joined)
        for position, (sub_label, text) in enumerate(segments):
            raw = f"{_LABEL_WORDS[sub_label]} {text}" if sub_label else text
            written_kind = kind if sub_label == "village" and position == 0 else None
            if sub_label == "village" and value.split(None, 1)[1:] == [text]:
                raw = value  # "Gampong Tanjong", whose word for a desa was taken as the label
                written_kind = "desa"
            elif position == 1 and street_like and _SETTLEMENT.match(segments[0][1]):
                written_kind = "desa"  # "Kampung Waena": where the desa is a kampung
            elif street_like and len(segments) == 1 and _settled(text, index):
                # "Kampung Bogor, Distrik Aimasi": the village Bogor where the desa is a
                # kampung, or the village named "Kampung Bogor" (in Bengkulu): read both
                # ways, the name as its key and the whole as its raw key.
                pieces.append(
                    (None, key(text.split(None, 1)[1]), key(text), text, True, False, "desa")
                )
                continue
            pieces.append(
                (
                    sub_label,
                    key(text),
                    key(raw),
                    text,
                    street_like and position == 0,
                    street_like and position > 0,
                    written_kind,
                )
            )

    def known(text: str) -> bool:
        """The registry knows the name, or, after a word for a desa, the rest of it
        ("Gampong Pasar Kota Bakti"); in the second reading, one typo from a village's name
        too ("Desa Cibarsah Kota Kecamatan Cibarusah")."""
        if key(text) in index:
            return True
        word, _, rest = text.strip(" .,:;-").partition(" ")
        if word.casefold() in _VILLAGE_WORDS and key(rest) in index:
            return True
        return joined and bool(rest) and bool(_fuzzy_villages(key(text), None))

    # Runs: (label, where the keyword starts, where the value starts); the text before the
    # first keyword is a run without a label. A run ends where the next keyword starts.
    runs: list[tuple[str | None, int, int]] = [(None, 0, 0)]
    runs += [(match.lastgroup, match.start(), match.end()) for match in found]
    kinds = [None, *(_village_kind(match) for match in found)]
    for k, (first, second) in enumerate(itertools.pairwise(found), start=1):
        if kinds[k] and kinds[k + 1] and not part[first.end() : second.start()].strip(" /"):
            kinds[k] = kinds[k + 1] = None  # "Kel/Desa", the KTP-el's label, names no kind
    ends = [keyword_start for _label, keyword_start, _value in runs[1:]] + [len(part)]
    r = 0
    while r < len(runs):
        label, _keyword_start, value_start = runs[r]
        end, r_next = ends[r], r + 1
        if label is not None and r_next < len(runs) and not part[value_start:end].strip():
            # A keyword right before another names with it: "Desa Kota Baru", "Kec. Kota".
            end, r_next = ends[r_next], r_next + 1
        if part[value_start:end].strip(" .,:;-"):
            # A name with a keyword inside ("Cibarusah Kota", "Pasar Kota Bakti") is one name
            # when the registry knows it whole: take the longest such run.
            for later in range(len(runs) - 1, r_next - 1, -1):
                if known(part[value_start : ends[later]]):
                    end, r_next = ends[later], later + 1
                    break
        value = part[value_start:end]
        if label == "dusun":
            text = value.strip(" .,:;-")
            words = text.split()
            # A village's own name may begin with the word (46 do: "Dusun Dalam" in
            # Kerinci), and run on into the next names without a comma.
            cut = next(
                (n for n in range(len(words), 0, -1)
                 if key("Dusun " + " ".join(words[:n])) in index),
                len(words),
            )  # fmt: skip
            text, rest = " ".join(words[:cut]), " ".join(words[cut:])
            if text:
                # Its raw key with the word, to be read as a village's name too.
                pieces.append(("dusun", key(text), key(f"Dusun {text}"), text, False, False, None))
            if rest:
                add(None, rest, None)
        else:
            add(label, value, kinds[r])
        r = r_next
    return tuple(pieces)


def _village_kind(match: re.Match[str]) -> str | None:
    """The kind of village a keyword names: Kel./Kelurahan a kelurahan; Desa, Ds. and
    Kalurahan (Yogyakarta's desa) a desa; ``None`` for the other levels' keywords."""
    if match.lastgroup != "village":
        return None
    return "kelurahan" if match.group().casefold().startswith("kel") else "desa"


def _ends_a_name(
    part: str,
    match: re.Match[str],
    found: list[re.Match[str]],
    index: Mapping[str, tuple[_regions.NameEntry, ...]],
    *,
    joined: bool,
) -> bool:
    """Whether the keyword ``match``, a whole word without a dot ("Kota", "Desa"), is the
    last word of a known name with some of the words since the previous keyword, rather
    than the label of what follows it ("Kota Batam" is a kota: "Sagulung Kota" is a village
    of Batam, and the text "Sagulung Kota Batam" names both); with ``joined`` (the second
    reading), of a name one typo from a village's ("Desa Cibarusa Kota Cibarusah")."""
    word = match.group().strip()
    if not word.isalpha():
        return False
    key = _regions.name_key
    later = [m.start() for m in found if m.start() > match.start()]
    value = key(part[match.end() : min(later, default=len(part))])
    group = match.lastgroup or ""
    level = _LABEL_LEVEL.get(group)  # None for a dusun, which the registry does not list
    kind = group if group in ("kabupaten", "kota") else None
    named = index.get(value, ())
    if level and any(len(e.code) == level.code_length and kind in (None, e.kind) for e in named):
        return False
    start = max((m.end() for m in found if m.end() <= match.start()), default=0)
    before = part[start : match.start()].split()
    if any(key(" ".join([*before[i:], word])) in index for i in range(len(before))):
        return True
    return joined and any(
        _fuzzy_villages(key(" ".join([*before[i:], word])), None) for i in range(len(before))
    )


_LABEL_WORDS: Final = {
    "province": "Provinsi",
    "kabupaten": "Kabupaten",
    "kota": "Kota",
    "district": "Kecamatan",
    "village": "Desa",
    "dusun": "Dusun",
}


def _piece_levels(piece: _Piece, keys: _PathKeys, use_raw: bool) -> dict[str, int]:
    """The levels of the candidate's path that the piece names, with 0 (exact) or 1 (typo)."""
    key = piece[_RAW_KEY] if use_raw else piece[_KEY]
    label = None if use_raw else piece[_LABEL]
    found: dict[str, int] = {}
    if label in (None, "village"):
        score = _similar_any(key, keys.village_names)
        if score is not None:
            found["village"] = score
    if label in (None, "district"):
        score = _similar_any(key, keys.district_names)
        if score is not None:
            found["district"] = score
    if label in (None, "kabupaten", "kota") and (label is None or label == keys.regency_kind):
        score = _similar_any(key, keys.regency_names)
        if score is not None:
            found["regency"] = score
    if label in (None, "province"):
        scores = [s for s in (_similar(key, p) for p in keys.province) if s is not None]
        if scores:
            found["province"] = min(scores)
    return found


_LEVEL_ORDER: Final = {"village": 0, "district": 1, "regency": 2, "province": 3}


@attrs.frozen
class _Evaluation:
    code: str
    conflicts: int
    support: int
    typos: int
    disorder: int
    unexplained: tuple[int, ...]
    used: frozenset[int]
    postal_match: bool | None
    village_piece: int
    village_in_street: bool
    kind_mismatch: bool
    settlement_split: bool

    def tie_key(self) -> tuple[int, int, int]:
        return (self.conflicts, -self.support, self.typos)

    def rank(self) -> tuple[int, int, int, int, int, int, int, int, str]:
        return (*self.tie_key(), *self.tie_breakers(), self.code)

    def tie_breakers(self) -> tuple[int, int, int, int, int]:
        """What sets apart readings that explain the text equally well, in order: fewer
        names left unexplained, the village read from its own position rather than from
        inside a street, the parts in the usual order, the kind of village its label
        names (a kelurahan after Kel., a desa after Desa), the name as written whole
        ("Kampung Gelgel", not Gelgel)."""
        return (
            len(self.unexplained),
            int(self.village_in_street),
            self.disorder,
            int(self.kind_mismatch),
            int(self.settlement_split),
        )


_TIE_BROKEN: Final = 0.9
"""The confidence factor of a reading chosen by a tie-breaker over another that fits."""
_TIE_WARNINGS: Final = (
    "unexplained: another village fits if a name of the text is left unexplained",
    "village_in_street: the street names another village; the village in its own position "
    "was taken",
    "order: another village fits if the parts are read in an unusual order",
    "village_kind: another village of the name fits, of the other kind (kelurahan or desa) "
    "than the text's label names",
    "settlement: another village fits if the settlement's word before the name (Kampung) "
    "is read as the word for a desa rather than as part of the name",
)


@functools.lru_cache(maxsize=32768)
def _village_piece_order(pieces: tuple[_Piece, ...]) -> tuple[tuple[int, _Piece, bool], ...]:
    """The pieces that may name the village, in order of preference: labelled ``Desa``/``Kel.``
    first, then unlabelled names, names peeled off a street, and labelled names read whole
    with their label (a village named "Desa Baru" or "Kota Baru") or with a settlement's word
    ("Kampung Gelgel")."""
    return (
        *((i, p, False) for i, p in enumerate(pieces) if p[_LABEL] == "village"),
        *((i, p, False) for i, p in enumerate(pieces) if p[_LABEL] is None and not p[_PEELED]),
        *((i, p, False) for i, p in enumerate(pieces) if p[_PEELED]),
        *((i, p, True) for i, p in enumerate(pieces) if p[_RAW_KEY] != p[_KEY]),
    )


def _village_pieces(pieces: tuple[_Piece, ...], keys: _PathKeys) -> Iterator[tuple[int, int, bool]]:
    """The pieces that may name the candidate village, in order of preference, each with its
    typo score and whether the name was read without the settlement's word before it that
    is part of another village's name ("Gelgel" of "Kampung Gelgel")."""
    village = keys.village_names
    for index, piece, raw in _village_piece_order(pieces):
        # _piece_levels(piece, keys, use_raw=raw).get("village"), without the other levels
        if raw or piece[_LABEL] in (None, "village"):
            score = _similar_any(piece[_RAW_KEY] if raw else piece[_KEY], village)
            if score is not None:
                split = not raw and piece[_LABEL] is None and piece[_RAW_KEY] != piece[_KEY]
                yield index, score, split


def _evaluate(
    code: str, pieces: tuple[_Piece, ...], postal: str | None, hinted: bool
) -> _Evaluation | None:
    """How well the candidate village explains the pieces: the first piece that names it, in
    order of preference, unless that name has a typo; then a later piece may name it as
    written ("Kampung Sogomo, Dogomo": Sogomo, in the district Dogomo, rather than Sogomo
    as a typo of the village Dogomo), and the better reading is kept. A name inside a street
    ("Jl. Raya Sukamaju, Sukamaj") stays the street's."""
    keys = _path_keys(code)
    readings = _village_pieces(pieces, keys)
    first = next(readings, None)
    if first is None:
        return None
    best = _evaluate_reading(code, pieces, postal, hinted, keys=keys, village=first)
    if first[1]:
        for village in readings:
            piece = pieces[village[0]]
            if piece[_PEELED] and piece[_KIND] is None:
                continue
            evaluation = _evaluate_reading(code, pieces, postal, hinted, keys=keys, village=village)
            if evaluation.rank() < best.rank():
                best = evaluation
    return best


def _evaluate_reading(
    code: str,
    pieces: tuple[_Piece, ...],
    postal: str | None,
    hinted: bool,
    *,
    keys: _PathKeys,
    village: tuple[int, int, bool],
) -> _Evaluation:
    """How well the candidate village explains the pieces with ``village`` as the piece that
    names it: each other piece counts for one purpose."""
    village_index, village_typo, settlement_split = village
    matched: dict[str, int] = {}
    positions: dict[str, int] = {"village": village_index}
    conflicts = 0
    unexplained: list[int] = []
    used = {village_index}
    levels_of: dict[int, set[str]] = {}
    for index, piece in enumerate(pieces):
        if index == village_index or piece[_LABEL] == "dusun":
            continue
        levels = _piece_levels(piece, keys, use_raw=False)
        if not levels and piece[_RAW_KEY] != piece[_KEY]:
            levels = _piece_levels(piece, keys, use_raw=True)
        repeated_village = levels.pop("village", None) is not None
        if not levels:
            if repeated_village:
                continue
            if piece[_LABEL] is not None:
                conflicts += 1
            else:
                unexplained.append(index)
            continue
        used.add(index)
        levels_of[index] = set(levels)
        for level, score in levels.items():
            matched[level] = min(score, matched.get(level, score))
            positions.setdefault(level, index)
    # A name peeled off the street ("Jl. Raya Abepura") whose levels are named in their own
    # place too ("Distrik Abepura") is the street's: it stays in the street's text.
    named = {level for i, found in levels_of.items() if not pieces[i][_PEELED] for level in found}
    used -= {i for i, found in levels_of.items() if pieces[i][_PEELED] and found <= named}
    ordered = sorted(positions, key=positions.__getitem__)
    disorder = sum(1 for a, b in itertools.pairwise(ordered) if _LEVEL_ORDER[a] > _LEVEL_ORDER[b])
    postal_match = None if postal is None else _regions.postal_code(code) == postal
    support = len(matched) + int(bool(postal_match)) + int(hinted)
    return _Evaluation(
        code=code,
        conflicts=conflicts,
        support=support,
        typos=village_typo + sum(matched.values()),
        disorder=disorder,
        unexplained=tuple(unexplained),
        used=frozenset(used),
        postal_match=postal_match,
        village_piece=village_index,
        village_in_street=pieces[village_index][_PEELED],
        kind_mismatch=_kind_mismatch(pieces[village_index][_KIND], code),
        settlement_split=settlement_split,
    )


def _kind_mismatch(written: str | None, code: str) -> bool:
    """Whether the text names the village as another kind than the registry's
    (:attr:`~adminduk_delivery.regions.Region.kind`; a desa adat is a desa here)."""
    return written is not None and (written == "kelurahan") != (
        _regions.get(code).kind == "kelurahan"
    )


@attrs.frozen
class _Resolution:
    status: str
    code: str | None
    confidence: float
    candidates: tuple[str, ...]
    warnings: tuple[str, ...]
    street_pieces: tuple[int, ...]
    unused_pieces: tuple[int, ...]
    village_piece: int | None = None


def _confidence(best: _Evaluation) -> float:
    confidence = 1.0
    confidence *= 0.85**best.typos
    if best.support == 0:
        confidence *= 0.7
    elif best.support == 1:
        confidence *= 0.9
    if best.postal_match is False:
        confidence *= 0.9
    if best.conflicts:
        confidence *= 0.5**best.conflicts
    return round(confidence, 3)


_STREET_PLACEHOLDER: Final[_Piece] = (None, "", "", "", True, False, None)
"""Stands in for a street that names no region, so that resolutions are shared between
addresses that differ only in their street (most of a regency's addresses)."""


def _for_resolution(piece: _Piece) -> _Piece:
    """The piece without its written text: resolution works on folded names only."""
    if piece[_STREET_LIKE] and piece[_KEY] not in _regions.gazetteer():
        return _STREET_PLACEHOLDER
    return (
        piece[_LABEL],
        piece[_KEY],
        piece[_RAW_KEY],
        "",
        piece[_STREET_LIKE],
        piece[_PEELED],
        piece[_KIND],
    )


@functools.lru_cache(maxsize=65536)
def _split_pieces_for_resolution(
    part: str, joined: bool
) -> tuple[tuple[_Piece, ...], tuple[_Piece, ...]]:
    """The pieces of a part with a name, and their forms for :func:`_resolve` (in step).
    (``joined`` is positional: the cache's key is quicker to build without a keyword.)"""
    pieces = tuple(piece for piece in _split_pieces(part, joined=joined) if piece[_KEY])
    return pieces, tuple(map(_for_resolution, pieces))


def _pieces_of(parts: list[str], *, joined: bool) -> tuple[tuple[_Piece, ...], tuple[_Piece, ...]]:
    """The pieces of the comma-separated parts, and their forms for :func:`_resolve`."""
    written: list[_Piece] = []
    resolvable: list[_Piece] = []
    for part in parts:
        part_pieces, part_forms = _split_pieces_for_resolution(part, joined)
        written += part_pieces
        resolvable += part_forms
    return tuple(written), tuple(resolvable)


def _trust(resolution: _Resolution) -> tuple[bool, float]:
    """How far a resolution settles the text: resolved first, then its confidence with the
    factor for parts left unused that :func:`read` applies."""
    factor = _RESIDUE_FACTOR if resolution.unused_pieces else 1.0
    return resolution.status == "resolved", resolution.confidence * factor


def _unsettled(resolution: _Resolution) -> bool:
    """Whether a resolution leaves the text open: no single village, a labelled part that
    contradicts it, or parts after it that name nothing."""
    return (
        resolution.status != "resolved"
        or bool(resolution.unused_pieces)
        or any(w.startswith("conflict") for w in resolution.warnings)
    )


@functools.lru_cache(maxsize=32768)
def _resolve(
    pieces: tuple[_Piece, ...], postal: str | None, scope: tuple[str, ...] | None
) -> _Resolution:
    def in_scope(code: str) -> bool:
        return scope is None or code.startswith(scope)

    candidates: set[str] = set()
    for piece in pieces:
        if piece[_LABEL] in (None, "village"):
            candidates.update(c for c in _villages_for_key(piece[_KEY]) if in_scope(c))
        if piece[_RAW_KEY] != piece[_KEY]:
            # Read whole too: "Desa Baru", "Dusun Dalam", "Kampung Bogor" are villages.
            candidates.update(c for c in _villages_for_key(piece[_RAW_KEY]) if in_scope(c))
    warnings: list[str] = []
    # One typo: a name labelled Desa/Kel. that is not a village name, an unlabelled name that
    # is no region's name at all, or any name when nothing else was found.
    index = _regions.gazetteer()
    fuzzy_scope = scope if scope is not None else _scope_from_labels(pieces)
    for piece in pieces:
        if piece[_STREET_LIKE] or piece[_LABEL] not in (None, "village"):
            continue
        if (
            not candidates
            or (piece[_LABEL] == "village" and not _villages_for_key(piece[_KEY]))
            or (piece[_LABEL] is None and piece[_KEY] not in index)
        ):
            candidates.update(_fuzzy_villages(piece[_KEY], fuzzy_scope))
    evaluations = [
        e
        for e in (_evaluate(c, pieces, postal, scope is not None) for c in candidates)
        if e is not None
    ]
    if evaluations and all(e.conflicts for e in evaluations):
        # A labelled part contradicts every reading of the names as written ("Desa Srimukti,
        # Kec. Cibitung": Srimukti lies in Tambun Utara): the villages one typo from them
        # that nothing contradicts are read too (Sarimukti, in Cibitung), and rank first.
        retried = {
            code
            for piece in pieces
            if not piece[_STREET_LIKE] and piece[_LABEL] in (None, "village")
            for code in _fuzzy_villages(piece[_KEY], fuzzy_scope)
        } - candidates
        evaluations += [
            e
            for e in (_evaluate(c, pieces, postal, scope is not None) for c in sorted(retried))
            if e is not None and not e.conflicts
        ]
    if not evaluations:
        return _Resolution(
            status="not_found",
            code=None,
            confidence=0.0,
            candidates=(),
            warnings=("village_not_found: no village name in the text matches the registry",),
            street_pieces=tuple(i for i, p in enumerate(pieces) if p[_LABEL] is None),
            unused_pieces=(),
        )
    evaluations.sort(key=_Evaluation.rank)
    best = evaluations[0]
    tied = [e for e in evaluations if e.tie_key() == best.tie_key()]
    broken = False
    for breaker, warning in enumerate(_TIE_WARNINGS):
        if len(tied) == 1 or best.conflicts:
            # A labelled part contradicts every reading (two addresses in one text, say):
            # no tie-breaker settles that.
            break
        # Readings that explain the text equally well: the next tie-breaker decides when it
        # sets exactly one apart, and the reader is told which way it went.
        level = best.tie_breakers()[breaker]
        kept = [e for e in tied if e.tie_breakers()[breaker] == level]
        if len(kept) < len(tied):
            warnings.append(warning)
            broken = True
        tied = kept
    # Candidates contradicted by a labelled part (another district, say) are not worth listing.
    ranked = tuple(e.code for e in evaluations if e.conflicts == best.conflicts)
    if len(tied) > 1:
        warnings.append(
            f"ambiguous: {len(tied)} villages fit; add the district or regency, "
            "or pass a regency/district hint"
        )
        return _Resolution(
            status="ambiguous",
            code=None,
            confidence=round(_confidence(best) / len(tied), 3),
            candidates=ranked,
            warnings=tuple(warnings),
            street_pieces=(),
            unused_pieces=(),
        )
    if best.typos:
        warnings.append("typo: a name differs from the registry by one letter")
    if best.conflicts:
        warnings.append("conflict: a labelled part names another region than the village's")
    if best.postal_match is False:
        warnings.append(
            "postal_code_mismatch: the postal code is not the village's packaged one (kept)"
        )
    # The street: what comes before the village and names no level (a name in a street, like
    # "Jl. Raya Sukamaju", stays in the street).
    street = tuple(
        i
        for i, piece in enumerate(pieces[: best.village_piece])
        if i not in best.used and piece[_LABEL] is None
    )
    return _Resolution(
        status="resolved",
        code=best.code,
        confidence=round(_confidence(best) * (_TIE_BROKEN if broken else 1.0), 3),
        candidates=ranked,
        warnings=tuple(warnings),
        street_pieces=street,
        unused_pieces=tuple(i for i in best.unexplained if i > best.village_piece),
        village_piece=best.village_piece,
    )


def _scope_from_labels(pieces: tuple[_Piece, ...]) -> tuple[str, ...] | None:
    """The districts (or regencies) named by labelled pieces, for a fuzzy village search."""
    names = _regions.gazetteer()
    for label in ("district", "kabupaten", "kota"):
        codes = [
            code
            for piece in pieces
            if piece[_LABEL] == label
            for code, kind, current in names.get(piece[_KEY], ())
            if current
            and len(code) == (6 if label == "district" else 4)
            and label in ("district", kind)
        ]
        if codes:
            return tuple(sorted(set(codes)))
    return None


def _take(pattern: re.Pattern[str], text: str) -> tuple[re.Match[str] | None, str]:
    match = pattern.search(text)
    if match is None:
        return None, text
    return match, f"{text[: match.start()]}, {text[match.end() :]}"


def _take_house_number(text: str, scope: tuple[str, ...] | None) -> tuple[str, str]:
    """The house number ("" if none) and the text without it. A letter written apart from the
    number that begins the name of a region (within ``scope`` if given) with what follows it
    is the name's, not the number's: "No. 76 N-2 Aek Nabara" is number 76 in the village N-2
    Aek Nabara, "No. 7 U Baro" number 7 in U Baro ("No. 7 B, Desa Cicau" stays 7B)."""
    match = _HOUSE_NUMBER.search(text)
    if match is None:
        return "", text
    digits, suffix = match["digits"], match["suffix"]
    if match["gap"] and suffix[:1].isalpha():  # "76 N-2", "7 U": the letter may begin a name
        rest = text[match.end() :].split(",", 1)[0]
        words = (suffix + rest).split()
        index = _regions.gazetteer()
        glued = words[0] != suffix  # "No. 76 I'odano": the name goes on after the letter
        if any(
            scope is None or entry.code.startswith(scope)
            for k in range(1 if glued else 2, min(len(words), _LONGEST_NAME) + 1)
            for entry in index.get(_regions.name_key(" ".join(words[:k])), ())
        ):
            return digits, f"{text[: match.start()]}, {suffix}{text[match.end() :]}"
    # (the text's whitespace is single spaces by now)
    return (digits + suffix).replace(" ", ""), f"{text[: match.start()]}, {text[match.end() :]}"


def _number(text: str, warnings: list[str], field: str) -> str | None:
    value = int(text)
    if not 1 <= value <= 999:
        warnings.append(f"{field}_invalid: {field.upper()} {text} is outside 1-999 (dropped)")
        return None
    return f"{value:03d}"


def read(text: str, scope: tuple[str, ...] | None) -> Reading:
    """Read an address text, within the regions of ``scope`` (codes) if given.

    Args:
        text: the address as written.
        scope: region codes the address must lie in, or ``None``.

    Returns:
        The :class:`Reading`; never raises for any text.
    """
    warnings: list[str] = []
    if len(text) > _MAX_TEXT:
        warnings.append(f"truncated: only the first {_MAX_TEXT} characters were read")
        text = text[:_MAX_TEXT]
    if "\n" in text or ";" in text or "|" in text or "\r" in text:
        text = text.translate(_LINE_BREAKS)
    work = " ".join(text.split())
    if work[:1] in "aA":  # (the only field labels: Alamat..., Address)
        work = _FIELD_LABEL.sub("", work, count=1)
    if "," in work and ("km" in work or "Km" in work or "KM" in work or "kM" in work):
        work = _KILOMETRE_COMMA.sub(f"\\1{_KEPT_COMMA}\\2", work)  # kept through the split

    postal = None
    postal_match = _LAST_POSTAL.match(work)
    if postal_match is not None:
        postal = postal_match[1]
        work = f"{work[: postal_match.start(1)]}, {work[postal_match.end(1) :]}"

    rt_text = rw_text = None
    lowered = work.lower()
    match = None
    if "rt" in lowered or "rw" in lowered:
        match, work = _take(_RT_RW_PAIR, work)
    if match:  # (one of the alternatives matched, with both of its groups)
        rt_text = match["rt1"] or match["rt2"] or match["rt3"] or match["rt4"]
        rw_text = match["rw1"] or match["rw2"] or match["rw3"] or match["rw4"]
    elif "rt" in lowered or "rw" in lowered:
        match, work = _take(_RT_ALONE, work)
        rt_text = match.group(1) if match else None
        match, work = _take(_RW_ALONE, work)
        rw_text = match.group(1) if match else None

    house_number, work = _take_house_number(work, scope)

    if rt_text is None and rw_text is None and "/" in work:
        bare = _BARE_RT_RW.search(work)
        if bare and (bare.group(1).startswith("0") or bare.group(2).startswith("0")):
            rt_text, rw_text = bare.group(1), bare.group(2)
            work = f"{work[: bare.start()]}, {work[bare.end() :]}"
    rt = None if rt_text is None else _number(rt_text, warnings, "rt")
    rw = None if rw_text is None else _number(rw_text, warnings, "rw")

    # (empty parts: the commas left where the postal code, RT/RW and number were)
    parts = [p for p in (p.strip().replace(_KEPT_COMMA, ",") for p in work.split(",")) if p]
    pieces, resolvable = _pieces_of(parts, joined=False)
    resolution = _resolve(resolvable, postal, scope)
    if _unsettled(resolution):
        # Names that are names by themselves may be one typo from the name meant, read
        # together ("Desa Dirung Baung, Tanah Siang": Dirung Bakung, not the village Dirung
        # in another district): that reading is kept where it settles the text better.
        joined, joined_forms = _pieces_of(parts, joined=True)
        if joined_forms != resolvable:
            second = _resolve(joined_forms, postal, scope)
            if _trust(second) > _trust(resolution):
                pieces, resolution = joined, second
    dusun = next(
        (
            p[_TEXT]
            for i, p in enumerate(pieces)
            if p[_LABEL] == "dusun" and i != resolution.village_piece
        ),
        None,
    )
    street = " ".join(pieces[i][_TEXT] for i in resolution.street_pieces)
    if _SETTLEMENT.match(street):
        street = ""  # a bare "Kampung", whose name was the village's, names no street
    confidence = resolution.confidence
    if resolution.unused_pieces:
        # Text after the village that names nothing of this address: say so, and trust the
        # reading less, as for text left in the street.
        unused = "; ".join(pieces[i][_TEXT] for i in resolution.unused_pieces)
        warnings.append(f"unused: parts not matched to the address: {unused}")
        confidence = round(confidence * _RESIDUE_FACTOR, 4)
    if not house_number and street:
        trailing = _TRAILING_NUMBER.search(street)
        if trailing and _STREET_MARKER.match(street):
            house_number = trailing.group(1)
            street = street[: trailing.start()]
            warnings.append("house_number_inferred: read from the end of the street")
    residue = _RESIDUE.search(street)
    if residue is not None:
        # Text in the street that reads like an RT, RW or number we could not place: say so,
        # and trust the reading less.
        warnings.append(f"unexplained: '{residue.group().strip()}' left in the street")
        confidence = round(confidence * _RESIDUE_FACTOR, 4)
    return (
        resolution.code, resolution.status, confidence, resolution.candidates,
        tuple(warnings) + resolution.warnings, street, house_number, rt, rw, postal, dusun,
    )  # fmt: skip
