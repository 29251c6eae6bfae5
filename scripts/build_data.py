"""Build the packaged reference data of adminduk-delivery from ``shared/data/wilayah``.

This script is the only place in the project that reads the upstream CSV files. It writes
compact, tab-separated copies with a provenance header into ``src/adminduk_delivery/_data/``;
those files are committed, and ``tests/test_data_build.py`` proves that they are exactly what
this script produces.

Usage::

    python scripts/build_data.py [--source ../shared/data/wilayah] [--check]

``--check`` writes nothing and exits 1 when the committed files differ from a fresh build.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "wilayah"
CENTROIDS = "centroids"  # a sibling folder of the wilayah source: ../centroids/centroids.csv
SPELLINGS = ROOT / "scripts" / "former_spellings.csv"  # scripts/extract_former_spellings.py
TARGET = ROOT / "src" / "adminduk_delivery" / "_data"

LEVELS = {2: "province", 4: "regency", 6: "district", 10: "village"}

REGIONS_HEADER = """\
# adminduk-delivery packaged reference data: Kemendagri region codes and postal codes.
# Built by scripts/build_data.py; do not edit by hand.
# Regulation: Kepmendagri No. 300.2.2-2138 Tahun 2025 (25 April 2025), as amended by
#   Kepmendagri No. 300.2.2-2430 Tahun 2025 (23 June 2025).
# Region codes: cahyadsn/wilayah, db/wilayah.sql, snapshot b7ad440a1322e7be3189a16a8cac35f7d4c3d7f7
#   (last change to the file: d68e8d5516f969d1905d0b2940f20034becb0db7, 2026-02-13).
#   MIT License, Copyright (c) 2017-2025 Cahya DSN.
# Postal codes: cahyadsn/wilayah_kodepos, db/wilayah_kodepos.sql,
#   commit c4b38cbc63d0e02a9e7be1c3d782589c90e7672a. MIT License, Copyright (c) 2024 Cahya DSN.
#   One postal code per village; Pos Indonesia remains the authority.
# Source files: regions.csv sha256 {regions_sha}, postal_codes.csv sha256 {postal_sha}
# Counts: {counts}
# Columns (tab-separated, always three): code, name, postal_code (empty but for villages).
#   Level and parent follow from the code: 2 digits province, 4 regency, 6 district, 10 village.
"""

HISTORICAL_HEADER = """\
# adminduk-delivery packaged reference data: retired and renamed Kemendagri region codes.
# Built by scripts/build_data.py; do not edit by hand.
# Editions compared: Permendagri 39/2015 and 56/2015, Permendagri 137/2017, Permendagri 72/2019,
#   Permendagri 58/2021, Kepmendagri 100.1.1-6117/2022, Kepmendagri 300.2.2-2138/2430/2025.
# Sources: cahyadsn/daerah db_daerah.sql @ 5fc4c663cf3a7e4ffdda0ebf8868ac4062611d42 and the
#   archives of cahyadsn/wilayah (db/archive/wilayah_2016..2023.sql). MIT License, Cahya DSN.
# Successor codes are INFERRED by name matching, not official. Nothing before Permendagri
#   39/2015 is covered: NIKs issued before 2015 may carry older codes that are not listed here.
# Source file: historical_codes.csv sha256 {historical_sha}
# Rows: {rows} ({retired} retired, {renamed} renamed with the code still valid)
# Columns (tab-separated): code, level, name, note, successor codes separated by "|".
"""

CENTROIDS_HEADER = """\
# adminduk-delivery packaged reference data: one representative point per current region.
# Built by scripts/build_data.py; do not edit by hand.
# Source: cahyadsn/wilayah_boundaries, snapshot 3c5a7960f4d227a38489094d84252bdbb3f978a5,
#   MIT License, Copyright (c) 2024 Cahya DSN. The geometry probably derives from BIG (Badan
#   Informasi Geospasial) boundary data, whose terms (attribution to BIG) may also apply.
# Each point is the area centroid of the region's polygon (moved inside where it fell
#   outside): the centre of the territory, not of the settlement.
# Villages without a point ({missing} new ones) are absent: use their district's point.
# Source file: centroids.csv sha256 {centroids_sha}
# Rows: {rows}
# Columns (tab-separated): code, latitude, longitude (WGS84, 5 decimals).
"""


SPELLINGS_HEADER = """\
# adminduk-delivery packaged reference data: earlier spellings of current region names.
# Built by scripts/build_data.py from scripts/former_spellings.csv; do not edit by hand.
{provenance}
# Source file: former_spellings.csv sha256 {spellings_sha}
# Columns (tab-separated): code, earlier name, the editions that list it.
"""


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _clean(text: str) -> str:
    if "\t" in text or "\n" in text:
        raise ValueError(f"unexpected tab or newline in {text!r}")
    return text.strip()


def build(source: Path = DEFAULT_SOURCE) -> dict[str, str]:
    """Return the packaged files (name to text) built from the CSV files in ``source``."""
    regions = _read_csv(source / "regions.csv")
    postal = {
        row["village_code"]: row["postal_code"] for row in _read_csv(source / "postal_codes.csv")
    }
    historical = _read_csv(source / "historical_codes.csv")

    counts = dict.fromkeys(LEVELS.values(), 0)
    lines = []
    seen: set[str] = set()
    for row in sorted(regions, key=lambda r: r["code"]):
        code = row["code"]
        level = LEVELS[len(code)]
        if row["level"] != level or code in seen:
            raise ValueError(f"inconsistent row for {code}")
        parent = row["parent_code"]
        if level != "province" and parent not in seen:
            raise ValueError(f"{code}: parent {parent} missing or out of order")
        seen.add(code)
        counts[level] += 1
        postal_code = postal.get(code, "") if level == "village" else ""
        if level == "village" and not postal_code:
            raise ValueError(f"{code}: no postal code")
        lines.append(f"{code}\t{_clean(row['name'])}\t{postal_code}")
    unknown_postal = set(postal) - seen
    if unknown_postal:
        raise ValueError(f"postal codes for unknown villages: {sorted(unknown_postal)[:5]}")

    count_text = ", ".join(f"{n} {level}" for level, n in counts.items())
    regions_text = REGIONS_HEADER.format(
        regions_sha=_sha256(source / "regions.csv"),
        postal_sha=_sha256(source / "postal_codes.csv"),
        counts=count_text,
    ) + "".join(line + "\n" for line in lines)

    hist_lines = []
    renamed = 0
    for row in historical:
        code = row["code"]
        if LEVELS.get(len(code)) != row["level"]:
            raise ValueError(f"inconsistent historical row for {code}")
        renamed += code in seen
        hist_lines.append(
            "\t".join(
                (
                    code,
                    row["level"],
                    _clean(row["name"]),
                    _clean(row["valid_until_note"]),
                    _clean(row["successor_code"]),
                )
            )
        )
    hist_lines.sort()
    historical_text = HISTORICAL_HEADER.format(
        historical_sha=_sha256(source / "historical_codes.csv"),
        rows=len(historical),
        retired=len(historical) - renamed,
        renamed=renamed,
    ) + "".join(line + "\n" for line in hist_lines)

    spelling_text = _spellings(current=seen)

    centroid_source = source.parent / CENTROIDS / "centroids.csv"
    centroid_rows = _read_csv(centroid_source)
    point_lines = []
    for row in centroid_rows:
        code = row["code"]
        if code not in seen:
            raise ValueError(f"centroid for unknown code {code}")
        lat, lon = float(row["lat"]), float(row["lon"])
        point_lines.append(f"{code}\t{lat:.5f}\t{lon:.5f}")
    point_lines.sort()
    centroids_text = CENTROIDS_HEADER.format(
        missing=counts["village"] - sum(1 for r in centroid_rows if r["level"] == "village"),
        centroids_sha=_sha256(centroid_source),
        rows=len(point_lines),
    ) + "".join(line + "\n" for line in point_lines)

    return {
        "regions.tsv": regions_text,
        "historical.tsv": historical_text,
        "centroids.tsv": centroids_text,
        "spellings.tsv": spelling_text,
    }


def _spellings(*, current: set[str], path: Path = SPELLINGS) -> str:
    """The packaged table of earlier spellings, each of a current code."""
    text = path.read_text(encoding="utf-8")
    provenance = [line.rstrip("\n") for line in text.splitlines(True) if line.startswith("#")]
    body = [line for line in text.splitlines(True) if not line.startswith("#")]
    lines = []
    for row in csv.DictReader(body):
        code = row["code"]
        if code not in current or LEVELS[len(code)] != row["level"]:
            raise ValueError(f"a spelling of {code}, which is not a current {row['level']}")
        lines.append(f"{code}\t{_clean(row['name'])}\t{_clean(row['editions'])}")
    return SPELLINGS_HEADER.format(
        provenance="\n".join(line for line in provenance[2:]),
        spellings_sha=_sha256(path),
    ) + "".join(line + "\n" for line in sorted(lines))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    args = parser.parse_args(argv)
    files = build(args.source)
    stale = []
    for name, text in files.items():
        path = TARGET / name
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            stale.append(name)
            if not args.check:
                path.write_text(text, encoding="utf-8", newline="\n")
    if args.check:
        for name in stale:
            print(f"stale: {name}", file=sys.stderr)
        return 1 if stale else 0
    for name in files:
        print(f"{'wrote' if name in stale else 'unchanged'}: {TARGET / name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
