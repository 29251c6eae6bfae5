"""Extract the earlier spellings of current region names from the archived Kemendagri editions.

``shared/data/wilayah/historical_codes.csv`` lists the codes that were retired and 25 codes
that were renamed substantially; a name whose spelling changed between editions (the
district 130501, "Lubuk Alung" until Kepmendagri 100.1.1-6117/2022 and "Lubuak Aluang" since
2025; the district "Sungai Garingging", now "Sungai Garinggiang") is in neither, though
addresses, older databases and the documents of those years still carry it. This script
reads the archived editions of cahyadsn/wilayah (the source of ``regions.csv`` and
``historical_codes.csv``) and writes ``scripts/former_spellings.csv``: for each current
code, each earlier name that is a spelling of its current one. ``scripts/build_data.py``
packages that file; this script is run by hand when the sources change.

A spelling of the current name means: its folded key (``regions.name_key``, a regency's
without its Kab./Kota) differs from the current one and from the names already in
``historical_codes.csv`` (a number in digits, Roman numerals or words is one key, and so is
a word and its abbreviation in ``regions.ABBREVIATIONS``: "Ilir Barat II" is not a spelling
of "Ilir Barat Dua" but the same name, and "Sei Putih" of "Sungai Putih"); the earlier name
is the current one without a qualifier at its start or end ("Puuk", now "Puuk Aree";
"Jurong", now "Meunasah Jurong": names the ratio below misses, most of them in Aceh; not one
made only of words found in 50 current names or more, "Gampong", now "Gampong Krueng
Seumideun", or "Baru", now "Baru Waki", which would stand for that one village wherever it
is written), or the two are alike, by a ``difflib`` ratio of at least 0.8 (the pairs from
0.7 to 0.8 mix spellings with other names, "Lansirang" and "Lanrisang" but "Sirnajaya" and
"Sirnajati", so they are left to the curated file, as are those below, and those whose
current name is the earlier one shortened, "Lepar Pongok", now "Lepar", which may have been
split); and no current region of the same level in the same parent bears it (an old name now
another region's, as "Rumbai" in Pekanbaru, would make both ambiguous), nor did another of
its siblings (the editions before 2025 list two villages of Dolok Masihul as "Batu", now
"Batu 12" and "Batu 13").

The editions read are those of Permendagri 137/2017 to Kepmendagri 100.1.1-6117/2022; the
archive of Permendagri 56/2015 is left out, as 127 of its names carry stray spaces and
numbers (" x  Enam Lingkuang  3", "T. Jambo Aye  47").

Usage::

    python scripts/extract_former_spellings.py --archive /path/to/cahyadsn/wilayah[.git]
"""

from __future__ import annotations

import argparse
import csv
import difflib
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from adminduk_delivery.regions import name_key, split_prefix  # noqa: E402

DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "wilayah"
TARGET = ROOT / "scripts" / "former_spellings.csv"
ARCHIVE_COMMIT = "b7ad440a1322e7be3189a16a8cac35f7d4c3d7f7"
EDITIONS = {  # archive file: the tag of historical_codes.csv
    "wilayah_2018": "P137-2017",
    "wilayah_2020": "P72-2019",
    "wilayah_2022": "P58-2021",
    "wilayah_2023": "K6117-2022",
}
LEVELS = {2: "province", 4: "regency", 6: "district", 10: "village"}
ALIKE = 0.8
COMMON = 50
"""A word in this many current names or more says nothing by itself ("Baru", "Raya",
"Gampong", "Tanjong"): an earlier name made only of such words is no name of one village."""
ROW = re.compile(r"""\(\s*(['"])([\d.]+)\1\s*,\s*(['"])((?:(?!\3).|\3\3)*)\3\s*\)""")

HEADER = """\
# Earlier spellings of current Kemendagri region names, by code: written by
# scripts/extract_former_spellings.py (see its docstring for the rule); do not edit by hand.
# Source: cahyadsn/wilayah @ {commit}, db/archive/wilayah_2018..2023.sql
#   (Permendagri 137/2017, 72/2019, 58/2021, Kepmendagri 100.1.1-6117/2022),
#   compared with regions.csv (Kepmendagri 300.2.2-2138/2025). MIT License, Cahya DSN.
# Rows: {rows} ({by_level})
"""


def _edition(archive: Path, name: str) -> dict[str, str]:
    path = archive / "db" / "archive" / f"{name}.sql"
    if path.exists():
        text = path.read_text(encoding="utf-8")
    else:  # a bare git directory (a mirror): read the file at the pinned commit
        text = subprocess.run(
            ["git", "-C", str(archive), "show", f"{ARCHIVE_COMMIT}:db/archive/{name}.sql"],
            check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
    rows = {}
    for match in ROW.finditer(text):
        quote = match.group(3)
        rows[match.group(2).replace(".", "")] = match.group(4).replace(quote * 2, quote).strip()
    if not rows:
        raise ValueError(f"no rows read from {name}")
    return rows


def _parent(code: str) -> str:
    return code[: {2: 0, 4: 2, 6: 4, 10: 6}[len(code)]]


def _key(code: str, name: str) -> str:
    return name_key(split_prefix(name)[2] if len(code) == 4 else name)


def _words(name: str) -> list[str]:
    return [key for key in (name_key(w) for w in re.findall(r"\w+", name.casefold())) if key]


def common_words(names: Iterable[str]) -> frozenset[str]:
    """The words (keys) found in :data:`COMMON` or more of ``names``."""
    counts = Counter(word for name in names for word in set(_words(name)))
    return frozenset(word for word, n in counts.items() if n >= COMMON)


def _alike(earlier: str, current: str, common: frozenset[str] = frozenset()) -> bool:
    """Whether ``earlier`` is a spelling of ``current``: alike letter by letter, or the
    current name without a qualifier at its start or end ("Puuk" for "Puuk Aree"), holding
    a word that is not ``common``."""
    before, now = _words(earlier), _words(current)
    if 0 < len(before) < len(now) and before in (now[: len(before)], now[-len(before) :]):
        return any(word not in common for word in before)
    a, b = "".join(before), "".join(now)
    return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= ALIKE


def extract(archive: Path, source: Path = DEFAULT_SOURCE) -> list[tuple[str, str, str, str]]:
    """The rows ``(code, level, earlier name, editions)``, sorted by code and name."""
    with (source / "regions.csv").open(encoding="utf-8", newline="") as handle:
        current = {row["code"]: row["name"] for row in csv.DictReader(handle)}
    with (source / "historical_codes.csv").open(encoding="utf-8", newline="") as handle:
        listed = {(row["code"], _key(row["code"], row["name"])) for row in csv.DictReader(handle)}
    common = common_words(current.values())
    siblings: dict[tuple[str, str], set[str]] = {}
    for code, name in current.items():
        siblings.setdefault((_parent(code), _key(code, name)), set()).add(code)
    found: dict[tuple[str, str], tuple[str, list[str]]] = {}
    for edition, tag in EDITIONS.items():
        for code, name in _edition(archive, edition).items():
            if code not in current or len(code) not in LEVELS:
                continue
            key, now = _key(code, name), _key(code, current[code])
            parent = _parent(code)
            if (
                key == now
                or not key
                or (code, key) in listed
                or siblings.get((parent, key), set()) - {code}
                or not _alike(name, current[code], common)
            ):
                continue
            _name, tags = found.setdefault((code, key), (name, []))
            tags.append(tag)
    shared: dict[tuple[str, str], int] = {}
    for code, key in found:
        shared[_parent(code), key] = shared.get((_parent(code), key), 0) + 1
    return sorted(
        (code, LEVELS[len(code)], name, " ".join(tags))
        for (code, key), (name, tags) in found.items()
        if shared[_parent(code), key] == 1
    )


def render(rows: list[tuple[str, str, str, str]]) -> str:
    """The CSV text of ``rows`` with its provenance header."""
    counts = {level: sum(1 for r in rows if r[1] == level) for level in LEVELS.values()}
    lines = [
        HEADER.format(
            commit=ARCHIVE_COMMIT,
            rows=len(rows),
            by_level=", ".join(f"{n} {level}" for level, n in counts.items()),
        ),
        "code,level,name,editions\n",
    ]
    for code, level, name, tags in rows:
        quoted = f'"{name}"' if "," in name or '"' in name else name
        lines.append(f"{code},{level},{quoted},{tags}\n")
    return "".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", type=Path, required=True)
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    args = parser.parse_args(argv)
    TARGET.write_text(render(extract(args.archive, args.source)), encoding="utf-8", newline="\n")
    print(f"wrote: {TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
